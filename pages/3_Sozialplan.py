"""Sozialplan: progress per Handlungsfeld, drill-down to goals and measures, delays, time line, changes."""

from datetime import date

import streamlit as st

from components.layout import footer, setup_page
from components.sozialplan_changes import changes_tab
from components.sozialplan_view import (
    SOURCE,
    delay_settings,
    overview_tab,
    select_measures,
    selection_summary,
    table_tab,
    timeline_tab,
)
from sozialraum.formatting import format_date

bundle = setup_page("sozialplan")
st.title("Sozialplan: Umsetzungsstand")

if bundle.plan.empty:
    st.info("Für diesen Datenordner liegt kein Sozialplan vor (massnahmen.csv fehlt).")
    footer(bundle)
    st.stop()

today = date.today()
st.caption(f"Stand der Statusmeldungen: bis {format_date(max(bundle.plan.measures['stand']))} · {SOURCE}")
months, grace = delay_settings()
view = select_measures(bundle, today, months, grace)
selection_summary(view, months, grace)

tabs = st.tabs(["Überblick", "Maßnahmen", "Zeitplan", "Änderungen"], key="ansicht", bind="query-params")
for tab, draw in zip(tabs, (overview_tab, table_tab, timeline_tab, changes_tab), strict=True):
    if tab.open:  # only the open tab is computed
        with tab:
            draw(view)

footer(bundle, SOURCE)
