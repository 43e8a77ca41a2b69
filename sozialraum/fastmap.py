"""A choropleth that never sends its geometry twice.

The base map (same on every rerun) loads the display geometry once by URL from the app's
static folder and draws it with colours from `window.__sr`. What changes with indicator,
year, classification or selection is only a small style payload (colour, value text, rank,
difference per area, legend), which streamlit-folium's `feature_group_to_add` evaluates in
the existing map without rebuilding it. Clicks still reach streamlit-folium: the GeoJSON
group is on the map from the start and Leaflet propagates its children's clicks to it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement, Template

from .classify import MISSING_COLOUR, Classes
from .formatting import format_signed, format_value
from .offline import use_local_leaflet

use_local_leaflet()

_BASE = Template(
    """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var sr = window.__sr = window.__sr || {};
  sr.map = map;
  sr.payload = sr.payload || null;
  sr.labels = L.layerGroup().addTo(map);
  sr.legend = L.control({position: "bottomleft"});
  sr.legend.onAdd = function () {
    var div = L.DomUtil.create("div", "sr-legend");
    div.setAttribute("role", "group");
    div.setAttribute("aria-label", "Legende");
    div.style.cssText = "background:#fff;padding:8px 10px;border:1px solid #767676;border-radius:4px;"
      + "font:14px/1.35 sans-serif;color:#1a1a1a;max-width:320px";
    sr.legendDiv = div;
    return div;
  };
  sr.legend.addTo(map);
  function style(feature) {
    var p = sr.payload, id = feature.properties.gebiet_id;
    var colour = p && p.farben[id] ? p.farben[id] : "{{ this.missing }}";
    var missing = !p || !p.farben[id];
    var selected = p && p.auswahl === id;
    return {fillColor: colour, fillOpacity: p && p.dimmen && !selected ? 0.35 : 0.85,
            color: selected ? "#000" : "#4d4d4d", weight: selected ? 4 : 1,
            dashArray: missing ? "4 3" : null};
  }
  function tip(layer) {
    var p = sr.payload, props = layer.feature.properties;
    if (!p) { return props.name; }
    var v = p.werte[props.gebiet_id] || [p.hinweise[props.gebiet_id] || "keine Angabe", "–", "–"];
    var rows = [["Gebiet", props.name], [p.titel, v[0]], ["Rang", v[1]], [p.diff_titel, v[2]],
                ["Datenstand", p.stand]];
    return "<table>" + rows.map(function (r) {
      return "<tr><th style='text-align:left;padding-right:8px'>" + r[0] + "</th><td>" + r[1] + "</td></tr>";
    }).join("") + "</table>";
  }
  sr.layer = L.geoJSON(null, {
    style: style,
    onEachFeature: function (feature, layer) { layer.bindTooltip(tip, {sticky: true}); }
  }).addTo(map);
  sr.apply = function (payload) {
    if (payload) { sr.payload = payload; }
    sr.layer.setStyle(style);
    if (sr.legendDiv && sr.payload) { sr.legendDiv.innerHTML = sr.payload.legende; }
    if (sr.payload && sr.payload.auswahl) {
      sr.layer.eachLayer(function (l) {
        if (l.feature.properties.gebiet_id === sr.payload.auswahl) { l.bringToFront(); }
      });
    }
  };
  fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(function (data) {
    sr.layer.addData(data);
    {% if this.labels %}
    data.features.forEach(function (f) {
      var c = f.properties.label;
      L.marker([c[1], c[0]], {interactive: false, keyboard: false, icon: L.divIcon({
        className: "sr-label", iconSize: [0, 0],
        html: "<div style='font:600 12px sans-serif;color:#111;white-space:nowrap;transform:translate(-50%,-50%);"
          + "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff;pointer-events:none'>" + f.properties.name + "</div>"
      })}).addTo(sr.labels);
    });
    {% endif %}
    sr.apply(null);
    map.getContainer().setAttribute("data-sr-loaded", "true");
  });
})();
{% endmacro %}
"""
)


class _GeometryLayer(MacroElement):
    def __init__(self, url: str, labels: bool) -> None:
        super().__init__()
        self._name = "SozialraumLayer"
        self._template = _BASE
        self.url = url
        self.labels = labels
        self.missing = MISSING_COLOUR


class StyleUpdate(folium.FeatureGroup):
    """The per-rerun part: colours, tooltip values and legend for the existing geometry."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup({});
window.__sr && window.__sr.apply({{ this.payload|tojson }});
{% endmacro %}
"""
    )

    def __init__(self, payload: dict) -> None:
        super().__init__(name="Farben", control=False)
        self.payload = payload


def write_geometry(display: gpd.GeoDataFrame, folder: Path) -> str:
    """Write the display geometry once as GeoJSON into `folder`; returns the file name.

    The name carries a content hash, so browsers may cache it and a change of the data
    gives a new URL.
    """
    frame = display[["gebiet_id", "name", "geometry"]].copy()
    points = display.geometry.representative_point()
    frame["label"] = [[round(p.x, 5), round(p.y, 5)] for p in points]
    text = frame.to_json(drop_id=True, separators=(",", ":"))
    name = f"gebiete-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return name


def base_map(
    url: str,
    bounds: tuple[float, float, float, float],
    labels: bool = True,
    tiles: str = "",
    attribution: str = "",
) -> folium.Map:
    """The part of the map that stays the same across reruns (so it is not rebuilt).

    `tiles` is an optional basemap URL from the settings; empty means none, so the map asks
    no outside server for anything.
    """
    fmap = folium.Map(tiles=None, control_scale=True, zoom_control=True)
    if tiles:
        folium.TileLayer(tiles=tiles, attr=attribution or "Hintergrundkarte", name="Hintergrundkarte").add_to(fmap)
    fmap.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
    fmap.add_child(_GeometryLayer(url, labels))
    return fmap


def style_payload(
    table: pd.DataFrame,
    colours: dict[str, str],
    meta: pd.Series | dict,
    title: str,
    legend: str,
    selected: str | None = None,
    diff_title: str = "Differenz zur Stadt",
    dim_others: bool = False,
) -> dict:
    """Everything that changes with the view, as plain JSON-able data (unit-testable)."""
    unit, decimals = str(meta["einheit"]), int(meta["dezimalstellen"])
    values, notes = {}, {}
    for row in table.itertuples(index=False):
        if pd.isna(row.wert):
            note = getattr(row, "anmerkung", None)
            notes[row.gebiet_id] = f"keine Angabe ({note})" if isinstance(note, str) and note else "keine Angabe"
            continue
        rank = f"{row.rang} von {row.anzahl}" if pd.notna(row.rang) else "–"
        diff = format_signed(row.differenz, unit, decimals) if pd.notna(row.differenz) else "–"
        values[row.gebiet_id] = [format_value(row.wert, unit, decimals), rank, diff]
    return {
        "farben": colours,
        "werte": values,
        "hinweise": notes,
        "titel": title,
        "diff_titel": diff_title,
        "stand": str(meta["datenstand"]),
        "legende": legend,
        "auswahl": selected,
        "dimmen": dim_others,
    }


def class_colours(table: pd.DataFrame, classes: Classes) -> dict[str, str]:
    """Area id → colour of its class; areas without value get none (drawn as missing)."""
    return {
        gebiet: classes.colours[label]
        for gebiet, label in zip(table["gebiet_id"], classes.labels, strict=True)
        if label >= 0
    }


def payload_size(payload: dict) -> int:
    return len(json.dumps(payload, separators=(",", ":")))
