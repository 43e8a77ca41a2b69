"""The import command: mapping files, raw formats, joins, messages, atomic output (five real cities: tests/realdata/).

The tests build small raw files in tmp_path.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from sozialraum import load_bundle
from sozialraum.cli import main
from sozialraum.importer import ImportFailed, MappingError, normalize_name, parse_cell, parse_year, run_import
from sozialraum.importer.mapping import read_mapping
from sozialraum.importer.raw import MISSING, NUMBER, SUPPRESSED, code_key, number_hint
from sozialraum.importer.spec import NumberFormat
from sozialraum.indicators import METHOD_GIVEN, city_value

REPO = Path(__file__).resolve().parents[2]
MAPPINGS = REPO / "mappings"
GERMAN = NumberFormat(dezimalzeichen=",", tausender=".", geheim=(".",), fehlend=("x", "…"), null=("-",))
HAMBURG_STYLE = NumberFormat(dezimalzeichen=",", tausender=" ", geheim=(".",))

# --- numbers, years, names, codes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "fmt", "expected"),
    [
        ("1.234,5", GERMAN, 1234.5),
        ("9,7", GERMAN, 9.7),
        ("-3,25", GERMAN, -3.25),
        ("1.234.567", GERMAN, 1234567.0),
        (" 1 675    ", HAMBURG_STYLE, 1675.0),
        ("1 788 994", HAMBURG_STYLE, 1788994.0),
        ("-  23    ", HAMBURG_STYLE, -23.0),
        ("12\u00a0301", HAMBURG_STYLE, 12301.0),
        ("1023101.0", NumberFormat(dezimalzeichen="."), 1023101.0),
        ("-0.947429999999999", NumberFormat(dezimalzeichen="."), -0.947429999999999),
        ("1,234.5", NumberFormat(dezimalzeichen=".", tausender=","), 1234.5),
        ("-", GERMAN, 0.0),
        (17, GERMAN, 17.0),
        (2.5, GERMAN, 2.5),
    ],
)
def test_number_formats(cell: object, fmt: NumberFormat, expected: float) -> None:
    assert parse_cell(cell, fmt) == (NUMBER, pytest.approx(expected))


def test_markers_for_suppressed_missing_and_empty() -> None:
    assert parse_cell(".", GERMAN) == (SUPPRESSED, None)
    assert parse_cell("x", GERMAN) == (MISSING, None)
    assert parse_cell(" … ", GERMAN) == (MISSING, None)
    assert parse_cell("", GERMAN)[1] is None and parse_cell(None, GERMAN)[1] is None


@pytest.mark.parametrize(
    ("cell", "fmt"),
    [
        ("1.23", GERMAN),  # a thousands separator needs groups of three
        ("12,5", NumberFormat(dezimalzeichen=".")),
        ("1 675", NumberFormat()),  # space is no separator unless declared
        (".", NumberFormat()),  # markers must be declared
        ("abc", GERMAN),
        ("5 %", GERMAN),
    ],
)
def test_cells_that_are_no_number_in_the_declared_format(cell: str, fmt: NumberFormat) -> None:
    with pytest.raises(ValueError):
        parse_cell(cell, fmt)


def test_number_hints_name_the_fix() -> None:
    assert 'geheim = ["."]' in number_hint(".", NumberFormat())
    assert 'dezimalzeichen = "."' in number_hint("12.5", NumberFormat())
    assert 'dezimalzeichen = ","' in number_hint("12,5", NumberFormat(dezimalzeichen="."))
    assert 'tausender = " "' in number_hint("1 675", NumberFormat())
    assert 'null = ["-"]' in number_hint("-", NumberFormat())


@pytest.mark.parametrize(
    ("cell", "year"),
    [(2024, 2024), ("2024", 2024), ("31.12.2006", 2006), ("1.1.2014", 2014), ("2024-12-31", 2024),
     (datetime(2013, 12, 31), 2013), (2013.0, 2013)],
)  # fmt: skip
def test_years_and_reference_dates(cell: object, year: int) -> None:
    assert parse_year(cell) == year


@pytest.mark.parametrize("cell", ["Dez 2013", "31.12.", "1850", "2013/2014", None, True])
def test_not_a_year(cell: object) -> None:
    with pytest.raises(ValueError):
        parse_year(cell)


def test_name_normalisation_ignores_case_umlauts_spaces_and_punctuation() -> None:
    same = [
        "Neustadt/Süd",
        "neustadt - sued",
        "NEUSTADT SÜD",
        "Neustadt-Sued",
        "Neustadt/Su\u0308d",  # ü as u + combining diaeresis (NFD, as macOS writes it)
    ]
    assert {normalize_name(n) for n in same} == {"neustadtsued"}
    assert normalize_name("Groß Flottbek") == normalize_name("Gross-Flottbek") == normalize_name("GROSS FLOTTBEK")
    assert normalize_name("Löbstedt  Ort") == normalize_name("Loebstedt Ort")
    assert normalize_name("St. Georg") == normalize_name("St Georg")
    assert normalize_name("Neustadt") != normalize_name("Neustadt-Nord")


def test_codes_are_text_and_zero_padded() -> None:
    assert code_key("1", 2) == "01"
    assert code_key(1.0, 3) == "001"
    assert code_key(7, None) == "7"
    assert code_key(" 101 ", 3) == "101"
    assert code_key("01100101", 8) == "01100101"
    assert code_key("1100101", 8) == "01100101"  # a lost leading zero comes back
    assert code_key("A1", 3) == "A1"  # not a number: left as it is


# --- small raw data in tmp_path ------------------------------------------------------------

AREAS = [("01", "Altstadt"), ("02", "Neustadt/Süd"), ("03", "Groß Flottbek")]

HEAD = """
[import]
quelle = "roh"
ziel = "ziel"

[einstellungen.stadt]
name = "Teststadt"

[gebiete]
datei = "gebiete.geojson"
id = "nr"
name = "bezeichnung"
stellen = 2
ebene = "Stadtteil"

[katalog]
thema = "Bevölkerung"
quelle = "Statistikstelle Teststadt"
datenstand = "31.12.2024"
polaritaet = "neutral"
dezimalstellen = 0
aggregation = "summe"
einheit = "Personen"

[indikatoren.einwohner]
name = "Einwohner"
definition = "Einwohner am 31.12."

[indikatoren.arbeitslose]
name = "Arbeitslose"
definition = "Arbeitslose am 31.12."
fallzahl = "wert"

[indikatoren.alq]
name = "Arbeitslosenquote"
einheit = "%"
definition = "Arbeitslose je 100 Einwohner."
dezimalstellen = 1
aggregation = "quote"
zaehler = "arbeitslose"
nenner = "einwohner"
"""


def square(x: float, y: float = 50.9, size: float = 0.01) -> list[list[list[float]]]:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def write_areas(folder: Path, areas: list[tuple[str, str]] = AREAS, ids_as_int: bool = True) -> None:
    features = [
        {
            "type": "Feature",
            "properties": {"nr": int(gid) if ids_as_int else gid, "bezeichnung": name},
            "geometry": {"type": "Polygon", "coordinates": square(11.5 + i * 0.01)},
        }
        for i, (gid, name) in enumerate(areas)
    ]
    (folder / "gebiete.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")


def setup_import(tmp_path: Path, sources: str, files: dict[str, str | bytes], head: str = HEAD) -> Path:
    """Write raw files into tmp_path/roh and the mapping tmp_path/zuordnung.toml; return the mapping path."""
    raw = tmp_path / "roh"
    raw.mkdir(exist_ok=True)
    write_areas(raw)
    for name, content in files.items():
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    mapping = tmp_path / "zuordnung.toml"
    mapping.write_text(head + sources, encoding="utf-8")
    return mapping


def problems(excinfo: pytest.ExceptionInfo[MappingError]) -> str:
    return excinfo.value.report.as_text()


LONG_CSV = (
    "Jahr;Nr;Gebiet;Einwohner;Arbeitslose\n"
    "2023;0;Teststadt;4.000;130\n"
    "2023;1;Altstadt;1.000;50\n"
    "2023;2;Neustadt/Süd;1.000;30\n"
    "2023;3;Groß Flottbek;2.000;50\n"
    "2024;1;Altstadt;1.100;55\n"
    "2024;2;Neustadt/Süd;1.000;.\n"
    "2024;3;Groß Flottbek;2.000;40\n"
)
LONG_SOURCE = """
[[quellen]]
datei = "werte.csv"
layout = "lang"
gebiet = "Nr"
stellen = 2
name = "Gebiet"
jahr = "Jahr"
tausender = "."
geheim = ["."]
  [[quellen.nicht_gebiete]]
  werte = ["0"]
  als = "gesamt"
  [[quellen.indikatoren]]
  id = "einwohner"
  spalte = "Einwohner"
  [[quellen.indikatoren]]
  id = "arbeitslose"
  spalte = "Arbeitslose"
"""


def test_long_layout_zero_padding_city_row_and_rates(tmp_path: Path) -> None:
    mapping = setup_import(tmp_path, LONG_SOURCE, {"werte.csv": LONG_CSV})
    report = run_import(mapping)
    target = tmp_path / "ziel"
    bundle = load_bundle(target)
    assert bundle.report.errors == []
    join = report.join("werte.csv")
    assert (join.matched, join.area_keys, join.table_keys) == (3, 3, 4)
    assert (join.polygons_matched, join.polygons) == (3, 3)
    assert join.non_area == ["0 „Teststadt“ → gesamt"]
    assert sorted(bundle.areas["gebiet_id"]) == ["01", "02", "03"]
    werte = pd.read_csv(target / "werte.csv", sep=";", dtype=str, keep_default_na=False)
    row = werte[(werte.gebiet_id == "01") & (werte.indikator_id == "alq") & (werte.jahr == "2023")].iloc[0]
    assert (row.wert, row.zaehler, row.nenner, row.fallzahl) == ("5", "50", "1000", "50")
    suppressed = werte[(werte.gebiet_id == "02") & (werte.jahr == "2024") & (werte.indikator_id == "arbeitslose")]
    assert suppressed.iloc[0].wert == "" and "gesperrt" in suppressed.iloc[0].anmerkung
    # the city rate: the official row (gesamt) wins for 2023 …
    assert city_value(bundle.city, "alq", 2023) == pytest.approx(130 / 4000 * 100)
    methods = bundle.city.set_index(["indikator_id", "jahr"])["methode"]
    assert methods[("alq", 2023)] == METHOD_GIVEN
    # … and 2024 has no complete numerators (one suppressed): no value rather than a mean of rates
    assert city_value(bundle.city, "alq", 2024) is None
    assert city_value(bundle.city, "einwohner", 2024) == 4100
    text = report.as_text()
    assert "3/3 Gebiete der Tabelle mit Fläche (100,0 %)" in text
    assert text.rstrip().endswith(bundle.report.as_text().splitlines()[-1])
    assert (target / "IMPORT.txt").read_text("utf-8").startswith("Import nach zuordnung.toml")


WIDE_CSV = (
    "Nr,Name,31.12.2022,31.12.2023,31.12.2024\n"
    "0,Teststadt (gesamt),400,410,\n"
    "1,Altstadt,100,110,\n"
    "2,Neustadt/Süd,100,100,\n"
    "3,Groß Flottbek,200,195,\n"
    "999,nicht zugeordnet,3,5,\n"
)
WIDE_SOURCE = """
[[quellen]]
datei = "breit.csv"
layout = "breit"
gebiet = "Nr"
name = "Name"
  [[quellen.nicht_gebiete]]
  werte = ["0"]
  als = "gesamt"
  [[quellen.nicht_gebiete]]
  werte = ["999"]
  grund = "nicht zugeordnet"
  [[quellen.indikatoren]]
  id = "einwohner"
"""


def test_wide_layout_one_column_per_reference_date(tmp_path: Path) -> None:
    head = HEAD.replace('datei = "gebiete.geojson"\nid = "nr"\nname = "bezeichnung"\nstellen = 2', (
        'datei = "gebiete.geojson"\nid = "nr"\nname = "bezeichnung"'))  # fmt: skip
    head = head[: head.index("[indikatoren.arbeitslose]")]
    mapping = setup_import(tmp_path, WIDE_SOURCE, {"breit.csv": WIDE_CSV}, head=head)
    report = run_import(mapping)
    bundle = load_bundle(tmp_path / "ziel")
    assert bundle.report.errors == []
    assert bundle.years == [2022, 2023]
    join = report.join("breit.csv")
    assert (join.matched, join.table_keys, join.polygons_matched) == (3, 5, 3)
    dropped = "\n".join(d.as_text() for d in report.source("breit.csv").dropped)
    assert "Stichtag 31.12.2024: Spalte ganz leer" in dropped
    assert "1 Zeile – kein Gebiet: nicht zugeordnet (Kennungen: 999)" in dropped
    assert city_value(bundle.city, "einwohner", 2023) == 410  # official total, not the sum (405)


NAMES_CSV = "Stadtteil;Einwohner\nALTSTADT;100\nneustadt - sued ;200\nGross-Flottbek;300\nUnbekanntdorf;5\n"
NAMES_SOURCE = """
[[quellen]]
datei = "namen.csv"
layout = "lang"
gebiet = "Stadtteil"
schluessel = "name"
stichtag = 2024
  [[quellen.indikatoren]]
  id = "einwohner"
  spalte = "Einwohner"
"""


def test_name_join_is_robust_and_lists_what_it_could_not_match(tmp_path: Path) -> None:
    head = HEAD[: HEAD.index("[indikatoren.arbeitslose]")]
    mapping = setup_import(tmp_path, NAMES_SOURCE, {"namen.csv": NAMES_CSV}, head=head)
    report = run_import(mapping)
    join = report.join("namen.csv")
    assert (join.by, join.matched, join.area_keys) == ("Name", 3, 4)
    assert join.unmatched == ["„Unbekanntdorf“"]
    assert join.polygons_without == []
    werte = pd.read_csv(tmp_path / "ziel" / "werte.csv", sep=";", dtype=str)
    assert dict(zip(werte.gebiet_id, werte.wert, strict=True)) == {"01": "100", "02": "200", "03": "300"}
    assert "keine Fläche mit diesem Namen (Namen: „Unbekanntdorf“)" in report.as_text()


def test_rename_table_fixes_a_name_that_differs(tmp_path: Path) -> None:
    head = HEAD[: HEAD.index("[indikatoren.arbeitslose]")]
    source = NAMES_SOURCE.replace("stichtag = 2024", 'stichtag = 2024\numbenennen = { "Unbekanntdorf" = "Altstadt" }')
    csv_text = "Stadtteil;Einwohner\nUnbekanntdorf;100\nNeustadt Süd;200\nGroß Flottbek;300\n"
    report = run_import(setup_import(tmp_path, source, {"namen.csv": csv_text}, head=head))
    assert report.join("namen.csv").matched == 3


def test_ambiguous_polygon_names_are_not_guessed(tmp_path: Path) -> None:
    head = HEAD[: HEAD.index("[indikatoren.arbeitslose]")]
    mapping = setup_import(
        tmp_path, NAMES_SOURCE, {"namen.csv": "Stadtteil;Einwohner\nAltstadt;1\nNeustadt Süd;2\n"}, head=head
    )
    write_areas(tmp_path / "roh", [("01", "Altstadt"), ("02", "Neustadt/Süd"), ("03", "Neustadt-Süd")])
    report = run_import(mapping)
    join = report.join("namen.csv")
    assert join.ambiguous == ["„Neustadt Süd“"] and join.matched == 1


DISTRICT_CSV = (
    "Raum;Bezeichnung;Ebene;Einwohner\n"
    "000;Stadt;Stadt;400\n"
    "001;Bezirk Nord;Bezirk;300\n"
    "01;Altstadt;Stadtteil;100\n"
    "02;Neustadt/Süd;Stadtteil;100\n"
    "03;Groß Flottbek;Stadtteil;200\n"
    "999;nicht zuordenbar;Stadtteil;7\n"
    "Summe;;;;\n"
    "Quelle: Statistikstelle;;;;\n"
)


@pytest.mark.parametrize(
    "rules",
    [
        '  [[quellen.nicht_gebiete]]\n  muster = "00[1-9]"\n  grund = "Bezirk"\n',
        '  [[quellen.nicht_gebiete]]\n  wo = { Ebene = "Bezirk" }\n  grund = "Bezirk"\n',
        '  [[quellen.nicht_gebiete]]\n  zeilen = 3\n  grund = "Bezirk"\n',
    ],
)
def test_rows_that_are_not_areas(tmp_path: Path, rules: str) -> None:
    head = HEAD[: HEAD.index("[indikatoren.arbeitslose]")]
    source = f"""
[[quellen]]
datei = "raeume.csv"
layout = "lang"
gebiet = "Raum"
name = "Bezeichnung"
stichtag = "31.12.2024"
  [[quellen.nicht_gebiete]]
  werte = ["000"]
  als = "gesamt"
{rules}
  [[quellen.nicht_gebiete]]
  werte = ["999"]
  grund = "nicht zuordenbar"
  [[quellen.nicht_gebiete]]
  zeilen = "8-9"
  grund = "Fußzeilen"
  [[quellen.indikatoren]]
  id = "einwohner"
  spalte = "Einwohner"
"""
    report = run_import(setup_import(tmp_path, source, {"raeume.csv": DISTRICT_CSV}, head=head))
    join = report.join("raeume.csv")
    assert (join.matched, join.area_keys, join.polygons_matched) == (3, 3, 3)
    reasons = [d.reason for d in report.source("raeume.csv").dropped]
    assert reasons == ["kein Gebiet: Bezirk", "kein Gebiet: nicht zuordenbar", "kein Gebiet: Fußzeilen"]
    bundle = load_bundle(tmp_path / "ziel")
    assert city_value(bundle.city, "einwohner", 2024) == 400


def test_summing_rows_and_selecting_them_by_columns(tmp_path: Path) -> None:
    head = HEAD[: HEAD.index("[indikatoren.arbeitslose]")]
    rows = ["jahr,raum,merkmal,zahl"]
    for gid, base in (("1", 10), ("2", 20), ("3", 30)):
        rows += [f"2024,{gid},0 bis 6,{base}", f"2024,{gid},6 bis 18,{base * 2}", f"2024,{gid},18 und älter,{base * 5}"]
    source = """
[[quellen]]
datei = "alter.csv"
layout = "lang"
gebiet = "raum"
stellen = 2
jahr = "jahr"
wert = "zahl"
dezimalzeichen = "."
  [[quellen.indikatoren]]
  id = "einwohner"
  auswahl = { merkmal = ["0 bis 6", "6 bis 18"] }
  summieren = true
"""
    report = run_import(setup_import(tmp_path, source, {"alter.csv": "\n".join(rows) + "\n"}, head=head))
    werte = pd.read_csv(tmp_path / "ziel" / "werte.csv", sep=";", dtype=str)
    assert dict(zip(werte.gebiet_id, werte.wert, strict=True)) == {"01": "30", "02": "60", "03": "90"}
    assert any(d.reason == "von keinem Indikator ausgewählt" and d.count == 3 for d in report.sources[0].dropped)


def test_duplicate_values_without_summing_name_both_lines(tmp_path: Path) -> None:
    head = HEAD[: HEAD.index("[indikatoren.arbeitslose]")]
    source = NAMES_SOURCE
    csv_text = "Stadtteil;Einwohner\nAltstadt;1\nAlt-Stadt;2\n"
    with pytest.raises(ImportFailed) as excinfo:
        run_import(setup_import(tmp_path, source, {"namen.csv": csv_text}, head=head))
    text = problems(excinfo)
    assert "Gebiet 01, Indikator einwohner, Jahr 2024: mehrere Werte" in text
    assert "namen.csv Zeile 2" in text and "namen.csv Zeile 3" in text and "summieren = true" in text


def test_excel_source_with_header_below_a_title(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Daten"
    sheet.append(["Einwohner nach Stadtteilen, Stand 31.12."])
    sheet.append([None, datetime(2023, 12, 31), datetime(2024, 12, 31)])
    sheet.append(["Teststadt", 4000, 4100])
    sheet.append([1, 1000, 1100])
    sheet.append([2, 1000, "."])
    sheet.append([3, 2000.0, 2000])
    sheet.append([])
    path = tmp_path / "roh" / "mappe.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    head = HEAD[: HEAD.index("[indikatoren.arbeitslose]")]
    source = """
[[quellen]]
datei = "mappe.xlsx"
blatt = "Daten"
kopfzeile = 2
layout = "breit"
gebiet = "A"
stellen = 2
geheim = ["."]
  [[quellen.nicht_gebiete]]
  werte = ["Teststadt"]
  als = "gesamt"
  [[quellen.indikatoren]]
  id = "einwohner"
"""
    report = run_import(setup_import(tmp_path, source, {}, head=head))
    assert report.source("mappe.xlsx").rows_read == 4
    assert "Excel, Blatt „Daten“" in report.source("mappe.xlsx").detected
    bundle = load_bundle(tmp_path / "ziel")
    assert bundle.report.errors == [] and bundle.years == [2023, 2024]
    werte = pd.read_csv(tmp_path / "ziel" / "werte.csv", sep=";", dtype=str, keep_default_na=False)
    assert werte[(werte.gebiet_id == "03") & (werte.jahr == "2023")].wert.iloc[0] == "2000"


def test_json_records_under_a_key(tmp_path: Path) -> None:
    records = [
        {"ortsteil": None, "name": "Einwohner", "jahr": "2024", "wert": "400"},
        {"ortsteil": "Altstadt", "name": "Einwohner", "jahr": "2024", "wert": "100"},
        {"ortsteil": "Neustadt/Süd", "name": "Einwohner", "jahr": "2024", "wert": "100"},
        {"ortsteil": "Groß Flottbek", "name": "   Einwohner", "jahr": "2024", "wert": "200"},
    ]
    head = HEAD[: HEAD.index("[indikatoren.arbeitslose]")]
    source = """
[[quellen]]
datei = "daten.json"
datensaetze = "daten"
layout = "lang"
gebiet = "ortsteil"
schluessel = "name"
jahr = "jahr"
wert = "wert"
  [[quellen.nicht_gebiete]]
  wo = { ortsteil = "" }
  als = "gesamt"
  [[quellen.indikatoren]]
  id = "einwohner"
  auswahl = { name = "Einwohner" }
"""
    files = {"daten.json": json.dumps({"daten": records})}
    report = run_import(setup_import(tmp_path, source, files, head=head))
    assert report.join("daten.json").matched == 3
    assert city_value(load_bundle(tmp_path / "ziel").city, "einwohner", 2024) == 400


def test_geometry_in_a_projection_without_epsg_code_is_reprojected(tmp_path: Path) -> None:
    """Like Köln: UTM 32 with false easting 2 500 000 in a .prj that has no EPSG code."""
    crs = "+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=2500000 +y_0=0 +ellps=WGS84 +units=m +no_defs"
    frame = gpd.GeoDataFrame(
        {"nr": ["1", "2", "3"], "STT_NAME": [n for _, n in AREAS]},  # DBF field names: at most 10 characters
        geometry=[shapely.box(2_356_000 + i * 1000, 5_640_000, 2_357_000 + i * 1000, 5_641_000) for i in range(3)],
        crs=crs,
    )
    # one self-intersecting polygon ("bow tie"), repaired and reported like Köln's Marienburg
    frame.loc[2, "geometry"] = shapely.Polygon([(2_358_000, 5_640_000), (2_359_000, 5_641_000),
                                                (2_359_000, 5_640_000), (2_358_000, 5_641_000)])  # fmt: skip
    raw = tmp_path / "roh"
    raw.mkdir()
    frame.to_file(raw / "teile.shp", encoding="cp1252")
    head = HEAD.replace('datei = "gebiete.geojson"', 'datei = "teile.shp"').replace('"bezeichnung"', '"STT_NAME"')
    head = head[: head.index("[indikatoren.arbeitslose]")]
    mapping = tmp_path / "zuordnung.toml"
    mapping.write_text(head + NAMES_SOURCE, encoding="utf-8")
    (raw / "namen.csv").write_text("Stadtteil;Einwohner\nAltstadt;1\nNeustadt/Süd;2\nGroß Flottbek;3\n", "utf-8")
    report = run_import(mapping)
    assert "ohne EPSG-Code" in report.areas_detected and "nach WGS84 umgerechnet" in report.areas_detected
    assert any("03 Groß Flottbek: ungültig" in n and "make_valid" in n for n in report.area_notes)
    bundle = load_bundle(tmp_path / "ziel")
    assert bundle.report.errors == []
    west, south, east, north = bundle.areas.total_bounds
    assert 6.9 < west < east < 7.1 and 50.8 < south < north < 51.0  # Köln, not 2 000 km east
    assert bundle.areas.geometry.is_valid.all()


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_geometry_without_crs_needs_one_and_a_wrong_one_is_caught(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({"nr": ["1"], "STT_NAME": ["Altstadt"]}, geometry=[shapely.box(0, 0, 1, 1)])
    raw = tmp_path / "roh"
    raw.mkdir()
    frame.to_file(raw / "ohne_crs.shp")  # no .prj file
    (raw / "namen.csv").write_text("Stadtteil;Einwohner\nAltstadt;1\n", "utf-8")
    mapping = tmp_path / "zuordnung.toml"
    head = HEAD.replace('datei = "gebiete.geojson"', 'datei = "ohne_crs.shp"').replace('"bezeichnung"', '"STT_NAME"')
    mapping.write_text(head[: head.index("[indikatoren.arbeitslose]")] + NAMES_SOURCE, encoding="utf-8")
    with pytest.raises(ImportFailed) as excinfo:
        run_import(mapping)
    assert "ohne_crs.shp: Die Datei nennt kein Koordinatensystem (fehlt die .prj-Datei?)" in problems(excinfo)
    assert 'crs = "EPSG:25832"' in problems(excinfo)
    mapping.write_text(mapping.read_text("utf-8").replace('"ohne_crs.shp"', '"ohne_crs.shp"\ncrs = "EPSG:25832"'))
    with pytest.raises(ImportFailed) as excinfo:
        run_import(mapping)  # metres near 0/0 in UTM 32 are in the Gulf of Guinea, not in Germany
    assert "liegen nach der Umrechnung nicht in Deutschland (4,51–4,51 °O, 0,00–0,00 °N)" in problems(excinfo)


# --- bad mapping files and bad raw files: one German message each ----------------------------


def bad_mapping(tmp_path: Path, text: str) -> str:
    path = tmp_path / "mapping.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError) as excinfo:
        read_mapping(path)
    return problems(excinfo)


def test_invalid_toml_names_line_and_column(tmp_path: Path) -> None:
    text = bad_mapping(tmp_path, '[gebiete]\ndatei = "a.shp"\nid = STT_NR\n')
    assert "Fehler: mapping.toml, Zeile 3, Spalte „Zeichen 6“: Die Zuordnungsdatei ist kein gültiges TOML" in text
    assert "Text ohne Anführungszeichen" in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('layout = "lang"', 'layout = "wide"'),
         "mapping.toml: [[quellen]] Nr. 1: Schlüssel „layout“: erlaubt sind „lang“ oder „breit“ (gefunden: „wide“)."),
        (('layout = "lang"', 'layuot = "lang"'), "Unbekannter Schlüssel „layuot“. Meinten Sie „layout“?"),
        (('stellen = 2\nname = "Gebiet"', 'stellen = "2"\nname = "Gebiet"'),
         "[[quellen]] Nr. 1: Schlüssel „stellen“: erwartet wird eine ganze Zahl, z. B. stellen = 3 (gefunden: „2“)."),
        (('id = "nr"\n', ""), "[gebiete]: Schlüssel „id“ fehlt (z. B. id = \"STT_NR\")."),
        (('id = "einwohner"', 'id = "einwohnr"'),
         "Indikator „einwohnr“ steht nicht im Katalog. Meinten Sie „einwohner“?"),
        (('zaehler = "arbeitslose"\n', ""), "„zaehler“ und „nenner“ nur gemeinsam angeben."),
        (('[einstellungen.stadt]\nname = "Teststadt"', '[einstellungen.stadt]\nnahme = "Teststadt"'),
         "[einstellungen.stadt]: Unbekannte Einstellung „nahme“."),
        (('tausender = "."', 'tausender = ","'), "Dezimalzeichen und Tausendertrennzeichen müssen verschieden sein."),
        (('jahr = "Jahr"', ""), "Bei layout = \"lang\" fehlt das Jahr"),
        (('als = "gesamt"', 'als = "summe"'), "Schlüssel „als“: erlaubt sind „gesamt“ oder „weglassen“"),
        (('werte = ["0"]\n  als', 'als'), "Mindestens eine Bedingung angeben: „werte“, „muster“, „zeilen“ oder „wo“."),
        (('polaritaet = "neutral"', 'polaritaet = "gut"'), "erlaubt sind „hoeher_besser“, „hoeher_schlechter“ oder"),
        (('aggregation = "quote"\nzaehler = "arbeitslose"\nnenner = "einwohner"', 'aggregation = "quote"'),
         'aggregation = "quote" braucht zaehler und nenner'),
    ],
)  # fmt: skip
def test_bad_mapping_files_get_specific_german_messages(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    original = HEAD + LONG_SOURCE
    assert change[0] in original
    text = bad_mapping(tmp_path, original.replace(change[0], change[1], 1))
    assert message in text


def test_all_mapping_problems_are_listed_at_once(tmp_path: Path) -> None:
    text = bad_mapping(tmp_path, (HEAD + LONG_SOURCE).replace('layout = "lang"', 'layout = "wide"').replace(
        "stellen = 2\nname", "stellen = -1\nname"))  # fmt: skip
    assert "„layout“" in text and "„stellen“" in text


def test_wide_layout_rejects_keys_of_the_long_layout(tmp_path: Path) -> None:
    text = bad_mapping(tmp_path, HEAD + WIDE_SOURCE.replace('id = "einwohner"', 'id = "einwohner"\n  spalte = "x"'))
    assert '„spalte“ und „stichtag“ gibt es nur bei layout = "lang"' in text


def raw_problem(tmp_path: Path, sources: str, files: dict[str, str | bytes]) -> str:
    with pytest.raises(ImportFailed) as excinfo:
        run_import(setup_import(tmp_path, sources, files))
    return problems(excinfo)


def test_missing_column_suggests_the_close_one(tmp_path: Path) -> None:
    text = raw_problem(tmp_path, LONG_SOURCE.replace('spalte = "Einwohner"', 'spalte = "Einwohnerzahl"'),
                       {"werte.csv": LONG_CSV})  # fmt: skip
    assert (
        "werte.csv, Spalte „Einwohnerzahl“: [[quellen]] Nr. 1: Spalte „Einwohnerzahl“ (Schlüssel „spalte“ in "
        "[[quellen.indikatoren]] Nr. 1) fehlt." in text
    )
    assert "Meinten Sie „Einwohner“?" in text


def test_bad_number_names_file_line_column_and_fix(tmp_path: Path) -> None:
    text = raw_problem(tmp_path, LONG_SOURCE, {"werte.csv": LONG_CSV.replace("1.100;55", "1.100;k. A.")})
    assert (
        "Fehler: werte.csv, Zeile 6, Spalte „Arbeitslose“: Keine Zahl. Steht „k. A.“ für einen gesperrten oder "
        "fehlenden Wert, tragen Sie es in der Quelle unter „geheim“ oder „fehlend“ ein" in text
    )


def test_many_bad_cells_are_counted_not_all_listed(tmp_path: Path) -> None:
    rows = ["Jahr;Nr;Gebiet;Einwohner;Arbeitslose"] + [f"{2000 + i};1;Altstadt;1,5.;1" for i in range(9)]
    text = raw_problem(tmp_path, LONG_SOURCE, {"werte.csv": "\n".join(rows) + "\n"})
    assert text.count("Spalte „Einwohner“: Keine Zahl") == 5
    assert "… und 4 weitere Zellen dieser Spalte" in text


def test_bad_year_and_wrong_encoding(tmp_path: Path) -> None:
    text = raw_problem(tmp_path, LONG_SOURCE, {"werte.csv": LONG_CSV.replace("2024;3", "Dez 2024;3")})
    assert "werte.csv, Zeile 8, Spalte „Jahr“" in text and "kein Jahr oder Stichtag (Zeile 8: „Dez 2024“)" in text
    latin = LONG_CSV.encode("cp1252")
    text = raw_problem(tmp_path, LONG_SOURCE.replace('layout = "lang"', 'layout = "lang"\nkodierung = "utf-8"'),
                       {"werte.csv": latin})  # fmt: skip
    assert "werte.csv, Zeile 4: Die Datei ist nicht in der Kodierung „utf-8“ gespeichert" in text
    assert 'kodierung = "cp1252"' in text


def test_wrong_separator_is_explained(tmp_path: Path) -> None:
    source = LONG_SOURCE.replace('layout = "lang"', 'layout = "lang"\ntrennzeichen = ","')
    text = raw_problem(tmp_path, source, {"werte.csv": LONG_CSV.replace("1.000;50", "1.000;50,5")})
    assert (
        "werte.csv, Zeile 3: 1 Zeile hat mehr Felder als die Kopfzeile (Zeile 3). Stimmt das Trennzeichen „,“?" in text
    )


def test_missing_files_and_sheets(tmp_path: Path) -> None:
    text = raw_problem(tmp_path, LONG_SOURCE.replace("werte.csv", "fehlt.csv"), {})
    assert "fehlt.csv: Datei nicht gefunden" in text
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Tabelle1"
    (tmp_path / "roh").mkdir(exist_ok=True)
    book.save(tmp_path / "roh" / "m.xlsx")
    text = raw_problem(tmp_path, LONG_SOURCE.replace('datei = "werte.csv"', 'datei = "m.xlsx"\nblatt = "Daten"'), {})
    assert "m.xlsx: Blatt „Daten“ gibt es nicht. Vorhanden: „Tabelle1“." in text


def test_percent_out_of_range_points_to_the_source_cell(tmp_path: Path) -> None:
    head = HEAD
    source = LONG_SOURCE + '  [[quellen.indikatoren]]\n  id = "alq"\n  spalte = "Quote"\n'
    csv_text = "Jahr;Nr;Gebiet;Einwohner;Arbeitslose;Quote\n2024;1;Altstadt;100;5;500\n"
    with pytest.raises(ImportFailed) as excinfo:
        run_import(setup_import(tmp_path, source, {"werte.csv": csv_text}, head=head))
    assert "werte.csv, Zeile 2, Spalte „Quote“: Indikator alq hat die Einheit %" in problems(excinfo)


def test_no_single_match_stops_with_both_sides_shown(tmp_path: Path) -> None:
    source = LONG_SOURCE.replace("stellen = 2\nname", "stellen = 3\nname")
    text = raw_problem(tmp_path, source, {"werte.csv": LONG_CSV})
    assert "werte.csv, Spalte „Nr“: [[quellen]] Nr. 1: keine einzige Zeile fand eine Fläche." in text
    assert "Tabelle z. B. „001“, „002“, „003“; Flächen z. B. „01“, „02“, „03“." in text
    assert "Stimmt die Stellenzahl" in text


def test_codes_written_as_floats_still_join(tmp_path: Path) -> None:
    report = run_import(setup_import(tmp_path, LONG_SOURCE, {"werte.csv": LONG_CSV.replace(";1;", ";1.0;")}))
    assert report.join("werte.csv").matched == 3


def test_two_reference_dates_in_one_year_need_a_column_pattern(tmp_path: Path) -> None:
    head = HEAD[: HEAD.index("[indikatoren.arbeitslose]")]
    wide = "Nr;Name;30.06.2024;31.12.2024\n1;A;99;100\n2;N;199;200\n3;G;299;300\n"
    source = WIDE_SOURCE.replace("breit.csv", "h.csv").replace('name = "Name"', 'name = "Name"\nstellen = 2')
    with pytest.raises(ImportFailed) as excinfo:
        run_import(setup_import(tmp_path, source, {"h.csv": wide}, head=head))
    assert "mehrere Stichtage im Jahr 2024 (30.06.2024, 31.12.2024)" in problems(excinfo)
    source = source.replace('layout = "breit"', 'layout = "breit"\nspalten = "^31"')
    run_import(setup_import(tmp_path, source, {"h.csv": wide}, head=head))
    werte = pd.read_csv(tmp_path / "ziel" / "werte.csv", sep=";", dtype=str)
    assert list(werte["wert"]) == ["100", "200", "300"]


def test_one_file_per_year(tmp_path: Path) -> None:
    head = HEAD[: HEAD.index("[indikatoren.arbeitslose]")]
    files = {f"ew_{y}.csv": f"Nr;EW\n1;{y - 1900}\n2;2\n3;3\n" for y in (2022, 2023, 2024)}
    source = """
[[quellen]]
datei = "ew_{jahr}.csv"
jahre = "2022-2024"
layout = "lang"
gebiet = "Nr"
stellen = 2
  [[quellen.indikatoren]]
  id = "einwohner"
  spalte = "EW"
"""
    report = run_import(setup_import(tmp_path, source, files, head=head))
    assert [s.file for s in report.sources] == ["ew_2022.csv", "ew_2023.csv", "ew_2024.csv"]
    bundle = load_bundle(tmp_path / "ziel")
    assert bundle.years == [2022, 2023, 2024]
    assert city_value(bundle.city, "einwohner", 2023) == 123 + 2 + 3


def test_catalogue_from_a_file_and_parent_areas(tmp_path: Path) -> None:
    catalogue = (
        "indikator_id;name;kurzname;einheit;thema;polaritaet;definition;quelle;datenstand;dezimalstellen;"
        "aggregation\neinwohner;Einwohner;EW;Personen;Bevölkerung;neutral;Anzahl;Amt;31.12.2024;0;summe\n"
    )
    (tmp_path / "katalog.csv").write_text(catalogue, encoding="utf-8")
    head = HEAD[: HEAD.index("[katalog]")] + '[katalog]\ndatei = "katalog.csv"\n'
    head = head.replace('ebene = "Stadtteil"', 'ebene = "Stadtteil"\nuebergeordnet = "bezirk"')
    mapping = setup_import(tmp_path, NAMES_SOURCE, {"namen.csv": NAMES_CSV}, head=head)
    features = json.loads((tmp_path / "roh" / "gebiete.geojson").read_text("utf-8"))
    for feature in features["features"]:
        feature["properties"]["bezirk"] = "01"  # parent "01" is Altstadt itself here: only the column counts
    (tmp_path / "roh" / "gebiete.geojson").write_text(json.dumps(features), "utf-8")
    run_import(mapping)
    bundle = load_bundle(tmp_path / "ziel")
    assert bundle.report.errors == []
    assert bundle.catalogue.at["einwohner", "kurzname"] == "EW"
    assert set(bundle.areas["uebergeordnet"]) == {"01"} and set(bundle.areas["ebene"]) == {"Stadtteil"}


def test_a_missing_quellen_section_and_unknown_top_level_key(tmp_path: Path) -> None:
    text = bad_mapping(tmp_path, HEAD + "\n[quelle]\ndatei = 'x.csv'\n")
    assert "Unbekannter Schlüssel „quelle“. Meinten Sie „quellen“?" in text
    assert "Schlüssel „quellen“ fehlt" in text


# --- atomic output ---------------------------------------------------------------------------


def test_failing_import_leaves_an_existing_target_untouched(tmp_path: Path) -> None:
    mapping = setup_import(tmp_path, LONG_SOURCE, {"werte.csv": LONG_CSV})
    run_import(mapping)
    target = tmp_path / "ziel"
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    (tmp_path / "roh" / "werte.csv").write_text(LONG_CSV.replace("1.100;55", "1.100;??"), "utf-8")
    with pytest.raises(ImportFailed):
        run_import(mapping)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roh", "ziel", "zuordnung.toml"]


def test_validation_failure_after_writing_rolls_back(tmp_path: Path) -> None:
    """The loader's check runs on the temporary folder; its errors keep the old target."""
    mapping = setup_import(tmp_path, LONG_SOURCE, {"werte.csv": LONG_CSV})
    run_import(mapping)
    before = (tmp_path / "ziel" / "werte.csv").read_bytes()
    mapping.write_text(
        mapping.read_text("utf-8").replace('name = "Teststadt"', 'name = "Teststadt"\n[einstellungen.anzeige]\n'
                                           'standard_jahr = "2024"'), "utf-8")  # fmt: skip
    with pytest.raises(ImportFailed) as excinfo:
        run_import(mapping)
    assert "einstellungen.toml" in problems(excinfo) and "ganze Zahl erwartet" in problems(excinfo)
    assert excinfo.value.result is not None and excinfo.value.result.check is not None
    assert (tmp_path / "ziel" / "werte.csv").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roh", "ziel", "zuordnung.toml"]


# --- command line ----------------------------------------------------------------------------


def test_cli_import_prints_the_report_and_ends_with_the_check(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    mapping = setup_import(tmp_path, LONG_SOURCE, {"werte.csv": LONG_CSV})
    assert main(["import", str(mapping), "--ziel", str(tmp_path / "anders")]) == 0
    out = capsys.readouterr().out
    assert "Abgleich Tabelle ↔ Flächen" in out and out.rstrip().endswith("Warnungen")
    assert (tmp_path / "anders" / "werte.csv").is_file() and not (tmp_path / "ziel").exists()
    assert main(["check", str(tmp_path / "anders")]) == 0


def test_cli_import_with_a_bad_mapping_returns_1(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "m.toml"
    path.write_text("[gebiete\n", encoding="utf-8")
    assert main(["import", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Import abgebrochen, der Zielordner bleibt unverändert" in out and "m.toml, Zeile 1" in out


def test_quelle_on_the_command_line_overrides_the_mapping(tmp_path: Path) -> None:
    mapping = setup_import(tmp_path, LONG_SOURCE, {"werte.csv": LONG_CSV})
    (tmp_path / "roh").rename(tmp_path / "woanders")
    report = run_import(mapping, quelle=tmp_path / "woanders")
    assert report.quelle == (tmp_path / "woanders").resolve()


def test_committed_mappings_are_valid_without_data(tmp_path: Path) -> None:
    """Every file in mappings/ passes the mapping check (no real data needed)."""
    files = sorted(MAPPINGS.glob("*.toml"))
    assert {p.stem for p in files} >= {"berlin2021", "hamburg", "jena", "koeln", "leipzig"}
    for path in files:
        mapping = read_mapping(path)
        assert mapping.quelle == (REPO.parent / "shared" / "realdata" / mapping.quelle.name).resolve()
        assert mapping.ziel is not None and mapping.ziel.is_relative_to(REPO / "build")


# --- documentation ---------------------------------------------------------------------------

DOCS = REPO / "docs" / "import.md"


def _blocks(kind: str) -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    return [part.split("```", 1)[0] for part in text.split(f"```{kind}\n")[1:]]


def test_every_toml_example_in_the_docs_is_valid_toml() -> None:
    import tomllib

    blocks = _blocks("toml")
    assert len(blocks) >= 5
    for block in blocks:
        tomllib.loads(block)


def test_every_mapping_key_is_documented() -> None:
    from sozialraum.importer import keys as k

    text = DOCS.read_text(encoding="utf-8")
    for keys in (k.IMPORT_KEYS, k.AREA_KEYS, k.INDICATOR_KEYS, k.SOURCE_KEYS, k.NON_AREA_KEYS, k.USE_KEYS):
        for key in keys:
            documented = f"`{key.name}`" in text or f"`[[quellen.{key.name}]]`" in text
            assert documented, key.name


def test_the_full_example_of_the_docs_imports(tmp_path: Path) -> None:
    mapping_text = next(b for b in _blocks("toml") if "[import]" in b)
    csv_text = _blocks("text")[0]
    raw = tmp_path / "rohdaten"
    raw.mkdir()
    (raw / "bevoelkerung.csv").write_text(csv_text, encoding="utf-8")
    frame = gpd.GeoDataFrame(
        {"STT_NR": [1, 2], "STT_NAME": ["Altstadt", "Neustadt/Süd"]},
        geometry=[shapely.box(11.50 + i * 0.01, 50.9, 11.51 + i * 0.01, 50.91) for i in range(2)],
        crs="EPSG:4326",
    ).to_crs("EPSG:25832")
    frame.to_file(raw / "stadtteile.shp")
    (tmp_path / "musterstadt.toml").write_text(mapping_text, encoding="utf-8")
    report = run_import(tmp_path / "musterstadt.toml")
    bundle = load_bundle(tmp_path / "datenordner")
    assert bundle.report.errors == []
    assert report.join("bevoelkerung.csv").matched == 2
    assert city_value(bundle.city, "alq", 2024) == pytest.approx(1530 / 41200 * 100)
    assert "kein Gebiet: nicht zuordenbar" in report.as_text()
