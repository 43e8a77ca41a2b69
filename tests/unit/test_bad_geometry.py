"""Area files whose coordinates or columns cannot be trusted: refused or repaired, never drawn wrong."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
from pyproj import Transformer

from sozialraum.loader import load_bundle
from sozialraum.settings import REPO_ROOT

from .conftest import SETTINGS, VALUES, areas_geojson, square, write_folder


def errors(bundle) -> str:
    return " | ".join(e.as_text() for e in bundle.report.errors)


def warnings(bundle) -> str:
    return " | ".join(w.as_text() for w in bundle.report.warnings)


def _transformed(geo: dict, epsg: int) -> dict:
    to = Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)
    for feature in geo["features"]:
        ring = feature["geometry"]["coordinates"][0]
        feature["geometry"]["coordinates"] = [[list(to.transform(x, y)) for x, y in ring]]
    return geo


@pytest.mark.parametrize(("epsg", "zone"), [(25832, "UTM Zone 32N"), (25833, "UTM Zone 32N (EPSG:25832) oder 33N")])
def test_projected_coordinates_without_crs_are_refused_naming_the_likely_system(
    tmp_path: Path, epsg: int, zone: str
) -> None:
    bundle = load_bundle(write_folder(tmp_path, gebiete_geojson=_transformed(areas_geojson(), epsg)))
    text = errors(bundle)
    assert "gebiete.geojson" in text and zone in text and "koordinatensystem" in text
    assert bundle.areas.empty  # no map in the wrong place, no crashing page


def test_declared_crs_reprojects_a_file_without_one(tmp_path: Path) -> None:
    settings = SETTINGS + '[daten]\nkoordinatensystem = "EPSG:25832"\n'
    folder = write_folder(tmp_path, gebiete_geojson=_transformed(areas_geojson(), 25832), einstellungen_toml=settings)
    bundle = load_bundle(folder)
    assert bundle.report.errors == []
    west, south, east, north = bundle.areas.total_bounds
    assert west == pytest.approx(12.0, abs=1e-6) and south == pytest.approx(50.0, abs=1e-6)
    assert east == pytest.approx(12.03, abs=1e-6) and north == pytest.approx(50.01, abs=1e-6)


def test_unknown_declared_crs_is_a_settings_error(tmp_path: Path) -> None:
    settings = SETTINGS + '[daten]\nkoordinatensystem = "EPSG:99999999"\n'
    bundle = load_bundle(write_folder(tmp_path, einstellungen_toml=settings))
    assert "einstellungen.toml" in errors(bundle) and "koordinatensystem" in errors(bundle)


def test_swapped_axes_are_refused_with_the_extent(tmp_path: Path) -> None:
    geo = areas_geojson()
    for feature in geo["features"]:
        feature["geometry"]["coordinates"] = [[[y, x] for x, y in feature["geometry"]["coordinates"][0]]]
    bundle = load_bundle(write_folder(tmp_path, gebiete_geojson=geo))
    text = errors(bundle)
    assert "vertauscht" in text and "Länge 50,0000 bis 50,0100" in text and "Breite 12,0000 bis 12,0300" in text
    assert bundle.areas.empty


def test_geometry_outside_the_expected_region_is_a_warning_and_configurable(tmp_path: Path) -> None:
    geo = areas_geojson()
    for i, feature in enumerate(geo["features"]):
        feature["geometry"] = square(-3.7 + i * 0.01, 40.4)  # Madrid
    bundle = load_bundle(write_folder(tmp_path / "a", gebiete_geojson=geo))
    assert "außerhalb des erwarteten Gebiets" in warnings(bundle) and "Länge -3,7000 bis -3,6700" in warnings(bundle)
    assert len(bundle.areas) == 3
    settings = SETTINGS + "[karte]\nerwartetes_gebiet = [-10.0, 35.0, 4.0, 44.0]\n"
    bundle = load_bundle(write_folder(tmp_path / "b", gebiete_geojson=geo, einstellungen_toml=settings))
    assert "außerhalb" not in warnings(bundle)


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("01;einwohner;2024;-500;;;;", "wert"),
        ("01;quote;2024;12,0;120;-120;1000;", "zaehler"),
        ("01;quote;2024;12,0;120;120;-1000;", "nenner"),
        ("01;quote;2024;12,0;-120;120;1000;", "fallzahl"),
        ("01;quote;2024;120,0;120;120;100;", "wert"),
    ],
)
def test_negative_counts_and_rates_out_of_range_are_errors(tmp_path: Path, line: str, column: str) -> None:
    key = ";".join(line.split(";")[:3]) + ";"
    values = "\n".join(line if x.startswith(key) else x for x in VALUES.splitlines()) + "\n"
    bundle = load_bundle(write_folder(tmp_path, werte_csv=values))
    text = errors(bundle)
    assert "werte.csv" in text and f"Spalte „{column}“" in text, text
    gebiet, indikator, jahr = line.split(";")[:3]
    rows = bundle.values[(bundle.values["gebiet_id"] == gebiet) & (bundle.values["indikator_id"] == indikator)]
    assert int(jahr) not in set(rows["jahr"])  # the bad row is left out, not published


_HEADER = (
    "indikator_id;name;kurzname;einheit;thema;polaritaet;definition;quelle;datenstand;dezimalstellen;"
    "handlungsfeld_id;min_fallzahl;aggregation;faktor;wertebereich_min;wertebereich_max\n"
)


def _ranged(name: str, unit: str, agg: str, value: str, low: str = "", high: str = "") -> tuple[str, str]:
    """Catalogue with one indicator `x` and its declared range, and werte.csv with one row of it."""
    row = f"x;{name};{name};{unit};Bevölkerung;neutral;D;Amt;31.12.2024;1;;;{agg};;{low};{high}\n"
    return _HEADER + row, f"gebiet_id;indikator_id;jahr;wert;fallzahl;zaehler;nenner;anmerkung\n01;x;2024;{value};;;;\n"


@pytest.mark.parametrize(
    ("name", "unit", "agg", "value", "low", "high", "expected"),
    [
        # a summed balance is negative only when declared; its name alone proves nothing
        ("Wanderungssaldo", "Personen", "summe", "-5", "", "", "erwartet: 0 oder mehr"),
        ("Wanderungssaldo", "Personen", "summe", "-5", "offen", "", None),
        ("Einwohner", "Personen", "summe", "-5", "offen", "", None),
        # a declared rate range replaces the open default
        ("Quote", "je 1.000 Einw.", "quote", "1200", "0", "1000", "erwartet: zwischen 0 und 1000"),
        ("Quote", "je 1.000 Einw.", "quote", "-5", "", "", None),
        ("Quote", "je 1.000 Einw.", "quote", "-5", "-3", "offen", "erwartet: -3 oder mehr"),
        # a change in % declares that it may be negative
        ("Veränderung", "%", "vorgegeben", "-5", "", "", "erwartet: zwischen 0 und 100"),
        ("Veränderung", "%", "vorgegeben", "-5", "-100", "offen", None),
        ("Anteil", "%", "vorgegeben", "40", "", "30", "erwartet: zwischen 0 und 30"),
    ],
)
def test_values_lie_in_the_declared_range_of_their_indicator(
    tmp_path: Path, name: str, unit: str, agg: str, value: str, low: str, high: str, expected: str | None
) -> None:
    catalogue, values = _ranged(name, unit, agg, value, low, high)
    bundle = load_bundle(write_folder(tmp_path, indikatoren_csv=catalogue, werte_csv=values))
    text = errors(bundle)
    published = bundle.values[bundle.values["indikator_id"] == "x"]
    if expected is None:
        assert text == "" and float(published["wert"].iloc[0]) == float(value)
    else:
        assert "werte.csv, Zeile 2, Spalte „wert“" in text and expected in text, text
        assert f"„{float(value):g}".replace(".", ",") in text
        assert published.empty


def test_a_range_whose_minimum_lies_above_its_maximum_is_a_catalogue_error(tmp_path: Path) -> None:
    catalogue, values = _ranged("Quote", "je 1.000 Einw.", "quote", "5", "10", "1")
    bundle = load_bundle(write_folder(tmp_path, indikatoren_csv=catalogue, werte_csv=values))
    text = errors(bundle)
    assert "indikatoren.csv, Zeile 2, Spalte „wertebereich_min“" in text and "Minimum ≤ Maximum" in text, text
    assert "x" not in set(bundle.catalogue.index)


def test_a_range_limit_that_is_no_number_is_named(tmp_path: Path) -> None:
    catalogue, values = _ranged("Quote", "je 1.000 Einw.", "quote", "5", "nie")
    bundle = load_bundle(write_folder(tmp_path, indikatoren_csv=catalogue, werte_csv=values))
    assert "„wertebereich_min“" in errors(bundle) and "„offen“ für keine Untergrenze" in errors(bundle)


def _hierarchy_shapefile(folder: Path) -> None:
    rows = [("A", "Bezirk", None, 3000), ("A1", "Teil", "A", 1500), ("A2", "Teil", "A", 1500)]
    frame = gpd.GeoDataFrame(
        {
            "gebiet_id": [r[0] for r in rows],
            "name": [r[0] for r in rows],
            "ebene": [r[1] for r in rows],
            "uebergeordnet": [r[2] for r in rows],
            "einwohner": [r[3] for r in rows],
        },
        geometry=[_poly(i) for i in range(3)],
        crs="EPSG:4326",
    )
    folder.mkdir(parents=True, exist_ok=True)
    with pytest.warns(UserWarning):  # GDAL cuts the column name and says so
        frame.to_file(folder / "gebiete.shp")


def _poly(i: int):
    from shapely.geometry import shape

    return shape(square(12 + i * 0.01, 50))


SHP_SETTINGS = SETTINGS + '[daten]\ngebiete = "gebiete.shp"\n'
NO_PLAN: dict = {"gebiete_geojson": None, "massnahmen_csv": None, "massnahmen_verlauf_csv": None}
SHP_VALUES = (
    "gebiet_id;indikator_id;jahr;wert;fallzahl;zaehler;nenner;anmerkung\n"
    "A;einwohner;2024;3000;;;;\nA1;einwohner;2024;1500;;;;\nA2;einwohner;2024;1500;;;;\n"
)


def test_shapefile_truncated_parent_column_keeps_the_hierarchy(tmp_path: Path) -> None:
    folder = tmp_path / "shp"
    _hierarchy_shapefile(folder)
    bundle = load_bundle(write_folder(folder, einstellungen_toml=SHP_SETTINGS, werte_csv=SHP_VALUES, **NO_PLAN))
    assert bundle.report.errors == [], errors(bundle)
    teil, _ = bundle.levels["Teil"]
    assert dict(zip(teil["gebiet_id"], teil["uebergeordnet"], strict=True)) == {"A1": "A", "A2": "A"}
    assert any("uebergeord" in k for k in bundle.report.detected)


def test_a_lost_hierarchy_is_an_error_and_keeps_only_the_first_level(tmp_path: Path) -> None:
    folder = tmp_path / "shp"
    _hierarchy_shapefile(folder)
    settings = SHP_SETTINGS + 'spalten = { uebergeord = "unbenutzt" }\n'  # maps the parent column away
    bundle = load_bundle(write_folder(folder, einstellungen_toml=settings, werte_csv=SHP_VALUES, **NO_PLAN))
    assert "Ebenenstruktur fehlt" in errors(bundle) and "gebiete.shp" in errors(bundle)
    assert list(bundle.areas["gebiet_id"]) == ["A"] and not bundle.levels


def test_settings_may_map_columns(tmp_path: Path) -> None:
    geo = areas_geojson()
    for feature in geo["features"]:
        feature["properties"]["bez"] = feature["properties"].pop("name")
    settings = SETTINGS + '[daten]\nspalten = { bez = "name" }\n'
    bundle = load_bundle(write_folder(tmp_path, gebiete_geojson=geo, einstellungen_toml=settings))
    assert bundle.report.errors == [] and list(bundle.areas["name"]) == ["Nord", "Mitte", "Süd"]


def test_check_command_reports_projected_coordinates(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, gebiete_geojson=_transformed(areas_geojson(), 25832))
    done = subprocess.run(
        [sys.executable, "-m", "sozialraum", "check", str(folder)], capture_output=True, text=True, cwd=REPO_ROOT
    )
    assert done.returncode != 0 and "UTM Zone 32N" in done.stdout and "Traceback" not in done.stderr


def test_facilities_in_metres_without_crs_are_refused(tmp_path: Path) -> None:
    to = Transformer.from_crs("EPSG:4326", "EPSG:25833", always_xy=True)
    point = {"type": "Point", "coordinates": list(to.transform(12.01, 50.005))}
    facilities = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": {"name": "Kita", "art": "Kita"}, "geometry": point}],
    }
    folder = write_folder(tmp_path)
    (folder / "einrichtungen.geojson").write_text(json.dumps(facilities), encoding="utf-8")
    bundle = load_bundle(folder)
    assert "einrichtungen.geojson" in errors(bundle) and "UTM Zone 32N (EPSG:25832) oder 33N" in errors(bundle)
    assert bundle.facilities is None
