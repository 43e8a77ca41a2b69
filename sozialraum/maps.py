"""Folium map builders (pure: they return a `folium.Map`, the components show it)."""

from __future__ import annotations

import html
import json

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement, Template

from .classify import MISSING_COLOUR, Classes
from .formatting import MINUS, format_number, format_signed, format_value
from .offline import use_local_leaflet

use_local_leaflet()

_LEGEND = Template(
    """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.control({position: "bottomleft"});
{{ this.get_name() }}.onAdd = function () {
    var div = L.DomUtil.create("div", "sr-legend");
    div.setAttribute("role", "group");
    div.setAttribute("aria-label", "Legende");
    div.style.cssText = "background:#fff;padding:8px 10px;border:1px solid #767676;border-radius:4px;"
        + "font:14px/1.35 sans-serif;color:#1a1a1a;max-width:320px";
    div.innerHTML = {{ this.body|tojson }};
    return div;
};
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
"""
)


class Legend(MacroElement):
    """A legend as a Leaflet control in plain HTML: no d3, nothing loaded from outside."""

    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "Legend"
        self._template = _LEGEND
        self.body = body


def legend_html(title: str, unit: str, classes: Classes, decimals: int, missing: int) -> str:
    """Legend of value classes: limits with unit and how many areas fall in each class."""
    entries = []
    lower = classes.lower
    for colour, upper, count in zip(classes.colours, classes.bounds, classes.counts, strict=True):
        # the real minus "−" like every number people read (German typesetting, screen readers)
        span = f"{format_number(lower, decimals, MINUS)} bis {format_number(upper, decimals, MINUS)}"
        entries.append((colour, span, count))
        lower = upper
    return legend_entries_html(title, f"in {unit}", entries, missing)


def legend_entries_html(title: str, subtitle: str, entries: list[tuple[str, str, int]], missing: int) -> str:
    """Legend from (colour, label, count) entries, plus the missing-values entry."""
    rows = [_legend_row(colour, label, count) for colour, label, count in entries]
    if missing:
        rows.append(_legend_row(MISSING_COLOUR, "keine Angabe", missing, hatched=True))
    head = f"<strong>{html.escape(title)}</strong><br><span>{html.escape(subtitle)}</span>"
    return head + "".join(rows)


def _legend_row(colour: str, label: str, count: int, hatched: bool = False) -> str:
    pattern = "background-image:repeating-linear-gradient(45deg,#fff 0 2px,transparent 2px 5px);" if hatched else ""
    areas = "Gebiet" if count == 1 else "Gebiete"
    return (
        f'<div style="display:flex;align-items:center;gap:6px;margin-top:3px">'
        f'<span style="width:18px;height:14px;border:1px solid #555;background:{colour};{pattern}"></span>'
        f"<span>{html.escape(label)} ({count} {areas})</span></div>"
    )


def choropleth(
    geometry: gpd.GeoDataFrame,
    table: pd.DataFrame,
    classes: Classes,
    meta: pd.Series,
    jahr: int,
    selected: str | None = None,
    labels: bool = True,
) -> folium.Map:
    """Choropleth of one indicator and year with tooltips, labels, legend and selection outline."""
    frame = geometry.merge(table.drop(columns=["name"]), on="gebiet_id", how="left")
    frame["farbe"] = [classes.colours[c] if c >= 0 else MISSING_COLOUR for c in _labels_for(frame, table, classes)]
    decimals, unit = int(meta["dezimalstellen"]), str(meta["einheit"])
    frame["tip_wert"] = [
        format_value(v, unit, decimals, MINUS) if pd.notna(v) else "keine Angabe" for v in frame["wert"]
    ]
    frame["tip_rang"] = [
        f"{r} von {n}" if pd.notna(r) else "–" for r, n in zip(frame["rang"], frame["anzahl"], strict=True)
    ]
    frame["tip_diff"] = [format_signed(d, unit, decimals) if pd.notna(d) else "–" for d in frame["differenz"]]
    frame["tip_stand"] = str(meta["datenstand"])
    shown = frame[["gebiet_id", "name", "farbe", "tip_wert", "tip_rang", "tip_diff", "tip_stand", "geometry"]]

    fmap = folium.Map(tiles=None, control_scale=True, zoom_control=True, prefer_canvas=False)
    bounds = geometry.total_bounds
    fmap.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
    folium.GeoJson(
        json.loads(shown.to_json()),
        name=f"{meta['kurzname']} {jahr}",
        style_function=_style,
        highlight_function=lambda _f: {"weight": 3, "color": "#000"},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "tip_wert", "tip_rang", "tip_diff", "tip_stand"],
            aliases=["Gebiet", f"{meta['kurzname']} {jahr}", "Rang", "Differenz zur Stadt", "Datenstand"],
            sticky=True,
        ),
    ).add_to(fmap)
    if selected is not None and selected in set(geometry["gebiet_id"]):
        outline = geometry[geometry["gebiet_id"] == selected]
        folium.GeoJson(
            json.loads(outline[["gebiet_id", "geometry"]].to_json()),
            name="Ausgewähltes Gebiet",
            style_function=lambda _f: {"fill": False, "color": "#000", "weight": 4},
            interactive=False,
        ).add_to(fmap)
    if labels and len(geometry) <= 80:
        _add_labels(fmap, geometry)
    missing = int(frame["wert"].isna().sum())
    fmap.add_child(Legend(legend_html(str(meta["kurzname"]), unit, classes, decimals, missing)))
    return fmap


def _labels_for(frame: pd.DataFrame, table: pd.DataFrame, classes: Classes) -> list[int]:
    by_area = dict(zip(table["gebiet_id"], classes.labels, strict=True))
    return [int(by_area.get(g, -1)) for g in frame["gebiet_id"]]


def _style(feature: dict) -> dict:
    props = feature["properties"]
    missing = props["farbe"] == MISSING_COLOUR
    return {
        "fillColor": props["farbe"],
        "fillOpacity": 0.85,
        "color": "#4d4d4d",
        "weight": 1,
        "dashArray": "4 3" if missing else None,
    }


def _add_labels(fmap: folium.Map, geometry: gpd.GeoDataFrame) -> None:
    points = geometry.representative_point()
    for name, point in zip(geometry["name"], points, strict=True):
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(
                html=(
                    '<div style="font:600 12px sans-serif;color:#111;white-space:nowrap;'
                    "transform:translate(-50%,-50%);text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff;"
                    f'pointer-events:none">{html.escape(str(name))}</div>'
                ),
                icon_size=(0, 0),
            ),
            interactive=False,
        ).add_to(fmap)
