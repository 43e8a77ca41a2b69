"""Downloads of withheld values: empty number cells, the reason in the row's note, and a metadata line
that explains both; the same rows the on-screen tables mark with "."."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd

from sozialraum.confidentiality import NOTE_CASES, NOTE_SECONDARY
from sozialraum.export import (
    CONFIDENTIALITY_KEY,
    CONFIDENTIALITY_NOTE,
    csv_with_metadata,
    withheld_rows,
    xlsx_with_metadata,
)
from sozialraum.loader import load_bundle
from tests.unit.conftest import VALUES, write_folder

TODAY = date(2026, 11, 26)


def frame_with_withheld_row() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "gebiet": ["Nord", "Mitte"],
            "wert": [31.5, None],
            "fallzahl": [120.0, None],
            "anmerkung": [None, NOTE_CASES],
            "gesperrt": [False, True],
        }
    )


def test_withheld_rows_by_the_flag_alone() -> None:
    """The boolean flag is the only truth: a note that reads like a withheld one does not make a row withheld."""
    frame = pd.DataFrame(
        {
            "anmerkung": [None, NOTE_SECONDARY, "geschätzt", NOTE_CASES],
            "gesperrt": [False, True, False, None],
        }
    )
    assert withheld_rows(frame).tolist() == [False, True, False, False]
    assert not withheld_rows(frame.drop(columns="gesperrt")).any()
    assert withheld_rows(pd.DataFrame({"gesperrt": [True, False]})).tolist() == [True, False]
    assert not withheld_rows(pd.DataFrame({"wert": [None]})).any()  # an empty value alone is not a withheld one


def test_csv_keeps_withheld_values_empty_with_the_reason_and_a_metadata_note() -> None:
    text = csv_with_metadata(frame_with_withheld_row(), {"Quelle": "BA"}, today=TODAY).decode("utf-8-sig")
    assert f"# {CONFIDENTIALITY_KEY}: {CONFIDENTIALITY_NOTE}" in text
    assert f"Mitte;;;{NOTE_CASES}" in text  # empty, not "." (a thousands separator in German CSV)
    assert "Nord;31,5;120,0;" in text
    plain = csv_with_metadata(pd.DataFrame({"gebiet": ["Nord"], "wert": [None]}), {}, today=TODAY)
    assert CONFIDENTIALITY_KEY not in plain.decode("utf-8-sig")


def test_xlsx_number_column_stays_numeric_and_the_note_is_in_the_metadata() -> None:
    data = xlsx_with_metadata({"Werte": frame_with_withheld_row()}, {"Quelle": "BA"}, today=TODAY)
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert pd.api.types.is_float_dtype(sheets["Werte"]["wert"]) and sheets["Werte"]["wert"].isna().tolist() == [
        False,
        True,
    ]
    info = dict(zip(sheets["Metadaten"]["Angabe"], sheets["Metadaten"]["Wert"], strict=True))
    assert info[CONFIDENTIALITY_KEY] == CONFIDENTIALITY_NOTE


def test_loader_output_is_recognised(tmp_path: Path) -> None:
    values = VALUES.replace("02;quote;2024;20,0;200;200;1000;", "02;quote;2024;20,0;2;2;10;")
    bundle = load_bundle(write_folder(tmp_path / "daten", werte_csv=values))
    rows = bundle.values[withheld_rows(bundle.values)]
    assert rows[["gebiet_id", "indikator_id", "jahr"]].values.tolist() == [["02", "quote", 2024]]
    shown = bundle.values[["gebiet_id", "wert", "anmerkung"]]  # without the flag the note only explains
    assert not withheld_rows(shown).any()
