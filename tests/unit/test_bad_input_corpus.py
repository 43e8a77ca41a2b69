"""The corpus of broken and messy inputs: each accepted with the right result, or refused with a German
message naming file, row, column, what was found and what was expected. Never a traceback."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sozialraum import Bundle
from sozialraum.loader import load_bundle
from sozialraum.settings import DEFAULT_DATA_DIR

from .conftest import CATALOGUE, SETTINGS, VALUES, areas_geojson, write_folder

ROW_12 = "01;quote;2024;12,0;120;120;1000;"


def _geo(change: Callable[[dict], object]) -> dict:
    geo = areas_geojson()
    change(geo)
    return geo


def _value(bundle, gebiet: str = "01", indikator: str = "quote", jahr: int = 2024) -> float:
    v = bundle.values
    return float(v[(v["gebiet_id"] == gebiet) & (v["indikator_id"] == indikator) & (v["jahr"] == jahr)]["wert"].iloc[0])


# (case, files written as text, files written as bytes) → accepted: number of values and 01's 2024 rate
ACCEPTED = {
    "Windows-1252": ({}, {"indikatoren.csv": CATALOGUE.encode("cp1252"), "werte.csv": VALUES.encode("cp1252")}),
    "UTF-8 mit BOM": ({}, {"werte.csv": b"\xef\xbb\xbf" + VALUES.encode()}),
    "UTF-16 (Excel Unicode-Text)": ({}, {"werte.csv": VALUES.replace(";", "\t").encode("utf-16")}),
    "Tabulator": ({"werte_csv": VALUES.replace(";", "\t")}, {}),
    "Komma und Dezimalpunkt": ({"werte_csv": VALUES.replace(",", ".").replace(";", ",")}, {}),
    "Jahr als 2024.0": ({"werte_csv": VALUES.replace(";2024;", ";2024.0;")}, {}),
    "Tausenderpunkt": ({"werte_csv": VALUES.replace("01;einwohner;2024;1000", "01;einwohner;2024;1.000")}, {}),
}


@pytest.mark.parametrize("case", list(ACCEPTED))
def test_accepted_inputs_load_with_the_right_values(tmp_path: Path, case: str) -> None:
    text, raw = ACCEPTED[case]
    folder = write_folder(tmp_path, **text)
    for name, data in raw.items():
        (folder / name).write_bytes(data)
    bundle = load_bundle(folder)
    assert bundle.report.errors == [], bundle.report.as_text()
    assert len(bundle.values) == 9 and _value(bundle) == 12.0 and _value(bundle, indikator="einwohner") == 1000


@pytest.mark.parametrize("sign", [".", "-", "–", "x", "*", "/"])
def test_signs_of_official_statistics_are_empty_values_with_one_warning(tmp_path: Path, sign: str) -> None:
    values = VALUES.replace(ROW_12, f"01;quote;2024;{sign};;;;").replace("02;quote;2024;20,0", f"02;quote;2024;{sign}")
    bundle = load_bundle(write_folder(tmp_path, werte_csv=values))
    assert bundle.report.errors == []
    warnings = [w for w in bundle.report.warnings if w.column == "wert"]
    assert len(warnings) == 1 and warnings[0].row == 5 and warnings[0].value == sign
    assert "in 2 Zeile(n)" in warnings[0].message and "bitte 0 eintragen" in warnings[0].message
    assert len(bundle.values) == 9  # the rows stay, without a number
    assert (
        bundle.values.loc[
            bundle.values["gebiet_id"].isin(["01", "02"])
            & (bundle.values["jahr"] == 2024)
            & (bundle.values["indikator_id"] == "quote"),
            "wert",
        ]
        .isna()
        .all()
    )


# refused: (files) → (file, row, column, found, fragment of the expectation)
REFUSED = {
    "Text in einer Zahl": (
        {"werte_csv": VALUES.replace(ROW_12, "01;quote;2024;12,0 %;120;120;1000;")},
        ("werte.csv", 5, "wert", "12,0 %", "Erwartet wird eine Zahl"),
    ),
    "negative Anzahl": (
        {"werte_csv": VALUES.replace("01;einwohner;2024;1000", "01;einwohner;2024;-500")},
        ("werte.csv", 8, "wert", "-500,0", "erwartet: 0 oder mehr"),
    ),
    "Jahr 2024,5": (
        {"werte_csv": VALUES.replace(";2024;", ";2024,5;")},
        ("werte.csv", 5, "jahr", "2024,5", "Insgesamt 6 Zeilen ohne gültiges Jahr"),
    ),
    "Datei mitten in der Zeile abgeschnitten": (
        {"werte_csv": VALUES[: VALUES.index(ROW_12) + 8]},
        ("werte.csv", 5, "jahr", None, "Pflichtfeld ist leer"),
    ),
    "führende Null verloren (Werte)": (
        {"werte_csv": VALUES.replace("\n01;", "\n1;")},
        ("werte.csv", 2, "gebiet_id", "1", "Führende Null verloren? In der Gebietsdatei steht „01“"),
    ),
    "führende Null verloren (Gebiete, Zahl statt Text)": (
        {
            "gebiete_geojson": _geo(
                lambda g: [f["properties"].update(gebiet_id=int(f["properties"]["gebiet_id"])) for f in g["features"]]
            )
        },
        ("werte.csv", 2, "gebiet_id", "01", "In der Gebietsdatei steht „1“"),
    ),
    "doppelte gebiet_id": (
        {"gebiete_geojson": _geo(lambda g: g["features"][1]["properties"].update(gebiet_id="01"))},
        ("gebiete.geojson", 2, "gebiet_id", "01", "Doppelter Eintrag"),
    ),
    "Geometrie null": (
        {"gebiete_geojson": _geo(lambda g: g["features"][0].update(geometry=None))},
        ("gebiete.geojson", 1, "geometry", None, "Fläche fehlt oder ist leer"),
    ),
    "Geometrie leer": (
        {"gebiete_geojson": _geo(lambda g: g["features"][0].update(geometry={"type": "Polygon", "coordinates": []}))},
        ("gebiete.geojson", 1, "geometry", None, "Fläche fehlt oder ist leer"),
    ),
    "negative Einwohner in der Gebietsdatei": (
        {"gebiete_geojson": _geo(lambda g: g["features"][0]["properties"].update(einwohner=-5))},
        ("gebiete.geojson", 1, "einwohner", "-5", "Wert zwischen 0 und 1e+07 erwartet"),
    ),
    "Einstellungsdatei kaputt": (
        {"einstellungen_toml": "[stadt\nname = 'x'\n"},
        ("einstellungen.toml", None, None, None, "kein gültiges TOML"),
    ),
    "erwartetes Gebiet falsch": (
        {"einstellungen_toml": SETTINGS + "[karte]\nerwartetes_gebiet = [1, 2]\n"},
        ("einstellungen.toml", None, None, "[1, 2]", "4 Zahlen [West, Süd, Ost, Nord]"),
    ),
    "werte.csv leer": ({"werte_csv": ""}, ("werte.csv", None, None, None, "kann nicht als CSV gelesen werden")),
    "offenes Anführungszeichen": (
        {"werte_csv": VALUES + '01;quote;2022;"10,0;;;;\n'},
        ("werte.csv", None, None, None, "kann nicht als CSV gelesen werden"),
    ),
    "Gebietsdatei leer": ({"gebiete_geojson": ""}, ("gebiete.geojson", None, None, None, "nicht als Geodaten gelesen")),
    "Gebietsdatei abgeschnitten": (
        {"gebiete_geojson": json.dumps(areas_geojson())[:300]},
        ("gebiete.geojson", None, None, None, "nicht als Geodaten gelesen"),
    ),
    "keine einzige Fläche": (
        {"gebiete_geojson": {"type": "FeatureCollection", "features": []}},
        ("gebiete.geojson", None, None, None, "Pflichtspalte „gebiet_id“ fehlt"),
    ),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_refused_inputs_name_file_row_column_found_and_expected(tmp_path: Path, case: str) -> None:
    files, (file, row, column, found, expected) = REFUSED[case]
    bundle = load_bundle(write_folder(tmp_path, **files))
    matching = [e for e in bundle.report.errors if e.file == file and expected in e.message]
    assert matching, bundle.report.as_text()
    issue = matching[0]
    assert (issue.row, issue.column, issue.value) == (row, column, found), issue


def test_a_self_intersecting_area_is_repaired_with_a_warning(tmp_path: Path) -> None:
    bow = [[[12, 50], [12.01, 50.01], [12.01, 50], [12, 50.01], [12, 50]]]
    geo = _geo(lambda g: g["features"][0]["geometry"].update(coordinates=bow))
    bundle = load_bundle(write_folder(tmp_path, gebiete_geojson=geo))
    assert bundle.report.errors == [] and bundle.areas.geometry.is_valid.all() and len(bundle.areas) == 3
    warning = next(w for w in bundle.report.warnings if w.column == "geometry")
    assert warning.row == 1 and "Self-intersection" in warning.message and "repariert" in warning.message


def _bundled_copy(folder: Path, max_megabyte: int | None = None) -> Path:
    """The bundled Gera folder, copied so a test may replace one file (and set the size limit)."""
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    if max_megabyte is not None:
        settings = folder / "einstellungen.toml"
        text = settings.read_text(encoding="utf-8").replace("[daten]\n", f"[daten]\nmax_megabyte = {max_megabyte}\n")
        settings.write_text(text, encoding="utf-8")
    return folder


def test_a_file_100_times_the_normal_size_is_refused_with_its_size_before_it_is_read(tmp_path: Path) -> None:
    """werte.csv with 100× the rows of the bundled data (2.1 million rows, 92 MB) would block every page
    for minutes; it is refused by its size, naming file, found and expected size and the setting."""
    folder = _bundled_copy(tmp_path / "gera")
    header, body = (DEFAULT_DATA_DIR / "werte.csv").read_text(encoding="utf-8").split("\n", 1)
    with (folder / "werte.csv").open("w", encoding="utf-8") as handle:
        handle.write(header + "\n")
        for _ in range(100):
            handle.write(body)
    bundle = load_bundle(folder)
    issue = next(e for e in bundle.report.errors if e.file == "werte.csv")
    size = (folder / "werte.csv").stat().st_size / 1_000_000
    assert size > 90 and issue.value == f"{size:.1f} MB".replace(".", ",")
    assert "zu groß" in issue.message and "höchstens 50 MB ([daten] max_megabyte)" in issue.message, issue
    assert len(bundle.report.errors) == 1, bundle.report.as_text()  # nothing else read, nothing half-loaded
    assert bundle.values.empty and not bundle.areas.empty


def test_the_size_limit_is_a_setting_and_a_file_below_it_loads_in_full(gera_bundle: Bundle, tmp_path: Path) -> None:
    below = load_bundle(_bundled_copy(tmp_path / "a", 1))  # werte.csv: 0.92 MB
    assert below.report.errors == [] and len(below.values) == len(gera_bundle.values)
    above = load_bundle(_bundled_copy(tmp_path / "b", 0))
    assert [e.file for e in above.report.errors if "zu groß" in e.message] == [
        "indikatoren.csv",
        "werte.csv",
        "handlungsfelder.csv",
        "ziele.csv",
        "massnahmen.csv",
        "massnahmen_verlauf.csv",
    ]
