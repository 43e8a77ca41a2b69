"""German number formats in `st.dataframe` at the cost of the formatting alone.

`st.dataframe` shows a pandas Styler's display values (the grid still sorts by the numbers), but it
reads them through `Styler._translate`: pandas' whole HTML render tree, one dict with classes and
attributes per cell. At 11,000 areas that tree cost about half a second of every Karte run, more
than everything else on the page together (docs/leistung.md). `display_styler` gives Streamlit only
what it reads: the display value of each cell that is not already its own text. pandas' renderers
(`to_html`, `to_latex`, `to_string`) still get the whole tree.

It relies on private parts of two pinned libraries: Streamlit reads `_translate()["body"]` cells
with `id` "row<r>_col<c>" and `display_value`; pandas keeps each cell's formatter in
`_display_funcs` and renders through `_render`. The Styler stays a plain `Styler`, because Streamlit
recognises it by its exact type name. `tests/app/test_table_format.py` compares the result with
pandas' own render tree, so an upgrade that changes any of this fails there.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from pandas.io.formats.style import Styler


def display_styler(frame: pd.DataFrame, formats: dict[str, Callable], na_rep: str) -> Styler:
    """`frame.style.format(formats, na_rep=na_rep)` that Streamlit reads without pandas' render tree."""
    styler = frame.style.format(formats, na_rep=na_rep)
    full_translate, full_render = styler._translate, styler._render
    rendering = []  # non-empty while one of pandas' own renderers runs

    def translate(*args: object, **kwargs: object) -> dict:
        return full_translate(*args, **kwargs) if rendering else {"body": _display_values(styler)}

    def render(*args: object, **kwargs: object) -> str:
        rendering.append(True)
        try:
            return full_render(*args, **kwargs)
        finally:
            rendering.pop()

    styler._translate, styler._render = translate, render
    return styler


def _display_values(styler: Styler) -> list[list[dict]]:
    """The cells Streamlit needs, one list per column; gapless text columns are left out."""
    body = []
    data = styler.data
    for c in range(data.shape[1] if len(data) else 0):
        column = data.iloc[:, c]
        if _is_text(column):
            continue  # Streamlit starts from every cell's own text: nothing to send
        func = styler._display_funcs[(0, c)]  # `format` gives every row of a column the same formatter
        body.append([{"id": f"row{r}_col{c}", "display_value": func(v)} for r, v in enumerate(column.tolist())])
    return body


def _is_text(column: pd.Series) -> bool:
    """Text without gaps: its display value is the text itself."""
    text = column.dtype == object or pd.api.types.is_string_dtype(column)
    return bool(text and column.map(lambda v: isinstance(v, str)).all())
