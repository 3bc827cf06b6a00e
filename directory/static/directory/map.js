/* Map of an organisation's locations (progressive enhancement).
 *
 * The page always lists the locations as text; with JavaScript and Leaflet loaded, a map is
 * shown as well. Tiles come only from the URL the operator configured
 * (DIRECTORY_MAP_TILE_URL); without one the map shows the markers on a plain background, so
 * nothing is fetched from the internet by default.
 */
(function () {
  "use strict";
  function init() {
    var el = document.getElementById("kaart");
    var data = document.getElementById("kaart-locaties");
    if (!el || !data || typeof L === "undefined") return;
    var points = JSON.parse(data.textContent);
    if (!points.length) return;
    el.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false, keyboard: true });
    var tileUrl = el.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 19,
        attribution: el.getAttribute("data-attribution") || ""
      }).addTo(map);
    } else {
      el.classList.add("map--no-tiles");
    }
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.marker([p.lat, p.lon], { title: p.name, alt: p.name }).addTo(map);
      var popup = document.createElement("div");
      var strong = document.createElement("strong");
      strong.textContent = p.name;
      popup.appendChild(strong);
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(p.address));
      marker.bindPopup(popup);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], 14);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
