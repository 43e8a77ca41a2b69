"""Loading a data folder: the one place that reads files, validates them and builds a `Bundle`.

Nothing here raises for bad data: every problem goes into the bundle's `Report`, rows with
errors are left out, and the rest is usable, so the app keeps running and shows the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .aggregate import NOTE_INCOMPLETE, aggregate_values
from .checks import (
    check_hierarchy,
    check_ranges,
    check_structure,
    maybe_out_of_range,
    out_of_range,
    too_big,
    value_range,
)
from .confidentiality import city_totals_to_withhold, suppress_small_cells, withhold_area_population
from .contract import CATALOGUE_SPEC, FIELDS_SPEC, GOALS_SPEC, HISTORY_SPEC, MEASURES_SPEC, VALUES_SPEC
from .csvio import line_number, read_text_table
from .facilities import read_facilities
from .geo import read_areas
from .indicators import city_values
from .levels import area_validities, depths, level_rows, span_message, valid_in, versions
from .plan_checks import check_plan
from .prognose.data import check_age_structure
from .report import N_, Report, msg
from .schemas import CITY_ID, NUMERIC_KINDS, TableSpec, parse_table
from .settings import Settings, load_settings, resolve_data_dir
from .structure_record import compare_with_record


@dataclass
class Plan:
    """The social plan: Handlungsfelder → Ziele → Maßnahmen, and the status history."""

    fields: pd.DataFrame
    goals: pd.DataFrame
    measures: pd.DataFrame
    history: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.measures.empty


@dataclass
class Bundle:
    folder: Path
    settings: Settings
    areas: gpd.GeoDataFrame
    catalogue: pd.DataFrame  # indexed by indikator_id
    values: pd.DataFrame  # long: gebiet_id, indikator_id, jahr, wert, fallzahl, zaehler, nenner, anmerkung
    city: pd.DataFrame  # indikator_id, jahr, wert, methode
    plan: Plan
    report: Report = field(default_factory=Report)
    # every level (e.g. Bezirk → Gemeindeteil) with its areas and values; `areas`/`values`
    # above are the main level, so code that knows nothing of levels sees one consistent set
    levels: dict[str, tuple[gpd.GeoDataFrame, pd.DataFrame]] = field(default_factory=dict)
    main_level: str = ""
    facilities: gpd.GeoDataFrame | None = None  # optional points layer (einrichtungen.geojson)
    # the data state the bundle was loaded from (file names, sizes, times; set by the app's loader):
    # with `folder` the key of everything derived from it, never the object's id
    stamp: tuple = ()

    @property
    def level_names(self) -> list[str]:
        return list(self.levels) or [self.main_level]

    def at_level(self, level: str | None) -> Bundle:
        """The same bundle seen at another level (areas and values of that level; same city values)."""
        if not level or level == self.main_level or level not in self.levels:
            return self
        areas, values = self.levels[level]
        return replace(self, areas=areas, values=values, main_level=level)

    def level_of(self, gebiet_id: str) -> str:
        for name, (areas, _) in self.levels.items():
            if gebiet_id in set(areas["gebiet_id"]):
                return name
        return self.main_level

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.values["jahr"].dropna().unique())

    def area_name(self, gebiet_id: str) -> str:
        match = self.areas.loc[self.areas["gebiet_id"] == gebiet_id, "name"]
        return str(match.iloc[0]) if len(match) else gebiet_id


_NO_AREA = N_("Werte für ein Gebiet ohne Fläche: gebiet_id nicht in der Gebietsdatei (erste betroffene Zeile genannt).")


def _read_table(
    folder: Path, spec: TableSpec, report: Report, max_megabyte: float, optional: bool = False
) -> pd.DataFrame:
    path = folder / spec.file
    if not path.is_file():
        if optional:
            report.warning(spec.file, msg(N_("Datei fehlt; dieser Teil wird nicht angezeigt.")))
        else:
            report.error(spec.file, msg(N_("Pflichtdatei fehlt.")))
        return pd.DataFrame(columns=[c.name for c in spec.columns])
    if too_big(path, max_megabyte, report):
        return pd.DataFrame(columns=[c.name for c in spec.columns])
    try:
        numeric = {c.name for c in spec.columns if c.kind in NUMERIC_KINDS}
        text, fmt = read_text_table(path, numeric)
    except Exception as exc:  # malformed CSV (unbalanced quotes …): one message, keep going
        report.error(spec.file, msg(N_("Datei kann nicht als CSV gelesen werden ({grund})."), grund=str(exc)))
        return pd.DataFrame(columns=[c.name for c in spec.columns])
    report.detected[spec.file] = f"{len(text)} Zeilen, {fmt.describe()}"
    return parse_table(text, spec, fmt.decimal_comma, report)


def load_bundle(folder: str | Path | None = None) -> Bundle:
    """Read and validate a whole data folder."""
    root = resolve_data_dir(folder)
    report = Report()
    if not root.is_dir():
        report.error(str(root), msg(N_("Datenordner nicht gefunden.")))
    settings = load_settings(root, report)
    areas = read_areas(root / settings.gebiete_datei, report, settings)
    limit = settings.max_megabyte
    catalogue = _read_table(root, CATALOGUE_SPEC, report, limit)
    values = _read_table(root, VALUES_SPEC, report, limit)
    plan = Plan(
        fields=_read_table(root, FIELDS_SPEC, report, limit, optional=True),
        goals=_read_table(root, GOALS_SPEC, report, limit, optional=True),
        measures=_read_table(root, MEASURES_SPEC, report, limit, optional=True),
        history=_read_table(root, HISTORY_SPEC, report, limit, optional=True),
    )
    areas = check_structure(areas, settings.gebiete_datei, report)
    areas = compare_with_record(areas, root, settings.gebiete_datei, report)  # before: its orphans follow
    areas = check_hierarchy(areas, settings.gebiete_datei, report)
    _check_versions(areas, settings.gebiete_datei, report)
    catalogue = _check_catalogue(catalogue, settings, report)
    values = _check_values(values, areas, catalogue, report)
    plan = check_plan(plan, areas, catalogue, report)
    levels, main = split_levels(areas)
    values = with_parent_values(values, levels, catalogue, report)
    # the city total comes from one level only (else it counts twice) – with its other geometry
    # versions, each for its own years – and from all its rows; only then are small cells withheld
    main_ids = {g for v in versions(levels, main) for g in levels[v.level]["gebiet_id"]} | {CITY_ID}
    city = city_values(values[values["gebiet_id"].isin(main_ids)], catalogue, report)
    raw = values[values["gebiet_id"] != CITY_ID]
    withheld = suppress_small_cells(raw, areas, catalogue, settings)
    city = _withhold_city_totals(city, withheld, areas, catalogue)
    # from here on only published figures: the area file's own numbers pass the same rules
    areas = withhold_area_population(areas, raw, withheld, catalogue, settings)
    levels, main = split_levels(areas)
    by_level = {
        name: (level_areas, withheld[level_rows(withheld, level_areas)].reset_index(drop=True))
        for name, level_areas in levels.items()
    }
    main_areas, main_values = by_level[main]
    bundle = Bundle(root, settings, main_areas, catalogue, main_values, city, plan, report, main_level=main)
    bundle.levels = by_level if len(by_level) > 1 else {}
    bundle.facilities = read_facilities(root, report, settings)
    check_age_structure(root, areas, report)  # optional altersstruktur.csv / prognose.toml (Bevölkerungsprognose)
    return bundle


def _withhold_city_totals(
    city: pd.DataFrame, withheld: pd.DataFrame, areas: gpd.GeoDataFrame, catalogue: pd.DataFrame
) -> pd.DataFrame:
    """Drop city values that, with one withheld area and nothing else published, would reveal it."""
    hidden = city_totals_to_withhold(withheld, areas, catalogue)
    if not hidden or city.empty:
        return city
    keys = list(zip(city["indikator_id"].astype(str), city["jahr"].astype(int), strict=True))
    return city[[key not in hidden for key in keys]].reset_index(drop=True)


def split_levels(areas: gpd.GeoDataFrame) -> tuple[dict[str, gpd.GeoDataFrame], str]:
    """Areas per level in file order, and the main level: the one whose areas have no parent."""
    names = [n for n in dict.fromkeys(areas["ebene"].fillna("").astype(str))]
    if len(names) <= 1:
        name = names[0] if names else ""
        return {name: areas.reset_index(drop=True)}, name
    levels = {n: areas[areas["ebene"].fillna("").astype(str) == n].reset_index(drop=True) for n in names}
    parentless = [n for n, frame in levels.items() if frame["uebergeordnet"].fillna("").astype(str).eq("").all()]
    return levels, (parentless[0] if parentless else names[0])


def _check_versions(areas: gpd.GeoDataFrame, file: str, report: Report) -> None:
    """Validity intervals must run forwards; a predecessor (`vorgaenger`) must be a known area."""
    known = set(areas["gebiet_id"])
    for index, row in areas.iterrows():
        start, end = row.get("gueltig_ab"), row.get("gueltig_bis")
        if pd.notna(start) and pd.notna(end) and int(start) > int(end):
            report.error(
                file,
                msg(
                    N_("Gebiet {gebiet}: gültig ab {ab} liegt nach gültig bis {bis}."),
                    gebiet=str(row["gebiet_id"]),
                    ab=int(start),
                    bis=int(end),
                ),
                row=int(index) + 1,
                column="gueltig_bis",
                value=str(int(end)),
            )
        predecessor = row.get("vorgaenger")
        if isinstance(predecessor, str) and predecessor and predecessor not in known:
            report.warning(
                file,
                msg(N_("Vorgänger nicht in der Gebietsdatei; die Verbindung der Zeitreihe wird ignoriert.")),
                row=int(index) + 1,
                column="vorgaenger",
                value=predecessor,
            )


def with_parent_values(
    values: pd.DataFrame, levels: dict[str, gpd.GeoDataFrame], catalogue: pd.DataFrame, report: Report
) -> pd.DataFrame:
    """Values a parent level lacks, aggregated from its child level (counts summed, rates from
    numerators and denominators, never averaged), with the note „aggregiert aus …“.

    Only (indicator, year) pairs without any value at the parent level are derived, so a value the
    file gives always wins. Deeper levels go first, so Planungsraum → Bezirksregion → Bezirk chains.
    Runs before the confidentiality rules: they then treat derived values like given ones.
    """
    if len(levels) < 2:
        return values
    level_of = {g: name for name, areas in levels.items() for g in areas["gebiet_id"]}
    derived: list[pd.DataFrame] = []
    current = values
    depth = depths(levels)
    for child in sorted(levels, key=lambda n: -depth[n]):
        areas = levels[child]
        parent_of = {
            g: p
            for g, p in zip(areas["gebiet_id"], areas["uebergeordnet"].fillna("").astype(str), strict=True)
            if p in level_of and level_of[p] != child
        }
        if not parent_of:
            continue
        parents = set(parent_of.values())
        have = current[current["gebiet_id"].isin(parents)][["indikator_id", "jahr"]].drop_duplicates()
        rows = current[level_rows(current, areas)]
        rows = rows.merge(have, on=["indikator_id", "jahr"], how="left", indicator=True)
        rows = rows[rows["_merge"] == "left_only"].drop(columns="_merge")
        if rows.empty:
            continue
        result = aggregate_values(rows, catalogue, parent_of)
        if result.values.empty:
            continue
        frame = result.values.copy()
        note = f"aggregiert aus {child}"
        frame["anmerkung"] = [
            f"{note} ({n})" if isinstance(n, str) and n.startswith(NOTE_INCOMPLETE) else note
            for n in frame["anmerkung"]
        ]
        derived.append(frame)
        current = pd.concat([current, frame], ignore_index=True)
        indicators = ", ".join(sorted(set(frame["indikator_id"])))
        report.detected[f"werte.csv, {level_of[next(iter(parents))]} aus {child}"] = (
            f"{int(frame['wert'].notna().sum())} Werte aggregiert ({indicators})"
        )
    if not derived:
        return values
    out = pd.concat([values, *derived], ignore_index=True)
    return out


def _check_catalogue(catalogue: pd.DataFrame, settings: Settings, report: Report) -> pd.DataFrame:
    for index, row in catalogue.iterrows():
        if pd.isna(row["datenstand"]) or row["datenstand"] == "":
            report.warning(
                CATALOGUE_SPEC.file,
                msg(
                    N_("Indikator {indikator}: Datenstand fehlt (wird als „unbekannt“ angezeigt)."),
                    indikator=str(row["indikator_id"]),
                ),
                row=line_number(index),
                column="datenstand",
            )
    catalogue = check_ranges(catalogue, CATALOGUE_SPEC.file, report).copy()
    catalogue["datenstand"] = catalogue["datenstand"].fillna("").replace("", "unbekannt")
    catalogue["min_fallzahl"] = catalogue["min_fallzahl"].fillna(settings.min_fallzahl)
    catalogue["faktor"] = catalogue["faktor"].fillna(100.0)
    return catalogue.set_index("indikator_id", drop=False)


def _check_values(
    values: pd.DataFrame, areas: gpd.GeoDataFrame, catalogue: pd.DataFrame, report: Report
) -> pd.DataFrame:
    file = VALUES_SPEC.file
    known_areas = set(areas["gebiet_id"])
    bad: list[int] = []
    unknown_area_ids: dict[str, int] = {}
    # only rows some check below can object to are walked one by one (iterrows over all rows took seconds)
    suspect = (
        ~values["indikator_id"].isin(catalogue.index)
        | ((values["gebiet_id"] != CITY_ID) & ~values["gebiet_id"].isin(known_areas))
        | maybe_out_of_range(values, catalogue)
    )
    for index, row in values[suspect].iterrows():
        gebiet, indikator = row["gebiet_id"], row["indikator_id"]
        if indikator not in catalogue.index:
            report.error(
                file,
                msg(N_("Unbekannter Indikator: nicht in indikatoren.csv.")),
                row=line_number(index),
                column="indikator_id",
                value=indikator,
            )
            bad.append(index)
            continue
        if gebiet != CITY_ID and gebiet not in known_areas:
            unknown_area_ids.setdefault(gebiet, line_number(index))
            bad.append(index)
            continue
        if found := out_of_range(row, *value_range(catalogue.loc[indikator])):
            column, expected = found
            report.error(
                file,
                msg(
                    N_(
                        "Indikator {indikator}: {spalte} außerhalb des Wertebereichs; erwartet: {bereich} "
                        "(Wertebereich laut indikatoren.csv bzw. nach Einheit und Aggregation)."
                    ),
                    indikator=str(indikator),
                    spalte=column,
                    bereich=expected,
                ),
                row=line_number(index),
                column=column,
                value=str(row[column]).replace(".", ","),
            )
            bad.append(index)
    for gebiet, line in unknown_area_ids.items():
        zeros = [k for k in known_areas if k.lstrip("0") == gebiet.lstrip("0") and k != gebiet]
        text = (
            msg(
                N_(
                    "Werte für ein Gebiet ohne Fläche: gebiet_id nicht in der Gebietsdatei (erste betroffene Zeile "
                    "genannt). Führende Null verloren? In der Gebietsdatei steht „{gebiet_id}“."
                ),
                gebiet_id=zeros[0],
            )
            if zeros
            else msg(_NO_AREA)
        )
        report.error(
            file,
            text,
            row=line,
            column="gebiet_id",
            value=gebiet,
        )
    bad += _outside_validity(values.drop(index=bad), areas, report)
    without_values = sorted(known_areas - set(values["gebiet_id"]))
    if without_values:
        report.warning(
            file,
            msg(N_("Gebiete ohne einen einzigen Wert: {gebiete}."), gebiete=", ".join(without_values)),
            column="gebiet_id",
        )
    return values.drop(index=bad)


_OUTSIDE = N_(
    "Gebiet {gebiet} gilt nur {zeitraum} (gueltig_ab/gueltig_bis in der Gebietsdatei), der Wert ist für {jahr}. "
    "Werte gehören zu der Gebietsversion, die im Jahr des Werts galt: Kennung oder Jahr prüfen."
)
_OUTSIDE_MORE = N_(
    "Gebiet {gebiet} gilt nur {zeitraum} (gueltig_ab/gueltig_bis in der Gebietsdatei), der Wert ist für {jahr} "
    "({zeilen} Zeilen, die erste genannt). Werte gehören zu der Gebietsversion, die im Jahr des Werts galt: "
    "Kennung oder Jahr prüfen."
)


def _outside_validity(values: pd.DataFrame, areas: gpd.GeoDataFrame, report: Report) -> list[int]:
    """Rows whose year lies outside the validity of their area (geometry versions); each reported."""
    validity = {g: spans for g, spans in area_validities(areas).items() if (None, None) not in spans}
    if not validity:
        return []
    outside: dict[str, list[tuple[int, int]]] = {}  # gebiet_id → [(row index, year)]
    dated = values[values["gebiet_id"].isin(validity) & values["jahr"].notna()]
    for index, gebiet, jahr in zip(dated.index, dated["gebiet_id"], dated["jahr"], strict=True):
        if not any(valid_in(span, int(jahr)) for span in validity[gebiet]):
            outside.setdefault(gebiet, []).append((index, int(jahr)))
    for gebiet, rows in outside.items():
        first, year = rows[0]
        spans = [span_message(span) for span in validity[gebiet]]
        while len(spans) > 1:  # "2019–2020 und ab 2022": the joining word in the page's language
            spans[-2:] = [msg(N_("{erster} und {weiter}"), erster=spans[-2], weiter=spans[-1])]
        text = _OUTSIDE_MORE if len(rows) > 1 else _OUTSIDE
        report.error(
            VALUES_SPEC.file,
            msg(text, gebiet=str(gebiet), zeitraum=spans[0], jahr=year, zeilen=len(rows)),
            row=line_number(first),
            column="jahr",
            value=str(year),
        )
    return [index for rows in outside.values() for index, _ in rows]
