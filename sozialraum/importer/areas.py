"""Areas of an import: the polygon files (any format and CRS geopandas reads) in WGS84, invalid ones
repaired, corrected ids, derived levels, predecessors across a boundary reform, and the lookup that joins
table rows to polygons."""

from __future__ import annotations

from collections import defaultdict

import geopandas as gpd
import pandas as pd
import shapely

from ..aggregate import aggregate_areas
from ..geocheck import WGS84
from ..levels import area_validities, span_text
from ..report import Report
from .raw import cell_text, code_key, normalize_name
from .result import MAX_DUPLICATE_MESSAGES, ImportReport
from .spec import AreaSource, Mapping

GERMANY = (5.5, 47.2, 15.1, 55.1)  # lon/lat box: polygons outside point to a wrong CRS


class AreaLookup:
    """Polygon ids and normalized names, for joining table rows to polygons."""

    def __init__(self, areas: gpd.GeoDataFrame) -> None:
        self.level_of = dict(
            zip(areas["gebiet_id"], areas["ebene"] if "ebene" in areas else [""] * len(areas), strict=True)
        )
        self.ids = list(areas["gebiet_id"])
        self.id_set = set(self.ids)
        self.names = dict(zip(areas["gebiet_id"], areas["name"], strict=True))
        by_name: dict[str, list[str]] = defaultdict(list)
        for gid, name in self.names.items():
            by_name[normalize_name(name)].append(gid)
        self.by_name = dict(by_name)

    def find_name(self, name: str) -> tuple[str | None, bool]:
        """(polygon id, ambiguous?) for a table name."""
        hits = self.by_name.get(normalize_name(name), [])
        if len(hits) == 1:
            return hits[0], False
        return None, len(hits) > 1

    @classmethod
    def for_year(cls, areas: gpd.GeoDataFrame, year: int | None) -> AreaLookup:
        """Only the areas valid in `year` (geometry versions); all areas without a year."""
        if year is None or "gueltig_ab" not in areas and "gueltig_bis" not in areas:
            return cls(areas)
        start = areas["gueltig_ab"] if "gueltig_ab" in areas else pd.Series(pd.NA, index=areas.index)
        end = areas["gueltig_bis"] if "gueltig_bis" in areas else pd.Series(pd.NA, index=areas.index)
        valid = (start.isna() | (start <= year)) & (end.isna() | (end >= year))
        return cls(areas[valid.fillna(True).astype(bool)])

    def in_levels(self, levels: set[str]) -> list[str]:
        return [g for g in self.ids if self.level_of[g] in levels]

    def label(self, gid: str) -> str:
        name = self.names.get(gid, "")
        return f"{gid} {name}" if name and name != gid else gid


def _describe_crs(crs: object) -> str:
    if crs is None:
        return "ohne Koordinatensystem"
    epsg = crs.to_epsg()  # type: ignore[attr-defined]
    if epsg:
        return f"Koordinatensystem EPSG:{epsg}"
    return f"Koordinatensystem „{crs.name}“ ohne EPSG-Code (aus der Projektionsbeschreibung)"  # type: ignore[attr-defined]


def _polygonal(geom: object) -> object | None:
    """Only the polygon parts of a geometry (make_valid may add lines or points)."""
    if geom is None or geom.is_empty:  # type: ignore[attr-defined]
        return None
    kind = geom.geom_type  # type: ignore[attr-defined]
    if kind in ("Polygon", "MultiPolygon"):
        return geom
    if kind == "GeometryCollection":
        parts = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]  # type: ignore[attr-defined]
        return shapely.union_all(parts) if parts else None
    return None


def read_area_file(
    spec: AreaSource, mapping: Mapping, result: ImportReport, problems: Report
) -> gpd.GeoDataFrame | None:
    """One geometry file: gebiet_id, name (and ebene, uebergeordnet, validity) in WGS84; invalid ones repaired."""
    path = mapping.quelle / spec.datei
    file = spec.datei
    if not path.exists():
        problems.error(file, f"Gebietsdatei nicht gefunden ({path}). Prüfen Sie [gebiete] datei oder --quelle.")
        return None
    options: dict[str, object] = {}
    if spec.layer:
        options["layer"] = spec.layer
    if spec.kodierung:
        options["encoding"] = spec.kodierung
    try:
        raw = gpd.read_file(path, **options)
    except UnicodeDecodeError:
        problems.error(file, 'Die Attribute sind anders kodiert. Setzen Sie in [gebiete] kodierung = "cp1252".')
        return None
    except Exception as exc:  # pyogrio raises several types for unreadable files
        problems.error(file, f"Datei kann nicht als Geodaten gelesen werden ({exc}).")
        return None
    detected = _describe_crs(raw.crs)
    if spec.crs:
        try:
            raw = raw.set_crs(spec.crs, allow_override=True)
        except Exception as exc:  # pyproj CRSError
            problems.error(file, f"[gebiete] crs „{spec.crs}“ ist kein bekanntes Koordinatensystem ({exc}).")
            return None
        if detected != "ohne Koordinatensystem":
            result.area_notes.append(f"Die Datei gibt {detected} an; verwendet wird crs = „{spec.crs}“ der Zuordnung.")
        detected = f"{_describe_crs(raw.crs)} (aus der Zuordnung)"
    elif raw.crs is None:
        problems.error(
            file,
            "Die Datei nennt kein Koordinatensystem (fehlt die .prj-Datei?). Geben Sie es in [gebiete] an, "
            'z. B. crs = "EPSG:25832" (UTM 32) oder crs = "EPSG:25833" (UTM 33).',
        )
        return None
    columns = [str(c) for c in raw.columns if c != raw.geometry.name]
    found: dict[str, str] = {}
    wanted_columns = [("id", spec.id), ("name", spec.name), ("uebergeordnet", spec.uebergeordnet)]
    wanted_columns += [(f"korrekturen: wo {c}", c) for fix in spec.korrekturen for c in fix.wo]
    for key, wanted in wanted_columns:
        if wanted is None:
            continue
        exact = [c for c in columns if c == wanted] or [c for c in columns if c.casefold() == wanted.casefold()]
        if exact:
            found[key] = exact[0]
        else:
            listed = ", ".join(f"„{c}“" for c in columns)
            problems.error(file, f"{spec.label()} {key} = „{wanted}“: diese Spalte fehlt. Vorhanden: {listed}.")
    if problems.errors:
        return None
    ids = raw[found["id"]].map(lambda c: code_key(c, spec.stellen))
    names = raw[found["name"]].map(cell_text)
    keep: list[int] = []
    for index in raw.index:
        feature = int(index) + 1
        if not ids[index]:
            result.area_notes.append(f"Fläche Nr. {feature}: keine Kennung in „{found['id']}“, weggelassen.")
            continue
        keep.append(index)
    ids = _apply_corrections(spec, raw, ids, names, found, result, problems)
    duplicated = ids[keep][ids[keep].duplicated(keep=False)]
    if spec.doppelte_ids == "zusammenfassen":
        duplicated = duplicated.iloc[0:0]  # merged below, after the frame is built
    for gid in sorted(set(duplicated)):
        rows = [str(int(i) + 1) for i in duplicated.index[duplicated == gid]]
        problems.error(
            file,
            f"Kennung „{gid}“ kommt {len(rows)}-mal vor (Flächen Nr. {', '.join(rows)}: "
            f"{', '.join(names[int(r) - 1] for r in rows)}). Kennungen müssen eindeutig sein: korrigieren Sie die "
            f"Datei, wählen Sie in {spec.label()} id eine andere Spalte, oder korrigieren Sie die Kennung mit "
            '[[gebiete.korrekturen]] bzw. fassen Sie die Flächen mit doppelte_ids = "zusammenfassen" zusammen.',
            column=found["id"],
            value=gid,
        )
    if problems.errors:
        return None
    frame = gpd.GeoDataFrame(
        {"gebiet_id": ids[keep].astype(object), "name": names[keep].astype(object)},
        geometry=raw.geometry[keep],
        crs=raw.crs,
    )
    if spec.ebene:
        frame["ebene"] = spec.ebene
    if "uebergeordnet" in found:
        frame["uebergeordnet"] = raw.loc[keep, found["uebergeordnet"]].map(cell_text).astype(object)
    elif spec.uebergeordnet_stellen:
        frame["uebergeordnet"] = frame["gebiet_id"].str[: spec.uebergeordnet_stellen].astype(object)
    if spec.doppelte_ids == "zusammenfassen":
        frame = _merge_duplicate_ids(frame, file, result)
    unnamed = frame["name"] == ""
    if unnamed.any():
        frame.loc[unnamed, "name"] = frame.loc[unnamed, "gebiet_id"]
        result.area_notes.append(f"{int(unnamed.sum())} Flächen ohne Namen: die Kennung wird als Name gezeigt.")
    if frame.crs is not None and not frame.crs.equals(WGS84):
        frame = frame.to_crs(WGS84)
        detected += ", nach WGS84 umgerechnet"
    frame = _repair(frame, result)
    result.areas_detected = f"{len(raw)} Flächen in der Datei, {detected}"
    west, south, east, north = frame.total_bounds if len(frame) else (0, 0, 0, 0)
    lo_x, lo_y, hi_x, hi_y = GERMANY
    if len(frame) and not (lo_x <= west and east <= hi_x and lo_y <= south and north <= hi_y):
        problems.error(
            file,
            f"Die Flächen liegen nach der Umrechnung nicht in Deutschland ({_deg(west)}–{_deg(east)} °O, "
            f"{_deg(south)}–{_deg(north)} °N). Das Koordinatensystem stimmt nicht: prüfen Sie die .prj-Datei oder "
            f"setzen Sie {spec.label()} crs.",
        )
        return None
    for column, year in (("gueltig_ab", spec.gueltig_ab), ("gueltig_bis", spec.gueltig_bis)):
        if year is not None:
            frame[column] = pd.array([year] * len(frame), dtype="Int64")
    return frame.reset_index(drop=True)


def _apply_corrections(
    spec: AreaSource,
    raw: gpd.GeoDataFrame,
    ids: pd.Series,
    names: pd.Series,
    found: dict[str, str],
    result: ImportReport,
    problems: Report,
) -> pd.Series:
    """Wrong ids fixed as the mapping says (`[[gebiete.korrekturen]]`), each reported."""
    ids = ids.copy()
    for fix in spec.korrekturen:
        where = f"{spec.label()}, [[gebiete.korrekturen]] Nr. {fix.number}"
        mask = ids == code_key(fix.id, spec.stellen)
        for column, allowed in fix.wo.items():
            actual = found.get(f"korrekturen: wo {column}")
            if actual is None:
                return ids  # the missing column is already reported
            mask &= raw[actual].map(cell_text).isin(allowed)
        shown = "; ".join(f"{c} = {', '.join(v)}" for c, v in fix.wo.items())
        if not mask.any():
            condition = f" und {shown}" if shown else ""
            problems.error(
                spec.datei, f"{where}: keine Fläche mit Kennung „{fix.id}“{condition}. Prüfen Sie id und wo."
            )
            continue
        for index in ids.index[mask]:
            reason = f" – {fix.grund}" if fix.grund else ""
            condition = f", {shown}" if shown else ""
            result.area_notes.append(
                f"Korrektur ({where}): Fläche Nr. {int(index) + 1} „{names[index]}“{condition}: Kennung "
                f"{ids[index]} → {fix.neue_id}{reason}."
            )
        ids[mask] = fix.neue_id
    return ids


def _merge_duplicate_ids(frame: gpd.GeoDataFrame, file: str, result: ImportReport) -> gpd.GeoDataFrame:
    """doppelte_ids = "zusammenfassen": the polygons of one id become one (multi)polygon."""
    twice = frame["gebiet_id"].duplicated(keep=False)
    if not twice.any():
        return frame
    for gid, group in frame[twice].groupby("gebiet_id", sort=True):
        names = ", ".join(dict.fromkeys(str(n) for n in group["name"]))
        result.area_notes.append(
            f"{file}: Kennung {gid} kommt {len(group)}-mal vor ({names}); die Flächen wurden zu einer "
            "zusammengefasst (doppelte_ids = „zusammenfassen“), der Name ist der der ersten."
        )
    merged = frame.dissolve(by="gebiet_id", aggfunc="first", sort=False).reset_index()
    return gpd.GeoDataFrame(merged[frame.columns], geometry="geometry", crs=frame.crs)


def derive_level(
    spec: AreaSource, children: gpd.GeoDataFrame, result: ImportReport, problems: Report
) -> gpd.GeoDataFrame | None:
    """A level made of the union of `aus_ebene`'s areas per parent id (`uebergeordnet`)."""
    parents = children["uebergeordnet"] if "uebergeordnet" in children else pd.Series(dtype=object)
    parent_of = {g: p for g, p in zip(children["gebiet_id"], parents, strict=False) if isinstance(p, str) and p}
    if not parent_of:
        problems.error(
            spec.label(),
            f"aus_ebene = „{spec.aus_ebene}“: deren Flächen nennen kein übergeordnetes Gebiet. Geben Sie dort "
            "uebergeordnet (Spalte) oder uebergeordnet_stellen an.",
        )
        return None
    frame = aggregate_areas(children.drop(columns=["einwohner"], errors="ignore"), parent_of, spec.namen, spec.ebene)
    unnamed = sorted(set(frame["gebiet_id"]) - set(spec.namen))
    if spec.namen and unnamed:
        result.area_notes.append(f"{spec.label()}: ohne Namen in „namen“: {', '.join(unnamed)} (Kennung als Name).")
    for column, year in (("gueltig_ab", spec.gueltig_ab), ("gueltig_bis", spec.gueltig_bis)):
        if year is not None:
            frame[column] = pd.array([year] * len(frame), dtype="Int64")
    result.area_notes.append(
        f"Ebene „{spec.ebene}“: {len(frame)} Flächen als Vereinigung der Flächen von „{spec.aus_ebene}“ je "
        "übergeordnetem Gebiet gebildet."
    )
    return frame


OVERLAP = 0.95  # share of both areas' surface that must coincide for a 1:1 predecessor


EQUAL_AREA = "EPSG:3035"  # LAEA Europe: surface shares are true


def predecessors_by_overlap(new: gpd.GeoDataFrame, old: gpd.GeoDataFrame) -> dict[str, str]:
    """New id → old id where the two areas cover each other to at least 95 % (one to one)."""
    left = new[["gebiet_id", "geometry"]].to_crs(EQUAL_AREA).rename(columns={"gebiet_id": "neu"})
    right = old[["gebiet_id", "geometry"]].to_crs(EQUAL_AREA).rename(columns={"gebiet_id": "alt"})
    left["flaeche_neu"], right["flaeche_alt"] = left.area, right.area
    both = gpd.overlay(left, right, how="intersection", keep_geom_type=True)
    both["anteil_neu"] = both.area / both["flaeche_neu"]
    both["anteil_alt"] = both.area / both["flaeche_alt"]
    same = both[(both["anteil_neu"] >= OVERLAP) & (both["anteil_alt"] >= OVERLAP)]
    return dict(zip(same["neu"], same["alt"], strict=True))


def read_areas(mapping: Mapping, result: ImportReport, problems: Report) -> gpd.GeoDataFrame | None:
    """All levels and geometry versions of the mapping as one frame (ids unique across them)."""
    specs = mapping.ebenen or [mapping.gebiete]
    frames: dict[str, gpd.GeoDataFrame] = {}
    for spec in specs:
        if not spec.aus_ebene:
            frame = read_area_file(spec, mapping, result, problems)
            if frame is not None:
                frames[spec.ebene] = frame
    if problems.errors:
        return None
    for spec in specs:
        if spec.aus_ebene:
            frame = derive_level(spec, frames[spec.aus_ebene], result, problems)
            if frame is None:
                return None
            frames[spec.ebene] = frame
    for spec in specs:
        if spec.vorgaenger_aus:
            links = predecessors_by_overlap(frames[spec.ebene], frames[spec.vorgaenger_aus])
            frames[spec.ebene]["vorgaenger"] = frames[spec.ebene]["gebiet_id"].map(links).astype(object)
            result.area_notes.append(
                f"Ebene „{spec.ebene}“: {len(links)} von {len(frames[spec.ebene])} Flächen haben einen Vorgänger in "
                f"„{spec.vorgaenger_aus}“, der sich zu mindestens {round(OVERLAP * 100)} % mit ihnen deckt (in beide "
                "Richtungen); ihre Zeitreihen werden über die Gebietsreform hinweg verbunden."
            )
    ordered = [frames[s.ebene] for s in specs if s.ebene in frames] if len(specs) > 1 else list(frames.values())
    areas = pd.concat(ordered, ignore_index=True) if len(ordered) > 1 else ordered[0]
    areas = gpd.GeoDataFrame(areas, geometry="geometry", crs=WGS84)
    spans = area_validities(areas)
    clashing = [g for g, own in spans.items() if len(own) > 1 and _overlap(own)]
    for gid in clashing[:MAX_DUPLICATE_MESSAGES]:
        levels = ", ".join(f"„{e}“" for e in areas.loc[areas["gebiet_id"] == gid, "ebene"])
        problems.error(
            mapping.file,
            f"Kennung „{gid}“ kommt in mehreren Ebenen vor ({levels}). Kennungen müssen eindeutig sein; nur "
            "Gebietsversionen mit getrennten Jahren (gueltig_ab/gueltig_bis) dürfen eine Kennung teilen.",
        )
    if problems.errors:
        return None
    result.areas_file = ", ".join(dict.fromkeys(s.datei for s in specs if s.datei))
    result.areas = len(areas)
    if len(specs) > 1:
        result.areas_detected = "; ".join(f"{s.ebene}: {len(frames[s.ebene])}" + _span(s) for s in specs)
    return areas


def _overlap(spans: list[tuple[int | None, int | None]]) -> bool:
    """Do any two validity intervals share a year (None = open end)?"""
    bounds = [(a if a is not None else -(10**9), b if b is not None else 10**9) for a, b in spans]
    return any(a1 <= b2 and a2 <= b1 for i, (a1, b1) in enumerate(bounds) for a2, b2 in bounds[i + 1 :])


def _span(spec: AreaSource) -> str:
    if spec.gueltig_ab is None and spec.gueltig_bis is None:
        return ""
    return f" (gültig {span_text((spec.gueltig_ab, spec.gueltig_bis))})"


def _deg(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _repair(frame: gpd.GeoDataFrame, result: ImportReport) -> gpd.GeoDataFrame:
    drop: list[int] = []
    for index, geom in frame.geometry.items():
        label = f"{frame.at[index, 'gebiet_id']} {frame.at[index, 'name']}"
        if geom is None or geom.is_empty:
            result.area_notes.append(f"Fläche {label}: keine Geometrie, weggelassen.")
            drop.append(index)
            continue
        fixed = geom
        if not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            fixed = _polygonal(shapely.make_valid(geom))
            result.area_notes.append(f"Fläche {label}: ungültig ({reason}), mit make_valid repariert.")
        else:
            fixed = _polygonal(geom)
        if fixed is None:
            result.area_notes.append(f"Fläche {label}: keine Fläche ({geom.geom_type}), weggelassen.")
            drop.append(index)
            continue
        if fixed is not geom:
            frame.at[index, "geometry"] = fixed
    return frame.drop(index=drop)
