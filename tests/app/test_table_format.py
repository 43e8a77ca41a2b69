"""German number display in tables: thousands points, decimal comma, the real minus sign."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.io.formats.style import Styler
from streamlit.elements.lib.pandas_styler_utils import _use_display_values

from components.streamlit_internals import display_styler
from components.views import german_table
from sozialraum.fastmap import style_payload
from sozialraum.formatting import MINUS, format_number


def test_table_cells_use_the_minus_sign_and_german_separators() -> None:
    html = german_table(pd.DataFrame({"wert": [-1.5, 1234.5]}), {"wert": 1}).to_html()
    assert "\u22121,5" in html and "1.234,5" in html and "-1,5" not in html


def test_map_tooltip_values_use_the_minus_sign() -> None:
    table = pd.DataFrame(
        {"gebiet_id": ["01"], "wert": [-0.77], "rang": [1], "anzahl": [1], "differenz": [-0.5], "anmerkung": [None]}
    )
    meta = {"einheit": "Indexwert (z)", "dezimalstellen": 2, "datenstand": "31.12.2024"}
    payload = style_payload(table, {"01": "#fff"}, meta, "Sozialindex", "")
    assert payload["werte"]["01"][0] == "\u22120,77\u00a0Indexwert (z)"


def _karte_like(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    wert = pd.array(rng.normal(20, 15, n).round(3), dtype="Float64")
    wert[::5] = pd.NA
    return pd.DataFrame(
        {
            "name": [f"Gebiet {i}" for i in range(n)],
            "wert": wert,
            "differenz": np.where(np.arange(n) % 7 == 0, np.nan, rng.normal(0, 9, n)),
            "rang": pd.array([None if i % 5 == 0 else i for i in range(n)], dtype="Int64"),
            "anzahl": np.arange(n),
            "anteil": rng.random(n),
            "gesperrt": np.arange(n) % 2 == 0,
            "anmerkung": [None if i % 3 else "Geheimhaltung: Fallzahl unter 3" for i in range(n)],
        }
    )


@pytest.mark.parametrize("sign", ["–", "."])
def test_display_values_equal_those_of_pandas_own_renderer(sign: str) -> None:
    """What st.dataframe shows (Streamlit's display values) from the fast Styler equals the full render."""
    frame = _karte_like(60)
    text = {"name": frame["name"], "anmerkung": frame["anmerkung"].fillna("")}
    frame = frame.assign(**text)
    formats = {"wert": lambda v: format_number(v, 1, MINUS), "differenz": lambda v: format_number(v, 2, MINUS)}
    fast = display_styler(frame, formats, sign).set_uuid("t")
    full = Styler(frame, uuid="t").format(formats, na_rep=sign)
    assert type(fast) is Styler  # Streamlit recognises a Styler by its exact type
    shown = _use_display_values(frame, fast._translate(False, False))
    expected = _use_display_values(frame, full._translate(False, False))
    pd.testing.assert_frame_equal(shown, expected)
    assert shown.loc[0, "wert"] == sign and shown.loc[0, "rang"] == sign  # gaps show the sign, not "<NA>"
    assert fast.to_html() == full.to_html()  # pandas' renderers still get the whole tree


def test_display_styler_skips_only_gapless_text_columns() -> None:
    frame = pd.DataFrame({"name": ["a", "b"], "notiz": ["x", None], "wert": [1.25, None]})
    body = display_styler(frame, {"wert": lambda v: format_number(v, 1)}, "–")._translate(False, False)
    cells = {cell["id"]: cell["display_value"] for column in body["body"] for cell in column}
    assert cells == {"row0_col1": "x", "row1_col1": "–", "row0_col2": "1,2", "row1_col2": "–"}


def test_ranks_get_the_thousands_point_and_gaps_the_sign() -> None:
    frame = pd.DataFrame({"rang": pd.array([10811, 3, None], dtype="Int64")})
    shown = _use_display_values(frame, german_table(frame, {"rang": 0})._translate(False, False))
    assert shown["rang"].tolist() == ["10.811", "3", "–"]
