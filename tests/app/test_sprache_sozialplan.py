"""The Sozialplan page in the public languages (AppTest): titles, tabs, key figures and generated sentences
per language; German as before; a German tab link opens the same tab in another language."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.plan_untranslated import plan_titles_german  # noqa: F401 - fixture
from tests.app.test_pages import bundled, run_page  # noqa: F401 - fixtures

PLAN = "pages/3_Sozialplan.py"


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("code", "title", "count", "sentence"),
    [
        ("en", "Social plan: state of implementation", "**118 of 118 measures** match", "The most advanced field"),
        (
            "uk",
            "Соціальний план: стан виконання",
            "Заходи, що відповідають вибору: **118 з 118**.",
            "Найбільше просунулася сфера",
        ),
        (
            "ar",
            "الخطة الاجتماعية: حالة التنفيذ",
            "الإجراءات المطابقة للاختيار: **118 من 118**.",
            "أكثر مجالات العمل تقدمًا",
        ),
        ("ls", "Sozialplan: So weit ist die Stadt", "**118 von 118 Maßnahmen** passen", "Am weitesten ist das Thema"),
    ],
)
def test_overview_in_each_language(bundled: Path, code: str, title: str, count: str, sentence: str) -> None:  # noqa: F811
    at = run_page(PLAN, sprache=code)
    assert not at.exception, at.exception
    assert at.title[0].value == title
    text = markdown(at)
    assert count in text and sentence in text
    assert "Status je Handlungsfeld" not in [h.value for h in at.header] or code == "ls"


def test_english_figures_and_handlungsfeld_names_from_the_data(plan_titles_german: Path) -> None:  # noqa: F811
    at = run_page(PLAN, sprache="en")
    german = run_page(PLAN)
    labels = [m.label for m in at.metric]
    assert labels[:3] == ["Measures", "Completed", "Average progress"] and labels[5] == "No report for 12 months"
    assert [m.value for m in at.metric] == [m.value for m in german.metric]  # the same figures, one computation
    # Handlungsfeld 1 has an English name in handlungsfelder.csv (name_en); goal titles without one: German, marked
    assert "FA 1: Steering, networking and sustainability" in [e.label.split(" · ")[0] for e in at.expander]
    assert '<span lang="de" dir="ltr">' in markdown(at)


def test_goal_and_measure_titles_from_the_translated_columns(bundled: Path) -> None:  # noqa: F811
    at = run_page(PLAN, sprache="en")
    text = markdown(at)
    assert "**Goal 2.1: Fewer children in Gera grow up in poverty**" in text
    assert '<span lang="de" dir="ltr">' not in text
    titles = [title for table in at.dataframe if "titel" in table.value for title in table.value["titel"]]
    assert len(titles) == 118 and "Welcome visits for all newborn babies" in titles


@pytest.mark.parametrize(("code", "tab", "header"), [("en", "Änderungen", "Changes since"), ("ar", "Zeitplan", "")])
def test_a_german_tab_link_opens_that_tab_in_the_language(bundled: Path, code: str, tab: str, header: str) -> None:  # noqa: F811
    at = run_page(PLAN, sprache=code, ansicht=tab)
    assert not at.exception, at.exception
    if header:
        assert any(h.value.startswith(header) for h in at.header)
    else:  # the time line: its selectbox in Arabic
        assert any(s.label == "مجال العمل في الجدول الزمني" for s in at.selectbox)


def test_german_is_unchanged(bundled: Path) -> None:  # noqa: F811
    at = run_page(PLAN, ansicht="Zeitplan")
    assert at.title[0].value == "Sozialplan: Umsetzungsstand"
    assert "Von 14 Maßnahmen sollen laut Plan heute" in markdown(at)
    assert any(s.label == "Handlungsfeld im Zeitplan" for s in at.selectbox)
