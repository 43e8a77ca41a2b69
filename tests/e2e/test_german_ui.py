"""Issue 18, item 9: everything a visitor sees or a screen reader reads is German.

Streamlit's own texts ("Choose an option", "Choose options", "Skip to main content", "Stop", "Help for …")
are translated by the page script (`components/german.py`); the scan reads visible text and the
aria-label, title, placeholder and alt attributes of every public page, with open select boxes too."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from sozialraum import auth
from tests.e2e.conftest import goto_app, wait_until_settled
from tests.e2e.test_a11y import page_paths

ENGLISH = re.compile(
    r"\b(Choose|options?|Stop|Stopping|Skip to|main content|Help for|Help|No results|No options|Running|"
    r"Loading|Select all|Clear all|Clear value|Remove|Expand sidebar|Collapse sidebar|Main menu|Selected values|"
    r"Link to heading|Open|Close|"
    # Plotly's modebar and Streamlit's toolbar over charts and tables
    r"Download plot|Download as|Zoom|Zoom in|Zoom out|Pan|Autoscale|Reset axes|Reset|Fullscreen|Search|Show/hide|"
    r"Toggle|Lasso|Box Select)\b"
)
SCAN = """() => {
  const out = [document.body.innerText];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [data-title]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'data-title']) {
      const value = el.getAttribute(name);
      if (value) out.push(`${name}=${value}`);
    }
  }
  const skip = document.querySelector('[data-testid="stSkipToContent"]');
  if (skip) out.push(skip.textContent);  // off screen until focused: read by screen readers all the same
  return out.join('\\n');
}"""
# every page: those a public visitor may not open refuse in German, and are scanned all the same
PUBLIC_PATHS = page_paths()


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


def wait_for_charts(page: Page) -> None:
    """Plotly draws after the script run: wait until every chart has its SVG (and with it its modebar)."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('.js-plotly-plot')].every((p) => p.querySelector('.main-svg'))""",
        timeout=60_000,
    )


def english(text: str) -> list[str]:
    return sorted({m.group(0) for m in ENGLISH.finditer(text)})


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_speak_german(page: Page, public_server: str, path: str) -> None:
    goto_app(page, public_server + path)
    wait_until_settled(page)
    wait_for_charts(page)
    found = english(page.evaluate(SCAN))
    assert not found, f"{path}: {found}"


def test_select_placeholders_and_help_labels_are_german(page: Page, public_server: str) -> None:
    """Sozialplan has empty multiselects (placeholder) and metrics with help icons (aria-label)."""
    goto_app(page, public_server + "/Sozialplan")
    wait_until_settled(page)
    text = page.evaluate(SCAN)
    assert "Bitte wählen" in text
    assert re.search(r"aria-label=Hilfe zu \S", text), "help icons are read as 'Hilfe zu …'"
    assert "Zum Hauptinhalt springen" in text


def test_streamlit_status_texts_are_translated_when_they_appear(page: Page, public_server: str) -> None:
    """The running indicator's "Stop" shows only during a rerun: a copy of its markup is translated too."""
    goto_app(page, public_server + "/")
    wait_until_settled(page)
    page.evaluate(
        """() => { const box = document.createElement('div'); box.setAttribute('data-testid', 'stStatusWidget');
        box.id = 'probe'; box.innerHTML = '<button title="Stop">Stop</button>'; document.body.appendChild(box); }"""
    )
    expect(page.locator("#probe button")).to_have_text("Anhalten", timeout=10_000)
    expect(page.locator("#probe button")).to_have_attribute("title", "Anhalten")


@pytest.mark.parametrize("path", ["/Entwicklung", "/Vergleich", "/Steckbrief?gebiet=01"])
def test_chart_and_table_toolbars_are_german(page: Page, public_server: str, path: str) -> None:
    """Plotly's modebar (tooltip = data-title, screen readers = aria-label) and Streamlit's toolbar over a
    table appear on hover: a phone user pointing at them reads German."""
    page.set_viewport_size({"width": 390, "height": 844})
    goto_app(page, public_server + path)
    wait_until_settled(page)
    wait_for_charts(page)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    camera = chart.locator(".modebar-btn").first
    expect(camera).to_be_visible()
    expect(camera).to_have_attribute("data-title", "Als PNG-Bild speichern")
    expect(camera).to_have_attribute("aria-label", "Als PNG-Bild speichern")
    titles = chart.locator(".modebar-btn").evaluate_all("(bs) => bs.map((b) => b.getAttribute('data-title'))")
    assert "Vollbild" in titles and "Achsen zurücksetzen" in titles, titles
    assert not english("\n".join(titles)), titles
    table = page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 20)
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    expect(toolbar.get_by_role("button", name="Als CSV herunterladen")).to_be_visible()
    labels = toolbar.locator("[aria-label]").evaluate_all("(es) => es.map((e) => e.getAttribute('aria-label'))")
    assert not english("\n".join(labels)), labels
