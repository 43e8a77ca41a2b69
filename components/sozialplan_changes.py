"""The Sozialplan page's tab "Änderungen": what changed since a date, per measure, Handlungsfeld and area."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.sozialplan_view import PlanView, link_column, progress_column
from components.views import download_table
from sozialraum.formatting import format_date
from sozialraum.plan import CHANGE_FLAGS, changes_sentence, changes_since, changes_summary, months_ago


def changes_tab(view: PlanView) -> None:
    """The date box, the sentence, the counts per kind of change, the tables and the download."""
    plan, today = view.plan, view.today
    first_report = min(plan.history["datum"]) if len(plan.history) else view.plan_start
    default_since = max(first_report, months_ago(today, 6))
    since = st.date_input(
        "Was hat sich seit … geändert?",
        value=default_since,
        min_value=date(first_report.year - 1, 1, 1),
        max_value=today,
        format="DD.MM.YYYY",
        key="seit",
        bind="query-params",
        help="Zum Beispiel das Datum der letzten Sozialraumkonferenz. Grundlage ist der Statusverlauf.",
    )
    since = since or default_since
    changes = changes_since(plan, since)
    changes = changes[changes["massnahme_id"].isin(set(view.shown["massnahme_id"]))]
    st.header(f"Änderungen seit dem {format_date(since)}")
    st.markdown(changes_sentence(changes, since, len(view.shown)))
    kinds = st.columns(len(CHANGE_FLAGS) + 1)
    kinds[0].metric("geändert", len(changes), border=True, help="Maßnahmen mit mindestens einer Änderung")
    for column, (flag, label) in zip(kinds[1:], CHANGE_FLAGS.items(), strict=True):
        column.metric(label, int(changes[flag].sum()) if len(changes) else 0, border=True)
    if not len(changes):
        return
    rows = view.measure_rows(changes)
    change_columns = {
        "link": link_column(),
        "titel": st.column_config.TextColumn("Maßnahme", width="medium"),
        "aenderung": st.column_config.TextColumn("Was sich geändert hat", width="large"),
        "status_jetzt": "Status jetzt",
        "fortschritt_jetzt": progress_column("Fortschritt jetzt"),
        "letzte_meldung": st.column_config.DateColumn("Letzte Meldung", format="DD.MM.YYYY"),
        "notiz": st.column_config.TextColumn("Notiz", width="medium"),
        "handlungsfeld_id": st.column_config.TextColumn("HF", help="Handlungsfeld"),
        "gebiete_text": "Gebiete",
    }
    st.dataframe(rows[list(change_columns)], hide_index=True, column_config=change_columns)
    summary_columns = {
        "geaendert": st.column_config.NumberColumn("geändert", help="Maßnahmen mit einer Änderung"),
        **CHANGE_FLAGS,
        "mittlerer_zuwachs": st.column_config.NumberColumn(
            "Ø Zuwachs (Prozentpunkte)", format="%.0f", help="Mittlere Änderung des Fortschritts"
        ),
    }
    by_field = changes_summary(changes, "handlungsfeld")
    st.markdown("**Je Handlungsfeld** (Anzahl Maßnahmen)")
    st.dataframe(
        by_field,
        hide_index=True,
        height=35 * (len(by_field) + 1) + 12,
        column_config={"gruppe": st.column_config.TextColumn("Handlungsfeld", width="medium"), **summary_columns},
    )
    by_area = changes_summary(changes, "gebiet", view.names)
    st.markdown("**Je Gebiet** (eine Maßnahme zählt in jedem Gebiet, in dem sie wirkt)")
    st.dataframe(
        by_area,
        hide_index=True,
        height=35 * (len(by_area) + 1) + 12,
        column_config={"gruppe": st.column_config.TextColumn("Gebiet", width="medium"), **summary_columns},
    )
    download_table(
        view.bundle,
        rows.drop(columns=["link"]).assign(
            gebiete=[view.area_text(g) for g in rows["gebiete"]],
            indikatoren=["|".join(i) for i in rows["indikatoren"]],
        ),
        f"aenderungen_seit_{since:%Y-%m-%d}.csv",
        {"Inhalt": f"Änderungen an Maßnahmen seit dem {format_date(since)}", "Stand": format_date(view.stand)},
        key="dl_aenderungen",
    )
