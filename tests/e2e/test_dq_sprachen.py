"""Issue 22 in the browser: the validation report on Daten & Quellen in Arabic and Leichte Sprache – the
messages in the page's language, data (files, columns, values found) marked German, `<html lang dir>`, no
German interface text outside elements marked German, axe-core without serious or critical findings, no
sideways scroll on a phone, nothing fetched from outside (the `page` fixture)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from sozialraum import auth
from sozialraum.settings import REPO_ROOT
from tests.e2e.conftest import goto_app, screenshot, wait_until_settled
from tests.e2e.test_a11y import blocking, run_axe
from tests.e2e.test_languages import LANGUAGES, SCAN, SLOW_MS, german_left

# what the broken example data show, per language: an unknown indicator and an unknown settings section
EXPECTED = {
    "ar": ("مؤشر غير معروف: غير موجود في indikatoren.csv.", "يُتجاهَل القسم غير المعروف [extra]."),
    "ls": ("Diesen Indikator kennen wir nicht.", "Den Abschnitt [extra] kennen wir nicht."),
}


@pytest.fixture(scope="module")
def server(start_server: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The public view of the example data with two faults: a value row of an unknown indicator and an
    unknown section in the settings."""
    folder = tmp_path_factory.mktemp("dq") / "daten"
    shutil.copytree(REPO_ROOT / "data", folder)
    with (folder / "werte.csv").open("a", encoding="utf-8") as handle:
        handle.write("101;gibt_es_nicht;2024;1,0;;;;\n")
    settings = folder / "einstellungen.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n[extra]\nx = 1\n", encoding="utf-8")
    return start_server(data_dir=Path(folder), extra_env={auth.MODE_ENV: "oeffentlich"})


@pytest.mark.parametrize("code", list(EXPECTED))
def test_the_report_in_the_pages_language(page: Page, server: str, code: str) -> None:
    goto_app(page, f"{server}/Daten_und_Quellen?sprache={code}", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    lang, direction = LANGUAGES[code]
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [lang, direction]
    assert page.locator('[data-testid="stException"]').count() == 0
    table = page.locator(".sr-bericht")
    table.scroll_into_view_if_needed()
    shown = table.inner_text()
    for text in EXPECTED[code]:
        assert text in shown, (code, text)
    assert "Unbekannter Indikator" not in shown and "wird ignoriert" not in shown
    # the data stay as they are, marked German where the page is not (Leichte Sprache is German already)
    assert table.locator('[lang="de"]', has_text="gibt_es_nicht").count() == (code != "ls")
    assert "gibt_es_nicht" in shown
    if code != "ls":  # Leichte Sprache is German: its words may be the same as the German ones
        left = german_left(page.evaluate(SCAN), code, page.title().rsplit(" · ", 1)[-1])
        assert not left, f"{code}: deutsch geblieben: {left}"
    problems = blocking(run_axe(page))
    assert not problems, "\n".join(problems)
    screenshot(page, f"dq_bericht_{code}_1366", full_page=True)
    if code == "ar":
        page.set_viewport_size({"width": 390, "height": 844})
        wait_until_settled(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scroll on a phone"
        message = table.locator("td", has_text=EXPECTED[code][0])
        message.scroll_into_view_if_needed()
        box = message.bounding_box()  # each row a card: the message is on screen, not in a sideways scroll
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        screenshot(page, "dq_bericht_ar_390", full_page=False)
