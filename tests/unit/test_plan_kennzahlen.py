"""The Sozialplan's key figures, computed once (`sozialraum.plan_kennzahlen`) for the Übersicht, the
Sozialplan page and the Fortschrittsbericht: counts, progress, the three delays with their limits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sozialraum.i18n import Translator
from sozialraum.plan_kennzahlen import delay_definition, flagged_measures, plan_kennzahlen, report_rows

from .test_plan import TODAY, make_plan


@pytest.fixture
def plan(tmp_path: Path):
    return make_plan(tmp_path).plan


def test_key_figures_of_the_whole_plan_with_the_default_limits(plan) -> None:
    figures = plan_kennzahlen(plan, flagged_measures(plan, TODAY))
    assert (figures.fields, figures.goals, figures.measures, figures.total) == (2, 3, 5, 5)
    assert not figures.selected
    assert (figures.done, figures.in_progress) == (1, 1)
    assert figures.progress == pytest.approx(37.5)  # 50, 0, 100, 0; the dropped measure does not count
    # 1.1.1 ended late; 1.1.1 (59 days) and 1.1.2 (not begun) started late; no report older than 12 months
    assert (figures.overdue, figures.late_start, figures.stale) == (1, 2, 0)
    assert (figures.stale_months, figures.grace_days) == (12, 30)
    assert figures.stand == date(2026, 9, 1)


def test_limits_change_the_counts_and_the_labels_that_name_them(plan) -> None:
    flagged = flagged_measures(plan, TODAY, stale_months=3, grace_days=5)
    figures = plan_kennzahlen(plan, flagged, stale_months=3, grace_days=5)
    assert (figures.late_start, figures.stale) == (4, 2)  # 2.1.1 (9 days) and 2.1.2 (25 days) now late too
    rows = dict(report_rows(figures, Translator("de")))
    assert rows["Ohne Statusmeldung seit mehr als 3 Monaten"] == "2"
    assert rows["Verspätet oder noch nicht begonnen"] == "4"
    assert delay_definition(figures, Translator("de")) == (
        "Verzug: geplantes Ende überschritten, Beginn mehr als 5 Tage später als geplant oder seit mehr als "
        "3 Monaten keine Statusmeldung."
    )


def test_one_handlungsfeld_counts_its_goals_and_measures(plan) -> None:
    flagged = flagged_measures(plan, TODAY)
    figures = plan_kennzahlen(plan, flagged[flagged["handlungsfeld_id"] == "2"], "2")
    assert (figures.goals, figures.measures, figures.total, figures.selected) == (2, 3, 5, True)
    assert figures.progress == pytest.approx(50.0)
    assert report_rows(figures, Translator("de")) == [
        ("Ziele", "2"),
        ("Maßnahmen", "3"),
        ("davon umgesetzt", "1"),
        ("davon in Umsetzung", "0"),
        ("Mittlerer Fortschritt", "50\u00a0%"),
        ("Geplantes Ende überschritten", "0"),
        ("Verspätet oder noch nicht begonnen", "0"),
        ("Ohne Statusmeldung seit mehr als 12 Monaten", "0"),
    ]
