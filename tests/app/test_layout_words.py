"""AppTest: no text assumes a layout ("links") – on a phone the choices are not on the left."""

from __future__ import annotations

import re

import pytest

from tests.app.test_pages import run_page

LAYOUT_WORDS = re.compile(r"\b(links|rechts) (gewählt|in der Auswahl)|(einstellbar|oder|hier,) links\b|– links\b")


@pytest.mark.parametrize("page", ["pages/5_Steckbrief.py", "pages/6_Massnahme.py", "pages/8_Vergleich.py"])
def test_no_text_assumes_the_choices_sit_on_the_left(page: str) -> None:
    at = run_page(page)
    texts = [e.value for kind in ("markdown", "info", "caption") for e in getattr(at, kind)]
    texts += [getattr(e, "help", None) or "" for e in at.get("metric")]
    found = [t for t in texts if isinstance(t, str) and LAYOUT_WORDS.search(t)]
    assert not found, found
