"""Real-data converters: Jena (statistical districts) and Berlin 2021 (LOR planning areas).

Every test converts into tmp_path: the real data and their derivatives are never committed.
Tests that need ``../shared/realdata`` use the ``realdata`` fixture (skip when absent, fail in CI).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from sozialraum import Bundle, load_bundle
from sozialraum.indicators import METHOD_GIVEN, METHOD_RATIO, city_value
from sozialraum.realdata import ConversionReport, convert_berlin_2021, convert_jena

JENA_TABLES = ("hh_priv.csv", "hh_priv_1.csv", "hh_priv_1_60plus.csv")
MSS_TABLE = "berlin-lor-monitoring-social-urban-development-2021-00-2-1.csv"


@pytest.fixture(scope="module")
def jena(realdata: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[ConversionReport, Bundle]:
    target = tmp_path_factory.mktemp("realdata") / "jena"
    report = convert_jena(realdata / "jena", target)
    return report, load_bundle(target)


def _official_total(realdata: Path, file: str) -> pd.Series:
    raw = pd.read_csv(realdata / "jena" / file, dtype={"statistischer_Bezirk_Nr": str})
    row = raw[raw["statistischer_Bezirk_Nr"] == "0"].iloc[0]
    return pd.Series({int(c[-4:]): row[c] for c in raw.columns[2:] if pd.notna(row[c])})


def test_jena_areas_and_join(jena: tuple[ConversionReport, Bundle]) -> None:
    report, bundle = jena
    assert report.areas == 41
    assert len(bundle.areas) == 41
    for table in JENA_TABLES:
        stats = report.join(table)
        assert (stats.matched, stats.table_ids) == (41, 43)
        assert (stats.polygons_matched, stats.polygons) == (41, 41)
        assert set(stats.unmatched_ids) == {"0", "999"}
        assert report.rows_read[table] == 43
    excluded = {ids for d in report.dropped for ids in d.ids}
    assert {"0", "999"} <= excluded
    assert any("31.12.2017" in d.reason for d in report.dropped)
    text = report.as_text()
    assert "999" in text and "31.12.2017" in text and "41/43" in text


def test_jena_loads_without_errors(jena: tuple[ConversionReport, Bundle]) -> None:
    _, bundle = jena
    assert bundle.report.errors == [], "\n".join(i.as_text() for i in bundle.report.errors)
    assert bundle.years == list(range(2006, 2017))
    assert bundle.report.detected["gebiete.geojson"].startswith("41 Flächen, Koordinatensystem EPSG:4326")
    assert "the_geom" not in bundle.areas.columns
    west, south, east, north = bundle.areas.total_bounds
    assert 11.4 < west < east < 11.8 and 50.8 < south < north < 51.0
    assert bundle.settings.stadt_name == "Jena" and not bundle.settings.beispieldaten
    assert bundle.settings.standard_indikator == "einpersonen_anteil"
    assert bundle.catalogue.at["einpersonen_anteil", "aggregation"] == "quote"


def test_jena_city_households_are_the_official_total(realdata: Path, jena: tuple[ConversionReport, Bundle]) -> None:
    _, bundle = jena
    official = _official_total(realdata, "hh_priv.csv")
    assert list(official.index) == list(range(2006, 2017))
    for year, total in official.items():
        assert city_value(bundle.city, "haushalte", year) == total
        districts = bundle.values.query("indikator_id == 'haushalte' and jahr == @year")["wert"].sum()
        assert districts == total  # checked in the report as well
    methods = bundle.city.loc[bundle.city["indikator_id"] == "haushalte", "methode"]
    assert set(methods) == {METHOD_GIVEN}


def test_jena_share_city_value_is_ratio_of_sums_not_mean(jena: tuple[ConversionReport, Bundle]) -> None:
    _, bundle = jena
    for year in bundle.years:
        shares = bundle.values.query("indikator_id == 'einpersonen_anteil' and jahr == @year")
        ones = bundle.values.query("indikator_id == 'einpersonen_haushalte' and jahr == @year")["wert"].sum()
        alls = bundle.values.query("indikator_id == 'haushalte' and jahr == @year")["wert"].sum()
        city = city_value(bundle.city, "einpersonen_anteil", year)
        assert city == pytest.approx(ones / alls * 100)
        assert abs(city - shares["wert"].mean()) > 0.5  # the unweighted mean would be clearly wrong
    methods = bundle.city.loc[bundle.city["indikator_id"] == "einpersonen_anteil", "methode"]
    assert set(methods) == {METHOD_RATIO}


def test_jena_report_notes_total_differences(jena: tuple[ConversionReport, Bundle]) -> None:
    report, _ = jena
    notes = "\n".join(report.notes)
    assert "hh_priv.csv: amtliche Gesamtzahl (Nr 0) = Summe" in notes
    assert "hh_priv_1_60plus.csv: amtliche Gesamtzahl (Nr 0) weicht" in notes


# --- Berlin 2021 ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def berlin(realdata: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[ConversionReport, Bundle]:
    target = tmp_path_factory.mktemp("realdata") / "berlin2021"
    report = convert_berlin_2021(realdata / "berlin", target)
    return report, load_bundle(target)


def test_berlin_areas_reprojected_from_25833(berlin: tuple[ConversionReport, Bundle]) -> None:
    report, bundle = berlin
    assert report.areas == 542
    assert len(bundle.areas) == 542
    assert "EPSG:25833, umgerechnet nach WGS84" in bundle.report.detected["gebiete.gpkg"]
    assert bundle.areas.crs.to_epsg() == 4326
    west, south, east, north = bundle.areas.total_bounds
    assert 13.0 < west < east < 13.8 and 52.3 < south < north < 52.7
    assert "01100101" in set(bundle.areas["gebiet_id"])
    assert bundle.areas["gebiet_id"].str.fullmatch(r"\d{8}").all()
    assert (bundle.areas["einwohner"].notna() | bundle.areas["einwohner_gesperrt"]).all()
    assert bundle.areas["einwohner_gesperrt"].any() and bundle.areas["einwohner"].min() >= 300  # small: withheld


def test_berlin_loads_without_errors(berlin: tuple[ConversionReport, Bundle]) -> None:
    _, bundle = berlin
    assert bundle.report.errors == [], "\n".join(i.as_text() for i in bundle.report.errors)
    assert bundle.years == [2021, 2022, 2023, 2024]
    assert bundle.settings.gebiete_datei == "gebiete.gpkg"


def test_berlin_mss_join_is_complete(berlin: tuple[ConversionReport, Bundle]) -> None:
    report, bundle = berlin
    stats = report.join(MSS_TABLE)
    assert stats.table_ids == 536
    assert stats.matched == stats.table_ids and stats.unmatched_ids == ()
    uninhabited = set(stats.polygons_without_rows)
    assert len(uninhabited) == 542 - stats.table_ids
    assert "10100205" in uninhabited  # Gewerbegebiet Bitterfelder Straße
    assert "10100205" in "\n".join(report.notes)
    mss = bundle.values[bundle.values["indikator_id"] == "transferbezug_anteil"]
    assert len(mss) == stats.table_ids
    assert uninhabited.isdisjoint(mss["gebiet_id"])
    assert mss.loc[mss["gebiet_id"] == "01100101", "wert"].iloc[0] == pytest.approx(8.04329)


def test_berlin_population_joins_fully_and_has_trends(berlin: tuple[ConversionReport, Bundle]) -> None:
    report, bundle = berlin
    for year in (2021, 2022, 2023, 2024):
        stats = report.join(f"berlin-lor-population-{year}-02-t1-planning-areas.csv")
        assert (stats.matched, stats.polygons_matched) == (542, 542)
    population = bundle.values[bundle.values["indikator_id"] == "einwohner"]
    assert population.groupby("jahr").size().to_dict() == {2021: 542, 2022: 542, 2023: 542, 2024: 542}
    # areas below 300 inhabitants are withheld on display, but the city total still counts them
    published = population.query("jahr == 2021")["wert"].sum()
    raw = gpd.read_file(bundle.folder / bundle.settings.gebiete_datei)  # the bundle holds published figures only
    withheld = raw.loc[raw["einwohner"] < 300, "einwohner"].sum()
    assert withheld > 0
    assert city_value(bundle.city, "einwohner", 2021) == published + withheld
    foreigners = bundle.city[bundle.city["indikator_id"] == "auslaender_anteil"]
    assert list(foreigners["jahr"]) == [2021, 2022, 2023, 2024]
    assert set(foreigners["methode"]) == {METHOD_RATIO}


def test_berlin_mss_has_no_invented_city_value(berlin: tuple[ConversionReport, Bundle]) -> None:
    _, bundle = berlin
    for indikator in ("arbeitslose_anteil", "transferbezug_anteil", "transferbezug_u15_anteil"):
        assert city_value(bundle.city, indikator, 2021) is None
        assert any(indikator in w.message and "Gesamtstadtwert" in w.message for w in bundle.report.warnings)


def test_berlin_duplicate_name_joined_by_id(berlin: tuple[ConversionReport, Bundle]) -> None:
    report, bundle = berlin
    twins = bundle.areas[bundle.areas["name"] == "Schloßstraße"]
    assert len(twins) == 2 and twins["gebiet_id"].nunique() == 2
    values = bundle.values[(bundle.values["indikator_id"] == "transferbezug_anteil")]
    twin_values = values[values["gebiet_id"].isin(twins["gebiet_id"])]
    assert len(twin_values) == 2 and twin_values["wert"].nunique() == 2
    assert "Schloßstraße" in "\n".join(report.notes)


def test_berlin_settings_name_the_licence(berlin: tuple[ConversionReport, Bundle]) -> None:
    _, bundle = berlin
    assert bundle.settings.lizenz_kurz == "CC BY 3.0 DE"
    assert bundle.settings.stadt_name == "Berlin"
    assert bundle.catalogue.at["transferbezug_anteil", "polaritaet"] == "hoeher_schlechter"
