"""Browser tests of the trend, comparison and social index views on the bundled Gera data.

The `page` fixture blocks every request that would leave the machine and fails the test on one, so each
test here also shows that its view (and the PNG export of the charts) works offline.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from sozialraum import load_bundle
from sozialraum.compare import matrix_order, overview_matrix
from sozialraum.settings import DEFAULT_DATA_DIR
from sozialraum.sozialindex import rated_indicators
from tests.e2e.conftest import (
    assert_no_exception,
    count_polygons,
    goto_app,
    grid_cell,
    map_box,
    screenshot,
    select_grid_row,
    wait_for_rerun,
    wait_for_stable_layout,
)

VIEWS = [
    ("entwicklung_zeitverlauf", "/Entwicklung?gebiete=05,11", "plotly"),
    ("entwicklung_alle_gebiete", "/Entwicklung?trend=Alle+Gebiete", "plotly"),
    ("entwicklung_veraenderungen", "/Entwicklung?trend=Gr%C3%B6%C3%9Fte+Ver%C3%A4nderungen", "plotly"),
    ("vergleich_rangfolge", "/Vergleich?gebiete=05,01", "plotly"),
    ("vergleich_nebeneinander", "/Vergleich?vergleich=Nebeneinander&gebiete=05,01", "plotly"),
    ("vergleich_streudiagramm", "/Vergleich?vergleich=Streudiagramm&gebiete=05", "plotly"),
    ("vergleich_uebersicht", "/Vergleich?vergleich=%C3%9Cbersichtsmatrix", "plotly"),
    ("sozialindex", "/Sozialindex", "map"),
]


def tall_screenshot(page: Page, name: str, height: int = 2600) -> None:
    """Streamlit scrolls inside the app, so a full-page shot shows only the viewport: make it tall first."""
    size = page.viewport_size
    page.set_viewport_size({"width": 1440, "height": height})
    wait_for_stable_layout(page)  # plotly and the map resize to the new viewport
    screenshot(page, name)
    if size:
        page.set_viewport_size(size)


@pytest.mark.parametrize(("name", "path", "kind"), VIEWS, ids=[v[0] for v in VIEWS])
def test_each_view_renders_offline_with_table_and_downloads(
    page: Page, app_server: str, name: str, path: str, kind: str
) -> None:
    goto_app(page, app_server + path)
    assert_no_exception(page)
    if kind == "plotly":
        chart = page.locator(".js-plotly-plot").first
        expect(chart).to_be_visible()
        expect(chart.locator(".main-svg").first).to_be_attached()
    else:
        count_polygons(page, minimum=12)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(page.get_by_role("button", name="Tabelle als CSV herunterladen").first).to_be_visible()
    expect(page.get_by_role("button", name="Tabelle als Excel herunterladen").first).to_be_visible()
    tall_screenshot(page, f"gera_{name}")


def test_trend_view_switch_redraws_the_chart_and_updates_the_url(page: Page, app_server: str) -> None:
    goto_app(page, app_server + "/Entwicklung?gebiete=05")
    y_title = page.locator(".js-plotly-plot .ytitle").first
    expect(y_title).to_have_text("%")
    wait_for_rerun(page, lambda: page.get_by_role("radio", name="Index", exact=True).click())
    expect(y_title).to_have_text("Index (2015 = 100)")
    expect(page.get_by_text("Gemessen am Basisjahr 2015 (= 100)")).to_be_visible()
    assert "darstellung=Index" in page.url
    wait_for_rerun(page, lambda: page.get_by_role("radio", name="Veränderung", exact=True).click())
    expect(y_title).to_have_text("Prozentpunkte seit 2015")
    assert_no_exception(page)


def test_comparison_tabs_are_in_the_url(page: Page, app_server: str) -> None:
    goto_app(page, app_server + "/Vergleich")
    wait_for_rerun(page, lambda: page.get_by_role("tab", name="Streudiagramm").click())
    expect(page.get_by_text("kein Beleg für eine Ursache")).to_be_visible()
    assert "vergleich=Streudiagramm" in page.url
    expect(page.locator(".js-plotly-plot .gtitle").first).to_contain_text("r = ")


def test_png_export_of_a_chart_works_offline(page: Page, app_server: str) -> None:
    """The modebar's camera button renders the PNG in the browser (blob URL); the page fixture fails the
    test if anything tried to leave the machine."""
    goto_app(page, app_server + "/Vergleich")
    chart = page.locator(".js-plotly-plot").first
    chart.hover()
    camera = page.locator('.modebar-btn[data-title="Als PNG-Bild speichern"]').first
    with page.expect_download() as info:
        camera.click()
    download = info.value
    assert download.suggested_filename == "sgb2_quote_2024_rangfolge.png"
    assert download.url.startswith(("blob:", "data:"))
    with open(download.path(), "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


def test_selecting_a_matrix_row_opens_that_areas_profile(page: Page, app_server: str) -> None:
    bundle = load_bundle(DEFAULT_DATA_DIR)
    ordered = list(bundle.catalogue.sort_values(["thema", "name"]).index)
    rated = [i for i in ordered if i in set(rated_indicators(bundle.catalogue))][:10]
    matrix = overview_matrix(bundle.values, bundle.areas, bundle.city, bundle.catalogue, rated, 2024)
    third = bundle.area_name(matrix_order(matrix)[2])
    goto_app(page, app_server + "/Vergleich?vergleich=%C3%9Cbersichtsmatrix")
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    expect(grid_cell(grid, 2, 1)).to_have_text(third)  # the third row, in the grid's accessibility table
    select_grid_row(page, grid, 2)
    expect(page.locator("h1").first).to_have_text(f"Steckbrief {third}")
    assert_no_exception(page)


def test_social_index_min_population_leaves_areas_out_on_the_map(page: Page, app_server: str) -> None:
    goto_app(page, app_server + "/Sozialindex")
    count_polygons(page, minimum=12)
    legend = map_box(page).locator(".sr-legend")
    expect(legend).to_contain_text("1 hoch")
    expect(legend).not_to_contain_text("nicht eingestuft")
    field = page.get_by_label("Mindestgröße (Einwohner je Gebiet)", exact=True)

    def raise_minimum() -> None:
        field.fill("6000")
        field.press("Enter")

    wait_for_rerun(page, raise_minimum)
    expect(legend).to_contain_text("nicht eingestuft")
    expect(page.get_by_text(re.compile(r"^Nicht eingestuft \(\d+\):"))).to_be_visible()  # the note below the map
    assert_no_exception(page)
    tall_screenshot(page, "gera_sozialindex_mindestgroesse")
