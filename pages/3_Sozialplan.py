"""Sozialplan: progress per Handlungsfeld, drill-down to goals and measures, delays, time line, changes."""

from datetime import date

import streamlit as st

from components.layout import footer, setup_page
from components.sozialplan_changes import changes_tab
from components.sozialplan_timeline import timeline_tab
from components.sozialplan_view import (
    SOURCE,
    delay_settings,
    overview_tab,
    select_measures,
    selection_summary,
    table_tab,
)
from components.sprache import format_day, t
from components.url_choice import url_tabs
from sozialraum.i18n import N_

bundle = setup_page("sozialplan")
st.title(t("Sozialplan: Umsetzungsstand"))

if bundle.plan.empty:
    st.info(t("Für diesen Datenordner liegt kein Sozialplan vor (massnahmen.csv fehlt)."))
    footer(bundle)
    st.stop()

today = date.today()
stand = format_day(max(bundle.plan.measures["stand"]))
st.caption(t("Stand der Statusmeldungen: bis {datum}", datum=stand) + " · " + t(SOURCE))
months, grace = delay_settings()
view = select_measures(bundle, today, months, grace)
selection_summary(view, months, grace)

TABS = (N_("Überblick"), N_("Maßnahmen"), N_("Zeitplan"), N_("Änderungen"))
tabs = url_tabs("ansicht", TABS)
for tab, draw in zip(tabs, (overview_tab, table_tab, timeline_tab, changes_tab), strict=True):
    if tab.open:  # only the open tab is computed
        with tab:
            draw(view)

footer(bundle, t(SOURCE))
