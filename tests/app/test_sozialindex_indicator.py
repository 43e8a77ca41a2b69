"""AppTest: the social index as an indicator on the map, in trends and in the profile (Gera data), and the
index page pointing to it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from sozialraum.compare import ABSOLUTE, CHANGE, INDEXED, VIEWS
from sozialraum.confidentiality import SIGN
from sozialraum.settings import DATA_DIR_ENV, DEFAULT_DATA_DIR
from sozialraum.sozialindex import DYNAMICS_ID, STATUS_ID
from tests.app.test_pages import run_page
from tests.app.test_withheld_display import displayed

MAP, TREND, PROFILE, INDEX = (
    "pages/1_Karte.py",
    "pages/2_Entwicklung.py",
    "pages/5_Steckbrief.py",
    "pages/9_Sozialindex.py",
)
METHOD = "Statusindex nach dem Verfahren des Berliner Monitorings Soziale Stadtentwicklung aus SGB-II-Quote"
SOURCE = "Quelle: Berechnet aus: Statistik der Bundesagentur für Arbeit (Beispieldaten)"
RATE = "sgb2_quote"  # an ordinary indicator with a city value


@pytest.fixture(autouse=True)
def gera(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(DATA_DIR_ENV, str(DEFAULT_DATA_DIR))
    return DEFAULT_DATA_DIR


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def has(at: AppTest, part: str) -> bool:
    return any(part in t for t in texts(at))


def links(at: AppTest) -> dict[str, tuple[str, dict[str, str]]]:
    """Page links by label: (page path name, query parameters)."""
    return {p.proto.label: (p.proto.page, dict(parse_qsl(p.proto.query_string))) for p in at.get("page_link")}


def test_indicator_select_offers_the_index() -> None:
    at = run_page(MAP)
    options = next(s for s in at.selectbox if s.label == "Indikator").options
    assert "Sozialindex · Sozialindex: Statusindex" in options
    assert "Sozialindex · Sozialindex: Dynamikindex (2 Jahre)" in options


@pytest.mark.parametrize("level", ["Bezirk", "Gemeindeteil"])
def test_map_shows_the_index_with_its_method_and_source(level: str) -> None:
    at = run_page(MAP, indikator=STATUS_ID, ebene=level)
    assert not at.exception, at.exception
    assert at.title[0].value == "Sozialindex: Statusindex 2024"
    assert has(at, "Einheit: Indexwert (z) · " + SOURCE) and has(at, METHOD)
    table = at.dataframe[0].value
    assert table["wert"].notna().sum() >= 12
    if level == "Gemeindeteil":  # a small area is named as left out, not given a value
        notes = table.loc[table["wert"].isna(), "anmerkung"]
        assert (notes == "Geheimhaltung: nicht eingestuft, zu wenige Einwohner").any()
        # withheld by the flag the index sets (not by its note): the official sign ".", not "–"
        small = (table["anmerkung"] == "Geheimhaltung: nicht eingestuft, zu wenige Einwohner").to_numpy()
        assert set(displayed(at).loc[small, "wert"]) == {SIGN}


def test_map_shows_the_method_beside_the_map_and_no_city_comparison() -> None:
    at = run_page(MAP, indikator=STATUS_ID)
    assert not at.exception, at.exception
    assert any(METHOD in i.value for i in at.info)  # the method beside the map, not only in the caption
    page, _ = links(at)["Sozialindex: Verfahren und Einstellungen"]
    assert page == "Sozialindex"
    # the index has no city value: no difference to it and no "Gera gesamt: –"
    assert "differenz" not in at.dataframe[0].value.columns
    assert not any(c.value.startswith("Gera") for c in at.caption)
    assert any(c.value.startswith("Statusindex nach dem Verfahren") for c in at.caption)
    plain = run_page(MAP, indikator=RATE)
    assert not plain.exception, plain.exception
    assert "differenz" in plain.dataframe[0].value.columns
    assert any(c.value.startswith("Gera") for c in plain.caption)
    assert "Sozialindex: Verfahren und Einstellungen" not in links(plain)


def test_trend_page_accepts_the_index() -> None:
    at = run_page(TREND, indikator=DYNAMICS_ID)
    assert not at.exception, at.exception
    assert at.title[0].value == "Entwicklung: Sozialindex: Dynamikindex (2 Jahre)"
    assert has(at, SOURCE)
    assert any(c.value.startswith("Definition: Dynamikindex") for c in at.caption)


def test_trend_page_offers_no_indexed_view_for_the_index() -> None:
    # base year = 100 means nothing for an index around 0: not offered, also not through an old link
    at = run_page(TREND, indikator=STATUS_ID, darstellung=INDEXED)
    assert not at.exception, at.exception
    assert at.button_group[0].options == [VIEWS[ABSOLUTE], VIEWS[CHANGE]]
    assert at.button_group[0].value == ABSOLUTE
    plain = run_page(TREND, indikator=RATE)
    assert plain.button_group[0].options == [VIEWS[ABSOLUTE], VIEWS[INDEXED], VIEWS[CHANGE]]


def test_profile_shows_status_dynamics_type_method_and_links() -> None:
    at = run_page(PROFILE, gebiet="05")
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Statusindex 2024"].startswith("+") and "Dynamikindex 2024" in metrics
    assert has(at, "Status sehr niedrig (Klasse 4) · Rang 12 von 12")
    assert has(at, "**Gesamttyp 4-:** Status sehr niedrig, Dynamik negativ.")
    assert has(at, METHOD) and has(at, SOURCE)
    # built from other indicators, the index is no strength or challenge of its own
    assert not any("Statusindex" in m.value for m in at.markdown if m.value.startswith("- "))
    page, params = links(at)["Sozialindex auf der Karte"]
    assert page == "Karte" and params == {"indikator": STATUS_ID, "jahr": "2024", "gebiet": "05", "ebene": "Bezirk"}


def test_profile_of_a_small_area_says_why_it_has_no_index() -> None:
    at = run_page(PROFILE, gebiet="085")
    assert not at.exception, at.exception
    assert not at.error
    assert {m.label: m.value for m in at.metric}["Statusindex 2024"] == "–"
    assert has(at, "Geheimhaltung: nicht eingestuft, zu wenige Einwohner")
    assert any("keine Indikatorwerte veröffentlicht" in i.value for i in at.info)


def test_index_page_defaults_are_the_offered_index_and_link_to_its_map() -> None:
    at = run_page(INDEX)
    assert not at.exception, at.exception
    assert STATUS_ID not in at.multiselect(key="status").options  # no index of the index
    assert has(at, "Diese Einstellungen entsprechen dem Sozialindex aus einstellungen.toml")
    page, params = links(at)["Statusindex 2024 auf der Karte"]
    assert page == "Karte" and params == {"indikator": STATUS_ID, "jahr": "2024"}
    at.selectbox(key="gewicht_sgb2_quote").select(2.0).run()
    assert has(at, "Diese Einstellungen weichen vom Sozialindex aus einstellungen.toml ab.")
