"""The data contract declared once: the loader checks what data/README.md promises for `indikator_id`, and the
importer's mapping check uses the same pattern."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from sozialraum import load_bundle
from sozialraum.contract import CATALOGUE_SPEC
from sozialraum.datafolder import Indicator
from sozialraum.importer.spec import INDICATOR_ID

from .conftest import CATALOGUE, VALUES, write_folder


def test_an_indicator_id_outside_the_pattern_is_named_with_file_row_column_found_and_expected(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "daten",
        indikatoren_csv=CATALOGUE.replace("\neinwohner;", "\nEinwohner-Zahl;"),
        werte_csv=VALUES.replace(";einwohner;", ";Einwohner-Zahl;"),
    )
    errors = [i for i in load_bundle(folder).report.errors if i.column == "indikator_id"]
    found = [(i.file, i.row, i.value, i.message) for i in errors if i.file == "indikatoren.csv"]
    assert found == [
        (
            "indikatoren.csv",
            3,
            "Einwohner-Zahl",
            "Erwartet wird eine Kennung nur aus Kleinbuchstaben, Ziffern und „_“ (z. B. sgb2_quote).",
        )
    ]


def test_lowercase_ids_with_digits_and_underscores_pass(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path / "daten",
        indikatoren_csv=CATALOGUE.replace("\neinwohner;", "\neinwohner_2;"),
        werte_csv=VALUES.replace(";einwohner;", ";einwohner_2;"),
    )
    assert load_bundle(folder).report.errors == []


def test_the_importer_checks_the_same_pattern() -> None:
    assert INDICATOR_ID.match("sgb2_quote") and not INDICATOR_ID.match("SGB2-Quote")


def test_the_one_catalogue_row_type_has_exactly_the_declared_columns() -> None:
    """Importer and converters write `datafolder.Indicator`; a field the spec lacks would be dropped silently."""
    assert sorted(f.name for f in fields(Indicator)) == sorted(c.name for c in CATALOGUE_SPEC.columns)


def test_a_case_count_with_a_fraction_is_named_with_file_row_column_found_and_expected(tmp_path: Path) -> None:
    """`fallzahl` counts people, households or cases: data/README.md says whole number, the loader checks it."""
    fraction = VALUES.replace("01;quote;2023;10,0;100;", "01;quote;2023;10,0;100,5;")
    folder = write_folder(tmp_path / "daten", werte_csv=fraction)
    errors = [(i.file, i.row, i.column, i.value, i.message) for i in load_bundle(folder).report.errors]
    assert errors == [
        ("werte.csv", 2, "fallzahl", "100,5", "Erwartet wird eine ganze Zahl (Zahl der Fälle, z. B. 120).")
    ]
