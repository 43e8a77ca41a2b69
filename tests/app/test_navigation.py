"""AppTest: the navigation offers only pages the visitor may open and whose data the folder has
(issue 25, issue 18 item 10); the Übersicht says what a thin folder holds and what a city could add."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sozialraum import auth
from sozialraum.auth import write_user
from sozialraum.settings import DATA_DIR_ENV, DEFAULT_DATA_DIR
from tests.app.test_modes import PASSWORDS, ROLES_OF, as_user
from tests.unit.conftest import write_folder

PLAN = ["Sozialplan", "Maßnahme", "Fortschrittsbericht"]
CONFERENCE = ["Präsentation", "Konferenz-Ergebnisse"]
EVERY_PAGE = ["Übersicht", "Karte", "Steckbrief", "Entwicklung", "Bevölkerungsprognose", "Vergleich", "Sozialindex",
              *PLAN, "Sozialbericht", "Konferenz vorbereiten", *CONFERENCE, "Daten & Quellen"]  # fmt: skip


def sidebar_links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.sidebar.get("page_link")]


def main_links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.main.get("page_link")]


def summary(at: AppTest) -> str:
    return next((c.value for c in at.caption if c.value.startswith("Dieser Datenordner enthält")), "")


def internal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, folder: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    for name, password in PASSWORDS.items():
        write_user(name, password, ROLES_OF[name], secrets)
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    monkeypatch.setenv(auth.MODE_ENV, "intern")
    monkeypatch.setenv(auth.SECRETS_ENV, str(secrets))
    monkeypatch.setenv("SOZIALRAUM_DB_DIR", str(tmp_path / "db"))


def test_folder_without_plan_offers_no_plan_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_folder(tmp_path / "ohne_plan", massnahmen_csv=None, massnahmen_verlauf_csv=None)
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(auth.MODE_ENV, raising=False)
    at = as_user("app.py", None)
    assert not at.exception
    assert sidebar_links(at) == ["Übersicht", "Karte", "Steckbrief", "Entwicklung", "Vergleich", "Sozialindex",
                                 "Daten & Quellen"]  # fmt: skip
    assert not set(PLAN) & set(main_links(at))
    intro = next(m.value for m in at.markdown if m.value.startswith("**Sozialräume** sind die 3 Stadtteile"))
    assert "Sozialplan" not in intro  # no promise of a plan it lacks
    assert summary(at) == (
        "Dieser Datenordner enthält 2\u00a0Indikatoren für 2023–2024 zu 3\u00a0Gebieten; ergänzen kann eine Stadt "
        "einen Sozialplan (massnahmen.csv mit handlungsfelder.csv und ziele.csv), Sozialraumkonferenzen (Ordner "
        "konferenzen/), Einrichtungen für die Karte (einrichtungen.geojson), eine zweite Gebietsebene (Spalten ebene "
        "und uebergeordnet in gebiete.geojson) und Einstellungen für den Sozialindex ([sozialindex] in "
        "einstellungen.toml)."
    )
    deep = as_user("pages/3_Sozialplan.py", None)  # a link from elsewhere still says what is missing
    assert deep.info[-1].value == "Für diesen Datenordner liegt kein Sozialplan vor (massnahmen.csv fehlt)."


def test_folder_without_conferences_offers_no_conference_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "gera_ohne_konferenzen"
    shutil.copytree(DEFAULT_DATA_DIR, folder, ignore=shutil.ignore_patterns("konferenzen"))
    internal(monkeypatch, tmp_path, folder)
    at = as_user("app.py", "mo")
    assert not at.exception
    links = sidebar_links(at)
    assert "Konferenz vorbereiten" in links  # it makes the first conference
    assert not set(CONFERENCE) & set(links)
    assert not set(CONFERENCE) & set(main_links(at))
    assert "ergänzen kann eine Stadt Sozialraumkonferenzen (Ordner konferenzen/)." in summary(at)


def test_folder_with_everything_offers_every_page_to_the_moderator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    internal(monkeypatch, tmp_path, DEFAULT_DATA_DIR)
    at = as_user("app.py", "mo")
    assert not at.exception
    assert sidebar_links(at) == EVERY_PAGE
    assert summary(at) == ""  # nothing to add: no sentence


def test_public_overview_links_only_public_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(DEFAULT_DATA_DIR))
    monkeypatch.delenv(auth.MODE_ENV, raising=False)
    at = as_user("app.py", None)
    internal_pages = {"Konferenz vorbereiten", *CONFERENCE}
    assert not internal_pages & set(sidebar_links(at))
    assert not internal_pages & set(main_links(at))
    assert "Karte" in main_links(at) and "Sozialplan" in main_links(at)


@pytest.mark.parametrize(("user", "offered"), [("anna", False), ("mo", True)])
def test_start_presentation_is_offered_to_the_moderator_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str, offered: bool
) -> None:
    internal(monkeypatch, tmp_path, DEFAULT_DATA_DIR)
    at = as_user("pages/13_Konferenz_Ergebnisse.py", user, konferenz="bieblach-ost-2026")
    assert not at.exception
    assert ("Präsentation starten" in main_links(at)) is offered
    assert ("Präsentation" in sidebar_links(at)) is offered
