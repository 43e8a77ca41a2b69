"""Statistical confidentiality, applied once while loading, before any page sees the data.

Primary suppression: a value whose case count (`fallzahl`) is below the indicator's minimum,
or that belongs to an area with fewer inhabitants than the minimum, is withheld: value,
numerator, denominator and case count are blanked and the note says why.

Secondary suppression: a withheld cell must not be recoverable by subtraction from a published
total. Every published sum gives one equation `total = part + part + …`; when exactly one cell
of an equation is withheld, the smallest published part (by case count, else by value) is
withheld as well, and this repeats until no equation has a single withheld cell. Equations:

- **across areas within a year** for count indicators (`aggregation = summe`): the city total
  (published on every page) is the sum of the top-level areas;
- **across the parts of an area** (Bezirk = sum of its Gemeindeteile, via `uebergeordnet`) for
  count indicators and for every indicator with case counts (case counts are published in the
  downloads and add up, so a withheld Gemeindeteil's count would follow from its Bezirk);
- **across the parts of a breakdown** declared in the settings
  (`[geheimhaltung] aufgliederungen`, e.g. `einwohner = ["maennlich", "weiblich"]`), per area and year.

Rates (`aggregation = quote`) are not protected against the city value: it is a ratio of sums
whose numerator and denominator are not published, so one withheld area cannot be solved for.

When an equation's only other unknown would have to be the city total itself (a single area),
the city value must be withheld: `city_totals_to_withhold` names those; the loader drops them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from .settings import Settings

NOTE_CASES = "Geheimhaltung: Fallzahl zu klein"
NOTE_POPULATION = "Geheimhaltung: zu wenige Einwohner"
NOTE_SECONDARY = "Geheimhaltung: gesperrt, damit gesperrte Werte nicht errechnet werden können"
SUPPRESSED_COLUMNS = ["wert", "fallzahl", "zaehler", "nenner"]
# how a withheld value is shown to the public (sign of the official statistics, and in words)
SIGN = "."
SIGN_TEXT = "keine Angabe"
EXPLANATION = (
    "Keine Angabe („.“; in Downloads leer mit der Anmerkung „Geheimhaltung …“): Der Wert wird aus Gründen der "
    "statistischen Geheimhaltung nicht veröffentlicht – zu kleine Fallzahl, zu wenige Einwohner im Gebiet, "
    "oder gesperrt, damit ein gesperrter Wert nicht aus veröffentlichten Summen errechnet werden kann."
)


def suppress_small_cells(
    values: pd.DataFrame, areas: gpd.GeoDataFrame, catalogue: pd.DataFrame, settings: Settings
) -> pd.DataFrame:
    """Copy of `values` with small cells and their complements withheld; column `gesperrt` marks them.

    `values` holds area rows only (no `gesamt` row); `areas` all levels; `catalogue` is indexed by
    indikator_id with the columns `min_fallzahl` and `aggregation`.
    """
    values = values.reset_index(drop=True).copy()
    minimum = values["indikator_id"].map(catalogue["min_fallzahl"]).astype("Float64").fillna(settings.min_fallzahl)
    small_cases = (values["fallzahl"].notna() & (values["fallzahl"] < minimum)).fillna(False).astype(bool)
    population = dict(zip(areas["gebiet_id"], areas["einwohner"], strict=True))
    inhabitants = values["gebiet_id"].map(population).astype("Float64")
    small_area = (inhabitants.notna() & (inhabitants < settings.min_einwohner)).fillna(False).astype(bool)
    primary = (small_cases | small_area).to_numpy()
    equations = build_equations(values, areas, catalogue, settings.aufgliederungen)
    secondary = complementary_cells(values, primary, equations)
    values["gesperrt"] = primary | secondary
    values["anmerkung"] = values["anmerkung"].astype("object")
    values.loc[secondary, "anmerkung"] = NOTE_SECONDARY
    values.loc[small_cases, "anmerkung"] = NOTE_CASES
    values.loc[small_area, "anmerkung"] = NOTE_POPULATION
    hidden = values["gesperrt"].to_numpy(dtype=bool)
    for column in SUPPRESSED_COLUMNS:
        values[column] = blanked(values[column], hidden)
    return values


def blanked(column: pd.Series, hidden: np.ndarray) -> pd.Series:
    """A fresh copy of a number column with the `hidden` cells empty.

    Not `Series.mask`: for pandas' nullable dtypes it only sets a missing-flag and keeps the number
    in memory, and Arrow (how Streamlit sends tables to the browser) ships that memory along.
    """
    numbers = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan).copy()
    numbers[hidden] = np.nan
    dtype = column.dtype if isinstance(column.dtype, pd.api.extensions.ExtensionDtype) else "float64"
    try:
        array = pd.array(numbers, dtype=dtype)
    except (TypeError, ValueError):  # e.g. an integer dtype and fractional numbers
        array = pd.array(numbers, dtype="Float64")
    return pd.Series(array, index=column.index, name=column.name)


@dataclass(frozen=True)
class Equation:
    """A published sum: `total` (a row position, or None for the city total) = sum of `parts`."""

    total: int | None
    parts: tuple[int, ...]
    label: str = ""


def parents(areas: pd.DataFrame) -> dict[str, str]:
    """Child gebiet_id → parent gebiet_id, for parents that exist in `areas`."""
    if "uebergeordnet" not in areas.columns:
        return {}
    known = set(areas["gebiet_id"])
    return {
        str(child): str(parent)
        for child, parent in zip(areas["gebiet_id"], areas["uebergeordnet"], strict=True)
        if isinstance(parent, str) and parent in known and parent != child
    }


def build_equations(
    values: pd.DataFrame,
    areas: pd.DataFrame,
    catalogue: pd.DataFrame,
    breakdowns: Mapping[str, Iterable[str]] | None = None,
) -> list[Equation]:
    """All published sums over the rows of `values` (positions 0…n-1), see the module text."""
    parent_of = parents(areas)
    aggregation = catalogue["aggregation"] if "aggregation" in catalogue.columns else pd.Series(dtype=object)
    frame = values.reset_index(drop=True)
    equations: list[Equation] = []
    for (indikator, jahr), group in frame.groupby(["indikator_id", "jahr"], sort=True):
        counts = aggregation.get(indikator) == "summe"
        ids = group["gebiet_id"].astype(str)
        if counts:
            top = tuple(int(i) for i in group.index[~ids.isin(parent_of.keys())])
            if top:
                equations.append(Equation(None, top, f"{indikator} {jahr}: Gesamtstadt"))
        if not (counts or group["fallzahl"].notna().any()):
            continue
        position = dict(zip(ids, group.index, strict=True))
        children: dict[str, list[int]] = {}
        for gebiet, index in position.items():
            parent = parent_of.get(gebiet)
            if parent is not None and parent in position:
                children.setdefault(parent, []).append(int(index))
        for parent, parts in sorted(children.items()):
            equations.append(Equation(int(position[parent]), tuple(parts), f"{indikator} {jahr}: {parent}"))
    for total_indicator, part_indicators in (breakdowns or {}).items():
        parts_set = [str(p) for p in part_indicators]
        subset = frame[frame["indikator_id"].isin([total_indicator, *parts_set])]
        for (gebiet, jahr), group in subset.groupby(["gebiet_id", "jahr"], sort=True):
            totals = group.index[group["indikator_id"] == total_indicator]
            parts = tuple(int(i) for i in group.index[group["indikator_id"].isin(parts_set)])
            if len(totals) and parts:
                equations.append(Equation(int(totals[0]), parts, f"{total_indicator} {gebiet} {jahr}: Aufgliederung"))
    return equations


def _size(values: pd.DataFrame) -> np.ndarray:
    """What 'smallest' means for a complementary cell: the case count, else the absolute value."""
    cases = pd.to_numeric(values["fallzahl"], errors="coerce").astype(float)
    value = pd.to_numeric(values["wert"], errors="coerce").astype(float).abs()
    return cases.fillna(value).to_numpy(dtype=float)


def complementary_cells(values: pd.DataFrame, primary: np.ndarray, equations: list[Equation]) -> np.ndarray:
    """Boolean mask of the cells to withhold in addition to `primary` (positions as in `values`)."""
    frame = values.reset_index(drop=True)
    has_value = (frame["wert"].notna() | frame["fallzahl"].notna()).to_numpy()
    size = _size(frame)
    order_key = list(zip(frame["gebiet_id"].astype(str), frame["indikator_id"].astype(str), strict=True))
    hidden = np.asarray(primary, dtype=bool).copy()
    changed = True
    while changed:
        changed = False
        for eq in equations:
            cells = ([eq.total] if eq.total is not None else []) + list(eq.parts)
            if sum(1 for c in cells if hidden[c] and has_value[c]) != 1:
                continue
            candidates = [c for c in eq.parts if not hidden[c] and has_value[c]]
            if candidates:
                pick = min(candidates, key=lambda c: (size[c] if not np.isnan(size[c]) else np.inf, order_key[c]))
            elif eq.total is not None and not hidden[eq.total]:
                pick = eq.total
            else:
                continue  # only the city total could protect it: see city_totals_to_withhold
            hidden[pick] = True
            changed = True
    return hidden & ~np.asarray(primary, dtype=bool)


def city_totals_to_withhold(values: pd.DataFrame, areas: pd.DataFrame, catalogue: pd.DataFrame) -> set[tuple[str, int]]:
    """(indikator_id, jahr) whose city value would reveal a withheld cell: count indicators where
    exactly one top-level cell is withheld and no published top-level cell is left to withhold too.

    `values` is the result of `suppress_small_cells` (column `gesperrt`)."""
    parent_of = parents(areas)
    aggregation = catalogue["aggregation"] if "aggregation" in catalogue.columns else pd.Series(dtype=object)
    top = values[~values["gebiet_id"].astype(str).isin(parent_of.keys())]
    out: set[tuple[str, int]] = set()
    for (indikator, jahr), group in top.groupby(["indikator_id", "jahr"], sort=True):
        if aggregation.get(indikator) != "summe":
            continue
        withheld = int(group["gesperrt"].sum())
        published = int((~group["gesperrt"] & group["wert"].notna()).sum())
        if withheld == 1 and published == 0:
            out.add((str(indikator), int(jahr)))
    return out


AREA_POPULATION = "einwohner"  # the optional property of the area file
AREA_POPULATION_FLAG = "einwohner_gesperrt"


def withhold_area_population(
    areas: gpd.GeoDataFrame, raw: pd.DataFrame, withheld: pd.DataFrame, catalogue: pd.DataFrame, settings: Settings
) -> gpd.GeoDataFrame:
    """Copy of `areas` (all levels) whose `einwohner` property passes the same rules as the values.

    Withheld (blank, `einwohner_gesperrt` true): areas below `min_einwohner`; areas whose figure equals a
    withheld count of theirs in the values (`raw` before suppression, `withheld` after, same row order),
    since it is then that very number; and the complements that keep these from following from a
    published sum (parent = sum of its children, city = sum of the top level).
    """
    areas = areas.copy()
    if AREA_POPULATION not in areas.columns:
        areas[AREA_POPULATION_FLAG] = False
        return areas
    population = pd.to_numeric(areas[AREA_POPULATION], errors="coerce").astype(float).reset_index(drop=True)
    primary = (population < settings.min_einwohner).to_numpy() | _equals_withheld_count(
        areas, population, raw, withheld, catalogue
    )
    hidden = np.zeros(len(areas), dtype=bool)
    for rows in _version_slices(areas):
        hidden[rows] |= _with_complements(areas.iloc[rows], population.iloc[rows], primary[rows])
    hidden &= population.notna().to_numpy()
    areas[AREA_POPULATION] = blanked(areas[AREA_POPULATION], hidden).to_numpy()
    areas[AREA_POPULATION_FLAG] = hidden
    return areas


def _version_slices(areas: pd.DataFrame) -> list[np.ndarray]:
    """Row positions of each geometry version together with the undated levels: an id may serve two
    versions (same area, new boundary), and each version's sums hold on their own."""
    start = areas["gueltig_ab"] if "gueltig_ab" in areas.columns else pd.Series(pd.NA, index=areas.index)
    end = areas["gueltig_bis"] if "gueltig_bis" in areas.columns else pd.Series(pd.NA, index=areas.index)
    spans = [None if pd.isna(a) and pd.isna(b) else (str(a), str(b)) for a, b in zip(start, end, strict=True)]
    keys = list(dict.fromkeys(s for s in spans if s is not None)) or [None]
    return [np.array([i for i, s in enumerate(spans) if s is None or s == key], dtype=int) for key in keys]


def _with_complements(areas: pd.DataFrame, population: pd.Series, primary: np.ndarray) -> np.ndarray:
    """`primary` plus the complements that keep it from following from parent and city sums."""
    frame = pd.DataFrame(
        {
            "gebiet_id": areas["gebiet_id"].astype(str).to_numpy(),
            "indikator_id": AREA_POPULATION,
            "jahr": 0,
            "wert": population.to_numpy(),
            "fallzahl": np.nan,
        }
    )
    counts = pd.DataFrame({"aggregation": ["summe"]}, index=[AREA_POPULATION])
    unique = ~frame["gebiet_id"].duplicated(keep="last").to_numpy()  # a repeated id: its last row counts
    kept = frame[unique].reset_index(drop=True)
    equations = build_equations(kept, areas, counts)
    secondary = complementary_cells(kept, primary[unique], equations)
    out = primary.copy()
    out[np.flatnonzero(unique)] |= secondary
    return out


def _equals_withheld_count(
    areas: pd.DataFrame, population: pd.Series, raw: pd.DataFrame, withheld: pd.DataFrame, catalogue: pd.DataFrame
) -> np.ndarray:
    if "gesperrt" not in withheld.columns or raw.empty:
        return np.zeros(len(areas), dtype=bool)
    aggregation = catalogue["aggregation"] if "aggregation" in catalogue.columns else pd.Series(dtype=object)
    locked = raw.reset_index(drop=True)[withheld["gesperrt"].fillna(False).astype(bool).to_numpy()]
    locked = locked[locked["indikator_id"].map(aggregation).eq("summe")]
    numbers: dict[str, set[float]] = {}
    numbers_in = pd.to_numeric(locked["wert"], errors="coerce")
    for gebiet, wert in zip(locked["gebiet_id"].astype(str), numbers_in, strict=True):
        if pd.notna(wert):
            numbers.setdefault(gebiet, set()).add(float(wert))
    return np.array(
        [p in numbers.get(g, set()) for g, p in zip(areas["gebiet_id"].astype(str), population, strict=True)],
        dtype=bool,
    )
