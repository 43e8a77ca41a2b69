"""Issue 22 in the browser for Entwicklung and Bevölkerungsprognose: each page in Leichte Sprache, English,
Ukrainian and Arabic with outside requests blocked (the `page` fixture) – the checks of every translated page
(`check_page`: `<html lang dir>`, no German text of the catalogues left outside elements marked German, axe-core
without serious or critical findings) and the generated sentence in the language; screenshots in Arabic (desktop
and phone) and Leichte Sprache to look at."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.test_languages import LANGUAGES, check_page, check_phone, public_server  # noqa: F401 - fixture

# a word of each page's generated sentence per language (trend: "Werte 2024: …"; projection: „Prognose, …“)
TREND_WORDS = {"ls": "Die Werte im Jahr", "en": "Values ", "uk": "Значення ", "ar": "القيم في"}
PROJECTION_WORDS = {"ls": "Vorhersage für den Weg", "en": "Projection, scenario", "uk": "Прогноз, сценарій",
                    "ar": "التوقعات، السيناريو"}  # fmt: skip


def test_entwicklung_in_every_language(page: Page, public_server: str) -> None:  # noqa: F811
    for code in LANGUAGES:
        shot = f"sprache_entwicklung_{code}_1366" if code in ("ar", "ls") else None
        check_page(page, f"{public_server}/Entwicklung?sprache={code}", code, [TREND_WORDS[code]], shot=shot)
    check_phone(page, f"{public_server}/Entwicklung?sprache=ar", shot="sprache_entwicklung_ar_390")


def test_bevoelkerungsprognose_in_every_language(page: Page, public_server: str) -> None:  # noqa: F811
    for code in LANGUAGES:
        shot = f"sprache_prognose_{code}_1366" if code in ("ar", "ls") else None
        check_page(page, f"{public_server}/Bevoelkerungsprognose?sprache={code}", code, [PROJECTION_WORDS[code]],
                   shot=shot)  # fmt: skip
    check_phone(page, f"{public_server}/Bevoelkerungsprognose?sprache=ar", shot="sprache_prognose_ar_390")
