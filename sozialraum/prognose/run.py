"""Run the projection for a data folder: once per data state, all scenarios, every level.

Consistency rule: the method runs on the finest areas of ``altersstruktur.csv`` (those without a
child in the file). Each area's age groups are rounded to whole persons; every larger figure (an
area's total, derived groups, parent areas, the city) is the sum of these rounded numbers, so areas
add up exactly to their parent and to the city. Observed parent rows, if present, are not used.

By sex: when ``altersstruktur.csv`` gives every cell per sex and names the women (``w``/``weiblich``),
Hamilton–Perry runs per sex (own cohort change ratios, damped per sex; children of each sex per
woman of fertile age), each sex is rounded, and the totals are the sums of the sexes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..report import N_, Report, msg
from ..schemas import CITY_ID
from .components import Assumptions, project_components, read_assumptions
from .config import PrognoseConfig, Scenario, load_config
from .data import AGE_FILE, AgeData, read_age_file, to_age_data
from .derived import CARE_KEY, care_rates, derived_members
from .method import Ratios, blend_with_parent_shares, damped_ratios, pooled_counts, project

TOTAL_KEY = "gesamt"
METHOD_NAME = "Hamilton–Perry (Kohorten-Veränderungsraten, gedämpft zur übergeordneten Ebene)"
COMPONENTS_NAME = "Kohorten-Komponenten (Überleben, Wanderung, Geburten aus annahmen.csv)"


@dataclass(frozen=True)
class Projection:
    """Projected counts (rounded) per scenario: years × areas × groups, launch year included."""

    data: AgeData
    config: PrognoseConfig
    base: tuple[int, int]
    years: list[int]
    leaves: list[str]
    parent_of: dict[str, str]
    counts: dict[str, np.ndarray]
    method: str = METHOD_NAME
    by_sex: dict[str, dict[str, np.ndarray]] | None = None  # scenario → sex → rounded counts

    def scenario(self, key: str | None = None) -> Scenario:
        return self.config.scenario(key)


def base_years(data: AgeData, config: PrognoseConfig, report: Report) -> tuple[int, int] | None:
    """Configured base years if usable, else the last (up to) five consecutive observed years."""
    years = data.years
    if config.basisjahre is not None:
        first, last = config.basisjahre
        if all(y in years for y in range(first, last + 1)):
            return first, last
        report.error(
            "prognose.toml",
            msg(
                N_(
                    "[prognose] basisjahre: für jedes Jahr von {von} bis {bis} werden Zahlen in {datei} erwartet; "
                    "vorhanden: {jahre}. Es gelten die letzten Beobachtungsjahre."
                ),
                von=str(first),
                bis=str(last),
                datei=AGE_FILE,
                jahre=", ".join(map(str, years)),
            ),
            value=f"[{first}, {last}]",
        )
    last = years[-1]
    first = last
    while first - 1 in years and last - (first - 1) <= 5:
        first -= 1
    if first == last:
        report.error(AGE_FILE, msg(N_("Für eine Prognose werden mindestens zwei aufeinanderfolgende Jahre erwartet.")))
        return None
    return first, last


def chains(leaves: list[str], parent_of: dict[str, str]) -> list[np.ndarray]:
    """Parent codes per leaf, coarsest level first (areas without parent count as their own group)."""
    paths = []
    for leaf in leaves:
        path, seen = [], {leaf}
        node = parent_of.get(leaf)
        while node and node not in seen:
            path.insert(0, node)
            seen.add(node)
            node = parent_of.get(node)
        paths.append(path)
    depth = max((len(p) for p in paths), default=0)
    padded = [[*p, *([p[-1] if p else leaf] * (depth - len(p)))] for p, leaf in zip(paths, leaves, strict=True)]
    return [np.array([p[level] for p in padded]) for level in range(depth)]


def run_projection(
    data: AgeData,
    config: PrognoseConfig,
    parent_of: dict[str, str],
    report: Report,
    assumptions: Assumptions | None = None,
) -> Projection | None:
    """All scenarios; Hamilton–Perry, or the cohort-component mode when ``assumptions`` are given."""
    base = base_years(data, config, report)
    if base is None:
        return None
    children = {parent for area, parent in parent_of.items() if area in data.areas and parent}
    leaf_index = [i for i, area in enumerate(data.areas) if area not in children]
    leaves = [data.areas[i] for i in leaf_index]
    counts = data.counts[:, leaf_index]
    first, last = data.years.index(base[0]), data.years.index(base[1])
    chain = chains(leaves, parent_of)
    top = chain[0] if chain else np.zeros(len(leaves), dtype=int)  # coarsest level below the city
    launch_year = data.years[-1]
    steps = max(config.bis - launch_year, 0)
    sexes = _sex_series(data, leaf_index) if assumptions is None else None
    fits = {}
    if sexes is not None:
        women = next(iter(sexes.values()))[first : last + 1]
        fits = {sex: _fit(v[first : last + 1], women, data, config, chain) for sex, v in sexes.items()}
    elif assumptions is None:
        fits[""] = _fit(counts[first : last + 1], None, data, config, chain)
    results, by_sex = {}, {}
    for scenario in config.szenarien:
        shift = scenario.wanderung / 1000.0
        if assumptions is not None:
            values = project_components(counts[-1], assumptions, data.groups, steps, shift, scenario.geburten)
            results[scenario.key] = np.rint(values)
            continue
        mothers = None
        parts = {}
        for sex, ratios in fits.items():  # the women come first: their projection bears the children
            launch = counts[-1] if sexes is None else sexes[sex][-1]
            raw = project(
                launch,
                ratios,
                data.groups,
                steps,
                shift,
                scenario.geburten,
                config.fruchtbares_alter,
                config.wanderung_abklingen,
                mothers=mothers,
            )
            if sexes is not None and mothers is None:
                mothers = raw
            parts[sex] = np.rint(blend_with_parent_shares(raw, top, config.anteilsgewicht))
        results[scenario.key] = sum(parts.values())
        if sexes is not None:
            by_sex[scenario.key] = parts
    years = list(range(launch_year, launch_year + steps + 1))
    method = METHOD_NAME if assumptions is None else COMPONENTS_NAME
    return Projection(data, config, base, years, leaves, dict(parent_of), results, method, by_sex or None)


def _sex_series(data: AgeData, leaf_index: list[int]) -> dict[str, np.ndarray] | None:
    """Leaf counts per sex, women first; None without sex or without a recognisable label for women."""
    female = data.female
    if data.by_sex is None or female is None:
        return None
    order = [female, *(s for s in data.by_sex if s != female)]
    return {sex: data.by_sex[sex][:, leaf_index] for sex in order}


def _fit(base: np.ndarray, mothers: np.ndarray | None, data: AgeData, config: PrognoseConfig, chain: list) -> Ratios:
    """Damped ratios of one sex (or of everyone); the CWR's denominator is the women where known."""
    pooled = pooled_counts(base, data.groups, config.fruchtbares_alter, mothers=mothers)
    return damped_ratios(pooled, chain, config.daempfung)


def projection_for_folder(folder: Path, parent_of: dict[str, str], report: Report) -> Projection | None:
    frame = read_age_file(folder, report)
    if frame is None:
        return None
    data = to_age_data(frame, report)
    config = load_config(folder, report)
    if data is None:
        return None
    return run_projection(data, config, parent_of, report, read_assumptions(folder, data.groups, report))


def long_table(projection: Projection, city_id: str = CITY_ID, by_sex: bool = False) -> pd.DataFrame:
    """Tidy rows: gebiet_id, jahr, szenario, merkmal, anzahl, art — leaves, their parents and the city.

    ``by_sex``: with a column ``geschlecht`` ("" = all) and, where projected by sex, the rows per sex.
    """
    frames = [
        _tidy(projection, values, projection.years, key, city_id, "Ausgangsjahr (beobachtet)", "Prognose")
        for key, values in projection.counts.items()
    ]
    if not by_sex:
        return pd.concat(frames, ignore_index=True)
    frames = [f.assign(geschlecht="") for f in frames]
    for key, parts in (projection.by_sex or {}).items():
        for sex, values in parts.items():
            tidy = _tidy(projection, values, projection.years, key, city_id, "Ausgangsjahr (beobachtet)", "Prognose")
            frames.append(tidy.assign(geschlecht=sex))
    return pd.concat(frames, ignore_index=True)


def observed_table(projection: Projection, city_id: str = CITY_ID) -> pd.DataFrame:
    """The same rows for the observed years of the age structure (scenario empty, art „beobachtet“)."""
    leaf_index = [projection.data.areas.index(a) for a in projection.leaves]
    values = projection.data.counts[:, leaf_index]
    return _tidy(projection, values, projection.data.years, "", city_id, "beobachtet", "beobachtet")


def _tidy(
    projection: Projection, values: np.ndarray, years: list[int], key: str, city_id: str, first: str, rest: str
) -> pd.DataFrame:
    groups = projection.data.groups
    members = derived_members(groups, projection.config.gruppen)
    rates = care_rates(groups, projection.config.pflegequoten)
    owners = _owners(projection.leaves, projection.parent_of, city_id)
    rows = []
    for t, year in enumerate(years):
        columns, leaf_values = features(values[t], groups.labels(), members, rates)
        art = first if t == 0 else rest
        for owner, index in owners.items():
            summed = leaf_values[index].sum(axis=0)
            rows.extend((owner, year, key, name, float(summed[j]), art) for j, name in enumerate(columns))
    return pd.DataFrame(rows, columns=["gebiet_id", "jahr", "szenario", "merkmal", "anzahl", "art"])


def features(
    values: np.ndarray, labels: list[str], members: dict[str, list[int]], rates: np.ndarray | None
) -> tuple[list[str], np.ndarray]:
    """Column names and areas × columns: age groups, total, derived groups, care estimate."""
    columns = [*labels, TOTAL_KEY, *members]
    parts = [values, values.sum(axis=1, keepdims=True)]
    parts += [values[:, idx].sum(axis=1, keepdims=True) for idx in members.values()]
    if rates is not None:
        columns.append(CARE_KEY)
        parts.append(np.rint(values @ rates)[:, None])
    return columns, np.hstack(parts)


def _owners(leaves: list[str], parent_of: dict[str, str], city_id: str) -> dict[str, list[int]]:
    """Every leaf, each ancestor and the city → indices of the leaves it sums."""
    owners: dict[str, list[int]] = {}
    for i, leaf in enumerate(leaves):
        owners.setdefault(leaf, []).append(i)
        node, seen = parent_of.get(leaf), {leaf}
        while node and node not in seen:
            owners.setdefault(node, []).append(i)
            seen.add(node)
            node = parent_of.get(node)
        owners.setdefault(city_id, []).append(i)
    return owners
