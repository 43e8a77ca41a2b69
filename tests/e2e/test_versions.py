"""Browser check of geometry versions: Berlin (mappings/berlin.toml, real data) and a tiny folder.

Map: 2019 on the 448 old planning areas (with the sentence why), 2021 on the 542 new ones.
Trends: the line breaks at 2020/2021, the break is labelled in the chart and explained below it.
Screenshots: artifacts/screenshots/versionen_*.png.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from sozialraum.importer import run_import
from tests.e2e.conftest import assert_no_exception, count_polygons, goto_app, screenshot
from tests.unit.conftest import write_folder
from tests.unit.test_versions import CATALOGUE, NEW, VALUES, versioned_areas

MAPPING = Path(__file__).resolve().parents[2] / "mappings" / "berlin.toml"
BERLIN_NEW = quote("Planungsraum (ab 2021)")


@pytest.fixture(scope="module")
def berlin(realdata: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("versionen") / "berlin"
    run_import(MAPPING, quelle=realdata / "berlin", ziel=target)
    return target


def test_berlin_map_shows_each_year_on_its_geometry(page: Page, start_server: Callable[..., str], berlin: Path) -> None:
    url = start_server(data_dir=berlin)
    goto_app(page, f"{url}/Karte?ebene={BERLIN_NEW}&indikator=auslaender_anteil&jahr=2019")
    assert_no_exception(page)
    expect(page.locator("h1").first).to_contain_text("2019")
    expect(
        page.get_by_text("Für 2019 gilt die Gebietsversion „Planungsraum (bis 2020)“ mit 448 Gebieten")
    ).to_be_visible()
    assert count_polygons(page, minimum=448) == 448
    screenshot(page, "versionen_berlin_karte_2019")
    goto_app(page, f"{url}/Karte?ebene={BERLIN_NEW}&indikator=auslaender_anteil&jahr=2021")
    assert_no_exception(page)
    expect(page.locator("h1").first).to_contain_text("2021")
    assert count_polygons(page, minimum=542) == 542
    expect(page.get_by_text("Für 2021 gilt die Gebietsversion")).to_have_count(0)
    screenshot(page, "versionen_berlin_karte_2021")


def test_berlin_trend_breaks_at_the_change(page: Page, start_server: Callable[..., str], berlin: Path) -> None:
    url = start_server(data_dir=berlin)
    # Stülerstraße (1:1 predecessor 01011101), Großer Tiergarten (no 1:1 predecessor)
    goto_app(page, f"{url}/Entwicklung?ebene={BERLIN_NEW}&indikator=auslaender_anteil&gebiete=01100101,01100102")
    assert_no_exception(page)
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    expect(chart.get_by_text("Gebietsreform 2021: 542 statt 448 Gebiete")).to_be_visible()
    expect(page.get_by_text("Die Linien brechen zwischen 2020 und 2021")).to_be_visible()
    screenshot(page, "versionen_berlin_entwicklung")
    goto_app(page, f"{url}/Entwicklung?ebene=Bezirk&indikator=auslaender_anteil&gebiete=01,02")
    assert_no_exception(page)
    expect(page.get_by_text("Diese Ebene ist von der Gebietsreform nicht betroffen")).to_be_visible()
    screenshot(page, "versionen_berlin_entwicklung_bezirke")


def test_tiny_trend_break_without_real_data(page: Page, start_server: Callable[..., str], tmp_path: Path) -> None:
    values = VALUES + "a1;quote;2019;12;120;120;1000;\nb1;quote;2022;9;99;99;1100;\n"
    folder = write_folder(tmp_path / "versionen", gebiete_geojson=versioned_areas(), indikatoren_csv=CATALOGUE,
                          werte_csv=values, massnahmen_csv=None, massnahmen_verlauf_csv=None)  # fmt: skip
    url = start_server(data_dir=folder)
    goto_app(page, f"{url}/Entwicklung?ebene={quote(NEW)}&indikator=quote&gebiete=b1")
    assert_no_exception(page)
    chart = page.locator(".js-plotly-plot").first
    expect(chart.get_by_text("Gebietsreform 2021: 3 statt 2 Gebiete")).to_be_visible()
    # two separate lines (old and new segment): two area traces plus the dashed city
    assert chart.locator("g.scatterlayer g.trace").count() == 3
    expect(page.get_by_text("Die Linien brechen zwischen 2020 und 2021")).to_be_visible()
