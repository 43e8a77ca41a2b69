"""Berlin across the 2021 boundary change: mappings/berlin.toml on the real data (../shared/realdata).

The import writes into tmp_path only. The ``realdata`` fixture skips when the shared data are absent
(fresh clone) and fails under CI=true. Known sums are computed here straight from the raw CSV files.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sozialraum import load_bundle
from sozialraum.importer import run_import
from sozialraum.indicators import city_value
from sozialraum.levels import bundle_versions, counterparts, level_for_year

MAPPING = Path(__file__).resolve().parents[2] / "mappings" / "berlin.toml"
OLD, NEW = "Planungsraum (bis 2020)", "Planungsraum (ab 2021)"
POPULATION = "population/berlin-lor-population-{year}-02-t1-planning-areas.csv"


@pytest.fixture(scope="module")
def berlin(realdata: Path, tmp_path_factory: pytest.TempPathFactory):
    target = tmp_path_factory.mktemp("berlin") / "berlin"
    report = run_import(MAPPING, quelle=realdata / "berlin", ziel=target)
    return report, load_bundle(target), realdata / "berlin"


def raw_population(source: Path, year: int) -> pd.DataFrame:
    frame = pd.read_csv(source / POPULATION.format(year=year), dtype={"id": str})
    frame["bezirk"] = frame["id"].str[:2]
    return frame


def test_both_versions_and_the_bezirke(berlin) -> None:
    report, bundle, _ = berlin
    assert bundle.report.errors == [], "\n".join(i.as_text() for i in bundle.report.errors)
    counts = {v.level: v.count for v in bundle_versions(bundle, NEW)}
    # 447 published planning areas until 2018; the geometry of 2019–2020 has 448 (09041403 was added),
    # one of them under the duplicated id 06010102 in the source, corrected to 04030417
    assert counts == {OLD: 448, NEW: 542}
    assert bundle.main_level == "Bezirk" and len(bundle.areas) == 12
    old = bundle.levels[OLD][0].set_index("gebiet_id")
    assert old.at["04030417", "name"] == "Schloßstraße" and old.at["06010102", "name"] == "Schloßstraße"
    assert "Kennung 06010102 → 04030417" in report.as_text()


def test_each_year_joins_its_own_geometry(berlin) -> None:
    report, bundle, _ = berlin
    for year, polygons in ((2019, 448), (2020, 448), (2021, 542), (2024, 542)):
        join = report.join(POPULATION.format(year=year))
        assert (join.matched, join.area_keys, join.polygons) == (polygons, polygons, polygons)
    mss = report.join("mss/berlin-lor-monitoring-social-urban-development-2019-00-2-1.csv")
    assert (mss.matched, mss.area_keys, mss.polygons) == (447, 447, 448)
    assert mss.polygons_without == ["09041403 Allende II"]
    values = {name: frame for name, (_, frame) in bundle.levels.items()}
    assert set(values[OLD]["jahr"]) == {2019, 2020} and set(values[NEW]["jahr"]) == {2021, 2022, 2023, 2024}
    mss_2019 = values[OLD][(values[OLD]["indikator_id"] == "transferbezug_anteil") & (values[OLD]["jahr"] == 2019)]
    assert len(mss_2019) == 447
    assert level_for_year(bundle, NEW, 2019) == OLD and level_for_year(bundle, OLD, 2021) == NEW


def test_bezirk_values_continue_across_the_change_with_known_sums(berlin) -> None:
    _, bundle, source = berlin
    bezirk = bundle.values.set_index(["gebiet_id", "indikator_id", "jahr"])
    for year in (2019, 2020, 2021, 2024):
        raw = raw_population(source, year)
        sums = raw.groupby("bezirk")[["inhabitants", "inhabitants_foreigners"]].sum()
        for district, row in sums.iterrows():
            assert bezirk.at[(district, "einwohner", year), "wert"] == row["inhabitants"]
            share = row["inhabitants_foreigners"] / row["inhabitants"] * 100  # ratio of sums, never a mean
            assert bezirk.at[(district, "auslaender_anteil", year), "wert"] == pytest.approx(share)
        assert city_value(bundle.city, "einwohner", year) == raw["inhabitants"].sum()
    assert bezirk.at[("01", "einwohner", 2020), "anmerkung"] == f"aggregiert aus {OLD}"
    assert bezirk.at[("01", "einwohner", 2021), "anmerkung"] == f"aggregiert aus {NEW}"
    # Mitte: 2020 on 448 old, 2021 on 542 new planning areas, one unbroken series
    assert bezirk.at[("01", "einwohner", 2020), "wert"] == 383_360
    assert bezirk.at[("01", "einwohner", 2021), "wert"] == 385_692


def test_bezirk_sums_match_the_published_district_figures(berlin) -> None:
    """The MSS 2021 district table (data of 31.12.2020) publishes each Bezirk's inhabitants: the sums
    of the 448 old planning areas for 2020 must equal them exactly."""
    _, bundle, source = berlin
    table = source / "mss/berlin-lor-monitoring-social-urban-development-2021-00-2-3.csv"
    published = pd.read_csv(table, dtype={"id": str}).set_index("id")["inhabitants"]
    ours = bundle.values[(bundle.values["indikator_id"] == "einwohner") & (bundle.values["jahr"] == 2020)]
    assert ours.set_index("gebiet_id")["wert"].astype(float).sort_index().to_dict() == published.sort_index().to_dict()


def test_unchanged_planning_areas_are_linked_one_to_one(berlin) -> None:
    _, bundle, _ = berlin
    levels = {name: areas for name, (areas, _) in bundle.levels.items()}
    new = levels[NEW].set_index("gebiet_id")
    assert new.at["01100101", "vorgaenger"] == "01011101"  # Stülerstraße
    assert counterparts(levels, NEW, "01100101") == [("01011101", OLD)]
    assert new["vorgaenger"].notna().sum() == 313
