"""Plausibility checks of the loaded tables that protect what is published: a level structure that
went missing, and values outside the range their indicator declares."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd

from .csvio import line_number
from .report import Report

COUNT_COLUMNS = ("fallzahl", "nenner")  # always people, households or cases: never negative


def value_range(meta: pd.Series) -> tuple[float, float]:
    """The range `wert` of an indicator must lie in: declared in indikatoren.csv (`wertebereich_min`,
    `wertebereich_max`, „offen“ = no limit), else by kind: % → 0 to 100, a count (aggregation summe) → 0 or
    more, anything else open. A balance that may be negative declares it (wertebereich_min = offen)."""
    percent = str(meta["einheit"]).strip() == "%"
    low = 0.0 if percent or meta["aggregation"] == "summe" else -math.inf
    high = 100.0 if percent else math.inf
    declared_low, declared_high = meta.get("wertebereich_min"), meta.get("wertebereich_max")
    return (
        low if declared_low is None or pd.isna(declared_low) else float(declared_low),
        high if declared_high is None or pd.isna(declared_high) else float(declared_high),
    )


def range_text(low: float, high: float) -> str:
    """German wording of a range for messages: „zwischen 0 und 100“, „0 oder mehr“, „höchstens 5“."""
    if math.isfinite(low) and math.isfinite(high):
        return f"zwischen {_number(low)} und {_number(high)}"
    if math.isfinite(low):
        return f"{_number(low)} oder mehr"
    return f"höchstens {_number(high)}" if math.isfinite(high) else "beliebig"


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def out_of_range(row: pd.Series, low: float, high: float) -> tuple[str, str] | None:
    """The first cell of a value row outside what it may hold, with the expectation: case numbers and
    denominators are never negative, `wert` lies in the indicator's range, and the numerator of an
    indicator that cannot be negative is not negative either."""
    checks = [(c, 0.0, math.inf) for c in COUNT_COLUMNS] + [("wert", low, high)]
    if low >= 0:
        checks.append(("zaehler", 0.0, math.inf))
    for column, lo, hi in checks:
        if column in row and pd.notna(row[column]) and not lo <= row[column] <= hi:
            return column, range_text(lo, hi)
    return None


def check_ranges(catalogue: pd.DataFrame, file: str, report: Report) -> pd.DataFrame:
    """A declared range whose minimum lies above its maximum: the indicator is left out."""
    bad = [
        index
        for index, row in catalogue.iterrows()
        if (lo := row.get("wertebereich_min")) is not None
        and (hi := row.get("wertebereich_max")) is not None
        and pd.notna(lo)
        and pd.notna(hi)
        and lo > hi
    ]
    for index in bad:
        report.error(
            file,
            f"wertebereich_min ({_number(catalogue.at[index, 'wertebereich_min'])}) liegt über wertebereich_max; "
            "erwartet wird Minimum ≤ Maximum.",
            row=line_number(index),
            column="wertebereich_min",
            value=_number(catalogue.at[index, "wertebereich_min"]),
        )
    return catalogue.drop(index=bad)


def check_structure(areas: gpd.GeoDataFrame, file: str, report: Report) -> gpd.GeoDataFrame:
    """Several undated levels but not one parent link: the hierarchy was lost (e.g. a Shapefile cut
    `uebergeordnet`), and with it the sums that protect small areas. Only the first level is kept."""
    level = areas["ebene"].fillna("").astype(str)
    dated = areas["gueltig_ab"].notna() | areas["gueltig_bis"].notna()
    undated = list(dict.fromkeys(level[~dated]))
    if len(undated) < 2 or areas["uebergeordnet"].fillna("").astype(str).ne("").any():
        return areas
    report.error(
        file,
        f"Mehrere Ebenen ({', '.join(undated)}), aber kein Gebiet nennt ein übergeordnetes Gebiet: die "
        f"Ebenenstruktur fehlt. Angezeigt wird nur „{undated[0]}“. Erwartet: Spalte „uebergeordnet“ (im Shapefile "
        "„uebergeord“) mit der gebiet_id des übergeordneten Gebiets, oder eine Zuordnung unter [daten] spalten.",
        column="uebergeordnet",
    )
    return areas[dated | level.eq(undated[0])]
