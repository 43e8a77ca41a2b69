"""The Sozialplan page's tab "Zeitplan": the time line of one Handlungsfeld, its sentence and its table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.grid import data_grid
from components.sozialplan_view import PlanView, link_column
from components.sprache import code, current, t
from components.state import url_selectbox
from sozialraum.plan import gantt_data, timeline_sentence
from sozialraum.plan_figures import gantt_figure
from sozialraum.plot_config import plot_config


def _gantt_bars(view: PlanView, frame: pd.DataFrame) -> pd.DataFrame:
    """`plan.gantt_data`; in a language other than German, a title without a translation is left off the
    chart's axis (chart texts cannot be marked German): the number stands there, the title in the table."""
    bars = gantt_data(frame, view.today)
    if current().html_lang != "de":
        bars["label"] = [
            mid if title in view.german else label
            for mid, title, label in zip(bars["massnahme_id"], bars["titel"], bars["label"], strict=True)
        ]
    return bars


def timeline_tab(view: PlanView) -> None:
    """The time line of one Handlungsfeld of the selection, its sentence and its table."""
    fields, shown = view.fields, view.shown
    present = [f for f in fields if f in set(shown["handlungsfeld_id"])]
    if not present:
        st.info(t("Keine Maßnahme entspricht der Auswahl."))
        return
    chosen = url_selectbox(
        t("Handlungsfeld im Zeitplan"),
        present,
        "zeitplan_hf",
        default=view.feld if view.feld in present else present[0],
        format_func=lambda f: f"{f}: {fields[f]}",
    )
    of_field = shown[shown["handlungsfeld_id"] == chosen]
    st.plotly_chart(
        gantt_figure(
            _gantt_bars(view, of_field),
            view.today,
            t("Zeitplan Handlungsfeld {nummer}: {name}", nummer=chosen, name=fields[chosen]),
            tr=view.tr,
        ),
        config=plot_config("sozialplan_zeitplan", lang=code()),
    )
    st.markdown(timeline_sentence(of_field, view.today, view.tr))
    st.caption(
        t(
            "Graue Balken: geplanter Zeitraum; farbige Balken: tatsächlicher Zeitraum in der Farbe des Status "
            "(schraffiert: läuft noch); roter Strich: heute. "
            "Maßnahmen ohne farbigen Balken haben noch nicht begonnen."
        )
    )
    dates = ["beginn_geplant", "ende_geplant", "beginn_ist", "ende_ist"]
    with st.expander(t("Tabelle: Zeitplan")):
        data_grid(
            view.measure_rows(of_field)[["link", "titel", *dates, "status", "hinweis"]],
            hide_index=True,
            column_config={
                "link": link_column(),
                "titel": st.column_config.TextColumn(t("Maßnahme"), width="large"),
                "beginn_geplant": st.column_config.DateColumn(t("Beginn geplant"), format="DD.MM.YYYY"),
                "ende_geplant": st.column_config.DateColumn(t("Ende geplant"), format="DD.MM.YYYY"),
                "beginn_ist": st.column_config.DateColumn(t("Beginn tatsächlich"), format="DD.MM.YYYY"),
                "ende_ist": st.column_config.DateColumn(t("Ende tatsächlich"), format="DD.MM.YYYY"),
                "status": t("Status"),
                "hinweis": st.column_config.TextColumn(t("Verzug"), width="medium"),
            },
        )
