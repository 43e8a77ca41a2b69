"""Sozialplan: progress per Handlungsfeld, drill-down to goals and measures, delays, time line, changes."""

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from components.layout import footer, setup_page
from components.navigation import page_link
from components.state import url_selectbox
from components.views import download_table, provenance
from sozialraum.export import csv_with_metadata, xlsx_with_metadata
from sozialraum.figures import status_figure
from sozialraum.formatting import format_date, format_number, format_percent
from sozialraum.plan import (
    CHANGE_FLAGS,
    DELAY_KINDS,
    LATE_START_GRACE_DAYS,
    STALE_MONTHS,
    area_field_summary,
    changes_sentence,
    changes_since,
    changes_summary,
    delay_flags,
    export_tables,
    field_overview,
    filter_measures,
    gantt_data,
    goal_overview,
    measure_url,
    measures_with_field,
    months_ago,
    plan_progress,
    progress_sentence,
    sort_by_id,
    span,
    timeline_sentence,
)
from sozialraum.plan_figures import gantt_figure, tidy_status_figure
from sozialraum.plot_config import plot_config
from sozialraum.schemas import STATUS_VOCABULARY, WHOLE_CITY

SOURCE = "Quelle: Sozialplanung (massnahmen.csv, massnahmen_verlauf.csv)"

bundle = setup_page("sozialplan")
plan = bundle.plan
st.title("Sozialplan: Umsetzungsstand")

if plan.empty:
    st.info("Für diesen Datenordner liegt kein Sozialplan vor (massnahmen.csv fehlt).")
    footer(bundle)
    st.stop()

today = date.today()
measures = measures_with_field(plan)
stand = max(measures["stand"])
st.caption(f"Stand der Statusmeldungen: bis {format_date(stand)} · {SOURCE}")
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
fields = dict(zip(plan.fields["handlungsfeld_id"], plan.fields["name"], strict=True))


def area_text(ids: tuple[str, ...]) -> str:
    return ", ".join("Gesamtstadt" if g == WHOLE_CITY else names.get(g, g) for g in ids)


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
        help="Auch Maßnahmen, die so lange nach dem geplanten Beginn noch nicht begonnen haben, gelten als verspätet.",
    )
flagged = delay_flags(measures, today, int(months), int(grace))


def key_figures(frame: pd.DataFrame, total: int) -> None:
    """The six key figures of the measures in `frame` (the page's selection, flagged by `delay_flags`)."""
    selected = len(frame) < total
    cols = st.columns(3)
    cols[0].metric(
        "Maßnahmen in der Auswahl" if selected else "Maßnahmen",
        f"{len(frame)} von {total}" if selected else total,
        border=True,
    )
    cols[1].metric("Umgesetzt", int((frame["status"] == "umgesetzt").sum()), border=True)
    cols[2].metric(
        "Mittlerer Fortschritt",
        format_percent(plan_progress(frame)) if len(frame) else "–",
        border=True,
        help="Mittelwert des gemeldeten Fortschritts aller Maßnahmen der Auswahl außer den entfallenen.",
    )
    cols = st.columns(3)
    cols[0].metric(
        "Geplantes Ende überschritten",
        int(frame["ende_ueberschritten"].sum()),
        border=True,
        help="Geplantes Ende überschritten, weder umgesetzt noch entfallen.",
    )
    cols[1].metric(
        "Verspätet oder nicht begonnen",
        int(frame["spaet_begonnen"].sum()),
        border=True,
        help=f"Mehr als {grace} Tage nach dem geplanten Beginn begonnen oder bis heute nicht begonnen.",
    )
    cols[2].metric(
        f"Ohne Meldung seit {months} Monaten",
        int(frame["ohne_meldung"].sum()),
        border=True,
        help=f"Offen und seit mehr als {months} Monaten ohne Statusmeldung (einstellbar unter „Wann gilt eine "
        "Maßnahme als im Verzug?“).",
    )


# --- selection: applies to every view and to the downloads ----------------------------
spans = [span(row, today) for _, row in measures.iterrows()]
plan_start, plan_end = min(s for s, _ in spans), max(e for _, e in spans)
with st.container(border=True):
    st.markdown("**Auswahl** – gilt für alle Ansichten und Downloads dieser Seite")
    c1, c2, c3, c4 = st.columns(4)
    with c1:
        feld = url_selectbox(
            "Handlungsfeld", ["", *fields], "hf", default="", format_func=lambda f: f"{f}: {fields[f]}" if f else "alle"
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
shown = filter_measures(flagged, feld, status, office, area, text, chosen_period, today)
if delay:
    shown = shown[shown[delay]]
shown = sort_by_id(shown)
st.markdown(f"**{len(shown)} von {len(measures)} Maßnahmen** entsprechen der Auswahl.")
key_figures(shown, len(measures))
sub_plan = replace(plan, measures=plan.measures[plan.measures["massnahme_id"].isin(set(shown["massnahme_id"]))])
filtered = len(shown) < len(measures)

LINK = st.column_config.LinkColumn(
    "Nr.", display_text=r"massnahme=(.*)$", help="Öffnet die Seite der Maßnahme in einem neuen Tab"
)


# the on-screen table of measures: pixel widths that add up to 850 px, the content width at 1366 px less the
# selection boxes, so the table fits its box without scrolling sideways
TABLE_COLUMNS = {
    "link": st.column_config.LinkColumn(
        "Nr.", display_text=r"massnahme=(.*)$", width=60, help="Öffnet die Seite der Maßnahme in einem neuen Tab"
    ),
    "titel": st.column_config.TextColumn("Maßnahme", width=290),
    "status": st.column_config.TextColumn("Status", width=115),
    "fortschritt": st.column_config.ProgressColumn(
        "Fortschritt", format="%.0f %%", min_value=0, max_value=100, width=120
    ),
    "verantwortlich": st.column_config.TextColumn("Verantwortlich", width=135),
    "hinweis": st.column_config.TextColumn("Verzug", width=130),
}


def measure_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        link=[measure_url(m) for m in frame["massnahme_id"]],
        gebiete_text=[area_text(g) for g in frame["gebiete"]],
    )


def open_selected(event: object, frame: pd.DataFrame) -> None:
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


overview_tab, table_tab, timeline_tab, changes_tab = st.tabs(
    ["Überblick", "Maßnahmen", "Zeitplan", "Änderungen"], key="ansicht", bind="query-params"
)

# --- overview: status per Handlungsfeld, drill-down to goals and measures ----------------
if overview_tab.open:
    with overview_tab:
        st.header("Status je Handlungsfeld")
        overview = field_overview(sub_plan)
        overview = overview[overview["massnahmen"] > 0] if filtered else overview
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
        if area and area != WHOLE_CITY:
            st.header(f"Maßnahmen in {names[area]} nach Handlungsfeld")
            summary = area_field_summary(measures, area)
            st.dataframe(
                summary,
                hide_index=True,
                column_config={
                    "handlungsfeld_id": "HF",
                    "handlungsfeld": st.column_config.TextColumn("Handlungsfeld", width="medium"),
                    "im_gebiet": st.column_config.NumberColumn(
                        "im Gebiet", help="Maßnahmen, die in diesem Gebiet wirken"
                    ),
                    "gesamtstaedtisch": "gesamtstädtisch",
                    "fortschritt": st.column_config.ProgressColumn(
                        "Ø Fortschritt", format="%.0f %%", min_value=0, max_value=100
                    ),
                    "status_text": st.column_config.TextColumn("Status", width="large"),
                },
            )

        st.header("Handlungsfelder, Ziele und Maßnahmen")
        st.caption("Ein Handlungsfeld aufklappen: seine Ziele mit Zielwert und die Maßnahmen je Ziel.")
        goals = goal_overview(plan, shown)
        for _, row in overview.iterrows():
            hf = row["handlungsfeld_id"]
            hf_goals = goals[goals["handlungsfeld_id"] == hf]
            if filtered:
                hf_goals = hf_goals[hf_goals["massnahmen"] > 0]
            label = (
                f"HF {hf}: {row['name']} · {len(hf_goals)} Ziele · {int(row['massnahmen'])} Maßnahmen · "
                f"Ø {format_percent(row['fortschritt'])} Fortschritt"
            )
            with st.expander(label):
                description = plan.fields.loc[plan.fields["handlungsfeld_id"] == hf, "beschreibung"]
                if len(description) and isinstance(description.iloc[0], str) and description.iloc[0]:
                    st.markdown(description.iloc[0])
                for _, goal in hf_goals.iterrows():
                    target = ""
                    if isinstance(goal["zielindikator"], str) and goal["zielindikator"] in bundle.catalogue.index:
                        meta = bundle.catalogue.loc[goal["zielindikator"]]
                        value = format_number(goal["zielwert"], int(meta["dezimalstellen"]))
                        target = (
                            f"  \nZiel: {meta['name']} {value} {meta['einheit']} bis {goal['zieljahr']} (Gesamtstadt)"
                        )
                    st.markdown(
                        f"**Ziel {goal['ziel_id']}: {goal['titel']}**{target}  \n"
                        f"{goal['massnahmen']} Maßnahmen · Ø {format_percent(goal['fortschritt'])} Fortschritt · "
                        f"{goal['status_text']}"
                    )
                    of_goal = shown[shown["ziel_id"] == goal["ziel_id"]]
                    if len(of_goal):
                        st.dataframe(
                            measure_rows(of_goal)[
                                ["link", "titel", "status", "fortschritt", "verantwortlich", "hinweis"]
                            ],
                            hide_index=True,
                            column_config={
                                "link": LINK,
                                "titel": st.column_config.TextColumn("Maßnahme", width="large"),
                                "status": "Status",
                                "fortschritt": st.column_config.ProgressColumn(
                                    "Fortschritt", format="%.0f %%", min_value=0, max_value=100
                                ),
                                "verantwortlich": "Verantwortlich",
                                "hinweis": st.column_config.TextColumn("Verzug", width="medium"),
                            },
                        )
                page_link(
                    "fortschritt",
                    label=f"Fortschrittsbericht für Handlungsfeld {hf} (druckbar)",
                    query_params={"hf": hf},
                    icon=":material/print:",
                )

# --- the table of measures with downloads ----------------------------------------------
if table_tab.open:
    with table_tab:
        table = measure_rows(shown)
        # the columns that fit the page's width (1366 px screen) without a sideways scroll; the others
        # (Handlungsfeld = first digit of the number, Gebiete, dates) are on the measure's page and in the downloads
        event = st.dataframe(
            table[list(TABLE_COLUMNS)],
            hide_index=True,
            key="massnahmen_tabelle",
            on_select="rerun",
            selection_mode="single-row",
            column_config=TABLE_COLUMNS,
        )
        st.caption(
            "Weitere Angaben (Gebiete, geplante und tatsächliche Termine, Stand der Meldung) stehen auf der Seite "
            "jeder Maßnahme und in den Downloads."
        )
        open_selected(event, table)

        st.markdown("**Herunterladen** – alle Spalten der ausgewählten Maßnahmen und ihr Statusverlauf")
        export, history = export_tables(shown.drop(columns=["link"], errors="ignore"), plan.history)
        export_xlsx, history_xlsx = export_tables(shown, plan.history, german_dates=False)
        meta = provenance(
            bundle,
            {
                "Inhalt": f"Maßnahmen des Sozialplans ({len(shown)} von {len(measures)}, gefiltert) und Statusverlauf",
                "Quelle": "Sozialplanung (massnahmen.csv, massnahmen_verlauf.csv)",
                "Stand": format_date(stand),
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

# --- time line per Handlungsfeld ---------------------------------------------------------
if timeline_tab.open:
    with timeline_tab:
        present = [f for f in fields if f in set(shown["handlungsfeld_id"])]
        if not present:
            st.info("Keine Maßnahme entspricht der Auswahl.")
        else:
            chosen = url_selectbox(
                "Handlungsfeld im Zeitplan",
                present,
                "zeitplan_hf",
                default=feld if feld in present else present[0],
                format_func=lambda f: f"{f}: {fields[f]}",
            )
            of_field = shown[shown["handlungsfeld_id"] == chosen]
            st.plotly_chart(
                gantt_figure(gantt_data(of_field, today), today, f"Zeitplan Handlungsfeld {chosen}: {fields[chosen]}"),
                config=plot_config("sozialplan_zeitplan"),
            )
            st.markdown(timeline_sentence(of_field, today))
            st.caption(
                "Graue Balken: geplanter Zeitraum; farbige Balken: tatsächlicher Zeitraum in der Farbe des Status "
                "(schraffiert: läuft noch); roter Strich: heute. "
                "Maßnahmen ohne farbigen Balken haben noch nicht begonnen."
            )
            with st.expander("Tabelle: Zeitplan"):
                st.dataframe(
                    measure_rows(of_field)[
                        [
                            "link",
                            "titel",
                            "beginn_geplant",
                            "ende_geplant",
                            "beginn_ist",
                            "ende_ist",
                            "status",
                            "hinweis",
                        ]
                    ],
                    hide_index=True,
                    column_config={
                        "link": LINK,
                        "titel": st.column_config.TextColumn("Maßnahme", width="large"),
                        "beginn_geplant": st.column_config.DateColumn("Beginn geplant", format="DD.MM.YYYY"),
                        "ende_geplant": st.column_config.DateColumn("Ende geplant", format="DD.MM.YYYY"),
                        "beginn_ist": st.column_config.DateColumn("Beginn tatsächlich", format="DD.MM.YYYY"),
                        "ende_ist": st.column_config.DateColumn("Ende tatsächlich", format="DD.MM.YYYY"),
                        "status": "Status",
                        "hinweis": st.column_config.TextColumn("Verzug", width="medium"),
                    },
                )

# --- what changed since a date ---------------------------------------------------------
if changes_tab.open:
    with changes_tab:
        first_report = min(plan.history["datum"]) if len(plan.history) else plan_start
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
        changes = changes[changes["massnahme_id"].isin(set(shown["massnahme_id"]))]
        st.header(f"Änderungen seit dem {format_date(since)}")
        st.markdown(changes_sentence(changes, since, len(shown)))
        kinds = st.columns(len(CHANGE_FLAGS) + 1)
        kinds[0].metric("geändert", len(changes), border=True, help="Maßnahmen mit mindestens einer Änderung")
        for column, (flag, label) in zip(kinds[1:], CHANGE_FLAGS.items(), strict=True):
            column.metric(label, int(changes[flag].sum()) if len(changes) else 0, border=True)
        if len(changes):
            rows = measure_rows(changes)
            change_columns = {
                "link": LINK,
                "titel": st.column_config.TextColumn("Maßnahme", width="medium"),
                "aenderung": st.column_config.TextColumn("Was sich geändert hat", width="large"),
                "status_jetzt": "Status jetzt",
                "fortschritt_jetzt": st.column_config.ProgressColumn(
                    "Fortschritt jetzt", format="%.0f %%", min_value=0, max_value=100
                ),
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
                column_config={
                    "gruppe": st.column_config.TextColumn("Handlungsfeld", width="medium"),
                    **summary_columns,
                },
            )
            by_area = changes_summary(changes, "gebiet", names)
            st.markdown("**Je Gebiet** (eine Maßnahme zählt in jedem Gebiet, in dem sie wirkt)")
            st.dataframe(
                by_area,
                hide_index=True,
                height=35 * (len(by_area) + 1) + 12,
                column_config={"gruppe": st.column_config.TextColumn("Gebiet", width="medium"), **summary_columns},
            )
            download_table(
                bundle,
                rows.drop(columns=["link"]).assign(
                    gebiete=[area_text(g) for g in rows["gebiete"]],
                    indikatoren=["|".join(i) for i in rows["indikatoren"]],
                ),
                f"aenderungen_seit_{since:%Y-%m-%d}.csv",
                {"Inhalt": f"Änderungen an Maßnahmen seit dem {format_date(since)}", "Stand": format_date(stand)},
                key="dl_aenderungen",
            )

footer(bundle, SOURCE)
