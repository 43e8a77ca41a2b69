"""Issue 22 in the browser: a tab or view chosen in the URL opens in every language. The URL carries the German
label as a key (`?trend=Alle+Gebiete`), a deep link with `&sprache=ar` opens that tab, the language switcher keeps
the tab (and a view chosen inside the Entwicklung's fragment), and an old German link still works."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Locator, Page, expect

from sozialraum.i18n import Translator
from tests.e2e.conftest import goto_app, screenshot, wait_for_app, wait_for_rerun, wait_until_settled
from tests.e2e.test_languages import SLOW_MS, public_server  # noqa: F401 - fixture


def _param(page: Page, name: str) -> str | None:
    return parse_qs(urlparse(page.url).query).get(name, [None])[0]


def _click(page: Page, locator: Locator) -> None:
    """A real pointer click in the middle of a visible element."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _open_tab(page: Page) -> str:
    return page.get_by_role("tab", selected=True).first.inner_text().strip()


def _switch_language(page: Page, name: str, code: str) -> None:
    _click(page, page.locator(".sr-sprachen a", has_text=name))
    page.wait_for_url(f"**sprache={code}**", timeout=SLOW_MS)
    wait_for_app(page, timeout_ms=SLOW_MS)
    wait_until_settled(page)


def test_trend_tab_from_a_deep_link_a_click_and_the_switcher(page: Page, public_server: str) -> None:  # noqa: F811
    ar, en = Translator("ar"), Translator("en")
    goto_app(page, f"{public_server}/Entwicklung?trend=Alle+Gebiete&sprache=ar", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    assert _open_tab(page) == ar("Alle Gebiete")
    screenshot(page, "tabs_entwicklung_ar_alle_gebiete", full_page=False)

    # a click on another tab in Arabic: the URL names it by its German key
    wait_for_rerun(page, lambda: _click(page, page.get_by_role("tab", name=ar("Größte Veränderungen"))))
    page.wait_for_function("() => new URLSearchParams(location.search).get('trend') === 'Größte Veränderungen'")
    assert _open_tab(page) == ar("Größte Veränderungen")
    page.go_back()  # Back: the tab of the address before, and the run for it does not write the other one back
    expect(page.get_by_role("tab", selected=True).first).to_have_text(ar("Alle Gebiete"))
    wait_until_settled(page)
    assert _param(page, "trend") == "Alle Gebiete"
    page.go_forward()
    expect(page.get_by_role("tab", selected=True).first).to_have_text(ar("Größte Veränderungen"))
    wait_until_settled(page)

    # the switcher keeps the tab in English
    _switch_language(page, "English", "en")
    assert _open_tab(page) == en("Größte Veränderungen")
    assert _param(page, "trend") == "Größte Veränderungen"

    # the view inside the first tab's fragment: chosen in English, kept in Ukrainian
    wait_for_rerun(page, lambda: _click(page, page.get_by_role("tab", name=en("Zeitverlauf"))))
    wait_until_settled(page)
    assert _param(page, "trend") is None  # the first tab leaves the parameter out
    wait_for_rerun(page, lambda: _click(page, page.get_by_role("radio", name=en("Veränderung"), exact=True)))
    page.wait_for_function("() => new URLSearchParams(location.search).get('darstellung') === 'Veränderung'")
    _switch_language(page, "Українська", "uk")
    uk = Translator("uk")
    assert _open_tab(page) == uk("Zeitverlauf")
    expect(page.get_by_role("radio", name=uk("Veränderung"), exact=True)).to_be_checked()


def test_old_german_and_english_links_open_their_tabs(page: Page, public_server: str) -> None:  # noqa: F811
    uk = Translator("uk")
    goto_app(page, f"{public_server}/Vergleich?vergleich=Streudiagramm&sprache=uk", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    assert _open_tab(page) == uk("Streudiagramm")
    goto_app(page, f"{public_server}/Sozialplan?ansicht=Zeitplan&sprache=ar", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    assert _open_tab(page) == Translator("ar")("Zeitplan")
    # a link copied from the English page before the key was fixed
    goto_app(page, f"{public_server}/Vergleich?vergleich=Scatter+plot&sprache=ar", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    assert Translator("en")("Streudiagramm") == "Scatter plot"
    assert _open_tab(page) == Translator("ar")("Streudiagramm")
    page.wait_for_function("() => new URLSearchParams(location.search).get('vergleich') === 'Streudiagramm'")
    goto_app(page, f"{public_server}/Entwicklung?trend=Alle+Gebiete", timeout_ms=SLOW_MS)  # German as ever
    wait_until_settled(page)
    assert _open_tab(page) == "Alle Gebiete"
