"""The data grid (`st.dataframe`) in the page's reading direction.

HTML tables mirror by themselves under `dir="rtl"`; Streamlit's data grid draws on a canvas and keeps its
columns left to right. In a right-to-left language `data_grid` reverses the column order on screen, so the
first column (the area's name) stands at the right edge where the reader starts. Only the display changes
(`column_order`): the data, its sorting and the downloads keep their order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st

from .sprache import current


def mirrored_order(columns: Iterable[object], column_order: Iterable[object] | None = None) -> list[str]:
    """The shown columns right to left: `column_order` (or all columns) reversed."""
    shown = list(column_order) if column_order is not None else list(columns)
    return [str(c) for c in reversed(shown)]


def _columns(data: object) -> list[object]:
    frame = getattr(data, "data", data)  # a pandas Styler carries its frame in `.data`
    return list(frame.columns) if isinstance(frame, pd.DataFrame) else []


def _unpinned(config: dict[Any, Any] | None) -> dict[Any, Any] | None:
    """Pinned columns stick to the left edge of the grid: in right to left nothing is pinned, or the name
    column would stand on the left again."""
    if not config:
        return config
    return {k: ({**v, "pinned": False} if isinstance(v, dict) and v.get("pinned") else v) for k, v in config.items()}


def data_grid(data: object, **options: Any) -> Any:
    """`st.dataframe(data, **options)`, with the columns mirrored in a right-to-left language."""
    if current().direction == "rtl" and _columns(data):
        options["column_order"] = mirrored_order(_columns(data), options.get("column_order"))
        options["column_config"] = _unpinned(options.get("column_config"))
    return st.dataframe(data, **options)
