"""The Sozialindex texts per language (issue 22): one template per sentence, true for every count and tie,
German exactly as before the templates."""

from __future__ import annotations

import pandas as pd
import pytest

from sozialraum.i18n import Translator
from sozialraum.sozialindex import IndexConfig, status_index, summary_sentence
from sozialraum.sozialindex.text import describe_config, exclusion_reason, index_summary, type_table

CONFIG = IndexConfig("Test", {"a": 1.0}, {"d": 1.0}, indicator_names={"a": "Indikator A", "d": "Veränderung A"})
# ten areas: one far above the rest ("sehr niedrig"), none "niedrig"; an eleventh too small and without value
FRAME = pd.DataFrame(
    {"a": [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 30, None], "d": [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 30, 1]}, index=list("abcdefghijk")
)
POPULATION = pd.Series([500] * 10 + [100], index=FRAME.index)
STATUS = status_index(FRAME, CONFIG, POPULATION)

SENTENCES = {
    "de": "1 von 10 Gebieten (10,0\xa0%) hat den Status „sehr niedrig“, 0 (0,0\xa0%) „niedrig“. "
    "Nicht eingestuft: 1 (zu wenige Einwohner oder fehlende Werte).",
    "ls": "1 von 10 Gebieten hat den Status „sehr niedrig“. Das sind 10,0\xa0%, 0 Gebiete „niedrig“, das sind "
    "0,0\xa0%. Nicht eingeordnet: 1. Dort wohnen zu wenige Menschen oder Zahlen fehlen.",
    "en": "Areas with status “very low”: 1 of 10 (10.0\xa0%), “low”: 0 (0.0\xa0%). "
    "Not classified: 1 (too few residents or missing values).",
    "uk": "Районів зі статусом «дуже низький»: 1 з 10 (10,0\xa0%), «низький»: 0 (0,0\xa0%). "
    "Не класифіковано: 1 (замало мешканців або відсутні значення).",
    # shares left to right (LRI … PDI): "(10.0 %)" and not "(% 10.0)" in the right-to-left sentence
    "ar": "المناطق ذات الوضع «منخفض جدًا»: 1 من 10 (\u206610.0\xa0%\u2069)، «منخفض»: 0 (\u20660.0\xa0%\u2069). "
    "غير مصنَّفة: 1 (عدد سكان قليل جدًا أو قيم ناقصة).",
}


@pytest.mark.parametrize("code", list(SENTENCES))
def test_status_sentence_per_language(code: str) -> None:
    text = index_summary(STATUS, CONFIG.status_limits, CONFIG.status_labels, "status", Translator(code))
    assert text == SENTENCES[code]


def test_german_sentence_is_the_one_from_before_for_one_and_many() -> None:
    many = STATUS.assign(klasse=STATUS["klasse"].where(STATUS.index != "a", 4))  # two areas "sehr niedrig"
    for result in (STATUS, many):
        old = summary_sentence(result, CONFIG.status_limits, CONFIG.status_labels, "den Status", "Gebieten")
        assert index_summary(result, CONFIG.status_limits, CONFIG.status_labels, "status") == old
    assert "2 von 10 Gebieten (20,0\xa0%) haben den Status" in index_summary(
        many, CONFIG.status_limits, CONFIG.status_labels, "status"
    )


def test_no_area_rated_says_so_in_every_language() -> None:
    none_rated = STATUS.assign(ausgeschlossen=True)
    expected = {
        "de": "Keines der 11 Gebiete ist eingestuft. Nicht eingestuft: 11 (zu wenige Einwohner oder fehlende Werte).",
        "en": "None of the areas is classified (areas: 11). Not classified: 11 (too few residents or missing values).",
        "uk": "Жоден район не класифіковано (районів: 11). Не класифіковано: 11 (замало мешканців або відсутні "
        "значення).",
    }
    for code, sentence in expected.items():
        assert index_summary(none_rated, CONFIG.status_limits, CONFIG.status_labels, "status", Translator(code)) == (
            sentence
        )


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("de", "weniger als 300\xa0Einwohner; fehlende Werte: Indikator A"),
        ("en", "fewer than 300 residents; missing values: Indikator A"),
        ("uk", "мешканців менше ніж 300; відсутні значення: Indikator A"),
        ("ar", "أقل من 300 من السكان؛ قيم ناقصة: Indikator A"),
        ("ls", "weniger als 300 Menschen. Zahlen fehlen: Indikator A"),
    ],
)
def test_reason_for_leaving_an_area_out_per_language(code: str, reason: str) -> None:
    assert STATUS.at["k", "grund"] == "weniger als 300\xa0Einwohner; fehlende Werte: Indikator A"
    assert exclusion_reason(STATUS.at["k", "grund"], Translator(code)) == reason


def test_method_in_english_has_no_german_interface_words_and_keeps_limits_and_ties() -> None:
    text = describe_config(CONFIG, Translator("en"))
    assert "1 high (z below −1.0), 2 medium (−1.0 to +1.0), 3 low (above +1.0 to +1.5), 4 very low (z above +1.5)" in (
        text
    )
    assert "“2+/-” for status medium and dynamics stable" in text
    for german in ("Gebiete", "Klassen", "gewichtet", "Einwohner", " und "):
        assert german not in text


def test_method_in_german_is_unchanged_and_negative_weights_keep_the_hyphen() -> None:
    weighted = IndexConfig("X", {"a": 1.0, "b": -2.0}, {}, min_population=0, indicator_names={"a": "A"})
    assert describe_config(weighted).startswith(
        "X. Statusindex: A (Gewicht 1) und b (Gewicht -2). Ein negatives Gewicht kehrt die Richtung des Indikators um."
    )
    assert weighted.describe() == describe_config(weighted)


def test_type_table_headers_per_language() -> None:
    dynamics = STATUS.assign(code=["+"] * 10 + [pd.NA])
    table = type_table(STATUS, dynamics, {"j": "Nord"}, CONFIG, Translator("en"))
    assert list(table.columns) == ["Status", "Dynamics positive (+)", "Dynamics stable (+/-)", "Dynamics negative (-)"]
    assert table.iloc[3].tolist() == ["4 very low", "1: Nord", "0", "0"]
