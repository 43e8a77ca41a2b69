"""The Karte's generated sentences, legend and rank note in the languages of the public view: one template
per language, true for every sign and tie, German exactly as before."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from sozialraum.classify import Classes
from sozialraum.i18n import Translator
from sozialraum.legend import legend_html
from sozialraum.mapview import comparison_sentence, map_summary, rank_note

NB = "\u00a0"


def _table(values: dict[str, float | None], city: float | None = 10.0) -> pd.DataFrame:
    return pd.DataFrame({"name": list(values), "wert": list(values.values()), "stadt": city}, dtype=object).assign(
        wert=lambda f: pd.to_numeric(f["wert"]), stadt=lambda f: pd.to_numeric(f["stadt"])
    )


def _fmt(code: str, unit: str = "%"):
    t = Translator(code)
    return lambda v: t.value(v, unit, 1)


def test_values_in_english_name_highest_and_lowest_and_the_city() -> None:
    text = map_summary(_table({"Lusan": 12.0, "Bieblach": 4.26, "Zwötzen": 7.0}), "SGB II rate", _fmt("en"), "werte",
                       Translator("en"))  # fmt: skip
    assert text == (
        f"The map shows “SGB II rate”. The highest value is in Lusan: 12.0{NB}%. "
        f"The lowest value is in Bieblach: 4.3{NB}%. Value for the whole city: 10.0{NB}%."
    )


def test_a_tie_as_shown_names_every_area_together() -> None:
    # 4.96 and 5.04 both read 5.0: the sentence may not call one of them the lowest
    table = _table({"B": 5.04, "A": 4.96, "C": 9.0}, city=None)
    text = map_summary(table, "Quote", _fmt("en"), "werte", Translator("en"))
    assert f"These areas share the lowest value, 5.0{NB}% each: A and B." in text
    assert "whole city" not in text
    uk = map_summary(table, "Квота", _fmt("uk"), "werte", Translator("uk"))
    assert f"Найнижче значення, 5,0{NB}%, мають такі райони: A і B." in uk


def test_all_equal_one_area_none_and_missing_values() -> None:
    en = Translator("en")
    same = map_summary(_table({"A": 3.0, "B": 3.0}), "Q", _fmt("en"), "werte", en)
    assert same.startswith(f"The map shows “Q”. All areas have the same value: 3.0{NB}%.")
    single = map_summary(_table({"A": 3.0, "B": None}), "Q", _fmt("en"), "werte", en)
    assert single.startswith(f"For “Q” only one area has a value: A with 3.0{NB}%. Areas without a value: 1.")
    none = map_summary(_table({"A": None}, city=None), "Q", _fmt("ar"), "werte", Translator("ar"))
    # right to left: names and values isolated, so "A: −1.0 %" keeps its order inside the Arabic sentence
    assert none == "لا توجد قيم لـ«\u2068Q\u2069» في هذا الاختيار. المناطق التي لا توجد لها قيمة: 1."


def test_change_with_rises_falls_and_ties_in_ukrainian() -> None:
    table = _table({"A": 1.5, "B": -0.04, "C": -2.0, "D": 0.3, "E": -2.0}, city=-0.2)
    text = map_summary(table, "Безробіття", _fmt("uk", "в. п."), "veraenderung", Translator("uk"))
    assert text == (
        "Карта показує зміну показника «Безробіття». Райони зі зростанням: 2 з 5. "
        f"Найбільше зростання має A: 1,5{NB}в. п. Райони зі зниженням: 2 з 5. "
        f"Найбільше зниження, −2,0{NB}в. п., мають такі райони: C і E. Райони без змін: 1 з 5. "
        f"Зміна для всього міста: −0,2{NB}в. п."
    )


def test_change_all_the_same_and_single_area_in_arabic() -> None:
    ar = Translator("ar")
    same = map_summary(_table({"A": 0.01, "B": -0.02}, city=0.0), "X", _fmt("ar"), "veraenderung", ar)
    assert "المناطق التي لم تتغيّر فيها القيمة: 2 من 2." in same
    assert "ارتفعت" not in same and "انخفضت" not in same  # −0.02 reads 0.0: no fall to report
    fell = map_summary(_table({"A": -1.0}, city=None), "X", _fmt("ar"), "veraenderung", ar)
    assert fell == f"تعرض الخريطة التغيّر في «\u2068X\u2069». انخفضت القيمة في \u2068A\u2069: \u2066−1.0{NB}%\u2069."


def test_leichte_sprache_sentences_stay_short_without_brackets() -> None:
    ls = Translator("ls")
    table = _table({"Lusan-Zentrum": 1.0, "Bieblach-Ost": 1.0, "Gera-Langenberg": -3.0, "Debschwitz": None})
    for mode in ("werte", "veraenderung"):
        text = map_summary(table, "Anteil der Kinder", _fmt("ls"), mode, ls)
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
        assert all(len(s.split()) <= 15 for s in sentences), sentences
        assert "(" not in text
    assert "In diesen Gebieten ist der Wert am stärksten gestiegen: Bieblach-Ost und Lusan-Zentrum." in map_summary(
        table, "Anteil der Kinder", _fmt("ls"), "veraenderung", ls
    )


def test_german_stays_exactly_as_before() -> None:
    table = _table({"A": 1.5, "B": -0.5, "C": 0.0})
    fmt = _fmt("de")
    assert map_summary(table, "Q", fmt, "veraenderung", Translator("de")) == map_summary(
        table, "Q", fmt, "veraenderung"
    )
    assert rank_note("hoeher_besser", True, Translator("de")) == (
        "Rang 1 = günstigste Veränderung, hier der stärkste Anstieg (höhere Werte sind günstiger)."
    )


def _classes(counts: list[int]) -> Classes:
    return Classes([1.0, 2.0, 3.0], 0.0, np.zeros(sum(counts)), ["#a", "#b", "#c"][: len(counts)], counts)


def test_comparison_counts_per_class_and_the_band() -> None:
    text = comparison_sentence(_classes([4, 0, 1]), "hoeher_schlechter", 10, Translator("en"))
    assert text == (
        "Number of areas compared with the whole city: better than the city: 4 and worse than the city: 1. "
        f"Similar means: at most 10{NB}% above or below the city's value."
    )
    no_city = Classes([], float("nan"), np.zeros(0), [], [])
    assert (
        comparison_sentence(no_city, "neutral", 10, Translator("uk")) == "Без значення для міста порівняння неможливе."
    )


@pytest.mark.parametrize(
    ("polarity", "change", "expected"),
    [
        (
            "hoeher_schlechter",
            False,
            "Platz 1 hat den niedrigsten Wert. Bei dieser Kennzahl ist ein niedriger Wert gut.",
        ),
        (
            "hoeher_besser",
            True,
            "Auf Platz 1 ist der Wert am stärksten gestiegen. Bei dieser Kennzahl ist ein Anstieg gut.",
        ),
        ("neutral", False, "Platz 1 hat den höchsten Wert. Der Platz sagt nicht: Das ist gut oder schlecht."),
    ],
)
def test_rank_note_in_leichte_sprache(polarity: str, change: bool, expected: str) -> None:
    assert rank_note(polarity, change, Translator("ls")) == expected


def test_legend_in_english_and_arabic_numbers_and_counts() -> None:
    classes = Classes([1.26, 2.5], -1.0, np.zeros(3), ["#a", "#b"], [1, 2])
    en = legend_html("Share", "%", classes, 1, 1, Translator("en"))
    assert f"−1.0 to 1.3 (1{NB}area)" in en and f"1.3 to 2.5 (2{NB}areas)" in en
    assert f"in{NB}%" in en and f"not available (1{NB}area)" in en
    ar = legend_html("Share", "%", classes, 1, 0, Translator("ar"))
    assert "من 1.3 إلى 2.5 (عدد المناطق: 2)" in ar and "الوحدة: %" in ar
    assert legend_html("Anteil", "%", classes, 1, 1) == legend_html("Anteil", "%", classes, 1, 1, Translator("de"))
    assert f"−1,0 bis 1,3 (1{NB}Gebiet)" in legend_html("Anteil", "%", classes, 1, 1)
