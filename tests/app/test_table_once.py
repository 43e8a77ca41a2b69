"""A table is built once per content and sent again as it is (components.views.show_table, element_once)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import components.views as views

# The page counts how often the table is built (german_table makes the Styler that Streamlit marshals).
_PAGE = """
import pandas as pd
import streamlit as st

import components.views as views

st.session_state.setdefault("gebaut", [])
if not hasattr(views, "_uncounted"):  # put back by the fixture `counting`
    views._uncounted = views.german_table

    def counting(*args, **kwargs):
        st.session_state.setdefault("gebaut", []).append(1)
        return views._uncounted(*args, **kwargs)

    views.german_table = counting
frame = pd.DataFrame(
    {"name": [st.session_state["name"], "Zwei"], "wert": [st.session_state["wert"], None], "gesperrt": [False, True]}
)
views.show_table(frame[["name", "wert"]], {"wert": 1}, frame["gesperrt"], hide_index=True, row_height=35)
"""


def _app(tmp_path: Path, wert: float) -> AppTest:
    page = tmp_path / "tabelle.py"
    page.write_text(_PAGE, "utf-8")
    at = AppTest.from_file(str(page), default_timeout=120)
    at.session_state["name"] = f"Gebiet {uuid.uuid4().hex[:8]}"  # a content no other test has kept
    at.session_state["wert"] = wert
    return at


@pytest.fixture(autouse=True)
def counting() -> Iterator[None]:
    yield
    if hasattr(views, "_uncounted"):
        views.german_table = views._uncounted
        del views._uncounted


def test_same_table_is_sent_again_without_being_built(tmp_path: Path) -> None:
    at = _app(tmp_path, 1234.5).run()
    assert not at.exception, at.exception
    first = at.dataframe[0].proto.SerializeToString()
    at.run()
    assert not at.exception, at.exception
    assert len(at.session_state["gebaut"]) == 1  # the second run sent the kept element
    assert at.dataframe[0].proto.SerializeToString() == first  # the very same element, with its row height
    assert at.dataframe[0].proto.row_height == 35
    # the key to "." stays above the table on every run
    assert [c.value.startswith("„.“") for c in at.caption] == [True]


def test_other_content_builds_its_own_table(tmp_path: Path) -> None:
    at = _app(tmp_path, 1234.5).run()
    at.session_state["wert"] = 99.4
    at.run()
    assert not at.exception, at.exception
    assert len(at.session_state["gebaut"]) == 2
    shown = at.dataframe[0].proto.arrow_data.styler.display_values
    assert b"99,4" in shown and b"1.234,5" not in shown  # German format of the new value
