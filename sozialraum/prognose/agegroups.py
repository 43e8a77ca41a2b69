"""Age groups of unequal width and the one-year ageing step between them.

Groups are given by their lower bounds (``0, 6, 15, …``); each ends where the next begins and the
last is open (``65 und älter``). Within a group people are assumed evenly spread over the single
years of age, so in one year a share of ``1 / Breite`` moves up into the next group. This is the
usual pro-rata assumption when only grouped counts exist (Berlin publishes under 6, 6–15, …).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class AgeGroups:
    """Contiguous age groups from 0; ``lower[i]`` to ``lower[i + 1]`` (exclusive), the last open."""

    lower: tuple[int, ...]

    def __post_init__(self) -> None:
        if not self.lower or self.lower[0] != 0:
            raise ValueError("age groups must start at 0")
        if any(b <= a for a, b in zip(self.lower, self.lower[1:], strict=False)):
            raise ValueError("age group bounds must increase")

    def __len__(self) -> int:
        return len(self.lower)

    def upper(self, i: int) -> int | None:
        """Exclusive upper bound of group ``i``; None for the open last group."""
        return self.lower[i + 1] if i + 1 < len(self.lower) else None

    def width(self, i: int) -> int | None:
        up = self.upper(i)
        return None if up is None else up - self.lower[i]

    def label(self, i: int) -> str:
        """German label: ``6 bis unter 15``, ``unter 6``, ``65 und älter``."""
        return age_label(self.lower[i], self.upper(i))

    def labels(self) -> list[str]:
        return [self.label(i) for i in range(len(self))]

    def index_of(self, von: int, bis: int | None) -> int | None:
        """Index of the group with exactly these bounds, else None."""
        for i in range(len(self)):
            if self.lower[i] == von and self.upper(i) == bis:
                return i
        return None

    def members(self, von: int, bis: int | None) -> list[int] | None:
        """Indices of the groups that make up exactly the range [von, bis); None if it cuts a group."""
        if von not in self.lower:
            return None
        start = self.lower.index(von)
        if bis is None:
            return list(range(start, len(self)))
        if bis not in self.lower[start + 1 :]:
            return None
        return list(range(start, self.lower.index(bis)))

    def containing_band(self, i: int, bands: list[tuple[int, int | None]]) -> int | None:
        """Index of the band that contains group ``i`` completely, else None."""
        low, up = self.lower[i], self.upper(i)
        for b, (von, bis) in enumerate(bands):
            if low >= von and (bis is None or (up is not None and up <= bis)):
                return b
        return None

    def overlap_share(self, von: int, bis: int | None) -> np.ndarray:
        """Share of each group inside [von, bis) under the even-spread assumption (open group: 0 or 1)."""
        shares = np.zeros(len(self))
        for i in range(len(self)):
            low, up = self.lower[i], self.upper(i)
            if up is None:
                shares[i] = 1.0 if bis is None or von <= low < bis else 0.0
                continue
            top = up if bis is None else min(up, bis)
            shares[i] = max(0, top - max(low, von)) / (up - low)
        return shares


def age_label(von: int, bis: int | None) -> str:
    if bis is None:
        return f"{von} und älter"
    if von == 0:
        return f"unter {bis}"
    return f"{von} bis unter {bis}"


def age_one_year(pop: np.ndarray, groups: AgeGroups, years: float = 1.0) -> np.ndarray:
    """Everyone ``years`` older (1 or a half year), without deaths, moves or births (last axis = groups).

    Group 0 keeps only those who stay inside it; its newborns are added by the method.
    """
    out = np.zeros_like(pop, dtype=float)
    last = len(groups) - 1
    for i in range(len(groups)):
        width = groups.width(i)
        leaving = 0.0 if width is None else min(years / width, 1.0)
        out[..., i] += pop[..., i] * (1.0 - leaving)
        if i < last:
            out[..., i + 1] += pop[..., i] * leaving
    return out
