"""Issue 22: the Entwicklung and Bevölkerungsprognose sentences in every language, one template per case:
rises, falls, no change and ties give the right words and numbers in Leichte Sprache, English, Ukrainian
and Arabic, and German stays as before (the German sentences are also tested in test_compare.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from sozialraum.compare import CHANGE, INDEXED, movers, rebase
from sozialraum.i18n import Translator
from sozialraum.prognose.view import LAUNCH, change_sentence
from sozialraum.trend_text import movers_summary, multiples_summary, view_summary

AREAS = pd.DataFrame({"gebiet_id": ["a", "b", "c", "d"], "name": ["Altstadt", "Bieblach", "Debschwitz", "Lusan"]})
NAMES = dict(zip(AREAS["gebiet_id"], AREAS["name"], strict=True))
# a and b fall by the same 1.0 (a tie), c rises by 2.5, d stays
CHANGES = {"a": (10.0, 9.0), "b": (10.0, 9.0), "c": (5.0, 7.5), "d": (4.0, 4.0)}
VALUES = pd.DataFrame(
    [
        {"gebiet_id": g, "indikator_id": "alq", "jahr": year, "wert": value}
        for g, pair in CHANGES.items()
        for year, value in zip((2020, 2023), pair, strict=True)
    ]
)


def nb(text: str) -> str:
    """Expected text with "~" for the no-break space between number and unit (and Ukrainian thousands)."""
    return text.replace("~", "\u00a0")


CITY = pd.DataFrame({"indikator_id": ["alq", "alq"], "jahr": [2020, 2023], "wert": [7.0, 7.0]})


def _movers(polarity: str) -> pd.DataFrame:
    return movers(VALUES, AREAS, "alq", polarity, 2020, 2023, 1)


def test_movers_sentence_in_english_names_the_tie_the_rise_and_the_unchanged_area() -> None:
    text = movers_summary(_movers("hoeher_schlechter"), "Unemployment rate", "%", 1, 2020, 2023, Translator("en"))
    assert text == nb(
        "Unemployment rate 2020–2023: Improved: 2 of 4 areas (largest: Altstadt and Bieblach, −1.0~percentage points "
        "each), worsened: 1 (Debschwitz, +2.5~percentage points), unchanged: 1."
    )


def test_movers_sentence_follows_the_polarity_in_every_language() -> None:
    # higher is better: the fall of a and b now is the worsening, the rise of c the improvement
    better = _movers("hoeher_besser")
    assert movers_summary(better, "X", "%", 1, 2020, 2023, Translator("en")) == nb(
        "X 2020–2023: Improved: 1 of 4 areas (Debschwitz, +2.5~percentage points), worsened: 2 (largest: Altstadt "
        "and Bieblach, −1.0~percentage points each), unchanged: 1."
    )
    uk = movers_summary(better, "X", "%", 1, 2020, 2023, Translator("uk"))
    assert uk.startswith("X 2020–2023: Покращення: 1 з 4 (Debschwitz, +2,5") and "погіршення: 2" in uk
    assert "без змін: 1." in uk and nb("Altstadt і Bieblach, по −1,0~в. п.") in uk
    ar = movers_summary(better, "X", "%", 1, 2020, 2023, Translator("ar"))
    # the difference right to left with its Arabic unit (RLI), sign and digits left to right inside (LRI)
    assert nb("تحسّن: 1 من أصل 4 (Debschwitz، \u2067\u2066+2.5\u2069~نقطة مئوية\u2069)") in ar
    assert "تراجع: 2" in ar and "دون تغيير: 1" in ar
    ls = movers_summary(better, "X", "%", 1, 2020, 2023, Translator("ls"))
    assert ls == nb(
        "X von 2020 bis 2023. Besser geworden: 1 von 4 Gebieten, Debschwitz mit +2,5~Prozent-Punkte. "
        "Schlechter geworden: 2, am meisten: Altstadt und Bieblach, jedes mit −1,0~Prozent-Punkte. "
        "Gleich geblieben: 1."
    )


def test_neutral_indicator_says_rose_and_fell_and_no_change_at_all() -> None:
    en = Translator("en")
    assert movers_summary(_movers("neutral"), "Residents", "people", 1, 2020, 2023, en) == nb(
        "Residents 2020–2023: Rose: 1 of 4 areas (Debschwitz, +2.5~people), fell: 2 (largest: Altstadt and Bieblach, "
        "−1.0~people each), unchanged: 1."
    )
    still = VALUES.assign(wert=10.0)
    flat = movers(still, AREAS, "alq", "neutral", 2020, 2023, 1)
    assert movers_summary(flat, "X", "%", 1, 2020, 2023, en) == "X 2020–2023: no area changed."
    assert movers_summary(flat, "X", "%", 1, 2020, 2023, Translator("ar")) == "X 2020–2023: لم تتغير أي منطقة."


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("de", "Veränderung von 2020 bis 2023: Bieblach −1,0~Prozentpunkte, Altstadt −1,0~Prozentpunkte, "
         "Debschwitz +2,5~Prozentpunkte und Lusan ±0,0~Prozentpunkte."),
        ("en", "Change from 2020 to 2023: Bieblach −1.0~percentage points, Altstadt −1.0~percentage points, "
         "Debschwitz +2.5~percentage points and Lusan ±0.0~percentage points."),
        # the unit's abbreviation ends the sentence: one full stop, not two
        ("uk", "Зміна з 2020 до 2023: Bieblach: −1,0~в. п., Altstadt: −1,0~в. п., Debschwitz: +2,5~в. п. і "
         "Lusan: ±0,0~в. п."),
        ("ls", "So viel anders sind die Werte von 2020 bis 2023: Bieblach: −1,0~Prozent-Punkte, Altstadt: "
         "−1,0~Prozent-Punkte, Debschwitz: +2,5~Prozent-Punkte und Lusan: ±0,0~Prozent-Punkte."),
    ],
)  # fmt: skip
def test_change_view_sentence_signs_per_language(code: str, expected: str) -> None:
    assert view_summary(rebase(VALUES, CHANGE, 2020), CHANGE, 2020, NAMES, "%", 1, Translator(code)) == nb(expected)


def test_index_view_and_missing_base_year_in_arabic_and_english() -> None:
    ar = view_summary(rebase(VALUES, INDEXED, 2020), INDEXED, 2020, NAMES, "%", 1, Translator("ar"))
    assert ar.startswith("مقارنةً بسنة الأساس 2020 (= 100)، في 2023: ") and "Debschwitz: 150.0" in ar
    empty = rebase(VALUES, CHANGE, 2021)  # no values in 2021
    assert view_summary(empty, CHANGE, 2021, NAMES, "%", 1, Translator("en")) == (
        "There are no usable values for this selection in the base year 2021."
    )


def test_small_multiples_sentence_names_tied_extremes_and_the_city() -> None:
    en = multiples_summary(VALUES, CITY, NAMES, "alq", "%", 1, True, Translator("en"))
    assert en == nb(
        "In 2023 the values range from 4.0~% (Lusan) to 9.0~% (Altstadt and Bieblach); 3 of 4 areas are above "
        "the value of the whole city (7.0~%)."
    )
    same = VALUES.assign(wert=5.0)
    uk = multiples_summary(same, CITY, NAMES, "alq", "%", 1, False, Translator("uk"))
    assert uk == nb("У 2023 усі райони зі значенням мають однакове значення: 5,0~%. Кількість районів: 4.")
    ls = multiples_summary(VALUES, CITY.iloc[:0], NAMES, "alq", "%", 1, True, Translator("ls"))
    assert ls.endswith(
        nb("Der größte Wert ist 9,0~% in Altstadt und Bieblach. Für die ganze Stadt gibt es keinen Wert.")
    )


def _projection(start: float, end: float) -> pd.DataFrame:
    return pd.DataFrame({"jahr": [2024, 2035], "art": [LAUNCH, "Prognose"], "anzahl": [start, end]})


@pytest.mark.parametrize(
    ("start", "end", "code", "expected"),
    [
        (1000.0, 1234.0, "de", "Prognose, Szenario „Trend“: In Gera leben 2035 voraussichtlich 1.234 Menschen, "
         "234 mehr als 2024 (1.000)."),
        (1234.0, 1000.0, "en", "Projection, scenario “Trend”: people in Gera in 2035: expected 1,000, 234 fewer "
         "than in 2024 (1,234)."),
        (1000.0, 1000.0, "uk", "Прогноз, сценарій «Trend»: Gera, 2035 — мешканці: очікувано 1~000, стільки ж, як "
         "у 2024."),
        (1000.0, 1234.0, "ar", "التوقعات، السيناريو «Trend»: Gera، 2035 — السكان: العدد المتوقع 1,234، بزيادة 234 "
         "عن 2024 (1,000)."),
        (1234.0, 1000.0, "ls", "Vorhersage für den Weg Trend: In Gera leben 2035 wahrscheinlich 1.000 Menschen. "
         "Das sind 234 weniger als 2024. Im Jahr 2024 waren es 1.234."),
    ],
)  # fmt: skip
def test_projection_sentence_more_fewer_same_per_language(start: float, end: float, code: str, expected: str) -> None:
    t = Translator(code)
    assert change_sentence(_projection(start, end), "Gera", t("Menschen"), "Trend", 2035, t) == nb(expected)
