"""Comparisons between areas (pure, no streamlit): ranking, side by side, scatter with Pearson's r, the
overview matrix ("tartan rug") that rates every area × indicator cell as better / similar / worse than the
city, and the provenance of downloads. The sentences about them are in `compare_text`."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .compare_base import _EPS, MINUS, NO_DATA, city_comparable, polarity_sign, population_at, values_at
from .formatting import format_number
from .i18n import SOURCE, Translator
from .indicators import city_value
from .schemas import CITY_ID
from .translations import localized

NumberText = Callable[[float, int], str]  # value, decimals → text

# --- ranking and side by side --------------------------------------------------------------------------------


def ranking(table: pd.DataFrame, polarity: str, highlighted: Iterable[str] = ()) -> pd.DataFrame:
    """An `indicators.indicator_table` in ranking order: most favourable first (neutral: highest first),
    areas without a value last; column ``hervorgehoben`` marks the chosen areas."""
    sign = polarity_sign(polarity)
    ascending = sign < 0
    ranked = table.sort_values(["wert", "name"], ascending=[ascending, True], na_position="last")
    ranked = ranked.assign(hervorgehoben=ranked["gebiet_id"].isin(set(highlighted)))
    return ranked.reset_index(drop=True)


def side_by_side(
    values: pd.DataFrame,
    city: pd.DataFrame,
    catalogue: pd.DataFrame,
    indicators: Sequence[str],
    area_ids: Sequence[str],
    jahr: int,
) -> pd.DataFrame:
    """Long table: one row per indicator and chosen area, plus one for the city (gebiet_id 'gesamt').

    Columns: indikator_id, gebiet_id, jahr (the year used: ``jahr`` or the latest earlier), wert, stadt,
    differenz (to the city), bewertung (günstiger / ungünstiger / gleich / nicht bewertet / keine Angabe).
    Counts (city value = sum of the areas) get no difference and no rating.
    """
    rows = []
    for indikator in indicators:
        series, year = values_at(values, indikator, jahr)
        reference = city_value(city, indikator, year) if year is not None else None
        comparable = city_comparable(catalogue, indikator)
        sign = polarity_sign(catalogue.at[indikator, "polaritaet"]) if comparable else 0
        for gebiet in [*area_ids, CITY_ID]:
            value = reference if gebiet == CITY_ID else series.get(gebiet, np.nan)
            value = np.nan if pd.isna(value) else float(value)
            usable = reference is not None and comparable and gebiet != CITY_ID
            diff = value - reference if usable else np.nan
            rows.append(
                {
                    "indikator_id": indikator,
                    "gebiet_id": gebiet,
                    "jahr": year,
                    "wert": value,
                    "stadt": np.nan if reference is None else reference,
                    "differenz": diff,
                    "bewertung": _judge_difference(value, diff, sign) if gebiet != CITY_ID else "",
                }
            )
    frame = pd.DataFrame(rows, columns=["indikator_id", "gebiet_id", "jahr", "wert", "stadt", "differenz", "bewertung"])
    frame["jahr"] = frame["jahr"].astype("Int64")
    return frame


def _judge_difference(value: float, diff: float, sign: int) -> str:
    if pd.isna(value):
        return NO_DATA
    if sign == 0:
        return "nicht bewertet"
    if pd.isna(diff):
        return "ohne Gesamtstadtwert"
    if abs(diff) < _EPS:
        return "gleich"
    return "günstiger" if diff * sign > 0 else "ungünstiger"


def side_by_side_wide(long: pd.DataFrame, catalogue: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Indicators as rows, the chosen areas and the city as columns (numbers, rounded to each
    indicator's decimals): the table alternative of the side-by-side chart."""
    area_order = list(dict.fromkeys(long["gebiet_id"]))
    rows = []
    for indikator, group in long.groupby("indikator_id", sort=False):
        meta = catalogue.loc[indikator]
        decimals = int(meta["dezimalstellen"])
        by_area = group.set_index("gebiet_id")["wert"]
        row = {
            "Indikator": str(meta["name"]),
            "Einheit": str(meta["einheit"]),
            "Jahr": group["jahr"].iloc[0],
        }
        for gebiet in area_order:
            value = by_area.get(gebiet, np.nan)
            row[names.get(gebiet, gebiet)] = round(float(value), decimals) if pd.notna(value) else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def format_rows(
    frame: pd.DataFrame, decimals: Sequence[int], columns: Sequence[str], fmt: NumberText = format_number
) -> pd.DataFrame:
    """A copy with ``columns`` as number text (German, or as `fmt` writes it), each row with its own decimals."""
    shown = frame.copy().astype({c: object for c in columns})
    for i, d in enumerate(decimals):
        for column in columns:
            shown.iat[i, shown.columns.get_loc(column)] = fmt(frame.iat[i, frame.columns.get_loc(column)], d)
    return shown


# --- scatter and correlation -----------------------------------------------------------------------------------


def scatter_table(
    values: pd.DataFrame, areas: pd.DataFrame, x: str, y: str, jahr: int
) -> tuple[pd.DataFrame, int | None, int | None]:
    """One row per area: gebiet_id, name, x, y, einwohner; plus the years used for x and y."""
    xs, x_year = values_at(values, x, jahr)
    ys, y_year = values_at(values, y, jahr)
    table = areas[["gebiet_id", "name"]].copy()
    table["x"] = table["gebiet_id"].map(xs).astype(float)
    table["y"] = table["gebiet_id"].map(ys).astype(float)
    table["einwohner"] = population_at(values, areas, jahr).to_numpy()
    return table.reset_index(drop=True), x_year, y_year


@dataclass(frozen=True)
class Correlation:
    """Pearson's r over the areas with both values (``n`` of them); r is NaN when not computable."""

    r: float
    n: int

    @property
    def valid(self) -> bool:
        return not math.isnan(self.r)


def pearson(x: pd.Series, y: pd.Series) -> Correlation:
    """Pearson correlation over the pairs where both values are present (at least 3, both varying)."""
    both = pd.concat(
        [pd.Series(x).astype(float).reset_index(drop=True), pd.Series(y).astype(float).reset_index(drop=True)], axis=1
    ).dropna()
    n = len(both)
    if n < 3:
        return Correlation(float("nan"), n)
    a, b = both.iloc[:, 0].to_numpy(), both.iloc[:, 1].to_numpy()
    if np.std(a) == 0 or np.std(b) == 0:
        return Correlation(float("nan"), n)
    r = float(np.corrcoef(a, b)[0, 1])
    return Correlation(max(-1.0, min(1.0, r)), n)


# --- overview matrix ("tartan rug") -----------------------------------------------------------------------------

BETTER, SIMILAR, WORSE, NOT_RATED, MISSING = "günstiger", "ähnlich", "ungünstiger", "nicht bewertet", "keine Angabe"
MATRIX_CLASSES = (BETTER, SIMILAR, WORSE, NOT_RATED, MISSING)
SYMBOLS = {BETTER: "+", SIMILAR: "≈", WORSE: MINUS, NOT_RATED: "·", MISSING: "k. A."}
REFERENCE_CITY, REFERENCE_MEAN = "Gesamtstadt", "Mittel der Gebiete"


def overview_matrix(
    values: pd.DataFrame,
    areas: pd.DataFrame,
    city: pd.DataFrame,
    catalogue: pd.DataFrame,
    indicators: Sequence[str],
    jahr: int,
    band: float = 0.5,
) -> pd.DataFrame:
    """Every area × indicator cell rated against the city, polarity-aware.

    The distance to the city value is measured in standard deviations of the area values (so indicators
    with different units and signs compare alike); within ±``band`` the cell counts as similar. Where no
    city value exists, or it is a sum (counts), the unweighted mean of the areas is the reference (column
    ``referenz_art`` says so).
    Neutral indicators are shown but not rated. One row per cell: gebiet_id, name, indikator_id, jahr,
    wert, referenz, referenz_art, abstand (SD, > 0 = more favourable), klasse, symbol.
    """
    if band < 0:
        raise ValueError("band darf nicht negativ sein")
    frames = []
    for indikator in indicators:
        series, year = values_at(values, indikator, jahr)
        sign = polarity_sign(catalogue.at[indikator, "polaritaet"])
        reference = city_value(city, indikator, year) if year is not None else None
        kind = REFERENCE_CITY
        if reference is None or not city_comparable(catalogue, indikator):
            reference = float(series.mean()) if len(series) else np.nan
            kind = REFERENCE_MEAN
        std = float(series.std(ddof=0)) if len(series) else np.nan
        part = areas[["gebiet_id", "name"]].copy()
        part["indikator_id"] = indikator
        part["jahr"] = year
        part["wert"] = part["gebiet_id"].map(series).astype(float)
        part["referenz"] = reference
        part["referenz_art"] = kind
        if pd.notna(std) and std:
            part["abstand"] = (part["wert"] - reference) / std * sign
        else:
            part["abstand"] = np.where(part["wert"].notna(), 0.0, np.nan)
        part["klasse"] = [_matrix_class(w, a, sign, band) for w, a in zip(part["wert"], part["abstand"], strict=True)]
        frames.append(part)
    columns = ["gebiet_id", "name", "indikator_id", "jahr", "wert", "referenz", "referenz_art", "abstand", "klasse"]
    if not frames:
        return pd.DataFrame(columns=[*columns, "symbol"])
    frame = pd.concat(frames, ignore_index=True)[columns]
    frame.loc[frame["klasse"] == NOT_RATED, "abstand"] = np.nan
    frame["jahr"] = frame["jahr"].astype("Int64")
    frame["symbol"] = frame["klasse"].map(SYMBOLS)
    return frame


def _matrix_class(value: float, distance: float, sign: int, band: float) -> str:
    if pd.isna(value):
        return MISSING
    if sign == 0:
        return NOT_RATED
    if distance > band:
        return BETTER
    if distance < -band:
        return WORSE
    return SIMILAR


def matrix_order(matrix: pd.DataFrame) -> list[str]:
    """Area IDs, the areas with the most unfavourable cells first (then fewest favourable, then name)."""
    counts = matrix.pivot_table(index="gebiet_id", columns="klasse", values="indikator_id", aggfunc="count")
    counts = counts.reindex(columns=[WORSE, BETTER], fill_value=0).fillna(0)
    names = matrix.drop_duplicates("gebiet_id").set_index("gebiet_id")["name"]
    order = pd.DataFrame({"worse": counts[WORSE], "better": counts[BETTER], "name": names.reindex(counts.index)})
    order = order.sort_values(["worse", "better", "name"], ascending=[False, True, True])
    return list(order.index)


def matrix_label(meta: pd.Series, jahr: object) -> str:
    """Column label of an indicator in the matrix: short name, unit and year."""
    year = f", {int(jahr)}" if pd.notna(jahr) else ""
    return f"{meta['kurzname']} ({meta['einheit']}{year})"


def matrix_wide(
    matrix: pd.DataFrame,
    catalogue: pd.DataFrame,
    order: Sequence[str] | None = None,
    fmt: NumberText = format_number,
    missing: str = SYMBOLS[MISSING],
) -> pd.DataFrame:
    """Areas as rows, one text column per indicator ('− 23,4': symbol and value), counts of favourable and
    unfavourable cells: the table alternative of the matrix chart (symbols carry the rating, not colour).
    `fmt` and `missing` write numbers and the sign of a missing value (German by default)."""
    order = list(order) if order is not None else matrix_order(matrix)
    wide = pd.DataFrame({"gebiet_id": order})
    names = matrix.drop_duplicates("gebiet_id").set_index("gebiet_id")["name"]
    wide["Gebiet"] = wide["gebiet_id"].map(names)
    for indikator, group in matrix.groupby("indikator_id", sort=False):
        meta = catalogue.loc[indikator]
        decimals = int(meta["dezimalstellen"])
        cells = group.set_index("gebiet_id")
        text = {
            g: (missing if pd.isna(r["wert"]) else f"{r['symbol']} {fmt(r['wert'], decimals)}")
            for g, r in cells.iterrows()
        }
        wide[matrix_label(meta, group["jahr"].iloc[0])] = wide["gebiet_id"].map(text)
    counts = matrix.groupby("gebiet_id")["klasse"].value_counts().unstack(fill_value=0)
    wide["Ungünstiger"] = wide["gebiet_id"].map(counts.get(WORSE, pd.Series(dtype=int))).fillna(0).astype(int)
    wide["Günstiger"] = wide["gebiet_id"].map(counts.get(BETTER, pd.Series(dtype=int))).fillna(0).astype(int)
    return wide


# --- provenance of downloads --------------------------------------------------------------------------------------


def provenance_meta(
    catalogue: pd.DataFrame, indicators: Iterable[str], *, lang: str = SOURCE, **extra: object
) -> dict[str, str]:
    """Indicator, unit, source and Datenstand for a download of one or more indicators: keys in `lang`,
    names, short names and units from the translated columns (German where missing); `extra` as given."""
    t = Translator(lang)  # named `t`: pybabel extracts t("…")
    ids = [i for i in dict.fromkeys(indicators) if i in catalogue.index]
    meta = catalogue.loc[ids]

    def text(row: pd.Series, column: str) -> str:
        return str(localized(row, column, lang).text)

    if len(ids) == 1:
        row = meta.iloc[0]
        info = {
            t("Indikator"): text(row, "name"),
            t("Einheit"): text(row, "einheit"),
            t("Quelle"): str(row["quelle"]),
            t("Datenstand"): str(row["datenstand"]),
        }
    else:
        info = {
            t("Indikatoren"): "; ".join(f"{text(r, 'name')} ({text(r, 'einheit')})" for _, r in meta.iterrows()),
            t("Quelle"): "; ".join(dict.fromkeys(str(q) for q in meta["quelle"])),
            t("Datenstand"): "; ".join(f"{text(r, 'kurzname')}: {r['datenstand']}" for _, r in meta.iterrows()),
        }
    info.update({key: str(value) for key, value in extra.items()})
    return info


def source_caption(catalogue: pd.DataFrame, indicators: Iterable[str]) -> str:
    """'Quellen: … · Datenstand: …' for several indicators, for a caption next to a chart."""
    meta = provenance_meta(catalogue, indicators)
    if "Indikator" in meta:
        return f"Einheit: {meta['Einheit']} · Quelle: {meta['Quelle']} · Datenstand: {meta['Datenstand']}"
    return f"Quellen: {meta['Quelle']} · Datenstand: {meta['Datenstand']}"
