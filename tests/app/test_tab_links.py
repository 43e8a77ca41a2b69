"""Issue 22: a tab or view chosen in the URL (`?trend=`, `?vergleich=`, `?ansicht=`, `?darstellung=`) opens in
every language. The URL holds the German label as a key that does not change with the language; an old link that
carried the label of another language opens the same tab; a choice made in another language writes the key."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.url_choice import option_for
from sozialraum.compare import ABSOLUTE, CHANGE, INDEXED
from sozialraum.i18n import Translator
from sozialraum.trend_text import VIEW_NAMES
from tests.app.test_pages import bundled, run_page  # noqa: F401 - fixture

TREND, COMPARE, PLAN = "pages/2_Entwicklung.py", "pages/8_Vergleich.py", "pages/3_Sozialplan.py"


def keys(at: AppTest) -> set[str]:
    """Keys of the widgets drawn: the open tab's widgets tell which tab runs (only the open one does)."""
    return {w.key for kind in ("button_group", "selectbox", "multiselect", "date_input") for w in at.get(kind)}


def test_the_url_value_of_a_view_is_its_german_label_in_every_language() -> None:
    names = {v: VIEW_NAMES[v] for v in (ABSOLUTE, INDEXED, CHANGE)}
    assert option_for("Veränderung", names) == CHANGE  # the key, as German links always had it
    assert option_for("veraenderung", names) == CHANGE  # the option itself
    for code in ("en", "uk", "ar", "ls"):  # links written before the key was fixed carried the shown label
        assert option_for(Translator(code)("Veränderung"), names) == CHANGE, code
    assert Translator("ar")("Veränderung") != "Veränderung"
    assert option_for("Change of plan", names) is None
    assert option_for(None, names) is None


@pytest.mark.parametrize("code", ["ar", "uk", "en", "ls"])
def test_a_trend_link_opens_its_tab_in_every_language(bundled: Path, code: str) -> None:  # noqa: F811
    at = run_page(TREND, trend="Alle Gebiete", sprache=code)
    assert not at.exception, at.exception
    assert "sortierung" in keys(at), "the tab Alle Gebiete is open"
    assert "darstellung" not in keys(at), "the first tab does not run"
    assert at.query_params["trend"] == "Alle Gebiete"


def test_an_old_link_with_the_english_label_opens_the_tab_in_arabic_and_the_url_gets_the_key(bundled: Path) -> None:  # noqa: F811
    at = run_page(TREND, trend="Biggest changes", sprache="ar")
    assert not at.exception, at.exception
    assert {"von_jahr", "bis_jahr"} <= keys(at)
    assert at.query_params["trend"] == "Größte Veränderungen"


def test_a_tab_chosen_in_arabic_writes_the_german_key(bundled: Path) -> None:  # noqa: F811
    at = run_page(TREND, sprache="ar")
    assert "darstellung" in keys(at) and "trend" not in at.query_params  # the first tab: no parameter
    at.session_state["trend"] = Translator("ar")("Größte Veränderungen")  # what a click on the tab sends
    at.run()
    assert {"von_jahr", "bis_jahr"} <= keys(at)
    assert at.query_params["trend"] == "Größte Veränderungen"


def test_a_view_chosen_in_ukrainian_writes_the_german_key_and_a_german_view_link_works(bundled: Path) -> None:  # noqa: F811
    at = run_page(TREND, sprache="uk", gebiete="05")
    uk = Translator("uk")  # AppTest formats outside the page's run (in German): the label the browser sends
    at.button_group(key="darstellung").set_value(uk("Index")).run()
    assert at.button_group(key="darstellung").value == INDEXED
    assert at.query_params["darstellung"] == "Index"
    at.button_group(key="darstellung").set_value(uk("Veränderung")).run()
    assert at.query_params["darstellung"] == "Veränderung"
    linked = run_page(TREND, sprache="ar", gebiete="05", darstellung="Veränderung")
    assert linked.button_group(key="darstellung").value == CHANGE


@pytest.mark.parametrize(("tab", "key"), [("Streudiagramm", "x_indikator"), ("Übersichtsmatrix", "matrix_indikatoren")])
@pytest.mark.parametrize("code", ["ar", "en"])
def test_a_comparison_link_opens_its_tab(bundled: Path, code: str, tab: str, key: str) -> None:  # noqa: F811
    at = run_page(COMPARE, vergleich=tab, sprache=code)
    assert not at.exception, at.exception
    assert key in keys(at)
    assert at.query_params["vergleich"] == tab


@pytest.mark.parametrize("code", ["ar", "uk"])
def test_a_plan_link_opens_its_tab_and_german_links_still_work(bundled: Path, code: str) -> None:  # noqa: F811
    at = run_page(PLAN, ansicht="Änderungen", sprache=code)
    assert not at.exception, at.exception
    assert "seit" in keys(at)  # the date of the changes tab
    german = run_page(PLAN, ansicht="Änderungen")
    assert "seit" in keys(german)
