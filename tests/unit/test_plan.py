"""Sozialplan domain: roll-ups, delays (overdue, started late, stale), the since-date diff,
the target-trend sentence, time line data, exports, and bad input that leaves the rest usable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from sozialraum import load_bundle
from sozialraum.formatting import format_value
from sozialraum.plan import (
    area_field_summary,
    delay_flags,
    export_tables,
    field_overview,
    filter_measures,
    gantt_data,
    goal_overview,
    id_key,
    late_start,
    measure_url,
    measures_with_field,
    months_ago,
    months_between,
    plan_progress,
    sort_by_id,
    span,
    timeline_sentence,
)
from sozialraum.plan_changes import changes_sentence, changes_since, changes_summary
from sozialraum.plan_target import goal_of, target_check

from .conftest import write_folder

TODAY = date(2026, 11, 26)

FIELDS = "handlungsfeld_id;name;beschreibung\n1;Familie;\n2;Bildung;\n"
GOALS = (
    "ziel_id;handlungsfeld_id;titel;zielindikator;zielwert;zieljahr\n"
    "1.1;1;Weniger Armut;quote;20;2028\n"
    "2.1;2;Mehr Bildung;;;\n"
    "2.2;2;Ziel ohne Maßnahmen;;;\n"
)
MEASURES = (
    "massnahme_id;ziel_id;titel;beschreibung;verantwortlich;partner;beginn_geplant;ende_geplant;"
    "beginn_ist;ende_ist;status;fortschritt;stand;gebiete;indikatoren\n"
    # begun 59 days late, planned end passed, still running
    "1.1.1;1.1;Stadtteilbüro;Beratung vor Ort;Sozialamt;Träger;01.01.2024;31.12.2025;01.03.2024;;"
    "in Umsetzung;50;01.06.2026;01|03;quote\n"
    # planned start passed, not begun; last report 01.01.2026
    "1.1.2;1.1;Beratung;;Jugendamt;;01.01.2024;31.12.2027;;;geplant;0;01.01.2026;gesamtstadt;\n"
    # begun 9 days late (within the grace), finished
    "2.1.1;2.1;Lernwerkstatt;;Schulamt;;01.06.2025;30.06.2026;10.06.2025;15.06.2026;umgesetzt;100;15.06.2026;02;\n"
    # new in the plan since September 2026, planned start 25 days ago (within the grace)
    "2.1.2;2.1;Bücherbus;;Schulamt;;01.11.2026;31.12.2027;;;geplant;0;01.09.2026;02;\n"
    # dropped long ago
    "2.1.3;2.1;Alte Idee;;Schulamt;;01.01.2024;31.12.2024;;;entfallen;0;01.03.2024;02;\n"
)
HISTORY = (
    "massnahme_id;datum;status;fortschritt;notiz\n"
    "1.1.1;01.01.2024;geplant;0;\n"
    "1.1.1;01.03.2024;in Umsetzung;20;Start\n"
    "1.1.1;01.06.2026;in Umsetzung;50;Zwischenstand\n"
    "1.1.2;01.01.2024;geplant;0;\n"
    "1.1.2;01.01.2026;geplant;0;Mittel fehlen\n"
    "2.1.1;01.01.2025;geplant;0;\n"
    "2.1.1;10.06.2025;in Umsetzung;10;\n"
    "2.1.1;15.06.2026;umgesetzt;100;fertig\n"
    "2.1.2;01.09.2026;geplant;0;neu aufgenommen\n"
    "2.1.3;01.01.2024;geplant;0;\n"
    "2.1.3;01.03.2024;entfallen;0;gestrichen\n"
)


def make_plan(tmp_path: Path, **files: str):
    contents = {
        "handlungsfelder_csv": FIELDS,
        "ziele_csv": GOALS,
        "massnahmen_csv": MEASURES,
        "massnahmen_verlauf_csv": HISTORY,
        **files,
    }
    bundle = load_bundle(write_folder(tmp_path / "plan", **contents))
    assert bundle.report.errors == [] or files, [i.as_text() for i in bundle.report.issues]
    return bundle


@pytest.fixture
def bundle(tmp_path: Path):
    return make_plan(tmp_path)


@pytest.fixture
def measures(bundle) -> pd.DataFrame:
    return measures_with_field(bundle.plan)


def ids(frame: pd.DataFrame) -> list[str]:
    return list(frame["massnahme_id"])


# --- roll-ups --------------------------------------------------------------------------


def test_field_and_goal_rollups(bundle, measures) -> None:
    overview = field_overview(bundle.plan).set_index("handlungsfeld_id")
    assert overview.loc["1", "massnahmen"] == 2 and overview.loc["1", "ziele"] == 1
    assert overview.loc["2", "massnahmen"] == 3 and overview.loc["2", "ziele"] == 2
    assert overview.loc["2", "umgesetzt"] == 1 and overview.loc["2", "entfallen"] == 1
    assert overview.loc["1", "fortschritt"] == pytest.approx(25.0)
    # dropped measures do not pull the whole plan's progress down
    assert plan_progress(measures) == pytest.approx((50 + 0 + 100 + 0) / 4)

    goals = goal_overview(bundle.plan).set_index("ziel_id")
    assert list(goals.index) == ["1.1", "2.1", "2.2"]
    assert goals.loc["1.1", "massnahmen"] == 2 and goals.loc["2.2", "massnahmen"] == 0
    assert goals.loc["2.1", "status_text"] == "1 geplant, 1 umgesetzt, 1 entfallen"
    assert goals.loc["2.2", "status_text"] == "keine Maßnahmen"
    assert goals.loc["1.1", "zielwert"] == 20
    only = goal_overview(bundle.plan, measures[measures["status"] == "umgesetzt"]).set_index("ziel_id")
    assert only.loc["2.1", "massnahmen"] == 1 and only.loc["1.1", "massnahmen"] == 0


def test_measures_per_area_grouped_by_field(measures) -> None:
    summary = area_field_summary(measures, "01").set_index("handlungsfeld_id")
    assert list(summary.index) == ["1"]  # nothing of HF 2 acts in 01
    assert summary.loc["1", "im_gebiet"] == 1 and summary.loc["1", "gesamtstaedtisch"] == 1
    assert summary.loc["1", "status_text"] == "1 geplant, 1 in Umsetzung"
    assert area_field_summary(measures, "02").set_index("handlungsfeld_id").loc["2", "im_gebiet"] == 3
    assert area_field_summary(measures[measures["ziel_id"] == "2.1"], "01").empty


def test_ids_sort_numerically() -> None:
    assert sorted(["1.10.1", "1.2.1", "10.1", "2.1"], key=id_key) == ["1.2.1", "1.10.1", "2.1", "10.1"]
    frame = pd.DataFrame({"massnahme_id": ["1.10.1", "1.9.1"]})
    assert ids(sort_by_id(frame)) == ["1.9.1", "1.10.1"]
    assert measure_url("1.1.1") == "Massnahme?massnahme=1.1.1"


# --- delays ----------------------------------------------------------------------------


def test_overdue_started_late_and_stale(measures) -> None:
    flags = delay_flags(measures, TODAY).set_index("massnahme_id")
    assert list(flags.index[flags["ende_ueberschritten"]]) == ["1.1.1"]  # umgesetzt/entfallen never overdue
    assert list(flags.index[flags["spaet_begonnen"]]) == ["1.1.1", "1.1.2"]  # 59 days late; not begun at all
    assert list(flags.index[flags["ohne_meldung"]]) == []  # 12 months by default
    assert list(flags.index[flags["verzug"]]) == ["1.1.1", "1.1.2"]
    assert flags.loc["1.1.1", "hinweis"] == "Ende war für 31.12.2025 geplant; 60 Tage später begonnen als geplant"
    assert flags.loc["1.1.2", "hinweis"] == "noch nicht begonnen, geplant ab 01.01.2024"
    assert flags.loc["2.1.1", "hinweis"] == ""


def test_grace_and_stale_period_are_configurable(measures) -> None:
    assert ids(late_start(measures, TODAY, grace_days=100)) == ["1.1.2"]
    assert ids(late_start(measures, TODAY, grace_days=0)) == ["1.1.1", "1.1.2", "2.1.1", "2.1.2"]
    # before the planned start nothing is late, not even a measure that has not begun
    assert ids(late_start(measures, date(2024, 1, 15))) == []
    flags = delay_flags(measures, TODAY, stale_months=6).set_index("massnahme_id")
    assert list(flags.index[flags["ohne_meldung"]]) == ["1.1.2"]  # 10 months; closed ones never stale
    assert "keine Statusmeldung seit 10 Monaten" in flags.loc["1.1.2", "hinweis"]


def test_month_arithmetic() -> None:
    assert months_between(date(2026, 1, 1), TODAY) == 10
    assert months_between(date(2025, 11, 27), TODAY) == 11  # not yet a whole year
    assert months_between(TODAY, date(2026, 1, 1)) == 0
    assert months_ago(TODAY, 6) == date(2026, 5, 26)
    assert months_ago(date(2026, 8, 31), 6) == date(2026, 2, 28)


def test_period_filter_uses_planned_and_actual_span(measures) -> None:
    row = measures.set_index("massnahme_id").loc["1.1.1"]
    assert span(row) == (date(2024, 1, 1), date(2025, 12, 31))
    assert span(row, TODAY) == (date(2024, 1, 1), TODAY)  # still running after its planned end
    in_2027 = filter_measures(measures, period=(date(2027, 1, 1), date(2027, 12, 31)), today=TODAY)
    assert ids(in_2027) == ["1.1.2", "2.1.2"]
    in_2026 = filter_measures(measures, period=(date(2026, 1, 1), date(2026, 12, 31)), today=TODAY)
    assert ids(in_2026) == ["1.1.1", "1.1.2", "2.1.1", "2.1.2"]
    assert ids(filter_measures(measures, period=(date(2024, 6, 1), date(2024, 6, 30)))) == ["1.1.1", "1.1.2", "2.1.3"]
    assert ids(filter_measures(measures, feld="2", status="geplant", text="bus")) == ["2.1.2"]


# --- what changed since a date ------------------------------------------------------------


def test_changes_since_a_date(bundle) -> None:
    changes = changes_since(bundle.plan, date(2026, 5, 1)).set_index("massnahme_id")
    assert list(changes.index) == ["1.1.1", "2.1.1", "2.1.2"]  # 1.1.2 only repeated its status

    progressed = changes.loc["1.1.1"]
    assert progressed["fortschritt_delta"] == 30 and progressed["fortgeschritten"]
    assert not progressed["status_geaendert"] and not progressed["begonnen"] and not progressed["neu"]
    assert progressed["aenderung"] == "Fortschritt +30\u00a0Prozentpunkte auf 50\u00a0%"
    assert progressed["notiz"] == "Zwischenstand" and progressed["letzte_meldung"] == date(2026, 6, 1)

    finished = changes.loc["2.1.1"]
    assert finished["status_vorher"] == "in Umsetzung" and finished["status_jetzt"] == "umgesetzt"
    assert finished["status_geaendert"] and finished["beendet"] and finished["fortschritt_delta"] == 90
    assert finished["aenderung"].startswith("Status in Umsetzung → umgesetzt; abgeschlossen")

    new = changes.loc["2.1.2"]
    assert new["neu"] and pd.isna(new["status_vorher"]) and not new["status_geaendert"]
    assert new["aenderung"] == "neu aufgenommen"


def test_changes_between_two_dates(bundle) -> None:
    changes = changes_since(bundle.plan, date(2025, 1, 1), until=date(2025, 12, 31))
    assert ids(changes) == ["2.1.1"]  # the new measure 2.1.2 did not exist yet
    row = changes.iloc[0]
    assert row["begonnen"] and not row["beendet"] and row["statusfolge"] == "geplant → in Umsetzung"
    assert row["fortschritt_vorher"] == 0 and row["fortschritt_jetzt"] == 10
    assert changes_since(bundle.plan, TODAY).empty


def test_changes_begin_without_actual_date_and_measure_without_history(tmp_path: Path) -> None:
    history = HISTORY.replace("1.1.2;01.01.2026;geplant;0;Mittel fehlen\n", "1.1.2;01.10.2026;in Umsetzung;5;Start\n")
    history = "\n".join(line for line in history.splitlines() if not line.startswith("2.1.3")) + "\n"
    bundle = make_plan(tmp_path, massnahmen_verlauf_csv=history)
    changes = changes_since(bundle.plan, date(2026, 9, 1)).set_index("massnahme_id")
    assert changes.loc["1.1.2", "begonnen"]  # no beginn_ist: the first report „in Umsetzung“ counts
    early = changes_since(bundle.plan, date(2024, 1, 15)).set_index("massnahme_id")
    dropped = early.loc["2.1.3"]  # no history: its row in massnahmen.csv is the one report
    assert dropped["beendet"] and not dropped["neu"] and dropped["status_jetzt"] == "entfallen"


def test_changes_per_field_and_area(bundle) -> None:
    changes = changes_since(bundle.plan, date(2026, 5, 1))
    per_field = changes_summary(changes, "handlungsfeld").set_index("gruppe")
    assert list(per_field.index) == ["1: Familie", "2: Bildung"]
    assert per_field.loc["2: Bildung", "geaendert"] == 2 and per_field.loc["2: Bildung", "neu"] == 1
    assert per_field.loc["1: Familie", "mittlerer_zuwachs"] == 30
    names = {"01": "Nord", "02": "Mitte", "03": "Süd"}
    per_area = changes_summary(changes, "gebiet", names).set_index("gruppe")
    assert list(per_area.index) == ["Nord", "Mitte", "Süd"]  # in the order of the areas
    assert per_area.loc["Mitte", "geaendert"] == 2 and per_area.loc["Nord", "fortgeschritten"] == 1
    assert changes_summary(changes.iloc[0:0], "gebiet").empty
    sentence = changes_sentence(changes, date(2026, 5, 1), 5)
    assert sentence.startswith("Seit dem 01.05.2026 hat sich bei 3 von 5 Maßnahmen etwas geändert:")
    assert "1 wechselten den Status" in sentence and "1 sind neu" in sentence and "um 60\u00a0Prozentpunkte" in sentence
    assert changes_sentence(changes.iloc[0:0], TODAY, 5) == (
        "Seit dem 26.11.2026 wurde bei keiner der 5 Maßnahmen eine Änderung gemeldet."
    )


# --- goal target and indicator trend -------------------------------------------------------


def series(*values: float, start: int = 2021) -> pd.DataFrame:
    return pd.DataFrame({"jahr": range(start, start + len(values)), "wert": values})


def pct(value: float) -> str:
    return format_value(value, "%", 1)


@pytest.mark.parametrize(
    ("values", "polarity", "target", "year", "status", "words"),
    [
        ((30, 28, 26, 24), "hoeher_schlechter", 20, 2028, "auf_kurs", "gesunken und bewegt sich damit auf den"),
        ((30, 29.5, 29, 28.5), "hoeher_schlechter", 20, 2028, "zu_langsam", "aber zu langsam: fortgeschrieben"),
        ((24, 26, 28, 30), "hoeher_schlechter", 20, 2028, "entfernt", "gestiegen und entfernt sich damit vom"),
        ((30, 30, 30, 30), "hoeher_schlechter", 20, 2028, "unveraendert", "kaum bewegt"),
        ((22, 21, 20, 19), "hoeher_schlechter", 20, 2028, "erreicht", "ist der Zielwert von 20,0\u00a0% bis 2028"),
        ((50, 52, 54, 56), "hoeher_besser", 60, 2028, "auf_kurs", "gestiegen und bewegt sich damit auf den"),
        ((56, 54, 52, 50), "hoeher_besser", 60, 2028, "entfernt", "entfernt sich damit vom Zielwert"),
        ((10, 11, 12, 13), "neutral", 16, 2028, "auf_kurs", "gestiegen"),
        ((30, 28, 26, 24), "hoeher_schlechter", 20, 2022, "verfehlt", "wurde nicht erreicht"),
    ],
)
def test_target_sentence(values, polarity, target, year, status, words) -> None:
    check = target_check(series(*values), target, year, polarity, "Quote", pct)
    assert check.status == status, check.sentence
    assert words in check.sentence, check.sentence
    assert check.sentence.startswith("Der Wert für „Quote“ in der Gesamtstadt ist von ")


def test_target_sentence_numbers_and_edge_cases() -> None:
    check = target_check(series(30, 28, 26, 24), 20, 2028, "hoeher_schlechter", "SGB-II-Quote", pct)
    assert check.projection == pytest.approx(16.0)
    assert check.sentence == (
        "Der Wert für „SGB-II-Quote“ in der Gesamtstadt ist von 30,0\u00a0% (2021) auf 24,0\u00a0% (2024) gesunken und "
        "bewegt sich damit auf den Zielwert von 20,0\u00a0% bis 2028 zu; hält die Entwicklung an, wird er erreicht "
        "(fortgeschrieben 2028: etwa 16,0\u00a0%)."
    )
    # only the last years count: an old rise does not hide a recent fall
    recent = target_check(series(10, 20, 30, 40, 30, 28, 26, 24, start=2017), 20, 2028, "hoeher_schlechter", "Q", pct)
    assert recent.status == "auf_kurs" and "von 30,0\u00a0% (2021)" in recent.sentence
    one = target_check(series(24), 20, 2028, "hoeher_schlechter", "Q", pct)
    assert one.status == "unklar" and "nur einem Jahr" in one.sentence
    none = target_check(series(), 20, 2028, "hoeher_schlechter", "Q", pct)
    assert none.status == "unklar" and "keine Werte" in none.sentence
    gaps = target_check(
        pd.DataFrame({"jahr": [2022, 2023, 2024], "wert": [None, 26.0, 24.0]}), 20, 2028, "hoeher_schlechter", "Q", pct
    )
    assert gaps.status == "auf_kurs"


def test_goal_of_a_measure(bundle) -> None:
    goal = goal_of(bundle.plan, "1.1.1")
    assert goal is not None and goal["zielindikator"] == "quote" and goal["zieljahr"] == 2028
    assert goal_of(bundle.plan, "9.9.9") is None


# --- time line --------------------------------------------------------------------------------


def test_gantt_data_planned_and_actual_bars(measures) -> None:
    bars = gantt_data(measures, TODAY)
    assert list(bars["massnahme_id"].drop_duplicates()) == ["1.1.1", "1.1.2", "2.1.1", "2.1.2", "2.1.3"]
    by = {(r.massnahme_id, r.art): r for r in bars.itertuples()}
    assert (by["1.1.1", "geplant"].beginn, by["1.1.1", "geplant"].ende) == (date(2024, 1, 1), date(2025, 12, 31))
    running = by["1.1.1", "tatsächlich"]
    assert (running.beginn, running.ende, running.offen) == (date(2024, 3, 1), TODAY, True)
    done = by["2.1.1", "tatsächlich"]
    assert (done.ende, done.offen) == (date(2026, 6, 15), False)
    assert ("1.1.2", "tatsächlich") not in by  # not begun: only the planned bar
    assert by["1.1.1", "geplant"].label == "1.1.1 Stadtteilbüro"
    assert timeline_sentence(measures, TODAY) == (
        "Von 5 Maßnahmen sollen laut Plan heute 2 laufen; begonnen haben 2, abgeschlossen sind 1. "
        "Überfällig (geplantes Ende vorbei, nicht umgesetzt): 1."
    )


def test_gantt_figure_marks_today(measures) -> None:
    from sozialraum.plan_figures import gantt_figure, history_figure, target_trend_figure

    fig = gantt_figure(gantt_data(measures, TODAY), TODAY, "Zeitplan")
    names = [t.name for t in fig.data]
    assert names == ["geplanter Zeitraum", "tatsächlich: in Umsetzung", "tatsächlich: umgesetzt"]
    assert any("heute (26.11.2026)" in a.text for a in fig.layout.annotations)
    assert fig.layout.shapes[0].x0 == "2026-11-26"
    history = pd.DataFrame(
        {
            "datum": [date(2024, 1, 1), date(2024, 3, 1), date(2026, 6, 1)],
            "status": ["geplant", "in Umsetzung", "in Umsetzung"],
            "fortschritt": [0.0, 20.0, 50.0],
            "notiz": ["", "Start", None],
        }
    )
    fig = history_figure(history, measures.iloc[0], TODAY)
    texts = [a.text for a in fig.layout.annotations]
    assert "geplant (01.01.2024)" in texts and "in Umsetzung (01.03.2024)" in texts
    assert "in Umsetzung (01.06.2026)" not in texts  # no status change there
    trend = pd.DataFrame({"gebiet_id": ["01", "gesamt"], "jahr": [2024, 2024], "wert": [12.0, 15.0]})
    fig = target_trend_figure(trend, {"01": "Nord", "gesamt": "Stadt"}, "Quote", "%", 1, 20.0, 2028, 2024)
    target = fig.data[-1]
    assert list(target.x) == [2024, 2028] and list(target.y) == [20.0, 20.0]
    assert "Ziel 2028: 20,0\u00a0%" in target.text[1]


# --- export ---------------------------------------------------------------------------------


def test_export_has_every_column_and_the_history(bundle, measures) -> None:
    chosen = measures[measures["handlungsfeld_id"] == "1"]
    table, history = export_tables(chosen, bundle.plan.history)
    for column in ("massnahme_id", "ziel_id", "beschreibung", "partner", "beginn_ist", "ende_ist", "indikatoren"):
        assert column in table.columns
    first = table.iloc[0]
    assert first["gebiete"] == "01|03" and first["beginn_geplant"] == "01.01.2024" and first["ende_ist"] == ""
    assert set(history["massnahme_id"]) == {"1.1.1", "1.1.2"} and history.iloc[0]["datum"] == "01.01.2024"
    _, raw = export_tables(chosen, bundle.plan.history, german_dates=False)
    assert raw.iloc[0]["datum"] == date(2024, 1, 1)


def test_excel_export_has_measures_and_history_sheets(bundle, measures) -> None:
    import io

    from sozialraum.export import xlsx_with_metadata

    table, history = export_tables(measures, bundle.plan.history, german_dates=False)
    data = xlsx_with_metadata({"Maßnahmen": table, "Verlauf": history}, {"Quelle": "Sozialplanung"}, today=TODAY)
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(sheets) == ["Maßnahmen", "Verlauf", "Metadaten"]
    assert len(sheets["Maßnahmen"]) == 5 and len(sheets["Verlauf"]) == 11


# --- bad input: reported, and the rest of the plan still works ------------------------------


@pytest.mark.parametrize(
    ("file", "content", "expected", "left"),
    [
        ("massnahmen_csv", MEASURES.replace("in Umsetzung;50", "fertig;50"), "Erlaubt sind: geplant", 4),
        ("massnahmen_csv", MEASURES.replace("in Umsetzung;50", "in Umsetzung;150"), "Wert zwischen 0 und 100", 4),
        ("massnahmen_csv", MEASURES.replace("01.06.2025;30.06.2026", "01.06.2025;30.06.2024"), "Ende liegt vor", 4),
        ("massnahmen_csv", MEASURES.replace(";01|03;", ";01|77;"), "Unbekannte Gebiete", 4),
        ("massnahmen_csv", MEASURES.replace("2.1.2;2.1;", "2.1.2;9.9;"), "Unbekanntes Ziel", 4),
        ("ziele_csv", GOALS.replace("2.1;2;", "2.1;7;"), "Unbekanntes Handlungsfeld", 2),
        ("massnahmen_verlauf_csv", HISTORY.replace("01.06.2026;in Umsetzung;50", "01.06.2026;läuft;50"), "Erlaubt", 5),
        (
            "massnahmen_verlauf_csv",
            HISTORY.replace("01.06.2026;in Umsetzung;50", "01.06.2026;in Umsetzung;-5"),
            "0 und 100",
            5,
        ),
        ("massnahmen_verlauf_csv", HISTORY + "1.1.1;01.01.2025;in Umsetzung;30;\n", "zeitlicher Reihenfolge", 5),
        ("massnahmen_verlauf_csv", HISTORY + "7.7.7;01.01.2025;geplant;0;\n", "Unbekannte Maßnahme", 5),
    ],
)
def test_bad_plan_input_is_reported_and_the_rest_still_works(tmp_path: Path, file, content, expected, left) -> None:
    bundle = make_plan(tmp_path, **{file: content})
    texts = [i.as_text() for i in bundle.report.errors]
    assert any(expected in t for t in texts), texts
    plan = bundle.plan
    assert len(plan.measures) == left
    assert field_overview(plan)["massnahmen"].sum() == left
    changes_since(plan, date(2024, 1, 1))  # runs on what is left
    delay_flags(measures_with_field(plan), TODAY)
    gantt_data(measures_with_field(plan), TODAY)
