"""Browser check of the imported real cities: the map shows one polygon per area, a trend renders.

Each city is imported with its committed mapping from ../shared/realdata into tmp_path (never into
the repository); screenshots go to artifacts/screenshots/import_<city>_{karte,entwicklung}.png.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sozialraum import load_bundle
from sozialraum.importer import read_mapping, run_import
from tests.e2e.conftest import assert_no_exception, count_polygons, goto_app, screenshot

MAPPINGS = Path(__file__).resolve().parents[2] / "mappings"
# city → (indicator for the map, indicator with several years for the trend)
CITIES = {
    "berlin2021": ("transferbezug_anteil", "auslaender_anteil"),
    "hamburg": ("sgb2_anteil", "sgb2_anteil"),
    "jena": ("einpersonen_anteil", "einpersonen_anteil"),
    "koeln": ("migration_anteil", "ab65_anteil"),
    "leipzig": ("auslaender_anteil", "auslaender_anteil"),
}


@pytest.fixture(scope="module")
def imported(realdata: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("import-e2e")
    folders = {}
    for city in CITIES:
        mapping = MAPPINGS / f"{city}.toml"
        source = realdata / read_mapping(mapping).quelle.name
        run_import(mapping, quelle=source, ziel=root / city)
        folders[city] = root / city
    return folders


@pytest.mark.parametrize("city", list(CITIES))
def test_imported_city_map_and_trend(
    page: Page, start_server: Callable[..., str], imported: dict[str, Path], city: str
) -> None:
    folder = imported[city]
    bundle = load_bundle(folder)
    map_indicator, trend_indicator = CITIES[city]
    url = start_server(data_dir=folder)
    year = int(bundle.values.loc[bundle.values["indikator_id"] == map_indicator, "jahr"].max())
    goto_app(page, f"{url}/Karte?indikator={map_indicator}&jahr={year}")
    assert_no_exception(page)
    expect(page.locator("h1").first).to_contain_text(str(bundle.catalogue.at[map_indicator, "name"]))
    assert count_polygons(page, minimum=len(bundle.areas)) == len(bundle.areas)
    screenshot(page, f"import_{city}_karte")
    goto_app(page, f"{url}/Entwicklung?indikator={trend_indicator}")
    assert_no_exception(page)
    expect(page.locator("h1").first).to_contain_text("Entwicklung")
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    screenshot(page, f"import_{city}_entwicklung")
