"""Browser at 390×844 (phone): the main choice is on the page, the Entwicklung chart's toolbar leaves its
title free and its year labels whole, and the Karte table shows all its rows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from sozialraum import auth
from tests.e2e.conftest import goto_app, wait_until_settled

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and (a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])
    )


@pytest.mark.parametrize(("path", "label"), [("/Karte", "Indikator"), ("/Entwicklung", "Indikator"),
                                             ("/Steckbrief?gebiet=01", "Sozialraum")])  # fmt: skip
def test_the_main_choice_is_visible_without_opening_the_sidebar(
    page: Page, public_server: str, path: str, label: str
) -> None:
    page.set_viewport_size(PHONE)
    goto_app(page, public_server + path)
    choice = page.get_by_test_id("stMain").get_by_role("combobox", name=label)
    expect(choice).to_be_visible()
    box = choice.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_entwicklung_chart_toolbar_and_year_labels_at_phone_width(page: Page, public_server: str) -> None:
    page.set_viewport_size(PHONE)
    goto_app(page, public_server + "/Entwicklung")
    wait_until_settled(page)
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # shows the modebar
    modebar = chart.locator(".modebar-container .modebar")
    expect(modebar).to_be_visible()
    bar = modebar.bounding_box()
    titles = chart.locator(".gtitle")
    for i in range(titles.count()):  # a title inside the figure must not lie under the toolbar
        title = titles.nth(i).bounding_box()
        assert title is None or not _overlap(bar, title), (bar, title)
    heading = page.get_by_role("heading", name="SGB-II-Quote: Absolut")
    expect(heading).to_be_visible()
    ticks = chart.locator(".xtick text")
    labels = [ticks.nth(i).text_content() for i in range(ticks.count())]
    assert labels and all(t is not None and len(t) == 4 and t.isdigit() for t in labels), labels
    svg = chart.locator("svg.main-svg").first.bounding_box()
    for i in range(ticks.count()):  # every year label lies whole inside the chart
        tick = ticks.nth(i).bounding_box()
        assert tick is not None and svg is not None
        assert tick["x"] >= svg["x"] and tick["x"] + tick["width"] <= svg["x"] + svg["width"]
        assert tick["y"] + tick["height"] <= svg["y"] + svg["height"]
        assert tick["width"] > tick["height"], labels  # upright: wider than tall


def test_karte_table_shows_all_rows_without_an_inner_scroll(page: Page, public_server: str) -> None:
    page.set_viewport_size(PHONE)
    goto_app(page, public_server + "/Karte")
    scroller = page.locator("[data-testid=stDataFrame] .dvn-scroller").first
    scroller.scroll_into_view_if_needed()
    expect(scroller).to_be_visible()
    sizes = scroller.evaluate("e => [e.scrollHeight, e.clientHeight]")
    assert sizes[0] <= sizes[1], sizes
