/*
 * Ketenkaart widget: organisations for a municipality and a journey phase, on another site.
 *
 *   <script src="https://<ketenkaart>/static/apiplatform/widget.js"
 *           data-municipality="utrecht" data-phase="wijk" async></script>
 *
 * Optional: data-limit (1-20, default 5), data-heading-level (2-6, default 2),
 * data-title (heading text), data-target (id of an element to render into).
 * Only requests to the Ketenkaart origin the script came from; text is set with textContent
 * (never innerHTML); styles inherit the host page's font and colours.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var origin = new URL(script.src, document.baseURI).origin;
  var data = script.dataset;
  var limit = Math.min(20, Math.max(1, parseInt(data.limit || "5", 10) || 5));
  var level = Math.min(6, Math.max(2, parseInt(data.headingLevel || "2", 10) || 2));

  var STYLE_ID = "ketenkaart-widget-style";
  if (!document.getElementById(STYLE_ID)) {
    var style = document.createElement("style");
    style.id = STYLE_ID;
    style.textContent =
      ".kk-widget{font:inherit;color:inherit;border:1px solid currentColor;border-radius:.25em;padding:1em;max-width:40em}" +
      ".kk-widget h2,.kk-widget h3,.kk-widget h4,.kk-widget h5,.kk-widget h6{font:inherit;font-weight:bold;font-size:1.15em;margin:0 0 .5em}" +
      ".kk-widget ul{list-style:none;margin:0;padding:0}" +
      ".kk-widget li{margin:0 0 .75em}" +
      ".kk-widget a{color:inherit;text-decoration:underline}" +
      ".kk-widget a:focus{outline:2px solid currentColor;outline-offset:2px}" +
      ".kk-widget .kk-meta{display:block;font-size:.9em;opacity:.85}" +
      ".kk-widget .kk-credit{font-size:.85em;margin:.5em 0 0}";
    document.head.appendChild(style);
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  var section = el("section", "", "kk-widget");
  var headingId = "kk-widget-" + Math.random().toString(36).slice(2, 9);
  section.setAttribute("aria-labelledby", headingId);
  var heading = el("h" + level, data.title || "Organisaties bij u in de buurt");
  heading.id = headingId;
  var status = el("p", "Organisaties laden…");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  section.appendChild(heading);
  section.appendChild(status);

  var target = data.target && document.getElementById(data.target);
  if (target) { target.appendChild(section); } else { script.parentNode.insertBefore(section, script.nextSibling); }

  var params = new URLSearchParams({ page_size: String(limit) });
  if (data.municipality) { params.set("municipality", data.municipality); }
  if (data.phase) { params.set("phases", data.phase); }
  var listingUrl = origin + "/partners/?" + params.toString();

  fetch(origin + "/api/v1/organisations?" + params.toString(), {
    headers: { Accept: "application/json" },
    credentials: "omit",
    referrerPolicy: "no-referrer"
  })
    .then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    })
    .then(function (page) {
      if (!page.items.length) {
        status.textContent = "Er zijn (nog) geen organisaties gevonden.";
        return;
      }
      status.textContent = page.total === 1 ? "1 organisatie gevonden." : page.total + " organisaties gevonden.";
      var list = el("ul");
      page.items.forEach(function (item) {
        var li = el("li");
        var link = el("a", item.name);
        link.href = origin + item.links.html;
        li.appendChild(link);
        var meta = [];
        if (item.organisation_type) { meta.push(item.organisation_type.name); }
        if (item.municipalities.length) {
          meta.push(item.municipalities.map(function (m) { return m.name; }).join(", "));
        }
        if (meta.length) { li.appendChild(el("span", meta.join(" · "), "kk-meta")); }
        list.appendChild(li);
      });
      section.appendChild(list);
      if (page.total > page.items.length) {
        var more = el("a", "Bekijk alle " + page.total + " organisaties");
        more.href = listingUrl;
        var p = el("p");
        p.appendChild(more);
        section.appendChild(p);
      }
      section.appendChild(el("p", "Bron: Ketenkaart, Sociaal Werk Nederland", "kk-credit"));
    })
    .catch(function () {
      status.textContent = "De organisaties kunnen nu niet worden geladen.";
    });
})();
