"""Comparisons over time (pure, no streamlit), and the one import place for all comparisons.

Trends: indexed (base year = 100) and change views of a trend table, the order of the small multiples,
the biggest movers between two years (polarity-aware), with their plain-German sentences. The comparisons
between areas live in `compare_areas` (computation) and `compare_text` (sentences, per language), the
shared basics in `compare_base`; they are re-exported here, so `from sozialraum.compare import …` keeps working.

Inputs are the long tables of a `Bundle`: ``values`` (gebiet_id, indikator_id, jahr, wert, …), ``city``
(indikator_id, jahr, wert) and the ``catalogue`` indexed by indikator_id.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .compare_areas import (
    BETTER,
    MATRIX_CLASSES,
    MISSING,
    NOT_RATED,
    REFERENCE_CITY,
    REFERENCE_MEAN,
    SIMILAR,
    SYMBOLS,
    WORSE,
    Correlation,
    _judge_difference,
    _matrix_class,
    format_rows,
    matrix_label,
    matrix_order,
    matrix_wide,
    overview_matrix,
    pearson,
    provenance_meta,
    ranking,
    scatter_table,
    side_by_side,
    side_by_side_wide,
    source_caption,
)
from .compare_base import _EPS, MINUS, change_unit, city_comparable, polarity_sign, population_at, values_at
from .compare_text import (
    CAUSATION_NOTE,
    correlation_reading,
    correlation_strength,
    format_r,
    matrix_summary,
    ranking_summary,
    side_by_side_summary,
)

__all__ = [
    "ABSOLUTE", "BETTER", "CAUSATION_NOTE", "CHANGE", "FELL", "IMPROVED", "INDEXED", "MATRIX_CLASSES", "MINUS",
    "MISSING", "NOT_RATED", "NO_DATA", "REFERENCE_CITY", "REFERENCE_MEAN", "ROSE", "SIMILAR", "SYMBOLS",
    "UNCHANGED", "VIEWS", "WORSE", "WORSENED", "Correlation", "_judge_change", "_judge_difference", "_matrix_class",
    "change_unit", "city_comparable", "correlation_reading", "correlation_strength", "format_r", "format_rows",
    "matrix_label", "matrix_order", "matrix_summary", "matrix_wide", "movers", "movers_summary", "multiples_summary",
    "order_areas", "overview_matrix", "pearson", "polarity_sign", "population_at", "provenance_meta", "ranking",
    "ranking_summary", "rebase", "scatter_table", "side_by_side", "side_by_side_summary", "side_by_side_wide",
    "source_caption", "top_movers", "values_at", "view_decimals", "view_summary", "view_unit",
]  # fmt: skip

# --- trend views ----------------------------------------------------------------------------------------

ABSOLUTE, INDEXED, CHANGE = "absolut", "index", "veraenderung"
VIEWS = {ABSOLUTE: "Absolut", INDEXED: "Index", CHANGE: "Veränderung"}


def rebase(trend: pd.DataFrame, view: str, base_year: int) -> pd.DataFrame:
    """A trend table (gebiet_id, jahr, wert) in one of the three views.

    ``absolut`` leaves the values; ``index`` gives 100 × value / value in the base year; ``veraenderung``
    gives value − value in the base year (in percentage points for % units). Column ``basis`` holds each
    series' base value. A series without a base value, and for the index one with a base value ≤ 0 (an
    index of a negative balance means nothing), stays empty: nothing is estimated.
    """
    frame = trend.copy()
    base = trend.loc[trend["jahr"] == base_year].set_index("gebiet_id")["wert"].astype(float)
    frame["basis"] = frame["gebiet_id"].map(base).astype(float)
    values = frame["wert"].astype(float)
    if view == INDEXED:
        frame["wert"] = values / frame["basis"].where(frame["basis"] > 0) * 100.0
    elif view == CHANGE:
        frame["wert"] = values - frame["basis"]
    elif view != ABSOLUTE:
        raise ValueError(f"unbekannte Darstellung: {view!r}")
    return frame


def view_unit(view: str, unit: str, base_year: int) -> str:
    """Axis and table label of a view, e.g. 'Index (2018 = 100)' or 'Prozentpunkte seit 2018'."""
    if view == INDEXED:
        return f"Index ({base_year} = 100)"
    if view == CHANGE:
        return f"{change_unit(unit)} seit {base_year}"
    return unit


def view_decimals(view: str, decimals: int) -> int:
    return 1 if view == INDEXED else decimals


def view_summary(
    frame: pd.DataFrame, view: str, base_year: int, names: dict[str, str], unit: str, decimals: int
) -> str:
    """One plain-German sentence on a rebased trend (`trend_text.view_summary`, every language)."""
    from .trend_text import view_summary as in_language  # trend_text builds on this module

    return in_language(frame, view, base_year, names, unit, decimals)


# --- biggest movers and the order of the small multiples --------------------------------------------------

IMPROVED, WORSENED, UNCHANGED, ROSE, FELL, NO_DATA = (
    "verbessert",
    "verschlechtert",
    "unverändert",
    "gestiegen",
    "gesunken",
    "keine Angabe",
)


def movers(
    values: pd.DataFrame,
    areas: pd.DataFrame,
    indikator: str,
    polarity: str,
    start: int,
    end: int,
    decimals: int | None = None,
) -> pd.DataFrame:
    """Change of every area between two years, polarity-aware.

    Columns: gebiet_id, name, von, bis, veraenderung (bis − von), verbesserung (the change signed so that
    > 0 is an improvement: a fall when higher is worse; NaN for neutral indicators), bewertung. Sorted from
    the most improved to the most worsened (neutral: largest rise first); areas without both values last.
    With ``decimals`` (the indicator's display precision) a change that rounds to 0 counts as unchanged, so
    the rating never contradicts the shown number.
    """
    subset = values[values["indikator_id"] == indikator]
    first = subset[subset["jahr"] == start].set_index("gebiet_id")["wert"].astype(float)
    last = subset[subset["jahr"] == end].set_index("gebiet_id")["wert"].astype(float)
    table = areas[["gebiet_id", "name"]].copy()
    table["von"] = table["gebiet_id"].map(first).astype(float)
    table["bis"] = table["gebiet_id"].map(last).astype(float)
    table["veraenderung"] = table["bis"] - table["von"]
    sign = polarity_sign(polarity)
    table["verbesserung"] = table["veraenderung"] * sign if sign else np.nan
    judged = table["veraenderung"].round(decimals) if decimals is not None else table["veraenderung"]
    table["bewertung"] = [_judge_change(c, sign) for c in judged]
    key = table["verbesserung"] if sign else table["veraenderung"]
    order = key.sort_values(ascending=False, na_position="last").index
    return table.loc[order].reset_index(drop=True)


def _judge_change(change: float, sign: int) -> str:
    if pd.isna(change):  # NaN or pd.NA (nullable Float64 columns): `x != x` fails on pd.NA
        return NO_DATA
    if abs(change) < _EPS:
        return UNCHANGED
    if sign == 0:
        return ROSE if change > 0 else FELL
    return IMPROVED if change * sign > 0 else WORSENED


def top_movers(table: pd.DataFrame, n: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` most improved and the ``n`` most worsened areas of a :func:`movers` table.

    For a neutral indicator: the largest rises and the largest falls.
    """
    rated = table["verbesserung"].notna().any()
    key = "verbesserung" if rated else "veraenderung"
    up = table[table["bewertung"].isin([IMPROVED, ROSE])].sort_values(key, ascending=False).head(n)
    down = table[table["bewertung"].isin([WORSENED, FELL])].sort_values(key, ascending=True).head(n)
    return up.reset_index(drop=True), down.reset_index(drop=True)


def movers_summary(table: pd.DataFrame, name: str, unit: str, decimals: int, start: int, end: int) -> str:
    """One plain-German sentence on the movers (`trend_text.movers_summary`, every language)."""
    from .trend_text import movers_summary as in_language

    return in_language(table, name, unit, decimals, start, end)


def order_areas(values: pd.DataFrame, areas: pd.DataFrame, indikator: str, polarity: str, by: str) -> list[str]:
    """Area IDs for the small multiples, the least favourable first.

    ``by="wert"``: by the latest value (highest first when higher is worse or neutral, lowest first when
    higher is better); ``by="veraenderung"``: by the change from the first to the latest year, the most
    worsened first (neutral: the largest rise first). Areas without a value come last, by name.
    """
    subset = values[(values["indikator_id"] == indikator) & values["wert"].notna()]
    if subset.empty:
        return sorted(areas["gebiet_id"], key=lambda g: str(g))
    years = sorted(int(y) for y in subset["jahr"].unique())
    table = movers(values, areas, indikator, polarity, years[0], years[-1])
    sign = polarity_sign(polarity)
    if by == "wert":
        key = table["bis"] * (1 if sign <= 0 else -1)
    elif by == "veraenderung":
        key = -table["verbesserung"] if sign else table["veraenderung"]
    else:
        raise ValueError(f"unbekannte Sortierung: {by!r}")
    table = table.assign(_key=key).sort_values(["_key", "name"], ascending=[False, True], na_position="last")
    return list(table["gebiet_id"])


def multiples_summary(
    values: pd.DataFrame,
    city: pd.DataFrame,
    names: dict[str, str],
    indikator: str,
    unit: str,
    decimals: int,
    with_city: bool = True,
) -> str:
    """One plain-German sentence for the small multiples (`trend_text.multiples_summary`, every language)."""
    from .trend_text import multiples_summary as in_language

    return in_language(values, city, names, indikator, unit, decimals, with_city)
