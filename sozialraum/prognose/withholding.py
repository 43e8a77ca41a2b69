"""Withholding of projected and observed age counts, with the project's confidentiality rules.

Primary (as ``[geheimhaltung]``): an area below ``min_einwohner`` persons in the launch year shows
nothing; any count below ``min_fallzahl`` is withheld. Secondary (``confidentiality.complementary_cells``,
the same routine the loader applies to the indicators): every published sum is an equation, and a
withheld cell that is the only withheld one of an equation gets a complement withheld, so it cannot
be recovered by subtraction. Equations per area, year and scenario: the total and each derived group
(65+, 80+, unter 6 …) = sum of the data's age groups, so e.g. 80+ withheld with 65+ shown withholds
65–80 too, and 65–80 withheld withholds 80+. Across areas: a parent (and the city) = sum of its
areas, per figure. The care estimate is not a sum of published cells; it gets the primary rule only.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from ..confidentiality import Equation, complementary_cells
from ..schemas import CITY_ID
from .derived import derived_members
from .run import TOTAL_KEY, Projection
from .view import LAUNCH

NOTE_SECONDARY = "gesperrt, damit gesperrte Werte nicht errechnet werden können"

Slice = tuple[str, int, str, str]  # gebiet_id, jahr, szenario, art


def withhold_table(
    table: pd.DataFrame,
    min_fallzahl: int,
    min_einwohner: int,
    members: dict[str, list[int]],
    labels: list[str],
    parent_of: dict[str, str],
    city_id: str = CITY_ID,
) -> pd.DataFrame:
    """``anzahl`` empty and ``anmerkung`` set for primary and secondary withheld cells.

    ``members``: derived key → indices into ``labels`` (the data's age groups, as in the table's
    ``merkmal``); ``parent_of``: area → parent area for the areas in the table.
    """
    out = table.reset_index(drop=True).copy()
    at_launch = (out["merkmal"] == TOTAL_KEY) & (out["art"] == LAUNCH)
    launch = out[at_launch].groupby("gebiet_id")["anzahl"].first()
    small_area = (out["gebiet_id"].map(launch).fillna(0) < min_einwohner).to_numpy()
    small_count = (out["anzahl"] < min_fallzahl).to_numpy()
    primary = small_area | small_count
    cells = pd.DataFrame({"gebiet_id": out["gebiet_id"], "indikator_id": out["merkmal"]})
    cells["wert"] = cells["fallzahl"] = out["anzahl"]
    equations = _equations(out, members, labels, parent_of, city_id)
    secondary = complementary_cells(cells, primary, equations)
    out["anmerkung"] = ""
    out.loc[secondary, "anmerkung"] = NOTE_SECONDARY
    out.loc[small_count, "anmerkung"] = f"weniger als {min_fallzahl}\u00a0Personen"
    out.loc[small_area, "anmerkung"] = f"Gebiet mit weniger als {min_einwohner} Einwohnern"
    out.loc[primary | secondary, "anzahl"] = np.nan
    return out


def _equations(
    table: pd.DataFrame, members: dict[str, list[int]], labels: list[str], parent_of: dict[str, str], city_id: str
) -> list[Equation]:
    keys = zip(table["gebiet_id"], table["jahr"], table["szenario"], table["art"], table["merkmal"], strict=True)
    position: dict[Slice, dict[str, int]] = defaultdict(dict)
    for row, (gebiet, jahr, szenario, art, merkmal) in enumerate(keys):
        position[(str(gebiet), int(jahr), str(szenario), str(art))][str(merkmal)] = row
    sums = {TOTAL_KEY: list(range(len(labels))), **members}
    equations = []
    for where, rows in position.items():
        for key, indices in sums.items():
            parts = [rows[labels[i]] for i in indices if labels[i] in rows]
            if key in rows and len(parts) == len(indices):
                equations.append(Equation(rows[key], tuple(parts), f"{key} {where}"))
    children: dict[Slice, list[Slice]] = defaultdict(list)
    for where in position:
        gebiet = where[0]
        if gebiet == city_id:
            continue
        parent = parent_of.get(gebiet) or city_id
        children[(parent, *where[1:])].append(where)
    for parent, kids in children.items():
        if parent not in position:
            continue
        for merkmal, total in position[parent].items():
            parts = [position[kid].get(merkmal) for kid in kids]
            if all(p is not None for p in parts):
                equations.append(Equation(total, tuple(int(p) for p in parts), f"{merkmal} {parent}"))
    return equations


def withhold_projection_table(
    table: pd.DataFrame, projection: Projection, min_fallzahl: int, min_einwohner: int
) -> pd.DataFrame:
    """``withhold_table`` with the groups, derived groups and areas of ``projection``."""
    groups = projection.data.groups
    members = derived_members(groups, projection.config.gruppen)
    return withhold_table(table, min_fallzahl, min_einwohner, members, groups.labels(), projection.parent_of)
