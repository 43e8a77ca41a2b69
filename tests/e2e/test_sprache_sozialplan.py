"""Issue 22 in the browser: the Sozialplan in Leichte Sprache, English, Ukrainian and Arabic with outside requests
blocked – the checks of every translated page (`page_problems`: `<html lang dir>`, no German interface text outside
elements marked German, axe-core without serious or critical findings), in the overview and the time line (chart
texts), on a desktop and (Arabic) a phone. All views are checked before the test reports what it found."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.test_languages import LANGUAGES, check_phone, page_problems, public_server  # noqa: F401


def test_sozialplan_in_every_language(page: Page, public_server: str) -> None:  # noqa: F811
    problems = []
    for code in LANGUAGES:
        problems += page_problems(
            page, f"{public_server}/Sozialplan?sprache={code}", code, shot=f"sozialplan_{code}_1366", full_page=False
        )[1]
        problems += page_problems(
            page,
            f"{public_server}/Sozialplan?sprache={code}&ansicht=Zeitplan",
            code,
            shot=f"sozialplan_zeitplan_{code}",
            full_page=False,
        )[1]
    assert not problems, "\n".join(problems)


def test_sozialplan_arabic_phone(page: Page, public_server: str) -> None:  # noqa: F811
    check_phone(page, f"{public_server}/Sozialplan?sprache=ar", shot="sozialplan_ar_390", full=True)
