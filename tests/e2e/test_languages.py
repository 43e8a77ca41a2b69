"""Issue 22 in the browser: the translated public pages in every language with outside requests blocked –
`<html lang dir>`, no German text left outside elements marked German (every German msgid of the catalogues
that has a translation), links keeping the language, axe-core without serious or critical findings, and the
switcher working with a real click."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

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


def page_problems(
    page: Page, url: str, code: str, expect: Iterable[str] = (), axe: bool = True, shot: str | None = None,
    full_page: bool = True,
) -> tuple[str, list[str]]:  # fmt: skip
    """Open `url` in language `code` and check what every translated page must hold: `<html lang dir>`, no error,
    not the note "only in German", the texts `expect` shown, no German interface word outside `lang="de"` (whole
    words, the service's name aside), the navigation links keeping the language, axe-core without serious or
    critical findings; a screenshot `shot` to look at. Returns what a visitor sees (outside German data) and the
    problems found."""
    goto_app(page, url, timeout_ms=SLOW_MS)
    wait_until_settled(page)
    problems = []
    found = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    if found != list(LANGUAGES[code]):
        problems.append(f"{url}: lang/dir {found}")
    if page.locator('[data-testid="stException"]').count():
        problems.append(f"{url}: Fehler auf der Seite")
    if page.locator(".sr-nur-deutsch").count():
        problems.append(f"{url}: die Seite gilt als nicht übersetzt")
    text = page.evaluate(SCAN)
    problems += [f"{url}: {part!r} fehlt" for part in expect if part not in text]
    if code != "ls":  # Leichte Sprache is German: its words may be the same as the German ones
        left = german_left(text, code, page.title().rsplit(" · ", 1)[-1])  # "<page> · <the settings' titel>"
        where = [text[max(0, text.find(w) - 60) : text.find(w) + 60].replace("\n", " | ") for w in left]
        problems += [f"{url}: deutsch geblieben: {left} in {where}"] if left else []
    nav = page.locator('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]')
    hrefs = nav.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    if not hrefs or not all(f"sprache={code}" in h for h in hrefs):
        problems.append(f"{url}: Navigation ohne sprache={code}: {hrefs}")
    if axe:
        problems += [f"{url}: {p}" for p in blocking(run_axe(page))]
    if shot:
        screenshot(page, shot, full_page=full_page)
    return text, problems


def check_page(
    page: Page, url: str, code: str, expect: Iterable[str] = (), axe: bool = True, shot: str | None = None,
    full_page: bool = True,
) -> str:  # fmt: skip
    """`page_problems` asserted; returns what a visitor sees."""
    text, problems = page_problems(page, url, code, expect, axe, shot, full_page)
    assert not problems, "\n".join(problems)
    return text


def check_phone(page: Page, url: str, code: str = "ar", shot: str | None = None, full: bool = False) -> None:
    """At 390 × 844: `<html lang dir>` of `code` (with `full` every check of `check_page`) and no sideways
    scrolling."""
    page.set_viewport_size({"width": 390, "height": 844})
    if full:
        check_page(page, url, code, shot=shot, full_page=False)
    else:
        goto_app(page, url, timeout_ms=SLOW_MS)
        wait_until_settled(page)
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == list(LANGUAGES[code])
        if shot:
            screenshot(page, shot, full_page=False)
    assert no_sideways_scroll(page), f"{url}: sideways scroll at 390 px"


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


@pytest.mark.parametrize("code", list(LANGUAGES))
@pytest.mark.parametrize("path", TRANSLATED)
def test_public_page_in_every_language(page: Page, public_server: str, path: str, code: str) -> None:
    check_page(page, f"{public_server}{path}?sprache={code}", code)


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
    assert no_sideways_scroll(page)
    sidebar = page.locator('[data-testid="stSidebar"]').bounding_box()
    assert sidebar is None or sidebar["width"] == 0 or sidebar["x"] >= 390 or sidebar["x"] + sidebar["width"] <= 0
    screenshot(page, f"sprachen_start_{code}_390", full_page=False)
