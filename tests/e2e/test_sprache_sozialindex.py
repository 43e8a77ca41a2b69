"""Issue 22 in the browser for the Sozialindex page: in every language `<html lang dir>`, no German interface
text left outside elements marked German, the summary sentence in the page language, axe-core without serious
or critical findings; outside requests are blocked (the `page` fixture fails the test on any)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from sozialraum import auth
from tests.e2e.conftest import goto_app, screenshot, wait_until_settled
from tests.e2e.test_a11y import blocking, run_axe
from tests.e2e.test_languages import LANGUAGES, SCAN, SLOW_MS, german_left

# the start of the page's status sentence in each language (sozialraum/sozialindex/text.py templates)
SUMMARY = {
    "en": "Areas with status “",
    "uk": "Районів зі статусом «",
    "ar": "المناطق ذات الوضع «",
    "ls": " Gebieten hat den Status „",  # 1 area in the bundled data
}
HEADINGS = {"en": "Settings", "uk": "Налаштування", "ar": "الإعدادات", "ls": "Einstellungen"}


def _context(text: str, words: list[str]) -> list[str]:
    """Each German word with the text around it, to find where it comes from."""
    return [text[max(0, text.find(w) - 60) : text.find(w) + 60].replace("\n", " | ") for w in words]


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


def test_sozialindex_in_every_language(page: Page, public_server: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    for code, (lang, direction) in LANGUAGES.items():
        goto_app(page, f"{public_server}/Sozialindex?sprache={code}", timeout_ms=SLOW_MS)
        wait_until_settled(page)
        page.get_by_role("heading", name=HEADINGS[code]).wait_for(timeout=SLOW_MS)
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [lang, direction]
        text = page.evaluate(SCAN)
        assert SUMMARY[code] in text, f"{code}: Satz zum Status fehlt"
        if code != "ls":  # Leichte Sprache is German: its words may be the same as the German ones
            # as whole words: the German "negativ" is part of the English "negative"
            left = german_left(text, code, page.title().rsplit(" · ", 1)[-1])
            assert not left, f"{code}: deutsch geblieben: {_context(text, left)}"
        problems = blocking(run_axe(page))
        assert not problems, f"{code}:\n" + "\n".join(problems)
        screenshot(page, f"sozialindex_{code}_1366", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    goto_app(page, f"{public_server}/Sozialindex?sprache=ar", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    screenshot(page, "sozialindex_ar_390", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
