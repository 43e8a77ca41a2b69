// Draws the maps of a page of the web edition with the vendored Leaflet: the shared geometry
// (karten/geometrie.js) coloured by the map's own data (karten/<key>.js); no tiles, no network.
// Each map is drawn as soon as its element is parsed if it is on screen, else when it scrolls near:
// a chapter of a big city has many maps of hundreds of areas and long tables, and waiting for the
// whole page (DOMContentLoaded) or drawing every map at once would delay the first one.
(function () {
  function draw(element) {
    var data = (window.SR_KARTEN || {})[element.dataset.karte];
    if (!data || !window.SR_GEOMETRIE || element.dataset.gezeichnet) { return; }
    var map = L.map(element, { zoomSnap: 0.25, attributionControl: false });
    var layer = L.geoJSON(window.SR_GEOMETRIE, {
      style: function (feature) {
        var colour = data.colours[feature.properties.gebiet_id] || "#d9d9d9";
        return { fillColor: colour, fillOpacity: 0.9, color: "#ffffff", weight: 1 };
      },
      onEachFeature: function (feature, shape) {
        var label = data.labels[feature.properties.gebiet_id] || feature.properties.name;
        shape.bindTooltip(label, { sticky: true });
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds());
    element.dataset.gezeichnet = String(Object.keys(layer._layers).length);
  }
  window.SR_KARTE = function (key) {
    var element = document.querySelector('[data-karte="' + key + '"]');
    if (!element) { return; }
    if (element.getBoundingClientRect().top < window.innerHeight || !("IntersectionObserver" in window)) {
      draw(element);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.disconnect(); draw(element); }
      });
    }, { rootMargin: "400px 0px" });
    observer.observe(element);
  };
})();
