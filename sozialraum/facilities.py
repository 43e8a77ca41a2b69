"""Facilities (Kitas, schools, counselling centres, youth clubs …) as an optional points layer.

Read from `einrichtungen.geojson` in the data folder (points with `name` and `art`); drawn as
circle markers with one colour per kind, a legend and a switch in the layer control
(static/karte/karte.js draws them from a static file, see `facilities_geojson`).
"""

from __future__ import annotations

import html
from pathlib import Path

import geopandas as gpd

from .checks import too_big
from .geocheck import check_region, place_crs
from .report import N_, Report, msg
from .settings import Settings

FILE = "einrichtungen.geojson"
# Okabe–Ito colours, distinguishable with the common forms of colour blindness
KIND_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000"]


def read_facilities(folder: Path, report: Report, settings: Settings | None = None) -> gpd.GeoDataFrame | None:
    """The facilities of a data folder, or None when the optional file is absent."""
    path = folder / FILE
    if not path.is_file():
        return None
    if too_big(path, (settings or Settings()).max_megabyte_gebiete, report, "max_megabyte_gebiete"):
        return None
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for broken files
        report.error(FILE, msg(N_("Datei kann nicht als Geodaten gelesen werden ({grund})."), grund=str(exc)))
        return None
    frame.columns = [str(c).strip().lower() if c != frame.geometry.name else c for c in frame.columns]
    missing = [c for c in ("name", "art") if c not in frame.columns]
    if missing:
        report.error(
            FILE,
            msg(N_("Pflichtspalte „{spalte}“ fehlt (erwartet: {spalten})."), spalte=missing[0], spalten="name, art"),
        )
        return None
    placed = place_crs(frame, FILE, settings.koordinatensystem if settings else "", report)
    if placed is None or check_region(placed, FILE, (settings or Settings()).erwartetes_gebiet, report) is None:
        return None
    frame = placed
    bad = [i for i, g in frame.geometry.items() if g is None or g.is_empty or g.geom_type != "Point"]
    for index in bad:
        report.error(FILE, msg(N_("Punkt erwartet.")), row=int(index) + 1, column="geometry")
    report.detected[FILE] = f"{len(frame) - len(bad)} Einrichtungen, {frame['art'].nunique()} Arten"
    return frame.drop(index=bad).reset_index(drop=True)


def kind_colours(frame: gpd.GeoDataFrame) -> dict[str, str]:
    kinds = sorted(frame["art"].astype(str).unique())
    return {kind: KIND_COLOURS[i % len(KIND_COLOURS)] for i, kind in enumerate(kinds)}


def facilities_geojson(frame: gpd.GeoDataFrame) -> str:
    """The points as compact GeoJSON text with `name` and `art`, for the map's static file."""
    points = frame[["name", "art", "geometry"]].copy()
    points["name"] = points["name"].astype(str)
    points["art"] = points["art"].astype(str)
    return points.to_json(drop_id=True, separators=(",", ":"))


def facilities_style(frame: gpd.GeoDataFrame, url: str, name: str = "Einrichtungen") -> dict:
    """What the map needs besides the file: the layer's name in the layer control and the kind colours.

    The layer starts switched off (the areas stay the subject); the layer control switches it on.
    """
    return {"name": name, "url": url, "farben": kind_colours(frame)}


def _kind(kind: str, mark: str) -> str:
    return f"<span{mark}>{html.escape(kind)}</span>" if mark else html.escape(kind)


def legend_rows(frame: gpd.GeoDataFrame, title: str = "Einrichtungen", german_kinds: bool = False) -> str:
    """Legend entries (HTML) for the kinds of facilities, with their counts; `title` in the page's language,
    the kinds (data, untranslated) marked German in another language (`german_kinds`)."""
    mark = ' lang="de"' if german_kinds else ""
    counts = frame["art"].astype(str).value_counts()
    rows = []
    for kind, colour in kind_colours(frame).items():
        rows.append(
            "<div style='display:flex;align-items:center;gap:6px;margin-top:3px'>"
            f"<span style='width:12px;height:12px;border-radius:50%;background:{colour};border:1px solid #555'></span>"
            f"<span>{_kind(kind, mark)} ({counts[kind]})</span></div>"
        )
    head = f"<div style='margin-top:6px'><strong>{html.escape(title)}</strong></div>"
    return head + "".join(rows)
