"""Area geometry: reading any format geopandas reads, reprojecting to WGS84, checking validity,
and a simplified display geometry that keeps shared borders closed."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from .checks import too_big
from .contract import AREA_SPEC
from .geocheck import WGS84, WGS84_EPSG, check_region, place_crs, rename_columns
from .report import N_, Report, msg
from .schemas import parse_table
from .settings import Settings


def read_areas(path: Path, report: Report, settings: Settings | None = None) -> gpd.GeoDataFrame:
    """Read the areas file; problems reported, bad features left out, CRS → WGS84.

    A file whose coordinates cannot be where it says (metres read as degrees, swapped axes) gives
    one error and no areas: a wrong map is worse than none.
    """
    settings = settings or Settings()
    name = path.name
    if not path.exists():
        report.error(name, msg(N_("Datei mit den Gebietsflächen fehlt.")))
        return _empty()
    if too_big(path, settings.max_megabyte_gebiete, report, "max_megabyte_gebiete"):
        return _empty()
    try:
        raw = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for broken files
        report.error(name, msg(N_("Datei kann nicht als Geodaten gelesen werden ({grund})."), grund=str(exc)))
        return _empty()
    report.detected[name] = _describe_crs(raw)
    placed = place_crs(raw, name, settings.koordinatensystem, report)
    if placed is None or check_region(placed, name, settings.erwartetes_gebiet, report) is None:
        return _empty()
    raw = placed
    text = _properties_as_text(raw)
    renamed = rename_columns(text.columns, [c.name for c in AREA_SPEC.columns], settings.spalten, name, report)
    text = text.rename(columns=renamed)
    spec = AREA_SPEC.__class__(name, AREA_SPEC.columns, ())  # ids: checked below, versions may share one
    # a feature's "Zeile" is its number in the file (1, 2, …), as in the geometry messages; the table
    # rules count a header line, so they get the features shifted by one
    typed = parse_table(text.set_axis(text.index - 1), spec, decimal_comma=False, report=report)
    typed = typed.set_axis(typed.index + 1)
    typed = typed.drop(index=_duplicate_ids(typed, name, report))
    areas = gpd.GeoDataFrame(typed, geometry=raw.geometry.loc[typed.index], crs=WGS84)
    return _check_geometry(areas, name, report)


def _duplicate_ids(areas: pd.DataFrame, name: str, report: Report) -> list[int]:
    """Rows whose gebiet_id already occurs in an overlapping validity (one id may serve several
    geometry versions with separate years: same area, changed boundary)."""
    seen: dict[str, list[tuple[float, float]]] = {}
    bad: list[int] = []
    for index, gebiet, start, end in zip(
        areas.index, areas["gebiet_id"], areas["gueltig_ab"], areas["gueltig_bis"], strict=True
    ):
        low = float(start) if pd.notna(start) else float("-inf")
        high = float(end) if pd.notna(end) else float("inf")
        spans = seen.setdefault(gebiet, [])
        if any(low <= other_high and other_low <= high for other_low, other_high in spans):
            report.error(
                name,
                msg(
                    N_(
                        "Doppelter Eintrag: gebiet_id kommt mehrfach vor ({gebiet}). Dieselbe Kennung ist nur in "
                        "Gebietsversionen mit getrennten Jahren erlaubt (gueltig_ab/gueltig_bis)."
                    ),
                    gebiet=str(gebiet),
                ),
                row=int(index) + 1,
                column="gebiet_id",
                value=gebiet,
            )
            bad.append(index)
            continue
        spans.append((low, high))
    return bad


def _describe_crs(frame: gpd.GeoDataFrame) -> str:
    if frame.crs is None:
        return "ohne Koordinatensystem"
    epsg = frame.crs.to_epsg()
    label = f"EPSG:{epsg}" if epsg else frame.crs.name
    note = "" if epsg == WGS84_EPSG else ", umgerechnet nach WGS84"
    return f"{len(frame)} Flächen, Koordinatensystem {label}{note}"


def _properties_as_text(raw: gpd.GeoDataFrame) -> pd.DataFrame:
    props = pd.DataFrame(raw.drop(columns=raw.geometry.name))
    props.columns = [str(c).strip().lower() for c in props.columns]

    def to_text(value: object) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    return props.map(to_text) if len(props.columns) else props


def _check_geometry(areas: gpd.GeoDataFrame, name: str, report: Report) -> gpd.GeoDataFrame:
    bad: list[int] = []
    for index, geom in areas.geometry.items():
        row = int(index) + 1  # features are counted from 1
        label = areas.at[index, "gebiet_id"]
        if geom is None or geom.is_empty:
            report.error(
                name, msg(N_("Gebiet {gebiet}: Fläche fehlt oder ist leer."), gebiet=label), row=row, column="geometry"
            )
            bad.append(index)
        elif geom.geom_type not in ("Polygon", "MultiPolygon"):
            report.error(
                name,
                msg(N_("Gebiet {gebiet}: Polygon oder MultiPolygon erwartet."), gebiet=label),
                row=row,
                column="geometry",
                value=geom.geom_type,
            )
            bad.append(index)
        elif not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            report.warning(
                name,
                msg(N_("Gebiet {gebiet}: ungültige Fläche ({grund}), wurde repariert."), gebiet=label, grund=reason),
                row=row,
                column="geometry",
            )
            areas.at[index, "geometry"] = shapely.make_valid(geom)
    return areas.drop(index=bad)


def _empty() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({c.name: [] for c in AREA_SPEC.columns}, geometry=[], crs=WGS84)


# Display geometry: the coarsest detail shown is a fraction of the whole extent, so a map of all
# German municipalities is not drawn with the detail of one city district (see docs/leistung.md).
EXTENT_FRACTION = 1 / 8000
DISPLAY_GRID = 1e-5  # degrees: about 1 m; five decimals in the GeoJSON


def display_geometry(areas: gpd.GeoDataFrame, tolerance_m: float = 15.0) -> gpd.GeoDataFrame:
    """Simplified copy for the map: coverage simplification keeps neighbours gap-free.

    Done in metres (UTM 32N) so the tolerance means the same everywhere in Germany. The tolerance
    is `tolerance_m` or 1/8000 of the extent's diagonal, whichever is larger: the map opens showing
    the whole extent on about 1,000–1,500 pixels, so that is a fifth of a pixel there and still
    below one pixel two zoom levels further in (a city: 15 m; all of Germany: about 140 m).
    """
    metric = areas[["gebiet_id", "name", "geometry"]].to_crs("EPSG:25832")
    if len(metric):
        minx, miny, maxx, maxy = metric.total_bounds
        tolerance_m = max(tolerance_m, float(((maxx - minx) ** 2 + (maxy - miny) ** 2) ** 0.5) * EXTENT_FRACTION)
    try:
        simplified = shapely.coverage_simplify(metric.geometry.values, tolerance_m)
    except Exception:  # not a valid coverage (overlaps): fall back to per-polygon simplify
        simplified = shapely.simplify(metric.geometry.values, tolerance_m, preserve_topology=True)
    metric = metric.set_geometry(gpd.GeoSeries(simplified, index=metric.index, crs=metric.crs))
    out = metric.to_crs(WGS84)
    out["geometry"] = shapely.set_precision(out.geometry.values, DISPLAY_GRID)
    return out
