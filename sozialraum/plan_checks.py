"""Checks of the social plan's files against each other and against areas and catalogue: unknown
Handlungsfelder, Ziele, areas and measures, an end before its start, a history out of order. Rows with
errors are left out; every problem goes into the report (with its message as template and values)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from .contract import GOALS_SPEC, HISTORY_SPEC, MEASURES_SPEC
from .csvio import line_number
from .report import N_, Report, msg
from .schemas import WHOLE_CITY

if TYPE_CHECKING:
    from .loader import Plan


def check_plan(plan: Plan, areas: gpd.GeoDataFrame, catalogue: pd.DataFrame, report: Report) -> Plan:
    fields = set(plan.fields["handlungsfeld_id"])
    goals = plan.goals
    bad_goals = [i for i, r in goals.iterrows() if fields and r["handlungsfeld_id"] not in fields]
    for index in bad_goals:
        report.error(
            GOALS_SPEC.file,
            msg(N_("Unbekanntes Handlungsfeld: nicht in handlungsfelder.csv.")),
            row=line_number(index),
            column="handlungsfeld_id",
            value=goals.at[index, "handlungsfeld_id"],
        )
    goals = goals.drop(index=bad_goals)
    measures = _check_measures(plan.measures, set(goals["ziel_id"]), set(areas["gebiet_id"]), catalogue, report)
    history = _check_history(plan.history, set(measures["massnahme_id"]), report)
    return replace(plan, goals=goals, measures=measures, history=history)


def _check_measures(
    measures: pd.DataFrame, goals: set[str], areas: set[str], catalogue: pd.DataFrame, report: Report
) -> pd.DataFrame:
    file = MEASURES_SPEC.file
    bad: list[int] = []
    for index, row in measures.iterrows():
        line = line_number(index)
        if row["ziel_id"] not in goals:
            report.error(
                file,
                msg(N_("Unbekanntes Ziel: nicht in ziele.csv.")),
                row=line,
                column="ziel_id",
                value=row["ziel_id"],
            )
            bad.append(index)
        unknown = [a for a in row["gebiete"] if a not in areas and a.lower() != WHOLE_CITY]
        if unknown:
            report.error(
                file,
                msg(N_("Unbekannte Gebiete: gebiet_id aus der Gebietsdatei oder „gesamtstadt“ erwartet.")),
                row=line,
                column="gebiete",
                value=", ".join(unknown),
            )
            bad.append(index)
        for start, end in (("beginn_geplant", "ende_geplant"), ("beginn_ist", "ende_ist")):
            if row[start] and row[end] and row[end] < row[start]:
                report.error(
                    file,
                    msg(
                        N_("Ende liegt vor dem Beginn ({spalte} = {beginn})."),
                        spalte=start,
                        beginn=f"{row[start]:%d.%m.%Y}",
                    ),
                    row=line,
                    column=end,
                    value=f"{row[end]:%d.%m.%Y}",
                )
                bad.append(index)
        links = row["indikatoren"] if isinstance(row["indikatoren"], tuple) else ()
        unknown_links = [i for i in links if i not in catalogue.index]
        if unknown_links:
            report.warning(
                file,
                msg(N_("Verknüpfte Indikatoren nicht im Katalog; sie werden nicht angezeigt.")),
                row=line,
                column="indikatoren",
                value=", ".join(unknown_links),
            )
    measures = measures.drop(index=sorted(set(bad))).copy()
    measures["indikatoren"] = [
        tuple(i for i in (links if isinstance(links, tuple) else ()) if i in catalogue.index)
        for links in measures["indikatoren"]
    ]
    measures["gebiete"] = [tuple(WHOLE_CITY if a.lower() == WHOLE_CITY else a for a in g) for g in measures["gebiete"]]
    return measures


def _check_history(history: pd.DataFrame, measures: set[str], report: Report) -> pd.DataFrame:
    file = HISTORY_SPEC.file
    bad: list[int] = []
    last_date: dict[str, object] = {}
    for index, row in history.iterrows():
        mid = row["massnahme_id"]
        if mid not in measures:
            report.error(
                file,
                msg(N_("Unbekannte Maßnahme: nicht in massnahmen.csv.")),
                row=line_number(index),
                column="massnahme_id",
                value=mid,
            )
            bad.append(index)
            continue
        previous = last_date.get(mid)
        if previous is not None and row["datum"] < previous:
            report.error(
                file,
                msg(
                    N_("Einträge nicht in zeitlicher Reihenfolge: vorheriger Eintrag dieser Maßnahme ist vom {datum}."),
                    datum=f"{previous:%d.%m.%Y}",
                ),
                row=line_number(index),
                column="datum",
                value=f"{row['datum']:%d.%m.%Y}",
            )
            bad.append(index)
            continue
        last_date[mid] = row["datum"]
    return history.drop(index=bad)
