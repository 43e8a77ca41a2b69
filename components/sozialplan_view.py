"""The Sozialplan page's parts: delay settings, the selection, the key figures and the four tabs
(Überblick, Maßnahmen, Zeitplan; Änderungen in `sozialplan_changes`). The page script only composes them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from components.grid import data_grid
from components.navigation import page_link
from components.sprache import code, format_day, german_data, t
from components.state import url_selectbox
from components.views import provenance
from sozialraum import Bundle
from sozialraum.export import csv_with_metadata, xlsx_with_metadata
from sozialraum.figures import status_figure
from sozialraum.i18n import N_, Translator
from sozialraum.plan import (
    DELAY_KINDS,
    LATE_START_GRACE_DAYS,
    STALE_MONTHS,
    area_field_summary,
    export_tables,
    field_overview,
    filter_measures,
    goal_overview,
    measure_url,
    progress_sentence,
    sort_by_id,
    span,
)
from sozialraum.plan_export import plan_export_in_language
from sozialraum.plan_figures import tidy_status_figure
from sozialraum.plan_kennzahlen import PlanKennzahlen, flagged_measures, localized_plan, plan_kennzahlen
from sozialraum.plot_config import plot_config
from sozialraum.schemas import WHOLE_CITY
from sozialraum.status import STATUS_VOCABULARY
from sozialraum.translations import localized

SOURCE = N_("Quelle: Sozialplanung (massnahmen.csv, massnahmen_verlauf.csv)")


def progress_column(label: str, **options: Any) -> Any:
    """A progress bar 0–100 % with the value as a whole percentage (every table of the plan)."""
    return st.column_config.ProgressColumn(label, format="%.0f %%", min_value=0, max_value=100, **options)


def link_column(**options: Any) -> Any:
    """The measure's number as a link to its page (`plan.measure_url`)."""
    return st.column_config.LinkColumn(
        t("Nr."), display_text=r"massnahme=(.*)$", help=t("Öffnet die Seite der Maßnahme in einem neuen Tab"), **options
    )


@dataclass(frozen=True)
class PlanView:
    """What every tab needs: the data, the chosen filters and the measures they select."""

    bundle: Bundle
    plan: Any  # the plan with its data texts in the reader's language (`localized_plan`)
    german: frozenset[str]  # data texts without a translation: marked lang="de"
    tr: Translator
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
        return ", ".join(t("Gesamtstadt") if g == WHOLE_CITY else self.names.get(g, g) for g in ids)

    def mark(self, text: str) -> str:
        """A data text for `st.markdown(…, unsafe_allow_html=True)`: marked German if it has no translation."""
        return german_data(text) if text in self.german else text

    def measure_rows(self, frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(
            status=[t(s) for s in frame["status"]],  # the status as shown; the filters keep the German value
            link=[measure_url(m) for m in frame["massnahme_id"]],
            gebiete_text=[self.area_text(g) for g in frame["gebiete"]],
        )


def delay_settings() -> tuple[int, int]:
    """The sidebar's two limits of a delay (months without a report, days of a late start)."""
    with st.sidebar:
        st.markdown(t("**Wann gilt eine Maßnahme als im Verzug?**"))
        months = st.number_input(
            t("Keine Statusmeldung seit mehr als … Monaten"),
            min_value=1,
            max_value=60,
            value=STALE_MONTHS,
            step=1,
            key="monate",
            bind="query-params",
            help=t(
                "Offene Maßnahmen, deren letzte Statusmeldung länger zurückliegt, gelten als „ohne aktuelle Meldung“."
            ),
        )
        grace = st.number_input(
            t("Beginn verspätet ab … Tagen nach dem geplanten Beginn"),
            min_value=0,
            max_value=365,
            value=LATE_START_GRACE_DAYS,
            step=5,
            key="toleranz",
            bind="query-params",
            help=t(
                "Auch Maßnahmen, die so lange nach dem geplanten Beginn noch nicht begonnen haben, gelten als "
                "verspätet."
            ),
        )
    return int(months), int(grace)


def select_measures(bundle: Bundle, today: date, months: int, grace: int) -> PlanView:
    """The selection box (applies to every tab and download) and the measures it selects."""
    tr = Translator(code())
    plan, german = localized_plan(bundle.plan, code())
    measures = flagged_measures(plan, today, months, grace, tr)
    names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
    fields = dict(zip(plan.fields["handlungsfeld_id"], plan.fields["name"], strict=True))
    spans = [span(row, today) for _, row in measures.iterrows()]
    plan_start, plan_end = min(s for s, _ in spans), max(e for _, e in spans)
    # option texts written now, in this run's language (a format_func may be called outside the run)
    everything = t("alle")
    field_labels = {"": everything, **{f: f"{f}: {name}" for f, name in fields.items()}}
    status_labels = {"": everything, **{s: t(s) for s in STATUS_VOCABULARY}}
    area_labels = {"": everything, WHOLE_CITY: t("nur gesamtstädtische"), **names}
    delay_labels = {kind: t(label) for kind, label in DELAY_KINDS.items()}
    with st.container(border=True):
        st.markdown(t("**Auswahl** – gilt für alle Ansichten und Downloads dieser Seite"))
        c1, c2, c3, c4 = st.columns(4)
        with c1:
            feld = url_selectbox(
                t("Handlungsfeld"),
                ["", *fields],
                "hf",
                default="",
                format_func=field_labels.get,
            )
        with c2:
            status = url_selectbox(
                t("Status"), ["", *STATUS_VOCABULARY], "status", default="", format_func=status_labels.get
            )
        with c3:
            office = url_selectbox(
                t("Verantwortlich"),
                ["", *sorted(measures["verantwortlich"].unique())],
                "amt",
                default="",
                format_func=lambda s: s or everything,
            )
        with c4:
            area = url_selectbox(
                t("Gebiet"),
                ["", WHOLE_CITY, *names],
                "massnahmen_gebiet",
                default="",
                format_func=area_labels.get,
            )
        c5, c6, c7 = st.columns([3, 3, 2])  # the period needs room for two full dates (12.02.2024 – 31.12.2027)
        with c5:
            period = st.date_input(
                t("Zeitraum"),
                value=(plan_start, plan_end),
                min_value=plan_start,
                max_value=plan_end,
                format="DD.MM.YYYY",
                key="zeitraum",
                bind="query-params",
                help=t("Maßnahmen, deren geplanter oder tatsächlicher Zeitraum diesen Zeitraum berührt."),
            )
        with c6:
            text = st.text_input(t("Suche in Titel und Beschreibung"), key="suche")
        with c7:
            delay = url_selectbox(t("Verzug"), list(DELAY_KINDS), "verzug", default="", format_func=delay_labels.get)
    chosen_period = tuple(period) if isinstance(period, tuple | list) and len(period) == 2 else None
    shown = filter_measures(measures, feld, status, office, area, text, chosen_period, today)
    if delay:
        shown = shown[shown[delay]]
    stand = max(measures["stand"])
    return PlanView(
        bundle, plan, german, tr, today, measures, sort_by_id(shown), names, fields, feld, area, plan_start, stand
    )


def key_figures(figures: PlanKennzahlen, tr: Translator) -> None:
    """The six key figures of the selection (`plan_kennzahlen.plan_kennzahlen`)."""
    cols = st.columns(3)
    cols[0].metric(
        t("Maßnahmen in der Auswahl") if figures.selected else t("Maßnahmen"),
        t("{anzahl} von {gesamt}", anzahl=figures.measures, gesamt=figures.total)
        if figures.selected
        else figures.total,
        border=True,
    )
    cols[1].metric(t("Umgesetzt"), figures.done, border=True)
    cols[2].metric(
        t("Mittlerer Fortschritt"),
        tr.value(figures.progress, "%", 0) if figures.measures else "–",
        border=True,
        help=t("Mittelwert des gemeldeten Fortschritts aller Maßnahmen der Auswahl außer den entfallenen."),
    )
    cols = st.columns(3)
    cols[0].metric(
        t("Geplantes Ende überschritten"),
        figures.overdue,
        border=True,
        help=t("Geplantes Ende überschritten, weder umgesetzt noch entfallen."),
    )
    cols[1].metric(
        t("Verspätet oder nicht begonnen"),
        figures.late_start,
        border=True,
        help=t(
            "Mehr als {tage} Tage nach dem geplanten Beginn begonnen oder bis heute nicht begonnen.",
            tage=figures.grace_days,
        ),
    )
    cols[2].metric(
        t("Ohne Meldung seit {monate} Monaten", monate=figures.stale_months),
        figures.stale,
        border=True,
        help=t(
            "Offen und seit mehr als {monate} Monaten ohne Statusmeldung (einstellbar unter „Wann gilt eine "
            "Maßnahme als im Verzug?“).",
            monate=figures.stale_months,
        ),
    )


def selection_summary(view: PlanView, months: int, grace: int) -> None:
    """The count line and the key figures of the selection."""
    st.markdown(
        t(
            "**{anzahl} von {gesamt} Maßnahmen** entsprechen der Auswahl.",
            anzahl=len(view.shown),
            gesamt=len(view.measures),
        )
    )
    key_figures(plan_kennzahlen(view.plan, view.shown, stale_months=months, grace_days=grace), view.tr)


def _open_selected(event: object, frame: pd.DataFrame) -> None:
    """Below a table with row selection: a link that opens the selected measure in this tab."""
    rows = getattr(getattr(event, "selection", None), "rows", []) if event is not None else []
    if rows:
        mid = frame.iloc[rows[0]]["massnahme_id"]
        page_link(
            "massnahme",
            label=t("Maßnahme {nummer} öffnen", nummer=mid),
            query_params={"massnahme": mid},
            icon=":material/arrow_forward:",
        )
    else:
        st.caption(
            t(
                "Eine Zeile anklicken (Kästchen links), um die Maßnahme hier zu öffnen; die Nummer öffnet sie in "
                "einem neuen Tab. Zum Sortieren einen Spaltenkopf anklicken."
            )
        )


def overview_tab(view: PlanView) -> None:
    """Status per Handlungsfeld (chart, sentence, table), the chosen area's measures, the drill-down."""
    overview = field_overview(view.sub_plan)
    overview = overview[overview["massnahmen"] > 0] if view.filtered else overview
    tr = view.tr
    st.header(t("Status je Handlungsfeld"))
    if overview.empty:
        st.info(t("Keine Maßnahme entspricht der Auswahl."))
    else:
        st.plotly_chart(
            tidy_status_figure(status_figure(overview, tr), tr), config=plot_config("sozialplan_status", lang=code())
        )
        named = overview.assign(name=[view.mark(n) for n in overview["name"]])
        st.markdown(progress_sentence(named, tr), unsafe_allow_html=True)
        with st.expander(t("Tabelle: Status je Handlungsfeld")):
            data_grid(
                overview.rename(
                    columns={
                        "handlungsfeld_id": t("HF"),
                        "name": t("Handlungsfeld"),
                        "ziele": t("Ziele"),
                        "massnahmen": t("Maßnahmen"),
                        "fortschritt": t("Fortschritt (%)"),
                        **{status: t(status) for status in STATUS_VOCABULARY},
                    }
                ),
                hide_index=True,
                column_config={t("Fortschritt (%)"): st.column_config.NumberColumn(format="%.0f")},
            )
    if view.area and view.area != WHOLE_CITY:
        _area_summary(view)
    st.header(t("Handlungsfelder, Ziele und Maßnahmen"))
    st.caption(t("Ein Handlungsfeld aufklappen: seine Ziele mit Zielwert und die Maßnahmen je Ziel."))
    goals = goal_overview(view.plan, view.shown, tr)
    for _, row in overview.iterrows():
        _field_drilldown(view, row, goals)


def _area_summary(view: PlanView) -> None:
    st.header(t("Maßnahmen in {gebiet} nach Handlungsfeld", gebiet=view.names[view.area]))
    data_grid(
        area_field_summary(view.measures, view.area, view.tr),
        hide_index=True,
        column_config={
            "handlungsfeld_id": t("HF"),
            "handlungsfeld": st.column_config.TextColumn(t("Handlungsfeld"), width="medium"),
            "im_gebiet": st.column_config.NumberColumn(
                t("im Gebiet"), help=t("Maßnahmen, die in diesem Gebiet wirken")
            ),
            "gesamtstaedtisch": t("gesamtstädtisch"),
            "fortschritt": progress_column(t("Ø Fortschritt")),
            "status_text": st.column_config.TextColumn(t("Status"), width="large"),
        },
    )


def _field_drilldown(view: PlanView, row: pd.Series, goals: pd.DataFrame) -> None:
    """One Handlungsfeld as an expander: its description, its goals with target and their measures."""
    hf = row["handlungsfeld_id"]
    hf_goals = goals[goals["handlungsfeld_id"] == hf]
    if view.filtered:
        hf_goals = hf_goals[hf_goals["massnahmen"] > 0]
    label = t(
        "HF {nummer}: {name} · {ziele} Ziele · {massnahmen} Maßnahmen · Ø {fortschritt} Fortschritt",
        nummer=hf,
        name=row["name"],
        ziele=len(hf_goals),
        massnahmen=int(row["massnahmen"]),
        fortschritt=view.tr.value(row["fortschritt"], "%", 0),
    )
    fields = view.plan.fields
    with st.expander(label):
        description = fields.loc[fields["handlungsfeld_id"] == hf, "beschreibung"]
        if len(description) and isinstance(description.iloc[0], str) and description.iloc[0]:
            st.markdown(view.mark(description.iloc[0]), unsafe_allow_html=True)
        for _, goal in hf_goals.iterrows():
            _goal(view, goal)
        page_link(
            "fortschritt",
            label=t("Fortschrittsbericht für Handlungsfeld {nummer} (druckbar)", nummer=hf),
            query_params={"hf": hf},
            icon=":material/print:",
        )


def _goal(view: PlanView, goal: pd.Series) -> None:
    catalogue, tr = view.bundle.catalogue, view.tr
    target = ""
    if isinstance(goal["zielindikator"], str) and goal["zielindikator"] in catalogue.index:
        meta = catalogue.loc[goal["zielindikator"]]
        name = localized(meta, "name", code())
        unit = localized(meta, "einheit", code())
        amount, decimals = goal["zielwert"], int(meta["dezimalstellen"])
        unit_text = german_data(unit.text) if unit.lang != code() else unit.text
        # right to left: number and unit in one isolate (Translator.value), so "%" stays right of the number
        wert, einheit = tr.decimal(amount, decimals), unit_text
        if tr.rtl:
            wert, einheit = tr.value(amount, unit_text, decimals), ""
        target = "  \n" + t(
            "Ziel: {indikator} {wert} {einheit} bis {jahr} (Gesamtstadt)",
            indikator=german_data(name.text) if name.lang != code() else name.text,
            wert=wert,
            einheit=einheit,
            jahr=str(goal["zieljahr"]),
        )
    heading = t("Ziel {nummer}: {titel}", nummer=goal["ziel_id"], titel=view.mark(goal["titel"]))
    counts = t(
        "{anzahl} Maßnahmen · Ø {fortschritt} Fortschritt · {status}",
        anzahl=int(goal["massnahmen"]),
        fortschritt=tr.value(goal["fortschritt"], "%", 0),
        status=goal["status_text"],
    )
    st.markdown(f"**{heading}**{target}  \n{counts}", unsafe_allow_html=True)
    of_goal = view.shown[view.shown["ziel_id"] == goal["ziel_id"]]
    if len(of_goal):
        data_grid(
            view.measure_rows(of_goal)[["link", "titel", "status", "fortschritt", "verantwortlich", "hinweis"]],
            hide_index=True,
            column_config={
                "link": link_column(),
                "titel": st.column_config.TextColumn(t("Maßnahme"), width="large"),
                "status": t("Status"),
                "fortschritt": progress_column(t("Fortschritt")),
                "verantwortlich": t("Verantwortlich"),
                "hinweis": st.column_config.TextColumn(t("Verzug"), width="medium"),
            },
        )


# the on-screen table of measures: pixel widths that add up to 850 px, the content width at 1366 px less the
# selection boxes, so the table fits its box without scrolling sideways
def _table_columns() -> dict[str, Any]:
    return {
        "link": link_column(width=60),
        "titel": st.column_config.TextColumn(t("Maßnahme"), width=290),
        "status": st.column_config.TextColumn(t("Status"), width=115),
        "fortschritt": progress_column(t("Fortschritt"), width=120),
        "verantwortlich": st.column_config.TextColumn(t("Verantwortlich"), width=135),
        "hinweis": st.column_config.TextColumn(t("Verzug"), width=130),
    }


def table_tab(view: PlanView) -> None:
    """The selected measures as a table (a row opens the measure) and the downloads."""
    table = view.measure_rows(view.shown)
    columns = _table_columns()
    # the columns that fit the page's width (1366 px screen) without a sideways scroll; the others
    # (Handlungsfeld = first digit of the number, Gebiete, dates) are on the measure's page and in the downloads
    event = data_grid(
        table[list(columns)],
        hide_index=True,
        key="massnahmen_tabelle",
        on_select="rerun",
        selection_mode="single-row",
        column_config=columns,
    )
    st.caption(
        t(
            "Weitere Angaben (Gebiete, geplante und tatsächliche Termine, Stand der Meldung) stehen auf der Seite "
            "jeder Maßnahme und in den Downloads."
        )
    )
    _open_selected(event, table)
    _downloads(view)


def _downloads(view: PlanView) -> None:
    shown, plan = view.shown, view.plan
    st.markdown(t("**Herunterladen** – alle Spalten der ausgewählten Maßnahmen und ihr Statusverlauf"))
    lang = code()  # German: the data contract's columns; other languages: the page's labels (plan_export)
    export, history = export_tables(shown.drop(columns=["link"], errors="ignore"), plan.history)
    export_xlsx, history_xlsx = export_tables(shown, plan.history, german_dates=False)
    export, history, export_xlsx, history_xlsx = (
        plan_export_in_language(f, lang) for f in (export, history, export_xlsx, history_xlsx)
    )
    meta = provenance(
        view.bundle,
        {
            t("Inhalt"): t(
                "Maßnahmen des Sozialplans ({anzahl} von {gesamt}, gefiltert) und Statusverlauf",
                anzahl=str(len(shown)),
                gesamt=str(len(view.measures)),
            ),
            t("Quelle"): t("Sozialplanung") + " (massnahmen.csv, massnahmen_verlauf.csv)",
            t("Stand"): format_day(view.stand),
        },
    )
    sheets = {t("Maßnahmen"): export_xlsx, t("Verlauf"): history_xlsx}
    d1, d2, d3 = st.columns(3)
    d1.download_button(
        t("Maßnahmen als CSV"),
        csv_with_metadata(export, meta, lang=lang),
        file_name="massnahmen.csv",
        mime="text/csv",
        key="dl_massnahmen",
        icon=":material/download:",
    )
    d2.download_button(
        t("Statusverlauf als CSV"),
        csv_with_metadata(history, meta, lang=lang),
        file_name="massnahmen_verlauf.csv",
        mime="text/csv",
        key="dl_verlauf",
        icon=":material/download:",
    )
    d3.download_button(
        t("Beides als Excel (zwei Tabellenblätter)"),
        xlsx_with_metadata(sheets, meta, lang=lang),
        file_name="massnahmen.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_massnahmen_xlsx",
        icon=":material/table_view:",
    )
