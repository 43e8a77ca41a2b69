"""Abstimmung: the Streamlit voting page on phones, in the visitor's language (the QR code opens the small
page /abstimmen; this one keeps the same rules and texts)."""

import streamlit as st

from components.konferenz import get_agendas, get_store
from components.konferenz_frame import setup_phone
from components.konferenz_karten import device_token
from components.sprache import current, german_data, t
from sozialraum.i18n import SOURCE, Translator
from sozialraum.konferenz.phone_page import FREE, HINT, KIND_LABELS, SUBMIT, TOO_MANY, rule_text
from sozialraum.konferenz.phone_vote import NOT_COUNTED, THANKS
from sozialraum.konferenz.store import StoreError

bundle = setup_phone("abstimmung")
konferenz = st.query_params.get("konferenz", "")
agendas = get_agendas(bundle)
if konferenz not in agendas or not agendas[konferenz].ok:
    st.title(t("Abstimmung"), anchor=False)
    if konferenz:
        st.error(t("Eine Konferenz „{kennung}“ gibt es nicht.", kennung=konferenz), icon=":material/error:")
    # opened without its link (e.g. from a bookmark or the navigation): say how to get to the vote
    st.info(
        t(
            "Zur Abstimmung kommen Sie während einer Sozialraumkonferenz: Scannen Sie mit dem Telefon den QR-Code "
            "auf der Leinwand oder öffnen Sie den Link, den die Moderation verteilt. Er führt direkt zu Ihren Punkten."
        ),
        icon=":material/qr_code_2:",
    )
    st.stop()
agenda = agendas[konferenz].agenda
store = get_store()
token = device_token()
st.title(t("Ihre Punkte"), anchor=False)
# the conference's own title and place, written by the city: German, marked so in another language
st.caption(german_data(f"{agenda.titel} · {agenda.ort}"), unsafe_allow_html=True)
answer = st.container()  # the answer to "Stimme abgeben" stands on top, where a phone shows it without scrolling

poll = store.latest_poll(konferenz)
if poll is None or not poll.offen:
    if st.session_state.get("stimme_abgeben"):  # pressed on a page drawn while the vote was still open
        answer.error(
            t("Ihre Punkte wurden nicht gezählt: die Abstimmung war beim Absenden schon geschlossen."),
            icon=":material/block:",
        )
    st.info(
        t("Die Abstimmung ist noch nicht geöffnet.") if poll is None else t("Die Abstimmung ist geschlossen. Danke!"),
        icon=":material/schedule:",
    )
    st.button(t("Neu laden"), icon=":material/refresh:")
    st.stop()

if poll.frage:
    st.subheader(poll.frage, anchor=False)
rules = poll.rules
cards = store.cards(konferenz)
mine = store.ballot(poll.id, token) or {}
tr = Translator(current().code)
st.markdown(f"**{rule_text(rules, tr)}** {t(HINT)}")
if mine:
    st.success(
        t("Ihre Stimme ist gezählt. Solange die Abstimmung offen ist, können Sie sie ändern."),
        icon=":material/check:",
    )

allocation: dict[int, int] = {}
for card in cards.itertuples():
    kind = KIND_LABELS.get(str(card.art))
    label = f"{card.text} ({t(kind) if kind else card.art_text})"
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
    st.markdown(t(FREE, rest=left, punkte=rules.dots))
else:
    st.error(t(TOO_MANY, zuviel=-left, punkte=rules.dots))
if st.button(t(SUBMIT), type="primary", disabled=left < 0 or used == 0, width="stretch", key="stimme_abgeben"):
    try:
        store.submit_ballot(poll.id, token, allocation)
    except StoreError as exc:  # e.g. closed meanwhile: the store checks, not only this page; its detail is German
        detail = str(exc) if current().code == SOURCE else t("Bitte in ein paar Sekunden noch einmal senden.")
        answer.error(f"{t(NOT_COUNTED)} {detail}", icon=":material/block:")
    else:
        answer.success(t(THANKS), icon=":material/check_circle:")
