"""Steckbrief texts that stayed German in other languages (issue 22, session 5): one template per language."""

from __future__ import annotations

import pandas as pd
import pytest

from sozialraum.figures import deviation_figure
from sozialraum.i18n import Translator
from sozialraum.prognose.view import PROFILE_TEMPLATES
from sozialraum.sozialindex.text import STATUS_NOTE, _describe_classes, class_label

LIMITS = (-1.0, 1.0, 1.5)
LABELS = ("hoch", "mittel", "niedrig", "sehr niedrig")
CODES = ("1", "2", "3", "4")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("de", "über +1,0 bis +1,5"),
        ("en", "above +1.0 to +1.5"),
        ("uk", "понад +1,0 і до +1,5 включно"),
        ("ar", "أعلى من +1.0 حتى +1.5"),
    ],
)
def test_open_lower_end_has_its_own_template(code: str, expected: str) -> None:
    text = _describe_classes(LIMITS, LABELS, CODES, Translator(code))
    assert expected in text.replace("\u2066", "").replace("\u2069", "")  # Arabic isolates its numbers
    assert "від вище" not in text


def test_german_class_list_unchanged() -> None:
    assert _describe_classes((-1.5, -1.0), ("a", "b", "c"), ("1", "2", "3")) == (
        "1 a (z unter −1,5), 2 b (−1,5 bis unter −1,0), 3 c (z ab −1,0)"
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("de", "Status sehr niedrig (Klasse 4)"),
        ("ls", "Lage sehr niedrig, Gruppe 4"),
        ("en", "Status very low (class 4)"),
        ("uk", "Стан — дуже низький (клас 4)"),
        ("ar", "الوضع: منخفض جدًا (الفئة 4)"),
    ],
)
def test_status_note_per_language(code: str, expected: str) -> None:
    tr = Translator(code)
    assert tr(STATUS_NOTE, klasse=class_label("sehr niedrig", tr), code="4") == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("de", "2035: voraussichtlich 1.234 Menschen ab 80 (Prognose, Szenario „Trend“, Basisjahre 2019–2023)"),
        ("en", "2035: expected 1,234 people aged 80 and over (projection, scenario “Trend”, base years 2019–2023)"),
        ("uk", "Прогноз на 2035 рік, люди віком від 80 років: 1\u00a0234 (сценарій «Тренд», базові роки 2019–2023)"),
    ],
)
def test_projection_line_template(code: str, expected: str) -> None:
    tr = Translator(code)
    line = tr(PROFILE_TEMPLATES["ab80"], jahr="2035", anzahl=tr.number(1234), szenario=tr("Trend"), basis="2019–2023")
    assert line == expected


def test_untranslated_topic_left_out_of_chart_labels() -> None:
    profile = pd.DataFrame(
        {"thema": ["Arbeit", "Work"], "kurzname": ["Unemployment rate", "Jobs"], "z_gut": [-1.0, 0.5],
         "bewertung": ["ungünstiger", "günstiger"]}
    )  # fmt: skip
    labels = list(deviation_figure(profile, "t", untranslated={"Arbeit"}).data[0].y)
    assert labels == ["Unemployment rate", "Work · Jobs"]
    german = list(deviation_figure(profile, "t").data[0].y)
    assert german == ["Arbeit · Unemployment rate", "Work · Jobs"]
