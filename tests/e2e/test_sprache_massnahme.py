"""Issue 22 in the browser: the Fortschrittsbericht and the Maßnahme page in Leichte Sprache, English, Ukrainian
and Arabic with outside requests blocked – the checks of every translated page (`page_problems`: `<html lang dir>`,
no German interface text outside elements marked German, axe-core without serious or critical findings) – on a
desktop and (Arabic, with every check) a phone."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.test_languages import LANGUAGES, check_phone, page_problems, public_server  # noqa: F401 - fixture


def test_fortschrittsbericht_in_every_language(page: Page, public_server: str) -> None:  # noqa: F811
    problems = []
    for code in LANGUAGES:
        url = f"{public_server}/Fortschrittsbericht?sprache={code}&hf=2"
        problems += page_problems(page, url, code, shot=f"fortschritt_{code}_1366", full_page=False)[1]
    assert not problems, "\n".join(problems)


def test_fortschrittsbericht_arabic_phone(page: Page, public_server: str) -> None:  # noqa: F811
    check_phone(page, f"{public_server}/Fortschrittsbericht?sprache=ar", shot="fortschritt_ar_390", full=True)


def test_massnahme_in_every_language(page: Page, public_server: str) -> None:  # noqa: F811
    problems = []
    for code in LANGUAGES:  # 2.1.2: status history, target indicator, two areas
        url = f"{public_server}/Massnahme?sprache={code}&massnahme=2.1.2"
        problems += page_problems(page, url, code, shot=f"massnahme_{code}", full_page=False)[1]
    problems += page_problems(
        page, f"{public_server}/Massnahme?sprache=en", "en", shot="massnahme_auswahl_en", full_page=False
    )[1]  # the chooser
    assert not problems, "\n".join(problems)


def test_massnahme_arabic_phone(page: Page, public_server: str) -> None:  # noqa: F811
    check_phone(page, f"{public_server}/Massnahme?sprache=ar&massnahme=1.1.1", shot="massnahme_ar_390", full=True)
