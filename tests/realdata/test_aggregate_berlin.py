"""Aggregation on Berlin's real data: the planning areas of 2020 and 2021 share no ID, but their 12 Bezirke
are the same, so a Bezirk series runs across the boundary change."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sozialraum.aggregate import aggregate_values, parents_by_prefix
from tests.unit.test_aggregate import values

# --- Berlin: 2020 (old planning areas) and 2021 (new) on the stable Bezirk level ---------------

POPULATION = "berlin/population/berlin-lor-population-{year}-02-t1-planning-areas.csv"


def _population(realdata: Path, year: int) -> pd.DataFrame:
    raw = pd.read_csv(realdata / POPULATION.format(year=year), dtype={"id": str})
    rows = []
    for row in raw.itertuples():
        rows.append((row.id, "einwohner", year, row.inhabitants, None, None))
        rows.append((row.id, "auslaender_anteil", year, None, row.inhabitants_foreigners, row.inhabitants))
    return values(rows)


def test_berlin_bezirk_series_runs_across_the_2021_boundary_change(realdata: Path) -> None:
    catalogue = pd.DataFrame(
        {"indikator_id": ["einwohner", "auslaender_anteil"], "aggregation": ["summe", "quote"], "faktor": [None, 100]}
    ).set_index("indikator_id", drop=False)
    old, new = _population(realdata, 2020), _population(realdata, 2021)
    old_ids, new_ids = set(old["gebiet_id"]), set(new["gebiet_id"])
    assert len(old_ids) == 448 and len(new_ids) == 542 and not old_ids & new_ids  # no planning area survives
    bezirke = {}
    for year, frame, ids in ((2020, old, old_ids), (2021, new, new_ids)):
        result = aggregate_values(frame, catalogue, parents_by_prefix(ids, 2))  # one assignment per version
        people = result.values.query("indikator_id == 'einwohner'").set_index("gebiet_id")["wert"]
        assert list(people.index) == [f"{b:02d}" for b in range(1, 13)]
        assert people.sum() == frame.query("indikator_id == 'einwohner'")["wert"].sum()  # nothing lost
        rates = result.values.query("indikator_id == 'auslaender_anteil'").set_index("gebiet_id")
        children = frame.query("indikator_id == 'auslaender_anteil'")
        mitte = children[children["gebiet_id"].str.startswith("01")]
        assert rates.at["01", "wert"] == pytest.approx(mitte["zaehler"].sum() / mitte["nenner"].sum() * 100)
        bezirke[year] = people
    change = (bezirke[2021] - bezirke[2020]).abs() / bezirke[2020]
    assert (change < 0.03).all()  # a continuous series, although every planning area changed
