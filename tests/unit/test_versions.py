"""Geometry versions: two versions of a small-area level under one stable parent level.

Bezirk "1" (parent, no validity) holds version A (areas a1, a2, valid until 2020) and version B
(areas b1, b2, b3, valid from 2021); b1 continues a1 one to one (`vorgaenger`), a2 was split.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum import load_bundle
from sozialraum.indicators import city_value
from sozialraum.levels import (
    bundle_versions,
    counterparts,
    level_for_year,
    linked_series,
    linked_trend,
    series_names,
    span_text,
    switch_sentence,
)

from .conftest import square, write_folder

OLD, NEW = "Teilraum (bis 2020)", "Teilraum (ab 2021)"
CATALOGUE = (
    "indikator_id;name;kurzname;einheit;thema;polaritaet;definition;quelle;datenstand;"
    "dezimalstellen;handlungsfeld_id;min_fallzahl;aggregation;faktor\n"
    "quote;Quote;Quote;%;Soziale Lage;hoeher_schlechter;Anteil;BA;31.12.2024;1;;0;quote;100\n"
    "einwohner;Einwohner;Einw.;Personen;Bevölkerung;neutral;Anzahl;Melderegister;31.12.2024;0;;0;summe;\n"
    "anteil;Anteil;Anteil;%;Soziale Lage;neutral;Anteil;MSS;31.12.2024;1;;0;vorgegeben;\n"
)


def _feature(gid: str, name: str, level: str, x: float, **extra: object) -> dict:
    properties = {"gebiet_id": gid, "name": name, "ebene": level, "einwohner": 1000, **extra}
    return {"type": "Feature", "properties": properties, "geometry": square(12 + x, 50)}


def versioned_areas() -> dict:
    features = [
        _feature("1", "Bezirk Eins", "Bezirk", 0, uebergeordnet=""),
        _feature("a1", "Alt Nord", OLD, 0, uebergeordnet="1", gueltig_bis=2020),
        _feature("a2", "Alt Süd", OLD, 0.01, uebergeordnet="1", gueltig_bis=2020),
        _feature("b1", "Neu Nord", NEW, 0, uebergeordnet="1", gueltig_ab=2021, vorgaenger="a1"),
        _feature("b2", "Neu Süd-West", NEW, 0.01, uebergeordnet="1", gueltig_ab=2021, vorgaenger="a2"),
        _feature("b3", "Neu Süd-Ost", NEW, 0.02, uebergeordnet="1", gueltig_ab=2021, vorgaenger="a2"),
    ]
    return {"type": "FeatureCollection", "features": features}


VALUES = (
    "gebiet_id;indikator_id;jahr;wert;fallzahl;zaehler;nenner;anmerkung\n"
    "a1;einwohner;2020;1000;;;;\n"
    "a2;einwohner;2020;3000;;;;\n"
    "b1;einwohner;2021;1100;;;;\n"
    "b2;einwohner;2021;1500;;;;\n"
    "b3;einwohner;2021;1600;;;;\n"
    "a1;quote;2020;10;100;100;1000;\n"
    "a2;quote;2020;20;600;600;3000;\n"
    "b1;quote;2021;10;110;110;1100;\n"
    "b2;quote;2021;20;300;300;1500;\n"
    "b3;quote;2021;25;400;400;1600;\n"
    "a1;anteil;2020;5;;;;\n"
)


@pytest.fixture
def versioned(tmp_path: Path):
    return load_bundle(write_folder(tmp_path / "d", gebiete_geojson=versioned_areas(), indikatoren_csv=CATALOGUE,
                                    werte_csv=VALUES, massnahmen_csv=None, massnahmen_verlauf_csv=None))  # fmt: skip


def test_versions_are_levels_with_their_own_areas_and_years(versioned) -> None:
    assert versioned.report.ok, versioned.report.as_text()
    assert versioned.main_level == "Bezirk"
    series = bundle_versions(versioned, NEW)
    assert [(v.level, v.count, span_text(v.span)) for v in series] == [(OLD, 2, "bis 2020"), (NEW, 3, "ab 2021")]
    assert versioned.at_level(OLD).years == [2020] and versioned.at_level(NEW).years == [2021]
    assert bundle_versions(versioned, "Bezirk")[0].span == (None, None)  # the stable level is no version


def test_year_chooses_the_version_valid_then(versioned) -> None:
    assert level_for_year(versioned, NEW, 2019) == OLD
    assert level_for_year(versioned, NEW, 2021) == NEW
    assert level_for_year(versioned, OLD, 2024) == NEW
    assert level_for_year(versioned, "Bezirk", 2019) == "Bezirk"
    sentence = switch_sentence(versioned, NEW, OLD, 2019)
    assert sentence.startswith("Für 2019 gilt die Gebietsversion „Teilraum (bis 2020)“ mit 2 Gebieten")
    assert sentence.count(".") == 1 and sentence.endswith(".")


def test_parent_values_are_aggregated_from_both_versions(versioned) -> None:
    bezirk = versioned.values.set_index(["indikator_id", "jahr"])
    assert bezirk.loc[("einwohner", 2020), "wert"] == 4000
    assert bezirk.loc[("einwohner", 2021), "wert"] == 4200
    # a rate from numerators and denominators: (100 + 600) / 4000, not the mean of 10 and 20
    assert bezirk.loc[("quote", 2020), "wert"] == pytest.approx(17.5)
    assert bezirk.loc[("quote", 2021), "wert"] == pytest.approx(810 / 4200 * 100)
    assert bezirk.loc[("quote", 2021), "anmerkung"] == f"aggregiert aus {NEW}"
    assert ("anteil", 2020) not in bezirk.index  # given shares are never averaged
    assert city_value(versioned.city, "einwohner", 2020) == 4000  # city from the stable main level


def test_only_one_to_one_links_connect_a_series(versioned) -> None:
    levels = {name: areas for name, (areas, _) in versioned.levels.items()}
    assert counterparts(levels, NEW, "b1") == [("a1", OLD)]
    assert counterparts(levels, OLD, "a1") == [("b1", NEW)]
    assert counterparts(levels, NEW, "b2") == []  # a2 was split: no continuous series
    assert counterparts(levels, OLD, "a2") == []


def test_value_outside_the_validity_of_its_area_is_an_error(tmp_path: Path) -> None:
    values = VALUES + "b1;einwohner;2019;900;;;;\nb1;einwohner;2018;800;;;;\n"
    bundle = load_bundle(write_folder(tmp_path / "d", gebiete_geojson=versioned_areas(), indikatoren_csv=CATALOGUE,
                                      werte_csv=values, massnahmen_csv=None, massnahmen_verlauf_csv=None))  # fmt: skip
    errors = [e for e in bundle.report.errors if e.file == "werte.csv"]
    assert len(errors) == 1
    assert (errors[0].row, errors[0].column, errors[0].value) == (13, "jahr", "2019")
    assert "Gebiet b1 gilt nur ab 2021" in errors[0].message and "2 Zeilen" in errors[0].message
    assert 2019 not in bundle.at_level(NEW).years


def test_backwards_validity_is_an_error(tmp_path: Path) -> None:
    areas = versioned_areas()
    areas["features"][1]["properties"].update(gueltig_ab=2021, gueltig_bis=2020)
    bundle = load_bundle(write_folder(tmp_path / "d", gebiete_geojson=areas, indikatoren_csv=CATALOGUE,
                                      werte_csv=VALUES, massnahmen_csv=None, massnahmen_verlauf_csv=None))  # fmt: skip
    assert any(e.column == "gueltig_bis" and e.row == 2 for e in bundle.report.errors)


def shared_id_folder(tmp_path: Path, overlap: bool = False) -> Path:
    areas = versioned_areas()
    old_c = _feature("c", "Ecke", OLD, 0.03, uebergeordnet="1", gueltig_bis=2021 if overlap else 2020)
    new_c = _feature("c", "Ecke (größer)", NEW, 0.03, uebergeordnet="1", gueltig_ab=2021)
    new_c["geometry"] = square(12.03, 50, size=0.02)  # same id, changed boundary
    areas["features"] += [old_c, new_c]
    values = VALUES + "c;einwohner;2020;500;;;;\nc;einwohner;2021;650;;;;\n"
    return write_folder(tmp_path / "d", gebiete_geojson=areas, indikatoren_csv=CATALOGUE, werte_csv=values,
                        massnahmen_csv=None, massnahmen_verlauf_csv=None)  # fmt: skip


def test_one_id_may_serve_two_versions_with_separate_years(tmp_path: Path) -> None:
    bundle = load_bundle(shared_id_folder(tmp_path))
    assert bundle.report.ok, bundle.report.as_text()
    old, new = bundle.at_level(OLD).values, bundle.at_level(NEW).values
    assert list(old.loc[old["gebiet_id"] == "c", "jahr"]) == [2020]  # each value on the version of its year
    assert list(new.loc[new["gebiet_id"] == "c", "jahr"]) == [2021]
    bezirk = bundle.values.set_index(["indikator_id", "jahr"])["wert"]
    assert (bezirk[("einwohner", 2020)], bezirk[("einwohner", 2021)]) == (4500, 4850)
    levels = {name: areas for name, (areas, _) in bundle.levels.items()}
    assert counterparts(levels, NEW, "c") == [("c", OLD)]
    linked = linked_series(bundle, NEW, ["c", "b2"])
    assert linked.keys == [f"c|{NEW}", f"c|{OLD}", f"b2|{NEW}"] and linked.linked
    trend = linked_trend(bundle, linked, "einwohner")
    assert trend.groupby("gebiet_id")["jahr"].apply(list).to_dict() == {
        f"c|{NEW}": [2021], f"c|{OLD}": [2020], f"b2|{NEW}": [2021], "gesamt": [2020, 2021],
    }  # fmt: skip
    assert series_names(bundle, linked)[f"c|{OLD}"] == "Ecke (bis 2020)"


def test_one_id_in_overlapping_versions_is_a_duplicate(tmp_path: Path) -> None:
    bundle = load_bundle(shared_id_folder(tmp_path, overlap=True))
    errors = [e for e in bundle.report.errors if e.column == "gebiet_id"]
    assert len(errors) == 1 and errors[0].row == 8 and errors[0].message.startswith("Doppelter Eintrag")
