"""Issue 22 in the browser: the Sozialplan in Leichte Sprache, English, Ukrainian and Arabic with outside requests
blocked – `<html lang dir>`, no German interface text outside elements marked German, axe-core without serious or
critical findings, in the overview and the time line (chart texts), on a desktop and (Arabic) a phone."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.conftest import goto_app, screenshot, wait_until_settled
from tests.e2e.test_a11y import blocking, run_axe
from tests.e2e.test_languages import LANGUAGES, SCAN, SLOW_MS, german_left, public_server  # noqa: F401


def _check(page: Page, url: str, code: str, shot: str) -> list[str]:
    """Problems of one view in one language (empty: all right)."""
    goto_app(page, url, timeout_ms=SLOW_MS)
    wait_until_settled(page)
    problems = []
    lang, direction = LANGUAGES[code]
    found = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    if found != [lang, direction]:
        problems.append(f"{url}: lang/dir {found}")
    if code != "ls":  # Leichte Sprache is German: its words may be the German ones
        text = page.evaluate(SCAN)
        left = german_left(text, code, page.title().rsplit(" · ", 1)[-1])
        if left:
            problems.append(f"{url}: deutsch geblieben: {left}")
    problems += [f"{url}: {p}" for p in blocking(run_axe(page))]
    screenshot(page, shot, full_page=False)
    return problems


def test_sozialplan_in_every_language(page: Page, public_server: str) -> None:  # noqa: F811
    problems = []
    for code in LANGUAGES:
        problems += _check(page, f"{public_server}/Sozialplan?sprache={code}", code, f"sozialplan_{code}_1366")
        problems += _check(
            page, f"{public_server}/Sozialplan?sprache={code}&ansicht=Zeitplan", code, f"sozialplan_zeitplan_{code}"
        )
    assert not problems, "\n".join(problems)


def test_sozialplan_arabic_phone(page: Page, public_server: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    problems = _check(page, f"{public_server}/Sozialplan?sprache=ar", "ar", "sozialplan_ar_390")
    assert not problems, "\n".join(problems)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
