"""Arabic layout in the browser (issue 22): numbers keep their order inside right-to-left text and the data
grid is mirrored. Measured in the DOM, not guessed from pixels: for every visible number followed by a unit
the browser's own glyph boxes (Range.getClientRects) must put "%" or a Latin unit to the right of the digits
and an Arabic unit to their left (Arabic reads the number first), and every minus or plus before its digits;
the grid's accessible table lists its columns in display order, so the area column must be the last one
(the right edge)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from sozialraum import auth
from sozialraum.i18n import Translator
from tests.e2e.conftest import goto_app, screenshot, wait_until_settled

AR = Translator("ar")
SLOW_MS = 240_000  # a cold server on a loaded machine: the first run reads all data
# Each visible text node: number+unit pairs and signs, compared by the x position of their glyphs.
ORDER = """() => {
  const unitAfter = /([+\\u2212\\-±]?)(\\d[\\d.,]*)\\u00a0(%|[A-Za-z\\u00c0-\\u024f\\u0600-\\u06ff²]+)/g;
  const signed = /[+\\u2212±](?=\\d)/g;
  const box = (node, at) => { const r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + 1);
    return r.getClientRects()[0]; };
  const result = {units: 0, signs: 0, problems: []};
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue;
    if (!/\\d/.test(text) || !node.parentElement || !node.parentElement.getClientRects().length) continue;
    if (node.parentElement.closest('[lang="de"], script, style')) continue;  // German data reads left to right
    for (const m of text.matchAll(unitAfter)) {
      const digit = box(node, m.index + m[1].length), unit = box(node, m.index + m[0].length - m[3].length);
      if (!digit || !unit || Math.abs(digit.top - unit.top) > 4) continue;  // wrapped onto two lines
      result.units += 1;
      const arabic = /[\\u0600-\\u06ff]/.test(m[3]);
      if (arabic ? unit.left > digit.left : unit.left < digit.left) result.problems.push('unit: ' + m[0]);
    }
    for (const m of text.matchAll(signed)) {
      const sign = box(node, m.index), digit = box(node, m.index + 1);
      if (!sign || !digit || Math.abs(sign.top - digit.top) > 4) continue;
      result.signs += 1;
      if (sign.left > digit.left) result.problems.push('sign: ' + text.slice(m.index, m.index + 8));
    }
  }
  return result;
}"""
GRID_COLUMNS = """(grid) => [...grid.querySelectorAll('th[aria-colindex]')]
  .sort((a, b) => a.getAttribute('aria-colindex') - b.getAttribute('aria-colindex')).map((th) => th.textContent)"""


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


def _open(page: Page, url: str) -> None:
    goto_app(page, url, timeout_ms=SLOW_MS)
    wait_until_settled(page, timeout_ms=SLOW_MS)
    assert page.evaluate("document.documentElement.dir") == "rtl"


def _numbers_in_order(page: Page) -> dict[str, object]:
    found = page.evaluate(ORDER)
    assert not found["problems"], found["problems"]
    return found


@pytest.mark.parametrize("width", [1366, 390])
def test_karte_grid_mirrored_and_percent_right_of_the_number(page: Page, public_server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width == 390 else 768})
    _open(page, f"{public_server}/Karte?sprache=ar")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=SLOW_MS)
    # the grid lists the columns it draws; on a phone it starts scrolled to its right edge, so the last one drawn
    # is the area's name too (waited for: the scroll and the redraw follow the first paint)
    area = AR("Gebiet")
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"(grid) => ({GRID_COLUMNS})(grid).at(-1) === {area!r}", arg=grid.element_handle(),
                               timeout=30_000)  # fmt: skip
    columns = grid.evaluate(GRID_COLUMNS)
    assert columns[-1] == area and columns[0] != area, columns  # the area's name at the right edge
    found = _numbers_in_order(page)
    assert found["units"] >= 3, found  # the map sentence: highest, lowest, city value in %
    screenshot(page, f"ar_layout_karte_{width}")


def test_steckbrief_and_entwicklung_signs_before_the_digits(page: Page, public_server: str) -> None:
    _open(page, f"{public_server}/Steckbrief?gebiet=01&sprache=ar")
    profile = _numbers_in_order(page)
    assert profile["signs"] >= 1 and profile["units"] >= 3, profile  # differences to the city with their signs
    columns = page.locator('[data-testid="stDataFrame"]').first.evaluate(GRID_COLUMNS)
    assert columns and columns[-1] == AR("Thema"), columns  # the first column (topic) at the right edge
    screenshot(page, "ar_layout_steckbrief")
    _open(page, f"{public_server}/Entwicklung?sprache=ar")
    trend = _numbers_in_order(page)
    assert trend["units"] >= 1, trend
    screenshot(page, "ar_layout_entwicklung")
