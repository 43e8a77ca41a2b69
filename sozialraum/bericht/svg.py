"""Small SVG generators for the report: choropleth maps from the area geometry and trend lines.

Written by hand instead of plotly+kaleido (which needs a Chrome download) or matplotlib (not a
dependency): a few dozen lines give crisp vector figures for print and web alike.
"""

from __future__ import annotations

import html
import math

import geopandas as gpd
import shapely

from ..formatting import format_number

MAP_WIDTH = 460.0


def _rings(geometry: shapely.Geometry) -> list[list[tuple[float, float]]]:
    polygons = getattr(geometry, "geoms", [geometry])
    rings: list[list[tuple[float, float]]] = []
    for polygon in polygons:
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        rings.append(list(polygon.exterior.coords))
        rings.extend(list(ring.coords) for ring in polygon.interiors)
    return rings


def map_svg(geometry: gpd.GeoDataFrame, colours: dict[str, str], labels: dict[str, str], title: str) -> str:
    """One path per area, coloured, with a tooltip (`<title>`); equirectangular around the centre."""
    minx, miny, maxx, maxy = geometry.total_bounds
    squeeze = math.cos(math.radians((miny + maxy) / 2))
    span_x, span_y = max((maxx - minx) * squeeze, 1e-9), max(maxy - miny, 1e-9)
    scale = MAP_WIDTH / span_x
    height = span_y * scale
    paths = []
    for gebiet, shape in zip(geometry["gebiet_id"], geometry.geometry, strict=True):
        parts = []
        for ring in _rings(shape):
            points = " ".join(f"{(x - minx) * squeeze * scale:.1f},{(maxy - y) * scale:.1f}" for x, y in ring)
            parts.append(f"M{points}Z")
        colour = colours.get(str(gebiet), "#d9d9d9")
        tip = html.escape(labels.get(str(gebiet), str(gebiet)))
        paths.append(f'<path d="{"".join(parts)}" fill="{colour}"><title>{tip}</title></path>')
    return (
        f'<svg class="karte" xmlns="http://www.w3.org/2000/svg" viewBox="-2 -2 {MAP_WIDTH + 4:.0f} {height + 4:.0f}" '
        f'role="img" aria-label="{html.escape(title)}"><g stroke="#ffffff" stroke-width="0.8" '
        f'stroke-linejoin="round">{"".join(paths)}</g></svg>'
    )


def _nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    step = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= step * factor:
            step *= factor
            break
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def trend_svg(
    series: dict[str, list[tuple[int, float]]], city: list[tuple[int, float]], title: str, decimals: int, city_name: str
) -> str:
    """Thin grey lines for the areas, one thick dark line for the city, years on the x axis."""
    width, height, left, bottom, top, right = 460.0, 190.0, 48.0, 24.0, 10.0, 90.0
    points = [v for s in series.values() for _, v in s] + [v for _, v in city]
    years = sorted({y for s in series.values() for y, _ in s} | {y for y, _ in city})
    if not points or not years:
        return ""
    ticks = _nice_ticks(min(points), max(points))
    y_low, y_high = ticks[0], ticks[-1] if ticks[-1] > ticks[0] else ticks[0] + 1
    y0, y1 = years[0], max(years[-1], years[0] + 1)

    def xy(year: int, value: float) -> str:
        x = left + (year - y0) / (y1 - y0) * (width - left - right)
        y = top + (y_high - value) / (y_high - y_low) * (height - top - bottom)
        return f"{x:.1f},{y:.1f}"

    parts = [
        f'<svg class="trend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label="{html.escape(title)}">'
    ]
    for tick in ticks:
        y = xy(y0, tick).split(",")[1]
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y}" y2="{y}" stroke="#e3e3e3"/>')
        parts.append(
            f'<text x="{left - 4}" y="{float(y) + 3:.1f}" text-anchor="end" font-size="9">'
            f"{format_number(tick, decimals if abs(tick) < 100 else 0)}</text>"
        )
    for year in years:
        x = xy(year, y_low).split(",")[0]
        parts.append(f'<text x="{x}" y="{height - 8}" text-anchor="middle" font-size="9">{year}</text>')
    for name, line in series.items():
        if len(line) > 1:
            coords = " ".join(xy(y, v) for y, v in line)
            parts.append(
                f'<polyline points="{coords}" fill="none" stroke="#9db3c4" stroke-width="0.9">'
                f"<title>{html.escape(name)}</title></polyline>"
            )
    if city:
        coords = " ".join(xy(y, v) for y, v in city)
        parts.append(f'<polyline points="{coords}" fill="none" stroke="#1a1a1a" stroke-width="2.4"/>')
        last = xy(*city[-1]).split(",")
        parts.append(
            f'<text x="{float(last[0]) + 5:.1f}" y="{float(last[1]) + 3:.1f}" font-size="9" '
            f'font-weight="bold">{html.escape(city_name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
