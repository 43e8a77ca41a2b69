"""The map's second, machine-readable download: unrounded values, clearly named, for the internal view only,
and as withholding-safe as the page (a withheld value stays empty and is flagged)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sozialraum.export import csv_with_metadata
from sozialraum.loader import load_bundle
from sozialraum.mapview import MapOptions, precise_table, view_table
from tests.app.test_modes import as_user, internal_mode, run_page, tiny_public  # noqa: F401  (fixtures)
from tests.unit.conftest import VALUES, write_folder

PAGE = "pages/1_Karte.py"
LABEL = "Werte ungerundet herunterladen (CSV, maschinenlesbar)"
# 01: 1/3 of 900 → 33.333…%; 02: 2 cases, withheld
ODD = VALUES.replace("01;quote;2024;12,0;120;120;1000;", "01;quote;2024;33,3333333;300;300;900;").replace(
    "02;quote;2024;20,0;200;200;1000;", "02;quote;2024;20,0;2;2;10;"
)


def _labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_the_precise_table_keeps_the_digits_the_page_rounds_and_withholds_the_same(tmp_path: Path) -> None:
    bundle = load_bundle(write_folder(tmp_path / "d", werte_csv=ODD))
    options = MapOptions("werte", 2024)
    precise = precise_table(bundle, "quote", options).set_index("gebiet_id")
    shown = view_table(bundle, "quote", options, ["gebiet_id", "wert", "differenz"]).set_index("gebiet_id")
    assert shown.at["01", "wert"] == 33.3 and abs(precise.at["01", "wert"] - 33.3333333) < 1e-9
    assert abs(precise.at["01", "differenz"] - (precise.at["01", "wert"] - precise.at["01", "stadt"])) < 1e-9
    assert pd.isna(precise.at["02", "wert"]) and bool(precise.at["02", "gesperrt"])
    assert pd.isna(precise.at["02", "rang"]) and not precise["gesperrt"].drop("02").any()
    text = csv_with_metadata(precise.reset_index(), {}).decode("utf-8-sig")
    assert "33,3333333" in text and "# Geheimhaltung:" in text


def test_the_internal_view_offers_it(internal_mode: Path) -> None:  # noqa: F811
    planner = as_user(PAGE, "anna")
    assert not planner.exception, planner.exception
    assert LABEL in _labels(planner)
    assert "Tabelle als CSV herunterladen" in _labels(planner)  # the rounded file stays the first one
    assert any("gesperrte Werte bleiben leer" in c.value for c in planner.caption)


def test_the_public_map_has_no_unrounded_download(tiny_public: Path) -> None:  # noqa: F811
    at = run_page(PAGE)
    assert not at.exception, at.exception
    labels = _labels(at)
    assert "Tabelle als CSV herunterladen" in labels and LABEL not in labels
