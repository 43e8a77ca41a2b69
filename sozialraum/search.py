"""Find areas by a part of their name or id, for pickers of very many areas (all German municipalities)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .loader import Bundle


def area_names(bundle: Bundle, all_levels: bool = False) -> dict[str, str]:
    """Area id → display name; with `all_levels`, areas of other levels carry their level in brackets."""
    names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
    if all_levels:
        for level, (areas, _) in bundle.levels.items():
            if level != bundle.main_level:
                names.update({g: f"{n} ({level})" for g, n in zip(areas["gebiet_id"], areas["name"], strict=True)})
    return names


def picker_order(bundle: Bundle, all_levels: bool = False) -> tuple[dict[str, str], tuple[str, ...]]:
    """Names (as `area_names`) and the ids in a picker's order: the areas of the bundle's level by name,
    then those of other levels by name."""
    names = area_names(bundle, all_levels)
    main = set(bundle.areas["gebiet_id"])
    return names, tuple(sorted(names, key=lambda g: (g not in main, names[g])))


def find_areas(names: Mapping[str, str], ordered: Sequence[str], query: str, limit: int) -> tuple[list[str], int]:
    """The first `limit` ids of `ordered` whose name or id contains `query` (case-insensitive), and how
    many matched in all. An empty query matches every area."""
    needle = query.strip().casefold()
    if not needle:
        return list(ordered[:limit]), len(ordered)
    hits = [g for g in ordered if needle in names.get(g, "").casefold() or needle in g.casefold()]
    return list(hits[:limit]), len(hits)
