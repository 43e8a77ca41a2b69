"""Sozialplan roll-ups: per Handlungsfeld counts, status distribution, progress, overdue."""

from __future__ import annotations

from datetime import date

import pandas as pd

from .schemas import STATUS_VOCABULARY, WHOLE_CITY

DONE = "umgesetzt"
CLOSED = ("umgesetzt", "entfallen")


def measures_with_field(plan) -> pd.DataFrame:  # noqa: ANN001
    """Measures joined with their goal and Handlungsfeld (ids and names)."""
    goals = plan.goals[["ziel_id", "handlungsfeld_id", "titel"]].rename(columns={"titel": "ziel_titel"})
    fields = plan.fields[["handlungsfeld_id", "name"]].rename(columns={"name": "handlungsfeld"})
    return plan.measures.merge(goals, on="ziel_id", how="left").merge(fields, on="handlungsfeld_id", how="left")


def field_overview(plan) -> pd.DataFrame:  # noqa: ANN001
    """One row per Handlungsfeld: goals, measures, mean progress, count per status."""
    measures = measures_with_field(plan)
    goals = plan.goals.groupby("handlungsfeld_id").size().rename("ziele")
    grouped = measures.groupby("handlungsfeld_id")
    frame = pd.DataFrame({"massnahmen": grouped.size(), "fortschritt": grouped["fortschritt"].mean().astype(float)})
    status = pd.crosstab(measures["handlungsfeld_id"], measures["status"]).reindex(
        columns=list(STATUS_VOCABULARY), fill_value=0
    )
    out = plan.fields[["handlungsfeld_id", "name"]].set_index("handlungsfeld_id").join(goals).join(frame).join(status)
    return out.fillna(0).reset_index()


def overdue(measures: pd.DataFrame, today: date) -> pd.DataFrame:
    """Measures whose planned end has passed and that are neither umgesetzt nor entfallen."""
    mask = measures["ende_geplant"].map(lambda d: d < today) & ~measures["status"].isin(CLOSED)
    return measures[mask]


def stale(measures: pd.DataFrame, today: date, months: int = 12) -> pd.DataFrame:
    """Open measures without a status report for longer than `months`."""
    limit = pd.Timestamp(today) - pd.DateOffset(months=months)
    mask = measures["stand"].map(lambda d: pd.Timestamp(d) < limit) & ~measures["status"].isin(CLOSED)
    return measures[mask]


def measures_in_area(measures: pd.DataFrame, gebiet_id: str) -> pd.DataFrame:
    """Measures acting in the area plus city-wide ones (column `gesamtstaedtisch`)."""
    here = measures["gebiete"].map(lambda g: gebiet_id in g)
    city = measures["gebiete"].map(lambda g: WHOLE_CITY in g)
    return measures[here | city].assign(gesamtstaedtisch=city[here | city])


def plan_progress(measures: pd.DataFrame) -> float:
    """Mean progress of all measures that were not dropped, in %."""
    active = measures[measures["status"] != "entfallen"]
    return float(active["fortschritt"].mean()) if len(active) else float("nan")


def filter_measures(
    measures: pd.DataFrame, feld: str = "", status: str = "", office: str = "", area: str = "", text: str = ""
) -> pd.DataFrame:
    """Measures matching every given filter; an empty filter matches everything."""
    mask = pd.Series(True, index=measures.index)
    if feld:
        mask &= measures["handlungsfeld_id"] == feld
    if status:
        mask &= measures["status"] == status
    if office:
        mask &= measures["verantwortlich"] == office
    if area:
        mask &= measures["gebiete"].map(lambda g: area in g)
    if text.strip():
        needle = text.strip().lower()
        haystack = measures["titel"].fillna("") + " " + measures["beschreibung"].fillna("")
        mask &= haystack.str.lower().str.contains(needle, regex=False)
    return measures[mask]


def progress_sentence(overview: pd.DataFrame) -> str:
    """Plain-German reading of the status chart: the most and least advanced Handlungsfeld."""
    from .formatting import format_number

    if overview.empty:
        return "Keine Maßnahmen vorhanden."
    ranked = overview.sort_values("fortschritt", ascending=False)
    most, least = ranked.iloc[0], ranked.iloc[-1]
    return (
        f"Am weitesten ist das Handlungsfeld „{most['name']}“ mit durchschnittlich "
        f"{format_number(most['fortschritt'], 0)} % Fortschritt, am wenigsten weit „{least['name']}“ "
        f"mit {format_number(least['fortschritt'], 0)} %."
    )
