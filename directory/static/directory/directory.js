/* The directory's filters without a page reload (progressive enhancement).
 *
 * Without JavaScript the filter form is a plain GET form. With it, changing a filter fetches
 * the same URL and swaps in the new results and filters, keeps the URL in the address bar in
 * step (so it can be shared and the back button works) and announces the result count through
 * the results heading's live region.
 */
(function () {
  "use strict";
  var form = document.querySelector("[data-directory-form]");
  if (!form || !window.fetch || !window.history) return;
  var timer = null;

  function urlFor(f) {
    var params = new URLSearchParams(new FormData(f));
    Array.from(params.keys()).forEach(function (key) {
      if (params.get(key) === "" ) params.delete(key);
    });
    if (!params.get("postcode")) params.delete("straal");
    var query = params.toString();
    return f.action + (query ? "?" + query : "");
  }

  function load(url, push) {
    fetch(url, { headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("resultaten");
        var current = document.getElementById("resultaten");
        if (fresh && current) current.replaceWith(fresh);
        if (push) window.history.pushState({}, "", url);
      })
      .catch(function () { window.location.href = url; });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "q" || event.target.name === "postcode") return;
    clearTimeout(timer);
    timer = setTimeout(function () { load(urlFor(form), true); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(urlFor(form), true);
  });
  window.addEventListener("popstate", function () { load(window.location.href, false); });
})();

/* Name suggestions under the search field (WAI-ARIA combobox with a listbox popup).
 *
 * Without JavaScript the field is a plain search field. With it, typing lists the names of
 * organisations that match (the server's /partners/zoeken/namen/, the search's own name
 * matching); arrow keys move through them, Enter opens the chosen organisation, Escape closes
 * the list, and Enter without a choice searches as before. A status region announces how many
 * names there are.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-suggest]");
  if (!box || !window.fetch) return;
  var input = box.querySelector("input[type=search]");
  var list = box.querySelector("[role=listbox]");
  var status = box.querySelector("[role=status]");
  if (!input || !list || !status) return;
  var url = box.getAttribute("data-suggest-url");
  var timer = null;
  var latest = 0;
  var active = -1;
  var items = [];
  var MIN_LENGTH = 2;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-describedby", status.id);

  function announce(count) {
    var text = count === 0 ? box.getAttribute("data-suggest-none")
      : count === 1 ? box.getAttribute("data-suggest-one")
      : box.getAttribute("data-suggest-many").replace("%(count)s", String(count));
    status.textContent = text;
  }

  function close() {
    list.hidden = true;
    list.textContent = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function setActive(index) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    active = (index + options.length) % options.length;
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function open(index) {
    if (items[index]) window.location.href = items[index].url;
  }

  function render(found) {
    list.textContent = "";
    items = found;
    active = -1;
    input.removeAttribute("aria-activedescendant");
    found.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = list.id + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.name;
      // mousedown, not click: the field's blur would close the list before the click lands.
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        open(i);
      });
      list.appendChild(option);
    });
    list.hidden = found.length === 0;
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
    announce(found.length);
  }

  function lookup() {
    var text = input.value;
    var words = text.trim().split(/\s+/);
    if (!text.trim() || words[words.length - 1].length < MIN_LENGTH) {
      close();
      status.textContent = "";
      return;
    }
    var ticket = ++latest;
    fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (data) {
        if (ticket === latest && document.activeElement === input) render(data.items || []);
      })
      .catch(function () { if (ticket === latest) close(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, 200);
  });
  input.addEventListener("keydown", function (event) {
    var expanded = !list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (expanded) setActive(active + 1);
      else lookup();
    } else if (event.key === "ArrowUp" && expanded) {
      event.preventDefault();
      setActive(active - 1);
    } else if (event.key === "Enter" && expanded && active >= 0) {
      event.preventDefault();
      open(active);
    } else if (event.key === "Enter") {
      latest++;
      close(); // and the form searches as it did without suggestions
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      latest++;
      close();
    }
  });
  input.addEventListener("blur", function () { latest++; close(); });
})();
