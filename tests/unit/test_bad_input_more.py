"""More of the corpus of messy inputs (session 3): what spreadsheets and scripts write instead of a number,
and the row of a feature in the area file."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.loader import load_bundle

from .conftest import VALUES, areas_geojson, write_folder


@pytest.mark.parametrize("text", ["NaN", "nan", "inf", "-Infinity", "1_000"])
def test_what_python_reads_as_a_number_but_no_planner_writes_is_an_error(tmp_path: Path, text: str) -> None:
    """pandas/numpy exports write NaN for a missing value; read as a number it became an empty value
    without a line in the report."""
    bundle = load_bundle(write_folder(tmp_path / "d", werte_csv=VALUES.replace(";12,0;", f";{text};", 1)))
    issue = next(e for e in bundle.report.errors if e.file == "werte.csv")
    assert (issue.row, issue.column, issue.value) == (5, "wert", text)
    assert issue.message == "Erwartet wird eine Zahl (z. B. 31,5)."


def test_a_feature_without_id_is_named_by_its_number_in_the_file(tmp_path: Path) -> None:
    """Row of a feature = its number (1, 2, …), as in every other message about the area file."""
    geo = areas_geojson()
    geo["features"][0]["properties"]["gebiet_id"] = None
    geo["features"][2]["geometry"] = {"type": "Point", "coordinates": [12.0, 50.0]}
    bundle = load_bundle(write_folder(tmp_path / "d", gebiete_geojson=geo))
    rows = {(e.column, e.row) for e in bundle.report.errors if e.file == "gebiete.geojson"}
    assert ("gebiet_id", 1) in rows and ("geometry", 3) in rows
