"""Withheld values on screen: tables show the official sign "." (not "–" or an empty cell) with the
key nearby, metric cards say "keine Angabe"; read from what Streamlit sends to the browser (the
Styler's display values and the grid's placeholder for empty cells), not from the frame in memory."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from components.views import TABLE_KEY
from sozialraum import auth
from sozialraum.confidentiality import SIGN
from sozialraum.formatting import DASH
from sozialraum.settings import DATA_DIR_ENV
from tests.app.test_pages import run_page
from tests.unit.conftest import VALUES, write_folder

NOTE = "Geheimhaltung: Fallzahl zu klein"
# Mitte's rate in 2024 rests on 2 cases (below 3); Nord's population count for 2025 on 2 cases, the
# only area with a 2025 count, so the loader also withholds the city's 2025 total
WITHHELD_VALUES = VALUES.replace("02;quote;2024;20,0;200;200;1000;", "02;quote;2024;20,0;2;2;10;") + (
    "01;einwohner;2025;2;2;;;\n"
)


def displayed(at: AppTest, index: int = 0) -> pd.DataFrame:
    """The cell texts of the `index`-th table as the browser gets them."""
    styler = at.dataframe[index].proto.arrow_data.styler
    return pa.ipc.open_stream(styler.display_values).read_all().to_pandas()


def table_app(frame: pd.DataFrame, decimals: dict[str, int], withheld: object = None) -> AppTest:
    def script(frame, decimals, withheld):  # no annotations: AppTest runs the source without this module's imports
        from components.views import show_table

        show_table(frame, decimals, withheld, hide_index=True)

    return AppTest.from_function(script, args=(frame, decimals, withheld), default_timeout=30).run()


def test_withheld_row_shows_the_sign_and_the_key() -> None:
    frame = pd.DataFrame(
        {
            "name": ["Nord", "Mitte", "Süd"],
            "wert": [1234.5, None, None],
            "rang": pd.array([1, None, None], dtype="Int64"),
            "anmerkung": [None, NOTE, None],
        }
    )
    # the note alone only explains: without the flag the empty cells are missing values ("–")
    assert displayed(table_app(frame, {"wert": 1}))["wert"].tolist() == ["1.234,5", DASH, DASH]
    at = table_app(frame, {"wert": 1}, pd.Series([False, True, False]))
    assert not at.exception, at.exception
    shown = displayed(at)
    # "." = unknown or withheld (official sign) for every empty number cell of the table; the note says which
    assert shown["wert"].tolist() == ["1.234,5", SIGN, SIGN]
    assert shown["rang"].tolist() == ["1", SIGN, SIGN]
    assert shown["anmerkung"].tolist() == ["", NOTE, ""]
    assert at.dataframe[0].proto.placeholder == SIGN  # what the grid draws in empty cells
    assert [c.value for c in at.caption] == [TABLE_KEY + " Gesperrte Werte nennen den Grund in der Spalte „Anmerkung“."]


def test_gesperrt_column_marks_rows_and_numbers_stay_numbers() -> None:
    frame = pd.DataFrame({"name": ["Nord", "Mitte"], "wert": [3.0, None], "gesperrt": [False, True]})
    at = table_app(frame, {"wert": 2})
    assert displayed(at)["wert"].tolist() == ["3,00", SIGN]
    assert at.dataframe[0].value["wert"].isna().tolist() == [False, True]  # sorting still on numbers


def test_cell_mask_for_a_wide_table() -> None:
    wide = pd.DataFrame({"Gebiet": ["Nord", "Mitte"], "2023": [10.0, None], "2024": [None, None]})
    marked = table_app(wide, {"2023": 1, "2024": 1}, pd.DataFrame({"2024": [False, True]}))
    assert displayed(marked)["2024"].tolist() == [SIGN, SIGN]
    assert [c.value for c in marked.caption] == [TABLE_KEY]
    unmarked = table_app(wide, {"2023": 1, "2024": 1}, pd.DataFrame({"2024": [False, False]}))
    assert displayed(unmarked)["2024"].tolist() == ["–", "–"]


def test_nothing_withheld_no_key() -> None:
    at = table_app(pd.DataFrame({"name": ["Nord"], "wert": [None], "anmerkung": ["geschätzt"]}), {"wert": 1})
    assert displayed(at)["wert"].tolist() == ["–"]
    assert at.dataframe[0].proto.placeholder == "–"
    assert not at.caption


@pytest.fixture
def withheld_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = write_folder(tmp_path / "gesperrt", werte_csv=WITHHELD_VALUES)
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    monkeypatch.setenv(auth.MODE_ENV, "oeffentlich")
    return folder


def test_map_page_table_shows_the_sign(withheld_folder: Path) -> None:
    at = run_page("pages/1_Karte.py", indikator="quote", jahr="2024")
    assert not at.exception, at.exception
    shown = displayed(at)
    mitte = shown[shown["name"] == "Mitte"].iloc[0]
    assert mitte["wert"] == SIGN and mitte["anmerkung"] == NOTE
    assert (shown[shown["name"] != "Mitte"]["wert"] != SIGN).all()
    assert any(c.value.startswith(TABLE_KEY) for c in at.caption)


def test_city_metric_says_keine_angabe_for_a_withheld_city_total(withheld_folder: Path) -> None:
    at = run_page("app.py")
    assert not at.exception, at.exception
    cards = {m.label: m.value for m in at.metric}
    assert cards.get("Einw. 2025") == SIGN, cards  # not silently the 2024 value
    assert "Einw. 2024" not in cards


def test_map_page_grid_draws_the_sign(withheld_folder: Path) -> None:
    at = run_page("pages/1_Karte.py", indikator="quote", jahr="2024")
    assert at.dataframe[0].proto.placeholder == SIGN


def test_map_change_view_names_the_withheld_year(withheld_folder: Path) -> None:
    at = run_page("pages/1_Karte.py", indikator="quote", jahr="2024", ansicht="veraenderung", von="2023")
    assert not at.exception, at.exception
    shown = displayed(at).set_index("name")
    # Mitte's 2023 value is published, its 2024 value and so its change are not
    assert shown.loc["Mitte", ["wert_start", "wert_ende", "wert"]].tolist() == ["30,0", SIGN, SIGN]
    assert shown.loc["Mitte", "anmerkung"] == f"{NOTE} (2024)"
    assert shown.loc["Nord", "wert"] == "2,0" and shown.loc["Nord", "anmerkung"] == ""
    assert at.dataframe[0].proto.placeholder == SIGN
    assert any(c.value.startswith(TABLE_KEY) for c in at.caption)


def test_ranking_table_marks_the_withheld_value(withheld_folder: Path) -> None:
    at = run_page("pages/8_Vergleich.py", indikator="quote", jahr="2024")
    assert not at.exception, at.exception
    mitte = displayed(at).set_index("Gebiet").loc["Mitte"]
    assert SIGN in mitte.tolist()
    assert mitte["anmerkung"] == NOTE and at.dataframe[0].proto.placeholder == SIGN


def test_trend_tables_mark_the_withheld_cell(withheld_folder: Path) -> None:
    at = run_page("pages/2_Entwicklung.py", indikator="quote")
    assert not at.exception, at.exception
    shown = displayed(at).set_index("Gebiet")
    assert shown.loc["Mitte", "2024"] == SIGN and shown.loc["Mitte", "2023"] == "30,0"
    assert shown.loc["Nord", "2024"] == "12,0"
    assert at.dataframe[0].proto.placeholder == SIGN
    # Nord's 2025 count is withheld (and with it the city total); Mitte has none: with a withheld cell in
    # the table every empty number cell reads "." (keine Angabe: unknown or withheld)
    at = run_page("pages/2_Entwicklung.py", indikator="einwohner")
    assert not at.exception, at.exception
    shown = displayed(at).set_index("Gebiet")
    assert shown.loc["Nord", "2025"] == SIGN and shown.loc["Mitte", "2025"] == SIGN
    assert shown.loc["Nord", "2024"] == "1.000"
    assert at.dataframe[0].proto.placeholder == SIGN


def test_profile_table_shows_the_sign_with_the_note(withheld_folder: Path) -> None:
    at = run_page("pages/5_Steckbrief.py", gebiet="02", jahr="2024")
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "bewertung" in d.value.columns)
    row = table.set_index("name").loc["SGB-II-Quote"]
    assert row["wert"] == SIGN and row["rang"] == SIGN and row["Anmerkung"] == NOTE


def test_side_by_side_table_marks_the_withheld_value(withheld_folder: Path) -> None:
    at = run_page("pages/8_Vergleich.py", indikator="quote", jahr="2024", vergleich="Nebeneinander", gebiete="02,01")
    assert not at.exception, at.exception
    tables = [d.value for d in at.dataframe if "Indikator" in d.value.columns and "Mitte" in d.value.columns]
    assert tables, "no side-by-side table"
    row = tables[0].set_index("Indikator").loc["SGB-II-Quote"]
    assert row["Mitte"] == SIGN and row["Nord"] == "12,0"
    assert any("Geheimhaltung" in c.value or "keine Angabe" in c.value.lower() for c in at.caption)
