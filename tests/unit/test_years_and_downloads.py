"""Years as Excel writes them, and downloads at the decimals the page shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.loader import load_bundle

from .conftest import VALUES, write_folder


def _years(text: str) -> str:
    lines = VALUES.splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        gebiet, indikator, jahr, rest = line.split(";", 3)
        out.append(f"{gebiet};{indikator};{text.format(jahr=jahr)};{rest}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("form", ["{jahr}.0", "{jahr},0", "{jahr}.00"])
def test_whole_number_float_years_are_years(tmp_path: Path, form: str) -> None:
    bundle = load_bundle(write_folder(tmp_path, werte_csv=_years(form)))
    assert bundle.report.errors == [], bundle.report.as_text()
    assert bundle.years == [2023, 2024] and len(bundle.values) == 9


def test_fractional_years_are_one_message_per_file(tmp_path: Path) -> None:
    bundle = load_bundle(write_folder(tmp_path, werte_csv=_years("{jahr}.5")))
    errors = [e for e in bundle.report.errors if e.column == "jahr"]
    assert len(errors) == 1  # the first cell named, with the count
    assert errors[0].row == 2 and errors[0].value == "2023.5" and "Jahr wie 2024" in errors[0].message
    assert "Insgesamt 9 Zeilen ohne gültiges Jahr" in errors[0].message and errors[0].file == "werte.csv"


def test_map_download_carries_the_shown_decimals(tmp_path: Path) -> None:
    from sozialraum.export import csv_with_metadata
    from sozialraum.mapview import MapOptions, view_table

    values = VALUES.replace("01;quote;2024;12,0;", "01;quote;2024;12,3456;")
    bundle = load_bundle(write_folder(tmp_path, werte_csv=values))
    columns = ["gebiet_id", "name", "wert", "differenz", "rang", "stadt"]
    table = view_table(bundle, "quote", MapOptions("vergleich", 2024), columns).set_index("gebiet_id")
    city = 1120 / 4000 * 100  # 28.0 from numerators and denominators
    assert table.at["01", "wert"] == 12.3 and table.at["01", "stadt"] == round(city, 1)
    assert table.at["01", "differenz"] == round(12.3456 - city, 1)  # -15.7, not -15.6544
    text = csv_with_metadata(table.reset_index(), {}).decode("utf-8-sig")
    assert "12,3;" in text and "12,3456" not in text and "15,6544" not in text
