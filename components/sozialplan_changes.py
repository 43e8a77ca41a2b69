"""The Sozialplan page's tab "Änderungen": what changed since a date, per measure, Handlungsfeld and area."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.grid import data_grid
from components.sozialplan_view import PlanView, link_column, progress_column
from components.sprache import code, format_day, t
from components.views import download_table
from sozialraum.plan import months_ago
from sozialraum.plan_changes import CHANGE_FLAGS, changes_sentence, changes_since, changes_summary
from sozialraum.plan_export import plan_export_in_language


def changes_tab(view: PlanView) -> None:
    """The date box, the sentence, the counts per kind of change, the tables and the download."""
    plan, today, tr = view.plan, view.today, view.tr
    first_report = min(plan.history["datum"]) if len(plan.history) else view.plan_start
    default_since = max(first_report, months_ago(today, 6))
    since = st.date_input(
        t("Was hat sich seit … geändert?"),
        value=default_since,
        min_value=date(first_report.year - 1, 1, 1),
        max_value=today,
        format="DD.MM.YYYY",
        key="seit",
        bind="query-params",
        help=t("Zum Beispiel das Datum der letzten Sozialraumkonferenz. Grundlage ist der Statusverlauf."),
    )
    since = since or default_since
    changes = changes_since(plan, since, tr=tr)
    changes = changes[changes["massnahme_id"].isin(set(view.shown["massnahme_id"]))]
    st.header(t("Änderungen seit dem {datum}", datum=tr.day(since)))
    st.markdown(changes_sentence(changes, since, len(view.shown), tr))
    kinds = st.columns(len(CHANGE_FLAGS) + 1)
    kinds[0].metric(t("geändert"), len(changes), border=True, help=t("Maßnahmen mit mindestens einer Änderung"))
    for column, (flag, label) in zip(kinds[1:], CHANGE_FLAGS.items(), strict=True):
        column.metric(t(label), int(changes[flag].sum()) if len(changes) else 0, border=True)
    if not len(changes):
        return
    rows = view.measure_rows(changes).assign(status_jetzt=[t(s) for s in changes["status_jetzt"]])
    change_columns = {
        "link": link_column(),
        "titel": st.column_config.TextColumn(t("Maßnahme"), width="medium"),
        "aenderung": st.column_config.TextColumn(t("Was sich geändert hat"), width="large"),
        "status_jetzt": t("Status jetzt"),
        "fortschritt_jetzt": progress_column(t("Fortschritt jetzt")),
        "letzte_meldung": st.column_config.DateColumn(t("Letzte Meldung"), format="DD.MM.YYYY"),
        "notiz": st.column_config.TextColumn(t("Notiz"), width="medium"),
        "handlungsfeld_id": st.column_config.TextColumn(t("HF"), help=t("Handlungsfeld")),
        "gebiete_text": t("Gebiete"),
    }
    data_grid(rows[list(change_columns)], hide_index=True, column_config=change_columns)
    summary_columns = {
        "geaendert": st.column_config.NumberColumn(t("geändert"), help=t("Maßnahmen mit einer Änderung")),
        **{flag: t(label) for flag, label in CHANGE_FLAGS.items()},
        "mittlerer_zuwachs": st.column_config.NumberColumn(
            t("Ø Zuwachs (Prozentpunkte)"), format="%.0f", help=t("Mittlere Änderung des Fortschritts")
        ),
    }
    by_field = changes_summary(changes, "handlungsfeld", tr=tr)
    st.markdown(t("**Je Handlungsfeld** (Anzahl Maßnahmen)"))
    data_grid(
        by_field,
        hide_index=True,
        height=35 * (len(by_field) + 1) + 12,
        column_config={"gruppe": st.column_config.TextColumn(t("Handlungsfeld"), width="medium"), **summary_columns},
    )
    by_area = changes_summary(changes, "gebiet", view.names, tr)
    st.markdown(t("**Je Gebiet** (eine Maßnahme zählt in jedem Gebiet, in dem sie wirkt)"))
    data_grid(
        by_area,
        hide_index=True,
        height=35 * (len(by_area) + 1) + 12,
        column_config={"gruppe": st.column_config.TextColumn(t("Gebiet"), width="medium"), **summary_columns},
    )
    download_table(
        view.bundle,
        plan_export_in_language(
            rows.drop(columns=["link"]).assign(
                gebiete=[view.area_text(g) for g in rows["gebiete"]],
                indikatoren=["|".join(i) for i in rows["indikatoren"]],
            ),
            code(),
        ),
        f"aenderungen_seit_{since:%Y-%m-%d}.csv",
        {
            t("Inhalt"): t("Änderungen an Maßnahmen seit dem {datum}", datum=format_day(since)),
            t("Stand"): format_day(view.stand),
        },
        key="dl_aenderungen",
    )
