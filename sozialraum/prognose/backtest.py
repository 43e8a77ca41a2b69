"""Backtest of the projection on Berlin's planning areas (real register counts by age group).

Berlin changed its planning areas on 1 Jan 2021, so a backtest on unchanged geometry uses the old
areas (31.12.2015 … 31.12.2020, files ``…-YYYY-02-t2-…``). Areas whose Prognoseraum (4-digit
prefix) gained or lost a planning area in that time are left out (a split can cross Bezirksregionen:
09041403 took people from 09041301 in 2019), and only
areas with at least ``min_persons`` persons both at launch and in the target year are scored (the
dashboard publishes nothing below 300 inhabitants, and a refugee shelter that opens or closes turns
a near-empty area's percentage error into thousands of percent, which then dominates any mean).

Compared per area: Hamilton–Perry (damped), "unchanged" (launch year carried forward) and "linear
trend" (straight line through the base years, cut at 0). Error measure: MAPE over areas,
mean(|projected − observed| / observed) × 100, for the total and for 65+.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .agegroups import AgeGroups
from .method import damped_ratios, pooled_counts, project

BERLIN_GROUPS = AgeGroups((0, 6, 15, 18, 27, 45, 55, 65))
BERLIN_COLUMNS = (
    "inhabitants_age_below_6",
    "inhabitants_age_6_15",
    "inhabitants_age_15_18",
    "inhabitants_age_18_27",
    "inhabitants_age_27_45",
    "inhabitants_age_45_55",
    "inhabitants_age_55_65",
    "inhabitants_age_above_65",
)
FILE_PATTERN = "population/berlin-lor-population-{year}-02-t2-planning-areas.csv"


@dataclass(frozen=True)
class BerlinSeries:
    """Counts per year × area × age group, with each area's Bezirk and Bezirksregion code."""

    years: list[int]
    areas: list[str]
    counts: np.ndarray
    district: np.ndarray
    region: np.ndarray


def read_berlin(folder: Path, years: list[int]) -> BerlinSeries:
    """Read the end-of-year age tables of ``years`` for the areas present (with stable regions) in all."""
    frames = {year: _read_year(Path(folder) / FILE_PATTERN.format(year=year)) for year in years}
    ids = [set(f.index) for f in frames.values()]
    common, every = set.intersection(*ids), set.union(*ids)
    changed_regions = {area[:4] for area in every - common}
    areas = sorted(a for a in common if a[:4] not in changed_regions)
    counts = np.stack([frames[y].loc[areas, list(BERLIN_COLUMNS)].to_numpy(dtype=float) for y in years])
    return BerlinSeries(
        years=list(years),
        areas=areas,
        counts=counts,
        district=np.array([a[:2] for a in areas]),
        region=np.array([a[:6] for a in areas]),
    )


def _read_year(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype={"id": str})
    frame = frame.drop_duplicates("id").set_index("id")
    return frame


@dataclass(frozen=True)
class BacktestResult:
    launch: int
    target: int
    base: tuple[int, int]
    areas: int
    mape: pd.DataFrame  # rows: method, columns: Gesamt, 65+


def backtest(
    series: BerlinSeries,
    base: tuple[int, int],
    target: int,
    k: float,
    decay: float = 1.0,
    min_persons: int = 300,
) -> BacktestResult:
    """Fit on the base years, project from the base's last year to ``target``, compare with observed."""
    start, launch = series.years.index(base[0]), series.years.index(base[1])
    observed = series.counts[series.years.index(target)]
    base_counts = series.counts[start : launch + 1]
    keep = (series.counts[launch].sum(axis=1) >= min_persons) & (observed.sum(axis=1) >= min_persons)
    ratios = damped_ratios(pooled_counts(base_counts, BERLIN_GROUPS), [series.district, series.region], k)
    steps = target - base[1]
    hp = project(series.counts[launch], ratios, BERLIN_GROUPS, steps, decay=decay)[-1]
    slope = (series.counts[launch] - series.counts[start]) / (base[1] - base[0])
    linear = np.maximum(series.counts[launch] + slope * steps, 0.0)
    methods = {
        "Hamilton–Perry (gedämpft)": hp,
        "unverändert": series.counts[launch],
        "linearer Trend": linear,
    }
    rows = {name: _mape(values[keep], observed[keep]) for name, values in methods.items()}
    columns = ["Gesamt", "65+", "Gesamt (Median)", "65+ (Median)"]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    return BacktestResult(series.years[launch], target, base, int(keep.sum()), table)


DAMPING_GRID = (200.0, 1000.0, 5000.0)
DECAY_GRID = tuple(round(0.1 * i, 1) for i in range(11))


def select_parameters(series: BerlinSeries, base: tuple[int, int], target: int) -> tuple[float, float, pd.DataFrame]:
    """(k, φ) with the lowest MAPE(total) + MAPE(65+) on a validation window, and the whole grid."""
    rows = []
    for k in DAMPING_GRID:
        for decay in DECAY_GRID:
            mape = backtest(series, base, target, k, decay).mape.iloc[0]
            rows.append({"k": k, "phi": decay, "Gesamt": mape["Gesamt"], "65+": mape["65+"]})
    grid = pd.DataFrame(rows)
    best = grid.loc[(grid["Gesamt"] + grid["65+"]).idxmin()]
    return float(best["k"]), float(best["phi"]), grid


def _mape(projected: np.ndarray, observed: np.ndarray) -> tuple[float, float, float, float]:
    """Mean and median absolute percentage error of the total and of 65+ (areas with 65+ > 0)."""
    total = _ape(projected.sum(axis=1), observed.sum(axis=1))
    old = observed[:, -1] > 0
    elderly = _ape(projected[old, -1], observed[old, -1])
    return total.mean(), elderly.mean(), float(np.median(total)), float(np.median(elderly))


def _ape(projected: np.ndarray, observed: np.ndarray) -> np.ndarray:
    return np.abs(projected - observed) / observed * 100
