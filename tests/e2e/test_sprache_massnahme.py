"""Issue 22 in the browser: the Fortschrittsbericht and the Maßnahme page in Leichte Sprache, English, Ukrainian
and Arabic with outside requests blocked – `<html lang dir>`, no German interface text outside elements marked
German, axe-core without serious or critical findings – on a desktop and (Arabic) a phone (checks: `_check`)."""

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


def test_massnahme_in_every_language(page: Page, public_server: str) -> None:  # noqa: F811
    problems = []
    for code in LANGUAGES:  # 2.1.2: status history, target indicator, two areas
        problems += _check(page, f"{public_server}/Massnahme?sprache={code}&massnahme=2.1.2", code, f"massnahme_{code}")
    problems += _check(page, f"{public_server}/Massnahme?sprache=en", "en", "massnahme_auswahl_en")  # the chooser
    assert not problems, "\n".join(problems)


def test_massnahme_arabic_phone(page: Page, public_server: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    problems = _check(page, f"{public_server}/Massnahme?sprache=ar&massnahme=1.1.1", "ar", "massnahme_ar_390")
    assert not problems, "\n".join(problems)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
