"""Issue 22 in the browser: the Steckbrief in Leichte Sprache, English, Ukrainian and Arabic with outside requests
blocked (the `page` fixture fails on any) – the checks of every translated page (`check_page`: `<html lang dir>`,
no German interface text outside elements marked German, axe-core without serious or critical findings), the
generated sentences in the language, the handout offered; screenshots in Arabic (desktop and phone) and Leichte
Sprache to look at."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.conftest import screenshot
from tests.e2e.test_languages import LANGUAGES, check_page, check_phone, public_server  # noqa: F401 - fixture

STECKBRIEF = "/Steckbrief?gebiet=05&jahr=2024"
# what each language must say on Bieblach-Ost (15 challenges, none of them a strength, in 2024)
SAID = {
    "en": ["Strengths and challenges", "15 challenges, the 3 greatest:", "percentage points; rank 12 of 12, 2024",
           "Profile to take away"],
    "uk": ["Сильні сторони та виклики", "Виклики: 15, найбільші (3):", "в. п.; місце 12 з 12, 2024",
           "Профіль району із собою"],
    "ar": ["نقاط القوة والتحديات", "التحديات: 15، وأكبرها (3):", "المرتبة 12 من 12، 2024",
           "البطاقة التعريفية للأخذ معك"],
    "ls": ["Stärken und Schwächen", "15 Schwächen. Hier sind die 3 größten:", "In der ganzen Stadt sind es",
           "Steckbrief zum Mitnehmen"],
}  # fmt: skip


def test_steckbrief_in_every_language(page: Page, public_server: str) -> None:  # noqa: F811
    for code in LANGUAGES:
        page.set_viewport_size({"width": 1366, "height": 768})
        # whole words: "Sozialraum" (the area choice) is also the start of the city's title "Sozialraum-Dashboard"
        check_page(page, f"{public_server}{STECKBRIEF}&sprache={code}", code, SAID[code])
        if code in ("ar", "ls"):
            screenshot(page, f"steckbrief_{code}_1366", full_page=False)
            screenshot(page, f"steckbrief_{code}_full")
    check_phone(page, f"{public_server}{STECKBRIEF}&sprache=ar", shot="steckbrief_ar_390")
    screenshot(page, "steckbrief_ar_390_full")
