"""Issue 22 in the browser for the Sozialindex page: in every language the checks of every translated page
(`check_page`: `<html lang dir>`, no German interface text left outside elements marked German, axe-core without
serious or critical findings) and the summary sentence in the page language; outside requests are blocked (the
`page` fixture fails the test on any); Arabic on a phone without sideways scrolling."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.conftest import screenshot
from tests.e2e.test_languages import LANGUAGES, SLOW_MS, check_page, check_phone, public_server  # noqa: F401

# the start of the page's status sentence in each language (sozialraum/sozialindex/text.py templates)
SUMMARY = {
    "en": "Areas with status “",
    "uk": "Районів зі статусом «",
    "ar": "المناطق ذات الوضع «",
    "ls": " Gebieten hat den Status „",  # 1 area in the bundled data
}
HEADINGS = {"en": "Settings", "uk": "Налаштування", "ar": "الإعدادات", "ls": "Einstellungen"}


def test_sozialindex_in_every_language(page: Page, public_server: str) -> None:  # noqa: F811
    page.set_viewport_size({"width": 1366, "height": 768})
    for code in LANGUAGES:
        check_page(page, f"{public_server}/Sozialindex?sprache={code}", code, [SUMMARY[code]])
        page.get_by_role("heading", name=HEADINGS[code]).wait_for(timeout=SLOW_MS)
        screenshot(page, f"sozialindex_{code}_1366", full_page=True)
    check_phone(page, f"{public_server}/Sozialindex?sprache=ar")
    screenshot(page, "sozialindex_ar_390", full_page=True)
