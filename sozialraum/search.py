"""Find areas by a part of their name or id, for pickers of very many areas (all German municipalities)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def find_areas(names: Mapping[str, str], ordered: Sequence[str], query: str, limit: int) -> tuple[list[str], int]:
    """The first `limit` ids of `ordered` whose name or id contains `query` (case-insensitive), and how
    many matched in all. An empty query matches every area."""
    needle = query.strip().casefold()
    if not needle:
        return list(ordered[:limit]), len(ordered)
    hits = [g for g in ordered if needle in names.get(g, "").casefold() or needle in g.casefold()]
    return list(hits[:limit]), len(hits)
