"""The projection of a loaded data folder after withholding (shared by the app and the Sozialbericht)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..loader import Bundle
from ..report import Report
from .run import Projection, long_table, observed_table, projection_for_folder
from .withholding import withhold_projection_table


def bundle_parents(bundle: Bundle) -> dict[str, str]:
    """Area → parent area over every level of the bundle."""
    parents: dict[str, str] = {}
    for areas, _ in bundle.levels.values() or [(bundle.areas, None)]:
        if "uebergeordnet" in areas.columns:
            parents |= {a: p for a, p in zip(areas["gebiet_id"], areas["uebergeordnet"], strict=True) if p}
    return parents


def withheld_projection(
    folder: Path, parents: dict[str, str], min_fallzahl: int, min_einwohner: int
) -> tuple[Projection, pd.DataFrame] | None:
    """Projection of ``folder`` and its observed + projected table after withholding; None without one."""
    projection = projection_for_folder(folder, parents, Report())
    if projection is None:
        return None
    table = pd.concat([observed_table(projection), long_table(projection)], ignore_index=True)
    return projection, withhold_projection_table(table, projection, min_fallzahl, min_einwohner)
