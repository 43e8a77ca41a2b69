"""Area levels (e.g. Bezirk → Gemeindeteil): parents and children of an area."""

from __future__ import annotations

import pandas as pd


def family(bundle, gebiet_id: str) -> tuple[tuple[str, str] | None, list[tuple[str, str]]]:  # noqa: ANN001
    """(parent id and name or None, [(child id, name) …]) of an area, across all levels."""
    frames = [areas for areas, _ in bundle.levels.values()] or [bundle.areas]
    every = pd.concat(frames, ignore_index=True)
    names = dict(zip(every["gebiet_id"], every["name"], strict=True))
    parents = dict(zip(every["gebiet_id"], every["uebergeordnet"].fillna("").astype(str), strict=True))
    parent_id = parents.get(gebiet_id, "")
    parent = (parent_id, names[parent_id]) if parent_id in names else None
    children = sorted(((g, names[g]) for g, p in parents.items() if p == gebiet_id), key=lambda item: item[1])
    return parent, children
