"""Checks of an area file before its numbers are trusted: coordinate system, expected region, column names.

A GeoJSON without a `crs` member is read as WGS84; metre coordinates (UTM, Gauß-Krüger) then lie far
outside longitude/latitude and break every map. Such a file is refused with the likely system named,
or reprojected when the settings declare its system (`[daten] koordinatensystem`). Geometry far from
the expected region (`[karte] erwartetes_gebiet`, default Germany) is reported with the extent found;
swapped longitude/latitude is refused. Shapefiles cut column names to 10 characters
(`uebergeordnet` → `uebergeord`): known columns are recognised by their cut name, and
`[daten] spalten` maps any other name.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import geopandas as gpd

from .report import N_, Message, Number, Report, msg

WGS84_EPSG = 4326  # the one WGS84 of the package: data folders, maps and imports use lon/lat
WGS84 = f"EPSG:{WGS84_EPSG}"
GERMANY = (5.5, 47.0, 15.5, 55.2)  # west, south, east, north in degrees
SHAPEFILE_NAME_LENGTH = 10


def extent_text(bounds: Iterable[float]) -> str:
    west, south, east, north = (float(b) for b in bounds)
    return f"x {_num(west)} bis {_num(east)}, y {_num(south)} bis {_num(north)}"


def _num(value: float) -> str:
    digits = 0 if abs(value) >= 1000 else 4
    return f"{value:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def likely_crs(bounds: Iterable[float]) -> Message:
    """The coordinate systems German municipal GIS exports most likely use, judged from the extent."""
    west, south, east, north = (float(b) for b in bounds)
    if south >= 5_200_000 and north <= 6_200_000:
        if west >= 100_000 and east <= 900_000:
            return msg(N_("UTM Zone 32N (EPSG:25832) oder 33N (EPSG:25833)"))
        if west >= 32_000_000 and east <= 33_900_000:
            return msg(N_("UTM mit Zonenvorsatz (EPSG:4647 oder EPSG:5650)"))
        if west >= 2_400_000 and east <= 5_900_000:
            return msg(N_("Gauß-Krüger (EPSG:31466 bis EPSG:31469)"))
    return msg(N_("ein metrisches Koordinatensystem"))


def _extent(west: float, east: float, south: float, north: float) -> dict[str, Number]:
    """Longitudes and latitudes of a message, German as `_num` writes them."""
    named = {"west": west, "ost": east, "sued": south, "nord": north}
    return {key: Number(value, _num(value)) for key, value in named.items()}


def outside_degrees(bounds: Iterable[float]) -> bool:
    west, south, east, north = (float(b) for b in bounds)
    return west < -180 or east > 180 or south < -90 or north > 90


def place_crs(raw: gpd.GeoDataFrame, name: str, declared: str, report: Report) -> gpd.GeoDataFrame | None:
    """The frame in WGS84, or None (with an error) when its coordinates cannot be in the system it names."""
    empty = raw.geometry.is_empty | raw.geometry.isna()
    bounds = raw[~empty].total_bounds if (~empty).any() else None
    in_metres = bounds is not None and outside_degrees(bounds)
    if declared and (raw.crs is None or (in_metres and raw.crs.is_geographic)):
        raw = raw.set_crs(declared, allow_override=True)
        report.detected[f"{name}, Koordinatensystem"] = f"{declared} laut einstellungen.toml, umgerechnet nach WGS84"
    elif raw.crs is None:
        if in_metres:
            return _refuse(name, bounds, report)
        report.warning(name, msg(N_("Kein Koordinatensystem angegeben; WGS84 (Längen-/Breitengrad) angenommen.")))
        raw = raw.set_crs(WGS84)
    elif in_metres and raw.crs.is_geographic:
        return _refuse(name, bounds, report)
    try:
        out = raw.to_crs(WGS84)
    except Exception as exc:  # pyproj: coordinates the system cannot hold
        report.error(
            name,
            msg(N_("Koordinaten lassen sich nicht nach WGS84 umrechnen ({grund})."), grund=str(exc)),
            column="geometry",
        )
        return None
    placed = out[~empty]
    if len(placed) and bounds is not None:
        after = placed.total_bounds
        if not all(math.isfinite(b) for b in after) or outside_degrees(after):  # declared system does not fit
            return _refuse(name, bounds, report)
    return out


def _refuse(name: str, bounds: Iterable[float], report: Report) -> None:
    report.error(
        name,
        msg(
            N_(
                "Koordinaten in Metern, aber kein passendes Koordinatensystem angegeben (gelesen als Längen-/"
                "Breitengrad). Wahrscheinlich {system}: bitte im GIS mit Koordinatensystem exportieren oder in "
                'einstellungen.toml unter [daten] angeben, z. B. koordinatensystem = "EPSG:25832".'
            ),
            system=likely_crs(bounds),
        ),
        column="geometry",
        value=extent_text(bounds),
    )
    return None


def check_region(
    areas: gpd.GeoDataFrame, name: str, region: tuple[float, ...], report: Report
) -> gpd.GeoDataFrame | None:
    """None (error) for swapped longitude/latitude; a warning for geometry outside the expected region."""
    valid = areas[~(areas.geometry.is_empty | areas.geometry.isna())]
    if valid.empty:
        return areas
    west, south, east, north = (float(b) for b in valid.total_bounds)
    r_west, r_south, r_east, r_north = region
    if r_west <= west and east <= r_east and r_south <= south and north <= r_north:
        return areas
    extents = {
        **{f"{k}_gefunden": v for k, v in _extent(west, east, south, north).items()},
        **{f"{k}_erwartet": v for k, v in _extent(r_west, r_east, r_south, r_north).items()},
    }
    swapped = r_west <= south and north <= r_east and r_south <= west and east <= r_north
    if swapped:
        report.error(
            name,
            msg(
                N_(
                    "Längen- und Breitengrad sind offenbar vertauscht (gefunden: Länge {west_gefunden} bis "
                    "{ost_gefunden}, Breite {sued_gefunden} bis {nord_gefunden}; erwartet: Länge {west_erwartet} bis "
                    "{ost_erwartet}, Breite {sued_erwartet} bis {nord_erwartet}). Bitte die Achsenreihenfolge im "
                    "Export prüfen (GeoJSON: erst Länge, dann Breite)."
                ),
                **extents,
            ),
            column="geometry",
        )
        return None
    report.warning(
        name,
        msg(
            N_(
                "Flächen liegen außerhalb des erwarteten Gebiets (gefunden: Länge {west_gefunden} bis {ost_gefunden}, "
                "Breite {sued_gefunden} bis {nord_gefunden}; erwartet: Länge {west_erwartet} bis {ost_erwartet}, "
                "Breite {sued_erwartet} bis {nord_erwartet}). Stimmt das Koordinatensystem? Das erwartete Gebiet "
                "lässt sich unter [karte] erwartetes_gebiet einstellen."
            ),
            **extents,
        ),
        column="geometry",
    )
    return areas


def rename_columns(
    columns: Iterable[str], known: Iterable[str], mapping: Mapping[str, str], name: str, report: Report
) -> dict[str, str]:
    """Old → new column names: the settings' mapping first, then known names cut to 10 characters."""
    present = list(columns)
    known = list(known)
    out: dict[str, str] = {}
    for source, target in mapping.items():
        key = str(source).strip().lower()
        if key in present:
            out[key] = str(target).strip().lower()
        else:
            report.warning(
                name,
                msg(N_("[daten] spalten: Spalte „{spalte}“ nicht in der Datei; Zuordnung ignoriert."), spalte=source),
            )
    for column in known:
        cut = column[:SHAPEFILE_NAME_LENGTH]
        if cut != column and cut in present and column not in present and cut not in out:
            out[cut] = column
    for source, target in out.items():
        if source != target:
            report.detected[f"{name}, Spalte {source}"] = f"gelesen als „{target}“"
    return out
