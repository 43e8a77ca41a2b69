"""The Sozialbericht's web edition in Chromium, opened as files with outside requests blocked: every
page renders and every map draws one polygon per area; screenshots on desktop and phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from sozialraum.bericht import Result, build_report
from sozialraum.settings import DEFAULT_DATA_DIR
from tests.e2e.conftest import screenshot

AREAS = 12  # Gera's Bezirke, the main level of the maps


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Result:
    return build_report(DEFAULT_DATA_DIR, tmp_path_factory.mktemp("bericht") / "ausgabe")


def test_every_page_renders_and_every_map_draws_each_area(built: Result, page: Page) -> None:
    pages = sorted(built.web.glob("*.html"))
    maps_seen = 0
    for path in pages:
        page.goto(path.as_uri())
        page.locator("main h1").first.wait_for()
        maps = page.locator(".leaflet-karte")
        for index in range(maps.count()):
            box = maps.nth(index)
            box.scroll_into_view_if_needed()
            box.locator("path.leaflet-interactive").nth(AREAS - 1).wait_for(state="attached")
            assert box.locator("path.leaflet-interactive").count() == AREAS, path.name
            maps_seen += 1
    in_files = sum(p.read_text(encoding="utf-8").count('class="leaflet-karte"') for p in pages)
    # a map per indicator of the Handlungsfelder, the Sozialindex, a locator map per profile
    assert maps_seen == in_files >= 12 + 1 + 20


@pytest.mark.parametrize(("name", "size"), [("desktop", (1366, 768)), ("phone", (390, 844))])
def test_screenshots(built: Result, page: Page, name: str, size: tuple[int, int]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    for stem in ("index", "handlungsfeld-2", "gebiet-05"):
        page.goto((built.web / f"{stem}.html").as_uri())
        page.locator("main h1").first.wait_for()
        if page.locator(".leaflet-karte").count():
            page.locator(".leaflet-karte path.leaflet-interactive").first.wait_for(state="attached")
        screenshot(page, f"bericht-{stem}-{name}", full_page=False)
    assert Path(built.web / "index.html").is_file()
