"""Primary and secondary suppression on small fixtures with known answers."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from sozialraum import load_bundle
from sozialraum.confidentiality import (
    NOTE_CASES,
    NOTE_POPULATION,
    NOTE_SECONDARY,
    build_equations,
    city_totals_to_withhold,
    suppress_small_cells,
)
from sozialraum.settings import Settings

from .conftest import areas_geojson, write_folder

CATALOGUE = pd.DataFrame(
    {
        "indikator_id": ["faelle", "quote", "einwohner", "maennlich", "weiblich"],
        "aggregation": ["summe", "quote", "summe", "summe", "summe"],
        "min_fallzahl": [3, 3, 3, 3, 3],
    }
).set_index("indikator_id", drop=False)


def areas(*rows: tuple[str, str, int]) -> gpd.GeoDataFrame:
    """(gebiet_id, uebergeordnet, einwohner) rows; geometry is irrelevant here."""
    return gpd.GeoDataFrame(
        {
            "gebiet_id": [r[0] for r in rows],
            "uebergeordnet": [r[1] or None for r in rows],
            "einwohner": [r[2] for r in rows],
        }
    )


def cells(*rows: tuple) -> pd.DataFrame:
    """(gebiet_id, indikator_id, wert[, fallzahl]) rows of one year."""
    frame = pd.DataFrame(
        {
            "gebiet_id": [r[0] for r in rows],
            "indikator_id": [r[1] for r in rows],
            "jahr": 2024,
            "wert": [float(r[2]) for r in rows],
            "fallzahl": [float(r[3]) if len(r) > 3 and r[3] is not None else None for r in rows],
            "zaehler": None,
            "nenner": None,
            "anmerkung": None,
        }
    )
    for column in ("wert", "fallzahl", "zaehler", "nenner"):
        frame[column] = frame[column].astype("Float64")
    return frame


def withheld(result: pd.DataFrame) -> set[tuple[str, str]]:
    return {(r.gebiet_id, r.indikator_id) for r in result.itertuples() if r.gesperrt}


def run(values: pd.DataFrame, area_frame: gpd.GeoDataFrame, **settings: object) -> pd.DataFrame:
    return suppress_small_cells(values, area_frame, CATALOGUE, Settings(**settings))  # type: ignore[arg-type]


FLAT = areas(("A", "", 1000), ("B", "", 1000), ("C", "", 1000), ("D", "", 1000))


def test_one_small_count_takes_the_next_smallest_with_it() -> None:
    # city total 39 is published: without a second cell, A = 39 - 10 - 7 - 20 = 2
    values = cells(("A", "faelle", 2, 2), ("B", "faelle", 10, 10), ("C", "faelle", 7, 7), ("D", "faelle", 20, 20))
    result = run(values, FLAT)
    assert withheld(result) == {("A", "faelle"), ("C", "faelle")}
    notes = dict(zip(result["gebiet_id"], result["anmerkung"], strict=True))
    assert notes["A"] == NOTE_CASES and notes["C"] == NOTE_SECONDARY
    assert result.loc[result["gebiet_id"] == "C", "wert"].isna().all()
    assert result.loc[result["gebiet_id"] == "B", "wert"].iloc[0] == 10


def test_two_small_counts_protect_each_other() -> None:
    values = cells(("A", "faelle", 2, 2), ("B", "faelle", 1, 1), ("C", "faelle", 7, 7), ("D", "faelle", 20, 20))
    assert withheld(run(values, FLAT)) == {("A", "faelle"), ("B", "faelle")}


def test_rates_are_not_complemented_against_the_city_ratio() -> None:
    values = cells(("A", "quote", 0.2, 2), ("B", "quote", 10, 100), ("C", "quote", 7, 70), ("D", "quote", 20, 200))
    assert withheld(run(values, FLAT)) == {("A", "quote")}


def test_small_area_population_withholds_all_its_values_and_a_complement_per_count() -> None:
    area_frame = areas(("A", "", 120), ("B", "", 1000), ("C", "", 1000))
    values = cells(
        ("A", "einwohner", 120),
        ("B", "einwohner", 1000),
        ("C", "einwohner", 900),
        ("A", "quote", 5, 6),
        ("B", "quote", 4, 40),
        ("C", "quote", 3, 27),
    )
    result = run(values, area_frame)
    assert withheld(result) == {("A", "einwohner"), ("C", "einwohner"), ("A", "quote")}
    assert set(result.loc[result["gebiet_id"] == "A", "anmerkung"]) == {NOTE_POPULATION}


HIERARCHY = areas(
    ("P", "", 5000),
    ("Q", "", 5000),
    ("R", "", 200),
    ("p1", "P", 1000),
    ("p2", "P", 2000),
    ("p3", "P", 2000),
    ("q1", "Q", 2500),
    ("q2", "Q", 2500),
)


def test_a_small_part_of_a_district_takes_its_smallest_sibling_also_for_rates() -> None:
    # Bezirk P's case count 15 is published: p1 = 15 - 9 - 4 without a complement
    values = cells(
        ("P", "quote", 1.5, 15),
        ("p1", "quote", 0.2, 2),
        ("p2", "quote", 0.9, 9),
        ("p3", "quote", 0.4, 4),
        ("Q", "quote", 1.0, 50),
        ("q1", "quote", 1.0, 25),
        ("q2", "quote", 1.0, 25),
    )
    assert withheld(run(values, HIERARCHY)) == {("p1", "quote"), ("p3", "quote")}


def test_secondary_suppression_cascades_down_the_hierarchy() -> None:
    # R (200 inhabitants) is withheld; the city total makes Q (smaller than P) a complement;
    # Q = q1 + q2 then makes the smaller of its parts a complement too
    values = cells(
        ("P", "faelle", 40),
        ("Q", "faelle", 30),
        ("R", "faelle", 5),
        ("p1", "faelle", 10),
        ("p2", "faelle", 15),
        ("p3", "faelle", 15),
        ("q1", "faelle", 12),
        ("q2", "faelle", 18),
    )
    assert withheld(run(values, HIERARCHY)) == {("R", "faelle"), ("Q", "faelle"), ("q1", "faelle")}


def test_a_withheld_district_with_published_parts_takes_a_part() -> None:
    values = cells(("P", "faelle", 40), ("p1", "faelle", 10), ("p2", "faelle", 15), ("p3", "faelle", 15))
    area_frame = areas(("P", "", 250), ("p1", "P", 1000), ("p2", "P", 1000), ("p3", "P", 1000))
    # P alone at the top has no published sibling (city_totals_to_withhold covers that), but its
    # parts would add up to it
    assert withheld(run(values, area_frame)) == {("P", "faelle"), ("p1", "faelle")}


def test_a_single_part_withholds_its_total() -> None:
    area_frame = areas(("P", "", 5000), ("Q", "", 5000), ("p1", "P", 100))
    values = cells(("P", "faelle", 40), ("Q", "faelle", 60), ("p1", "faelle", 40))
    # p1 = P: P must go, and then the city total needs Q to go too
    assert withheld(run(values, area_frame)) == {("p1", "faelle"), ("P", "faelle"), ("Q", "faelle")}


def test_declared_breakdown_protects_its_parts() -> None:
    values = cells(
        ("A", "einwohner", 1000),
        ("A", "maennlich", 2, 2),
        ("A", "weiblich", 998),
        ("B", "einwohner", 1000),
        ("B", "maennlich", 500),
        ("B", "weiblich", 500),
        ("C", "einwohner", 900),
        ("C", "maennlich", 450),
        ("C", "weiblich", 450),
    )
    result = run(values, FLAT.iloc[:3], aufgliederungen={"einwohner": ["maennlich", "weiblich"]})
    # A's men: withheld (2 cases); A's women would give them away (1000 - 998), the city total of
    # men needs C's men (the smallest), and C's women follow from C's total: the classic rectangle
    assert withheld(result) == {("A", "maennlich"), ("A", "weiblich"), ("C", "maennlich"), ("C", "weiblich")}


def test_without_a_breakdown_setting_only_the_city_sum_counts() -> None:
    values = cells(("A", "maennlich", 2, 2), ("A", "weiblich", 998), ("B", "maennlich", 500), ("B", "weiblich", 500))
    assert withheld(run(values, FLAT.iloc[:2])) == {("A", "maennlich"), ("B", "maennlich")}


def test_equations_name_the_sums() -> None:
    values = cells(("P", "faelle", 40), ("p1", "faelle", 10), ("Q", "faelle", 60))
    labels = [e.label for e in build_equations(values, HIERARCHY, CATALOGUE)]
    assert labels == ["faelle 2024: Gesamtstadt", "faelle 2024: P"]


def test_city_total_of_a_single_withheld_area_is_named() -> None:
    values = cells(("A", "faelle", 2, 2))
    result = run(values, FLAT.iloc[:1])
    assert city_totals_to_withhold(result, FLAT.iloc[:1], CATALOGUE) == {("faelle", 2024)}
    two = run(cells(("A", "faelle", 2, 2), ("B", "faelle", 9, 9)), FLAT.iloc[:2])
    assert city_totals_to_withhold(two, FLAT.iloc[:2], CATALOGUE) == set()


def test_missing_values_neither_protect_nor_are_chosen() -> None:
    values = cells(("A", "faelle", 2, 2), ("B", "faelle", 10, 10), ("C", "faelle", 7, 7))
    values.loc[values["gebiet_id"] == "C", ["wert", "fallzahl"]] = pd.NA
    assert withheld(run(values, FLAT.iloc[:3])) == {("A", "faelle"), ("B", "faelle")}


def test_loaded_folder_withholds_a_complement_for_the_city_sum(tmp_path: Path) -> None:
    geo = areas_geojson()
    geo["features"][1]["properties"]["einwohner"] = 120  # Mitte below 300 inhabitants
    bundle = load_bundle(write_folder(tmp_path, gebiete_geojson=geo))
    values = bundle.values
    einwohner = values[values["indikator_id"] == "einwohner"].set_index("gebiet_id")
    assert list(einwohner["gesperrt"]) == [True, True, False]  # 01 (1000, smaller than 03) goes with 02
    assert einwohner.at["01", "anmerkung"] == NOTE_SECONDARY and pd.isna(einwohner.at["01", "wert"])
    quote = values[(values["indikator_id"] == "quote") & values["gesperrt"]]
    assert set(quote["gebiet_id"]) == {"02"}  # rates: no complement against the city ratio


@pytest.mark.parametrize("year", [2023, 2024])
def test_suppressed_values_do_not_survive_anywhere_in_the_row(tmp_path: Path, year: int) -> None:
    from .conftest import VALUES

    lines = [f"01;quote;{year};0,2;2;2;1000;" if x.startswith(f"01;quote;{year};") else x for x in VALUES.splitlines()]
    text = "\n".join(lines)
    bundle = load_bundle(write_folder(tmp_path, werte_csv=text + "\n"))
    row = bundle.values[(bundle.values["gebiet_id"] == "01") & (bundle.values["jahr"] == year)]
    row = row[row["indikator_id"] == "quote"].iloc[0]
    assert row["gesperrt"] and all(pd.isna(row[c]) for c in ("wert", "fallzahl", "zaehler", "nenner"))


def test_withheld_numbers_are_gone_from_memory_not_only_flagged() -> None:
    """pandas' `mask` keeps a masked number in the array's memory, and Arrow (Streamlit's table
    format) sends that memory to the browser: the withheld number must not be in any buffer."""
    import struct

    import pyarrow as pa

    values = cells(("A", "faelle", 7391846, 2), ("B", "faelle", 4826153, 10), ("C", "faelle", 9573128, 20))
    result = run(values, FLAT.iloc[:3])
    assert withheld(result) == {("A", "faelle"), ("B", "faelle")}
    for column in ("wert", "fallzahl"):
        memory = b"".join(b.to_pybytes() for b in pa.array(result[column]).buffers() if b is not None)
        for secret in (7391846.0, 4826153.0, 2.0 if column == "fallzahl" else 7391846.0):
            assert struct.pack("<d", secret) not in memory, (column, secret)
    assert str(result["wert"].dtype) == "Float64"
