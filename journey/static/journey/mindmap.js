/* Mindmap: choose a node to highlight its connections; move between nodes with the keyboard.
 * Every node is a link to its entry in the text version, so without this script Tab and Enter
 * still reach everything. */
(function () {
  "use strict";
  var figure = document.querySelector("[data-mindmap]");
  if (!figure) { return; }
  var nodes = Array.prototype.slice.call(figure.querySelectorAll(".mm-node"));
  var edges = figure.querySelectorAll(".mm-edge");
  var status = document.querySelector(".mindmap-status");
  var byId = {};
  nodes.forEach(function (node) { byId[node.getAttribute("data-node")] = node; });

  function label(node) { return node.querySelector("text").textContent; }

  function clear() {
    figure.classList.remove("has-selection");
    nodes.forEach(function (n) {
      n.classList.remove("is-selected", "is-linked");
      n.removeAttribute("aria-current");
    });
    edges.forEach(function (e) { e.classList.remove("is-linked"); });
    if (status) { status.textContent = ""; }
  }

  function select(node) {
    clear();
    var id = node.getAttribute("data-node");
    var links = (node.getAttribute("data-links") || "").split(" ").filter(Boolean);
    figure.classList.add("has-selection");
    node.classList.add("is-selected");
    node.setAttribute("aria-current", "true");
    links.forEach(function (other) { if (byId[other]) { byId[other].classList.add("is-linked"); } });
    edges.forEach(function (e) {
      if (e.getAttribute("data-source") === id || e.getAttribute("data-target") === id) {
        e.classList.add("is-linked");
      }
    });
    if (status) {
      var names = links.filter(function (o) { return byId[o]; }).map(function (o) { return label(byId[o]); });
      status.textContent = label(node) + (names.length ? ": " + figure.getAttribute("data-linked-text") + " " + names.join(", ") : "");
    }
  }

  nodes.forEach(function (node, index) {
    node.addEventListener("click", function (event) {
      event.preventDefault();
      if (node.classList.contains("is-selected")) { clear(); } else { select(node); }
    });
    node.addEventListener("keydown", function (event) {
      var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (step) {
        event.preventDefault();
        nodes[(index + step + nodes.length) % nodes.length].focus();
      } else if (event.key === "Home" || event.key === "End") {
        event.preventDefault();
        nodes[event.key === "Home" ? 0 : nodes.length - 1].focus();
      } else if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        select(node);
      } else if (event.key === "Escape") {
        clear();
      }
    });
  });
}());
