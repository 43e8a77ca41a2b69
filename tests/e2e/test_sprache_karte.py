"""Issue 22, the Karte in the browser in Leichte Sprache, English, Ukrainian and Arabic, outside requests
blocked: `<html lang dir>`, no German interface text outside elements marked German, the map's legend and
sentence in the language, axe-core without serious or critical findings; Arabic on a phone without
sideways scrolling."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from sozialraum import auth
from tests.e2e.conftest import goto_app, screenshot, wait_until_settled
from tests.e2e.test_a11y import blocking, run_axe
from tests.e2e.test_languages import LANGUAGES, SCAN, SLOW_MS, german_left

# per language: a word of the table heading, of the legend's unit line and of the sentence
EXPECTED = {
    "en": ("Table", "in\u00a0%", "The map shows"),
    "uk": ("Таблиця", "одиниця: %", "Карта показує"),
    "ar": ("الجدول", "الوحدة: %", "تعرض الخريطة"),
    "ls": ("Tabelle", "in\u00a0%", "Die Karte zeigt die Kennzahl"),
}


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


def _legend(page: Page) -> str:
    legend = page.locator(".sr-legend").first
    legend.wait_for(state="visible", timeout=SLOW_MS)
    return legend.inner_text()


def test_karte_in_every_language(page: Page, public_server: str) -> None:
    for code, (table_word, unit_line, sentence) in EXPECTED.items():
        goto_app(page, f"{public_server}/Karte?sprache={code}", timeout_ms=SLOW_MS)
        wait_until_settled(page)
        lang, direction = LANGUAGES[code]
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [lang, direction]
        assert page.get_by_role("heading", name=table_word).first.is_visible(), code
        assert unit_line in _legend(page), code
        assert page.get_by_text(sentence).first.is_visible(), code
        assert page.locator(".sr-legend").get_attribute("aria-label") != "Legende" or code == "ls"
        text = page.evaluate(SCAN)
        if code != "ls":  # Leichte Sprache is German: its words may be the same as the German ones
            left = german_left(text, code, page.title().rsplit(" · ", 1)[-1])
            where = [text[max(0, text.find(t) - 60) : text.find(t) + 60] for t in left]
            assert not left, f"Karte {code}: deutsch geblieben: {left} in {where}"
        problems = blocking(run_axe(page))
        assert not problems, f"{code}: " + "\n".join(problems)
        screenshot(page, f"karte_{code}_1366", full_page=True)
        page.get_by_text(sentence).first.scroll_into_view_if_needed()
        screenshot(page, f"karte_{code}_1366_satz", full_page=False)  # the sentence beside the table


def test_karte_arabic_on_a_phone(page: Page, public_server: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    goto_app(page, f"{public_server}/Karte?sprache=ar", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    assert "الوحدة: %" in _legend(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "karte_ar_390", full_page=True)
