"""Downloads in the page's language (issue 22): the lines the export writes, the indicators' provenance and
the Sozialplan's columns per language; German exactly as before; withheld cells the same in every language."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from sozialraum.compare_areas import provenance_meta
from sozialraum.confidentiality import NOTE_CASES
from sozialraum.export import (
    CONFIDENTIALITY_KEY,
    CONFIDENTIALITY_NOTE,
    confidentiality_entry,
    csv_with_metadata,
    xlsx_with_metadata,
)
from sozialraum.i18n import Translator
from sozialraum.plan_export import plan_export_in_language

TODAY = date(2026, 12, 7)
OTHERS = ["ls", "en", "uk", "ar"]
# the German file as main 5d9e37c wrote it (before the downloads had languages), byte for byte
GERMAN_CSV = (
    "\ufeff# Quelle: BA\n"
    "# Geheimhaltung: Leere Werte in Zeilen mit der Anmerkung „Geheimhaltung: …“ sind aus Gründen der statistischen "
    "Geheimhaltung gesperrt (in der Anzeige „.“ = keine Angabe); andere leere Werte: kein Wert vorhanden.\n"
    "# Exportdatum: 07.12.2026\n"
    "gebiet;wert;fallzahl;anmerkung;gesperrt\n"
    "Nord;31,5;120,0;;False\n"
    "Mitte;;;Geheimhaltung: Fallzahl zu klein;True\n"
)


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "gebiet": ["Nord", "Mitte"],
            "wert": [31.5, None],
            "fallzahl": [120.0, None],
            "anmerkung": [None, NOTE_CASES],
            "gesperrt": [False, True],
        }
    )


def lines(data: bytes) -> dict[str, str]:
    """The `# key: value` lines of a CSV."""
    text = data.decode("utf-8-sig")
    return dict(line[2:].split(": ", 1) for line in text.splitlines() if line.startswith("# "))


def body(data: bytes) -> list[str]:
    return [line for line in data.decode("utf-8-sig").splitlines() if not line.startswith("#")]


def test_german_csv_is_byte_for_byte_as_before() -> None:
    assert csv_with_metadata(table(), {"Quelle": "BA"}, today=TODAY).decode("utf-8") == GERMAN_CSV
    assert csv_with_metadata(table(), {"Quelle": "BA"}, today=TODAY, lang="de") == GERMAN_CSV.encode("utf-8")
    assert confidentiality_entry("de") == (CONFIDENTIALITY_KEY, CONFIDENTIALITY_NOTE)


def test_english_csv_lines() -> None:
    data = csv_with_metadata(table(), {"Source": "BA"}, today=TODAY, lang="en")
    meta = lines(data)
    assert list(meta) == ["Source", "Confidentiality", "Number format", "Export date"]
    assert meta["Export date"] == "7 December 2026"
    assert meta["Confidentiality"].startswith("Empty values in rows with the note “Geheimhaltung: …” are withheld")
    assert "“.” = not available" in meta["Confidentiality"]
    assert meta["Number format"].startswith("Decimal comma, columns separated by semicolons")


@pytest.mark.parametrize("lang", OTHERS)
def test_every_language_translates_the_lines_and_withholds_the_same_cells(lang: str) -> None:
    t = Translator(lang)
    data = csv_with_metadata(table(), {t("Quelle"): "BA"}, today=TODAY, lang=lang)
    meta = lines(data)
    key, note = confidentiality_entry(lang)
    assert key == t("Geheimhaltung") != "Geheimhaltung" and meta[key] == note != CONFIDENTIALITY_NOTE
    assert "Geheimhaltung: …" in note  # names the German note the rows carry
    assert t("Exportdatum") in meta and "Exportdatum" not in meta and t("Quelle") != "Quelle"
    # Leichte Sprache reads German numbers; the others learn that the CSV keeps the German format
    assert (t("Zahlenformat") in meta) == (lang != "ls")
    # the same rows and cells as the German file: withheld cells empty, nothing else changed
    assert body(data) == body(GERMAN_CSV.encode("utf-8"))


@pytest.mark.parametrize("lang", ["de", *OTHERS])
def test_xlsx_per_language_keeps_numbers_numeric_and_withheld_cells_empty(lang: str) -> None:
    t = Translator(lang)
    data = xlsx_with_metadata({t("Daten"): table()}, {t("Quelle"): "BA"}, today=TODAY, lang=lang)
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(sheets) == [t("Daten"), t("Metadaten")]
    assert (list(sheets) == ["Daten", "Metadaten"]) == (lang == "de")
    values = sheets[t("Daten")]["wert"]
    assert pd.api.types.is_float_dtype(values) and values.isna().tolist() == [False, True]
    info = dict(zip(sheets[t("Metadaten")][t("Angabe")], sheets[t("Metadaten")][t("Wert")], strict=True))
    assert info[confidentiality_entry(lang)[0]] == confidentiality_entry(lang)[1]
    assert info[t("Exportdatum")] == Translator(lang).day(TODAY)


CATALOGUE = pd.DataFrame(
    {
        "name": ["SGB-II-Quote", "Einwohner"],
        "kurzname": ["SGB II", "Einw."],
        "einheit": ["%", "Personen"],
        "quelle": ["BA", "Melderegister"],
        "datenstand": ["31.12.2024", "31.12.2024"],
        "name_en": ["SGB II rate", ""],
        "kurzname_en": ["SGB II", ""],
        "einheit_en": ["%", "people"],
    },
    index=["quote", "einwohner"],
)


def test_provenance_of_indicators_per_language_with_german_fallback() -> None:
    assert provenance_meta(CATALOGUE, ["quote"], Jahr=2024) == {
        "Indikator": "SGB-II-Quote",
        "Einheit": "%",
        "Quelle": "BA",
        "Datenstand": "31.12.2024",
        "Jahr": "2024",
    }
    assert provenance_meta(CATALOGUE, ["quote"], lang="en", **{"Year": 2024}) == {
        "Indicator": "SGB II rate",
        "Unit": "%",
        "Source": "BA",
        "Data as of": "31.12.2024",
        "Year": "2024",
    }
    several = provenance_meta(CATALOGUE, ["quote", "einwohner"], lang="en")
    # no English name for the residents: the German name stays, the translated unit is used
    assert several["Indicators"] == "SGB II rate (%); Einwohner (people)"
    assert several["Data as of"] == "SGB II: 31.12.2024; Einw.: 31.12.2024"
    uk = provenance_meta(CATALOGUE, ["quote"], lang="uk")
    assert list(uk) == [Translator("uk")(k) for k in ("Indikator", "Einheit", "Quelle", "Datenstand")]
    assert uk[Translator("uk")("Indikator")] == "SGB-II-Quote"  # no Ukrainian column: German


MEASURES = pd.DataFrame(
    {
        "massnahme_id": ["1.1.1"],
        "titel": ["Stadtteilbüro"],
        "status": ["in Umsetzung"],
        "status_vorher": ["geplant"],
        "statusfolge": ["geplant → in Umsetzung"],
        "fortschritt": [50.0],
        "hinweis": [""],
    }
)


def test_plan_exports_keep_german_columns_and_speak_the_language_elsewhere() -> None:
    assert plan_export_in_language(MEASURES, "de") is MEASURES
    english = plan_export_in_language(MEASURES, "en")
    assert list(english.columns) == ["Number", "Measure", "Status", "Status before", "Status sequence", "Progress",
                                     "Delay"]  # fmt: skip
    assert english.iloc[0].tolist() == ["1.1.1", "Stadtteilbüro", "in progress", "planned",
                                        "planned → in progress", 50.0, ""]  # fmt: skip
    assert MEASURES.columns[0] == "massnahme_id"  # the page's frame is not changed
    for lang in OTHERS:
        shown = plan_export_in_language(MEASURES, lang)
        t = Translator(lang)
        assert list(shown.columns)[:3] == [t("Nummer"), t("Maßnahme"), t("Status")]
        assert shown.at[0, t("Status")] == t("in Umsetzung") != "in Umsetzung"
