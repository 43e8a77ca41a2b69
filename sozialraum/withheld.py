"""Which cells of a shown table are withheld (statistical confidentiality), as masks for the tables.

The loader blanks withheld values and marks their rows (`gesperrt`, `anmerkung` "Geheimhaltung …");
once a table is reshaped (wide tables, changes between years, index inputs) that mark is lost. These
helpers find it again so that the table shows the official sign "." instead of the dash for "no value".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from .export import withheld_rows
from .indicators import trend_wide
from .schemas import CITY_ID


def _locked(values: pd.DataFrame, indikator: str) -> pd.DataFrame:
    rows = values[values["indikator_id"] == indikator]
    if "gesperrt" not in rows.columns:
        return rows.iloc[0:0]
    return rows[rows["gesperrt"].fillna(False).astype(bool)]


def withheld_pairs(values: pd.DataFrame, indikator: str) -> set[tuple[str, int]]:
    """(gebiet_id, jahr) of the withheld values of `indikator`."""
    locked = _locked(values, indikator)
    return set(zip(locked["gebiet_id"].astype(str), locked["jahr"].astype(int), strict=True))


def withheld_areas(values: pd.DataFrame, indikator: str, years: Iterable[int]) -> set[str]:
    """Areas whose value of `indikator` is withheld in one of `years`."""
    wanted = {int(y) for y in years}
    return {g for g, y in withheld_pairs(values, indikator) if y in wanted}


def side_by_side_withheld(
    wide: pd.DataFrame, indicators: Iterable[str], values: pd.DataFrame, ids_by_column: Mapping[str, str]
) -> pd.DataFrame:
    """Cell mask of the side-by-side table (one row per indicator with its year in column "Jahr",
    one column per area): True where that area's value in that year is withheld."""
    mask = pd.DataFrame(False, index=wide.index, columns=wide.columns)
    for row, indikator in zip(wide.index, indicators, strict=True):
        year = wide.at[row, "Jahr"]
        if pd.isna(year):
            continue
        pairs = withheld_pairs(values, indikator)
        for column, gebiet in ids_by_column.items():
            if column in mask.columns and (gebiet, int(year)) in pairs:
                mask.at[row, column] = True
    return mask


def withheld_city_years(values: pd.DataFrame, city: pd.DataFrame, indikator: str) -> set[int]:
    """Years without a city value although areas have withheld values: the loader withheld the city
    total there (it would reveal a withheld area)."""
    published = set(city.loc[city["indikator_id"] == indikator, "jahr"].astype(int))
    return {y for _, y in withheld_pairs(values, indikator)} - published


def change_notes(values: pd.DataFrame, indikator: str, start: int, end: int) -> dict[str, str]:
    """gebiet_id → note for a change from `start` to `end`: each year's note with its year, withheld first
    (flag `gesperrt`; its note then comes first)."""
    rows = values[(values["indikator_id"] == indikator) & values["jahr"].isin([start, end])]
    rows = rows[rows["anmerkung"].notna() & (rows["anmerkung"].astype(str).str.strip() != "")]
    notes: dict[str, list[tuple[bool, int, str]]] = {}
    for gebiet, jahr, note, locked in zip(
        rows["gebiet_id"].astype(str), rows["jahr"].astype(int), rows["anmerkung"], withheld_rows(rows), strict=True
    ):
        notes.setdefault(gebiet, []).append((not locked, jahr, str(note)))
    out = {}
    for gebiet, parts in notes.items():
        merged: dict[str, list[int]] = {}
        for _, jahr, note in sorted(parts):
            merged.setdefault(note, []).append(jahr)
        out[gebiet] = "; ".join(f"{note} ({', '.join(str(y) for y in years)})" for note, years in merged.items())
    return out


def trend_mask(
    trend: pd.DataFrame,
    values: pd.DataFrame,
    city: pd.DataFrame,
    indikator: str,
    base_year: int | None = None,
    area_of: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Cell mask for `indicators.trend_wide(trend, …)` (same rows and columns): True where the value is
    withheld, or (with `base_year`, for the indexed and change views) where the base year's value is.

    `trend` is long (gebiet_id, jahr, wert) and may hold the city (CITY_ID); `area_of` maps series keys
    to area ids when the series are not keyed by area (a trend across geometry versions).
    """
    pairs = withheld_pairs(values, indikator)
    city_years = withheld_city_years(values, city, indikator)

    def locked(key: str, year: int) -> bool:
        if key == CITY_ID:
            return year in city_years
        return (str((area_of or {}).get(key, key)), year) in pairs

    def cell(key: str, year: int) -> bool:
        return locked(key, year) or (base_year is not None and year != base_year and locked(key, int(base_year)))

    flags = trend.assign(
        wert=[float(cell(str(g), int(y))) for g, y in zip(trend["gebiet_id"], trend["jahr"], strict=True)]
    )
    wide = trend_wide(flags, {})  # same pivot as the shown table: rows and columns line up
    keys = wide["Gebiet"].astype(str)
    mask = wide.drop(columns=["Gebiet"])
    for column in mask.columns:
        # a city year the loader dropped has no row in `trend`: its cell is empty in the pivot
        empty = mask[column].isna()
        if empty.any():  # an assignment through an all-False mask still costs ~10 ms under load per column
            mask.loc[empty, column] = [float(cell(k, int(column))) for k in keys[empty]]
    mask = mask.astype(float).eq(1.0)
    mask.insert(0, "Gebiet", False)
    return mask
