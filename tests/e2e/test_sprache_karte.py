"""Issue 22, the Karte in the browser in Leichte Sprache, English, Ukrainian and Arabic, outside requests
blocked: the checks of every translated page (`check_page`: `<html lang dir>`, no German interface text outside
elements marked German, axe-core without serious or critical findings), the map's legend and sentence in the
language; Arabic on a phone without sideways scrolling."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.conftest import screenshot
from tests.e2e.test_languages import SLOW_MS, check_page, check_phone, no_sideways_scroll, public_server  # noqa: F401 - fixture

# per language: a word of the table heading, of the legend's unit line and of the sentence
EXPECTED = {
    "en": ("Table", "in\u00a0%", "The map shows"),
    "uk": ("Таблиця", "одиниця: %", "Карта показує"),
    "ar": ("الجدول", "الوحدة: %", "تعرض الخريطة"),
    "ls": ("Tabelle", "in\u00a0%", "Die Karte zeigt die Kennzahl"),
}


def _legend(page: Page) -> str:
    legend = page.locator(".sr-legend").first
    legend.wait_for(state="visible", timeout=SLOW_MS)
    return legend.inner_text()


def test_karte_in_every_language(page: Page, public_server: str) -> None:  # noqa: F811
    for code, (table_word, unit_line, sentence) in EXPECTED.items():
        check_page(page, f"{public_server}/Karte?sprache={code}", code, shot=f"karte_{code}_1366")
        assert page.get_by_role("heading", name=table_word).first.is_visible(), code
        assert unit_line in _legend(page), code
        assert page.get_by_text(sentence).first.is_visible(), code
        assert page.locator(".sr-legend").get_attribute("aria-label") != "Legende" or code == "ls"
        page.get_by_text(sentence).first.scroll_into_view_if_needed()
        screenshot(page, f"karte_{code}_1366_satz", full_page=False)  # the sentence beside the table


def test_karte_arabic_on_a_phone(page: Page, public_server: str) -> None:  # noqa: F811
    check_phone(page, f"{public_server}/Karte?sprache=ar")
    assert "الوحدة: %" in _legend(page)
    assert no_sideways_scroll(page)  # again with the map drawn
    screenshot(page, "karte_ar_390", full_page=True)
