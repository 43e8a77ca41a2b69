"""AppTest: every page runs without exception on the bundled data and on a tiny folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sozialraum.settings import DATA_DIR_ENV, DEFAULT_DATA_DIR, REPO_ROOT
from tests.unit.conftest import write_folder

PAGES = [
    "app.py",
    "pages/1_Karte.py",
    "pages/2_Entwicklung.py",
    "pages/3_Sozialplan.py",
    "pages/4_Daten_und_Quellen.py",
]


def widget(at: AppTest, kind: str, label: str):
    """Find a widget by its visible label (keys are per page and carry a page hash)."""
    return next(w for w in getattr(at, kind) if w.label == label)


def run_page(page: str, **params: str) -> AppTest:
    """Run a page the way the server does: app.py is the entrypoint, then switch to the page."""
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    if page != "app.py":
        at.switch_page(page)
    return at.run()


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = write_folder(tmp_path / "klein")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def bundled(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(DATA_DIR_ENV, str(DEFAULT_DATA_DIR))
    return DEFAULT_DATA_DIR


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_bundled_data(bundled: Path, page: str) -> None:
    at = run_page(page)
    assert not at.exception, at.exception
    assert at.title, "every page has a heading"


TINY_TITLES = {  # the tiny folder: city title „Test“, standard indicator quote (SGB-II-Quote), latest year 2024
    "app.py": "Test",
    "pages/1_Karte.py": "SGB-II-Quote 2024",
    "pages/2_Entwicklung.py": "Entwicklung: SGB-II-Quote",
    "pages/3_Sozialplan.py": "Sozialplan: Umsetzungsstand",
    "pages/4_Daten_und_Quellen.py": "Daten & Quellen",
}


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_tiny_folder(tiny: Path, page: str) -> None:
    at = run_page(page)
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == [TINY_TITLES[page]]


def test_map_page_follows_url_parameters(tiny: Path) -> None:
    at = run_page("pages/1_Karte.py", indikator="einwohner", jahr="2024")
    assert at.title[0].value == "Einwohner 2024"
    assert widget(at, "selectbox", "Indikator").value == "einwohner"


def test_changing_indicator_updates_url(tiny: Path) -> None:
    at = run_page("pages/1_Karte.py")
    widget(at, "selectbox", "Indikator").select("einwohner").run()
    assert at.query_params["indikator"] == "einwohner"
    assert at.title[0].value.startswith("Einwohner")


def test_invalid_url_value_falls_back_to_default(tiny: Path) -> None:
    at = run_page("pages/1_Karte.py", indikator="gibtsnicht", jahr="1850")
    assert not at.exception
    assert widget(at, "selectbox", "Indikator").value == "quote"


def test_plan_filters_narrow_the_table(tiny: Path) -> None:
    at = run_page("pages/3_Sozialplan.py")
    assert any("2 von 2 Maßnahmen" in m.value for m in at.markdown)
    widget(at, "selectbox", "Status").select("geplant").run()
    assert any("1 von 2 Maßnahmen" in m.value for m in at.markdown)
    at.text_input(key="suche").input("Stadtteilbüro").run()
    assert any("0 von 2 Maßnahmen" in m.value for m in at.markdown)


def test_broken_data_shows_report_not_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.unit.conftest import VALUES

    folder = write_folder(tmp_path / "kaputt", werte_csv=VALUES + "01;quote;2022;abc;;;;\n")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    at = run_page("pages/4_Daten_und_Quellen.py")
    assert not at.exception
    assert any("1 Fehler" in e.value for e in at.error)
    assert any("Fehler" in w.value for w in at.warning)


@pytest.mark.parametrize("page", PAGES)
def test_empty_folder_shows_report_on_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    at = run_page(page)
    assert not at.exception, at.exception
    assert any("Pflichtdatei fehlt" in str(df.value) for df in at.dataframe) or any(
        "Fehler" in e.value for e in at.error
    )


@pytest.mark.parametrize("gebiet", ["01", "05", "12"])
def test_profile_of_an_area(bundled: Path, gebiet: str) -> None:
    at = run_page("pages/5_Steckbrief.py", gebiet=gebiet)
    assert not at.exception, at.exception
    assert at.title[0].value.startswith("Steckbrief ")
    assert any("Maßnahmen wirken in" in m.value for m in at.markdown)


def test_profile_tiny_folder_with_area(tiny: Path) -> None:
    at = run_page("pages/5_Steckbrief.py", gebiet="03")
    assert not at.exception, at.exception
    assert at.title[0].value == "Steckbrief Süd"


@pytest.mark.parametrize(
    "params",
    [
        {"ansicht": "vergleich", "band": "15"},
        {"ansicht": "veraenderung", "von": "2016", "jahr": "2024"},
        {"ansicht": "veraenderung", "von": "2020", "jahr": "2024", "art": "relativ"},
        {"klassen": "stdabw", "k": "5"},
        {"klassen": "stetig"},
        {"klassen": "jenks", "k": "3", "indikator": "uebertrittsquote_gymnasium", "jahr": "2020"},
    ],
)
def test_map_views(bundled: Path, params: dict[str, str]) -> None:
    at = run_page("pages/1_Karte.py", **params)
    assert not at.exception, at.exception
    if params.get("ansicht") == "veraenderung":
        assert "Veränderung" in at.title[0].value
        assert any("Beim Indikator „SGB-II-Quote“ ist der Wert in" in m.value for m in at.markdown)


def test_map_switches_to_the_gemeindeteil_level(bundled: Path) -> None:
    at = run_page("pages/1_Karte.py", ebene="Gemeindeteil", indikator="jugendarbeitslosigkeit")
    assert not at.exception, at.exception
    assert any("Gebietsebene: Gemeindeteil" in c.value for c in at.caption)
    assert any("Geheimhaltung" in c.value for c in at.caption)  # small parts are withheld, and it says so


def test_profile_of_a_gemeindeteil_names_its_bezirk(bundled: Path) -> None:
    at = run_page("pages/5_Steckbrief.py", gebiet="051")
    assert not at.exception, at.exception
    assert at.title[0].value == "Steckbrief Bieblach-Ost 1"
    assert any(link.proto.label == "Teil von Bieblach-Ost: Steckbrief öffnen" for link in at.get("page_link"))
