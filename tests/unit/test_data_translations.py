"""Translated data columns (`name_en`, `titel_uk` …): read by the loader, used by `localized`, checked by `check`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sozialraum import load_bundle, schemas
from sozialraum.cli import main
from sozialraum.settings import REPO_ROOT
from sozialraum.sozialindex import DYNAMICS_ID, STATUS_ID, with_index
from sozialraum.translations import LocalizedText, language_codes, localized, localized_column

from .conftest import CATALOGUE, MEASURES, write_folder

DATA_DIR = REPO_ROOT / "data"

# the test catalogue with English names and short names, one Ukrainian name, and one English name missing
CATALOGUE_TRANSLATED = (
    CATALOGUE.splitlines()[0] + ";name_en;kurzname_en;name_uk\n"
    + CATALOGUE.splitlines()[1] + ";SGB II rate;SGB II;Частка SGB II\n"
    + CATALOGUE.splitlines()[2] + ";;Resid.;\n"
)  # fmt: skip


def test_loader_keeps_translated_columns_of_shipped_languages(tmp_path: Path) -> None:
    bundle = load_bundle(write_folder(tmp_path, indikatoren_csv=CATALOGUE_TRANSLATED))
    catalogue = bundle.catalogue.set_index("indikator_id")
    assert catalogue.at["quote", "name_en"] == "SGB II rate"
    assert catalogue.at["quote", "name_uk"] == "Частка SGB II"
    assert pd.isna(catalogue.at["einwohner", "name_en"])  # empty cell = no translation, not ""
    assert bundle.report.warnings == [] and bundle.report.errors == []


def test_column_for_unknown_language_is_reported_and_left_out(tmp_path: Path) -> None:
    header, first, second = CATALOGUE.splitlines()
    catalogue = f"{header};name_fr\n{first};Taux SGB II\n{second};\n"
    bundle = load_bundle(write_folder(tmp_path, indikatoren_csv=catalogue))
    assert "name_fr" not in bundle.catalogue.columns
    [warning] = bundle.report.warnings
    assert (warning.file, warning.column) == ("indikatoren.csv", "name_fr")
    assert "„fr“ ist keine Sprache des Dashboards" in warning.message


def test_german_suffix_column_points_to_the_german_column(tmp_path: Path) -> None:
    header, first, second = CATALOGUE.splitlines()
    bundle = load_bundle(write_folder(tmp_path, indikatoren_csv=f"{header};name_de\n{first};Quote\n{second};\n"))
    [warning] = bundle.report.warnings
    assert "aber der deutsche Text steht in „name“. Die Spalte wird nicht verwendet." in warning.message


def test_new_language_in_sprachen_toml_needs_no_code_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locales = tmp_path / "locales"
    locales.mkdir()
    (locales / "sprachen.toml").write_text('[de]\nname = "Deutsch"\n\n[fr]\nname = "Français"\n', encoding="utf-8")
    assert language_codes(locales) == ("fr",)
    monkeypatch.setattr(schemas, "language_codes", lambda: language_codes(locales))
    header, first, second = CATALOGUE.splitlines()
    catalogue = f"{header};name_fr\n{first};Taux SGB II\n{second};\n"
    bundle = load_bundle(write_folder(tmp_path / "daten", indikatoren_csv=catalogue))
    assert bundle.catalogue.set_index("indikator_id").at["quote", "name_fr"] == "Taux SGB II"
    assert bundle.report.warnings == []


def test_shipped_languages_are_the_translation_codes() -> None:
    assert set(language_codes()) >= {"ls", "en", "uk", "ar"}
    assert "de" not in language_codes()


def test_plan_titles_are_translatable(tmp_path: Path) -> None:
    header, first, second = MEASURES.splitlines()
    measures = f"{header};titel_ar\n{first};مكتب الحي\n{second};\n"
    bundle = load_bundle(write_folder(tmp_path, massnahmen_csv=measures))
    rows = bundle.plan.measures.set_index("massnahme_id")
    assert localized(rows.loc["1.1.1"], "titel", "ar") == LocalizedText("مكتب الحي", "ar")
    assert localized(rows.loc["1.1.2"], "titel", "ar") == LocalizedText("Beratung", "de")


def test_localized_falls_back_to_german_marked_de() -> None:
    row = pd.Series({"name": "Einwohner", "name_en": "Residents", "name_uk": None, "name_ar": "  "})
    assert localized(row, "name", "en") == LocalizedText("Residents", "en")
    assert localized(row, "name", "uk") == LocalizedText("Einwohner", "de")  # cell empty
    assert localized(row, "name", "ar") == LocalizedText("Einwohner", "de")  # only blanks
    assert localized(row, "name", "ls") == LocalizedText("Einwohner", "de")  # column absent
    assert localized(row, "name", "de") == LocalizedText("Einwohner", "de")
    assert localized({"name": "Einwohner", "name_en": float("nan")}, "name", "en").lang == "de"


def test_localized_column_keeps_the_index() -> None:
    frame = pd.DataFrame({"titel": ["Büro", "Beratung"], "titel_en": ["Office", None]}, index=[7, 9])
    texts = localized_column(frame, "titel", "en")
    assert list(texts.index) == [7, 9]
    assert list(texts) == [LocalizedText("Office", "en"), LocalizedText("Beratung", "de")]


def test_check_reports_missing_translations_per_language_and_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_folder(tmp_path, indikatoren_csv=CATALOGUE_TRANSLATED)
    assert main(["check", str(folder)]) == 0  # a missing translation is a warning, not an error
    lines = [line for line in capsys.readouterr().out.splitlines() if "Übersetzung" in line]
    by_file = {line.split(":")[1].strip() + " " + line.split("„")[1][:2]: line for line in lines}
    # en and uk are used (indikatoren.csv has columns for them), ls and ar are not: no line for them
    assert sorted(by_file) == [
        "handlungsfelder.csv en", "handlungsfelder.csv uk", "indikatoren.csv en", "indikatoren.csv uk",
        "massnahmen.csv en", "massnahmen.csv uk", "ziele.csv en", "ziele.csv uk",
    ]  # fmt: skip
    assert by_file["indikatoren.csv en"].startswith(
        "Warnung: indikatoren.csv: Übersetzung „en“: 7 Text(e) ohne Übersetzung (Datei mit 2 Zeilen)"
    )
    assert "name_en (1), einheit_en (2), definition_en (2), thema_en (2)" in by_file["indikatoren.csv en"]
    assert "kurzname_en" not in by_file["indikatoren.csv en"]  # both short names are translated
    assert "name_uk (1), kurzname_uk (2)" in by_file["indikatoren.csv uk"]
    # the empty `beschreibung` of the test's Handlungsfeld has nothing to translate
    assert (
        "name_en (1)." in by_file["handlungsfelder.csv en"]
        and "beschreibung_en" not in by_file["handlungsfelder.csv en"]
    )
    assert by_file["massnahmen.csv en"].endswith("Fehlend je Spalte: titel_en (2).")


def test_check_is_silent_for_a_folder_without_translations(
    valid_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(valid_folder)])
    assert "Übersetzung" not in capsys.readouterr().out


def test_bundled_gera_data_texts_are_translated_to_english_ukrainian_and_arabic(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bundle = with_index(load_bundle(DATA_DIR))
    catalogue = bundle.catalogue[~bundle.catalogue["indikator_id"].isin([STATUS_ID, DYNAMICS_ID])]
    tables = (
        (catalogue, ("name", "kurzname", "einheit", "definition", "thema")),
        (bundle.plan.fields, ("name", "beschreibung")),
        (bundle.plan.goals, ("titel",)),
        (bundle.plan.measures, ("titel",)),
    )
    for table, columns in tables:
        for column in columns:
            for lang in ("en", "uk", "ar"):
                texts = localized_column(table, column, lang)
                assert {text.lang for text in texts} == {lang}, f"{column}_{lang}"
    assert localized(catalogue.loc["sgb2_quote"], "kurzname", "en") == LocalizedText("SGB II rate", "en")
    assert localized(catalogue.loc["einwohner"], "definition", "en") == LocalizedText(
        "People whose main residence is in Gera on 31 December of the year.", "en"
    )
    fields = localized_column(bundle.plan.fields, "name", "uk")
    assert {text.lang for text in fields} == {"uk"} and fields.iloc[5].text == "Діалог поколінь"
    assert localized(bundle.plan.fields.iloc[5], "name", "ar") == LocalizedText("الحوار بين الأجيال", "ar")
    goal = bundle.plan.goals.set_index("ziel_id").loc["2.1"]
    assert localized(goal, "titel", "uk") == LocalizedText("Менше дітей у Гері зростає в бідності", "uk")
    assert main(["check", str(DATA_DIR)]) == 0
    out = capsys.readouterr().out.splitlines()
    missing: dict[str, list[str]] = {}
    for line in (line for line in out if "Übersetzung" in line):
        missing.setdefault(line.split(":")[1].strip(), []).append(line.split("Fehlend je Spalte: ")[1])
    # only the measures' descriptions are left in German (optional in the issue)
    assert missing == {"massnahmen.csv": ["beschreibung_en (118).", "beschreibung_uk (118).", "beschreibung_ar (118)."]}
