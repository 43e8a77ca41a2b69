"""Daten & Quellen (issue 22): the validation report in the page's language – English messages in an HTML
table with data marked German; German unchanged as a data grid."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.settings import DATA_DIR_ENV
from tests.app.test_pages import run_page
from tests.unit.conftest import SETTINGS, VALUES, write_folder

PAGE = "pages/4_Daten_und_Quellen.py"


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small folder with an empty required field, an unknown indicator and an unknown settings section."""
    values = VALUES.replace("01;quote;2024;12,0;", "01;quote;;12,0;") + "02;fehlt;2024;1,0;;;;\n"
    folder = write_folder(tmp_path / "kaputt", werte_csv=values, einstellungen_toml=SETTINGS + "[extra]\nx = 1\n")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


def _report_html(at) -> str:
    return next(h.proto.body for h in at.get("html") if "sr-bericht" in h.proto.body)


def test_the_english_page_lists_the_report_in_english(broken: Path) -> None:
    at = run_page(PAGE, sprache="en")
    assert not at.exception, at.exception
    table = _report_html(at)
    for english in (
        "Required field is empty.",
        "Unknown indicator: not in indikatoren.csv.",
        "Unknown section [extra] is ignored.",
        ">Error<",
        ">Warning<",
        ">Expected / problem<",
    ):
        assert english in table, english
    for german in ("Pflichtfeld ist leer.", "Unbekannter Indikator", "wird ignoriert", ">Fehler<"):
        assert german not in table, german
    # the data stay as they are, marked German: the file and the value found
    assert '<span lang="de" dir="ltr">werte.csv</span>' in table and '<span lang="de" dir="ltr">fehlt</span>' in table
    shown = " ".join(c.value for c in at.caption)
    assert "German only" not in shown and "only in German" not in shown
    assert not at.dataframe or all("Pflichtfeld" not in d.value.to_string() for d in at.dataframe)


def test_the_german_page_keeps_its_messages_in_the_data_grid(broken: Path) -> None:
    at = run_page(PAGE)
    assert not at.exception, at.exception
    grid = next(d.value for d in at.dataframe if "Erwartet / Problem" in d.value.columns)
    assert "Pflichtfeld ist leer." in list(grid["Erwartet / Problem"])
    assert "Unbekannter Abschnitt [extra] wird ignoriert." in list(grid["Erwartet / Problem"])
    assert not any("sr-bericht" in h.proto.body for h in at.get("html"))


def test_a_page_without_usable_data_says_so_in_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_folder(tmp_path / "leer")
    (folder / "werte.csv").unlink()
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    at = run_page("pages/1_Karte.py", sprache="en")
    assert not at.exception, at.exception
    assert any("are not enough for this page" in e.value for e in at.error), [e.value for e in at.error]
    assert "Required file missing." in _report_html(at)
