"""Issue 18, item 13 (texts): the vote page says how to get there, login and refusal pages carry no
confidentiality note, the rank direction is written on the page, the Sozialindex size label is whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sozialraum import auth
from sozialraum.confidentiality import EXPLANATION
from sozialraum.settings import DATA_DIR_ENV, DEFAULT_DATA_DIR
from tests.app.test_pages import run_page


@pytest.fixture
def public_gera(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled Gera data withholds values: the pages showing data carry the note."""
    monkeypatch.setenv(DATA_DIR_ENV, str(DEFAULT_DATA_DIR))
    monkeypatch.setenv(auth.MODE_ENV, "oeffentlich")
    return DEFAULT_DATA_DIR


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_vote_page_without_conference_says_how_to_get_there(public_gera: Path) -> None:
    at = run_page("pages/12_Abstimmung.py")
    assert not at.exception, at.exception
    assert not at.error  # nothing went wrong: the visitor only came the wrong way
    assert "Scannen Sie mit dem Telefon den QR-Code auf der Leinwand" in at.info[0].value
    unknown = run_page("pages/12_Abstimmung.py", konferenz="gibt-es-nicht")
    assert unknown.error[0].value == "Eine Konferenz „gibt-es-nicht“ gibt es nicht."


def test_refusal_and_login_carry_no_confidentiality_note(public_gera: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert EXPLANATION in captions(run_page("pages/1_Karte.py"))  # a page with data has it
    refused = run_page("pages/10_Konferenz_vorbereiten.py")
    assert any(t.value == "Kein Zugang" for t in refused.title)
    assert EXPLANATION not in captions(refused)
    monkeypatch.setenv(auth.MODE_ENV, "intern")
    login = run_page("pages/1_Karte.py")
    assert any(t.value == "Anmeldung" for t in login.title)
    assert EXPLANATION not in captions(login)


def test_rank_direction_is_written_on_the_page(public_gera: Path) -> None:
    at = run_page("pages/5_Steckbrief.py", gebiet="05")
    assert "Rang: 1 = günstigster Wert unter allen Gebieten; neutrale Indikatoren haben keinen Rang." in captions(at)
    at = run_page("pages/8_Vergleich.py")
    assert any(c.startswith("Rang: 1 = ") for c in captions(at))


def test_sozialindex_size_field_has_a_whole_label(public_gera: Path) -> None:
    at = run_page("pages/9_Sozialindex.py")
    assert not at.exception, at.exception
    assert at.number_input(key="mindestgroesse").label == "Mindestgröße (Einwohner je Gebiet)"
