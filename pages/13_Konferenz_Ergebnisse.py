"""Konferenz-Ergebnisse: cards (edit, merge, move), the vote, agreed priorities, protocol and handouts."""

from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from components.auth import has_role
from components.konferenz import get_agendas, get_store, voting_url
from components.konferenz_abstimmung import poll_controls, ranking_html
from components.konferenz_karten import card_form
from components.layout import footer, setup_page
from components.navigation import link_if_offered, page_link
from components.state import url_selectbox
from sozialraum.auth import ADMIN
from sozialraum.formatting import format_date
from sozialraum.konferenz.addresses import handout_url, public_address_problem
from sozialraum.konferenz.compare import (
    conference_result,
    counts_table,
    in_date_order,
    priorities_table,
    ranking_table,
    summary,
)
from sozialraum.konferenz.handout import handout_pdf
from sozialraum.konferenz.pdf import protocol_pdf
from sozialraum.konferenz.protocol import build_protocol, cards_csv, to_markdown, votes_csv
from sozialraum.konferenz.qr import qr_png
from sozialraum.konferenz.slides import latest_year, vote_rules
from sozialraum.konferenz.store import KINDS, StoreError
from sozialraum.konferenz.voting import VoteRules, ballots_text
from sozialraum.plan import measures_in_area

bundle = setup_page("konferenz_ergebnisse")
agendas = {cid: r.agenda for cid, r in get_agendas(bundle).items() if r.ok}
broken = {cid: r for cid, r in get_agendas(bundle).items() if not r.ok}
today = date.today()


def label(cid: str) -> str:
    a = agendas[cid]
    return f"{a.titel} ({format_date(a.datum)}{', vergangen' if a.is_past(today) else ''})"


with st.sidebar:
    konferenz = url_selectbox("Konferenz", list(agendas), "konferenz", format_func=label) if agendas else None

st.title("Konferenz-Ergebnisse")
for cid, result in broken.items():
    st.warning(f"Konferenzdatei „{cid}“ hat Fehler: " + " ".join(p.as_text() for p in result.problems))
if konferenz is None:
    st.info("Noch keine Konferenz vorbereitet.")
    page_link("konferenz_vorbereiten", label="Konferenz vorbereiten", icon=":material/edit_note:")
    footer(bundle)
    st.stop()

agenda = agendas[konferenz]
store = get_store()
area_name = bundle.area_name(agenda.gebiet)
st.header(agenda.titel, anchor=False)
st.caption(
    f"{format_date(agenda.datum)} · {agenda.ort} · Sozialraum {area_name} · "
    f"{'vergangen' if agenda.is_past(today) else 'geplant'}"
    # where the cards are stored (a file path or database address) is for the administrators only
    + (f" · Speicher: {store.describe()}" if has_role(bundle.settings, ADMIN) else "")
)
left, right = st.columns(2)
link_if_offered(  # the moderator's: a planner is not offered a presentation they may not start
    bundle, "praesentation", left, label="Präsentation starten", icon=":material/slideshow:",
    query_params={"konferenz": konferenz, "folie": "1"},
)  # fmt: skip
# the page the QR code opens: the light /abstimmen page where the server offers it
right.link_button("Abstimmungsseite (wie auf dem Telefon)", voting_url(agenda), icon=":material/how_to_vote:")

cards_tab, vote_tab, priority_tab, protocol_tab, handout_tab, compare_tab = st.tabs(
    ["Karten", "Abstimmung", "Handlungsschwerpunkte", "Protokoll", "Steckbrief-Handout", "Konferenzen vergleichen"]
)
fields = {}
if not bundle.plan.fields.empty:
    fields = dict(zip(bundle.plan.fields["handlungsfeld_id"].astype(str), bundle.plan.fields["name"], strict=True))
measures = {}
if not bundle.plan.empty:
    here = measures_in_area(bundle.plan.measures, agenda.gebiet)
    measures = dict(zip(here["massnahme_id"], here["titel"], strict=True))


def card_label(card: pd.Series) -> str:
    return f"{card['id']}: {card['text'][:60]} ({card['art_text']})"


with cards_tab:
    st.markdown("Neue Karte (auch von einem zweiten Gerät aus, etwa durch die Protokollführung):")
    card_form(bundle, konferenz, None, key="karte_neu_ergebnisse")
    cards = store.cards(konferenz)
    if cards.empty:
        st.info("Noch keine Karten.")
    else:
        st.markdown(
            f"**{len(cards)} Karten.** Text, Art, Handlungsfeld und Maßnahme lassen sich in der Tabelle ändern."
        )
        edited = st.data_editor(
            cards[["id", "art", "text", "handlungsfeld_id", "massnahme_id"]].assign(
                handlungsfeld_id=cards["handlungsfeld_id"].fillna(""), massnahme_id=cards["massnahme_id"].fillna("")
            ),
            hide_index=True,
            disabled=["id"],
            key=f"karten_{konferenz}",
            column_config={
                "id": st.column_config.NumberColumn("Nr.", width="small"),
                # German labels, not the codes (`staerke`); an empty choice reads "–", never "None"
                "art": st.column_config.SelectboxColumn(
                    "Art", options=list(KINDS), required=True, format_func=lambda k: KINDS.get(k, k)
                ),
                "text": st.column_config.TextColumn("Karte", width="large", required=True, max_chars=500),
                "handlungsfeld_id": st.column_config.SelectboxColumn(
                    "Handlungsfeld",
                    options=["", *fields],
                    format_func=lambda f: f"{f}: {fields[f]}" if f in fields else "–",
                ),
                "massnahme_id": st.column_config.SelectboxColumn(
                    "Maßnahme",
                    options=["", *measures],
                    format_func=lambda m: f"{m}: {measures[m]}" if m in measures else "–",
                ),
            },
        )
        if st.button("Änderungen speichern", icon=":material/save:"):
            before = cards.set_index("id")
            for row in edited.itertuples(index=False):
                old = before.loc[row.id]
                changes = {
                    k: getattr(row, k)
                    for k in ("art", "text", "handlungsfeld_id", "massnahme_id")
                    if (getattr(row, k) or "") != (old[k] if isinstance(old[k], str) else "")
                }
                if changes:
                    try:
                        store.update_card(int(row.id), **changes)
                    except StoreError as exc:
                        st.error(f"Karte {row.id}: {exc}")
            st.rerun()
        labels = {int(c["id"]): card_label(c) for _, c in cards.iterrows()}
        move_col, merge_col = st.columns(2)
        with move_col:
            st.markdown("**Verschieben oder löschen**")
            chosen = st.selectbox("Karte", list(labels), format_func=labels.get, key="karte_wahl")
            up, down, delete = st.columns(3)
            if up.button("Nach oben", icon=":material/arrow_upward:"):
                store.move_card(chosen, -1)
                st.rerun()
            if down.button("Nach unten", icon=":material/arrow_downward:"):
                store.move_card(chosen, 1)
                st.rerun()
            if delete.button("Löschen", icon=":material/delete:"):
                try:
                    store.delete_card(chosen)
                    st.rerun()
                except StoreError as exc:
                    st.error(str(exc))
        with merge_col:
            st.markdown("**Zusammenführen**")
            sources = st.multiselect("Diese Karten …", list(labels), format_func=labels.get, key="merge_quellen")
            target = st.selectbox("… gehen auf in", list(labels), format_func=labels.get, key="merge_ziel")
            if st.button("Zusammenführen", icon=":material/merge:", disabled=not sources):
                store.merge_cards(target, sources)
                st.rerun()

with vote_tab:
    vote_slide = next((i for i, s in enumerate(agenda.slides) if s.art == "abstimmung"), None)
    planned = vote_rules(agenda.slides[vote_slide]) if vote_slide is not None else VoteRules()
    question = agenda.slides[vote_slide].get("frage", "") if vote_slide is not None else ""
    every = store.polls(konferenz)
    counts = store.ballot_counts(konferenz)
    participants = store.participants(konferenz)
    url = voting_url(agenda)
    qr_col, control_col = st.columns([1, 2])
    qr_col.image(qr_png(url, scale=8), width=240, alt=f"QR-Code zur Abstimmung: {url}")
    qr_col.caption(url)
    with control_col:
        if every:
            st.dataframe(
                pd.DataFrame(
                    {
                        "Nr.": [p.nummer for p in every],
                        "Frage": [p.frage or "–" for p in every],
                        "Regeln": [p.rules.describe() for p in every],
                        "Stimmzettel": [ballots_text(counts.get(p.id, 0), participants) for p in every],
                        "Stand": ["läuft" if p.offen else "geschlossen" for p in every],
                    }
                ),
                hide_index=True,
            )
        chosen = None
        if every:
            by_id = {p.id: p for p in every}
            current = next((p for p in every if p.offen), None)
            default = current or store.result_poll(konferenz) or every[-1]
            chosen = by_id[
                st.selectbox(
                    "Ergebnis ansehen von", list(by_id), index=list(by_id).index(default.id),
                    format_func=lambda pid: by_id[pid].label, key=f"abstimmung_wahl_{konferenz}",
                )
            ]  # fmt: skip
        if not any(p.offen for p in every):
            dots = st.number_input("Punkte je Person (neue Abstimmung)", 1, 20, planned.dots)
            stacking = st.checkbox("Mehrere Punkte auf eine Karte erlaubt", value=planned.stacking)
            planned = VoteRules(int(dots), stacking)
        poll_controls(
            konferenz, planned, question, vote_slide + 1 if vote_slide is not None else None, "ergebnis",
            reopen=chosen if chosen is not None and not chosen.offen else None,
        )  # fmt: skip
    if chosen is not None:
        st.markdown(f"**{chosen.label}** · {ballots_text(counts.get(chosen.id, 0), participants)}")
        if counts.get(chosen.id, 0):
            st.html(ranking_html(store.ranking(konferenz, chosen.id)))
        else:
            st.info("Keine Stimmzettel: diese Abstimmung hat kein Ergebnis.")

with priority_tab:
    saved = store.priorities(konferenz)
    counted = store.result_poll(konferenz)
    ranked = store.ranking(konferenz, counted.id) if counted else store.ranking(konferenz, -1)
    suggestion = [t for t in ranked[ranked["punkte"] > 0]["text"].head(3)] if not ranked.empty else []
    text = "\n".join(t for _, t in saved) if saved else "\n".join(suggestion)
    basis = (
        f"die drei Karten mit den meisten Punkten in {counted.label}" if counted
        else "nichts (noch keine Abstimmung mit Stimmzetteln)"
    )  # fmt: skip
    st.markdown(
        f"Die vereinbarten Handlungsschwerpunkte, einer je Zeile. Vorgeschlagen ist {basis}; passen Sie die "
        "Formulierung an das an, worauf sich der Raum geeinigt hat."
    )
    value = st.text_area("Handlungsschwerpunkte", value=text, height=180, key=f"schwerpunkte_{konferenz}")
    if st.button("Handlungsschwerpunkte speichern", type="primary", icon=":material/flag:"):
        by_text = dict(zip(ranked.get("text", []), ranked.get("id", []), strict=True)) if not ranked.empty else {}
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        store.set_priorities(konferenz, [(by_text.get(line), line) for line in lines])
        st.success(f"{len(lines)} Handlungsschwerpunkte gespeichert.")

with protocol_tab:
    count = store.participants(konferenz)
    number = st.number_input("Teilnehmende", min_value=0, max_value=10_000, value=count or 0, step=1)
    if st.button("Zahl der Teilnehmenden speichern"):
        store.set_participants(konferenz, int(number))
        st.rerun()
    protocol = build_protocol(bundle, agenda, store)
    stem = f"protokoll_{konferenz}"
    # no rerun on a download: a rerun drops the other buttons' prepared files ("Deferred file … not found"
    # when the PDF was clicked right after the Markdown)
    a, b, c, d = st.columns(4)
    a.download_button(
        "Protokoll als PDF", partial(protocol_pdf, protocol), f"{stem}.pdf", "application/pdf",
        icon=":material/picture_as_pdf:", key="dl_protokoll_pdf", on_click="ignore",
    )  # fmt: skip
    b.download_button(
        "Protokoll als Markdown", to_markdown(protocol), f"{stem}.md", "text/markdown",
        icon=":material/description:", key="dl_protokoll_md", on_click="ignore",
    )  # fmt: skip
    c.download_button(
        "Karten als CSV", cards_csv(protocol), f"karten_{konferenz}.csv", "text/csv",
        icon=":material/table_view:", key="dl_karten", on_click="ignore",
    )  # fmt: skip
    d.download_button(
        "Punkte als CSV", votes_csv(protocol, store.votes(konferenz)), f"punkte_{konferenz}.csv", "text/csv",
        icon=":material/table_view:", key="dl_punkte", on_click="ignore",
    )  # fmt: skip
    with st.expander("Protokoll ansehen", expanded=False):
        st.markdown(to_markdown(protocol))

with handout_tab:
    names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
    names.setdefault(agenda.gebiet, area_name)
    gebiet = st.selectbox(
        "Sozialraum", list(names), index=list(names).index(agenda.gebiet), format_func=names.get, key="handout_gebiet"
    )
    jahr = latest_year(bundle)
    address = bundle.settings.oeffentliche_adresse
    problem = public_address_problem(address)
    if problem:
        st.warning(problem, icon=":material/qr_code_2:")
    public = handout_url(address or voting_url(agenda).rsplit("/", 1)[0], gebiet)
    st.markdown(
        f"Steckbrief von **{names[gebiet]}** auf A4 (Werte bis {jahr}) zum Ausdrucken vor der Konferenz; "
        f"der QR-Code führt zu {public}."
    )
    st.download_button(
        "Steckbrief-Handout als PDF", partial(handout_pdf, bundle, gebiet, jahr, public), f"steckbrief_{gebiet}.pdf",
        "application/pdf", icon=":material/picture_as_pdf:", key="dl_handout", on_click="ignore",
    )  # fmt: skip


def comparison_default(current: str) -> list[str]:
    """The same Sozialraum's conferences, else the current one with the past ones (newest first)."""
    same = [cid for cid, a in agendas.items() if a.gebiet == agendas[current].gebiet]
    if len(same) >= 2:
        return same
    past = sorted((cid for cid, a in agendas.items() if a.is_past(today) and cid != current),
                  key=lambda cid: agendas[cid].datum, reverse=True)  # fmt: skip
    return [current, *past[:2]]


with compare_tab:
    st.markdown(
        "Vergangene Konferenzen bleiben zum Vergleich erhalten: wählen Sie zwei oder mehr, etwa denselben "
        "Sozialraum zu verschiedenen Zeitpunkten."
    )
    chosen = st.multiselect(
        "Konferenzen", list(agendas), default=comparison_default(konferenz), format_func=label,
        key=f"vergleich_{konferenz}",
    )  # fmt: skip
    results = in_date_order(conference_result(agendas[c], store, bundle.area_name(agendas[c].gebiet)) for c in chosen)
    if len(results) < 2:
        st.info(summary(results))
    else:
        st.markdown(summary(results))
        st.markdown("**Karten nach Art**")
        st.table(counts_table(results))
        st.markdown("**Abstimmung: die Karten mit den meisten Punkten** (je die letzte mit Stimmzetteln)")
        st.table(ranking_table(results))
        st.markdown("**Vereinbarte Handlungsschwerpunkte**")
        st.table(priorities_table(results))

footer(bundle, f"Konferenz „{agenda.titel}“ · Sozialraum {area_name}")
