"""The Fortschrittsbericht (and the Maßnahme page, where translated) in the public languages (AppTest): title,
headings, table headers, generated sentences and target checks per language; German unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.plan_untranslated import plan_titles_german  # noqa: F401 - fixture
from tests.app.test_pages import bundled, run_page  # noqa: F401 - fixtures

REPORT = "pages/7_Fortschrittsbericht.py"


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("code", "title", "header", "summary", "target"),
    [
        (
            "en",
            "Progress report Gera",
            "Field of action 2: Family and care work",
            "Of 24 measures, 2 are completed; the average progress is 50\u00a0%.",
            "The value of “SGB II rate of children under 15” in the whole city rose from 23.1\u00a0% (2021) to "
            "28.3\u00a0% (2024) and is thus moving away from the target of 25.0\u00a0% by 2028.",
        ),
        (
            "uk",
            "Звіт про прогрес: Gera",
            "Сфера діяльності 2: ",
            "Заходів усього: 24; з них виконано: 2.",
            "зросло з 23,1\u00a0% (2021) до 28,3\u00a0% (2024) і отже віддаляється від цільового значення "
            "25,0\u00a0% до 2028 року.",
        ),
        (
            "ar",
            "تقرير التقدم: Gera",
            "مجال العمل 2: ",
            "عدد الإجراءات: 24؛ المنفَّذة منها: 2.",
            # values isolated left to right (LRI … PDI): "23.1 %", not "% 23.1", in the right-to-left sentence
            "من \u206623.1\u00a0%\u2069 (2021) إلى \u206628.3\u00a0%\u2069 (2024)، وبذلك تبتعد عن القيمة المستهدفة "
            "\u206625.0\u00a0%\u2069 بحلول 2028.",
        ),
        (
            "ls",
            "Bericht für Gera: So weit ist die Stadt",
            "Thema 2: Familie und Sorgearbeit",
            "Es gibt 24 Maßnahmen. Davon sind 2 fertig.",
            "Im Jahr 2021 war der Wert 23,1\u00a0%. Im Jahr 2024 war der Wert 28,3\u00a0%. "
            "Der Wert ist also gestiegen. Der Wert geht in die falsche Richtung.",
        ),
    ],
)
def test_report_in_each_language(bundled: Path, code: str, title: str, header: str, summary: str, target: str) -> None:  # noqa: F811
    at = run_page(REPORT, sprache=code, hf="2")
    assert not at.exception, at.exception
    assert at.title[0].value == title
    headers = [h.value for h in at.header]
    assert any(h.startswith(header) for h in headers), headers
    text = markdown(at)
    assert summary in text and target in text, text
    assert "Handlungsfeld" not in "\n".join(headers) and "Zielwert" not in text
    assert "Verzug: geplantes Ende" not in text  # the delay definition too


def test_english_tables_and_german_titles_marked(plan_titles_german: Path) -> None:  # noqa: F811
    at = run_page(REPORT, sprache="en")
    german = run_page(REPORT)
    figures, english = at.table[0].value, german.table[0].value
    assert list(figures.columns) == ["Figure", "Value"]
    assert list(figures.iloc[:, 1]) == list(english.iloc[:, 1])  # the same key figures
    tables = "\n".join(h.proto.body for h in at.get("html") if "sr-report-table" in h.proto.body)
    header = "".join(f"<th scope='col'>{c}</th>" for c in ("No.", "Measure", "Responsible", "Status", "Progress"))
    assert header in tables and "<td>in progress</td>" in tables
    assert '<td><span lang="de" dir="ltr">Jugendamt</span></td>' in tables  # offices: German data, marked
    # goal titles without an English column: German, marked for screen readers
    assert '### Goal 1.1: <span lang="de" dir="ltr">' in markdown(at)
    assert [s.label for s in at.selectbox] == ["Report for"]


def test_report_goal_titles_from_the_translated_columns(bundled: Path) -> None:  # noqa: F811
    text = markdown(run_page(REPORT, sprache="en"))
    assert "### Goal 1.1: Social planning is based on regular social reporting for small areas" in text
    assert '### Goal 1.1: <span lang="de"' not in text


def test_german_report_unchanged(bundled: Path) -> None:  # noqa: F811
    at = run_page(REPORT, hf="2")
    assert at.title[0].value == "Fortschrittsbericht Gera"
    headers = [h.value for h in at.header]
    assert headers[0] == "Auf einen Blick" and headers[1].startswith("Änderungen seit dem ")
    assert headers[2] == "Handlungsfeld 2: Familie und Sorgearbeit"
    text = markdown(at)
    assert "Von 24 Maßnahmen sind 2 umgesetzt; der mittlere Fortschritt liegt bei 50\u00a0%." in text
    assert (
        "Zielwert: 25,0\u00a0% bis 2028 (SGB-II-Quote der Kinder unter 15 Jahren). Der Wert für „SGB-II-Quote der "
        "Kinder unter 15 Jahren“ in der Gesamtstadt ist von 23,1\u00a0% (2021) auf 28,3\u00a0% (2024) gestiegen und "
        "entfernt sich damit vom Zielwert von 25,0\u00a0% bis 2028." in text
    )
    assert "Verzug: geplantes Ende überschritten, Beginn mehr als 30 Tage später" in text
    assert "lang=" not in text


MEASURE = "pages/6_Massnahme.py"


@pytest.mark.parametrize(
    ("code", "heading", "header", "history", "goal"),
    [
        ("en", '# Measure 2.1.2: <span lang="de"', "Status history", "status reports from", "**Goal:** The value of"),
        ("uk", '# Захід 2.1.2: <span lang="de"', "Історія статусів", "Звітів про статус: ", "**Ціль:** Значення"),
        ("ar", '# الإجراء 2.1.2: <span lang="de"', "سجل الحالات", "عدد تقارير الحالة: ", "**الهدف:** "),
        ("ls", "", "So war der Stand bisher", "Nachrichten zum Stand.", "**Ziel:** „"),
    ],
)
def test_measure_in_each_language(
    plan_titles_german: Path,  # noqa: F811
    code: str,
    heading: str,
    header: str,
    history: str,
    goal: str,
) -> None:
    at = run_page(MEASURE, sprache=code, massnahme="2.1.2")
    assert not at.exception, at.exception
    text = markdown(at)
    if heading:  # the title has no translation: drawn as HTML and marked German
        assert any(m.value.startswith(heading) for m in at.markdown), text
    else:  # Leichte Sprache is German: the title as before
        assert at.title[0].value.startswith("Maßnahme 2.1.2: ")
    assert header in [h.value for h in at.header]
    assert history in text and goal in text, text
    assert "Statusmeldungen von" not in text and "Entwicklung –" not in text or code == "ls"


def test_measure_select_box_shows_numbers_for_untranslated_titles(plan_titles_german: Path) -> None:  # noqa: F811
    at = run_page(MEASURE, sprache="en")
    options = at.selectbox[0].options
    assert options[:2] == ["– please choose –", "1.1.1"]
    assert run_page(MEASURE).selectbox[0].options[1].startswith("1.1.1 Sozialbericht")


@pytest.mark.parametrize(
    ("code", "title", "option"),
    [
        ("en", "Measure 2.1.2: Extend the prevention chain to Bieblach-Ost", "1.1.1 Social report every two years"),
        ("uk", "Захід 2.1.2: Поширити ланцюг профілактики на Bieblach-Ost", "1.1.1 Соціальний звіт кожні два роки"),
        ("ar", "الإجراء 2.1.2: توسيع سلسلة الوقاية لتشمل Bieblach-Ost", "1.1.1 تقرير اجتماعي كل سنتين"),
    ],
)
def test_measure_title_from_the_translated_columns(bundled: Path, code: str, title: str, option: str) -> None:  # noqa: F811
    at = run_page(MEASURE, sprache=code, massnahme="2.1.2")
    assert not at.exception, at.exception
    assert at.title[0].value == title
    assert at.selectbox[0].options[1].startswith(option)
