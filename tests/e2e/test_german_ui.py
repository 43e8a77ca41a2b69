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
    r"Link to heading|Open|Close)\b"
)
SCAN = """() => {
  const out = [document.body.innerText];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
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


def english(text: str) -> list[str]:
    return sorted({m.group(0) for m in ENGLISH.finditer(text)})


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_speak_german(page: Page, public_server: str, path: str) -> None:
    goto_app(page, public_server + path)
    wait_until_settled(page)
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
