"""Issue 22 in the browser for Vergleich, Daten & Quellen and the public Sozialbericht: in Leichte Sprache,
English, Ukrainian and Arabic the checks of every translated page (`check_page`: `<html lang dir>` follow the
language, no German interface text is left outside elements marked German, axe-core finds nothing serious or
critical), and nothing is fetched from outside (the `page` fixture fails on any outside request)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from sozialraum import auth
from sozialraum.contents import PUBLISHED_REPORT
from sozialraum.i18n import Translator
from sozialraum.settings import REPO_ROOT
from tests.e2e.conftest import screenshot
from tests.e2e.test_languages import LANGUAGES, check_page, check_phone

TABS = ["Rangfolge", "Nebeneinander", "Streudiagramm", "Übersichtsmatrix"]


@pytest.fixture(scope="module")
def server(start_server: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The public view of the example data with a published Sozialbericht (a stand-in PDF and web edition)."""
    folder = tmp_path_factory.mktemp("vergleich") / "daten"
    shutil.copytree(REPO_ROOT / "data", folder)
    published = folder / PUBLISHED_REPORT
    (published / "web").mkdir(parents=True)
    (published / "sozialbericht.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (published / "web" / "index.html").write_text("<!doctype html><title>Sozialbericht</title>", encoding="utf-8")
    return start_server(data_dir=Path(folder), extra_env={auth.MODE_ENV: "oeffentlich"})


def test_vergleich_every_tab_in_every_language(page: Page, server: str) -> None:
    for code in LANGUAGES:
        t = Translator(code)
        for tab in TABS:
            url = f"{server}/Vergleich?sprache={code}&gebiete=05,01&vergleich={quote(t(tab))}"
            text = check_page(page, url, code, axe=tab in ("Rangfolge", "Übersichtsmatrix"))
            assert t("Vergleich der Gebiete") in text
            if tab == "Rangfolge":
                assert t("Tabelle") in text and t("Rang") in text
            if tab == "Übersichtsmatrix":
                assert t("ungünstiger") in text  # the legend's class words
            if code in ("ar", "ls") and tab in ("Rangfolge", "Übersichtsmatrix"):
                screenshot(page, f"vergleich_{code}_{tab}_1366", full_page=True)


def test_daten_und_quellen_in_every_language(page: Page, server: str) -> None:
    for code in LANGUAGES:
        t = Translator(code)
        text = check_page(page, f"{server}/Daten_und_Quellen?sprache={code}", code)
        assert t("Indikatorenkatalog") in text and t("Prüfbericht") in text
        if code != "ls":  # German data texts without a translation are marked German
            assert page.locator('.sr-katalog td [lang="de"]').count() > 0
        if code in ("ar", "ls"):
            screenshot(page, f"daten_{code}_1366", full_page=True)


def test_sozialbericht_public_view_in_every_language(page: Page, server: str) -> None:
    for code in LANGUAGES:
        t = Translator(code)
        text = check_page(page, f"{server}/Sozialbericht?sprache={code}", code)
        assert t("PDF herunterladen") in text and t("Webfassung herunterladen (ZIP)") in text
        assert t("Der Bericht selbst ist auf Deutsch.") in text


@pytest.mark.parametrize("path", ["/Vergleich", "/Daten_und_Quellen"])
def test_arabic_phone_has_no_sideways_scroll(page: Page, server: str, path: str) -> None:
    check_phone(page, f"{server}{path}?sprache=ar", shot=f"sprache{path.replace('/', '_')}_ar_390")
