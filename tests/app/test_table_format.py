"""German number display in tables: thousands points, decimal comma, the real minus sign."""

from __future__ import annotations

import pandas as pd

from components.views import german_table
from sozialraum.fastmap import style_payload


def test_table_cells_use_the_minus_sign_and_german_separators() -> None:
    html = german_table(pd.DataFrame({"wert": [-1.5, 1234.5]}), {"wert": 1}).to_html()
    assert "\u22121,5" in html and "1.234,5" in html and "-1,5" not in html


def test_map_tooltip_values_use_the_minus_sign() -> None:
    table = pd.DataFrame(
        {"gebiet_id": ["01"], "wert": [-0.77], "rang": [1], "anzahl": [1], "differenz": [-0.5], "anmerkung": [None]}
    )
    meta = {"einheit": "Indexwert (z)", "dezimalstellen": 2, "datenstand": "31.12.2024"}
    payload = style_payload(table, {"01": "#fff"}, meta, "Sozialindex", "")
    assert payload["werte"]["01"][0] == "\u22120,77 Indexwert (z)"
