"""Steckbrief: one Sozialraum against the city – position, all indicators, strengths, trends, measures."""

import pandas as pd
import streamlit as st

from components.controls import area_select, year_select
from components.grid import data_grid
from components.layout import footer, setup_page
from components.navigation import page_link
from components.page_views import MAX_LISTED, german_marker, get_profile_view
from components.prognose import profile_hint
from components.sozialindex import show_area_index
from components.sprache import code, german_data, number, t
from components.steckbrief_pdf import handout_download
from components.views import show_choropleth, table_size
from sozialraum.confidentiality import EXPLANATION, SIGN, SIGN_TEXT
from sozialraum.fastmap import locator_payload
from sozialraum.formatting import format_date
from sozialraum.i18n import N_, Translator
from sozialraum.levels import family
from sozialraum.plot_config import plot_config, right_to_left
from sozialraum.profile import listing_intro


def chart_caption(strengths: int, challenges: int) -> str:
    """What the deviation chart shows; the counts as labels, so no language needs plurals."""
    return (
        t(
            "Im Diagramm: Stärken: {strengths}, Herausforderungen: {challenges}; oben jeweils die bis zu {listed} "
            "größten. Als deutlich gilt eine Abweichung von mehr als einer halben Standardabweichung. Neutrale "
            "Indikatoren wie die Einwohnerzahl sind nicht bewertet.",
            strengths=strengths,
            challenges=challenges,
            listed=MAX_LISTED,
        )
        if code() != "de"
        else (
            f"Im Diagramm: {strengths} {'Stärke' if strengths == 1 else 'Stärken'} und {challenges} "
            f"{'Herausforderung' if challenges == 1 else 'Herausforderungen'} (oben jeweils die bis zu "
            f"{MAX_LISTED} größten); als deutlich gilt eine Abweichung von mehr als einer halben Standardabweichung. "
            "Neutrale Indikatoren (z. B. Einwohnerzahl) sind nicht bewertet."
        )
    )


bundle = full_bundle = setup_page("steckbrief", karte=True)
RANK_NOTE = N_("Rang: 1 = günstigster Wert unter allen Gebieten; neutrale Indikatoren haben keinen Rang.")
RANK_WIDTH = 150  # px
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))

title_slot = st.empty()  # the heading names the area: filled in once that is chosen
gebiet = area_select(bundle, label=t("Sozialraum"), all_levels=True, container=st)  # on the page on every width
with st.sidebar:
    standard = bundle.settings.standard_indikator
    jahr = year_select(
        bundle, standard if standard in bundle.catalogue.index else bundle.catalogue.index[0], label=t("Jahr")
    )

if gebiet is None:
    title_slot.title(t("Steckbrief"))
    st.info(t("Bitte wählen Sie einen Sozialraum – hier, in der Auswahl oder durch einen Klick auf der Karte."))
    columns = st.columns(3)
    for i, (area_id, area_name) in enumerate(sorted(names.items(), key=lambda item: item[1])):
        page_link("steckbrief", columns[i % 3], label=area_name, query_params={"gebiet": area_id})
    footer(bundle)
    st.stop()

bundle = bundle.at_level(bundle.level_of(gebiet))  # profile within the area's own level
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
name = names[gebiet]
area = bundle.areas.set_index("gebiet_id").loc[gebiet]
title_slot.title(t("Steckbrief {name}", name=name))

head, locator = st.columns([2, 1])
with head:
    population = area.get("einwohner")
    known = population is not None and pd.notna(population)
    withheld = bool(area.get("einwohner_gesperrt", False))
    shown = number(population, 0) if known else SIGN if withheld else "–"
    st.metric(t("Einwohner"), shown, border=True, help=t(EXPLANATION) if withheld else None)
    secret = t("Einwohner: {text} (statistische Geheimhaltung) · ", text=t(SIGN_TEXT)) if withheld else ""
    caption = t("Gebietskennung {gebiet} · Ebene: {ebene} · Stand der Werte: {jahr}", gebiet=gebiet,
                ebene=german_data(str(area.get("ebene") or "–")), jahr=str(jahr))  # fmt: skip
    st.caption(secret + caption, unsafe_allow_html=True)
    parent, children = family(full_bundle, gebiet)
    if parent is not None:
        page_link(
            "steckbrief",
            label=t("Teil von {parent}: Steckbrief öffnen", parent=parent[1]),
            icon=":material/arrow_upward:",
            query_params={"gebiet": parent[0]},
        )
    if children:
        st.markdown("**" + t("{count} Teilgebiete:", count=len(children)) + "**")
        cols = st.columns(3)
        for i, (child_id, child_name) in enumerate(children):
            page_link("steckbrief", cols[i % 3], label=child_name, query_params={"gebiet": child_id})
    handout_download(full_bundle, gebiet, jahr)  # the one-page handout in the visitor's language
with locator:
    show_choropleth(
        locator_payload(gebiet), key="lagekarte", height=240, level=bundle.main_level, labels=False, lang=code()
    )
    st.caption(t("Lage von {name} in {stadt}", name=name, stadt=bundle.settings.stadt_name))

view = get_profile_view(bundle, gebiet, jahr, code())
tr = Translator(code())
mark = german_marker(view.german)  # computed once per data state, area and year
profile = view.profile
show_area_index(bundle, gebiet, jahr, view.index_entries)
profile_hint(full_bundle, gebiet)  # "2035: voraussichtlich … Menschen ab 80" (Bevölkerungsprognose)
if profile.empty:
    st.info(
        t(
            "Für {name} werden keine Indikatorwerte veröffentlicht, z. B. weil das Gebiet zu wenige Einwohner hat "
            "(Geheimhaltung).",
            name=name,
        )
    )
else:
    n_strengths, n_challenges = view.n_strengths, view.n_challenges
    st.header(t("Stärken und Herausforderungen"))
    left, right = st.columns(2)
    with left:
        st.markdown(t("**Stärken** (deutlich günstiger als der Durchschnitt der Gebiete)"))
        st.markdown(listing_intro(n_strengths, len(view.strengths), "staerken", tr))
        st.markdown("\n".join(f"- {s}" for s in view.strengths), unsafe_allow_html=True)
    with right:
        st.markdown(t("**Herausforderungen** (deutlich ungünstiger)"))
        st.markdown(listing_intro(n_challenges, len(view.challenges), "herausforderungen", tr))
        st.markdown("\n".join(f"- {s}" for s in view.challenges), unsafe_allow_html=True)

    st.header(t("Alle Indikatoren im Vergleich"))
    st.plotly_chart(right_to_left(view.deviation, code()), config=plot_config(f"{gebiet}_abweichung", lang=code()))
    st.caption(chart_caption(n_strengths, n_challenges))
    st.caption(t(RANK_NOTE))  # said on the page, not only in the column's tooltip
    shown_profile = view.shown_profile
    data_grid(
        shown_profile,
        hide_index=True,
        **table_size(len(shown_profile)),
        column_config={
            "thema": t("Thema"),
            "name": t("Indikator"),
            "einheit": t("Einheit"),
            "jahr": st.column_config.NumberColumn(t("Jahr"), format="%d"),
            "wert": name,
            "stadt": bundle.settings.gesamtstadt_name,
            # wide enough for "10.811 von 11.000" (Berlin has 542 areas: "257 von 542" was cut)
            "rang": st.column_config.TextColumn(t("Rang"), help=t(RANK_NOTE), width=RANK_WIDTH),
            "bewertung": t("Bewertung"),
            "trend": t("Zum Vorjahr"),
            "Anmerkung": t("Anmerkung"),
        },
    )

    st.header(t("Entwicklung wichtiger Indikatoren"))
    if view.panels:
        st.caption(
            t(
                "Durchgezogen: das Gebiet; gestrichelt: die Gesamtstadt. Beim Darüberfahren: der volle Name des "
                "Indikators. Die Tabellen dazu stehen auf der Seite „Entwicklung“."
            )
        )
    for first in range(0, len(view.panels), 3):  # three per row; on a phone the columns stack: each full width
        for column, panel in zip(st.columns(3), view.panels[first : first + 3], strict=False):
            # the title as text above the chart: it wraps in its column instead of being cut at the panel edge
            column.markdown(f"**{mark(panel.kurzname)}** ({mark(panel.einheit)})", unsafe_allow_html=True)
            column.plotly_chart(
                panel.figure,
                config=plot_config(f"{gebiet}_{panel.indikator}_entwicklung", lang=code()),
                key=f"panel_{panel.indikator}",
            )

st.header(t("Maßnahmen des Sozialplans in diesem Gebiet"))
if bundle.plan.empty:
    st.info(t("Für {stadt} liegt kein Sozialplan vor.", stadt=bundle.settings.stadt_name))
else:
    here = view.measures
    st.markdown(
        t(
            "{count} Maßnahmen wirken in {name}, dazu {citywide} gesamtstädtische.",
            count=int((~here["gesamtstaedtisch"]).sum()),
            name=name,
            citywide=int(here["gesamtstaedtisch"].sum()),
        )
    )
    data_grid(
        view.field_summary,
        hide_index=True,
        column_config={
            "handlungsfeld_id": t("HF"),
            "handlungsfeld": st.column_config.TextColumn(t("Handlungsfeld"), width="large"),
            "im_gebiet": t("im Gebiet"),
            "gesamtstaedtisch": t("gesamtstädtisch"),
            "fortschritt": st.column_config.ProgressColumn(
                t("Fortschritt"), format="%.0f %%", min_value=0, max_value=100
            ),
            "status_text": t("Status"),
        },
    )
    data_grid(
        here.assign(
            art=[t("gesamtstädtisch") if c else t("im Gebiet") for c in here["gesamtstaedtisch"]],
            stand_text=[format_date(d) if code() == "de" else tr.day(d) if pd.notna(d) else "–" for d in here["stand"]],
        )[["massnahme_id", "titel", "handlungsfeld", "art", "status", "fortschritt", "stand_text"]],
        hide_index=True,
        **table_size(len(here)),
        column_config={
            "massnahme_id": t("Nr."),
            "titel": st.column_config.TextColumn(t("Maßnahme"), width="large"),
            "handlungsfeld": t("Handlungsfeld"),
            "art": t("Wirkt"),
            "status": t("Status"),
            "fortschritt": st.column_config.ProgressColumn(
                t("Fortschritt"), format="%.0f %%", min_value=0, max_value=100
            ),
            "stand_text": t("Stand"),
        },
    )
footer(bundle, t("Quellen: siehe Indikatorenkatalog unter „Daten & Quellen“ · Gebiet {gebiet} · Werte bis {jahr}",
                  gebiet=gebiet, jahr=str(jahr)))  # fmt: skip
