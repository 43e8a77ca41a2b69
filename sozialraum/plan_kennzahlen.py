"""The Sozialplan's key figures, computed once for the Übersicht, the Sozialplan page and the
Fortschrittsbericht (counts, mean progress, the three kinds of delay, the date of the latest report).

Pure pandas, no Streamlit. The delay limits are parameters (defaults `STALE_MONTHS`,
`LATE_START_GRACE_DAYS`), and the labels that name them are written from the same numbers, so a
page can never say "12 Monate" while counting with another limit.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from .i18n import N_, SOURCE, Translator
from .plan import DONE, GERMAN, LATE_START_GRACE_DAYS, STALE_MONTHS, delay_flags, measures_with_field, plan_progress
from .status import Status
from .translations import localized

IN_PROGRESS = Status.IN_PROGRESS


@dataclass(frozen=True)
class PlanKennzahlen:
    """Key figures of a selection of measures (all of them, one Handlungsfeld, a page's filter)."""

    fields: int  # Handlungsfelder of the plan
    goals: int  # goals of the selection's Handlungsfeld (or of the whole plan)
    measures: int  # measures in the selection
    total: int  # measures in the plan
    done: int  # status umgesetzt
    in_progress: int  # status in Umsetzung
    progress: float  # mean progress in % of the measures not dropped (NaN without any)
    overdue: int  # planned end passed, neither umgesetzt nor entfallen
    late_start: int  # began more than `grace_days` late, or not yet begun
    stale: int  # open and without a status report for more than `stale_months`
    stale_months: int
    grace_days: int
    stand: date | None  # the latest status report of the whole plan

    @property
    def selected(self) -> bool:
        """The selection is smaller than the plan."""
        return self.measures < self.total


def flagged_measures(
    plan,
    today: date,
    stale_months: int = STALE_MONTHS,
    grace_days: int = LATE_START_GRACE_DAYS,
    tr: Translator = GERMAN,
) -> pd.DataFrame:
    """The plan's measures with goal, Handlungsfeld and the delay flags (`plan.delay_flags`, notes in `tr`)."""
    return delay_flags(measures_with_field(plan), today, stale_months, grace_days, tr)


def plan_kennzahlen(
    plan,
    flagged: pd.DataFrame,
    feld: str = "",
    stale_months: int = STALE_MONTHS,
    grace_days: int = LATE_START_GRACE_DAYS,
) -> PlanKennzahlen:
    """The key figures of `flagged` (rows of `flagged_measures`, computed with the same limits);
    `feld` counts only that Handlungsfeld's goals."""
    goals = int(plan.goals["handlungsfeld_id"].eq(feld).sum()) if feld else len(plan.goals)
    stand = max(plan.measures["stand"]) if len(plan.measures) else None
    return PlanKennzahlen(
        fields=len(plan.fields),
        goals=goals,
        measures=len(flagged),
        total=len(plan.measures),
        done=int((flagged["status"] == DONE).sum()),
        in_progress=int((flagged["status"] == IN_PROGRESS).sum()),
        progress=plan_progress(flagged),
        overdue=int(flagged["ende_ueberschritten"].sum()),
        late_start=int(flagged["spaet_begonnen"].sum()),
        stale=int(flagged["ohne_meldung"].sum()),
        stale_months=stale_months,
        grace_days=grace_days,
        stand=stand,
    )


# the labels of the report's table (Fortschrittsbericht), in its order
_REPORT_LABELS = (
    ("goals", N_("Ziele")),
    ("measures", N_("Maßnahmen")),
    ("done", N_("davon umgesetzt")),
    ("in_progress", N_("davon in Umsetzung")),
    ("progress", N_("Mittlerer Fortschritt")),
    ("overdue", N_("Geplantes Ende überschritten")),
    ("late_start", N_("Verspätet oder noch nicht begonnen")),
    ("stale", N_("Ohne Statusmeldung seit mehr als {monate} Monaten")),
)


def report_rows(figures: PlanKennzahlen, tr: Translator) -> list[tuple[str, str]]:
    """(label, value) rows of the report's "Auf einen Blick" table in the translator's language."""
    rows = []
    for attribute, label in _REPORT_LABELS:
        number = getattr(figures, attribute)
        shown = tr.value(number, "%", 0) if attribute == "progress" else tr.decimal(number, 0)
        rows.append((tr(label, monate=figures.stale_months), shown))
    return rows


def delay_definition(figures: PlanKennzahlen, tr: Translator) -> str:
    """What counts as a delay, with the limits the figures were counted with."""
    return tr(
        N_(
            "Verzug: geplantes Ende überschritten, Beginn mehr als {tage} Tage später als geplant oder seit mehr "
            "als {monate} Monaten keine Statusmeldung."
        ),
        tage=figures.grace_days,
        monate=figures.stale_months,
    )


# --- the plan's data texts in the reader's language ---------------------------------------

_TEXT_COLUMNS = (("fields", ("name", "beschreibung")), ("goals", ("titel",)), ("measures", ("titel", "beschreibung")))


def localized_plan(plan, lang: str) -> tuple[object, frozenset[str]]:
    """The plan with its Handlungsfeld names, goal and measure titles and descriptions in `lang` (translated
    columns such as `name_en`, see `translations.localized`), and the texts that stayed German for want of a
    translation (a page marks them `lang="de"`). German returns the plan unchanged."""
    if lang == SOURCE:
        return plan, frozenset()
    german: set[str] = set()
    tables = {}
    for table, columns in _TEXT_COLUMNS:
        frame = getattr(plan, table).copy()
        for column in columns:
            if column not in frame:
                continue
            texts = [localized(row, column, lang) for _, row in frame.iterrows()]
            german |= {text.text for text in texts if text.lang == SOURCE and text.text}
            frame[column] = [text.text or row for text, row in zip(texts, frame[column], strict=True)]
        tables[table] = frame
    return replace(plan, **tables), frozenset(german)
