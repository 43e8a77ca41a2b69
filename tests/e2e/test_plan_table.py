"""Issue 18, item 11: the Sozialplan's table of measures fits its box at 1366 px (no sideways scrolling)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.conftest import goto_app, wait_until_settled

OVERFLOW = """() => {
  const grid = document.querySelector('[data-testid="stDataFrame"]');
  const scroller = grid.querySelector('.dvn-scroller');
  return {box: grid.getBoundingClientRect().width, inner: scroller.scrollWidth, visible: scroller.clientWidth};
}"""


def test_measures_table_fits_its_box(page: Page, app_server: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    goto_app(page, app_server + "/Sozialplan?ansicht=Ma%C3%9Fnahmen")
    wait_until_settled(page)
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('[data-testid=\"stDataFrame\"] .dvn-scroller')")
    sizes = page.evaluate(OVERFLOW)
    assert sizes["inner"] <= sizes["visible"] + 1, sizes
