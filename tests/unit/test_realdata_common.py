"""Helpers of the real-data converters, tested without real data (the conversions: tests/realdata/)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from sozialraum.datafolder import atomic_folder, format_number, toml_text, write_values
from sozialraum.realdata.common import join_stats


def test_format_number_writes_decimal_comma_without_noise() -> None:
    assert format_number(61012) == "61012"
    assert format_number(61012.0) == "61012"
    assert format_number(31.5) == "31,5"
    assert format_number(1 / 3) == "0,333333"
    assert format_number(float("nan")) == ""
    assert format_number(None) == ""


def test_join_stats_counts_both_directions() -> None:
    stats = join_stats("t.csv", ["0", "11", "12", "999"], ["11", "12", "13"])
    assert (stats.matched, stats.table_ids, stats.polygons_matched, stats.polygons) == (2, 4, 2, 3)
    assert stats.unmatched_ids == ("0", "999")
    assert stats.polygons_without_rows == ("13",)
    assert "2/4 Tabellenzeilen" in stats.as_text()


def test_toml_text_round_trips_quotes_and_umlauts() -> None:
    sections = {"stadt": {"name": 'Jena "Saale" – Zwätzen'}, "daten": {"beispieldaten": False, "jahr": 2016}}
    assert tomllib.loads(toml_text(sections)) == sections


def test_atomic_folder_leaves_nothing_half_written(tmp_path: Path) -> None:
    target = tmp_path / "ziel"
    with atomic_folder(target) as work:
        (work / "a.txt").write_text("alt", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_folder(target) as work:
        (work / "a.txt").write_text("halb", encoding="utf-8")
        raise RuntimeError("abgebrochen")
    assert (target / "a.txt").read_text(encoding="utf-8") == "alt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ziel"]


def test_written_values_load_with_leading_zeros(tmp_path: Path) -> None:
    frame = pd.DataFrame({"gebiet_id": ["01"], "indikator_id": ["x"], "jahr": [2021], "wert": [12.5]})
    write_values(frame, tmp_path / "werte.csv")
    lines = (tmp_path / "werte.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["gebiet_id;indikator_id;jahr;wert;fallzahl;zaehler;nenner;anmerkung", "01;x;2021;12,5;;;;"]


# --- Jena ----------------------------------------------------------------------------------
