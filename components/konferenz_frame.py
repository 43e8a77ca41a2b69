"""The conference pages' frame: the projector's and the phones' page setup (access check, theme, language),
the full-screen button and the buttons' callbacks. The themes are static CSS files (static/konferenz/)."""

from __future__ import annotations

import streamlit as st

from sozialraum import Bundle
from sozialraum.pages import title
from sozialraum.settings import REPO_ROOT

from .auth import guard_page, mode_badge
from .data import get_bundle
from .sprache import TRANSLATED_PAGES, choose_language, show_language, t
from .streamlit_internals import html_with_script

FAVICON = REPO_ROOT / "static" / "favicon.png"
CSS_DIR = REPO_ROOT / "static" / "konferenz"


def _style(name: str) -> str:
    return "<style>\n" + (CSS_DIR / name).read_text(encoding="utf-8") + "</style>\n"


MODE_CORNER = "sr_ansicht"
PROJECTOR_CSS = _style("projektor.css")


PHONE_CSS = _style("telefon.css")


def setup_projector(key: str) -> Bundle:
    """The page frame of the presentation (registry key `key`): no navigation, projector theme, the
    access check (moderators in the internal view); returns the bundle."""
    bundle = get_bundle()
    st.set_page_config(
        page_title=f"{title(key)} · {bundle.settings.titel}",
        page_icon=str(FAVICON),
        layout="wide",
        initial_sidebar_state="collapsed",
    )
    st.html(PROJECTOR_CSS)
    # the view is named once, small in the top corner (not in the hidden sidebar, not as a row of its own)
    with st.container(key=MODE_CORNER):
        mode_badge(bundle.settings)
    guard_page(bundle.settings, key, badge=False)
    return bundle


def setup_phone(key: str) -> Bundle:
    """The page frame of the voting page on phones (registry key `key`): nothing but the ballot; open
    to everyone in the room (the page accepts ballots only while a moderator has a vote open)."""
    bundle = get_bundle()
    # in the visitor's language, as the small vote page /abstimmen (`?sprache=`, else the browser's)
    choose_language(public=True, translated=key in TRANSLATED_PAGES)
    st.set_page_config(
        page_title=t(title(key)), page_icon=str(FAVICON), layout="centered", initial_sidebar_state="collapsed"
    )
    show_language(public=True)
    # no "Interne Ansicht" badge: a phone in the room votes, whichever instance the QR code points to
    guard_page(bundle.settings, key, badge=False)
    st.html(PHONE_CSS)
    return bundle


# The Fullscreen API needs the click itself (a user gesture), so the button is plain HTML with a
# listener in the page, not an st.button (whose click only reaches Python). No single-key shortcut
# such as "F" (WCAG 2.1.4); F11 and Escape work as in every browser.
FULLSCREEN_HTML = """<button type="button" class="sr-vollbild" data-testid="sr-vollbild" aria-pressed="false">
Vollbild</button>
<script>
(() => {
  const label = () => document.querySelectorAll('.sr-vollbild').forEach((button) => {
    const on = !!document.fullscreenElement;
    button.textContent = on ? 'Vollbild beenden' : 'Vollbild';
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    button.hidden = !document.fullscreenEnabled;
  });
  if (!window.__srVollbild) {
    window.__srVollbild = true;
    document.addEventListener('click', (event) => {
      if (!event.target.closest || !event.target.closest('.sr-vollbild')) return;
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
    });
    document.addEventListener('fullscreenchange', label);
  }
  label();
})();
</script>"""


# Button callbacks live here, not on the page: Streamlit keeps a callback until the next rerun, and a
# function defined on a page would keep that page's whole namespace alive in every open session.
def step_slide(step: int, total: int) -> None:
    """Move `step` slides from the one shown now (clamped to the agenda); the URL keeps it.

    Counted from the URL at the press, not from the page as drawn: two quick presses on a clicker,
    the second before the page of the first has arrived, move two slides.
    """
    try:
        current = int(st.query_params.get("folie", "1"))
    except ValueError:
        current = 1
    st.query_params["folie"] = str(min(max(current + step, 1), total))


def restructure_draft(action: str, index: int, art: str = "") -> None:
    """Move a slide of the agenda being prepared up or down, remove it, or append a new one of kind `art`."""
    slides = st.session_state["_entwurf"]["slides"]
    if action == "hoch" and index > 0:
        slides[index - 1], slides[index] = slides[index], slides[index - 1]
    elif action == "runter" and index < len(slides) - 1:
        slides[index + 1], slides[index] = slides[index], slides[index + 1]
    elif action == "weg":
        slides.pop(index)
    elif action == "neu":
        slides.append({"art": art, "titel": "", "params": {}})
    st.session_state["_entwurf_gen"] = st.session_state.get("_entwurf_gen", 0) + 1


def fullscreen_button() -> None:
    """'Vollbild' / 'Vollbild beenden': the whole page on the projector, without the browser's bars."""
    html_with_script(FULLSCREEN_HTML)
