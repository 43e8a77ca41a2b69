"""Derived figures of a projection: groups such as 65+, 80+ or Kita age, and people in need of care.

A derived group is only given where it is an exact union of the data's age groups (80+ cannot be
read from Berlin's open "65 und älter"). The care estimate needs every age group to lie inside one
band of the care rates; otherwise it is left out rather than guessed.
"""

from __future__ import annotations

import numpy as np

from .agegroups import AgeGroups
from .config import DerivedGroup

CARE_KEY = "pflegebeduerftige"
CARE_NAME = "Geschätzte Pflegebedürftige (Pflegequoten × Personen je Altersgruppe)"


def derived_members(groups: AgeGroups, derived: tuple[DerivedGroup, ...]) -> dict[str, list[int]]:
    """Key → indices of the data groups that make it up; groups that cut a data group are left out."""
    found = {}
    for group in derived:
        members = groups.members(group.von, group.bis)
        if members is not None:
            found[group.key] = members
    return found


def care_rates(groups: AgeGroups, rates: tuple[tuple[int, int | None, float], ...]) -> np.ndarray | None:
    """Care rate (share, not percent) per data group; None if a group spans two rate bands."""
    bands = [(von, bis) for von, bis, _ in rates]
    shares = []
    for i in range(len(groups)):
        band = groups.containing_band(i, bands)
        if band is None:
            return None
        shares.append(rates[band][2] / 100.0)
    return np.array(shares)
