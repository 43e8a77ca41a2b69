"""The browser's Back and Forward buttons step through pages and choices, as on any website."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import choose_option, count_polygons, goto_app, wait_for_app, wait_until_settled


def test_back_undoes_the_last_choice_then_the_navigation(page: Page, app_server: str) -> None:
    goto_app(page, f"{app_server}/")
    wait_until_settled(page)
    start_heading = page.locator("h1").first.inner_text()
    link = page.get_by_role("link", name="Karte", exact=True).first
    box = link.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/Karte**")
    wait_for_app(page)
    count_polygons(page, minimum=1)
    wait_until_settled(page)
    expect(page.locator("h1").first).to_have_text("SGB-II-Quote 2024")
    karte_url = page.url
    assert "jahr=2024" in karte_url
    choose_option(page, "Jahr", "2020")
    wait_until_settled(page)
    expect(page.locator("h1").first).to_have_text("SGB-II-Quote 2020")
    assert "jahr=2020" in page.url

    page.go_back()  # undoes the choice: the year, in the URL, the heading and the widget
    expect(page).to_have_url(karte_url)
    expect(page.locator("h1").first).to_have_text("SGB-II-Quote 2024")
    expect(page.get_by_role("combobox", name="Jahr", exact=True)).to_have_value("2024")
    wait_until_settled(page)
    expect(page).to_have_url(karte_url)  # the run for Back does not write the old choice back

    page.go_back()  # undoes the navigation
    expect(page).to_have_url(re.compile(r"^http://[^/]+/(\?.*)?$"))
    expect(page.locator("h1").first).to_have_text(start_heading)

    page.go_forward()
    expect(page).to_have_url(karte_url)
    expect(page.locator("h1").first).to_have_text("SGB-II-Quote 2024")
