"""Hamilton–Perry projection for small areas, with ratios damped towards the parent level.

Notation: ``series[t, a, g]`` = persons in year ``t`` (consecutive years), area ``a``, age group ``g``.

* Cohort change ratio (CCR) of group g ≥ 1: persons in g one year later divided by the persons
  expected there from pure ageing (``age_one_year``). It bundles deaths and net migration by age.
  Pooled over all pairs of consecutive base years (sum of numerators / sum of denominators), so a
  single odd year weighs less.
* Child–woman ratio (CWR) of the youngest group: its persons divided by the persons of fertile age
  (default 15 to under 45; both sexes, because the data need not give sex by age). The projection
  sets the youngest group to CWR × projected persons of fertile age.
* Damping (empirical-Bayes style shrinkage): an area's ratio is
  ``(Zähler + k · Elternquote) / (Nenner + k)``, i.e. its own ratio weighted with its denominator
  against the parent's ratio weighted with ``k`` persons. Small groups lean on the parent, large
  ones keep their own; an empty group takes the parent's ratio. Parents are damped towards their own
  parent the same way, and the top (the city) uses the pooled ratio of all areas.
* Migration decay (φ, ``decay``): below age 65 deaths are rare, so a ratio's distance from 1 is
  mostly net migration. It is split into the area's net level M (the distance averaged over the
  groups under 65, weighted with their persons) and the age pattern around it (young adults move in,
  families move out: moves that replace each other). Only the level decays, to M·φ^t in projection
  year t; the pattern stays. So a migration wave of the base period (Berlin 2015/16) is not carried
  on for decades, while a student quarter keeps renewing its young adults. φ = 1 keeps the classic
  method. The default comes from a validation window, not from the test window (docs/prognose.md).
* Blending with the parent's shares (``blend_with_parent_shares``): each area and group ends at
  the mean of its own projection and its launch share of the parent's projection of that group
  (the classic constant-share method; averaging two methods is a documented way to cut the error
  of small-area projections). The parent is the coarsest level below the city. Parent totals per
  group stay exactly as projected, so levels still add up; the blend weight is a setting.
* Never negative: ratios are ≥ 0 (counts are ≥ 0, scenario shifts are cut at 0), and each step
  only multiplies and adds non-negative numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .agegroups import AgeGroups, age_one_year

DEFAULT_FERTILE = (15, 45)


@dataclass(frozen=True)
class Pooled:
    """Numerators and denominators of the ratios per area and group (group 0: CWR)."""

    num: np.ndarray
    den: np.ndarray


@dataclass(frozen=True)
class Ratios:
    """Annual CCRs per area and group (column 0 holds the CWR of the youngest group)."""

    values: np.ndarray


def pooled_counts(
    series: np.ndarray,
    groups: AgeGroups,
    fertile: tuple[int, int | None] = DEFAULT_FERTILE,
    step: float = 1.0,
    mothers: np.ndarray | None = None,
) -> Pooled:
    """Sum the ratio numerators and denominators over the base periods (``series``: periods × areas × groups).

    ``step`` is the time between two periods in years (1, or 0.5 for half-yearly counts).
    ``mothers``: the series whose persons of fertile age are the CWR's denominator (the women, when
    the data give sex); default the series itself.
    """
    if series.shape[0] < 2:
        raise ValueError("the base period needs at least two consecutive years")
    num = np.zeros(series.shape[1:])
    den = np.zeros(series.shape[1:])
    aged = age_one_year(series[:-1], groups, step)
    num[:, 1:] = series[1:, :, 1:].sum(axis=0)
    den[:, 1:] = aged[:, :, 1:].sum(axis=0)
    num[:, 0] = series[:, :, 0].sum(axis=0)
    den[:, 0] = fertile_persons(series if mothers is None else mothers, groups, fertile).sum(axis=0)
    return Pooled(num, den)


def fertile_persons(pop: np.ndarray, groups: AgeGroups, fertile: tuple[int, int | None]) -> np.ndarray:
    """Persons of fertile age (last axis = groups; partly covered groups count pro rata)."""
    return (pop * groups.overlap_share(*fertile)).sum(axis=-1)


def damped_ratios(pooled: Pooled, chain: list[np.ndarray], k: float) -> Ratios:
    """Ratios per area, each damped towards its parent with weight ``k`` persons (see module doc).

    ``chain`` lists, from the coarsest level below the city to the areas' direct parents, an array
    giving each area's parent code at that level. An empty chain damps straight towards the city.
    """
    num, den = pooled.num, pooled.den
    fallback = np.ones(num.shape[1])
    fallback[0] = 0.0  # no fertile persons anywhere: no children rather than invented ones
    prior = _ratio(num.sum(axis=0), den.sum(axis=0), fallback, 0.0)
    prior = np.broadcast_to(prior, num.shape)
    for codes in chain:
        labels, inverse = np.unique(codes, return_inverse=True)
        group_num = np.zeros((len(labels), num.shape[1]))
        group_den = np.zeros((len(labels), num.shape[1]))
        np.add.at(group_num, inverse, num)
        np.add.at(group_den, inverse, den)
        first = np.array([np.flatnonzero(inverse == j)[0] for j in range(len(labels))])
        prior = _ratio(group_num, group_den, prior[first], k)[inverse]
    return Ratios(_ratio(num, den, prior, k))


def _net_level(ccr: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Per area: mean distance of the ratios from 1, weighted with persons (column vector)."""
    total = weights.sum(axis=1, keepdims=True)
    moved = ((ccr - 1.0) * weights).sum(axis=1, keepdims=True)
    return np.where(total > 0, moved / np.where(total > 0, total, 1.0), 0.0)


def _ratio(num: np.ndarray, den: np.ndarray, prior: np.ndarray, k: float) -> np.ndarray:
    weight = den + k
    safe = np.where(weight > 0, weight, 1.0)
    return np.where(weight > 0, (num + k * prior) / safe, prior)


def project(
    launch: np.ndarray,
    ratios: Ratios,
    groups: AgeGroups,
    years: int,
    migration: float = 0.0,
    births: float = 1.0,
    fertile: tuple[int, int | None] = DEFAULT_FERTILE,
    decay: float = 1.0,
    mortality_age: int = 65,
    step: float = 1.0,
    mothers: np.ndarray | None = None,
) -> np.ndarray:
    """Project ``years`` steps of one year from ``launch`` (areas × groups); returns steps+1 × areas × groups.

    ``migration`` is an additional net migration per year and person (0.003 = 3 per 1,000) added to
    every CCR; ``births`` scales the CWR. Both are the scenario levers. ``decay`` is φ per year (module
    doc). ``step`` is the length of one step in years; the ratios must have been pooled with the same.
    ``mothers``: the projection of the women (steps+1 × areas × groups) whose persons of fertile age
    bear the children; default this projection itself.
    """
    if births < 0:
        raise ValueError("births factor must be >= 0")
    if not 0 <= decay <= 1:
        raise ValueError("decay must be between 0 and 1")
    base = ratios.values[:, 1:]
    young = np.array([groups.lower[i] < mortality_age for i in range(1, len(groups))])
    cwr = np.maximum(ratios.values[:, 0], 0.0) * births
    out = np.zeros((years + 1, *launch.shape))
    out[0] = launch
    level = _net_level(base, age_one_year(launch, groups, step)[:, 1:] * young)
    for t in range(1, years + 1):
        ccr = np.where(young, base - level * (1.0 - decay ** (t * step)), base)
        aged = age_one_year(out[t - 1], groups, step)
        out[t, :, 1:] = aged[:, 1:] * np.maximum(ccr + migration * step, 0.0)
        out[t, :, 0] = cwr * fertile_persons(out[t] if mothers is None else mothers[t], groups, fertile)
    return out


def blend_with_parent_shares(projected: np.ndarray, parent: np.ndarray, weight: float) -> np.ndarray:
    """Mix each area's projection with its launch share of the parent's projection (module doc).

    ``projected``: steps+1 × areas × groups with the launch in row 0; ``parent``: each area's parent
    code. Share of area a in group g = launch count / parent's launch count of g (the area's share of
    the parent's total where the parent has nobody in g). Both parts are non-negative and grow with
    every ratio, so scenario ordering and "never negative" survive; the shares sum to 1 per parent,
    so each parent's projection per group is unchanged.
    """
    if not 0 <= weight <= 1:
        raise ValueError("weight must be between 0 and 1")
    _, inverse = np.unique(parent, return_inverse=True)
    member = (inverse[:, None] == np.arange(inverse.max() + 1)[None, :]).astype(float)
    launch = projected[0]
    by_parent = member @ (member.T @ launch)
    totals = launch.sum(axis=1)
    total_share = np.divide(totals, member @ (member.T @ totals), out=np.zeros_like(totals), where=totals > 0)
    share = np.where(by_parent > 0, launch / np.where(by_parent > 0, by_parent, 1.0), total_share[:, None])
    parent_projection = np.einsum("ap,tag->tpg", member, projected)
    shared = share * np.einsum("ap,tpg->tag", member, parent_projection)
    return (1.0 - weight) * projected + weight * shared
