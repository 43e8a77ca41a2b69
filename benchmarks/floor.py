"""The static floor: one HTML page with the app's own Leaflet, the same display geometry file the
app serves (display_geometry + write_geometry), the same colours, and a recolour button.

Served by `python -m http.server` on loopback. Nothing a real app could leave out: it is the
least work a browser must do to show this map, so the app is measured against it.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import ROOT

PAGE = """<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Boden: statische Leaflet-Seite</title>
<link rel="stylesheet" href="leaflet/leaflet.css">
<script src="leaflet/leaflet.js"></script>
<style>html, body {{ margin: 0; font: 16px sans-serif; }} #map {{ height: 560px; width: 100%; }}</style>
</head>
<body>
<button id="umfaerben" type="button">Umfärben</button>
<div id="map"></div>
<script>
var FARBEN = {colours};
var LEER = "{missing}";
var current = 0;
window.__recoloured = 0;
var map = L.map("map", {{preferCanvas: {canvas}}});
map.fitBounds({bounds});
var layer = null;
function style(feature) {{
  var colour = FARBEN[current][feature.properties.gebiet_id];
  return {{fillColor: colour || LEER, fillOpacity: 0.85, color: "#4d4d4d", weight: 1}};
}}
function readGeoJSON(response) {{
  if (!{gzip}) {{ return response.json(); }}
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();
}}
fetch("{geometry}").then(readGeoJSON).then(function (data) {{
  layer = L.geoJSON(data, {{
    style: style,
    onEachFeature: function (feature, l) {{ l.bindTooltip(feature.properties.name, {{sticky: true}}); }}
  }}).addTo(map);
  document.body.setAttribute("data-loaded", "true");
}});
document.getElementById("umfaerben").addEventListener("click", function () {{
  current = 1 - current;
  layer.setStyle(style);
  window.__recoloured += 1;
}});
</script>
</body>
</html>
"""


@dataclass
class FloorSite:
    folder: Path
    geometry_file: str
    geometry_bytes: int
    areas: int
    canvas: bool


def build_floor(data_folder: Path, out: Path, indicators: tuple[str, str], canvas: bool) -> FloorSite:
    """Write index.html, the geometry file and a link to the vendored Leaflet into `out`."""
    from sozialraum import load_bundle
    from sozialraum.classify import MISSING_COLOUR, classify
    from sozialraum.fastmap import class_colours, write_geometry
    from sozialraum.geo import display_geometry
    from sozialraum.indicators import indicator_table

    bundle = load_bundle(data_folder)
    display = display_geometry(bundle.areas)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    name = write_geometry(display, out)
    (out / "leaflet").symlink_to(ROOT / "static" / "vendor" / "leaflet", target_is_directory=True)
    colours = []
    for indikator in indicators:
        years = bundle.values.loc[bundle.values["indikator_id"] == indikator].dropna(subset=["wert"])["jahr"]
        table = indicator_table(bundle.values, bundle.areas, bundle.city, bundle.catalogue, indikator, int(years.max()))
        polarity = str(bundle.catalogue.at[indikator, "polaritaet"])
        city = table["stadt"].iloc[0] if len(table) else None
        colours.append(class_colours(table, classify(table["wert"], "quantile", 5, polarity, center=city)))
    minx, miny, maxx, maxy = display.total_bounds
    (out / "index.html").write_text(
        PAGE.format(
            colours=json.dumps(colours, separators=(",", ":")),
            missing=MISSING_COLOUR,
            canvas="true" if canvas else "false",
            bounds=json.dumps([[miny, minx], [maxy, maxx]]),
            geometry=name,
            gzip="true" if name.endswith(".gz") else "false",
        ),
        encoding="utf-8",
    )
    return FloorSite(out, name, (out / name).stat().st_size, len(display), canvas)
