"""Browser tests of the map: class methods, comparison and change views, click-through."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from sozialraum import auth, load_bundle
from sozialraum.settings import DEFAULT_DATA_DIR
from tests.e2e.conftest import (
    APP_TIMEOUT_MS,
    choose_option,
    count_polygons,
    goto_app,
    map_box,
    screenshot,
    wait_for_app,
    wait_until_settled,
)

_AREAS = load_bundle(DEFAULT_DATA_DIR).areas
AREAS = len(_AREAS)
IDS = dict(zip(_AREAS["name"], _AREAS["gebiet_id"], strict=True))


def fills(page: Page) -> list[str]:
    return map_box(page).locator("path.leaflet-interactive").evaluate_all("els => els.map(e => e.getAttribute('fill'))")


def legend(page: Page):
    return map_box(page).locator(".sr-legend")


def test_switching_the_class_method_changes_legend_and_colours(page: Page, app_server: str) -> None:
    goto_app(page, f"{app_server}/Karte?indikator=sgb2_quote&jahr=2024")
    count_polygons(page, minimum=AREAS)
    wait_until_settled(page)
    expect(legend(page)).to_contain_text("2,1 bis")
    before_legend, before_fills = legend(page).inner_text(), fills(page)
    choose_option(page, "Klassenbildung", "Standardabweichungen um den Stadtwert")
    expect(legend(page)).to_contain_text("Standardabweichungen um den Stadtwert")
    assert legend(page).inner_text() != before_legend
    page.wait_for_function(
        "before => { const now = [...document.querySelectorAll('.sr-karte path.leaflet-interactive')]"
        ".map(e => e.getAttribute('fill')); return now.join() !== before.join(); }",
        arg=before_fills,
    )
    screenshot(page, "karte_stdabw")


def test_comparison_view_names_better_and_worse(page: Page, app_server: str) -> None:
    goto_app(page, f"{app_server}/Karte?ansicht=vergleich&indikator=sgb2_quote&jahr=2024")
    count_polygons(page, minimum=AREAS)
    expect(legend(page)).to_contain_text("ungünstiger als die Stadt")
    expect(page.get_by_text("Im Vergleich mit der Gesamtstadt:")).to_be_visible()
    screenshot(page, "karte_vergleich")


def test_change_map_renders(page: Page, app_server: str) -> None:
    goto_app(page, f"{app_server}/Karte?ansicht=veraenderung&von=2016&jahr=2024&indikator=sgb2_kinder_quote")
    count_polygons(page, minimum=AREAS)
    expect(page.locator("h1").first).to_contain_text("Veränderung 2016–2024")
    expect(legend(page)).to_contain_text("Veränderung")
    assert len(set(fills(page))) > 1
    screenshot(page, "karte_veraenderung")


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


def area_centre(page: Page, name: str) -> tuple[float, float]:
    """Page coordinates of the named area's label point (inside the area, where its name is written)."""
    point = page.evaluate(
        """name => { const sr = window.__sr; let pt = null;
            sr.layer.eachLayer(l => { if (l.feature.properties.name !== name) { return; }
                const c = l.feature.properties.label, p = sr.map.latLngToContainerPoint([c[1], c[0]]);
                const r = sr.map.getContainer().getBoundingClientRect(); pt = [r.left + p.x, r.top + p.y]; });
            return pt; }""",
        name,
    )
    assert point, name
    return point[0], point[1]


@pytest.mark.parametrize("name", ["Stadtmitte", "Debschwitz", "Gera-Ost", "Gera-Nord", "Bieblach-Ost"])
def test_pointer_click_on_an_area_opens_its_profile(page: Page, public_server: str, name: str) -> None:
    """A person's click (pointer moved onto the area, pressed, released), as the first action once the
    map is drawn, on a laptop screen where the map reaches below the fold: Leaflet focused the map on
    mousedown and Streamlit's scrolling main element jumped, so the release landed elsewhere."""
    page.set_viewport_size({"width": 1366, "height": 768})
    goto_app(page, f"{public_server}/Karte")
    count_polygons(page, minimum=AREAS)
    page.wait_for_function("() => document.querySelector('.sr-karte[data-sr-loaded]')")
    expect(page.get_by_label("Klick auf ein Gebiet öffnet den Steckbrief")).to_be_checked()
    x, y = area_centre(page, name)
    if y > 768 - 60:  # below the fold: scrolled into sight, the map's bottom still below it (as reported)
        page.evaluate("dy => document.querySelector('[data-testid=stMain]').scrollBy(0, dy)", y - (768 - 60))
        x, y = area_centre(page, name)
    assert map_box(page).locator(".leaflet-container").bounding_box()["y"] + 560 > 768
    page.mouse.move(x, y)
    expect(map_box(page).locator(".leaflet-tooltip")).to_contain_text(name)
    page.mouse.down()
    assert area_centre(page, name) == (x, y)  # the page stays where the person pressed
    page.mouse.up()
    page.wait_for_url("**/Steckbrief?**", timeout=30_000)
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text(f"Steckbrief {name}")
    assert f"gebiet={IDS[name]}" in page.url
    if name == "Stadtmitte":
        screenshot(page, "steckbrief_nach_klick")


def test_facilities_layer_can_be_switched_on(page: Page, app_server: str) -> None:
    goto_app(page, f"{app_server}/Karte")
    count_polygons(page, minimum=AREAS)
    wait_until_settled(page)
    box = map_box(page)
    entries = legend(page).locator(".sr-legende-einrichtungen")
    expect(entries).to_be_hidden()  # the legend lists the facilities only while they are shown
    expect(box.locator(".leaflet-control-layers")).to_contain_text("Einrichtungen")
    box.get_by_label("Einrichtungen").check()
    expect(entries).to_be_visible()
    expect(entries).to_contain_text("Kita")
    expect(box.locator("path.leaflet-interactive")).to_have_count(AREAS + 40)
    box.locator("path.leaflet-interactive").last.hover(force=True)
    expect(box.locator(".leaflet-tooltip")).to_contain_text("Einrichtung")
    screenshot(page, "karte_einrichtungen")


def test_another_indicator_is_coloured_before_the_rerun_and_the_rerun_agrees(page: Page, app_server: str) -> None:
    """The map recolours from the other indicators' payloads the moment one is picked; the page's
    rerun then brings exactly the same colours and legend (docs/leistung.md)."""
    url = f"{app_server}/Karte?indikator=sgb2_quote&jahr=2024&ansicht=vergleich&band=15"
    # the first visitor of a view starts writing its payload file; from then on every visit gets it
    deadline = time.monotonic() + APP_TIMEOUT_MS / 1000
    while True:
        goto_app(page, url)
        count_polygons(page, minimum=AREAS)
        wait_until_settled(page)
        if page.evaluate("() => !!(window.__sr && window.__sr.variantsUrl)") or time.monotonic() > deadline:
            break
    page.wait_for_function("() => window.__sr && window.__sr.variants")
    map_box(page).evaluate(
        """c => { window.__early = null;
            new MutationObserver(() => { if (window.__early) { return; }
                window.__early = {id: c.getAttribute('data-sr-vorab'),
                    fills: [...c.querySelectorAll('path.leaflet-interactive')].map(e => e.getAttribute('fill')),
                    legend: c.querySelector('.sr-legend').innerHTML};
            }).observe(c, {attributes: true, attributeFilter: ['data-sr-vorab']}); }"""
    )
    before = fills(page)
    choose_option(page, "Indikator", "Soziale Lage · Quote der Grundsicherung im Alter")
    wait_until_settled(page)
    expect(page.locator("h1")).to_contain_text("Quote der Grundsicherung im Alter 2024")
    early = page.evaluate("window.__early")
    assert early is not None and early["id"] == "grundsicherung_65plus", early
    assert early["fills"] != before
    assert early["fills"] == fills(page)
    assert early["legend"] == legend(page).inner_html()
    expect(legend(page)).to_contain_text("Grundsicherung")


def test_geometry_arrives_packed_and_the_tooltip_stays_readable(page: Page, app_server: str) -> None:
    goto_app(page, f"{app_server}/Karte?indikator=sgb2_quote&jahr=2024")
    count_polygons(page, minimum=AREAS)
    loaded = page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
        ".filter(p => p.includes('/gebiete-'))"
    )
    # the gzip copy (sozialraum/fastmap.write_static), unpacked in the browser: no fallback to the plain file
    assert loaded and all(path.endswith(".json.gz") for path in loaded), loaded
    box = map_box(page).locator(".leaflet-container").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = map_box(page).locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("SGB-II-Quote 2024")
    expect(tooltip).to_contain_text("Datenstand")


# What covers a part of the map: the legend (it must not) and Leaflet's controls (the areas must fit between them).
_COVERAGE = """frame => {
    const rect = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const map = frame.matches('.leaflet-container') ? frame : frame.querySelector('.leaflet-container');
    return {map: rect(map), legend: rect(frame.querySelector('.sr-legend')),
            controls: [...map.querySelectorAll('.leaflet-control')].map(rect),
            areas: [...map.querySelectorAll('path.leaflet-interactive')].map(rect)};
}"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


@pytest.mark.parametrize("path", ["/Karte", "/Sozialindex"])
@pytest.mark.parametrize("viewport", [(1366, 768), (390, 844)], ids=["laptop", "phone"])
def test_the_legend_and_the_controls_never_cover_an_area(
    page: Page, public_server: str, path: str, viewport: tuple[int, int]
) -> None:
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    goto_app(page, public_server + path)
    count_polygons(page, minimum=AREAS)
    page.wait_for_function("() => document.querySelector('.sr-karte[data-sr-loaded]')")
    expect(legend(page)).to_be_visible()
    seen = map_box(page).evaluate(_COVERAGE)
    assert not _overlap(seen["legend"], seen["map"]), seen
    if viewport[0] < 500:  # on a phone below the map
        assert seen["legend"][1] >= seen["map"][3], seen
    for area in seen["areas"]:
        assert seen["map"][0] <= area[0] and area[2] <= seen["map"][2], (area, seen["map"])
        assert seen["map"][1] <= area[1] and area[3] <= seen["map"][3], (area, seen["map"])
        assert not any(_overlap(area, control) for control in seen["controls"]), (area, seen["controls"])
    screenshot(page, f"legende_{path.strip('/')}_{viewport[0]}")
