from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sozialraum import Bundle, load_bundle
from sozialraum.indicators import METHOD_RATIO, METHOD_SUM, city_value

from .conftest import CATALOGUE, MEASURES, VALUES, write_folder


def messages(bundle) -> list[str]:
    return [i.as_text() for i in bundle.report.issues]


def test_valid_folder_loads_without_errors(valid_folder: Path) -> None:
    bundle = load_bundle(valid_folder)
    assert bundle.report.errors == [], messages(bundle)
    assert list(bundle.areas["gebiet_id"]) == ["01", "02", "03"]  # leading zeros kept
    assert len(bundle.values) == 9
    assert bundle.years == [2023, 2024]
    assert len(bundle.plan.measures) == 2


def test_city_value_is_ratio_of_sums_not_mean_of_rates(valid_folder: Path) -> None:
    bundle = load_bundle(valid_folder)
    # (100 + 300 + 1000) / (1000 + 1000 + 2000) = 35 %, while the mean of the rates would be 30 %
    assert city_value(bundle.city, "quote", 2023) == pytest.approx(35.0)
    assert city_value(bundle.city, "einwohner", 2024) == 4000
    methods = dict(zip(bundle.city["indikator_id"], bundle.city["methode"], strict=False))
    assert methods["quote"] == METHOD_RATIO and methods["einwohner"] == METHOD_SUM


def test_explicit_city_row_wins(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, werte_csv=VALUES + "gesamt;quote;2023;33,3;;;;amtlich\n")
    bundle = load_bundle(folder)
    assert city_value(bundle.city, "quote", 2023) == pytest.approx(33.3)
    assert "gesamt" not in set(bundle.values["gebiet_id"])


def test_windows_1252_comma_separated_with_decimal_point(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    text = CATALOGUE.replace(";", ",").replace("Bevölkerung", "Bevölkerung")
    (folder / "indikatoren.csv").write_bytes(text.encode("cp1252"))
    bundle = load_bundle(folder)
    assert bundle.report.errors == [], messages(bundle)
    assert bundle.catalogue.at["einwohner", "thema"] == "Bevölkerung"
    assert "Windows-1252" in bundle.report.detected["indikatoren.csv"]
    assert "Komma" in bundle.report.detected["indikatoren.csv"]


def test_utf8_bom_is_detected(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    (folder / "werte.csv").write_bytes(b"\xef\xbb\xbf" + VALUES.encode("utf-8"))
    bundle = load_bundle(folder)
    assert bundle.report.errors == []
    assert "BOM" in bundle.report.detected["werte.csv"]
    assert "Dezimalkomma" in bundle.report.detected["werte.csv"]


@pytest.mark.parametrize(
    ("file", "content", "expected"),
    [
        (
            "werte_csv",
            VALUES + "01;quote;2022;abc;;;;\n",
            "werte.csv, Zeile 11, Spalte „wert“: Erwartet wird eine Zahl",
        ),
        ("werte_csv", VALUES + "01;quote;2023;11,0;;;;\n", "werte.csv, Zeile 11: Doppelter Eintrag"),
        ("werte_csv", VALUES + "99;quote;2023;11,0;;;;\n", "Werte für ein Gebiet ohne Fläche"),
        ("werte_csv", VALUES + "01;gibtsnicht;2023;11,0;;;;\n", "Unbekannter Indikator"),
        (
            "werte_csv",
            VALUES + "01;quote;2020;140,0;;;;\n",
            "außerhalb des Wertebereichs; erwartet: zwischen 0 und 100",
        ),
        ("werte_csv", VALUES + "01;quote;1800;10,0;;;;\n", "Spalte „jahr“: Wert zwischen 1990 und 2100 erwartet"),
        ("werte_csv", VALUES + "01;quote;32.13.2022;10,0;;;;\n", "ein Jahr wie 2024"),
        ("indikatoren_csv", CATALOGUE.replace("hoeher_schlechter", "schlecht"), "Erlaubt sind: hoeher_besser"),
        (
            "indikatoren_csv",
            CATALOGUE.replace(";31.12.2024;1;1", ";;1;1"),
            "Warnung: indikatoren.csv, Zeile 2, Spalte „datenstand“",
        ),
        ("massnahmen_csv", MEASURES.replace("in Umsetzung;50", "fertig;50"), "Spalte „status“: Erlaubt sind: geplant"),
        (
            "massnahmen_csv",
            MEASURES.replace("in Umsetzung;50", "in Umsetzung;150"),
            "Spalte „fortschritt“: Wert zwischen 0 und 100",
        ),
        (
            "massnahmen_csv",
            MEASURES.replace("01.01.2024;31.12.2025", "01.01.2024;31.12.2023"),
            "Ende liegt vor dem Beginn",
        ),
        ("massnahmen_csv", MEASURES.replace(";01|03;", ";01|77;"), "Unbekannte Gebiete"),
        ("massnahmen_csv", MEASURES.replace("1.1.2;1.1;", "1.1.2;9.9;"), "Unbekanntes Ziel"),
        (
            "massnahmen_csv",
            MEASURES.replace("01.06.2026;01|03", "01.06.2926;01|03"),
            "Spalte „stand“: Erwartet wird ein Datum",
        ),
        (
            "massnahmen_csv",
            MEASURES.replace("01.06.2026;01|03", "2026/06/01;01|03"),
            "Spalte „stand“: Erwartet wird ein Datum",
        ),
    ],
)
def test_broken_input_gets_specific_german_message(tmp_path: Path, file: str, content: str, expected: str) -> None:
    bundle = load_bundle(write_folder(tmp_path, **{file: content}))
    assert any(expected in text for text in messages(bundle)), messages(bundle)


def test_history_out_of_order_and_unknown_measure(tmp_path: Path) -> None:
    history = (
        "massnahme_id;datum;status;fortschritt;notiz\n"
        "1.1.1;01.03.2024;in Umsetzung;20;\n"
        "1.1.1;01.01.2024;geplant;0;\n"
        "9.9.9;01.01.2024;geplant;0;\n"
    )
    bundle = load_bundle(write_folder(tmp_path, massnahmen_verlauf_csv=history))
    texts = messages(bundle)
    assert any("Zeile 3, Spalte „datum“: Einträge nicht in zeitlicher Reihenfolge" in t for t in texts), texts
    assert any("Zeile 4, Spalte „massnahme_id“: Unbekannte Maßnahme" in t for t in texts), texts
    assert len(bundle.plan.history) == 1  # the good row is kept


def test_missing_required_column_is_named(tmp_path: Path) -> None:
    bundle = load_bundle(write_folder(tmp_path, werte_csv=VALUES.replace("indikator_id", "indikator")))
    assert any("Pflichtspalte „indikator_id“ fehlt" in t for t in messages(bundle))


def test_errors_keep_the_rest_usable(tmp_path: Path) -> None:
    bundle = load_bundle(write_folder(tmp_path, werte_csv=VALUES + "01;quote;2022;abc;;;;\n"))
    assert len(bundle.report.errors) == 1
    assert len(bundle.values) == 9


def test_projected_geometry_is_reprojected(tmp_path: Path) -> None:
    import geopandas as gpd

    folder = write_folder(tmp_path)
    frame = gpd.read_file(folder / "gebiete.geojson").to_crs("EPSG:25833")
    (folder / "gebiete.geojson").unlink()
    frame.to_file(folder / "gebiete.gpkg", driver="GPKG")
    settings = (folder / "einstellungen.toml").read_text() + '[daten]\ngebiete = "gebiete.gpkg"\n'
    (folder / "einstellungen.toml").write_text(settings)
    bundle = load_bundle(folder)
    assert bundle.report.errors == [], messages(bundle)
    assert "EPSG:25833" in bundle.report.detected["gebiete.gpkg"]
    minx, miny, _, _ = bundle.areas.total_bounds
    assert 11.9 < minx < 12.1 and 49.9 < miny < 50.1


def test_invalid_geometry_is_repaired_and_reported(tmp_path: Path) -> None:
    from .conftest import areas_geojson

    data = areas_geojson()
    bowtie = [[12, 50], [12.01, 50.01], [12.01, 50], [12, 50.01], [12, 50]]
    data["features"][0]["geometry"] = {"type": "Polygon", "coordinates": [bowtie]}
    bundle = load_bundle(write_folder(tmp_path, gebiete_geojson=data))
    assert any("ungültige Fläche" in t and "wurde repariert" in t for t in messages(bundle))
    assert bundle.areas.geometry.is_valid.all()


def test_settings_type_error_is_reported(tmp_path: Path) -> None:
    bundle = load_bundle(write_folder(tmp_path, einstellungen_toml='[geheimhaltung]\nmin_fallzahl = "drei"\n'))
    assert any("[geheimhaltung] min_fallzahl: ganze Zahl erwartet" in t for t in messages(bundle))


def test_small_case_counts_are_withheld_but_city_value_uses_them(tmp_path: Path) -> None:
    values = VALUES.replace("01;quote;2024;12,0;120;120;1000;", "01;quote;2024;0,2;2;2;1000;")
    bundle = load_bundle(write_folder(tmp_path, werte_csv=values))
    row = bundle.values[(bundle.values["gebiet_id"] == "01") & (bundle.values["jahr"] == 2024)]
    row = row[row["indikator_id"] == "quote"].iloc[0]
    assert row["gesperrt"] and pd.isna(row["wert"]) and pd.isna(row["zaehler"]) and pd.isna(row["fallzahl"])
    assert row["anmerkung"] == "Geheimhaltung: Fallzahl zu klein"
    assert city_value(bundle.city, "quote", 2024) == pytest.approx((2 + 200 + 800) / 4000 * 100)


def test_city_value_that_would_reveal_the_only_withheld_area_is_dropped(tmp_path: Path) -> None:
    catalogue = CATALOGUE + "faelle;Fälle;Fälle;Personen;Test;neutral;Anzahl;Amt;31.12.2024;0;;3;summe;\n"
    # only area 01 reports, and its count is too small: the city sum would be that count
    values = VALUES + "01;faelle;2024;2;2;;;\n" + "01;faelle;2023;7;7;;;\n02;faelle;2023;9;9;;;\n"
    bundle = load_bundle(write_folder(tmp_path, indikatoren_csv=catalogue, werte_csv=values))
    assert city_value(bundle.city, "faelle", 2023) == 16
    assert bundle.city[(bundle.city["indikator_id"] == "faelle") & (bundle.city["jahr"] == 2024)].empty
    assert city_value(bundle.city, "einwohner", 2024) == 4000


def test_areas_below_minimum_population_are_withheld(tmp_path: Path) -> None:
    from .conftest import areas_geojson

    geo = areas_geojson()
    geo["features"][1]["properties"]["einwohner"] = 120
    bundle = load_bundle(write_folder(tmp_path, gebiete_geojson=geo))
    mitte = bundle.values[bundle.values["gebiet_id"] == "02"]
    assert mitte["wert"].isna().all() and mitte["gesperrt"].all()
    assert set(mitte["anmerkung"]) == {"Geheimhaltung: zu wenige Einwohner"}


def test_unknown_parent_is_reported(tmp_path: Path) -> None:
    from .conftest import areas_geojson

    geo = areas_geojson()
    geo["features"][0]["properties"]["uebergeordnet"] = "X9"
    bundle = load_bundle(write_folder(tmp_path, gebiete_geojson=geo))
    assert any("Spalte „uebergeordnet“: Übergeordnetes Gebiet nicht" in t for t in messages(bundle))


def test_every_setting_is_documented() -> None:
    from sozialraum.settings import REPO_ROOT, documented_keys

    readme = (REPO_ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for section, key in documented_keys():
        assert f"[{section}]" in readme and f"\n{key} = " in readme, f"[{section}] {key} fehlt in data/README.md"


def test_bundled_gera_data_is_valid(gera_bundle: Bundle) -> None:

    bundle = gera_bundle
    assert bundle.report.errors == [], messages(bundle)
    assert len(bundle.areas) == 12 and len(bundle.catalogue) >= 25 and len(bundle.years) >= 8
    assert (len(bundle.plan.fields), len(bundle.plan.goals), len(bundle.plan.measures)) == (6, 46, 118)


def test_check_command_exit_codes(tmp_path: Path, valid_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sozialraum.cli import main

    assert main(["check", str(valid_folder)]) == 0
    broken = write_folder(tmp_path / "kaputt", werte_csv=VALUES + "01;quote;2022;abc;;;;\n")
    assert main(["check", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "werte.csv, Zeile 11, Spalte „wert“" in out and "1 Fehler" in out
