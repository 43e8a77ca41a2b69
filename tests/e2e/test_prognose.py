"""Browser: the Bevölkerungsprognose page draws its chart and follows the choice of figure and scenario."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_no_exception, choose_option, goto_app, screenshot, wait_for_rerun


def test_prognose_page_chart_and_scenario_choice(page: Page, app_server: str) -> None:
    goto_app(page, app_server + "/Bevoelkerungsprognose")
    assert_no_exception(page)
    expect(page.get_by_text("Prognose, Szenario „Trend“: In Gera gesamt leben 2035")).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    expect(page.locator(".js-plotly-plot .legendtext", has_text="Prognose: Trend")).to_have_count(1)
    choose_option(page, "Merkmal", "Menschen ab 80 Jahren")
    radio = page.get_by_test_id("stRadioGroup").get_by_text("Mehr Zuzug", exact=True)
    box = radio.bounding_box()
    assert box is not None

    def click() -> None:
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    wait_for_rerun(page, click)
    expect(page.get_by_text("Prognose, Szenario „Mehr Zuzug“: In Gera gesamt leben 2035")).to_be_visible()
    expect(page.get_by_text("Menschen ab 80 Jahren,", exact=False).first).to_be_visible()
    screenshot(page, "prognose_ab80_mehr_zuzug")
