"""Browser tests: the social index as an indicator on the map (Gera data), in the profile, and the links
between the index page, the map and the profile. Screenshots in artifacts/screenshots/sozialindex_*.png."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_no_exception, count_polygons, goto_app, map_box, screenshot, wait_for_rerun

METHOD = "Statusindex nach dem Verfahren des Berliner Monitorings Soziale Stadtentwicklung"


def fills(page: Page) -> list[str]:
    return map_box(page).locator("path.leaflet-interactive").evaluate_all("els => els.map(e => e.getAttribute('fill'))")


def test_map_shows_the_status_index_with_method_and_source(page: Page, app_server: str) -> None:
    goto_app(page, f"{app_server}/Karte?indikator=sozialindex_status&jahr=2024")
    count_polygons(page, minimum=12)
    assert_no_exception(page)
    expect(page.locator("h1").first).to_contain_text("Sozialindex: Statusindex 2024")
    expect(map_box(page).locator(".sr-legend")).to_contain_text("Statusindex")
    assert len(set(fills(page))) > 1
    expect(page.get_by_text("Quelle: Berechnet aus: Statistik der Bundesagentur für Arbeit").first).to_be_visible()
    screenshot(page, "sozialindex_karte_bezirke")
    method = page.get_by_text(METHOD).first
    method.scroll_into_view_if_needed()
    expect(method).to_be_visible()
    screenshot(page, "sozialindex_karte_methode", full_page=False)


def test_map_of_the_index_on_the_smaller_level_shows_left_out_areas(page: Page, app_server: str) -> None:
    goto_app(page, f"{app_server}/Karte?indikator=sozialindex_status&jahr=2024&ebene=Gemeindeteil")
    count_polygons(page, minimum=72)
    assert_no_exception(page)
    expect(map_box(page).locator(".sr-legend")).to_contain_text("keine Angabe")
    screenshot(page, "sozialindex_karte_gemeindeteile")


def test_profile_shows_the_index_and_links_to_its_map(page: Page, app_server: str) -> None:
    goto_app(page, f"{app_server}/Steckbrief?gebiet=05")
    assert_no_exception(page)
    expect(page.get_by_role("heading", name="Sozialindex")).to_be_visible()
    expect(page.get_by_text("Gesamttyp 4-:")).to_be_visible()
    screenshot(page, "sozialindex_steckbrief")
    wait_for_rerun(page, lambda: page.get_by_role("link", name="Sozialindex auf der Karte").click())
    expect(page.locator("h1").first).to_contain_text("Sozialindex: Statusindex 2024")
    assert "indikator=sozialindex_status" in page.url


def test_index_page_links_to_the_map_of_the_index(page: Page, app_server: str) -> None:
    goto_app(page, f"{app_server}/Sozialindex")
    assert_no_exception(page)
    note = page.get_by_text("Diese Einstellungen entsprechen dem Sozialindex")
    note.scroll_into_view_if_needed()
    expect(note).to_be_visible()
    screenshot(page, "sozialindex_seite", full_page=False)
    wait_for_rerun(page, lambda: page.get_by_role("link", name="Statusindex 2024 auf der Karte").click())
    count_polygons(page, minimum=12)
    expect(page.locator("h1").first).to_contain_text("Sozialindex: Statusindex 2024")
