"""The Sozialplan page's parts: delay settings, the selection, the key figures and the four tabs
(Überblick, Maßnahmen, Zeitplan; Änderungen in `sozialplan_changes`). The page script only composes them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from components.navigation import page_link
from components.state import url_selectbox
from components.views import provenance
from sozialraum import Bundle
from sozialraum.export import csv_with_metadata, xlsx_with_metadata
from sozialraum.figures import status_figure
from sozialraum.formatting import format_date, format_number, format_percent
from sozialraum.plan import (
    DELAY_KINDS,
    LATE_START_GRACE_DAYS,
    STALE_MONTHS,
    area_field_summary,
    export_tables,
    field_overview,
    filter_measures,
    gantt_data,
    goal_overview,
    measure_url,
    progress_sentence,
    sort_by_id,
    span,
    timeline_sentence,
)
from sozialraum.plan_figures import gantt_figure, tidy_status_figure
from sozialraum.plan_kennzahlen import PlanKennzahlen, flagged_measures, plan_kennzahlen
from sozialraum.plot_config import plot_config
from sozialraum.schemas import STATUS_VOCABULARY, WHOLE_CITY

SOURCE = "Quelle: Sozialplanung (massnahmen.csv, massnahmen_verlauf.csv)"
OPEN_HELP = "Öffnet die Seite der Maßnahme in einem neuen Tab"


def progress_column(label: str, **options: Any) -> Any:
    """A progress bar 0–100 % with the value as a whole percentage (every table of the plan)."""
    return st.column_config.ProgressColumn(label, format="%.0f %%", min_value=0, max_value=100, **options)


def link_column(**options: Any) -> Any:
    """The measure's number as a link to its page (`plan.measure_url`)."""
    return st.column_config.LinkColumn("Nr.", display_text=r"massnahme=(.*)$", help=OPEN_HELP, **options)


@dataclass(frozen=True)
class PlanView:
    """What every tab needs: the data, the chosen filters and the measures they select."""

    bundle: Bundle
    today: date
    measures: pd.DataFrame  # every measure, with delay flags
    shown: pd.DataFrame  # the selection, sorted by number
    names: dict[str, str]  # gebiet_id → name
    fields: dict[str, str]  # handlungsfeld_id → name
    feld: str
    area: str
    plan_start: date
    stand: date

    @property
    def plan(self):
        return self.bundle.plan

    @property
    def filtered(self) -> bool:
        return len(self.shown) < len(self.measures)

    @property
    def sub_plan(self):
        """The plan reduced to the selected measures (for the roll-ups per Handlungsfeld)."""
        plan = self.plan
        return replace(
            plan, measures=plan.measures[plan.measures["massnahme_id"].isin(set(self.shown["massnahme_id"]))]
        )

    def area_text(self, ids: tuple[str, ...]) -> str:
        return ", ".join("Gesamtstadt" if g == WHOLE_CITY else self.names.get(g, g) for g in ids)

    def measure_rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(
            link=[measure_url(m) for m in frame["massnahme_id"]],
            gebiete_text=[self.area_text(g) for g in frame["gebiete"]],
        )


def delay_settings() -> tuple[int, int]:
    """The sidebar's two limits of a delay (months without a report, days of a late start)."""
    with st.sidebar:
        st.markdown("**Wann gilt eine Maßnahme als im Verzug?**")
        months = st.number_input(
            "Keine Statusmeldung seit mehr als … Monaten",
            min_value=1,
            max_value=60,
            value=STALE_MONTHS,
            step=1,
            key="monate",
            bind="query-params",
            help="Offene Maßnahmen, deren letzte Statusmeldung länger zurückliegt, gelten als „ohne aktuelle Meldung“.",
        )
        grace = st.number_input(
            "Beginn verspätet ab … Tagen nach dem geplanten Beginn",
            min_value=0,
            max_value=365,
            value=LATE_START_GRACE_DAYS,
            step=5,
            key="toleranz",
            bind="query-params",
            help="Auch Maßnahmen, die so lange nach dem geplanten Beginn noch nicht begonnen haben, gelten als "
            "verspätet.",
        )
    return int(months), int(grace)


def select_measures(bundle: Bundle, today: date, months: int, grace: int) -> PlanView:
    """The selection box (applies to every tab and download) and the measures it selects."""
    plan = bundle.plan
    measures = flagged_measures(plan, today, months, grace)
    names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
    fields = dict(zip(plan.fields["handlungsfeld_id"], plan.fields["name"], strict=True))
    spans = [span(row, today) for _, row in measures.iterrows()]
    plan_start, plan_end = min(s for s, _ in spans), max(e for _, e in spans)
    with st.container(border=True):
        st.markdown("**Auswahl** – gilt für alle Ansichten und Downloads dieser Seite")
        c1, c2, c3, c4 = st.columns(4)
        with c1:
            feld = url_selectbox(
                "Handlungsfeld",
                ["", *fields],
                "hf",
                default="",
                format_func=lambda f: f"{f}: {fields[f]}" if f else "alle",
            )
        with c2:
            status = url_selectbox(
                "Status", ["", *STATUS_VOCABULARY], "status", default="", format_func=lambda s: s or "alle"
            )
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
        c5, c6, c7 = st.columns([3, 3, 2])  # the period needs room for two full dates (12.02.2024 – 31.12.2027)
        with c5:
            period = st.date_input(
                "Zeitraum",
                value=(plan_start, plan_end),
                min_value=plan_start,
                max_value=plan_end,
                format="DD.MM.YYYY",
                key="zeitraum",
                bind="query-params",
                help="Maßnahmen, deren geplanter oder tatsächlicher Zeitraum diesen Zeitraum berührt.",
            )
        with c6:
            text = st.text_input("Suche in Titel und Beschreibung", key="suche")
        with c7:
            delay = url_selectbox("Verzug", list(DELAY_KINDS), "verzug", default="", format_func=DELAY_KINDS.get)
    chosen_period = tuple(period) if isinstance(period, tuple | list) and len(period) == 2 else None
    shown = filter_measures(measures, feld, status, office, area, text, chosen_period, today)
    if delay:
        shown = shown[shown[delay]]
    return PlanView(
        bundle, today, measures, sort_by_id(shown), names, fields, feld, area, plan_start, max(measures["stand"])
    )


def key_figures(figures: PlanKennzahlen) -> None:
    """The six key figures of the selection (`plan_kennzahlen.plan_kennzahlen`)."""
    cols = st.columns(3)
    cols[0].metric(
        "Maßnahmen in der Auswahl" if figures.selected else "Maßnahmen",
        f"{figures.measures} von {figures.total}" if figures.selected else figures.total,
        border=True,
    )
    cols[1].metric("Umgesetzt", figures.done, border=True)
    cols[2].metric(
        "Mittlerer Fortschritt",
        format_percent(figures.progress) if figures.measures else "–",
        border=True,
        help="Mittelwert des gemeldeten Fortschritts aller Maßnahmen der Auswahl außer den entfallenen.",
    )
    cols = st.columns(3)
    cols[0].metric(
        "Geplantes Ende überschritten",
        figures.overdue,
        border=True,
        help="Geplantes Ende überschritten, weder umgesetzt noch entfallen.",
    )
    cols[1].metric(
        "Verspätet oder nicht begonnen",
        figures.late_start,
        border=True,
        help=f"Mehr als {figures.grace_days} Tage nach dem geplanten Beginn begonnen oder bis heute nicht begonnen.",
    )
    cols[2].metric(
        f"Ohne Meldung seit {figures.stale_months} Monaten",
        figures.stale,
        border=True,
        help=f"Offen und seit mehr als {figures.stale_months} Monaten ohne Statusmeldung (einstellbar unter „Wann "
        "gilt eine Maßnahme als im Verzug?“).",
    )


def selection_summary(view: PlanView, months: int, grace: int) -> None:
    """The count line and the key figures of the selection."""
    st.markdown(f"**{len(view.shown)} von {len(view.measures)} Maßnahmen** entsprechen der Auswahl.")
    key_figures(plan_kennzahlen(view.plan, view.shown, stale_months=months, grace_days=grace))


def _open_selected(event: object, frame: pd.DataFrame) -> None:
    """Below a table with row selection: a link that opens the selected measure in this tab."""
    rows = getattr(getattr(event, "selection", None), "rows", []) if event is not None else []
    if rows:
        mid = frame.iloc[rows[0]]["massnahme_id"]
        page_link(
            "massnahme",
            label=f"Maßnahme {mid} öffnen",
            query_params={"massnahme": mid},
            icon=":material/arrow_forward:",
        )
    else:
        st.caption(
            "Eine Zeile anklicken (Kästchen links), um die Maßnahme hier zu öffnen; die Nummer öffnet sie in "
            "einem neuen Tab. Zum Sortieren einen Spaltenkopf anklicken."
        )


def overview_tab(view: PlanView) -> None:
    """Status per Handlungsfeld (chart, sentence, table), the chosen area's measures, the drill-down."""
    overview = field_overview(view.sub_plan)
    overview = overview[overview["massnahmen"] > 0] if view.filtered else overview
    st.header("Status je Handlungsfeld")
    if overview.empty:
        st.info("Keine Maßnahme entspricht der Auswahl.")
    else:
        st.plotly_chart(tidy_status_figure(status_figure(overview)), config=plot_config("sozialplan_status"))
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
    if view.area and view.area != WHOLE_CITY:
        _area_summary(view)
    st.header("Handlungsfelder, Ziele und Maßnahmen")
    st.caption("Ein Handlungsfeld aufklappen: seine Ziele mit Zielwert und die Maßnahmen je Ziel.")
    goals = goal_overview(view.plan, view.shown)
    for _, row in overview.iterrows():
        _field_drilldown(view, row, goals)


def _area_summary(view: PlanView) -> None:
    st.header(f"Maßnahmen in {view.names[view.area]} nach Handlungsfeld")
    st.dataframe(
        area_field_summary(view.measures, view.area),
        hide_index=True,
        column_config={
            "handlungsfeld_id": "HF",
            "handlungsfeld": st.column_config.TextColumn("Handlungsfeld", width="medium"),
            "im_gebiet": st.column_config.NumberColumn("im Gebiet", help="Maßnahmen, die in diesem Gebiet wirken"),
            "gesamtstaedtisch": "gesamtstädtisch",
            "fortschritt": progress_column("Ø Fortschritt"),
            "status_text": st.column_config.TextColumn("Status", width="large"),
        },
    )


def _field_drilldown(view: PlanView, row: pd.Series, goals: pd.DataFrame) -> None:
    """One Handlungsfeld as an expander: its description, its goals with target and their measures."""
    hf = row["handlungsfeld_id"]
    hf_goals = goals[goals["handlungsfeld_id"] == hf]
    if view.filtered:
        hf_goals = hf_goals[hf_goals["massnahmen"] > 0]
    label = (
        f"HF {hf}: {row['name']} · {len(hf_goals)} Ziele · {int(row['massnahmen'])} Maßnahmen · "
        f"Ø {format_percent(row['fortschritt'])} Fortschritt"
    )
    fields = view.plan.fields
    with st.expander(label):
        description = fields.loc[fields["handlungsfeld_id"] == hf, "beschreibung"]
        if len(description) and isinstance(description.iloc[0], str) and description.iloc[0]:
            st.markdown(description.iloc[0])
        for _, goal in hf_goals.iterrows():
            _goal(view, goal)
        page_link(
            "fortschritt",
            label=f"Fortschrittsbericht für Handlungsfeld {hf} (druckbar)",
            query_params={"hf": hf},
            icon=":material/print:",
        )


def _goal(view: PlanView, goal: pd.Series) -> None:
    catalogue = view.bundle.catalogue
    target = ""
    if isinstance(goal["zielindikator"], str) and goal["zielindikator"] in catalogue.index:
        meta = catalogue.loc[goal["zielindikator"]]
        value = format_number(goal["zielwert"], int(meta["dezimalstellen"]))
        target = f"  \nZiel: {meta['name']} {value} {meta['einheit']} bis {goal['zieljahr']} (Gesamtstadt)"
    st.markdown(
        f"**Ziel {goal['ziel_id']}: {goal['titel']}**{target}  \n"
        f"{goal['massnahmen']} Maßnahmen · Ø {format_percent(goal['fortschritt'])} Fortschritt · "
        f"{goal['status_text']}"
    )
    of_goal = view.shown[view.shown["ziel_id"] == goal["ziel_id"]]
    if len(of_goal):
        st.dataframe(
            view.measure_rows(of_goal)[["link", "titel", "status", "fortschritt", "verantwortlich", "hinweis"]],
            hide_index=True,
            column_config={
                "link": link_column(),
                "titel": st.column_config.TextColumn("Maßnahme", width="large"),
                "status": "Status",
                "fortschritt": progress_column("Fortschritt"),
                "verantwortlich": "Verantwortlich",
                "hinweis": st.column_config.TextColumn("Verzug", width="medium"),
            },
        )


# the on-screen table of measures: pixel widths that add up to 850 px, the content width at 1366 px less the
# selection boxes, so the table fits its box without scrolling sideways
def _table_columns() -> dict[str, Any]:
    return {
        "link": link_column(width=60),
        "titel": st.column_config.TextColumn("Maßnahme", width=290),
        "status": st.column_config.TextColumn("Status", width=115),
        "fortschritt": progress_column("Fortschritt", width=120),
        "verantwortlich": st.column_config.TextColumn("Verantwortlich", width=135),
        "hinweis": st.column_config.TextColumn("Verzug", width=130),
    }


def table_tab(view: PlanView) -> None:
    """The selected measures as a table (a row opens the measure) and the downloads."""
    table = view.measure_rows(view.shown)
    columns = _table_columns()
    # the columns that fit the page's width (1366 px screen) without a sideways scroll; the others
    # (Handlungsfeld = first digit of the number, Gebiete, dates) are on the measure's page and in the downloads
    event = st.dataframe(
        table[list(columns)],
        hide_index=True,
        key="massnahmen_tabelle",
        on_select="rerun",
        selection_mode="single-row",
        column_config=columns,
    )
    st.caption(
        "Weitere Angaben (Gebiete, geplante und tatsächliche Termine, Stand der Meldung) stehen auf der Seite "
        "jeder Maßnahme und in den Downloads."
    )
    _open_selected(event, table)
    _downloads(view)


def _downloads(view: PlanView) -> None:
    shown, plan = view.shown, view.plan
    st.markdown("**Herunterladen** – alle Spalten der ausgewählten Maßnahmen und ihr Statusverlauf")
    export, history = export_tables(shown.drop(columns=["link"], errors="ignore"), plan.history)
    export_xlsx, history_xlsx = export_tables(shown, plan.history, german_dates=False)
    meta = provenance(
        view.bundle,
        {
            "Inhalt": f"Maßnahmen des Sozialplans ({len(shown)} von {len(view.measures)}, gefiltert) und Statusverlauf",
            "Quelle": "Sozialplanung (massnahmen.csv, massnahmen_verlauf.csv)",
            "Stand": format_date(view.stand),
        },
    )
    d1, d2, d3 = st.columns(3)
    d1.download_button(
        "Maßnahmen als CSV",
        csv_with_metadata(export, meta),
        file_name="massnahmen.csv",
        mime="text/csv",
        key="dl_massnahmen",
        icon=":material/download:",
    )
    d2.download_button(
        "Statusverlauf als CSV",
        csv_with_metadata(history, meta),
        file_name="massnahmen_verlauf.csv",
        mime="text/csv",
        key="dl_verlauf",
        icon=":material/download:",
    )
    d3.download_button(
        "Beides als Excel (zwei Tabellenblätter)",
        xlsx_with_metadata({"Maßnahmen": export_xlsx, "Verlauf": history_xlsx}, meta),
        file_name="massnahmen.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_massnahmen_xlsx",
        icon=":material/table_view:",
    )


def timeline_tab(view: PlanView) -> None:
    """The time line of one Handlungsfeld of the selection, its sentence and its table."""
    fields, shown = view.fields, view.shown
    present = [f for f in fields if f in set(shown["handlungsfeld_id"])]
    if not present:
        st.info("Keine Maßnahme entspricht der Auswahl.")
        return
    chosen = url_selectbox(
        "Handlungsfeld im Zeitplan",
        present,
        "zeitplan_hf",
        default=view.feld if view.feld in present else present[0],
        format_func=lambda f: f"{f}: {fields[f]}",
    )
    of_field = shown[shown["handlungsfeld_id"] == chosen]
    st.plotly_chart(
        gantt_figure(
            gantt_data(of_field, view.today), view.today, f"Zeitplan Handlungsfeld {chosen}: {fields[chosen]}"
        ),
        config=plot_config("sozialplan_zeitplan"),
    )
    st.markdown(timeline_sentence(of_field, view.today))
    st.caption(
        "Graue Balken: geplanter Zeitraum; farbige Balken: tatsächlicher Zeitraum in der Farbe des Status "
        "(schraffiert: läuft noch); roter Strich: heute. "
        "Maßnahmen ohne farbigen Balken haben noch nicht begonnen."
    )
    dates = ["beginn_geplant", "ende_geplant", "beginn_ist", "ende_ist"]
    with st.expander("Tabelle: Zeitplan"):
        st.dataframe(
            view.measure_rows(of_field)[["link", "titel", *dates, "status", "hinweis"]],
            hide_index=True,
            column_config={
                "link": link_column(),
                "titel": st.column_config.TextColumn("Maßnahme", width="large"),
                "beginn_geplant": st.column_config.DateColumn("Beginn geplant", format="DD.MM.YYYY"),
                "ende_geplant": st.column_config.DateColumn("Ende geplant", format="DD.MM.YYYY"),
                "beginn_ist": st.column_config.DateColumn("Beginn tatsächlich", format="DD.MM.YYYY"),
                "ende_ist": st.column_config.DateColumn("Ende tatsächlich", format="DD.MM.YYYY"),
                "status": "Status",
                "hinweis": st.column_config.TextColumn("Verzug", width="medium"),
            },
        )
