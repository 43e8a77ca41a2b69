"""Issue 22 on the Vergleich page: its sentences from one template per language, true for every sign and tie,
numbers per locale; the split of `sozialraum.compare` keeps every old import working."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sozialraum.compare import Correlation, correlation_reading, matrix_summary, ranking_summary, side_by_side_summary
from sozialraum.compare_area_figures import class_word, ranking_figure, separators
from sozialraum.confidentiality import SIGN, SIGN_TEXT
from sozialraum.formatting import NBSP
from sozialraum.i18n import Translator

LANGS = ["ls", "en", "uk", "ar"]
MINUS = "\u2212"


def ranked(values: list[float], city: float | None, names: list[str] | None = None) -> pd.DataFrame:
    names = names or [f"G{i}" for i in range(len(values))]
    return pd.DataFrame(
        {
            "gebiet_id": [f"0{i}" for i in range(len(values))],
            "name": names,
            "wert": values,
            "stadt": [math.nan if city is None else city] * len(values),
        }
    )


def test_ranking_sentence_per_language_names_best_worst_and_the_count_above_the_city() -> None:
    table = ranked([12.5, 8.25, 1234.5], 10.0, ["Nord", "Mitte", "Süd"])
    en = ranking_summary(table, "Rate", "%", 1, "hoeher_besser", "Gera", t=Translator("en"))
    assert en == (
        f"The most favourable value is in Nord (12.5{NBSP}%), the least favourable in Süd (1,234.5{NBSP}%); "
        f"2 of 3 areas are above the value of Gera (10.0{NBSP}%)."
    )
    uk = ranking_summary(table, "Rate", "%", 1, "hoeher_besser", "Gera", t=Translator("uk"))
    assert "Nord (12,5" in uk and "з 3" in uk and "районів: 2" in uk
    ar = ranking_summary(table, "Rate", "%", 1, "neutral", "Gera", t=Translator("ar"))
    # Western digits, neutral: highest; names isolated (FSI), values left to right (LRI) so "%" stays right
    assert ar.startswith(f"أعلى قيمة: \u2068Nord\u2069 (\u206612.5{NBSP}%\u2069)") and "1,234.5" in ar
    ls = ranking_summary(table, "Rate", "%", 1, "hoeher_besser", "Gera", t=Translator("ls"))
    assert ls.startswith("Den besten Wert hat Nord: 12,5") and "(" not in ls
    # German unchanged
    de = ranking_summary(table, "Rate", "%", 1, "hoeher_besser", "Gera")
    assert de == (
        f"Den günstigsten Wert hat Nord (12,5{NBSP}%), den ungünstigsten Süd (1.234,5{NBSP}%); "
        f"2 von 3 Gebieten liegen über dem Wert von Gera (10,0{NBSP}%)."
    )


@pytest.mark.parametrize("code", LANGS)
def test_ranking_sentence_without_city_value_and_without_values(code: str) -> None:
    t = Translator(code)
    text = ranking_summary(ranked([3.0, 1.0], None), "Rate", "%", 1, "hoeher_besser", "Gera", t=t)
    assert "G0" in text and "G1" in text and "Gera" not in text
    empty = ranking_summary(ranked([math.nan], 5.0), "Rate", "%", 1, "hoeher_besser", "Gera", t=t)
    assert "Rate" in empty and empty != t("Für {name} liegen in diesem Jahr keine Werte vor.")


@pytest.mark.parametrize("code", LANGS)
def test_correlation_sentence_follows_sign_and_strength_in_every_language(code: str) -> None:
    t = Translator(code)
    positive = correlation_reading(Correlation(0.82, 12), "X", "Y", t=t)
    negative = correlation_reading(Correlation(-0.45, 30), "X", "Y", t=t)
    weak = correlation_reading(Correlation(-0.2, 30), "X", "Y", t=t)
    none = correlation_reading(Correlation(0.02, 30), "X", "Y", t=t)
    invalid = correlation_reading(Correlation(float("nan"), 2), "X", "Y", t=t)
    decimal = "," if code in ("ls", "uk") else "."
    assert f"0{decimal}82" in positive and "12" in positive
    assert f"{MINUS}0{decimal}45" in negative and "30" in negative
    sentences = {
        "en": ("strong positive", "moderate negative", "weak negative", "no noteworthy"),
        "uk": ("Сильний додатний", "Помірний від’ємний", "Слабкий від’ємний", "Помітного зв’язку"),
        "ar": ("ارتباط إيجابي قوي", "ارتباط سلبي متوسط", "ارتباط سلبي ضعيف", "لا يوجد ارتباط"),
        "ls": ("starken Zusammenhang in gleicher", "mittleren Zusammenhang in Gegen-Richtung",
               "schwachen Zusammenhang in Gegen-Richtung", "kaum zusammen"),
    }[code]  # fmt: skip
    for text, expected in zip((positive, negative, weak, none), sentences, strict=True):
        assert expected in text, text
    assert "2" in invalid and "3" in invalid
    assert t(correlation_reading.__globals__["CAUSATION_NOTE"]) in positive


def long_table(counts: dict[str, tuple[int, int]], indicators: int) -> pd.DataFrame:
    rows = []
    for gebiet, (better, worse) in counts.items():
        ratings = ["günstiger"] * better + ["ungünstiger"] * worse
        rows += [{"gebiet_id": gebiet, "indikator_id": f"i{k}", "bewertung": r} for k, r in enumerate(ratings)]
    frame = pd.DataFrame(rows)
    assert frame["indikator_id"].nunique() == indicators
    return frame


@pytest.mark.parametrize("code", LANGS)
def test_side_by_side_sentence_counts_for_each_area(code: str) -> None:
    t = Translator(code)
    names = {"a": "Nord", "b": "Süd"}
    text = side_by_side_summary(long_table({"a": (2, 1), "b": (0, 3)}, 3), names, t=t)
    assert "Nord" in text and "Süd" in text and "3" in text
    one = side_by_side_summary(long_table({"a": (1, 0)}, 1), names, t=t)
    assert "1" in one and "Nord" in one
    assert side_by_side_summary(pd.DataFrame(columns=["gebiet_id", "indikator_id", "bewertung"]), names, t=t) == t(
        "Für die gewählten Indikatoren gibt es keinen bewertbaren Vergleich mit der Gesamtstadt."
    )
    if code == "en":
        assert text == (
            "Compared with the whole city, rated indicators: 3. Nord: 2 more favourable, 1 less favourable; "
            "Süd: 0 more favourable, 3 less favourable."
        )


def matrix(kind: str) -> pd.DataFrame:
    cells = [("Nord", "ungünstiger"), ("Nord", "ungünstiger"), ("Süd", "günstiger"), ("Süd", "ähnlich")]
    return pd.DataFrame(
        {
            "name": [n for n, _ in cells],
            "indikator_id": ["a", "b", "a", "b"],
            "klasse": [k for _, k in cells],
            "referenz_art": [kind] * 4,
        }
    )


@pytest.mark.parametrize("code", LANGS)
def test_matrix_sentence_names_the_reference_and_the_share(code: str) -> None:
    t = Translator(code)
    city = matrix_summary(matrix("Gesamtstadt"), "Gera", t=t)
    mean = matrix_summary(matrix("Mittel der Gebiete"), "Gera", t=t)
    for text in (city, mean):
        assert "Nord" in text and "Süd" in text and f"50{NBSP}%" in text
    assert "Gera" in city and "Gera" not in mean
    mixed = matrix("Gesamtstadt").assign(referenz_art=["Gesamtstadt", "Mittel der Gebiete"] * 2)
    assert matrix_summary(mixed, "Gera", t=t).endswith(
        t("Wo kein vergleichbarer Gesamtstadtwert vorliegt, ist das Mittel der Gebiete der Vergleichswert.")
    )


def test_chart_separators_and_words_per_language() -> None:
    assert [separators(Translator(c)) for c in ("de", "ls", "en", "ar")] == [",.", ",.", ".,", ".,"]
    assert separators(Translator("uk"))[0] == ","
    assert class_word(Translator("en"), "ungünstiger") == "less favourable"
    fig = ranking_figure(ranked([1.0, 2.0], 1.5).assign(hervorgehoben=False, rang=[2, 1]), 1.5, "T", "%", 1,
                         "Gera", t=Translator("en"))  # fmt: skip
    assert "Rank" in fig.data[0].hovertemplate and fig.layout.separators == ".,"


def test_table_key_is_built_from_the_confidentiality_sign() -> None:
    from components.views import TABLE_KEY

    assert TABLE_KEY.startswith(f"„{SIGN}“ = {SIGN_TEXT}: ")


def test_old_imports_of_the_split_module_still_work() -> None:
    import sozialraum.compare as compare
    import sozialraum.compare_figures as figures

    assert all(hasattr(compare, name) for name in compare.__all__)
    assert all(hasattr(figures, name) for name in figures.__all__)
