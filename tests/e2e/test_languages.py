"""Issue 22 in the browser: the translated public pages in every language with outside requests blocked –
`<html lang dir>`, no German text left outside elements marked German (every German msgid of the catalogues
that has a translation), links keeping the language, axe-core without serious or critical findings, and the
switcher working with a real click."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Page

from sozialraum import auth
from sozialraum.i18n import LOCALES_DIR
from tests.e2e.conftest import goto_app, screenshot, wait_for_app, wait_until_settled
from tests.e2e.test_a11y import blocking, run_axe

TRANSLATED = ["/", "/Barrierefreiheit", "/Feedback"]
SLOW_MS = 240_000  # a cold server on a loaded machine: the first run reads all data
LANGUAGES = {"en": ("en", "ltr"), "uk": ("uk", "ltr"), "ar": ("ar", "rtl"), "ls": ("de", "ltr")}
# what a visitor sees or a screen reader reads, without elements marked as German data (lang="de")
SCAN = """() => {
  const skipGerman = (root) => {
    const copy = root.cloneNode(true);
    // German data, and the switcher whose names are each in their own language
    copy.querySelectorAll('[lang="de"], .sr-sprachen, script, style').forEach((el) => el.remove());
    return copy;
  };
  const out = [];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    if (el.closest('[lang="de"], .sr-sprachen')) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  const main = skipGerman(document.querySelector('[data-testid="stApp"]'));
  document.body.appendChild(main); main.style.position = 'absolute'; main.style.left = '-99999px';
  out.push(main.innerText);
  main.remove();
  return out.join('\\n');
}"""


def _german_frame_texts(code: str) -> list[str]:
    """German msgids whose translation differs: none of them may appear on the page in `code`."""
    with (LOCALES_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    texts = []
    for message in catalogue:
        if not message.id or message.string == message.id or "{" in message.id:
            continue
        texts.append(message.id.replace("**", ""))
    return texts


def german_left(text: str, code: str, name: str = "") -> list[str]:
    """German texts of the catalogue left on the page, as whole words ("alle" is not in "challenges"); the
    service's `name` from the settings ("Sozialraum-Dashboard Gera") is a name, not an interface word."""
    text = text.replace(name, "") if name else text
    return [t for t in _german_frame_texts(code) if len(t) > 3 and re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text)]


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


@pytest.mark.parametrize("code", list(LANGUAGES))
@pytest.mark.parametrize("path", TRANSLATED)
def test_public_page_in_every_language(page: Page, public_server: str, path: str, code: str) -> None:
    goto_app(page, f"{public_server}{path}?sprache={code}", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    lang, direction = LANGUAGES[code]
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [lang, direction]
    text = page.evaluate(SCAN)
    if code != "ls":  # Leichte Sprache is German: its words may be the same as the German ones
        name = page.title().rsplit(" · ", 1)[-1]  # "<page> · <the settings' titel>"
        left = german_left(text, code, name)
        assert not left, f"{path} {code}: deutsch geblieben: {left}"
    nav = page.locator('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]')
    hrefs = nav.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(f"sprache={code}" in h for h in hrefs), hrefs
    problems = blocking(run_axe(page))
    assert not problems, "\n".join(problems)


def test_switcher_changes_language_with_a_click_and_keeps_it_on_the_next_page(page: Page, public_server: str) -> None:
    goto_app(page, public_server + "/", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    assert page.evaluate("document.documentElement.lang") == "de"
    link = page.locator(".sr-sprachen a", has_text="العربية")
    box = link.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**sprache=ar**")
    wait_for_app(page, timeout_ms=SLOW_MS)
    wait_until_settled(page)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    sidebar = page.locator('[data-testid="stSidebar"]').bounding_box()
    main = page.locator('[data-testid="stMain"]').bounding_box()
    assert sidebar and main and sidebar["x"] > main["x"], "the sidebar moves to the right in Arabic"
    screenshot(page, "sprachen_start_ar_1366", full_page=False)


@pytest.mark.parametrize("code", ["ar", "ls"])
def test_phone_390_shows_the_switcher_and_no_sideways_scroll(page: Page, public_server: str, code: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    goto_app(page, f"{public_server}/?sprache={code}", timeout_ms=SLOW_MS)
    wait_until_settled(page)
    switcher = page.locator(".sr-sprachen")
    assert switcher.is_visible()
    box = switcher.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    sidebar = page.locator('[data-testid="stSidebar"]').bounding_box()
    assert sidebar is None or sidebar["width"] == 0 or sidebar["x"] >= 390 or sidebar["x"] + sidebar["width"] <= 0
    screenshot(page, f"sprachen_start_{code}_390", full_page=False)
