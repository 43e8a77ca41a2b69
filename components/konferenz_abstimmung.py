"""Streamlit parts of the conference votes: the voting slide, poll controls, ranking.

A conference may hold several votes (e.g. one per question). Every poll keeps its question and
result; opening a further one asks first; a double click cannot open and close a poll (the store
refuses closing a poll without ballots that was opened a moment ago).
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from sozialraum.i18n import Translator
from sozialraum.konferenz.agenda import Agenda
from sozialraum.konferenz.phone_page import HINT, rule_text
from sozialraum.konferenz.qr import qr_png
from sozialraum.konferenz.slides import SlideContent
from sozialraum.konferenz.store import Poll, StoreError
from sozialraum.konferenz.voting import VoteRules, ballots_text

from .konferenz import get_store, is_local_only, voting_url
from .konferenz_slides import second_line

# --- callbacks (module level: a page-level function would keep the page alive in every session) ---


def _message_key(prefix: str) -> str:
    return f"_abstimmung_meldung_{prefix}"


def _confirm_key(prefix: str) -> str:
    return f"_abstimmung_bestaetigen_{prefix}"


def _open(konferenz_id: str, rules: VoteRules, frage: str, folie: int | None, prefix: str) -> None:
    st.session_state.pop(_confirm_key(prefix), None)
    try:
        get_store().open_poll(konferenz_id, rules, frage=frage, folie=folie)
    except StoreError as exc:
        st.session_state[_message_key(prefix)] = str(exc)


def _close(poll_id: int, prefix: str) -> None:
    try:
        get_store().close_poll(poll_id)
    except StoreError as exc:
        st.session_state[_message_key(prefix)] = str(exc)


def _reopen(poll_id: int, prefix: str) -> None:
    st.session_state.pop(_confirm_key(prefix), None)
    get_store().reopen_poll(poll_id)


def _ask(prefix: str, asking: bool) -> None:
    st.session_state[_confirm_key(prefix)] = asking


# --- controls ---------------------------------------------------------------------------------


def poll_controls(
    konferenz_id: str, rules: VoteRules, frage: str, folie: int | None, prefix: str, reopen: Poll | None = None
) -> Poll | None:
    """Open / close / reopen buttons; returns the open poll (None when none is open).

    `reopen`: the closed poll the "wieder öffnen" button offers (default: the newest).
    """
    store = get_store()
    every = store.polls(konferenz_id)
    current = next((p for p in reversed(every) if p.offen), None)
    message = st.session_state.pop(_message_key(prefix), None)
    if message:
        st.warning(message, icon=":material/info:")
    if current is not None:
        st.button(
            f"Abstimmung {current.nummer} schließen", key=f"{prefix}_schliessen", type="primary",
            on_click=_close, args=(current.id, prefix), icon=":material/lock:",
        )  # fmt: skip
        return current
    if not every:
        st.button(
            "Abstimmung öffnen", key=f"{prefix}_oeffnen", type="primary", on_click=_open,
            args=(konferenz_id, rules, frage, folie, prefix), icon=":material/how_to_vote:",
        )  # fmt: skip
        return None
    if st.session_state.get(_confirm_key(prefix)):
        counts = store.ballot_counts(konferenz_id)
        earlier = "; ".join(f"{p.label} ({counts.get(p.id, 0)} Stimmzettel)" for p in every)
        # the question stands above the buttons: a second click of a double click lands on it, not on "Ja"
        st.warning(
            f"Es gibt schon {len(every)} Abstimmung{'en' if len(every) > 1 else ''}: {earlier}. "
            "Ihre Ergebnisse bleiben erhalten und stehen im Protokoll. Eine weitere Abstimmung öffnen?",
            icon=":material/help:",
        )
        yes, no = st.columns(2)
        yes.button(
            "Ja, neue Abstimmung öffnen", key=f"{prefix}_ja", type="primary", on_click=_open,
            args=(konferenz_id, rules, frage, folie, prefix),
        )  # fmt: skip
        no.button("Abbrechen", key=f"{prefix}_nein", on_click=_ask, args=(prefix, False))
        return None
    last = reopen or every[-1]
    st.button(
        f"Abstimmung {last.nummer} wieder öffnen", key=f"{prefix}_wieder", on_click=_reopen, args=(last.id, prefix),
        icon=":material/lock_open:", type="primary",
    )  # fmt: skip
    st.button("Weitere Abstimmung öffnen …", key=f"{prefix}_weitere", on_click=_ask, args=(prefix, True))
    return None


def voting_panel(agenda: Agenda, content: SlideContent) -> None:
    """The voting slide: QR code to the voting page, open/close, the ranking of this slide's vote."""
    store = get_store()
    url = voting_url(agenda)
    left, right = st.columns([1, 2], gap="large")
    mine = [p for p in store.polls(agenda.id) if p.folie == content.number]
    with left:
        # 300 px is about 45 cm on a 3 m screen: scannable from row 5, and the buttons below still fit 1080 px
        st.image(qr_png(url, scale=12), width=300, alt=f"QR-Code zur Abstimmung: {url}")
        st.markdown(f"**{html.escape(url)}**")
        if is_local_only(url):
            st.caption(
                "Telefone erreichen diese Adresse nicht: in der Konferenzdatei `adresse` die WLAN-Adresse "
                "dieses Rechners eintragen."
            )
        poll_controls(
            agenda.id, content.data["rules"], content.data["frage"], content.number, "folie",
            reopen=mine[-1] if mine else None,
        )  # fmt: skip
    with right:
        if agenda.zweitsprache:  # how to vote, for residents who do not read German (the phone page is in theirs)
            tr = Translator(agenda.zweitsprache)
            second_line(agenda, html.escape(f"{tr(HINT)} {rule_text(content.data['rules'], tr)}"))
        live_ranking(agenda.id, content.number, bool(content.data.get("live")))


def shown_poll(konferenz_id: str, folie: int | None) -> Poll | None:
    """The poll a voting slide shows: the open one, else the newest of this slide, else the newest."""
    every = get_store().polls(konferenz_id)
    current = [p for p in every if p.offen]
    mine = [p for p in every if folie is not None and p.folie == folie]
    return (current or mine or every or [None])[-1]


def live_ranking(konferenz_id: str, folie: int | None, live: bool) -> None:
    """Ballots against participants, and the ranking (while the vote runs only when `live`)."""
    poll = shown_poll(konferenz_id, folie)

    @st.fragment(run_every=3 if poll is not None and poll.offen else None)
    def ranking_fragment() -> None:
        store = get_store()
        current = shown_poll(konferenz_id, folie)
        if current is None:
            st.markdown("Die Abstimmung ist noch nicht geöffnet.")
            return
        ballots = store.ballot_count(current.id)
        state = "läuft" if current.offen else "ist geschlossen"
        counted = ballots_text(ballots, store.participants(konferenz_id))
        st.markdown(f"{html.escape(current.label)} {state}: **{counted}** · {current.rules.describe()}")
        if current.offen and not live:
            st.markdown("Die Rangliste erscheint, sobald die Abstimmung geschlossen ist.")
        elif ballots == 0:
            st.markdown("Noch keine Stimmzettel: diese Abstimmung hat (noch) kein Ergebnis.")
        else:
            st.html(ranking_html(store.ranking(konferenz_id, current.id).head(8)))

    ranking_fragment()


def ranking_html(ranked: pd.DataFrame) -> str:
    if ranked.empty:
        return "<p>Noch keine Karten.</p>"
    top = max(1, int(ranked["punkte"].max()))
    rows = "".join(
        f"<tr><td>{int(r.rang)}.</td><td>{html.escape(str(r.text))} <small>({html.escape(str(r.art_text))})</small>"
        f"</td><td style='white-space:nowrap'><span class='balken' style='width:{int(200 * r.punkte / top)}px'>"
        f"</span>{int(r.punkte)}</td></tr>"
        for r in ranked.itertuples()
    )
    return f"<table class='sr-tabelle sr-rang' data-testid='sr-rangliste'><tbody>{rows}</tbody></table>"
