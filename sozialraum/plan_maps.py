"""A small folium map of the areas a measure acts in (pure: returns a `folium.Map`)."""

from __future__ import annotations

import json
from collections.abc import Iterable

import folium
import geopandas as gpd

from .offline import use_local_leaflet
from .schemas import WHOLE_CITY

use_local_leaflet()

ACTIVE = "#1f5f8b"
INACTIVE = "#e0e0e0"


def areas_map(geometry: gpd.GeoDataFrame, area_ids: Iterable[str]) -> folium.Map:
    """The measure's areas dark blue with a black outline, all others light grey; a city-wide
    measure (`gesamtstadt`) colours every area. Tooltip: area name and whether it is included."""
    ids = set(area_ids)
    citywide = WHOLE_CITY in ids
    fmap = folium.Map(tiles=None, zoom_control=False, scrollWheelZoom=False, dragging=False)
    bounds = geometry.total_bounds
    fmap.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
    active = geometry["gebiet_id"].isin(ids) | citywide
    shown = geometry[["gebiet_id", "name", "geometry"]].assign(
        aktiv=active, rolle=["Maßnahme wirkt hier" if a else "–" for a in active]
    )
    folium.GeoJson(
        json.loads(shown.to_json()),
        style_function=lambda f: {
            "fillColor": ACTIVE if f["properties"]["aktiv"] else INACTIVE,
            "fillOpacity": 0.85,
            "color": "#000" if f["properties"]["aktiv"] else "#fff",
            "weight": 2 if f["properties"]["aktiv"] else 1,
        },
        tooltip=folium.GeoJsonTooltip(fields=["name", "rolle"], aliases=["Gebiet", "Maßnahme"]),
    ).add_to(fmap)
    return fmap
