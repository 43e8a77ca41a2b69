"""Browser tests against a real `streamlit run`: every page, the map, deep links, offline.

The `page` fixture blocks and fails on every non-local request and on console errors.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sozialraum import load_bundle
from sozialraum.settings import DEFAULT_DATA_DIR
from tests.e2e.conftest import (
    assert_no_exception,
    choose_option,
    count_polygons,
    goto_app,
    map_box,
    screenshot,
    wait_for_rerun,
    wait_until_settled,
)

PAGES = ["/", "/Karte", "/Entwicklung", "/Sozialplan", "/Daten_und_Quellen", "/Steckbrief"]


@pytest.fixture(scope="module")
def gera() -> tuple[str, int]:
    bundle = load_bundle(DEFAULT_DATA_DIR)
    return bundle.settings.standard_indikator, len(bundle.areas)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_without_error(page: Page, app_server: str, path: str) -> None:
    goto_app(page, app_server + path)
    assert_no_exception(page)
    expect(page.locator("h1").first).to_be_visible()
    if path == "/Karte":
        count_polygons(page, minimum=1)
    screenshot(page, f"gera{path.replace('/', '_') or '_start'}")


def test_map_shows_one_polygon_per_area(page: Page, app_server: str, gera: tuple[str, int]) -> None:
    _, areas = gera
    goto_app(page, app_server + "/Karte")
    assert count_polygons(page, minimum=areas) == areas
    legend = map_box(page).locator(".sr-legend")
    expect(legend).to_contain_text("Gebiete")


def test_cold_deep_link_reproduces_indicator_year_and_area(
    page: Page, start_server: Callable[..., str], gera: tuple[str, int]
) -> None:
    """First request on a freshly started server goes straight to a page URL (a QR code, a bookmark)."""
    bundle = load_bundle(DEFAULT_DATA_DIR)
    indikator = next(i for i in bundle.catalogue.index if i != gera[0])
    jahr = bundle.years[-3]
    gebiet = bundle.areas["gebiet_id"].iloc[2]
    url = start_server(extra_env={"SOZIALRAUM_TEST_SERVER": "cold-deep-link"})
    goto_app(page, f"{url}/Karte?indikator={indikator}&jahr={jahr}&gebiet={gebiet}")
    expect(page.locator("h1").first).to_have_text(f"{bundle.catalogue.at[indikator, 'name']} {jahr}")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("combobox", name="Gebiet hervorheben")).to_have_value(bundle.area_name(gebiet))
    expect(sidebar.get_by_role("combobox", name="Jahr", exact=True)).to_have_value(str(jahr))
    expect(sidebar.get_by_role("link", name="Übersicht")).to_be_visible()  # German navigation present
    count_polygons(page, minimum=len(bundle.areas))
    assert f"gebiet={gebiet}" in page.url and f"jahr={jahr}" in page.url


def test_changing_the_indicator_recolours_the_map_and_updates_the_url(page: Page, app_server: str) -> None:
    bundle = load_bundle(DEFAULT_DATA_DIR)
    other = next(i for i in bundle.catalogue.index if i != bundle.settings.standard_indikator)
    goto_app(page, app_server + "/Karte")
    count_polygons(page, minimum=len(bundle.areas))
    wait_until_settled(page)
    paths = map_box(page).locator("path.leaflet-interactive")
    before = paths.evaluate_all("els => els.map(e => e.getAttribute('fill'))")
    choose_option(page, "Indikator", f"{bundle.catalogue.at[other, 'thema']} · {bundle.catalogue.at[other, 'name']}")
    expect(page.locator("h1").first).to_contain_text(str(bundle.catalogue.at[other, "name"]))
    assert f"indikator={other}" in page.url
    page.wait_for_function(
        """before => {
            const now = [...document.querySelectorAll('.sr-karte path.leaflet-interactive')]
                .map(e => e.getAttribute('fill'));
            return now.length === before.length && now.join() !== before.join();
        }""",
        arg=before,
    )


def test_navigation_keeps_the_selection(page: Page, app_server: str) -> None:
    bundle = load_bundle(DEFAULT_DATA_DIR)
    gebiet = bundle.areas["gebiet_id"].iloc[4]
    goto_app(page, f"{app_server}/Karte?gebiet={gebiet}")
    wait_for_rerun(page, lambda: page.get_by_test_id("stSidebar").get_by_role("link", name="Steckbrief").click())
    expect(page.locator("h1").first).to_have_text(f"Steckbrief {bundle.area_name(gebiet)}")
    assert f"gebiet={gebiet}" in page.url


def test_jena_real_data_map(page: Page, start_server: Callable[..., str], realdata: Path, tmp_path_factory) -> None:
    from sozialraum.realdata.jena import convert_jena

    target = tmp_path_factory.mktemp("jena") / "jena"
    convert_jena(realdata / "jena", target)
    url = start_server(data_dir=target)
    goto_app(page, url + "/Karte")
    assert count_polygons(page, minimum=41) == 41
    assert_no_exception(page)
    screenshot(page, "jena_karte")
    goto_app(page, url + "/Entwicklung")
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    screenshot(page, "jena_entwicklung")
