"""Issue 22 in the browser: the Fortschrittsbericht in Leichte Sprache, English, Ukrainian and Arabic with outside
requests blocked – `<html lang dir>`, no German interface text outside elements marked German, axe-core without
serious or critical findings – on a desktop and (Arabic) a phone. The checks are the Sozialplan's (`_check`)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.test_languages import LANGUAGES, public_server  # noqa: F401 - fixture
from tests.e2e.test_sprache_sozialplan import _check


def test_fortschrittsbericht_in_every_language(page: Page, public_server: str) -> None:  # noqa: F811
    problems = []
    for code in LANGUAGES:
        url = f"{public_server}/Fortschrittsbericht?sprache={code}&hf=2"
        problems += _check(page, url, code, f"fortschritt_{code}_1366")
    assert not problems, "\n".join(problems)


def test_fortschrittsbericht_arabic_phone(page: Page, public_server: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    problems = _check(page, f"{public_server}/Fortschrittsbericht?sprache=ar", "ar", "fortschritt_ar_390")
    assert not problems, "\n".join(problems)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
