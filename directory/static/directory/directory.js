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
