"""Issue 22: the Steckbrief's generated sentences and its handout in every language (templates true for every
sign and tie, German exactly as before, no German interface word left in the handout)."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import numpy as np
import pandas as pd
import pytest

from sozialraum import Bundle
from sozialraum.i18n import Translator
from sozialraum.konferenz.handout import handout_pdf
from sozialraum.profile import BETTER, WORSE, listing_intro, strengths_and_challenges, trend_arrow

NBSP = "\u00a0"


def _row(value: float, city: float | None, rating: str, unit: str = "%") -> dict:
    return {
        "indikator_id": "x", "name": "Quote", "einheit": unit, "dezimalstellen": 1, "jahr": 2024, "wert": value,
        "stadt": city if city is not None else np.nan, "rang": 3, "anzahl": 12, "z_gut": 1.0 if rating == BETTER
        else -1.0, "bewertung": rating,
    }  # fmt: skip


def _sentence(value: float, city: float | None, lang: str, unit: str = "%") -> str:
    rating = BETTER if city is None or value >= city else WORSE
    strengths, challenges = strengths_and_challenges(pd.DataFrame([_row(value, city, rating, unit)]), "Lusan",
                                                     tr=Translator(lang))  # fmt: skip
    return (strengths + challenges)[0]


def test_german_sentence_is_the_one_of_before() -> None:
    assert _sentence(12.34, 10.0, "de") == (
        f"Quote: 12,3{NBSP}% in Lusan gegenüber 10,0{NBSP}% in der Gesamtstadt "
        f"(+2,3{NBSP}Prozentpunkte; Rang 3 von 12, 2024)."
    )
    assert _sentence(12.0, None, "de") == f"Quote: 12,0{NBSP}% in Lusan (Rang 3 von 12, 2024)."


@pytest.mark.parametrize(
    ("value", "city", "sign"), [(12.34, 10.0, "+"), (8.0, 10.0, "\u2212"), (10.0, 10.0, "±"), (10.02, 10.0, "±")]
)
def test_sentence_per_language_for_every_sign_and_tie(value: float, city: float, sign: str) -> None:
    english = _sentence(value, city, "en")
    assert english.startswith(f"Quote: {Translator('en').value(value, '%', 1)} in Lusan compared with ")
    assert f"({sign}" in english and "percentage points; rank 3 of 12, 2024)." in english
    ukrainian = _sentence(value, city, "uk")
    assert (
        f"у районі Lusan проти 10,0{NBSP}% у місті загалом ({sign}" in ukrainian and "в. п.; місце 3 з 12" in ukrainian
    )
    arabic = _sentence(value, city, "ar")
    # values left to right (LRI … PDI); the difference with its Arabic unit right to left (RLI), its sign
    # and digits left to right inside, so the sign stands before the digits
    assert f"في Lusan مقابل \u206610.0{NBSP}%\u2069 في المدينة كلها (\u2067\u2066{sign}" in arabic
    assert f"\u2069{NBSP}نقطة مئوية\u2069؛" in arabic
    easy = _sentence(value, city, "ls")
    assert "(" not in easy and f"In der ganzen Stadt sind es 10,0{NBSP}%. Unterschied: {sign}" in easy


def test_sentence_without_city_value_per_language() -> None:
    assert _sentence(4.0, None, "en") == f"Quote: 4.0{NBSP}% in Lusan (rank 3 of 12, 2024)."
    assert _sentence(4.0, None, "ls") == f"Quote: In Lusan sind es 4,0{NBSP}%. Das ist Platz 3 von 12 im Jahr 2024."


def test_german_data_texts_are_marked_in_sentences() -> None:
    rows = pd.DataFrame([_row(12.0, 10.0, BETTER, "je 1.000 Haushalte")])

    def mark(text: str) -> str:
        return f"<de>{text}</de>"

    strengths, _ = strengths_and_challenges(rows, "Lusan", tr=Translator("ar"), mark=mark)
    # a German unit stays right of the number: the two in one left-to-right isolate
    assert strengths[0].startswith("<de>Quote</de>: \u206612.0\u00a0<de>je 1.000 Haushalte</de>\u2069 في Lusan")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", ["Keine Stärken.", "1 Stärke:", "3 Stärken:", "5 Stärken, die größte:", "5 Stärken, die 3 größten:"]),
        ("en", ["No strengths.", "1 strength:", "3 strengths:", "5 strengths, the greatest:",
                "5 strengths, the 3 greatest:"]),
        ("uk", ["Сильних сторін немає.", "Сильні сторони: 1", "Сильні сторони: 3", "Сильні сторони: 5, найбільша:",
                "Сильні сторони: 5, найбільші (3):"]),
        ("ar", ["لا توجد نقاط قوة.", "نقاط القوة: 1", "نقاط القوة: 3", "نقاط القوة: 5، وأكبرها:",
                "نقاط القوة: 5، وأكبرها (3):"]),
    ],
)  # fmt: skip
def test_listing_intro_per_language(lang: str, expected: list[str]) -> None:
    tr = Translator(lang)
    cases = [(0, 0), (1, 1), (3, 3), (5, 1), (5, 3)]
    assert [listing_intro(count, shown, "staerken", tr) for count, shown in cases] == expected


def test_trend_words_per_language() -> None:
    assert trend_arrow(0.0, "hoeher_besser", Translator("en")) == "→ unchanged"
    assert trend_arrow(-1.0, "hoeher_schlechter", Translator("uk")) == "↓ знизилося (сприятливо)"
    assert trend_arrow(2.0, "hoeher_schlechter", Translator("ls")) == "↑ mehr geworden, das ist schlecht"
    assert trend_arrow(2.0, "neutral", Translator("ar")) == "↑ ارتفع"
    assert trend_arrow(2.0, "hoeher_schlechter") == "↑ gestiegen (ungünstig)"  # German as before


@pytest.fixture(scope="module")
def gera(gera_bundle: Bundle) -> Bundle:
    return gera_bundle  # the session's bundled data (tests/conftest.py), read only


# German interface words of the handout that must not stay in a translated one (data may stay German)
GERMAN_WORDS = ("Steckbrief", "Stärken", "Herausforderungen", "Kennzahlen gegen", "Rang", "Bewertung",
                "Zum Vorjahr", "Maßnahmen des Sozialplans", "Seite", "erstellt am", "Lizenz:", "Werte bis")  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "present"),
    [
        ("en", ["Profile: Bieblach-Ost", "Challenges", "percentage points", "Page 1", "7 December 2026"]),
        ("uk", ["Профіль району: Bieblach-Ost", "Виклики", "в. п.", "Сторінка 1", "7 грудня 2026"]),
        ("ar", ["البطاقة التعريفية", "Bieblach-Ost", "التحديات", "نقطة مئوية", "الصفحة", "ديسمبر"]),
    ],
)
def test_handout_in_the_visitors_language(gera, lang: str, present: list[str]) -> None:
    pdf = handout_pdf(gera, "05", 2024, "https://example.org/Steckbrief?gebiet=05", date(2026, 12, 7), lang=lang)
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    text = re.sub(r"https://\S+|[\u202a-\u202e]", "", text)  # the QR code's address; pdftotext's direction marks
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    for part in present:
        assert part in text, part
    left = [word for word in GERMAN_WORDS if word in text]
    assert not left, f"{lang}: German interface words in the handout: {left}"


def test_handout_in_easy_german(gera) -> None:
    pdf = handout_pdf(gera, "05", 2024, "https://example.org/Steckbrief?gebiet=05", date(2026, 12, 7), lang="ls")
    text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
                    .stdout.decode().split())  # fmt: skip
    assert "Stärken und Schwächen" not in text and "Schwächen" in text
    assert "In der ganzen Stadt sind es 14,5 %." in text.replace(NBSP, " ")
    assert "Herausforderungen" not in text and "Standardabweichung" not in text
