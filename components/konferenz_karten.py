"""Streamlit parts of the cards: the capture slide's board (paged: 80 cards fit 1920×1080), the card
form, and the device token of the voting page."""

from __future__ import annotations

import html
import math
import secrets

import pandas as pd
import streamlit as st

from sozialraum import Bundle
from sozialraum.konferenz.store import KINDS

from .konferenz import get_store
from .streamlit_internals import html_with_script

DEVICE_COOKIE = "sr_geraet"
KIND_COLOURS = {  # background, border: dark text on light colours, contrast above 12:1
    "staerke": ("#e3f4e1", "#1b7a2e"),
    "chance": ("#e1eefa", "#1f5f8b"),
    "herausforderung": ("#fde7dc", "#b03a0b"),
    "idee": ("#fff5cc", "#8a6d00"),
}
# Cards per kind column and page on the projector: with two lines per card at 24 px, the board,
# the card form and the slide buttons stay within 1080 px (tests/e2e/test_konferenz.py measures it).
CARDS_PER_PAGE = 5
PAGE_KEY = "_karten_seite"


def page_count(cards: pd.DataFrame, per_page: int = CARDS_PER_PAGE) -> int:
    """Pages of the board: the kind with the most cards decides."""
    most = max((int((cards["art"] == kind).sum()) for kind in KINDS), default=0)
    return max(1, math.ceil(most / per_page))


def page_of_kind(texts: list[str], page: int, pages: int, per_page: int = CARDS_PER_PAGE) -> tuple[list[str], int]:
    """The cards of one kind on `page` (0-based of `pages`) and the number of the first of them (1-based).

    Pages count back from the newest cards: the last page shows the newest `per_page` of every kind
    (never a remainder of two), a kind with fewer pages shows its oldest cards on the earlier pages.
    """
    back = pages - 1 - page  # pages before the newest
    end = max(len(texts) - back * per_page, min(len(texts), per_page))
    start = max(end - per_page, 0)
    return texts[start:end], start + 1


def _turn(step: int, pages: int) -> None:
    current = st.session_state.get(PAGE_KEY)
    current = pages - 1 if current is None else current
    st.session_state[PAGE_KEY] = min(max(current + step, 0), pages - 1)


def _follow_newest() -> None:
    st.session_state[PAGE_KEY] = None  # after a new card the board shows the newest page again


def cards_board(konferenz_id: str, page: int | None = None) -> None:
    """The cards in four columns by kind, `CARDS_PER_PAGE` each; `page` None: the newest page."""
    cards = get_store().cards(konferenz_id)
    pages = page_count(cards)
    page = pages - 1 if page is None else min(page, pages - 1)
    columns = []
    for kind, label in KINDS.items():
        background, border = KIND_COLOURS[kind]
        texts = list(cards.loc[cards["art"] == kind, "text"])
        shown, first = page_of_kind(texts, page, pages)
        body = "".join(
            f"<div class='sr-zettel' style='background:{background};border-color:{border}' title='{html.escape(t)}'>"
            f"{html.escape(t)}</div>"
            for t in shown
        )
        where = f" · {first}–{first + len(shown) - 1}" if len(texts) > CARDS_PER_PAGE else ""
        columns.append(
            f"<div class='sr-spalte'><h2 style='color:{border}'>{html.escape(label)} ({len(texts)}){where}</h2>"
            f"{body}</div>"
        )
    st.html(f"<div class='sr-pinnwand' data-testid='sr-pinnwand'>{''.join(columns)}</div>")


def capture_slide(bundle: Bundle, konferenz_id: str, folie: int, moderator: bool) -> None:
    """The capture slide: the board, paging when there are more cards than fit, the card form."""
    pages = page_count(get_store().cards(konferenz_id))
    page = st.session_state.get(PAGE_KEY)
    page = pages - 1 if page is None else min(page, pages - 1)
    cards_board(konferenz_id, page)
    if pages > 1:
        back, where, forward = st.columns([1, 1.2, 1], vertical_alignment="center")
        back.button(
            "Frühere Karten", key="karten_zurueck", on_click=_turn, args=(-1, pages), disabled=page == 0,
            icon=":material/chevron_left:", width="stretch",
        )  # fmt: skip
        where.markdown(f"Karten, Seite {page + 1} von {pages}")
        forward.button(
            "Neuere Karten", key="karten_weiter", on_click=_turn, args=(1, pages), disabled=page >= pages - 1,
            icon=":material/chevron_right:", width="stretch",
        )  # fmt: skip
    if moderator:
        card_form(bundle, konferenz_id, folie)


def card_form(bundle: Bundle, konferenz_id: str, folie: int | None, key: str = "karte_neu") -> None:
    """Enter a card (moderator or minute-taker); optionally tied to a Handlungsfeld or a measure."""
    fields = {"": "– kein Handlungsfeld –"}
    if not bundle.plan.fields.empty:
        fields.update(dict(zip(bundle.plan.fields["handlungsfeld_id"], bundle.plan.fields["name"], strict=True)))
    with st.form(key, clear_on_submit=True, border=True):
        kind_col, text_col, field_col, add_col = st.columns([1.1, 2.6, 1.6, 1.4], vertical_alignment="bottom")
        kind = kind_col.selectbox("Art", list(KINDS), format_func=KINDS.get)
        text = text_col.text_input("Karte", placeholder="Was wurde gesagt? (kurz, in Worten des Raums)")
        field = field_col.selectbox("Handlungsfeld", list(fields), format_func=fields.get)
        submitted = add_col.form_submit_button("Karte hinzufügen", type="primary")
    if submitted:
        if text.strip():
            get_store().add_card(konferenz_id, kind, text, folie=folie, handlungsfeld_id=field or None)
            _follow_newest()
            st.rerun()
        else:
            st.warning("Bitte einen Text für die Karte eingeben.")


# --- devices ---------------------------------------------------------------------------------


def device_token() -> str:
    """A random token per device: from its cookie, else new (and stored in a cookie for a day)."""
    token = st.session_state.get("_geraet") or (st.context.cookies or {}).get(DEVICE_COOKIE)
    if not token or not token.isalnum() or len(token) > 64:
        token = secrets.token_hex(16)
    if (st.context.cookies or {}).get(DEVICE_COOKIE) != token:
        html_with_script(
            f"<script>document.cookie = '{DEVICE_COOKIE}={token}; max-age=86400; path=/; SameSite=Lax';</script>"
        )
    st.session_state["_geraet"] = token
    return token
