"""Abstimmung: the minimal voting page participants open on their phones (QR code on the slide)."""

import streamlit as st

from components.konferenz import get_agendas, get_store, setup_phone
from components.konferenz_karten import device_token
from sozialraum.konferenz.store import StoreError

bundle = setup_phone("abstimmung")
konferenz = st.query_params.get("konferenz", "")
agendas = get_agendas(bundle)
if konferenz not in agendas or not agendas[konferenz].ok:
    st.title("Abstimmung", anchor=False)
    if konferenz:
        st.error(f"Eine Konferenz „{konferenz}“ gibt es nicht.", icon=":material/error:")
    # opened without its link (e.g. from a bookmark or the navigation): say how to get to the vote
    st.info(
        "Zur Abstimmung kommen Sie während einer Sozialraumkonferenz: Scannen Sie mit dem Telefon den QR-Code auf "
        "der Leinwand oder öffnen Sie den Link, den die Moderation verteilt. Er führt direkt zu Ihren Punkten.",
        icon=":material/qr_code_2:",
    )
    st.stop()
agenda = agendas[konferenz].agenda
store = get_store()
token = device_token()
st.title("Ihre Punkte", anchor=False)
st.caption(f"{agenda.titel} · {agenda.ort}")
answer = st.container()  # the answer to "Stimme abgeben" stands on top, where a phone shows it without scrolling

poll = store.latest_poll(konferenz)
if poll is None or not poll.offen:
    if st.session_state.get("stimme_abgeben"):  # pressed on a page drawn while the vote was still open
        answer.error(
            "Ihre Punkte wurden nicht gezählt: die Abstimmung war beim Absenden schon geschlossen.",
            icon=":material/block:",
        )
    st.info(
        "Die Abstimmung ist noch nicht geöffnet." if poll is None else "Die Abstimmung ist geschlossen. Danke!",
        icon=":material/schedule:",
    )
    st.button("Neu laden", icon=":material/refresh:")
    st.stop()

if poll.frage:
    st.subheader(poll.frage, anchor=False)
rules = poll.rules
cards = store.cards(konferenz)
mine = store.ballot(poll.id, token) or {}
st.markdown(f"Sie haben **{rules.describe()}**. Verteilen Sie sie auf die Karten, die Ihnen am wichtigsten sind.")
if mine:
    st.success(
        "Ihre Stimme ist gezählt. Solange die Abstimmung offen ist, können Sie sie ändern.", icon=":material/check:"
    )

allocation: dict[int, int] = {}
for card in cards.itertuples():
    label = f"{card.text} ({card.art_text})"
    key = f"punkte_{poll.id}_{card.id}"
    if rules.stacking:
        # a choice of 0 … dots, not a number field: a field took "7" where 3 was the most, showed it and did
        # not count it ("Noch 3 von 3 Punkten frei" beside a 7)
        options = list(range(rules.dots + 1))
        allocation[card.id] = st.radio(
            label, options, index=min(int(mine.get(card.id, 0)), rules.dots), horizontal=True, key=key
        )
    else:
        allocation[card.id] = int(st.checkbox(label, value=bool(mine.get(card.id)), key=key))
used = sum(allocation.values())
left = rules.dots - used
if left >= 0:
    st.markdown(f"Noch **{left}** von {rules.dots} Punkten frei.")
else:
    st.error(f"{-left} Punkt(e) zu viel vergeben: erlaubt sind {rules.dots}.")
if st.button("Stimme abgeben", type="primary", disabled=left < 0 or used == 0, width="stretch", key="stimme_abgeben"):
    try:
        store.submit_ballot(poll.id, token, allocation)
    except StoreError as exc:  # e.g. closed meanwhile: the store checks, not only this page
        answer.error(f"Ihre Punkte wurden nicht gezählt. {exc}", icon=":material/block:")
    else:
        answer.success("Danke! Ihre Punkte sind gezählt.", icon=":material/check_circle:")
