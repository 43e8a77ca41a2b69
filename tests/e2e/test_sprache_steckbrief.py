"""Issue 22 in the browser: the Steckbrief in Leichte Sprache, English, Ukrainian and Arabic with outside requests
blocked (the `page` fixture fails on any) – `<html lang dir>`, no German interface text outside elements marked
German, the generated sentences in the language, the handout offered, axe-core without serious or critical
findings; screenshots in Arabic (desktop and phone) and Leichte Sprache to look at."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from sozialraum import auth
from tests.e2e.conftest import goto_app, screenshot, wait_until_settled
from tests.e2e.test_a11y import blocking, run_axe
from tests.e2e.test_languages import LANGUAGES, SCAN, SLOW_MS, german_left

WORD = r"(?<![\w-]){}(?![\w-])"
STECKBRIEF = "/Steckbrief?gebiet=05&jahr=2024"
# what each language must say on Bieblach-Ost (15 challenges, none of them a strength, in 2024)
SAID = {
    "en": ["Strengths and challenges", "15 challenges, the 3 greatest:", "percentage points; rank 12 of 12, 2024",
           "Profile to take away"],
    "uk": ["Сильні сторони та виклики", "Виклики: 15, найбільші (3):", "в. п.; місце 12 з 12, 2024",
           "Профіль району із собою"],
    "ar": ["نقاط القوة والتحديات", "التحديات: 15، وأكبرها (3):", "نقطة مئوية؛ المرتبة 12 من 12، 2024",
           "البطاقة التعريفية للأخذ معك"],
    "ls": ["Stärken und Schwächen", "15 Schwächen. Hier sind die 3 größten:", "In der ganzen Stadt sind es",
           "Steckbrief zum Mitnehmen"],
}  # fmt: skip


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


def test_steckbrief_in_every_language(page: Page, public_server: str) -> None:
    for code, (lang, direction) in LANGUAGES.items():
        page.set_viewport_size({"width": 1366, "height": 768})
        goto_app(page, f"{public_server}{STECKBRIEF}&sprache={code}", timeout_ms=SLOW_MS)
        wait_until_settled(page)
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [lang, direction]
        text = page.evaluate(SCAN)
        for part in SAID[code]:
            assert part in text, f"{code}: {part!r} fehlt"
        if code != "ls":  # Leichte Sprache is German: its words may be the same as the German ones
            # whole words: "Sozialraum" (the area choice) is also the start of the city's title "Sozialraum-Dashboard"
            left = german_left(text, code, page.title().rsplit(" · ", 1)[-1])
            assert not left, f"Steckbrief {code}: deutsch geblieben: {left}"
        problems = blocking(run_axe(page))
        assert not problems, f"{code}: " + "\n".join(problems)
        if code in ("ar", "ls"):
            screenshot(page, f"steckbrief_{code}_1366", full_page=False)
            screenshot(page, f"steckbrief_{code}_full")
    page.set_viewport_size({"width": 390, "height": 844})
    goto_app(page, f"{public_server}{STECKBRIEF}&sprache=ar", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"phone: sideways scroll {width}"
    screenshot(page, "steckbrief_ar_390", full_page=False)
    screenshot(page, "steckbrief_ar_390_full")
