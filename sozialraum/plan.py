"""Sozialplan roll-ups: per Handlungsfeld and Ziel counts, status, progress, delays, changes over time.

Everything here is pure pandas on the `Plan` tables (see `loader.Plan`): no Streamlit, German
texts only where a function returns a sentence or a label for the page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from .formatting import MINUS
from .i18n import N_, Translator
from .schemas import STATUS_VOCABULARY, WHOLE_CITY

DONE = "umgesetzt"
CLOSED = ("umgesetzt", "entfallen")
# statuses that say the work has begun (or is over): no "not started yet" warning for them
BEGUN = ("in Umsetzung", "umgesetzt", "entfallen")
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
    active = measures[measures["status"] != "entfallen"]
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


# --- what changed since a date -------------------------------------------------------

CHANGE_FLAGS = {
    "neu": N_("neu"),
    "status_geaendert": N_("Statuswechsel"),
    "begonnen": N_("begonnen"),
    "beendet": N_("beendet"),
    "fortgeschritten": N_("vorangekommen"),
}


def changes_since(plan, since: date, until: date | None = None, tr: Translator = GERMAN) -> pd.DataFrame:
    """Which measures changed between `since` (exclusive) and `until` (inclusive, default: all).

    From the status history: the state on `since` is the last report on or before it, the
    state now the last report up to `until`. A measure is in the result when it is new (its
    first report lies after `since`), changed its status, began (`beginn_ist`, or without it the
    first report „in Umsetzung“), ended (`ende_ist`, or without it a change to umgesetzt/entfallen),
    or its progress changed. Measures without any history use their row in massnahmen.csv as the
    one report dated `stand`; they are never counted as new. One row per measure, ordered by id.
    """
    measures = measures_with_field(plan)
    history = plan.history
    by_measure = {mid: group for mid, group in history.groupby("massnahme_id", sort=False)}
    rows = [_change_row(m, by_measure.get(m["massnahme_id"]), since, until, tr) for _, m in measures.iterrows()]
    columns = [*measures.columns, *_CHANGE_COLUMNS]
    frame = pd.DataFrame([r for r in rows if r is not None], columns=columns)
    return sort_by_id(frame).reset_index(drop=True)


_CHANGE_COLUMNS = [
    "status_vorher",
    "status_jetzt",
    "statusfolge",
    "fortschritt_vorher",
    "fortschritt_jetzt",
    "fortschritt_delta",
    *CHANGE_FLAGS,
    "meldungen",
    "letzte_meldung",
    "notiz",
    "aenderung",
]


def _change_row(
    measure: pd.Series, history: pd.DataFrame | None, since: date, until: date | None, tr: Translator = GERMAN
) -> dict | None:
    has_history = history is not None and len(history) > 0
    if has_history:
        entries = history if until is None else history[history["datum"].map(lambda d: d <= until)]
    else:
        entries = pd.DataFrame(
            [
                {
                    "datum": measure["stand"],
                    "status": measure["status"],
                    "fortschritt": measure["fortschritt"],
                    "notiz": "",
                }
            ]
        )
        if until is not None and measure["stand"] > until:
            return None
    if entries.empty:
        return None  # nothing reported up to `until`: the measure did not exist yet
    in_window = entries["datum"].map(lambda d: d > since)
    before, after = entries[~in_window], entries[in_window]
    if after.empty:
        return None
    previous = before.iloc[-1] if len(before) else None
    now = after.iloc[-1]
    new = has_history and previous is None
    path = ([previous["status"]] if previous is not None else []) + list(after["status"])
    path = [s for i, s in enumerate(path) if i == 0 or s != path[i - 1]]
    progress_before = float(previous["fortschritt"]) if previous is not None else 0.0
    delta = float(now["fortschritt"]) - progress_before
    window = (since, until)
    began = (
        _in(measure["beginn_ist"], window)
        if _is_date(measure["beginn_ist"])
        else ("in Umsetzung" in list(after["status"]) and (previous is None or previous["status"] not in BEGUN))
    )
    ended = (
        _in(measure["ende_ist"], window)
        if _is_date(measure["ende_ist"])
        else (now["status"] in CLOSED and (previous is None or previous["status"] not in CLOSED))
    )
    flags = {
        "neu": bool(new),
        "status_geaendert": previous is not None and len(path) > 1,
        "begonnen": bool(began),
        "beendet": bool(ended),
        "fortgeschritten": delta > 0,
    }
    if not (any(flags.values()) or delta != 0):
        return None
    notes = [n for n in after["notiz"].fillna("") if str(n).strip()]
    row = measure.to_dict()
    row.update(
        status_vorher=previous["status"] if previous is not None else None,
        status_jetzt=now["status"],
        statusfolge=" → ".join(path),
        fortschritt_vorher=progress_before if previous is not None else None,
        fortschritt_jetzt=float(now["fortschritt"]),
        fortschritt_delta=delta,
        **flags,
        meldungen=len(after),
        letzte_meldung=now["datum"],
        notiz=notes[-1] if notes else "",
    )
    row["aenderung"] = _change_text(row, tr)
    return row


def _in(day: date, window: tuple[date, date | None]) -> bool:
    since, until = window
    return day > since and (until is None or day <= until)


def _change_text(row: dict, tr: Translator = GERMAN) -> str:
    parts = []
    if row["neu"]:
        parts.append(tr(N_("neu aufgenommen")))
    if row["status_geaendert"]:
        path = " → ".join(tr(s) for s in row["statusfolge"].split(" → "))
        parts.append(tr(N_("Status {folge}"), folge=path))
    if row["begonnen"]:
        parts.append(tr(N_("begonnen")))
    if row["beendet"]:
        parts.append(tr(N_("abgeschlossen")) if row["status_jetzt"] == DONE else tr(N_("beendet")))
    delta = row["fortschritt_delta"]
    if delta:
        sign = "+" if delta > 0 else MINUS
        change = sign + tr.value(abs(delta), tr(N_("Prozentpunkte")), 0)
        parts.append(
            tr(
                N_("Fortschritt {aenderung} auf {wert}"),
                aenderung=change,
                wert=tr.value(row["fortschritt_jetzt"], "%", 0),
            )
        )
    return tr(N_("; ")).join(parts)


def changes_summary(
    changes: pd.DataFrame, by: str, names: dict[str, str] | None = None, tr: Translator = GERMAN
) -> pd.DataFrame:
    """Counts of each kind of change per Handlungsfeld (`by="handlungsfeld"`) or per area
    (`by="gebiet"`: a measure counts in every area it acts in; city-wide ones under „Gesamtstadt“).

    Columns: the group label, geaendert (measures), one column per kind, mittlerer_zuwachs (pp).
    """
    names = names or {}
    kinds = list(CHANGE_FLAGS)
    columns = ["gruppe", "geaendert", *kinds, "mittlerer_zuwachs"]
    if changes.empty:
        return pd.DataFrame(columns=columns)
    if by == "gebiet":
        frame = changes.explode("gebiete")
        frame["gruppe"] = [
            tr(N_("Gesamtstadt (gesamtstädtische Maßnahmen)")) if g == WHOLE_CITY else names.get(g, g)
            for g in frame["gebiete"]
        ]
        order = {name: i for i, name in enumerate(names.values())}
        sort_key = lambda s: s.map(lambda g: order.get(g, -1))  # noqa: E731
    else:
        frame = changes.assign(
            gruppe=[f"{i}: {n}" for i, n in zip(changes["handlungsfeld_id"], changes["handlungsfeld"], strict=True)]
        )
        sort_key = lambda s: s.map(id_key)  # noqa: E731
    grouped = frame.groupby("gruppe", sort=False)
    out = grouped[kinds].sum().astype(int)
    out.insert(0, "geaendert", grouped.size())
    out["mittlerer_zuwachs"] = grouped["fortschritt_delta"].mean().astype(float)
    return out.reset_index().sort_values("gruppe", key=sort_key).reset_index(drop=True)[columns]


def changes_sentence(changes: pd.DataFrame, since: date, total: int, tr: Translator = GERMAN) -> str:
    """Plain words: how many measures changed since the date, and in which way (one template per case)."""
    when = tr.day(since)
    if changes.empty:
        return tr(N_("Seit dem {datum} wurde bei keiner der {gesamt} Maßnahmen eine Änderung gemeldet."), datum=when,
                  gesamt=total)  # fmt: skip
    counts = {k: int(changes[k].sum()) for k in CHANGE_FLAGS}
    gained = changes.loc[changes["fortgeschritten"], "fortschritt_delta"]
    values = dict(
        datum=when, geaendert=len(changes), gesamt=total, status=counts["status_geaendert"],
        begonnen=counts["begonnen"], beendet=counts["beendet"], voran=counts["fortgeschritten"], neu=counts["neu"],
    )  # fmt: skip
    if len(gained):
        return tr(
            N_(
                "Seit dem {datum} hat sich bei {geaendert} von {gesamt} Maßnahmen etwas geändert: {status} "
                "wechselten den Status, {begonnen} haben begonnen, {beendet} wurden abgeschlossen oder sind "
                "entfallen, {voran} kamen voran (im Mittel um {zuwachs}), {neu} sind neu."
            ),
            zuwachs=tr.value(gained.mean(), tr(N_("Prozentpunkte")), 0),
            **values,
        )
    return tr(
        N_(
            "Seit dem {datum} hat sich bei {geaendert} von {gesamt} Maßnahmen etwas geändert: {status} wechselten "
            "den Status, {begonnen} haben begonnen, {beendet} wurden abgeschlossen oder sind entfallen, {voran} kamen "
            "voran, {neu} sind neu."
        ),
        **values,
    )


# --- goal target and indicator trend --------------------------------------------------


@dataclass(frozen=True)
class TargetCheck:
    """Where an indicator stands against a goal's target value and year.

    `status`: erreicht | auf_kurs | zu_langsam | entfernt | unveraendert | verfehlt | unklar.
    `projection`: the value the recent linear trend gives for the target year (if computed).
    """

    status: str
    sentence: str
    projection: float | None = None


TREND_YEARS = 3  # the trend is fitted over the last values spanning this many years
STILL = 0.002  # a yearly change below this share of the latest value counts as „kaum bewegt“


def target_check(
    series: pd.DataFrame,
    zielwert: float,
    zieljahr: int,
    polaritaet: str,
    name: str,
    fmt: Callable[[float], str],
    place: str = N_("in der Gesamtstadt"),
    tr: Translator = GERMAN,
) -> TargetCheck:
    """Is the indicator (`series`: jahr, wert) moving towards the goal's target? One sentence.

    The wished direction comes from the polarity (down for „höher ist ungünstiger“, up for
    „höher ist besser“); for neutral indicators it is from the latest value towards the target.
    The trend is the least-squares slope over the last `TREND_YEARS` years, projected to the
    target year. A slope of less than 0,2 % of the latest value per year counts as unchanged.
    """
    present = series.dropna(subset=["wert"]).sort_values("jahr")
    # years as text: a placeholder number would get a thousands separator ("2.028")
    words = {"name": name, "ort": tr(place), "ziel": fmt(zielwert), "jahr": str(int(zieljahr))}
    if present.empty:
        return TargetCheck(
            "unklar",
            tr(
                N_(
                    "Für „{name}“ liegen keine Werte vor; ob der Zielwert von {ziel} bis {jahr} erreicht wird, "
                    "ist offen."
                ),
                **words,
            ),
        )
    last_year, last = int(present["jahr"].iloc[-1]), float(present["wert"].iloc[-1])
    words |= {"letzt": fmt(last), "letztjahr": str(last_year)}
    direction = {"hoeher_besser": 1, "hoeher_schlechter": -1}.get(polaritaet, _sign(zielwert - last))
    reached = direction == 0 or (last - zielwert) * direction >= 0
    recent = present[present["jahr"] >= last_year - TREND_YEARS]
    if len(recent) < 2:
        if reached:
            return TargetCheck("erreicht", tr(_TARGET_ONE_YEAR_REACHED, **words))
        return TargetCheck("unklar", tr(_TARGET_ONE_YEAR, **words))
    first_year, first = int(recent["jahr"].iloc[0]), float(recent["wert"].iloc[0])
    slope = _slope(recent)
    words |= {"erst": fmt(first), "erstjahr": str(first_year)}
    words["verlauf"] = tr(_MOVED[_sign(last - first)], **words)
    trend = 0 if abs(slope) < STILL * abs(last) or slope == 0 else _sign(slope)
    projection = last + slope * (int(zieljahr) - last_year) if int(zieljahr) >= last_year else None
    if reached:
        against = bool(trend and direction and trend != direction)
        return TargetCheck("erreicht", tr(_TARGET_REACHED[against], **words), projection)
    if int(zieljahr) < last_year:
        return TargetCheck("verfehlt", tr(_TARGET_MISSED, **words), None)
    if trend == 0:
        return TargetCheck("unveraendert", tr(_TARGET_STILL, **words), projection)
    if trend != direction:
        return TargetCheck("entfernt", tr(_TARGET_AWAY, **words), projection)
    assert projection is not None
    words["prognose"] = fmt(projection)
    on_course = (projection - zielwert) * direction >= 0
    return TargetCheck("auf_kurs" if on_course else "zu_langsam", tr(_TARGET_TOWARDS[on_course], **words), projection)


# target_check's sentences, whole per language; {verlauf} is one of _MOVED
_TARGET_ONE_YEAR_REACHED = N_(
    "Der Wert für „{name}“ {ort} liegt mit {letzt} ({letztjahr}) beim Ziel: der Zielwert von {ziel} bis {jahr} "
    "ist erreicht."
)
_TARGET_ONE_YEAR = N_(
    "Der Wert für „{name}“ {ort} liegt bei {letzt} ({letztjahr}); mit nur einem Jahr lässt sich nicht sagen, ob er "
    "sich auf den Zielwert von {ziel} bis {jahr} zubewegt."
)
_MOVED = {
    1: N_("Der Wert für „{name}“ {ort} ist von {erst} ({erstjahr}) auf {letzt} ({letztjahr}) gestiegen"),
    -1: N_("Der Wert für „{name}“ {ort} ist von {erst} ({erstjahr}) auf {letzt} ({letztjahr}) gesunken"),
    0: N_("Der Wert für „{name}“ {ort} ist von {erst} ({erstjahr}) auf {letzt} ({letztjahr}) gleich geblieben"),
}
_TARGET_REACHED = {
    False: N_("{verlauf}; damit ist der Zielwert von {ziel} bis {jahr} erreicht."),
    True: N_(
        "{verlauf}; damit ist der Zielwert von {ziel} bis {jahr} erreicht; die Entwicklung geht aber in die "
        "Gegenrichtung."
    ),
}
_TARGET_MISSED = N_("{verlauf}; der Zielwert von {ziel} bis {jahr} wurde nicht erreicht.")
_TARGET_STILL = N_("{verlauf} und hat sich damit kaum bewegt: der Zielwert von {ziel} bis {jahr} rückt so nicht näher.")
_TARGET_AWAY = N_("{verlauf} und entfernt sich damit vom Zielwert von {ziel} bis {jahr}.")
_TARGET_TOWARDS = {
    True: N_(
        "{verlauf} und bewegt sich damit auf den Zielwert von {ziel} bis {jahr} zu; hält die Entwicklung an, wird "
        "er erreicht (fortgeschrieben {jahr}: etwa {prognose})."
    ),
    False: N_(
        "{verlauf} und bewegt sich damit auf den Zielwert von {ziel} bis {jahr} zu, aber zu langsam: fortgeschrieben "
        "wären es {jahr} etwa {prognose}."
    ),
}


def _sign(value: float) -> int:
    return 0 if value == 0 or math.isnan(value) else (1 if value > 0 else -1)


def _slope(points: pd.DataFrame) -> float:
    x = points["jahr"].astype(float)
    y = points["wert"].astype(float)
    dx = x - x.mean()
    denominator = float((dx * dx).sum())
    return float((dx * (y - y.mean())).sum()) / denominator if denominator else 0.0


def goal_of(plan, massnahme_id: str) -> pd.Series | None:
    """The goal row of a measure (with zielindikator, zielwert, zieljahr), or None."""
    match = plan.measures.loc[plan.measures["massnahme_id"] == massnahme_id, "ziel_id"]
    if match.empty:
        return None
    goals = plan.goals[plan.goals["ziel_id"] == match.iloc[0]]
    return goals.iloc[0] if len(goals) else None


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
