"""A choropleth that never sends its geometry twice.

The base map (same on every rerun) loads the display geometry once by URL from the app's
static folder and draws it with colours from `window.__sr`. What changes with indicator,
year, classification or selection is only a small style payload (colour, value text, rank,
difference per area, legend), which streamlit-folium's `feature_group_to_add` evaluates in
the existing map without rebuilding it. Clicks still reach streamlit-folium: the GeoJSON
group is on the map from the start and Leaflet propagates its children's clicks to it.

At scale (measured in benchmarks/, see docs/leistung.md): the geometry download starts before
Leaflet has loaded, features are added in time slices so the page stays responsive, maps with
many areas draw on a canvas instead of thousands of SVG paths, and the per-change payload goes
over the wire in a compact form aligned with the geometry file's feature order.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections.abc import Sequence
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement, Template

from .classify import MISSING_COLOUR, Classes
from .formatting import MINUS, format_signed, format_value
from .loader import Bundle
from .mapview import MapOptions, MapView, map_view
from .offline import use_local_leaflet
from .sozialindex import INDEX_IDS

use_local_leaflet()

# From this many areas on, Leaflet draws on one canvas instead of one SVG path per area
# (browser memory and redraw time; the e2e tests on small data still see SVG paths).
CANVAS_FROM = 2000
# Characters for class indices in the compact payload (one per area, '.' = no colour).
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_LITERAL = "~"  # in a compact column: the rest of the entry is the whole text

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
    var colour = p && p.farben[id] ? p.farben[id] : (p && p.grund) || "{{ this.missing }}";
    var missing = !p || (!p.farben[id] && !p.grund);
    var selected = p && p.auswahl === id;
    return {fillColor: colour, fillOpacity: p && p.dimmen && !selected ? 0.35 : 0.85,
            color: selected ? "#000" : "#4d4d4d", weight: selected ? 4 : 1,
            dashArray: missing ? "4 3" : null};
  }
  function tip(layer) {
    var p = sr.payload, props = layer.feature.properties;
    if (!p || p.nur_name) { return props.name; }
    var v = p.werte[props.gebiet_id] || [p.hinweise[props.gebiet_id] || "keine Angabe", "–", "–"];
    var rows = [["Gebiet", props.name], [p.titel, v[0]], ["Rang", v[1]], [p.diff_titel, v[2]],
                ["Datenstand", p.stand]];
    return "<table>" + rows.map(function (r) {
      return "<tr><th style='text-align:left;padding-right:8px'>" + r[0] + "</th><td>" + r[1] + "</td></tr>";
    }).join("") + "</table>";
  }
  sr.home = map.getBounds();
  sr.layer = L.geoJSON(null, {
    style: style,
    onEachFeature: function (feature, layer) { layer.bindTooltip(tip, {sticky: true}); }
  }).addTo(map);
  var ALPHABET = "{{ this.alphabet }}";
  // the compact payload (see compact_payload) becomes the plain one once the feature order is known
  function expand(p) {
    if (!p || !p.kompakt) { return p; }
    if (!sr.ids) { return null; }
    var farben = {}, werte = {}, cols = p.w.map(function (c) { return c.split("|"); });
    function text(c, i) {
      var t = cols[c][i];
      return t.charAt(0) === "{{ this.literal }}" ? t.slice(1) : t + p.ws[c];
    }
    for (var i = 0; i < sr.ids.length; i++) {
      var id = sr.ids[i], k = p.k.charAt(i);
      if (k !== ".") { farben[id] = p.pal[ALPHABET.indexOf(k)]; }
      if (cols[0][i] !== "") { werte[id] = [text(0, i), text(1, i), text(2, i)]; }
    }
    var out = {};
    for (var key in p) { out[key] = p[key]; }
    out.farben = farben;
    out.werte = werte;
    return out;
  }
  sr.apply = function (payload) {
    if (payload) { sr.raw = payload; }
    var expanded = expand(sr.raw);
    if (expanded) { sr.payload = expanded; }
    sr.layer.setStyle(style);
    if (sr.legendDiv && sr.payload) {
      sr.legendDiv.innerHTML = sr.payload.legende;
      sr.legendDiv.style.display = sr.payload.legende ? "" : "none";
    }
    if (sr.payload && sr.payload.auswahl) {
      sr.layer.eachLayer(function (l) {
        if (l.feature.properties.gebiet_id !== sr.payload.auswahl) { return; }
        l.bringToFront();
        // a locator among thousands of areas: show the area with its surroundings, not a speck
        var b = l.getBounds(), home = sr.home || map.getBounds();
        var share = (b.getNorth() - b.getSouth()) / (home.getNorth() - home.getSouth());
        if (sr.payload.zoom && share < 0.1) { map.fitBounds(b.pad(3), {animate: false}); }
      });
    }
    sr.applied = (sr.applied || 0) + 1;
    if (sr.raw && sr.raw.varianten) { follow(sr.raw); }
  };
  // Recolour the moment the page's indicator picker shows another indicator, from the payloads of
  // the same view fetched beforehand (fastmap.switch_variants); the rerun then brings the same ones.
  function follow(raw) {
    if (sr.variantsUrl !== raw.varianten) {
      sr.variantsUrl = raw.varianten;
      sr.variants = null;  // made for other options: never apply them to this view
      fetchVariants(raw.varianten, 0);
    }
    if (sr.picker === raw.wahl) { return; }
    sr.picker = raw.wahl;
    var doc;
    try { doc = window.parent.document; doc.body; } catch (e) { return; }
    var root = doc.querySelector('[data-testid="stSidebar"]') || doc.body, last = null;
    function check() {
      var box = doc.querySelector(sr.picker);
      var shown = box && box.querySelector('input, [data-baseweb="select"]');
      show(shown ? (shown.tagName === "INPUT" ? shown.value : shown.textContent) : "");
    }
    // a pointer on one of the picker's options: a few frames before the picker itself shows it
    function picked(event) {
      var option = event.target.closest && event.target.closest('[role="option"]');
      var input = option && doc.querySelector(sr.picker + " input");
      var list = option && option.closest('[role="listbox"]');
      if (input && list && list.id && input.getAttribute("aria-controls") === list.id) { show(option.textContent); }
    }
    function show(text) {
      if (!text || text === last) { return; }
      last = text;
      var v = sr.variants, id = v && v.labels[text.trim()];
      if (!id || !sr.raw || id === sr.raw.indikator || !v.payloads[id]) { return; }
      var app = doc.querySelector('[data-testid="stApp"]');
      if (app && app.getAttribute("data-test-script-state") === "running") { return; }  // options in flux
      var p = {}, src = v.payloads[id];
      for (var k in src) { p[k] = src[k]; }
      ["auswahl", "dimmen", "varianten", "wahl"].forEach(function (k) { p[k] = sr.raw[k]; });
      sr.apply(p);
      map.getContainer().setAttribute("data-sr-vorab", id);  // recoloured ahead of the rerun
    }
    var observer = new MutationObserver(check);
    observer.observe(root, {subtree: true, childList: true, characterData: true,
                            attributes: true, attributeFilter: ["value"]});
    doc.addEventListener("pointerup", picked, true);
    window.addEventListener("pagehide", function () {  // the map left the page
      observer.disconnect();
      doc.removeEventListener("pointerup", picked, true);
    });
    check();
  }
  function fetchVariants(url, tries) {
    fetch(url).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) { if (sr.variantsUrl === url) { sr.variants = data; } })
      .catch(function () {  // e.g. removed as old meanwhile: the rerun recolours as without the file
        if (tries < 2 && sr.variantsUrl === url) { setTimeout(function () { fetchVariants(url, tries + 1); }, 500); }
      });
  }
  function addLabels(data) {
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
  }
  // started by the prefetch script before Leaflet loaded, if it ran; else now
  var pending = window.__srGeo && window.__srGeo.url === {{ this.url|tojson }} ? window.__srGeo.data : null;
  (pending || fetch({{ this.url|tojson }}).then(function (r) { return r.json(); })).then(function (data) {
    sr.ids = data.features.map(function (f) { return f.properties.gebiet_id; });
    var features = data.features, i = 0;
    // in slices of about 25 ms, so the page stays responsive while thousands of areas are added
    function slice() {
      var until = performance.now() + 25;
      while (i < features.length && (i % 50 !== 0 || performance.now() < until)) {
        sr.layer.addData(features[i]);
        i += 1;
      }
      if (i < features.length) { setTimeout(slice, 0); return; }
      addLabels(data);
      sr.apply(null);
      map.getContainer().setAttribute("data-sr-loaded", "true");
    }
    slice();
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
        self.alphabet = _ALPHABET
        self.literal = _LITERAL


class StyleUpdate(folium.FeatureGroup):
    """The per-rerun part: colours, tooltip values and legend for the existing geometry.

    With `ids` (the feature order of the geometry file) the payload travels in its compact form.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.featureGroup({});
window.__sr && window.__sr.apply({{ this.payload|tojson }});
{% endmacro %}
"""
    )

    def __init__(self, payload: dict, ids: Sequence[str] | None = None) -> None:
        super().__init__(name="Farben", control=False)
        self.payload = compact_payload(payload, ids) if ids is not None else payload


def compact_payload(payload: dict, ids: Sequence[str]) -> dict:
    """The payload as sent: colours as one class character per feature (in the order of `ids`,
    the geometry file's order), tooltip texts as three '|'-joined columns without their common
    unit suffix. The map turns it back into the plain payload (same texts, same colours).

    Falls back to the plain payload when a text contains '|' or there are too many colours.
    """
    colours: dict[str, str] = payload.get("farben") or {}
    values: dict[str, list[str]] = payload.get("werte") or {}
    palette = sorted(set(colours.values()))
    if len(palette) > len(_ALPHABET) or any(
        not isinstance(v, list | tuple) or len(v) != 3 or any(not isinstance(t, str) or "|" in t for t in v)
        for v in values.values()
    ):
        return payload
    index = {colour: _ALPHABET[i] for i, colour in enumerate(palette)}
    classes = "".join(index[colours[g]] if g in colours else "." for g in ids)
    columns: list[list[str]] = [[], [], []]
    for gebiet in ids:
        texts = values.get(gebiet)
        for column, text in zip(columns, texts or ("", "", ""), strict=True):
            column.append(text)
    suffixes = [_common_suffix([t for t, g in zip(c, ids, strict=True) if g in values]) for c in columns]
    encoded = []
    for column, suffix in zip(columns, suffixes, strict=True):
        cells = []
        for gebiet, text in zip(ids, column, strict=True):
            if gebiet not in values:
                cells.append("")  # no values for this area: the map shows its note
            elif suffix and text.endswith(suffix) and text != suffix and not text.startswith(_LITERAL):
                cells.append(text[: -len(suffix)])
            else:
                cells.append(_LITERAL + text)
        encoded.append("|".join(cells))
    rest = {k: v for k, v in payload.items() if k not in ("farben", "werte")}
    return {**rest, "kompakt": 1, "pal": palette, "k": classes, "w": encoded, "ws": suffixes}


def _common_suffix(texts: list[str]) -> str:
    """The most frequent tail from the first space on ('12,3 %' → ' %'); '' if there is none."""
    tails: dict[str, int] = {}
    for text in texts:
        space = text.find(" ")
        if space > 0:
            tail = text[space:]
            tails[tail] = tails.get(tail, 0) + 1
    return max(tails, key=tails.__getitem__) if tails else ""


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
    canvas: bool = False,
) -> folium.Map:
    """The part of the map that stays the same across reruns (so it is not rebuilt).

    `tiles` is an optional basemap URL from the settings; empty means none, so the map asks
    no outside server for anything. `canvas` draws the areas on one canvas (for many areas).
    """
    # fractional zoom: the area fills the frame (a tall city in a wide projector frame used a third of it)
    fmap = folium.Map(tiles=None, control_scale=True, zoom_control=True, prefer_canvas=canvas, zoom_snap=0.25)
    if tiles:
        folium.TileLayer(tiles=tiles, attr=attribution or "Hintergrundkarte", name="Hintergrundkarte").add_to(fmap)
    fmap.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
    # The geometry download starts with the first script the map page loads, before Leaflet.
    fmap.default_js = [("sozialraum_prefetch", _prefetch_script(url)), *folium.Map.default_js]
    fmap.add_child(_GeometryLayer(url, labels))
    return fmap


def _prefetch_script(url: str) -> str:
    """A data: URL script that starts fetching and parsing the geometry file (same origin)."""
    quoted = json.dumps(url)
    code = f"window.__srGeo={{url:{quoted},data:fetch({quoted}).then(function(r){{return r.json();}})}};"
    return "data:text/javascript," + urllib.parse.quote(code, safe="")


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
        values[row.gebiet_id] = [format_value(row.wert, unit, decimals, MINUS), rank, diff]
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


def switch_variants(
    bundle: Bundle,
    current: str,
    options: MapOptions,
    ids: Sequence[str],
    labels: dict[str, str],
    legend_suffix: str = "",
    years_from: Bundle | None = None,
) -> dict:
    """Every other indicator's payload for the same view, so the map can recolour the moment one is
    picked, before the page's rerun arrives with the same payload (then nothing changes).

    Only indicators the rerun would show with these very options: with values in the year shown (the
    page keeps a chosen year that the new indicator offers too) and of the same kind (the social index
    brings a method column that moves the map).
    `labels` maps indicator id → its text in the picker, as the map reads it from the page;
    `years_from` is the bundle whose years the page offers (all geometry versions of the level).
    """
    catalogue = bundle.catalogue
    years = indicator_years(years_from or bundle)
    kind = _is_index(current)
    payloads: dict[str, dict] = {}
    for indikator in catalogue.index:
        if options.jahr not in years.get(indikator, ()) or _is_index(indikator) != kind:
            continue
        payload = view_payload(map_view(bundle, indikator, options), catalogue.loc[indikator])
        payload["legende"] += legend_suffix
        payload["indikator"] = indikator
        payloads[indikator] = compact_payload(payload, ids)
    return {"labels": {labels[i]: i for i in payloads if i in labels}, "payloads": payloads}


def view_payload(view: MapView, meta: pd.Series, selected: str | None = None) -> dict:
    """The map's payload for one indicator's view (`meta`: its catalogue row)."""
    colours = class_colours(view.table, view.classes)
    return style_payload(
        view.table, colours, {**meta.to_dict(), "einheit": view.unit}, view.value_title, view.legend, selected
    )


def indicator_years(bundle: Bundle) -> dict[str, tuple[int, ...]]:
    """Indicator id → the years with values (what the page's year choice offers)."""
    pairs = bundle.values[["indikator_id", "jahr"]].drop_duplicates()
    return {str(i): tuple(sorted(int(y) for y in g["jahr"])) for i, g in pairs.groupby("indikator_id", sort=False)}


def _is_index(indikator: str) -> bool:
    return indikator in INDEX_IDS


def locator_payload(gebiet: str, colour: str = "#1f5f8b", others: str = "#e0e0e0") -> dict:
    """Payload of a locator map on the fast choropleth: `gebiet` dark, all others light grey, the
    tooltip only names the area, no legend; among many small areas the map zooms to the area's
    surroundings. Costs a few hundred bytes instead of sending the whole geometry with every
    profile page (the geometry file is the map page's, already in the browser's cache)."""
    return {
        "farben": {gebiet: colour},
        "werte": {},
        "hinweise": {},
        "titel": "",
        "diff_titel": "",
        "stand": "",
        "legende": "",
        "auswahl": gebiet,
        "dimmen": False,
        "grund": others,
        "nur_name": True,
        "zoom": True,
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
