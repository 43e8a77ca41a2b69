"""Issue 18, item 13 (cut and overlapping labels), at 1366×768 and 390×844 in the public view.

- chosen indicators in a multiselect are shown in full: "SGB-II-Quote" and "SGB-II-Quote der Kinder unter
  15 Jahren" were both cut to "SGB-II-Q…";
- the map's area names never lie on each other ("Untermhaus" under "Stadtmitte");
- the Steckbrief's trend panel titles are whole, inside their column."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from sozialraum import auth
from tests.e2e.conftest import MAP, goto_app, wait_until_settled

SIZES = {"laptop": (1366, 768), "phone": (390, 844)}


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


def _open(page: Page, url: str, size: str) -> None:
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    goto_app(page, url)
    wait_until_settled(page)


@pytest.mark.parametrize("size", SIZES)
def test_chosen_indicators_are_shown_in_full(page: Page, public_server: str, size: str) -> None:
    _open(page, public_server + "/Sozialindex", size)
    tags = page.locator('[data-testid="stMultiSelectTagsContainer"] [data-tag] > span').first
    expect(tags).to_be_attached()
    found = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMultiSelectTagsContainer"]')].map((box) => {
            const outer = box.getBoundingClientRect();
            return [...box.querySelectorAll('[data-tag] > span')].map((t) => {
              const r = t.getBoundingClientRect();
              return {text: t.textContent, cut: t.scrollWidth > t.clientWidth + 1,
                      outside: r.right > outer.right + 1 || r.bottom > outer.bottom + 1 || r.left < outer.left - 1};
            });
          }).flat()"""
    )
    texts = [t["text"] for t in found]
    assert "Soziale Lage · SGB-II-Quote der Kinder unter 15 Jahren" in texts, texts
    bad = [t for t in found if t["cut"] or t["outside"]]
    assert not bad, bad


@pytest.mark.parametrize("size", SIZES)
def test_area_names_on_the_map_never_overlap(page: Page, public_server: str, size: str) -> None:
    _open(page, public_server + "/Karte", size)
    labels = page.locator(f"{MAP} .sr-label > div")
    expect(labels).to_have_count(12, timeout=60_000)
    boxes = page.evaluate(
        """(sel) => [...document.querySelectorAll(sel)]
            .filter((el) => getComputedStyle(el).visibility !== 'hidden')
            .map((el) => { const r = el.getBoundingClientRect();
              return {name: el.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom}; })""",
        f"{MAP} .sr-label > div",
    )
    names = {b["name"] for b in boxes}
    assert {"Stadtmitte", "Untermhaus"} <= names or size == "phone", names  # on the laptop both are readable
    assert len(boxes) >= 8, names  # moved apart, not simply hidden
    clashes = [
        (a["name"], b["name"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]
    ]
    assert not clashes, clashes


@pytest.mark.parametrize("size", SIZES)
def test_steckbrief_panel_titles_are_whole_inside_their_column(page: Page, public_server: str, size: str) -> None:
    _open(page, public_server + "/Steckbrief?gebiet=01", size)
    title = page.get_by_text("Hilfen zur Erziehung (je 1.000 unter 21)", exact=True)
    title.scroll_into_view_if_needed()
    expect(title).to_be_visible()
    inside = title.evaluate(
        """(el) => { const col = el.closest('[data-testid="stColumn"]').getBoundingClientRect();
            const r = el.getBoundingClientRect();
            return r.left >= col.left - 1 && r.right <= col.right + 1 && el.scrollWidth <= el.clientWidth + 1; }"""
    )
    assert inside
