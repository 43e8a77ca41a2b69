"""Issue 22 in the browser for Entwicklung and Bevölkerungsprognose: each page in Leichte Sprache, English,
Ukrainian and Arabic with outside requests blocked (the `page` fixture) – `<html lang dir>`, no German text of
the catalogues left outside elements marked German, the generated sentence in the language, axe-core without
serious or critical findings; screenshots in Arabic (desktop and phone) and Leichte Sprache to look at."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from sozialraum import auth
from tests.e2e.conftest import goto_app, screenshot, wait_until_settled
from tests.e2e.test_a11y import blocking, run_axe
from tests.e2e.test_languages import LANGUAGES, SCAN, SLOW_MS, german_left

# a word of each page's generated sentence per language (trend: "Werte 2024: …"; projection: „Prognose, …“)
TREND_WORDS = {"ls": "Die Werte im Jahr", "en": "Values ", "uk": "Значення ", "ar": "القيم في"}
PROJECTION_WORDS = {"ls": "Vorhersage für den Weg", "en": "Projection, scenario", "uk": "Прогноз, сценарій",
                    "ar": "التوقعات، السيناريو"}  # fmt: skip


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


def _check_language(page: Page, url: str, code: str, words: str) -> None:
    goto_app(page, url, timeout_ms=SLOW_MS)
    wait_until_settled(page)
    lang, direction = LANGUAGES[code]
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [lang, direction]
    text = page.evaluate(SCAN)
    assert words in text, f"{url}: Satz nicht in {code}"
    if code != "ls":  # Leichte Sprache is German: its words may be the same as the German ones
        left = german_left(text, code, page.title().rsplit(" · ", 1)[-1])  # whole words, the service's name aside
        assert not left, f"{url}: deutsch geblieben: {left}"
    assert "Diese Seite gibt es bisher nur auf Deutsch" not in page.locator("body").inner_text()
    problems = blocking(run_axe(page))
    assert not problems, f"{url}\n" + "\n".join(problems)


def test_entwicklung_in_every_language(page: Page, public_server: str) -> None:
    for code in LANGUAGES:
        _check_language(page, f"{public_server}/Entwicklung?sprache={code}", code, TREND_WORDS[code])
        if code in ("ar", "ls"):
            screenshot(page, f"sprache_entwicklung_{code}_1366")
    page.set_viewport_size({"width": 390, "height": 844})
    goto_app(page, f"{public_server}/Entwicklung?sprache=ar", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "sprache_entwicklung_ar_390")


def test_bevoelkerungsprognose_in_every_language(page: Page, public_server: str) -> None:
    for code in LANGUAGES:
        _check_language(page, f"{public_server}/Bevoelkerungsprognose?sprache={code}", code, PROJECTION_WORDS[code])
        if code in ("ar", "ls"):
            screenshot(page, f"sprache_prognose_{code}_1366")
    page.set_viewport_size({"width": 390, "height": 844})
    goto_app(page, f"{public_server}/Bevoelkerungsprognose?sprache=ar", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "sprache_prognose_ar_390")
