/*
 * Not part of Leaflet: the Sozialraum-Dashboard's fix for the default marker icon.
 *
 * Leaflet finds its marker images through leaflet.css. When a map is built before
 * that stylesheet has loaded (streamlit-folium adds the <link> and runs the map at
 * once), Leaflet falls back to the stylesheet's URL and drops the "images/" folder
 * (Leaflet issue #4968), so the icon 404s. Load this right after leaflet.js: it
 * points Leaflet at the images folder beside this file.
 */
(function () {
  var script = document.currentScript;
  if (!window.L || !script || !script.src) {
    return;
  }
  window.L.Icon.Default.imagePath = script.src.replace(/[^/]*$/, "") + "images/";
})();
