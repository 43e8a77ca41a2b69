"""Withheld values in reshaped tables (wide trend tables, changes, the profile) and the real minus in legends."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sozialraum import load_bundle
from sozialraum.classify import Classes
from sozialraum.confidentiality import SIGN
from sozialraum.formatting import MINUS, format_number, format_value
from sozialraum.indicators import trend_table, trend_wide
from sozialraum.legend import legend_html
from sozialraum.profile import WITHHELD, display_table, profile_table
from sozialraum.schemas import CITY_ID
from sozialraum.withheld import change_notes, trend_mask, withheld_areas, withheld_city_years
from tests.unit.conftest import VALUES, write_folder

NOTE = "Geheimhaltung: Fallzahl zu klein"
# Mitte (02): rate 2024 on 2 cases; Nord (01): the only 2025 population count, on 2 cases (city 2025 withheld too)
WITHHELD_VALUES = VALUES.replace("02;quote;2024;20,0;200;200;1000;", "02;quote;2024;20,0;2;2;10;") + (
    "01;einwohner;2025;2;2;;;\n"
)


@pytest.fixture
def withheld(tmp_path: Path):
    return load_bundle(write_folder(tmp_path / "gesperrt", werte_csv=WITHHELD_VALUES))


def test_format_number_with_the_real_minus() -> None:
    assert format_number(-1.174, 2, MINUS) == "\u22121,17"
    assert format_number(-1234.5, 1, MINUS) == "\u22121.234,5"
    assert format_number(-0.001, 2, MINUS) == "0,00"  # no "−0,00"
    assert format_number(-1.5, 1) == "-1,5"  # default unchanged: hyphen-minus for values read back by programs
    assert format_value(-3.25, "Prozentpunkte", 1, MINUS) == "\u22123,2\u00a0Prozentpunkte"


def test_legend_writes_negative_limits_with_the_real_minus() -> None:
    classes = Classes(
        bounds=[-0.5, 0.4, 2.0],
        lower=-1.174,
        labels=np.array([0, 0, 1, 1, 1, 2]),
        colours=["#a", "#b", "#c"],
        counts=[2, 3, 1],
    )
    legend = legend_html("Statusindex", "Indexwert (z)", classes, 2, 0)
    assert "\u22121,17 bis \u22120,50 (2\u00a0Gebiete)" in legend
    assert "\u22120,50 bis 0,40 (3\u00a0Gebiete)" in legend and "0,40 bis 2,00 (1\u00a0Gebiet)" in legend
    assert re.search(r"-\d", legend) is None  # no hyphen-minus before a number


def test_withheld_areas_and_city_years(withheld) -> None:
    assert withheld_areas(withheld.values, "quote", [2024]) == {"02"}
    assert withheld_areas(withheld.values, "quote", [2023]) == set()
    assert withheld_city_years(withheld.values, withheld.city, "einwohner") == {2025}
    assert withheld_city_years(withheld.values, withheld.city, "quote") == set()  # a rate keeps its city value


def test_trend_mask_lines_up_with_the_wide_table(withheld) -> None:
    names = {"01": "Nord", "02": "Mitte", "03": "Süd", CITY_ID: "Stadt"}
    trend = trend_table(withheld.values, withheld.city, "quote", ["01", "02", "03"])
    wide = trend_wide(trend, names)
    mask = trend_mask(trend, withheld.values, withheld.city, "quote")
    assert list(mask.columns) == list(wide.columns) and len(mask) == len(wide)
    marked = {(wide.at[i, "Gebiet"], c) for i in mask.index for c in mask.columns if mask.at[i, c]}
    assert marked == {("Mitte", "2024")}
    assert pd.isna(wide.loc[wide["Gebiet"] == "Mitte", "2024"]).all()
    # indexed or change view on base year 2024: Mitte's whole row rests on the withheld value
    rebased = trend_mask(trend, withheld.values, withheld.city, "quote", base_year=2024)
    assert rebased.loc[wide["Gebiet"] == "Mitte", ["2023", "2024"]].all(axis=None)
    assert not rebased.loc[wide["Gebiet"] != "Mitte", ["2023", "2024"]].any(axis=None)


def test_trend_mask_marks_a_withheld_city_total(withheld) -> None:
    trend = trend_table(withheld.values, withheld.city, "einwohner", ["01", "02"])
    wide = trend_wide(trend, {CITY_ID: "Stadt"})
    mask = trend_mask(trend, withheld.values, withheld.city, "einwohner")
    marked = {(wide.at[i, "Gebiet"], c) for i in mask.index for c in mask.columns if mask.at[i, c]}
    assert marked == {("01", "2025"), ("Stadt", "2025")}  # 02 has no 2025 value: missing, not withheld


def test_change_notes_put_the_withheld_year_first() -> None:
    values = pd.DataFrame(
        {
            "gebiet_id": ["01", "01", "02", "03", "03"],
            "indikator_id": ["q"] * 5,
            "jahr": [2023, 2024, 2024, 2023, 2024],
            "wert": [1.0, np.nan, 2.0, 3.0, 4.0],
            "anmerkung": ["geschätzt", NOTE, None, "geschätzt", "geschätzt"],
            "gesperrt": [False, True, False, False, False],
        }
    )
    notes = change_notes(values, "q", 2023, 2024)
    assert notes == {"01": f"{NOTE} (2024); geschätzt (2023)", "03": "geschätzt (2023, 2024)"}


def test_profile_shows_a_withheld_value_as_the_sign_with_its_note(withheld) -> None:
    profile = profile_table(withheld, "02", 2024)
    row = profile.set_index("indikator_id").loc["quote"]
    assert bool(row["gesperrt"]) and pd.isna(row["wert"]) and row["bewertung"] == WITHHELD
    shown = display_table(profile).set_index("name")
    assert shown.loc["SGB-II-Quote", ["wert", "rang", "trend"]].tolist() == [SIGN, SIGN, SIGN]
    assert shown.loc["SGB-II-Quote", "stadt"] == "30,6"  # the city rate is published
    assert shown.loc["SGB-II-Quote", "Anmerkung"] == NOTE
    assert shown.loc["Einwohner", "wert"] == "1.000" and shown.loc["Einwohner", "Anmerkung"] == ""


def test_profile_keeps_a_withheld_newest_value_and_the_withheld_city_total(withheld) -> None:
    nord = display_table(profile_table(withheld, "01", 2025)).set_index("name").loc["Einwohner"]
    assert nord["jahr"] == 2025 and nord["wert"] == SIGN and nord["stadt"] == SIGN  # not silently 2024
    assert nord["Anmerkung"].startswith(NOTE) and "Gesamtstadt: keine Angabe" in nord["Anmerkung"]
    # another area without a 2025 count still shows its latest published value
    mitte = display_table(profile_table(withheld, "02", 2025)).set_index("name").loc["Einwohner"]
    assert mitte["jahr"] == 2024 and mitte["wert"] == "1.000"


def test_profile_without_withheld_values_has_no_note_column(valid_folder: Path) -> None:
    shown = display_table(profile_table(load_bundle(valid_folder), "02", 2024))
    assert "Anmerkung" not in shown.columns and SIGN not in shown["wert"].tolist()


def test_profile_of_an_area_without_any_published_value_is_empty(tmp_path: Path) -> None:
    values = VALUES.replace("02;quote;2023;30,0;300;300;1000;", "02;quote;2023;30,0;2;2;10;").replace(
        "02;quote;2024;20,0;200;200;1000;", "02;quote;2024;20,0;2;2;10;"
    )
    values = "\n".join(line for line in values.splitlines() if not line.startswith("02;einwohner")) + "\n"
    bundle = load_bundle(write_folder(tmp_path / "leer", werte_csv=values))
    assert profile_table(bundle, "02", 2024).empty
    assert not profile_table(bundle, "01", 2024).empty
