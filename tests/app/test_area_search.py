"""AppTest: with very many areas a search field narrows the area picker (lowered thresholds on Gera's 12)."""

from __future__ import annotations

import pytest

from tests.app.test_pages import run_page, widget

SEARCH = "Gebiet hervorheben: suchen"
PICKER = "Gebiet hervorheben"


@pytest.fixture
def many(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("components.controls.SEARCH_FROM", 5)
    monkeypatch.setattr("components.controls.SEARCH_LIMIT", 4)


def test_few_areas_need_no_search_field() -> None:
    at = run_page("pages/1_Karte.py")
    assert not at.exception
    assert SEARCH not in [t.label for t in at.text_input]
    assert len(widget(at, "selectbox", PICKER).options) == 13  # "– keins –" and the 12 Bezirke


@pytest.mark.usefixtures("many")
def test_search_narrows_the_picker_and_keeps_the_chosen_area() -> None:
    at = run_page("pages/1_Karte.py")
    assert not at.exception
    assert widget(at, "selectbox", PICKER).options == [
        "– keins –",
        "Bieblach-Ost",
        "Bieblach/Tinz",
        "Debschwitz",
        "Gera-Nord",
    ]

    widget(at, "text_input", SEARCH).input("lusan").run()
    picker = widget(at, "selectbox", PICKER)
    assert picker.options == ["– keins –", "Lusan-Brüte", "Lusan-Laune", "Lusan-Zentrum"]
    assert "3 gefunden" in [c.value for c in at.caption]

    picker.select("11").run()  # Lusan-Zentrum
    assert at.query_params["gebiet"] == "11"

    widget(at, "text_input", SEARCH).input("bieblach").run()
    picker = widget(at, "selectbox", PICKER)
    assert picker.options == ["– keins –", "Lusan-Zentrum", "Bieblach-Ost", "Bieblach/Tinz"]
    assert picker.value == "11" and at.query_params["gebiet"] == "11"


@pytest.mark.usefixtures("many")
def test_an_area_from_the_link_is_in_the_picker_without_searching() -> None:
    at = run_page("pages/1_Karte.py", gebiet="12")
    picker = widget(at, "selectbox", PICKER)
    assert picker.value == "12" and picker.options[1] == "Lusan-Brüte"

    widget(at, "text_input", SEARCH).input("kein solches Gebiet").run()
    assert "kein Gebiet gefunden" in [c.value for c in at.caption]
    assert widget(at, "selectbox", PICKER).options == ["– keins –", "Lusan-Brüte"]


@pytest.mark.usefixtures("many")
def test_search_keeps_the_areas_chosen_for_the_trend() -> None:
    at = run_page("pages/2_Entwicklung.py", gebiete="05,10")
    assert not at.exception
    picker = widget(at, "multiselect", "Gebiete")
    assert picker.value == ["05", "10"]

    widget(at, "text_input", "Gebiete: suchen").input("lusan").run()
    picker = widget(at, "multiselect", "Gebiete")
    assert picker.options == ["Bieblach-Ost", "Lusan-Brüte", "Lusan-Laune", "Lusan-Zentrum"]
    picker.select("11").run()
    assert widget(at, "multiselect", "Gebiete").value == ["05", "10", "11"]
    assert at.query_params["gebiete"] == "05,10,11"
