/* Klantreis: filter the "who does what" matrix by actor without a page reload.
 * Without this script the same form reloads the page with ?actor=<slug>. */
(function () {
  "use strict";
  var section = document.querySelector("[data-journey-filter]");
  if (!section) { return; }
  var form = section.querySelector("form.actor-filter");
  var select = form && form.querySelector("select[name=actor]");
  var status = section.querySelector(".filter-status");
  if (!select) { return; }

  function apply(slug) {
    document.querySelectorAll("[data-actor]").forEach(function (el) {
      el.hidden = Boolean(slug) && el.getAttribute("data-actor") !== slug;
    });
    document.querySelectorAll(".phase").forEach(function (phase) {
      var none = phase.querySelector(".no-match");
      if (!none) { return; }
      var visible = phase.querySelectorAll(".phase-responsibilities li[data-actor]:not([hidden])");
      none.hidden = !slug || visible.length > 0;
    });
    var option = select.options[select.selectedIndex];
    if (status) {
      status.textContent = slug ? status.getAttribute("data-template-one").replace("%s", option.text)
        : status.getAttribute("data-template-all");
    }
    var url = new URL(window.location.href);
    if (slug) { url.searchParams.set("actor", slug); } else { url.searchParams.delete("actor"); }
    window.history.replaceState(null, "", url.toString());
  }

  select.addEventListener("change", function () { apply(select.value); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(select.value); });
}());
