"""AppTest: the Karte and Steckbrief tables show all their rows (no inner scroll hiding the last ones)
and the Steckbrief's rank column is wide enough for "10.811 von 11.000"."""

from __future__ import annotations

import pytest
import streamlit as st

from components.streamlit_internals import forget_elements
from tests.app.test_pages import run_page


@pytest.fixture
def tables(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every `st.dataframe` call of the page run: its row count and keyword arguments."""
    calls: list[dict] = []
    original = st.dataframe
    forget_elements()  # a table another test already built would be sent again without calling st.dataframe

    def recording(data=None, *args, **kwargs):
        frame = getattr(data, "data", data)  # a Styler carries its frame in .data
        calls.append({"rows": len(frame) if frame is not None else 0, **kwargs})
        return original(data, *args, **kwargs)

    monkeypatch.setattr(st, "dataframe", recording)
    return calls


@pytest.mark.parametrize(("page", "params"), [("pages/1_Karte.py", {}), ("pages/5_Steckbrief.py", {"gebiet": "01"})])
def test_tables_show_all_their_rows(tables: list[dict], page: str, params: dict[str, str]) -> None:
    at = run_page(page, **params)
    assert not at.exception
    long = [t for t in tables if t["rows"] > 10]  # more rows than Streamlit's default height shows
    assert long, [t["rows"] for t in tables]
    # header and every row at 35 px each (plus borders): nothing left for an inner scroll
    sizes = [(t["rows"], t.get("height"), t.get("row_height")) for t in long]
    assert all(height == (rows + 1) * 35 + 5 and row == 35 for rows, height, row in sizes), sizes


def test_steckbrief_rank_column_fits_five_digit_ranks(tables: list[dict]) -> None:
    run_page("pages/5_Steckbrief.py", gebiet="01")
    profile = next(t for t in tables if "rang" in (t.get("column_config") or {}))
    width = profile["column_config"]["rang"]["width"]
    # "10.811 von 11.000": 17 characters at about 7.5 px plus 16 px cell padding
    assert isinstance(width, int) and width >= 17 * 7.5 + 16
