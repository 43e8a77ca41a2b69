"""Browser tests of the Sozialplan pages: overview, one measure, the time line, changes, the
printable report. The `page` fixture blocks and fails on every non-local request."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

from playwright.sync_api import Page, expect

from sozialraum import load_bundle
from sozialraum.settings import DEFAULT_DATA_DIR
from tests.e2e.conftest import (
    SCREENSHOT_DIR,
    assert_no_exception,
    count_polygons,
    goto_app,
    grid_cell,
    open_grid_link,
    screenshot,
    select_grid_row,
    wait_for_rerun,
    wait_for_stable_layout,
)

WIDTH = 1440


def whole_page(page: Page, name: str) -> None:
    """Screenshot of the whole page: Streamlit scrolls inside its main area, so the viewport is
    made as tall as that content first (a full-page screenshot alone shows one screen)."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": WIDTH, "height": min(int(height) + 40, 12_000)})
    wait_for_stable_layout(page)  # plotly and the grid redraw at the new size
    screenshot(page, name)
    page.set_viewport_size({"width": WIDTH, "height": 1000})


def test_overview_with_drill_down(page: Page, app_server: str) -> None:
    goto_app(page, app_server + "/Sozialplan")
    assert_no_exception(page)
    expect(page.locator("h1").first).to_have_text("Sozialplan: Umsetzungsstand")
    expect(page.get_by_text("118 von 118 Maßnahmen")).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    expect(page.get_by_test_id("stMetric").filter(has_text="Geplantes Ende überschritten")).to_be_visible()
    expander = page.get_by_test_id("stExpander").filter(has_text="HF 2: Familie und Sorgearbeit")
    expander.locator("summary").click()
    expect(expander.get_by_text("Ziel 2.1: Weniger Kinder in Gera wachsen in Armut auf")).to_be_visible()
    expect(expander.get_by_text("Ziel: SGB-II-Quote der Kinder unter 15 Jahren 25,0 % bis 2028")).to_be_visible()
    whole_page(page, "plan_overview")


def test_filter_and_table_with_links(page: Page, app_server: str) -> None:
    goto_app(page, app_server + "/Sozialplan?ansicht=Ma%C3%9Fnahmen&hf=3")
    assert_no_exception(page)
    count = len(load_bundle(DEFAULT_DATA_DIR).plan.goals.query("handlungsfeld_id == '3'"))
    assert count > 0
    expect(page.get_by_text(re.compile(r"^\d+ von 118 Maßnahmen"))).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    expect(page.get_by_role("button", name="Beides als Excel (zwei Tabellenblätter)")).to_be_visible()

    def choose_status() -> None:
        page.get_by_test_id("stSelectbox").filter(has_text="Status").first.click()
        page.get_by_role("option", name="umgesetzt", exact=True).click()

    wait_for_rerun(page, choose_status)
    assert "status=umgesetzt" in page.url and "hf=3" in page.url
    expect(page.get_by_text(re.compile(r"^\d von 118 Maßnahmen"))).to_be_visible()
    with page.expect_download() as info:
        page.get_by_role("button", name="Maßnahmen als CSV").click()
    text = info.value.path().read_text(encoding="utf-8-sig")
    assert "# Quelle: Sozialplanung" in text and "massnahme_id;ziel_id;titel" in text
    assert all(";umgesetzt;" in line for line in text.splitlines() if line.startswith("3."))
    whole_page(page, "plan_table_filtered")


def test_one_measure(page: Page, app_server: str) -> None:
    bundle = load_bundle(DEFAULT_DATA_DIR)
    goto_app(page, app_server + "/Massnahme?massnahme=2.1.2")
    assert_no_exception(page)
    expect(page.locator("h1").first).to_contain_text("Maßnahme 2.1.2")
    assert count_polygons(page, minimum=len(bundle.areas)) == len(bundle.areas)
    expect(page.get_by_text("Statusverlauf", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Ziel: Der Wert für „SGB-II-Quote der Kinder"))).to_be_visible()
    # history, planned/actual bar and two indicator charts
    expect(page.locator(".js-plotly-plot")).to_have_count(4)
    target = page.locator(".js-plotly-plot").nth(2).locator("text", has_text="Ziel 2028")
    expect(target.first).to_be_attached()
    whole_page(page, "plan_measure_2.1.2")


def test_city_wide_measure_and_bad_id(page: Page, app_server: str) -> None:
    goto_app(page, app_server + "/Massnahme?massnahme=1.1.2")
    assert_no_exception(page)
    expect(page.get_by_text("Die Maßnahme wirkt gesamtstädtisch")).to_be_visible()
    whole_page(page, "plan_measure_1.1.2")
    goto_app(page, app_server + "/Massnahme?massnahme=9.9.9")
    assert_no_exception(page)
    expect(page.get_by_text("Eine Maßnahme mit der Nummer „9.9.9“ gibt es im Sozialplan nicht.")).to_be_visible()


def test_gantt_view(page: Page, app_server: str) -> None:
    goto_app(page, app_server + "/Sozialplan")

    def open_tab() -> None:
        page.get_by_role("tab", name="Zeitplan").click()

    wait_for_rerun(page, open_tab)
    assert "ansicht=Zeitplan" in page.url
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    expect(chart.locator("text", has_text=f"heute ({date.today():%d.%m.%Y})").first).to_be_attached()
    assert chart.locator("g.point path").count() > 10  # planned and actual bars
    expect(page.get_by_text(re.compile(r"^Von \d+ Maßnahmen sollen laut Plan heute"))).to_be_visible()
    whole_page(page, "plan_gantt")


def test_changes_since(page: Page, app_server: str) -> None:
    goto_app(page, app_server + "/Sozialplan?ansicht=" + quote("Änderungen") + "&seit=2026-01-01")
    assert_no_exception(page)
    expect(page.get_by_role("heading", name="Änderungen seit dem 01.01.2026")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Seit dem 01\.01\.2026 hat sich bei \d+ von 118"))).to_be_visible()
    whole_page(page, "plan_changes")


def test_printable_report(page: Page, app_server: str) -> None:
    goto_app(page, app_server + "/Fortschrittsbericht")
    assert_no_exception(page)
    expect(page.locator("h1").first).to_have_text("Fortschrittsbericht Gera")
    expect(page.get_by_text(re.compile(r"^Erstellt am \d\d\.\d\d\.\d{4} · Stand der Statusmeldungen"))).to_be_visible()
    whole_page(page, "plan_report_screen")
    page.evaluate("() => { window.__printed = false; window.print = () => { window.__printed = true; }; }")
    page.get_by_role("button", name="Bericht drucken (A4)").click()
    page.wait_for_function("() => window.__printed === true")
    page.emulate_media(media="print")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    page.set_viewport_size({"width": 680, "height": 1000})  # A4 minus 2 × 15 mm at 96 dpi
    wait_for_stable_layout(page)
    screenshot(page, "plan_report_print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    (SCREENSHOT_DIR / "plan_report.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 5, f"the whole report prints, not only the visible part ({pages} pages)"


def test_table_row_opens_the_measure(page: Page, app_server: str) -> None:
    goto_app(page, app_server + "/Sozialplan?ansicht=Ma%C3%9Fnahmen&hf=5")
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible()
    grid.scroll_into_view_if_needed()
    # the link in the Nr. column opens the measure page in a new tab (Enter shows the cell's link)
    expect(grid_cell(grid, 0, 1)).to_have_text("Massnahme?massnahme=5.1.1")
    link = open_grid_link(page, grid, 0, 1)
    expect(link).to_have_text("5.1.1")
    box = link.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    with page.context.expect_page() as popup:
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    opened = popup.value
    opened.wait_for_load_state()
    assert "/Massnahme?massnahme=5.1.1" in opened.url
    expect(opened.locator("h1").first).to_contain_text("Maßnahme 5.1.1", timeout=60_000)
    opened.close()
    # selecting the row offers a link that opens it in this tab
    page.keyboard.press("Escape")  # close the link overlay
    select_grid_row(page, grid, 1)
    link = page.get_by_role("link", name="Maßnahme 5.1.2 öffnen")
    expect(link).to_be_visible()
    wait_for_rerun(page, link.click)
    expect(page.locator("h1").first).to_contain_text("Maßnahme 5.1.2")
    assert "massnahme=5.1.2" in page.url
