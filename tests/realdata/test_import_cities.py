"""The import command on five real cities (../shared/realdata): mappings/*.toml, joins, city values.

The ``realdata`` fixture skips when the shared data are absent and fails in CI; imports write into tmp_path only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum import load_bundle
from sozialraum.importer import run_import
from sozialraum.importer.mapping import read_mapping
from sozialraum.indicators import METHOD_GIVEN, METHOD_RATIO, city_value

MAPPINGS = Path(__file__).resolve().parents[2] / "mappings"


CITIES = ("berlin2021", "hamburg", "hamburg_excel", "jena", "koeln", "leipzig")


@pytest.fixture(scope="module")
def imported(realdata: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    out = {}
    root = tmp_path_factory.mktemp("import")
    for city in CITIES:
        mapping = read_mapping(MAPPINGS / f"{city}.toml")
        source = realdata / mapping.quelle.name
        report = run_import(MAPPINGS / f"{city}.toml", quelle=source, ziel=root / city)
        out[city] = (report, load_bundle(root / city))
    return out


@pytest.mark.parametrize("city", CITIES)
def test_real_city_loads_without_errors(imported: dict[str, tuple], city: str) -> None:
    report, bundle = imported[city]
    assert bundle.report.errors == [], "\n".join(i.as_text() for i in bundle.report.errors)
    assert report.check is not None and report.check.ok
    assert len(bundle.areas) == report.areas
    assert bundle.areas.crs.to_epsg() == 4326
    assert bundle.areas.geometry.is_valid.all()
    assert bundle.settings.standard_indikator in bundle.catalogue.index
    assert report.values_written > 0


def test_real_berlin_2021(imported: dict[str, tuple]) -> None:
    report, bundle = imported["berlin2021"]
    assert report.areas == 542 and "EPSG:25833" in report.areas_detected
    for year in (2021, 2022, 2023, 2024):
        join = report.join(f"population/berlin-lor-population-{year}-02-t1-planning-areas.csv")
        assert (join.matched, join.area_keys, join.polygons_matched, join.polygons) == (542, 542, 542, 542)
    mss = report.join("mss/berlin-lor-monitoring-social-urban-development-2021-00-2-1.csv")
    assert mss.area_keys == 536 and mss.matched == mss.area_keys and mss.unmatched == []
    assert len(mss.polygons_without) == 542 - mss.area_keys
    assert "10100205 Gewerbegebiet Bitterfelder Straße" in mss.polygons_without
    assert bundle.areas["gebiet_id"].str.fullmatch(r"\d{8}").all() and "01100101" in set(bundle.areas["gebiet_id"])
    value = bundle.values.query("indikator_id == 'transferbezug_anteil' and gebiet_id == '01100101'")["wert"]
    assert value.iloc[0] == pytest.approx(8.04329)
    assert bundle.years == [2021, 2022, 2023, 2024]


def test_real_koeln(imported: dict[str, tuple]) -> None:
    report, bundle = imported["koeln"]
    assert report.areas == 86 and "ohne EPSG-Code" in report.areas_detected
    assert any("202 Marienburg: ungültig" in n for n in report.area_notes)
    join = report.join("bevoelkerung.csv")
    assert (join.matched, join.area_keys, join.polygons_matched, join.polygons) == (86, 86, 86, 86)
    assert len(join.non_area) == 10 and join.non_area[0] == "000 „Stadt Köln“ → gesamt"
    west, south, east, north = bundle.areas.total_bounds
    assert 6.7 < west < east < 7.2 and 50.8 < south < north < 51.1
    assert "Dellbrück" in set(bundle.areas["name"]) and "Neustadt/Süd" in set(bundle.areas["name"])
    assert bundle.years == list(range(2005, 2013))
    city = city_value(bundle.city, "einwohner", 2005)
    assert city == 1023101  # the official row 000
    rate = bundle.city.set_index(["indikator_id", "jahr"]).loc[("migration_anteil", 2012)]
    assert rate["methode"] == METHOD_GIVEN  # city numerator and denominator are given as well


def test_real_hamburg_by_name(imported: dict[str, tuple]) -> None:
    for city in ("hamburg", "hamburg_excel"):
        report, bundle = imported[city]
        join = next(s.join for s in report.sources if s.join is not None)
        assert (join.by, join.matched, join.area_keys, join.table_keys) == ("Name", 95, 99, 107)
        assert sorted(join.unmatched) == [
            "„Kleiner Grasbrook und Steinwerder“",
            "„Moorburg und Altenwerder“",
            "„Neuland und Gut Moor“",
            "„Waltershof und Finkenwerder“",
        ]
        assert (join.polygons_matched, join.polygons) == (95, 104)
        assert "0121 Neuwerk" in join.polygons_without
        # the Bezirk rows 101–107 (four share a name with a Stadtteil) are left out, row 108 is the city
        assert "„Eimsbüttel“ → weggelassen" in join.non_area and "„Hamburg“ → gesamt" in join.non_area
        stadtteil = bundle.areas.loc[bundle.areas["name"] == "Eimsbüttel", "gebiet_id"].iloc[0]
        values = bundle.values
        people = values.loc[(values["indikator_id"] == "bevoelkerung") & (values["gebiet_id"] == stadtteil), "wert"]
        assert len(people) == 1 and people.iloc[0] < 100_000  # the Stadtteil, not the Bezirk (252 340)
        assert city_value(bundle.city, "bevoelkerung", 2013) == 1788994
        saldo = bundle.values.query("indikator_id == 'wanderungssaldo'").set_index("gebiet_id")["wert"]
        assert saldo[bundle.areas.set_index("name").at["Hamburg-Altstadt", "gebiet_id"]] == -23
        assert saldo[bundle.areas.set_index("name").at["Curslack", "gebiet_id"]] == 0  # "-" = nichts vorhanden
    csv_values = (imported["hamburg"][0].ziel / "werte.csv").read_bytes()
    assert (imported["hamburg_excel"][0].ziel / "werte.csv").read_bytes() == csv_values


def test_real_jena(imported: dict[str, tuple]) -> None:
    report, bundle = imported["jena"]
    assert report.areas == 41
    for table in ("hh_priv.csv", "hh_priv_1.csv", "hh_priv_1_60plus.csv"):
        join = report.join(table)
        assert (join.matched, join.table_keys, join.polygons_matched, join.polygons) == (41, 43, 41, 41)
        assert report.source(table).rows_read == 43
        reasons = [d.reason for d in report.source(table).dropped]
        assert "Stichtag 31.12.2017: Spalte ganz leer" in reasons
    assert bundle.years == list(range(2006, 2017))
    assert city_value(bundle.city, "haushalte", 2016) == 61012
    for year in bundle.years:  # the rate is recomputed from counts, never a mean of district rates
        shares = bundle.values.query("indikator_id == 'einpersonen_anteil' and jahr == @year")
        assert city_value(bundle.city, "einpersonen_anteil", year) != pytest.approx(shares["wert"].mean(), abs=0.5)
    methods = set(bundle.city.loc[bundle.city["indikator_id"] == "einpersonen_anteil", "methode"])
    assert methods <= {METHOD_GIVEN, METHOD_RATIO}


def test_real_leipzig_by_name(imported: dict[str, tuple]) -> None:
    report, bundle = imported["leipzig"]
    join = report.join("einwohner.json")
    assert (join.by, join.matched, join.area_keys, join.polygons_matched, join.polygons) == ("Name", 63, 63, 63, 63)
    assert bundle.years == list(range(2000, 2025))
    assert set(bundle.values["indikator_id"]) >= {"einwohner", "frauen", "auslaender", "auslaender_anteil"}
    total_2024 = city_value(bundle.city, "einwohner", 2024)
    assert total_2024 is not None and 600_000 < total_2024 < 650_000
