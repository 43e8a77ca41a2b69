// Draws every map of a page of the web edition with the vendored Leaflet: the shared geometry
// (karten/geometrie.js) coloured by the map's own data (karten/<key>.js); no tiles, no network.
(function () {
  function draw(element) {
    var data = (window.SR_KARTEN || {})[element.dataset.karte];
    if (!data || !window.SR_GEOMETRIE) { return; }
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
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".leaflet-karte").forEach(draw);
  });
})();
