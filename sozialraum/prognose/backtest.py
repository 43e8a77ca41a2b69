"""Backtest of the projection on Berlin's planning areas (real register counts by age group).

Berlin changed its planning areas on 1 Jan 2021, so a backtest on unchanged geometry uses the old
areas (30.06.2015 … 31.12.2020). Counts are half-yearly (files ``…-YYYY-01-t2-…`` = 30 June,
``…-YYYY-02-t2-…`` = 31 December); using both gives three base periods before a four-year horizon
instead of one, so the method runs in half-year steps here. Areas whose Prognoseraum (4-digit
prefix) gained or lost a planning area in that time are left out (a split can cross Bezirksregionen:
09041403 took people from 09041301 in 2019), and only
areas with at least ``min_persons`` persons both at launch and in the target year are scored (the
dashboard publishes nothing below 300 inhabitants, and a refugee shelter that opens or closes turns
a near-empty area's percentage error into thousands of percent, which then dominates any mean).

Compared per area: Hamilton–Perry (damped, blended with the Bezirk's shares, as in the app),
"unchanged" (launch carried forward) and "linear trend" (straight line through the first and last
base period, cut at 0). Error measure: MAPE over areas,
mean(|projected − observed| / observed) × 100, for the total and for 65+.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .agegroups import AgeGroups
from .method import blend_with_parent_shares, damped_ratios, pooled_counts, project

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
FILE_PATTERN = "population/berlin-lor-population-{year}-0{half}-t2-planning-areas.csv"
Period = tuple[int, int]  # (year, half): (2015, 1) = 30.06.2015, (2015, 2) = 31.12.2015


def periods(first: Period, last: Period, half_yearly: bool = True) -> list[Period]:
    """All reporting dates from ``first`` to ``last`` (half-yearly, or only the 31 Decembers)."""
    halves = (1, 2) if half_yearly else (2,)
    every = [(year, half) for year in range(first[0], last[0] + 1) for half in halves]
    return [p for p in every if first <= p <= last]


def period_label(period: Period) -> str:
    return f"{'30.06.' if period[1] == 1 else '31.12.'}{period[0]}"


@dataclass(frozen=True)
class BerlinSeries:
    """Counts per period × area × age group, with each area's Bezirk and Bezirksregion code."""

    periods: list[Period]
    step: float  # years between two periods
    areas: list[str]
    counts: np.ndarray
    district: np.ndarray
    region: np.ndarray


def read_berlin(folder: Path, dates: list[Period]) -> BerlinSeries:
    """Read the age tables of ``dates`` (equally spaced) for the areas present (with stable regions) in all."""
    frames = {p: _read_year(Path(folder) / FILE_PATTERN.format(year=p[0], half=p[1])) for p in dates}
    ids = [set(f.index) for f in frames.values()]
    common, every = set.intersection(*ids), set.union(*ids)
    changed_regions = {area[:4] for area in every - common}
    areas = sorted(a for a in common if a[:4] not in changed_regions)
    counts = np.stack([frames[p].loc[areas, list(BERLIN_COLUMNS)].to_numpy(dtype=float) for p in dates])
    gaps = {(b[0] - a[0]) * 2 + b[1] - a[1] for a, b in zip(dates, dates[1:], strict=False)}
    if len(gaps) != 1:
        raise ValueError("the reporting dates must be equally spaced")
    return BerlinSeries(
        periods=list(dates),
        step=gaps.pop() / 2,
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
    launch: Period
    target: Period
    base: tuple[Period, Period]
    areas: int
    mape: pd.DataFrame  # rows: method, columns: Gesamt, 65+


HP = "Hamilton–Perry (gedämpft, mit Bezirksanteilen)"


def backtest(
    series: BerlinSeries,
    base: tuple[Period, Period],
    target: Period,
    k: float,
    decay: float = 1.0,
    weight: float = 0.0,
    min_persons: int = 300,
) -> BacktestResult:
    """Fit on the base periods, project from the base's last period to ``target``, compare with observed."""
    start, launch = series.periods.index(base[0]), series.periods.index(base[1])
    observed = series.counts[series.periods.index(target)]
    base_counts = series.counts[start : launch + 1]
    keep = (series.counts[launch].sum(axis=1) >= min_persons) & (observed.sum(axis=1) >= min_persons)
    pooled = pooled_counts(base_counts, BERLIN_GROUPS, step=series.step)
    ratios = damped_ratios(pooled, [series.district, series.region], k)
    steps = series.periods.index(target) - launch
    projected = project(series.counts[launch], ratios, BERLIN_GROUPS, steps, decay=decay, step=series.step)
    hp = blend_with_parent_shares(projected, series.district, weight)[-1]
    slope = (series.counts[launch] - series.counts[start]) / (launch - start)
    linear = np.maximum(series.counts[launch] + slope * steps, 0.0)
    methods = {HP: hp, "unverändert": series.counts[launch], "linearer Trend": linear}
    rows = {name: _mape(values[keep], observed[keep]) for name, values in methods.items()}
    columns = ["Gesamt", "65+", "Gesamt (Median)", "65+ (Median)"]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    return BacktestResult(series.periods[launch], target, base, int(keep.sum()), table)


DAMPING_GRID = (200.0, 1000.0, 5000.0, 20000.0)
DECAY_GRID = tuple(round(0.1 * i, 1) for i in range(11))


def select_parameters(
    series: BerlinSeries, base: tuple[Period, Period], target: Period, weight: float
) -> tuple[float, float, pd.DataFrame]:
    """(k, φ) with the lowest MAPE(total) + MAPE(65+) on a validation window, and the whole grid."""
    rows = []
    for k in DAMPING_GRID:
        for decay in DECAY_GRID:
            mape = backtest(series, base, target, k, decay, weight).mape.iloc[0]
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
