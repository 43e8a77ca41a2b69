"""Übersicht: key figures of the city and of the social plan."""

from datetime import date

import streamlit as st

from components.demo import try_everything_hint
from components.figures_ui import city_metric
from components.layout import footer, setup_page
from components.navigation import folder_note, offered_pages, page_link
from components.sprache import format_day, t
from components.sprache import value as format_value
from components.start import start_tasks
from sozialraum.plan_kennzahlen import flagged_measures, plan_kennzahlen

bundle = setup_page("uebersicht")
settings = bundle.settings

st.title(settings.titel)
st.markdown(
    t(
        "**Sozialräume** sind die {anzahl} Stadtteile, in die {stadt} für die soziale Planung eingeteilt ist; "
        "ein **Indikator** ist eine Kennzahl wie die Arbeitslosenquote, die für jeden Sozialraum zeigt, wie es "
        "um Einkommen, Arbeit, Familien und Bildung steht.",
        anzahl=len(bundle.areas),
        stadt=settings.stadt_name,
    )
    + (
        ""
        if bundle.plan.empty
        else " "
        + t(
            "Der **Sozialplan** ist das Programm der Stadt: Ziele und Maßnahmen, mit denen sie die Lage "
            "verbessern will, und wie weit sie damit ist."
        )
    )
)
try_everything_hint()
folder_note(bundle)
start_tasks(bundle)

st.header(t("Kennzahlen der Gesamtstadt"))
# the figures a Sozialbericht opens with, where the catalogue has them; otherwise its first ones
preferred = ("einwohner", settings.standard_indikator, "sgb2_kinder_quote", "arbeitslosenquote")
key_indicators = list(dict.fromkeys(i for i in preferred if i in bundle.catalogue.index))
key_indicators += [i for i in bundle.catalogue.index if i not in key_indicators][: 4 - len(key_indicators)]
for column, indikator in zip(st.columns(len(key_indicators) or 1), key_indicators, strict=False):
    city_metric(bundle, indikator, container=column)

plan = bundle.plan
if not plan.empty:
    st.header(t("Sozialplan auf einen Blick"))
    figures = plan_kennzahlen(plan, flagged_measures(plan, date.today()))
    cols = st.columns(4)
    cols[0].metric(t("Handlungsfelder"), figures.fields, border=True)
    cols[1].metric(t("Ziele"), figures.goals, border=True)
    # plain counts, not changes: no arrow ("↑ 6 überfällig" would read as a rise)
    cols[2].metric(
        t("Maßnahmen"),
        figures.measures,
        delta=t("{anzahl} umgesetzt", anzahl=figures.done),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    cols[3].metric(
        t("Mittlerer Fortschritt"),
        format_value(figures.progress, "%", 0),
        delta=t("{anzahl} überfällig", anzahl=figures.overdue),
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=t("Mittelwert des gemeldeten Fortschritts aller Maßnahmen außer den entfallenen."),
    )
    st.caption(
        t(
            "Stand der Statusmeldungen: bis {datum} · Quelle: Sozialplanung, massnahmen.csv",
            datum=format_day(figures.stand),
        )
    )

st.header(t("Weiter zu"))
for entry in offered_pages(bundle)[1:]:  # only what this visitor may open and the data has
    page_link(entry.key)

footer(bundle)
