"""AppTest: each public page's main choice sits on the page itself, not only in the sidebar – on a phone
the sidebar is hidden behind a small "»"."""

from __future__ import annotations

import pytest

from tests.app.test_pages import run_page

MAIN_CHOICES = [
    ("pages/1_Karte.py", "Indikator", {}),
    ("pages/2_Entwicklung.py", "Indikator", {}),
    ("pages/5_Steckbrief.py", "Sozialraum", {}),
    ("pages/5_Steckbrief.py", "Sozialraum", {"gebiet": "01"}),
]


@pytest.mark.parametrize(("page", "label", "params"), MAIN_CHOICES)
def test_the_main_choice_is_on_the_page(page: str, label: str, params: dict[str, str]) -> None:
    at = run_page(page, **params)
    on_page = [s for s in at.main.selectbox if s.label == label]
    in_sidebar = [s for s in at.sidebar.selectbox if s.label == label]
    assert len(on_page) == 1, [s.label for s in at.main.selectbox]
    assert not in_sidebar  # one widget, moved – not a second copy
