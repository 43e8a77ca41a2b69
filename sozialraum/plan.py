"""Sozialplan roll-ups: per Handlungsfeld and Ziel counts, status, progress, delays, changes over time.

Everything here is pure pandas on the `Plan` tables (see `loader.Plan`): no Streamlit, German
texts only where a function returns a sentence or a label for the page.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd

from .i18n import N_, Translator
from .schemas import WHOLE_CITY
from .status import BEGUN, CLOSED, STATUS_VOCABULARY, Status

DONE = Status.DONE
LATE_START_GRACE_DAYS = 30
STALE_MONTHS = 12
GERMAN = Translator("de")
# the status vocabulary as shown (a status is translated where it is shown: `status_name`)
STATUS_NAMES = (
    N_("geplant"), N_("in Vorbereitung"), N_("in Umsetzung"), N_("umgesetzt"), N_("verzögert"), N_("ausgesetzt"),
    N_("entfallen"),
)  # fmt: skip


def status_name(status: str, tr: Translator = GERMAN) -> str:
    """A status in the translator's language (the data keeps the German word)."""
    return tr(status)


def measures_with_field(plan) -> pd.DataFrame:
    """Measures joined with their goal and Handlungsfeld (ids and names)."""
    goals = plan.goals[["ziel_id", "handlungsfeld_id", "titel"]].rename(columns={"titel": "ziel_titel"})
    fields = plan.fields[["handlungsfeld_id", "name"]].rename(columns={"name": "handlungsfeld"})
    return plan.measures.merge(goals, on="ziel_id", how="left").merge(fields, on="handlungsfeld_id", how="left")


def field_overview(plan) -> pd.DataFrame:
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
    active = measures[measures["status"] != Status.DROPPED]
    return float(active["fortschritt"].mean()) if len(active) else float("nan")


def filter_measures(
    measures: pd.DataFrame,
    feld: str = "",
    status: str = "",
    office: str = "",
    area: str = "",
    text: str = "",
    period: tuple[date, date] | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """Measures matching every given filter; an empty filter matches everything.

    `period` keeps the measures whose planned or actual time span overlaps it (see `span`;
    with `today`, running measures count as lasting until today).
    """
    mask = pd.Series(True, index=measures.index)
    if period is not None:
        start, end = period
        spans = [span(row, today) for _, row in measures.iterrows()]
        mask &= pd.Series([s <= end and e >= start for s, e in spans], index=measures.index, dtype=bool)
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


def progress_sentence(overview: pd.DataFrame, tr: Translator = GERMAN) -> str:
    """Plain reading of the status chart: the most and least advanced Handlungsfeld (column `name`, already
    in the reader's language)."""
    if overview.empty:
        return tr(N_("Keine Maßnahmen vorhanden."))
    ranked = overview.sort_values("fortschritt", ascending=False)
    most, least = ranked.iloc[0], ranked.iloc[-1]
    return tr(
        N_(
            "Am weitesten ist das Handlungsfeld „{erstes}“ mit durchschnittlich {wert_erstes} Fortschritt, "
            "am wenigsten weit „{letztes}“ mit {wert_letztes}."
        ),
        erstes=most["name"],
        wert_erstes=tr.value(most["fortschritt"], "%", 0),
        letztes=least["name"],
        wert_letztes=tr.value(least["fortschritt"], "%", 0),
    )


# --- ids, spans, roll-ups per goal ------------------------------------------------


def id_key(identifier: str) -> tuple:
    """Sort key for ids like `1.10.2`: numeric parts as numbers, so 1.2 comes before 1.10."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.\-_ ]", str(identifier)))


def sort_by_id(frame: pd.DataFrame, column: str = "massnahme_id") -> pd.DataFrame:
    return frame.sort_values(column, key=lambda s: s.map(id_key)) if len(frame) else frame


def span(measure: pd.Series, today: date | None = None) -> tuple[date, date]:
    """The whole time span of a measure: the earlier start and the later end of plan and reality.

    With `today`, a measure that has begun, has no actual end and is not closed lasts at least
    until today (it is still running, even past its planned end).
    """
    starts = [d for d in (measure["beginn_geplant"], measure.get("beginn_ist")) if _is_date(d)]
    ends = [d for d in (measure["ende_geplant"], measure.get("ende_ist")) if _is_date(d)]
    running = _is_date(measure.get("beginn_ist")) and not _is_date(measure.get("ende_ist"))
    if today is not None and running and measure["status"] not in CLOSED:
        ends.append(today)
    return min(starts), max(ends)


def _is_date(value: object) -> bool:
    return isinstance(value, date)


def status_text(counts: pd.Series, tr: Translator = GERMAN) -> str:
    """'3 in Umsetzung, 1 geplant' in the order of the status vocabulary."""
    parts = [
        tr(N_("{anzahl} {status}"), anzahl=int(counts[s]), status=tr(s))
        for s in STATUS_VOCABULARY
        if s in counts and counts[s]
    ]
    if not parts:
        return tr(N_("keine Maßnahmen"))
    listed = parts[0]
    for part in parts[1:]:  # the list template, not a bare ", ": Leichte Sprache writes that one as ". "
        listed = tr(N_("{liste}, {name}"), liste=listed, name=part)
    return listed


def goal_overview(plan, measures: pd.DataFrame | None = None, tr: Translator = GERMAN) -> pd.DataFrame:
    """One row per Ziel: its Handlungsfeld, target, number of measures, mean progress, status counts.

    `measures` (default: all) lets the page roll up a filtered selection; goals without any of
    those measures keep a row with 0 measures.
    """
    measures = measures_with_field(plan) if measures is None else measures
    grouped = measures.groupby("ziel_id")
    frame = pd.DataFrame(
        {"massnahmen": grouped.size(), "fortschritt": grouped["fortschritt"].mean().astype(float)}
    ).reindex(plan.goals["ziel_id"])
    status = pd.crosstab(measures["ziel_id"], measures["status"]).reindex(
        index=plan.goals["ziel_id"], columns=list(STATUS_VOCABULARY), fill_value=0
    )
    out = plan.goals.set_index("ziel_id").join(frame).join(status.fillna(0).astype(int))
    out["massnahmen"] = out["massnahmen"].fillna(0).astype(int)
    out["status_text"] = [status_text(row, tr) for _, row in status.fillna(0).iterrows()]
    return sort_by_id(out.reset_index(), "ziel_id").reset_index(drop=True)


def area_field_summary(measures: pd.DataFrame, gebiet_id: str, tr: Translator = GERMAN) -> pd.DataFrame:
    """For one Sozialraum: per Handlungsfeld the measures acting there and the city-wide ones,
    with mean progress and the status counts (input: `measures_with_field`)."""
    here = measures_in_area(measures, gebiet_id)
    columns = ["handlungsfeld_id", "handlungsfeld", "im_gebiet", "gesamtstaedtisch", "fortschritt", "status_text"]
    if here.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (feld, name), group in here.groupby(["handlungsfeld_id", "handlungsfeld"], sort=False):
        rows.append(
            {
                "handlungsfeld_id": feld,
                "handlungsfeld": name,
                "im_gebiet": int((~group["gesamtstaedtisch"]).sum()),
                "gesamtstaedtisch": int(group["gesamtstaedtisch"].sum()),
                "fortschritt": float(group["fortschritt"].mean()),
                "status_text": status_text(group["status"].value_counts(), tr),
            }
        )
    return sort_by_id(pd.DataFrame(rows, columns=columns), "handlungsfeld_id").reset_index(drop=True)


# --- delays -------------------------------------------------------------------------


def late_start(measures: pd.DataFrame, today: date, grace_days: int = LATE_START_GRACE_DAYS) -> pd.DataFrame:
    """Measures that began more than `grace_days` after the planned start, or that have not
    begun although the planned start lies more than `grace_days` back (and they are not closed)."""
    return measures[[_starts_late(row, today, grace_days) for _, row in measures.iterrows()]]


def _starts_late(row: pd.Series, today: date, grace_days: int) -> bool:
    limit = timedelta(days=grace_days)
    if _is_date(row["beginn_ist"]) and row["beginn_ist"] <= today:
        return row["beginn_ist"] - row["beginn_geplant"] > limit
    return row["status"] not in BEGUN and today - row["beginn_geplant"] > limit


def months_ago(today: date, months: int) -> date:
    """The same day `months` months earlier (31.08. minus 6 months → 28./29.02.)."""
    return (pd.Timestamp(today) - pd.DateOffset(months=months)).date()


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (0 if later is not after earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)
    return max(0, months)


def delay_flags(
    measures: pd.DataFrame,
    today: date,
    stale_months: int = STALE_MONTHS,
    grace_days: int = LATE_START_GRACE_DAYS,
    tr: Translator = GERMAN,
) -> pd.DataFrame:
    """The measures with three delay flags and a note for the table in the translator's language.

    `ende_ueberschritten`: planned end passed, neither umgesetzt nor entfallen;
    `spaet_begonnen`: see `late_start`; `ohne_meldung`: open and no status report for more
    than `stale_months` months; `verzug`: any of these; `hinweis`: all of it in words.
    """
    out = measures.copy()
    out["ende_ueberschritten"] = out.index.isin(overdue(measures, today).index)
    out["spaet_begonnen"] = out.index.isin(late_start(measures, today, grace_days).index)
    out["ohne_meldung"] = out.index.isin(stale(measures, today, stale_months).index)
    out["verzug"] = out["ende_ueberschritten"] | out["spaet_begonnen"] | out["ohne_meldung"]
    out["hinweis"] = [_delay_note(row, today, tr) for _, row in out.iterrows()]
    return out


def _delay_note(row: pd.Series, today: date, tr: Translator = GERMAN) -> str:
    notes = []
    if row["ende_ueberschritten"]:
        notes.append(tr(N_("Ende war für {datum} geplant"), datum=tr.day(row["ende_geplant"])))
    if row["spaet_begonnen"]:
        if _is_date(row["beginn_ist"]) and row["beginn_ist"] <= today:
            days = (row["beginn_ist"] - row["beginn_geplant"]).days
            notes.append(tr(N_("{tage} Tage später begonnen als geplant"), tage=days))
        else:
            notes.append(tr(N_("noch nicht begonnen, geplant ab {datum}"), datum=tr.day(row["beginn_geplant"])))
    if row["ohne_meldung"]:
        notes.append(tr(N_("keine Statusmeldung seit {monate} Monaten"), monate=months_between(row["stand"], today)))
    return tr(N_("; ")).join(notes)


DELAY_KINDS = {
    "": N_("alle Maßnahmen"),
    "verzug": N_("mit Verzug (eine der drei Arten)"),
    "ende_ueberschritten": N_("geplantes Ende überschritten"),
    "spaet_begonnen": N_("verspätet oder noch nicht begonnen"),
    "ohne_meldung": N_("ohne aktuelle Statusmeldung"),
}


# --- time line (Gantt) --------------------------------------------------------------


def short_title(text: str, length: int = 48) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def gantt_data(measures: pd.DataFrame, today: date) -> pd.DataFrame:
    """Bars for a time line: per measure one planned bar and, once begun, one actual bar.

    An actual bar without `ende_ist` runs to `today` (column `offen`); measures are ordered by
    id. Columns: massnahme_id, label, titel, handlungsfeld_id, status, fortschritt, art
    ("geplant" | "tatsächlich"), beginn, ende, offen.
    """
    rows = []
    for _, m in sort_by_id(measures).iterrows():
        base = {
            "massnahme_id": m["massnahme_id"],
            "label": f"{m['massnahme_id']} {short_title(m['titel'])}",
            "titel": m["titel"],
            "handlungsfeld_id": m.get("handlungsfeld_id", ""),
            "status": m["status"],
            "fortschritt": float(m["fortschritt"]),
        }
        rows.append(
            {**base, "art": "geplant", "beginn": m["beginn_geplant"], "ende": m["ende_geplant"], "offen": False}
        )
        if _is_date(m["beginn_ist"]) and m["beginn_ist"] <= today:
            end = m["ende_ist"] if _is_date(m["ende_ist"]) else today
            rows.append(
                {
                    **base,
                    "art": "tatsächlich",
                    "beginn": m["beginn_ist"],
                    "ende": end,
                    "offen": not _is_date(m["ende_ist"]),
                }
            )
    columns = [
        "massnahme_id",
        "label",
        "titel",
        "handlungsfeld_id",
        "status",
        "fortschritt",
        "art",
        "beginn",
        "ende",
        "offen",
    ]
    return pd.DataFrame(rows, columns=columns)


# --- export ---------------------------------------------------------------------------


def export_tables(
    measures: pd.DataFrame, history: pd.DataFrame, german_dates: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The measures with every column of the data contract (plus Handlungsfeld and Ziel) and
    their status history, ready for CSV/Excel: lists joined with `|` as in massnahmen.csv, dates
    as 31.12.2024 (or kept as dates for Excel with `german_dates=False`)."""
    from .formatting import format_date

    out = sort_by_id(measures).copy()
    for column in ("gebiete", "indikatoren"):
        if column in out:
            out[column] = ["|".join(v) if isinstance(v, tuple | list) else (v or "") for v in out[column]]
    date_columns = ["beginn_geplant", "ende_geplant", "beginn_ist", "ende_ist", "stand"]
    hist = history[history["massnahme_id"].isin(set(out["massnahme_id"]))].copy()
    hist = (
        hist.assign(_key=hist["massnahme_id"].map(id_key))
        .sort_values(["_key", "datum"], kind="stable")
        .drop(columns="_key")
    )
    if german_dates:
        for column in date_columns:
            out[column] = [format_date(d) if _is_date(d) else "" for d in out[column]]
        hist["datum"] = [format_date(d) for d in hist["datum"]]
    return out.reset_index(drop=True), hist.reset_index(drop=True)


def timeline_sentence(measures: pd.DataFrame, today: date, tr: Translator = GERMAN) -> str:
    """Plain reading of a time line: how many measures run by plan now, have begun,
    are finished, and how many should already be finished."""
    if measures.empty:
        return tr(N_("Keine Maßnahmen in dieser Auswahl."))
    planned_now = sum(
        b <= today <= e for b, e in zip(measures["beginn_geplant"], measures["ende_geplant"], strict=True)
    )
    begun = int(measures["beginn_ist"].map(_is_date).sum())
    finished = int(measures["ende_ist"].map(_is_date).sum())
    late = len(overdue(measures, today))
    return tr(
        N_(
            "Von {anzahl} Maßnahmen sollen laut Plan heute {laufend} laufen; begonnen haben {begonnen}, "
            "abgeschlossen sind {abgeschlossen}. Überfällig (geplantes Ende vorbei, nicht umgesetzt): {ueberfaellig}."
        ),
        anzahl=len(measures),
        laufend=planned_now,
        begonnen=begun,
        abgeschlossen=finished,
        ueberfaellig=late,
    )


def measure_url(massnahme_id: str) -> str:
    """Relative link from any page to the measure page (pages/6_Massnahme.py is served at /Massnahme)."""
    from urllib.parse import quote

    return f"Massnahme?massnahme={quote(str(massnahme_id))}"
