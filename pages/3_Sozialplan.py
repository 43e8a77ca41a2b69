"""Sozialplan: progress per Handlungsfeld and a filterable table of all measures."""

from datetime import date

import streamlit as st

from components.layout import footer, setup_page
from components.state import url_selectbox
from components.views import download_table
from sozialraum.figures import status_figure
from sozialraum.formatting import format_date, format_number
from sozialraum.plan import (
    field_overview,
    filter_measures,
    measures_with_field,
    overdue,
    plan_progress,
    progress_sentence,
    stale,
)
from sozialraum.schemas import STATUS_VOCABULARY, WHOLE_CITY

bundle = setup_page("Sozialplan")
plan = bundle.plan
st.title("Sozialplan: Umsetzungsstand")

if plan.empty:
    st.info("Für diesen Datenordner liegt kein Sozialplan vor (massnahmen.csv fehlt).")
    footer(bundle)
    st.stop()

today = date.today()
measures = measures_with_field(plan)
stand = max(measures["stand"])
st.caption(f"Stand der Statusmeldungen: bis {format_date(stand)} · Quelle: Sozialplanung, massnahmen.csv")

cols = st.columns(4)
cols[0].metric("Maßnahmen", len(measures), border=True)
cols[1].metric("Umgesetzt", int((measures["status"] == "umgesetzt").sum()), border=True)
cols[2].metric("Mittlerer Fortschritt", f"{format_number(plan_progress(measures), 0)} %", border=True)
cols[3].metric(
    "Überfällig",
    len(overdue(measures, today)),
    border=True,
    help="Geplantes Ende überschritten, weder umgesetzt noch entfallen.",
)

st.subheader("Status je Handlungsfeld")
overview = field_overview(plan)
st.plotly_chart(status_figure(overview), config={"displaylogo": False, "locale": "de"})
st.markdown(progress_sentence(overview))
with st.expander("Tabelle: Status je Handlungsfeld"):
    st.dataframe(
        overview.rename(
            columns={
                "handlungsfeld_id": "HF",
                "name": "Handlungsfeld",
                "ziele": "Ziele",
                "massnahmen": "Maßnahmen",
                "fortschritt": "Fortschritt (%)",
            }
        ),
        hide_index=True,
        column_config={"Fortschritt (%)": st.column_config.NumberColumn(format="%.0f")},
    )

st.subheader("Maßnahmen")
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
fields = dict(zip(plan.fields["handlungsfeld_id"], plan.fields["name"], strict=True))
c1, c2, c3, c4 = st.columns(4)
with c1:
    feld = url_selectbox(
        "Handlungsfeld", ["", *fields], "hf", default="", format_func=lambda f: f"{f}: {fields[f]}" if f else "alle"
    )
with c2:
    status = url_selectbox("Status", ["", *STATUS_VOCABULARY], "status", default="", format_func=lambda s: s or "alle")
with c3:
    office = url_selectbox(
        "Verantwortlich",
        ["", *sorted(measures["verantwortlich"].unique())],
        "amt",
        default="",
        format_func=lambda s: s or "alle",
    )
with c4:
    area = url_selectbox(
        "Gebiet",
        ["", WHOLE_CITY, *names],
        "massnahmen_gebiet",
        default="",
        format_func=lambda g: "alle" if not g else ("nur gesamtstädtische" if g == WHOLE_CITY else names[g]),
    )
text = st.text_input("Suche in Titel und Beschreibung", key="suche")
only_late = st.checkbox("Nur überfällige Maßnahmen")

shown = filter_measures(measures, feld, status, office, area, text)
if only_late:
    shown = overdue(shown, today)
st.markdown(f"**{len(shown)} von {len(measures)} Maßnahmen** entsprechen der Auswahl.")
table = shown.assign(
    gebiete_text=[
        ", ".join("Gesamtstadt" if g == WHOLE_CITY else names.get(g, g) for g in gs) for gs in shown["gebiete"]
    ],
    zeitraum=[
        f"{format_date(a)} – {format_date(b)}"
        for a, b in zip(shown["beginn_geplant"], shown["ende_geplant"], strict=True)
    ],
    stand_text=[format_date(d) for d in shown["stand"]],
)[
    [
        "massnahme_id",
        "titel",
        "handlungsfeld",
        "status",
        "fortschritt",
        "verantwortlich",
        "gebiete_text",
        "zeitraum",
        "stand_text",
    ]
]
st.dataframe(
    table,
    hide_index=True,
    column_config={
        "massnahme_id": st.column_config.TextColumn("Nr."),
        "titel": st.column_config.TextColumn("Maßnahme", width="large"),
        "handlungsfeld": st.column_config.TextColumn("Handlungsfeld"),
        "status": st.column_config.TextColumn("Status"),
        "fortschritt": st.column_config.ProgressColumn("Fortschritt", format="%.0f %%", min_value=0, max_value=100),
        "verantwortlich": st.column_config.TextColumn("Verantwortlich"),
        "gebiete_text": st.column_config.TextColumn("Gebiete"),
        "zeitraum": st.column_config.TextColumn("Geplanter Zeitraum"),
        "stand_text": st.column_config.TextColumn("Stand"),
    },
)
download_table(
    bundle,
    table,
    "massnahmen.csv",
    {"Inhalt": "Maßnahmen des Sozialplans (gefiltert)", "Stand": format_date(stand)},
    key="dl_massnahmen",
)

late = stale(measures, today)
if len(late):
    with st.expander(f"{len(late)} offene Maßnahmen ohne Statusmeldung seit mehr als 12 Monaten"):
        st.dataframe(
            late[["massnahme_id", "titel", "verantwortlich", "status"]].assign(
                stand=[format_date(d) for d in late["stand"]]
            ),
            hide_index=True,
        )
footer(bundle, "Quelle: Sozialplanung (massnahmen.csv, massnahmen_verlauf.csv)")
