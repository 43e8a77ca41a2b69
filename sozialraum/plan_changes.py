"""What changed in the Sozialplan since a date: per measure, summed per Handlungsfeld or area, and in one
sentence per language."""

from __future__ import annotations

from datetime import date

import pandas as pd

from .formatting import MINUS
from .i18n import N_, Translator
from .plan import DONE, GERMAN, _is_date, id_key, measures_with_field, sort_by_id
from .schemas import WHOLE_CITY
from .status import BEGUN, CLOSED, Status

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
        else (Status.IN_PROGRESS in list(after["status"]) and (previous is None or previous["status"] not in BEGUN))
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
