"""Issue 18, item 13: the Karte table says on the page what rank 1 means (before: only in a tooltip)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.mapview import rank_note
from tests.app.test_pages import bundled, run_page  # noqa: F401  (fixture)


@pytest.mark.parametrize(
    ("polarity", "change", "expected"),
    [
        ("hoeher_schlechter", False, "Rang 1 = günstigster Wert, hier der niedrigste Wert"),
        ("hoeher_schlechter", True, "Rang 1 = günstigste Veränderung, hier der stärkste Rückgang"),
        ("hoeher_besser", False, "Rang 1 = günstigster Wert, hier der höchste Wert"),
        ("hoeher_besser", True, "Rang 1 = günstigste Veränderung, hier der stärkste Anstieg"),
        ("neutral", False, "Rang 1 = der höchste Wert; der Indikator ist neutral"),
    ],
)
def test_rank_note_follows_the_ranking(polarity: str, change: bool, expected: str) -> None:
    assert rank_note(polarity, change).startswith(expected)


def test_karte_table_explains_the_rank_on_the_page(bundled: Path) -> None:  # noqa: F811
    at = run_page("pages/1_Karte.py")
    assert not at.exception, at.exception
    captions = [c.value for c in at.main.caption]
    # SGB-II-Quote: higher is worse, rank 1 is the lowest rate
    assert "Rang 1 = günstigster Wert, hier der niedrigste Wert (höhere Werte sind ungünstiger)." in captions
