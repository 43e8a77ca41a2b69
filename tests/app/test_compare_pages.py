"""AppTest of the controls on the trend, comparison and social index pages (Entwicklung, Vergleich, Sozialindex)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sozialraum.settings import DATA_DIR_ENV, DEFAULT_DATA_DIR
from tests.app.test_pages import run_page, widget
from tests.unit.conftest import write_folder

TREND, COMPARE, INDEX = "pages/2_Entwicklung.py", "pages/8_Vergleich.py", "pages/9_Sozialindex.py"
COMPARE_TABS = ["Rangfolge", "Nebeneinander", "Streudiagramm", "Übersichtsmatrix"]
TREND_TABS = ["Zeitverlauf", "Alle Gebiete", "Größte Veränderungen"]


@pytest.fixture
def gera(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(DATA_DIR_ENV, str(DEFAULT_DATA_DIR))
    return DEFAULT_DATA_DIR


@pytest.fixture
def klein(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = write_folder(tmp_path / "klein")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def has(at: AppTest, part: str) -> bool:
    return any(part in t for t in texts(at))


def charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


def downloads(at: AppTest) -> list[str]:
    return [d.proto.label for d in at.get("download_button")]


# --- Entwicklung ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", TREND_TABS)
def test_every_trend_view_renders_with_chart_summary_table_and_downloads(gera: Path, tab: str) -> None:
    at = run_page(TREND, trend=tab)
    assert not at.exception, at.exception
    assert charts(at) == 1
    assert at.dataframe, "table alternative"
    assert downloads(at) == ["Tabelle als CSV herunterladen", "Tabelle als Excel herunterladen"]


def test_trend_view_switches_between_absolute_index_and_change(gera: Path) -> None:
    at = run_page(TREND, gebiete="05")
    assert has(at, "Werte 2024: Bieblach-Ost")
    assert at.selectbox(key="basisjahr").disabled
    at.button_group(key="darstellung").set_value("index").run()
    assert has(at, "Gemessen am Basisjahr 2015 (= 100) liegen 2024: Bieblach-Ost bei")
    at.selectbox(key="basisjahr").select(2020).run()
    assert has(at, "Gemessen am Basisjahr 2020 (= 100)")
    at.button_group(key="darstellung").set_value("veraenderung").run()
    assert has(at, "Veränderung von 2020 bis 2024: Bieblach-Ost")
    assert has(at, "Prozentpunkte")
    assert any("Prozentpunkte seit 2020" in c.value for c in at.caption)


def test_index_view_explains_areas_without_a_usable_base(gera: Path) -> None:
    # Bieblach/Tinz (06) had a negative migration balance in 2015: an index on it would mean nothing
    at = run_page(TREND, indikator="wanderungssaldo", gebiete="05,06", darstellung="Index", basisjahr="2015")
    assert not at.exception, at.exception
    assert has(at, "Nicht darstellbar (ohne Wert über 0 im Basisjahr): Bieblach/Tinz")
    assert has(at, "Bieblach-Ost bei")


def test_small_multiples_sort_by_value_or_change(gera: Path) -> None:
    at = run_page(TREND, trend="Alle Gebiete")
    assert has(at, "sortiert nach dem neuesten Wert (ungünstigste zuerst)")
    first_by_value = at.dataframe[0].value.iloc[0]["Gebiet"]
    at.button_group(key="sortierung").set_value("veraenderung").run()
    assert has(at, "sortiert nach der Veränderung")
    assert at.dataframe[0].value.iloc[0]["Gebiet"] != first_by_value


def test_movers_between_two_chosen_years(gera: Path) -> None:
    at = run_page(TREND, trend="Größte Veränderungen")
    assert has(at, "SGB-II-Quote 2019–2024: Verbessert ha")
    at.selectbox(key="von_jahr").select(2015).run()
    assert has(at, "SGB-II-Quote 2015–2024")
    at.selectbox(key="bis_jahr").select(2016).run()
    at.selectbox(key="von_jahr").select(2020).run()
    assert any("„Von“-Jahr vor dem „Bis“-Jahr" in w.value for w in at.warning)


def test_movers_of_a_neutral_indicator(gera: Path) -> None:
    at = run_page(TREND, trend="Größte Veränderungen", indikator="einwohner")
    assert has(at, "Neutraler Indikator")
    assert has(at, "Erhöht ha")


def test_trend_pages_on_a_tiny_folder(klein: Path) -> None:
    for tab in TREND_TABS:
        at = run_page(TREND, trend=tab)
        assert not at.exception, (tab, at.exception)
        assert at.title[0].value == "Entwicklung: SGB-II-Quote" and charts(at) == 1, tab


# --- Vergleich -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tab", COMPARE_TABS)
def test_every_comparison_view_renders(gera: Path, tab: str) -> None:
    at = run_page(COMPARE, vergleich=tab, gebiete="05,01")
    assert not at.exception, at.exception
    assert at.title[0].value == "Vergleich der Gebiete"
    assert charts(at) == 1
    assert at.dataframe
    assert len(downloads(at)) == 2


def test_ranking_highlights_the_chosen_areas(gera: Path) -> None:
    at = run_page(COMPARE, gebiete="05,01")
    table = at.dataframe[0].value
    assert set(table.loc[table["Hervorgehoben"], "Gebiet"]) == {"Bieblach-Ost", "Stadtmitte"}
    assert has(at, "Den günstigsten Wert hat Gera-West")
    widget(at, "selectbox", "Indikator").select("sv_beschaeftigtenquote").run()
    assert has(at, "Beschäftigtenquote")


def test_side_by_side_up_to_five_areas_and_chosen_indicators(gera: Path) -> None:
    at = run_page(COMPARE, vergleich="Nebeneinander", gebiete="05,01")
    areas = at.multiselect(key="nebeneinander")
    assert areas.value == ["05", "01"]
    assert areas.max_selections == 5
    at.multiselect(key="indikatoren").set_value(["sgb2_quote", "einwohner"]).run()
    table = at.dataframe[0].value
    assert table["Indikator"].tolist() == ["SGB-II-Quote", "Einwohnerinnen und Einwohner"]
    assert list(table.columns)[-1] == "Gera gesamt"
    at.multiselect(key="nebeneinander").set_value([]).run()
    assert any("mindestens ein Gebiet" in i.value for i in at.info)


def test_scatter_shows_the_correlation_and_its_reading(gera: Path) -> None:
    at = run_page(COMPARE, vergleich="Streudiagramm")
    at.selectbox(key="x_indikator").select("sgb2_quote").run()
    at.selectbox(key="y_indikator").select("arbeitslosenquote").run()
    reading = next(t for t in texts(at) if t.startswith("r = "))
    assert "bei 12 Gebieten" in reading and "Zusammenhang" in reading
    assert "kein Beleg für eine Ursache" in reading
    assert list(at.dataframe[0].value.columns) == [
        "Gebiet", "SGB-II-Quote (%, 2024)", "Arbeitslosenquote (%, 2024)", "Einwohner"
    ]  # fmt: skip


def test_overview_matrix_band_and_indicators(gera: Path) -> None:
    at = run_page(COMPARE, vergleich="Übersichtsmatrix")
    summary = next(t for t in texts(at) if t.startswith("Bei "))
    at.select_slider(key="band").set_value(1.5).run()
    wider = next(t for t in texts(at) if t.startswith("Bei "))
    assert summary != wider  # a wider band: fewer cells worse than the city
    at.multiselect(key="matrix_indikatoren").set_value(["sgb2_quote", "einwohner"]).run()
    table = at.dataframe[0].value
    assert "Steckbrief" in table.columns
    assert table["Steckbrief"].str.match(r"^Steckbrief\?gebiet=\d\d$").all()
    assert table["Einwohner (Personen, 2024)"].str.startswith("· ").all()  # neutral: shown, not rated
    assert set(table["SGB-II-Quote (%, 2024)"].str[0]) <= {"+", "≈", "−"}


def test_comparison_pages_on_a_tiny_folder(klein: Path) -> None:
    for tab in COMPARE_TABS:
        at = run_page(COMPARE, vergleich=tab)
        assert not at.exception, (tab, at.exception)
        assert at.title[0].value == "Vergleich der Gebiete" and charts(at) == 1, tab


# --- Sozialindex ------------------------------------------------------------------------------------------------


def test_social_index_defaults_for_gera(gera: Path) -> None:
    at = run_page(INDEX)
    assert not at.exception, at.exception
    assert at.multiselect(key="status").value == ["sgb2_quote", "sgb2_kinder_quote", "arbeitslosenquote"]
    assert has(at, "von 12 Gebieten")
    method = at.info[-1].value
    assert "Statusindex: SGB-II-Quote, SGB-II-Quote der Kinder unter 15 Jahren und Arbeitslosenquote" in method
    assert "gleich gewichtet" in method
    assert any(s.value == "Gesamttypen: Status und Dynamik" for s in at.header)
    assert len(downloads(at)) == 4  # index table and types table, CSV and Excel each
    index_table = next(d for d in at.dataframe if "gebiet_id" in d.value.columns)
    assert json.loads(index_table.proto.columns)["gebiet_id"]["label"] == "Kennziffer"  # no raw column name


def test_social_index_min_population_leaves_areas_out_and_says_so(gera: Path) -> None:
    at = run_page(INDEX)
    at.number_input(key="mindestgroesse").set_value(6000).run()
    assert has(at, "Nicht eingestuft (")
    assert has(at, "weniger als 6000\u00a0Einwohner")
    assert "Gebiete mit weniger als 6000 Einwohnerinnen und Einwohnern" in at.info[-1].value


def test_social_index_weights_limits_and_dynamics(gera: Path) -> None:
    at = run_page(INDEX)
    at.selectbox(key="gewicht_sgb2_quote").select(2.0).run()
    assert "SGB-II-Quote (Gewicht 2)" in at.info[-1].value
    at.select_slider(key="grenze_s1").set_value(-0.5).run()
    assert "1 hoch (z unter −0,5)" in at.info[-1].value
    at.select_slider(key="grenze_s2").set_value(-1.0).run()
    assert any("Klassengrenzen" in e.value for e in at.error)
    at.select_slider(key="grenze_s2").set_value(1.0).run()
    at.multiselect(key="dynamik").set_value([]).run()
    assert not at.error
    assert not any(s.value.startswith("Gesamttypen") for s in at.header)
    assert "Dynamikindex" not in at.info[-1].value


def test_social_index_needs_a_status_indicator(gera: Path) -> None:
    at = run_page(INDEX)
    at.multiselect(key="status").set_value([]).run()
    assert any("mindestens einen Indikator" in e.value for e in at.error)


def test_social_index_on_a_tiny_folder(klein: Path) -> None:
    at = run_page(INDEX)
    assert not at.exception, at.exception
    assert at.multiselect(key="status").value == ["quote"]
