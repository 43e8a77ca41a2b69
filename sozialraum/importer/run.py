"""The import: mapping file + raw files → a data folder of the contract, with a German report.

Steps: check the mapping; read the polygons (any format and CRS geopandas reads, invalid ones
repaired); read each source, sort its rows into areas, the city total and rows that are not areas;
join areas by code or by name; turn cells into values; derive rates from numerators and
denominators; write everything into a temporary folder, validate it with the dashboard's own
loader, and only then replace the target folder. Nothing half-written is ever left behind.
"""

from __future__ import annotations

import copy
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from ..aggregate import aggregate_areas
from ..csvio import read_text_table
from ..levels import area_validities, level_rows, span_text, valid_in
from ..loader import load_bundle
from ..realdata.common import Dropped, Indicator, atomic_folder, percent, write_catalogue, write_settings, write_values
from ..report import Report
from ..schemas import CATALOGUE_SPEC, CITY_ID, NUMERIC_KINDS, OPEN_BOUND, parse_table
from .mapping import AreaSource, CatalogueEntry, Mapping, MappingError, NonAreaRule, Source, read_mapping
from .raw import (
    EMPTY,
    MISSING,
    NUMBER,
    SUPPRESSED,
    RawTable,
    cell_text,
    code_key,
    find_column,
    missing_column_message,
    normalize_name,
    number_hint,
    parse_cell,
    parse_year,
    read_table,
)

WGS84 = "EPSG:4326"
GERMANY = (5.5, 47.2, 15.1, 55.1)  # lon/lat box: polygons outside point to a wrong CRS
MAX_CELL_MESSAGES = 5  # per file and column; the rest is counted
MAX_DUPLICATE_MESSAGES = 10
NOTE_SUPPRESSED = "in der Quelle gesperrt"
REPORT_FILE = "IMPORT.txt"


class ImportFailed(MappingError):
    """Raised with the problems and, when it got that far, the import report so far."""

    def __init__(self, report: Report, result: ImportReport | None = None) -> None:
        super().__init__(report)
        self.result = result


# --- report ---------------------------------------------------------------------------


@dataclass
class JoinResult:
    """Table ↔ polygons for one source file: which keys found a polygon, which polygons got rows."""

    table: str
    by: str  # "Kennung" or "Name"
    column: str
    area_keys: int
    matched: int
    non_area: list[str]  # "0 „Jena (gesamt)“ → gesamt"
    unmatched: list[str]  # keys (with names) of area rows without a polygon
    ambiguous: list[str]
    polygons: int
    polygons_matched: int
    polygons_without: list[str]  # "13 Name"

    @property
    def table_keys(self) -> int:
        return self.area_keys + len(self.non_area)

    @property
    def table_rate(self) -> float:
        return self.matched / self.area_keys if self.area_keys else 0.0

    @property
    def polygon_rate(self) -> float:
        return self.polygons_matched / self.polygons if self.polygons else 0.0

    def as_text(self) -> str:
        lines = [
            f"{self.table} (über {self.by} in Spalte „{self.column}“): "
            f"{self.matched}/{self.area_keys} Gebiete der Tabelle mit Fläche ({percent(self.table_rate)}), "
            f"{self.matched}/{self.table_keys} aller Einträge; "
            f"{self.polygons_matched}/{self.polygons} Flächen mit Werten ({percent(self.polygon_rate)})"
        ]
        if self.non_area:
            lines.append(f"  keine Gebiete (laut Zuordnung): {'; '.join(self.non_area)}")
        lines.append(f"  ohne Fläche: {'; '.join(self.unmatched) or '–'}")
        if self.ambiguous:
            lines.append(f"  mehrdeutig (Name passt auf mehrere Flächen): {'; '.join(self.ambiguous)}")
        lines.append(f"  Flächen ohne Zeile: {'; '.join(self.polygons_without) or '–'}")
        return "\n".join(lines)


@dataclass
class SourceResult:
    file: str
    detected: str
    rows_read: int
    dropped: list[Dropped] = field(default_factory=list)
    join: JoinResult | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What the import read, left out, matched and wrote; ends with the dashboard's check."""

    mapping: Path
    quelle: Path
    ziel: Path
    areas_file: str = ""
    areas_detected: str = ""
    areas: int = 0
    area_notes: list[str] = field(default_factory=list)
    sources: list[SourceResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    values_written: int = 0
    indicators: dict[str, str] = field(default_factory=dict)  # id → "n Werte, Jahre a–b"
    years: list[int] = field(default_factory=list)
    check: Report | None = None

    def join(self, file: str) -> JoinResult:
        """Join statistics of one source file (KeyError if there is none)."""
        for source in self.sources:
            if source.file == file and source.join is not None:
                return source.join
        raise KeyError(file)

    def source(self, file: str) -> SourceResult:
        for source in self.sources:
            if source.file == file:
                return source
        raise KeyError(file)

    def as_text(self) -> str:
        lines = [f"Import nach {self.mapping.name}", f"Quelle: {self.quelle}", f"Ziel:   {self.ziel}", ""]
        lines.append(f"Gebiete: {self.areas_file}: {self.areas} Flächen übernommen; {self.areas_detected}")
        lines += [f"  - {note}" for note in self.area_notes]
        for source in self.sources:
            lines += ["", f"Quelle {source.file}: {source.rows_read} Zeilen gelesen ({source.detected})"]
            if source.dropped:
                lines.append("  Nicht übernommen:")
                lines += [f"    {d.as_text()}" for d in source.dropped]
            else:
                lines.append("  Nicht übernommen: nichts")
            if source.join is not None:
                lines.append("  Abgleich Tabelle ↔ Flächen:")
                lines += [f"    {line}" for line in source.join.as_text().splitlines()]
            lines += [f"  - {note}" for note in source.notes]
        if self.notes:
            lines += ["", "Hinweise:"] + [f"  - {note}" for note in self.notes]
        years = f"{min(self.years)}–{max(self.years)}" if self.years else "keine"
        if self.values_written:
            lines.append("")
            lines.append(f"Geschrieben: {self.values_written} Werte, {len(self.indicators)} Indikatoren, Jahre {years}")
            lines += [f"  {ind}: {text}" for ind, text in self.indicators.items()]
        if self.check is not None:
            lines += ["", f"Prüfbericht des Dashboards für {self.ziel}:", self.check.as_text()]
        return "\n".join(lines)


# --- areas ----------------------------------------------------------------------------


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


# --- catalogue ------------------------------------------------------------------------


def build_catalogue(mapping: Mapping, problems: Report) -> dict[str, CatalogueEntry]:
    """Inline entries, plus those of a referenced indikatoren.csv (inline wins)."""
    entries: dict[str, CatalogueEntry] = {}
    if mapping.katalog_datei:
        path = mapping.path.resolve().parent / mapping.katalog_datei
        if not path.is_file():
            problems.error(mapping.file, f"[katalog] datei: {path} nicht gefunden (Pfad relativ zur Zuordnungsdatei).")
        else:
            numeric = {c.name for c in CATALOGUE_SPEC.columns if c.kind in NUMERIC_KINDS}
            text, fmt = read_text_table(path, numeric)
            spec = CATALOGUE_SPEC.__class__(path.name, CATALOGUE_SPEC.columns, CATALOGUE_SPEC.key)
            typed = parse_table(text, spec, fmt.decimal_comma, problems)
            for row in typed.to_dict("records"):
                fields = {k: v for k, v in row.items() if k != "indikator_id" and not _blank(v)}
                entries[str(row["indikator_id"])] = CatalogueEntry(str(row["indikator_id"]), fields)
    entries.update(mapping.katalog)
    used = {u.indikator_id for s in mapping.quellen for u in s.indikatoren}
    for source in mapping.quellen:
        for use in source.indikatoren:
            if use.indikator_id not in entries:
                problems.error(
                    mapping.file,
                    f"{source.label()}, [[quellen.indikatoren]] Nr. {use.number}: Indikator „{use.indikator_id}“ "
                    "steht weder in [indikatoren] noch in der Katalogdatei.",
                )
    return {k: v for k, v in entries.items() if k in used or v.zaehler is not None}


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) or value == ""


def _bound(value: object) -> float | str | None:
    """A range limit as indikatoren.csv writes it: a number, „offen“ (read from a catalogue file as ±inf)."""
    if _blank(value):
        return None
    if value == OPEN_BOUND or (isinstance(value, float) and math.isinf(value)):
        return OPEN_BOUND
    return float(value)  # type: ignore[arg-type]


def _indicator(entry: CatalogueEntry) -> Indicator:
    f = entry.fields
    factor = f.get("faktor")
    if factor is None and f.get("aggregation") == "quote":
        factor = 100
    return Indicator(
        indikator_id=entry.indikator_id,
        name=str(f["name"]),
        kurzname=str(f.get("kurzname") or f["name"]),
        einheit=str(f["einheit"]),
        thema=str(f["thema"]),
        polaritaet=str(f["polaritaet"]),
        definition=str(f["definition"]),
        quelle=str(f["quelle"]),
        datenstand=str(f.get("datenstand", "")),
        dezimalstellen=int(f["dezimalstellen"]),  # type: ignore[arg-type]
        aggregation=str(f["aggregation"]),
        faktor=float(factor) if factor is not None else None,  # type: ignore[arg-type]
        handlungsfeld_id=str(f.get("handlungsfeld_id", "") or ""),
        min_fallzahl=int(f["min_fallzahl"]) if not _blank(f.get("min_fallzahl")) else None,  # type: ignore[arg-type]
        wertebereich_min=_bound(f.get("wertebereich_min")),
        wertebereich_max=_bound(f.get("wertebereich_max")),
    )


# --- sources --------------------------------------------------------------------------


@dataclass
class _Cells:
    """Value cells that are no number, per column, for bounded messages."""

    bad: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))


_SINGULAR = {"Zeilen": "Zeile", "Werte": "Wert", "Spalten": "Spalte"}


def _dropped(
    file: str, reason: str, count: int, unit: str = "Zeilen", ids: tuple[str, ...] = (), by_name: bool = False
) -> Dropped:
    unit = _SINGULAR.get(unit, unit) if count == 1 else unit
    return Dropped(file, reason, count, unit, ids, "Namen" if by_name else "Kennungen")


def _expand(source: Source) -> list[tuple[str, int | None]]:
    if not source.jahre:
        return [(source.datei, None)]
    return [(source.datei.replace("{jahr}", str(year)), year) for year in source.jahre]


def _condition_mask(table: RawTable, conditions: dict[str, tuple[str, ...]], columns: dict[str, str]) -> pd.Series:
    mask = pd.Series(True, index=table.frame.index)
    for wanted, allowed in conditions.items():
        texts = table.frame[columns[wanted]].map(cell_text)
        mask &= texts.isin(allowed)
    return mask


def _rule_masks(
    rules: tuple[NonAreaRule, ...],
    table: RawTable,
    raw_keys: pd.Series,
    keys: pd.Series,
    columns: dict[str, str],
    by_name: bool,
) -> pd.Series:
    """Number of the first rule each row matches (0 = none): all conditions of a rule must hold."""
    first = pd.Series(0, index=table.frame.index)
    lines = pd.Series(table.lines, index=table.frame.index)
    normalized = raw_keys.map(normalize_name) if by_name and any(r.werte for r in rules) else None
    for rule in rules:
        mask = pd.Series(True, index=table.frame.index)
        if rule.werte:
            if normalized is not None:
                mask &= normalized.isin({normalize_name(w) for w in rule.werte})
            else:
                mask &= raw_keys.isin(rule.werte) | keys.isin(rule.werte)
        if rule.muster is not None:
            mask &= raw_keys.str.fullmatch(rule.muster.pattern) | keys.str.fullmatch(rule.muster.pattern)
        if rule.zeilen:
            mask &= pd.concat([lines.between(low, high) for low, high in rule.zeilen], axis=1).any(axis=1)
        for column, allowed in rule.wo.items():
            mask &= table.frame[columns[column]].map(cell_text).isin(allowed)
        first = first.where((first != 0) | ~mask, rule.number)
    return first


def _needed_columns(source: Source) -> list[tuple[str, str]]:
    """(where the mapping names it, column name) of every column the source refers to."""
    needed = [("Schlüssel „gebiet“", source.gebiet)]
    for key, value in (("name", source.name), ("jahr", source.jahr), ("wert", source.wert)):
        if value is not None:
            needed.append((f"Schlüssel „{key}“", value))
    needed += [("Schlüssel „auswahl“", c) for c in source.auswahl]
    for rule in source.nicht_gebiete:
        needed += [(f"Schlüssel „wo“ in [[quellen.nicht_gebiete]] Nr. {rule.number}", c) for c in rule.wo]
    for use in source.indikatoren:
        where = f"in [[quellen.indikatoren]] Nr. {use.number}"
        if use.spalte is not None:
            needed.append((f"Schlüssel „spalte“ {where}", use.spalte))
        needed += [(f"Schlüssel „auswahl“ {where}", c) for c in use.auswahl]
    return needed


def process_source(
    source: Source,
    table: RawTable,
    fixed_year: int | None,
    lookup: AreaLookup,
    catalogue: dict[str, CatalogueEntry],
    result: SourceResult,
    problems: Report,
) -> list[tuple]:
    """Rows of one source file → value records (gebiet_id, indikator_id, jahr, wert, anmerkung, file, line, column)."""
    file = table.file
    columns: dict[str, str] = {}
    for key, wanted in _needed_columns(source):
        actual = find_column(table, wanted)
        if actual is None:
            problems.error(file, f"{source.label()}: {missing_column_message(table, wanted, key)}", column=wanted)
        else:
            columns[wanted] = actual
    if any(wanted not in columns for _, wanted in _needed_columns(source)):
        return []
    frame = table.frame
    by_name = source.schluessel == "name"
    selected = _condition_mask(table, source.auswahl, columns)
    if (~selected).sum():
        shown = "; ".join(f"{c} = {', '.join(v)}" for c, v in source.auswahl.items())
        result.dropped.append(_dropped(file, f"nicht in der Auswahl ({shown})", int((~selected).sum())))
    key_col = columns[source.gebiet]
    raw_keys = frame[key_col].map(cell_text)
    keys = raw_keys if by_name else frame[key_col].map(lambda c: code_key(c, source.stellen))
    if by_name and source.umbenennen:
        renames = {normalize_name(k): v for k, v in source.umbenennen.items()}
        keys = keys.map(lambda k: renames.get(normalize_name(k), k))
    names = frame[columns[source.name]].map(cell_text) if source.name else None

    def label(index: int) -> str:
        key = raw_keys[index]
        if names is not None and names[index] and names[index] != key:
            return f"{key} „{names[index]}“"
        return f"„{key}“" if by_name else key

    target: dict[int, str] = {}  # row index → gebiet_id or CITY_ID
    non_area: dict[str, str] = {}  # label → action (distinct)
    empty_keys: list[int] = []
    unmatched: dict[str, int] = {}  # label → number of rows
    ambiguous: dict[str, int] = {}
    area_keys: set[str] = set()
    matched_keys: set[str] = set()
    first_rule = _rule_masks(source.nicht_gebiete, table, raw_keys, keys, columns, by_name)
    for rule in source.nicht_gebiete:
        hits = frame.index[selected & (first_rule == rule.number)]
        if not len(hits):
            continue
        action = "gesamt" if rule.als == "gesamt" else "weggelassen"
        if rule.als == "gesamt":
            target.update(dict.fromkeys(hits, CITY_ID))
        with_key = [i for i in hits if raw_keys[i]]
        for index in with_key:
            non_area.setdefault(label(index), action)
        without_key = len(hits) - len(with_key)
        if without_key:
            non_area[f"{without_key} Zeilen ohne Eintrag in „{key_col}“ ({rule.label()})"] = action
        if rule.als != "gesamt":
            ids = tuple(dict.fromkeys(raw_keys[i] for i in with_key))
            result.dropped.append(
                _dropped(file, f"kein Gebiet: {rule.label()}", len(hits), ids=ids[:20], by_name=by_name)
            )
    for index in frame.index[selected & (first_rule == 0)]:
        if not raw_keys[index]:
            empty_keys.append(table.lines[index])
            continue
        area_keys.add(keys[index])
        if by_name:
            gid, is_ambiguous = lookup.find_name(keys[index])
            if is_ambiguous:
                ambiguous[label(index)] = ambiguous.get(label(index), 0) + 1
                continue
        else:
            gid = keys[index] if keys[index] in lookup.id_set else None
        if gid is None:
            unmatched[label(index)] = unmatched.get(label(index), 0) + 1
            continue
        matched_keys.add(keys[index])
        target[index] = gid
    if empty_keys:
        result.dropped.append(
            _dropped(file, f"Gebietsspalte „{key_col}“ leer (erste: Zeile {empty_keys[0]})", len(empty_keys))
        )
    if unmatched:
        what = "diesem Namen" if by_name else "dieser Kennung"
        result.dropped.append(
            _dropped(
                file, f"keine Fläche mit {what}", sum(unmatched.values()), ids=tuple(unmatched)[:50], by_name=by_name
            )
        )
    if ambiguous:
        result.dropped.append(
            _dropped(
                file, "Name passt auf mehrere Flächen", sum(ambiguous.values()), ids=tuple(ambiguous), by_name=True
            )
        )
    if area_keys and not matched_keys:
        problems.error(file, _no_match_message(source, sorted(area_keys), lookup), column=key_col)
    with_rows = set(target.values()) - {CITY_ID}
    # with several levels, only those the table reaches count as its polygons
    pool = lookup.in_levels({lookup.level_of[g] for g in with_rows}) or lookup.ids
    result.join = JoinResult(
        table=file,
        by="Name" if by_name else "Kennung",
        column=key_col,
        area_keys=len(area_keys),
        matched=len(matched_keys),
        non_area=[f"{k} → {v}" for k, v in non_area.items()],
        unmatched=list(unmatched),
        ambiguous=list(ambiguous),
        polygons=len(pool),
        polygons_matched=len(with_rows),
        polygons_without=[lookup.label(g) for g in pool if g not in with_rows],
    )
    if table.empty_rows:
        result.notes.append(f"{table.empty_rows} leere Zeilen übersprungen.")
    result.notes += table.notes
    return _values(source, table, fixed_year, target, columns, catalogue, result, problems)


def _no_match_message(source: Source, keys: list[str], lookup: AreaLookup) -> str:
    """Why not a single row found a polygon: show both sides, name the usual causes."""
    table = ", ".join(f"„{k}“" for k in keys[:4])
    polygons = ", ".join(f"„{g}“" for g in lookup.ids[:4])
    if source.schluessel == "name":
        polygons = ", ".join(f"„{lookup.names[g]}“" for g in lookup.ids[:4])
        cause = "Ist „gebiet“ die Spalte mit den Namen, und gehört die Tabelle zu diesen Flächen?"
    else:
        cause = (
            "Stimmt die Stellenzahl („stellen“ bei Quelle und [gebiete]), ist „gebiet“ die richtige Spalte, und "
            "gehört die Tabelle zu diesen Flächen (gleicher Gebietsstand)? Stehen in der Tabelle Namen, setzen Sie "
            'schluessel = "name".'
        )
    return (
        f"{source.label()}: keine einzige Zeile fand eine Fläche. Tabelle z. B. {table}; "
        f"Flächen z. B. {polygons}. {cause}"
    )


def _date_columns(source: Source, table: RawTable, columns: dict[str, str], problems: Report) -> dict[str, int]:
    used = set(columns.values())
    dates: dict[str, int] = {}
    for column in table.columns:
        if column in used:
            continue
        if source.spalten is not None and not source.spalten.search(column):
            continue
        try:
            dates[column] = parse_year(column)
        except ValueError:
            if source.spalten is not None:
                problems.error(
                    table.file,
                    f"{source.label()}: Spalte passt auf „spalten“, aber der Kopf ist kein Jahr oder Stichtag.",
                    column=column,
                )
    years = list(dates.values())
    for year in sorted({y for y in years if years.count(y) > 1}):
        twice = [c for c, y in dates.items() if y == year]
        problems.error(
            table.file,
            f"{source.label()}: mehrere Stichtage im Jahr {year} ({', '.join(twice)}). Das Dashboard zeigt einen "
            'Wert je Jahr: wählen Sie die Spalten mit „spalten“ (Suchmuster), z. B. spalten = "^31\\\\.12\\\\.".',
        )
    if not dates:
        problems.error(
            table.file,
            f'{source.label()}: layout = "breit", aber keine Spalte ist ein Jahr oder Stichtag (wie 2016 oder '
            "31.12.2016). Ist das Layout „lang“?",
        )
    return dates


def _values(
    source: Source,
    table: RawTable,
    fixed_year: int | None,
    target: dict[int, str],
    columns: dict[str, str],
    catalogue: dict[str, CatalogueEntry],
    result: SourceResult,
    problems: Report,
) -> list[tuple]:
    file = table.file
    frame = table.frame
    fmt = source.zahlen
    records: list[tuple] = []
    cells = _Cells()
    bad_years: dict[int, str] = {}  # line → text
    rows = sorted(target)
    date_columns = _date_columns(source, table, columns, problems) if source.layout == "breit" else {}
    if source.layout == "breit":
        for column in date_columns:
            if all(cell_text(frame.at[i, column]) == "" for i in rows):
                result.dropped.append(_dropped(file, f"Stichtag {column}: Spalte ganz leer", 1, "Spalten"))
        date_columns = {c: y for c, y in date_columns.items() if any(cell_text(frame.at[i, c]) for i in rows)}
    picked_any: set[int] = set()
    for use in source.indikatoren:
        if use.indikator_id not in catalogue:
            continue
        chosen = _condition_mask(table, use.auswahl, columns)
        use_rows = [i for i in rows if chosen[i]]
        picked_any.update(use_rows)
        counts = {EMPTY: 0, SUPPRESSED: 0, MISSING: 0}
        if source.layout == "lang":
            column = columns[use.spalte or source.wert]  # type: ignore[index]
            pairs = [(i, column) for i in use_rows]
        else:
            pairs = [(i, c) for i in use_rows for c in date_columns]
        for index, column in pairs:
            line = table.lines[index]
            if source.layout == "breit":
                year = date_columns[column]
            elif use.stichtag is not None or fixed_year is not None or source.jahr is None:
                year = use.stichtag or fixed_year or source.stichtag
            else:
                try:
                    year = parse_year(frame.at[index, columns[source.jahr]])
                except ValueError:
                    bad_years[line] = cell_text(frame.at[index, columns[source.jahr]])
                    continue
            cell = frame.at[index, column]
            try:
                kind, number = parse_cell(cell, fmt)
            except ValueError:
                cells.bad[column].append((line, cell_text(cell)))
                continue
            if kind == NUMBER:
                records.append((target[index], use.indikator_id, year, number, None, file, line, column, use.summieren))
            elif kind == SUPPRESSED:
                counts[SUPPRESSED] += 1
                marker = cell_text(cell)
                records.append(
                    (target[index], use.indikator_id, year, None, f"{NOTE_SUPPRESSED} („{marker}“)", file, line,
                     column, use.summieren)
                )  # fmt: skip
            else:
                counts[kind] += 1
        for kind, reason in ((EMPTY, "leere Zelle"), (MISSING, f"als fehlend markiert ({', '.join(fmt.fehlend)})")):
            if counts[kind]:
                result.dropped.append(_dropped(file, f"{use.indikator_id}: {reason}", counts[kind], "Werte"))
        if counts[SUPPRESSED]:
            result.notes.append(
                f"{use.indikator_id}: {counts[SUPPRESSED]} Werte in der Quelle gesperrt "
                f"({', '.join(fmt.geheim)}); als Zeile ohne Wert mit Anmerkung übernommen."
            )
    unused = [i for i in rows if i not in picked_any]
    if unused:
        result.dropped.append(_dropped(file, "von keinem Indikator ausgewählt", len(unused)))
    _report_cells(source, table, cells, problems)
    if bad_years:
        shown = ", ".join(f"Zeile {line}: „{text}“" for line, text in list(bad_years.items())[:MAX_CELL_MESSAGES])
        problems.error(
            file,
            f"{source.label()}: {len(bad_years)} Zellen sind kein Jahr oder Stichtag ({shown}). Erwartet wird z. B. "
            "2024, 31.12.2024 oder 2024-12-31.",
            row=next(iter(bad_years)),
            column=columns[source.jahr],  # type: ignore[index]
        )
    return records


def _report_cells(source: Source, table: RawTable, cells: _Cells, problems: Report) -> None:
    for column, bad in cells.bad.items():
        for line, text in bad[:MAX_CELL_MESSAGES]:
            problems.error(
                table.file,
                f"Keine Zahl. {number_hint(text, source.zahlen)}",
                row=line,
                column=column,
                value=text,
            )
        if len(bad) > MAX_CELL_MESSAGES:
            problems.error(
                table.file,
                f"… und {len(bad) - MAX_CELL_MESSAGES} weitere Zellen dieser Spalte, die keine Zahl sind.",
                column=column,
            )


# --- values ---------------------------------------------------------------------------

_RECORD_COLUMNS = ["gebiet_id", "indikator_id", "jahr", "wert", "anmerkung", "datei", "zeile", "spalte", "summieren"]


def assemble(
    records: list[tuple], catalogue: dict[str, CatalogueEntry], result: ImportReport, problems: Report
) -> pd.DataFrame:
    """Long value table: duplicates summed or reported, rates derived, case counts set."""
    frame = pd.DataFrame(records, columns=_RECORD_COLUMNS)
    frame["wert"] = frame["wert"].astype("Float64")
    frame = _merge_duplicates(frame, problems)
    _check_percent(frame, catalogue, problems)
    frame = frame.drop(columns=["datei", "zeile", "spalte", "summieren"])
    for column in ("fallzahl", "zaehler", "nenner"):
        frame[column] = pd.Series([pd.NA] * len(frame), dtype="Float64")
    values = frame
    for entry in catalogue.values():
        if entry.zaehler is not None:  # numerator and denominator are always read, never derived
            rates = _rate_rows(frame, entry, result)
            values = pd.concat([values[values["indikator_id"] != entry.indikator_id], rates], ignore_index=True)
    for entry in catalogue.values():
        mode = entry.fallzahl or ("zaehler" if entry.zaehler else "keine")
        rows = values["indikator_id"] == entry.indikator_id
        if mode == "wert":
            values.loc[rows, "fallzahl"] = values.loc[rows, "wert"]
        elif mode == "zaehler":
            values.loc[rows, "fallzahl"] = values.loc[rows, "zaehler"]
    return values.sort_values(["indikator_id", "jahr", "gebiet_id"], kind="stable").reset_index(drop=True)


def _merge_duplicates(frame: pd.DataFrame, problems: Report) -> pd.DataFrame:
    key = ["gebiet_id", "indikator_id", "jahr"]
    twice = frame.duplicated(key, keep=False)
    if not twice.any():
        return frame
    groups = frame[twice].groupby(key, sort=False)
    merged: list[dict[str, object]] = []
    reported = 0
    for (gebiet, indikator, jahr), group in groups:
        if group["summieren"].all():
            suppressed = group["wert"].isna().any()
            merged.append(
                {
                    **group.iloc[0].to_dict(),
                    "wert": pd.NA if suppressed else float(group["wert"].sum()),
                    "anmerkung": f"{NOTE_SUPPRESSED} (Teilsumme)" if suppressed else None,
                }
            )
            continue
        reported += 1
        if reported <= MAX_DUPLICATE_MESSAGES:
            places = "; ".join(f"{r.datei} Zeile {r.zeile}, Spalte „{r.spalte}“" for r in group.itertuples())
            where = "Gesamtstadt" if gebiet == CITY_ID else f"Gebiet {gebiet}"
            problems.error(
                str(group["datei"].iloc[0]),
                f"{where}, Indikator {indikator}, Jahr {jahr}: mehrere Werte ({places}). Fassen Sie die „auswahl“ "
                "enger, oder setzen Sie summieren = true, wenn diese Zeilen zusammengezählt werden sollen.",
                row=int(group["zeile"].iloc[1]),
            )
    if reported > MAX_DUPLICATE_MESSAGES:
        problems.error(
            str(frame["datei"].iloc[0]), f"… und {reported - MAX_DUPLICATE_MESSAGES} weitere mehrfache Werte."
        )
    merged_frame = pd.DataFrame(merged, columns=frame.columns)
    merged_frame["wert"] = merged_frame["wert"].astype("Float64")
    return pd.concat([frame[~twice], merged_frame], ignore_index=True)


def _check_percent(frame: pd.DataFrame, catalogue: dict[str, CatalogueEntry], problems: Report) -> None:
    percent_ids = [i for i, e in catalogue.items() if str(e.fields.get("einheit", "")).strip() == "%"]
    bad = frame[frame["indikator_id"].isin(percent_ids) & ((frame["wert"] < 0) | (frame["wert"] > 100)).fillna(False)]
    for row in bad.head(MAX_CELL_MESSAGES).itertuples():
        problems.error(
            row.datei,
            f"Indikator {row.indikator_id} hat die Einheit %: Wert zwischen 0 und 100 erwartet. Ist die Spalte "
            "richtig zugeordnet, oder ist die Einheit eine andere?",
            row=int(row.zeile),
            column=row.spalte,
            value=str(row.wert).replace(".", ","),
        )
    if len(bad) > MAX_CELL_MESSAGES:
        problems.error(
            str(bad["datei"].iloc[0]), f"… und {len(bad) - MAX_CELL_MESSAGES} weitere Werte außerhalb 0–100."
        )


def _rate_rows(frame: pd.DataFrame, entry: CatalogueEntry, result: ImportReport) -> pd.DataFrame:
    """Rows of a rate with zaehler and nenner: given values keep theirs, missing ones are computed."""
    factor = float(entry.fields.get("faktor") or 100)  # type: ignore[arg-type]
    key = ["gebiet_id", "jahr"]
    num = frame[frame["indikator_id"] == entry.zaehler][[*key, "wert"]].rename(columns={"wert": "zaehler"})
    den = frame[frame["indikator_id"] == entry.nenner][[*key, "wert"]].rename(columns={"wert": "nenner"})
    parts = num.merge(den, on=key, how="inner")
    given = frame[frame["indikator_id"] == entry.indikator_id][[*key, "wert", "anmerkung"]]
    if len(given):
        rows = given.merge(parts, on=key, how="left")
        computed = rows["zaehler"] / rows["nenner"] * factor
        tolerance = 0.5 * 10 ** -int(entry.fields.get("dezimalstellen", 1)) + 1e-9  # type: ignore[arg-type]
        off = ((rows["wert"] - computed).abs() > tolerance).fillna(False)
        if off.any():
            shown = ", ".join(f"{g} {int(j)}" for g, j in rows.loc[off, key].head(5).itertuples(index=False))
            result.notes.append(
                f"{entry.indikator_id}: in {int(off.sum())} Zeilen weicht der gelieferte Anteil von "
                f"{entry.zaehler}/{entry.nenner} × {factor:g} ab ({shown}); übernommen wird der gelieferte Wert."
            )
        out = rows
    else:
        out = parts.copy()
        out["wert"] = (out["zaehler"] / out["nenner"] * factor).where(out["nenner"] > 0)
        out["anmerkung"] = None
        out.loc[(out["nenner"] == 0).fillna(False), "anmerkung"] = "Nenner 0"
        hidden = (out["zaehler"].isna() | out["nenner"].isna()).fillna(True)
        out.loc[hidden, "anmerkung"] = f"{NOTE_SUPPRESSED} (Zähler oder Nenner)"
        out.loc[hidden, ["zaehler", "nenner"]] = pd.NA
    out["indikator_id"] = entry.indikator_id
    for column in ("wert", "zaehler", "nenner"):
        out[column] = out[column].astype("Float64")
    out["fallzahl"] = pd.Series([pd.NA] * len(out), dtype="Float64", index=out.index)
    return out[["gebiet_id", "indikator_id", "jahr", "wert", "anmerkung", "fallzahl", "zaehler", "nenner"]]


# --- the whole import -----------------------------------------------------------------


def _settings(mapping: Mapping, catalogue: dict[str, CatalogueEntry], years: list[int]) -> dict[str, dict]:
    sections = copy.deepcopy(mapping.einstellungen)
    ordered: dict[str, dict[str, object]] = {}
    for name in ("stadt", "daten", "anzeige", "lizenz", "geheimhaltung", "karte"):
        ordered[name] = sections.pop(name, {})
    ordered.update(sections)
    ordered["daten"]["gebiete"] = mapping.gebiete.ausgabe
    ordered["daten"].setdefault("beispieldaten", False)
    ordered["daten"].setdefault("geometrie_schematisch", False)
    if catalogue:
        ordered["anzeige"].setdefault("standard_indikator", next(iter(catalogue)))
    if years:
        ordered["anzeige"].setdefault("standard_jahr", max(years))
    return {k: v for k, v in ordered.items() if v}


def _check_validity(records: list[tuple], areas: gpd.GeoDataFrame, problems: Report) -> None:
    """A value for an area outside its validity (a year column across a boundary change) is an error."""
    if "gueltig_ab" not in areas and "gueltig_bis" not in areas:
        return
    spans = {g: own for g, own in area_validities(areas).items() if (None, None) not in own}
    outside = [
        r
        for r in records
        if r[0] in spans and r[2] is not None and not any(valid_in(v, int(r[2])) for v in spans[r[0]])
    ]
    for gebiet, _, year, *_rest, file, line, column, _sum in outside[:MAX_CELL_MESSAGES]:
        problems.error(
            file,
            f"Gebiet {gebiet} gilt nur {' und '.join(span_text(v) for v in spans[gebiet])}, der Wert ist für "
            f"{year}. Stimmt das Jahr, oder "
            "gehört die Tabelle zu einer anderen Gebietsversion (gueltig_ab/gueltig_bis in [[gebiete]])?",
            row=line,
            column=column,
            value=str(year),
        )
    if len(outside) > MAX_CELL_MESSAGES:
        problems.error(
            str(outside[0][5]), f"… und {len(outside) - MAX_CELL_MESSAGES} weitere Werte außerhalb der Gültigkeit."
        )


def _add_population(areas: gpd.GeoDataFrame, values: pd.DataFrame, mapping: Mapping, result: ImportReport) -> None:
    """`einwohner` of each level's areas from its population indicator (derived levels: sum of their parts)."""
    specs = mapping.ebenen or [mapping.gebiete]
    levels = areas["ebene"] if "ebene" in areas else pd.Series("", index=areas.index)
    for spec in specs:
        if spec.einwohner:
            mask = levels == spec.ebene if len(specs) > 1 else pd.Series(True, index=areas.index)
            _level_population(areas, mask, values, spec, result)
    for spec in specs:
        if spec.aus_ebene and "einwohner" in areas:
            parts = areas[levels == spec.aus_ebene]
            sums = parts.groupby("uebergeordnet")["einwohner"].agg(lambda s: s.sum() if s.notna().all() else pd.NA)
            mask = levels == spec.ebene
            areas.loc[mask, "einwohner"] = areas.loc[mask, "gebiet_id"].map(sums).astype("Int64")


def _level_population(
    areas: gpd.GeoDataFrame, mask: pd.Series, values: pd.DataFrame, spec: AreaSource, result: ImportReport
) -> None:
    indikator = spec.einwohner
    # an id shared by two versions: only the values of this version's years
    rows = values[(values["indikator_id"] == indikator) & level_rows(values, areas[mask])].dropna(subset=["wert"])
    where = f" ({spec.ebene})" if len(mask) != int(mask.sum()) else ""
    if rows.empty:
        result.area_notes.append(f"Einwohner{where}: keine Werte für {indikator}.")
        return
    year = spec.einwohner_jahr or int(rows["jahr"].max())
    of_year = rows[rows["jahr"] == year].set_index("gebiet_id")["wert"]
    if "einwohner" not in areas:
        areas["einwohner"] = pd.array([pd.NA] * len(areas), dtype="Int64")
    areas.loc[mask, "einwohner"] = areas.loc[mask, "gebiet_id"].map(of_year).round().astype("Int64")
    result.area_notes.append(
        f"Einwohner der Flächen{where} aus {indikator} {year} (für die Geheimhaltung: Gebiete unter der Mindestzahl "
        f"bekommen keine Werte); {int(areas.loc[mask, 'einwohner'].notna().sum())} von {int(mask.sum())} Flächen "
        "haben eine Zahl."
    )


def run_import(
    mapping_path: str | Path, quelle: str | Path | None = None, ziel: str | Path | None = None
) -> ImportReport:
    """Run the import described by `mapping_path`; raises ImportFailed (a MappingError) with every problem.

    `quelle` and `ziel` override the folders named in the mapping file.
    """
    mapping = read_mapping(
        Path(mapping_path), Path(quelle) if quelle is not None else None, Path(ziel) if ziel is not None else None
    )
    problems = Report()
    if mapping.ziel is None:
        problems.error(mapping.file, "Kein Zielordner: geben Sie --ziel an oder [import] ziel in der Zuordnung.")
        raise ImportFailed(problems)
    if not mapping.quelle.is_dir():
        problems.error(
            mapping.file,
            f"Quellordner {mapping.quelle} nicht gefunden. Geben Sie ihn mit --quelle an oder korrigieren Sie "
            "[import] quelle (relativ zur Zuordnungsdatei).",
        )
        raise ImportFailed(problems)
    result = ImportReport(mapping.path, mapping.quelle, mapping.ziel)
    catalogue = build_catalogue(mapping, problems)
    areas = read_areas(mapping, result, problems)
    if areas is None or problems.errors:
        raise ImportFailed(problems, result)
    records: list[tuple] = []
    for source in mapping.quellen:
        for name, year in _expand(source):
            table = read_table(mapping.quelle / name, name, source, problems)
            if table is None:
                continue
            source_result = SourceResult(name, table.detected, len(table))
            result.sources.append(source_result)
            lookup = AreaLookup.for_year(areas, year or source.stichtag)  # the geometry valid in that year
            records += process_source(source, table, year, lookup, catalogue, source_result, problems)
    _check_validity(records, areas, problems)
    if problems.errors:
        raise ImportFailed(problems, result)
    values = assemble(records, catalogue, result, problems)
    if problems.errors:
        raise ImportFailed(problems, result)
    _add_population(areas, values, mapping, result)
    result.years = sorted(int(y) for y in values["jahr"].unique())
    for indikator, group in values.groupby("indikator_id", sort=False):
        years = sorted(int(y) for y in group["jahr"].unique())
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        city = int((group["gebiet_id"] == CITY_ID).sum())
        extra = f", davon {city} Gesamtstadt" if city else ""
        result.indicators[str(indikator)] = f"{len(group)} Werte{extra}, Jahre {span}"
    indicators = [_indicator(catalogue[i]) for i in catalogue if i in set(values["indikator_id"])]
    for entry in catalogue:
        if entry not in set(values["indikator_id"]):
            result.notes.append(f"Indikator {entry}: keine Werte, nicht in den Katalog übernommen.")
    with atomic_folder(mapping.ziel) as work:
        output = work / mapping.gebiete.ausgabe
        if output.suffix == ".gpkg":
            areas.to_file(output, driver="GPKG", layer="gebiete")
        else:
            areas.to_file(output, driver="GeoJSON")
        write_catalogue(indicators, work / "indikatoren.csv")
        result.values_written = write_values(values, work / "werte.csv")
        write_settings(_settings(mapping, catalogue, result.years), work / "einstellungen.toml")
        bundle = load_bundle(work)
        result.check = bundle.report
        if not bundle.report.ok:
            raise ImportFailed(bundle.report, result)
        (work / REPORT_FILE).write_text(result.as_text() + "\n", encoding="utf-8")
    return result
