"""Basics shared by the comparisons (pure, no streamlit): polarity, comparability with the city, units of a
difference, the values of one year and the population of the areas."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .polarity import Polarity

MINUS = "\u2212"
NO_DATA = "keine Angabe"
_EPS = 1e-9  # a difference smaller than this counts as none


def change_unit(unit: str) -> str:
    """Unit of a difference: percentage points for shares in %, otherwise the unit itself."""
    return "Prozentpunkte" if unit.strip() == "%" else unit


def city_comparable(catalogue: pd.DataFrame, indikator: str) -> bool:
    """Whether the city value compares with area values: not for counts, whose city value is the sum of
    all areas (e.g. inhabitants). Their changes relative to a base year (index view) do compare."""
    return str(catalogue.at[indikator, "aggregation"]) != "summe" if "aggregation" in catalogue else True


def polarity_sign(polarity: str) -> int:
    """+1 when higher is better, −1 when higher is worse, 0 for neutral indicators."""
    return Polarity.of(polarity).sign


def _join(items: Sequence[str]) -> str:
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]


def values_at(values: pd.DataFrame, indikator: str, jahr: int) -> tuple[pd.Series, int | None]:
    """Area values of an indicator in ``jahr`` or, if it has none then, in the latest earlier year with values."""
    subset = values[(values["indikator_id"] == indikator) & (values["jahr"] <= jahr) & values["wert"].notna()]
    if subset.empty:
        return pd.Series(dtype=float), None
    year = int(subset["jahr"].max())
    series = subset[subset["jahr"] == year].set_index("gebiet_id")["wert"].astype(float)
    return series, year


def population_at(values: pd.DataFrame, areas: pd.DataFrame, jahr: int, indikator: str = "einwohner") -> pd.Series:
    """Inhabitants per area in ``jahr`` (or the latest earlier year) from the indicator ``einwohner``;
    without it, the ``einwohner`` column of the area file. Indexed by gebiet_id; missing → NaN."""
    series, _ = values_at(values, indikator, jahr)
    ids = areas["gebiet_id"]
    if series.empty and "einwohner" in areas:
        series = pd.to_numeric(areas.set_index("gebiet_id")["einwohner"], errors="coerce")
    return series.reindex(ids).astype(float)
