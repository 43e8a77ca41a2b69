"""Aggregation to a stable higher level: sums of counts, rates from summed numerators and denominators.

Why, on real data (Berlin's planning areas of 2020 and 2021 share no ID, their 12 Bezirke are the same):
tests/realdata/test_aggregate_berlin.py.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from sozialraum.aggregate import aggregate_areas, aggregate_values, parents_by_prefix

CATALOGUE = pd.DataFrame(
    {
        "indikator_id": ["einwohner", "alq", "mss"],
        "aggregation": ["summe", "quote", "vorgegeben"],
        "faktor": [None, 100.0, None],
    }
).set_index("indikator_id", drop=False)

PARENTS = {"0101": "01", "0102": "01", "0201": "02", "0202": "02"}


def values(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["gebiet_id", "indikator_id", "jahr", "wert", "zaehler", "nenner"])
    frame["fallzahl"] = frame["zaehler"]
    frame["anmerkung"] = None
    for column in ("wert", "zaehler", "nenner", "fallzahl"):
        frame[column] = frame[column].astype("Float64")
    return frame


KNOWN = values(
    [
        ("0101", "einwohner", 2024, 1000, None, None),
        ("0102", "einwohner", 2024, 3000, None, None),
        ("0201", "einwohner", 2024, 500, None, None),
        ("0202", "einwohner", 2024, 1500, None, None),
        ("0101", "alq", 2024, 10.0, 100, 1000),
        ("0102", "alq", 2024, 2.0, 60, 3000),
        ("0201", "alq", 2024, 20.0, 100, 500),
        ("0202", "alq", 2024, 20.0, 300, 1500),
        ("0101", "mss", 2024, 5.0, None, None),
        ("0102", "mss", 2024, 7.0, None, None),
        ("gesamt", "einwohner", 2024, 6000, None, None),
    ]
)


def test_counts_are_summed_and_rates_recomputed_never_averaged() -> None:
    result = aggregate_values(KNOWN, CATALOGUE, PARENTS)
    table = result.values.set_index(["indikator_id", "gebiet_id"])
    assert table.at[("einwohner", "01"), "wert"] == 4000
    assert table.at[("einwohner", "02"), "wert"] == 2000
    # Bezirk 01: (100 + 60) / (1000 + 3000) = 4 %, not the mean of 10 % and 2 % (6 %)
    assert table.at[("alq", "01"), "wert"] == pytest.approx(4.0)
    assert table.at[("alq", "01"), "zaehler"] == 160 and table.at[("alq", "01"), "nenner"] == 4000
    assert table.at[("alq", "01"), "fallzahl"] == 160
    assert table.at[("alq", "02"), "wert"] == pytest.approx(20.0)
    assert ("mss", "01") not in table.index
    assert any("Indikator mss: nicht aggregiert" in note for note in result.notes)
    assert "gesamt" not in set(result.values["gebiet_id"])
    # the parents add up to the same city total as the children
    assert result.values.query("indikator_id == 'einwohner'")["wert"].sum() == 6000


def test_a_parent_with_a_missing_child_gets_no_value_unless_asked() -> None:
    incomplete = KNOWN[~((KNOWN["gebiet_id"] == "0202") & (KNOWN["indikator_id"] == "einwohner"))]
    strict = aggregate_values(incomplete, CATALOGUE, PARENTS).values.set_index(["indikator_id", "gebiet_id"])
    assert pd.isna(strict.at[("einwohner", "02"), "wert"])
    assert strict.at[("einwohner", "02"), "anmerkung"] == "unvollständig: 1 von 2 Gebieten ohne Wert"
    assert strict.at[("einwohner", "01"), "wert"] == 4000
    lenient = aggregate_values(incomplete, CATALOGUE, PARENTS, complete=False).values
    row = lenient.set_index(["indikator_id", "gebiet_id"]).loc[("einwohner", "02")]
    assert row["wert"] == 500 and "ohne 1 von 2" in row["anmerkung"]


def test_suppressed_children_make_the_parent_incomplete() -> None:
    suppressed = KNOWN.copy()
    suppressed.loc[(suppressed["gebiet_id"] == "0101") & (suppressed["indikator_id"] == "alq"), "zaehler"] = pd.NA
    table = aggregate_values(suppressed, CATALOGUE, PARENTS).values.set_index(["indikator_id", "gebiet_id"])
    assert pd.isna(table.at[("alq", "01"), "wert"])


def test_areas_outside_the_assignment_are_reported() -> None:
    extra = pd.concat([KNOWN, values([("0999", "einwohner", 2024, 5, None, None)])], ignore_index=True)
    result = aggregate_values(extra, CATALOGUE, PARENTS)
    assert any("0999" in note for note in result.notes)
    assert result.values.query("indikator_id == 'einwohner'")["wert"].sum() == 6000


def test_parents_by_prefix_and_dissolved_polygons() -> None:
    assert parents_by_prefix(["01100101", "12601235"], 2) == {"01100101": "01", "12601235": "12"}
    areas = gpd.GeoDataFrame(
        {"gebiet_id": list(PARENTS), "name": list(PARENTS), "einwohner": [1000, 3000, 500, 1500]},
        geometry=[shapely.box(i, 0, i + 1, 1) for i in range(4)],
        crs="EPSG:25833",
    )
    merged = aggregate_areas(areas, PARENTS, names={"01": "Nord", "02": "Süd"}, level="Bezirk")
    assert list(merged["gebiet_id"]) == ["01", "02"] and list(merged["name"]) == ["Nord", "Süd"]
    assert list(merged["einwohner"]) == [4000, 2000]
    assert merged.geometry.area.tolist() == [2.0, 2.0] and set(merged["ebene"]) == {"Bezirk"}
