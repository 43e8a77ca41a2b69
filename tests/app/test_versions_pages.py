"""AppTest: map and trends on a folder with two geometry versions under a stable Bezirk level."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sozialraum.settings import DATA_DIR_ENV
from tests.app.test_pages import run_page
from tests.unit.conftest import write_folder
from tests.unit.test_versions import CATALOGUE, NEW, VALUES, versioned_areas

# a second year per version, so that each segment is a line
MORE = "a1;quote;2019;12;120;120;1000;\na2;quote;2019;22;660;660;3000;\nb1;quote;2022;9;99;99;1100;\n"


@pytest.fixture
def versioned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    values = VALUES + MORE + "a1;einwohner;2019;1000;;;;\na2;einwohner;2019;3000;;;;\n"
    folder = write_folder(tmp_path / "versionen", gebiete_geojson=versioned_areas(), indikatoren_csv=CATALOGUE,
                          werte_csv=values, massnahmen_csv=None, massnahmen_verlauf_csv=None)  # fmt: skip
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


def test_map_switches_to_the_version_valid_in_the_year(versioned: Path) -> None:
    at = run_page("pages/1_Karte.py", ebene=NEW, jahr="2020", indikator="quote")
    assert not at.exception, at.exception
    assert at.title[0].value == "Quote 2020"
    assert len(at.info) == 1
    assert at.info[0].value.startswith("Für 2020 gilt die Gebietsversion „Teilraum (bis 2020)“ mit 2 Gebieten")
    assert any("Gebietsebene: Teilraum (bis 2020)" in c.value for c in at.caption)


def test_map_keeps_the_chosen_version_when_it_is_valid(versioned: Path) -> None:
    at = run_page("pages/1_Karte.py", ebene=NEW, jahr="2021", indikator="quote")
    assert not at.exception, at.exception
    assert not at.info
    assert any("Gebietsebene: Teilraum (ab 2021)" in c.value for c in at.caption)


def _traces(at) -> list[dict]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return spec["data"]


def test_trend_breaks_at_the_change_and_says_why(versioned: Path) -> None:
    at = run_page("pages/2_Entwicklung.py", ebene=NEW, indikator="quote", gebiete="b1,b2")
    assert not at.exception, at.exception
    traces = {t["name"]: t for t in _traces(at)}
    # b1 continues a1 (1:1): both segments, same colour, never one segment across 2020/2021
    assert traces["Alt Nord (bis 2020)"]["x"] == [2019, 2020]
    assert traces["Neu Nord (ab 2021)"]["x"] == [2021, 2022]
    assert traces["Alt Nord (bis 2020)"]["line"]["color"] == traces["Neu Nord (ab 2021)"]["line"]["color"]
    assert "Alt Süd (bis 2020)" not in traces  # a2 was split: b2 starts at the change
    areas = [t for t in traces.values() if t["line"]["dash"] != "dash"]  # the city (dashed) is one series
    assert len(areas) == 3 and all(not ({2020, 2021} <= set(t["x"])) for t in areas)
    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    assert any("Gebietsreform 2021" in a["text"] for a in layout["annotations"])
    sentence = next(m.value for m in at.markdown if m.value.startswith("Die Linien brechen"))
    assert "zwischen 2020 und 2021" in sentence and "„Teilraum (ab 2021)“ mit 3 Gebieten" in sentence


def test_stable_level_runs_through_the_change(versioned: Path) -> None:
    at = run_page("pages/2_Entwicklung.py", ebene="Bezirk", indikator="einwohner", gebiete="1")
    assert not at.exception, at.exception
    line = next(t for t in _traces(at) if t["name"] == "Bezirk Eins")
    assert line["x"] == [2019, 2020, 2021] and line["y"] == [4000, 4000, 4200]
    assert not any(m.value.startswith("Die Linien brechen") for m in at.markdown)
    assert any("von der Gebietsreform nicht betroffen" in c.value for c in at.caption)


def test_change_view_stays_within_one_version_and_says_so(versioned: Path) -> None:
    at = run_page("pages/1_Karte.py", ebene=NEW, jahr="2021", indikator="quote", ansicht="veraenderung")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.title[0].value == "Quote 2021"  # no earlier year in this version: the values instead
    assert any(i.value.startswith("Eine Veränderung lässt sich nur innerhalb einer Gebietsversion") for i in at.info)
    at = run_page("pages/1_Karte.py", ebene=NEW, jahr="2022", indikator="quote", ansicht="veraenderung")
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.title[0].value == "Quote: Veränderung 2021–2022"
    assert not at.info
