"""A tiny valid data folder built by code, and helpers to break it one thing at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SETTINGS = """[stadt]
name = "Teststadt"
titel = "Test"
[anzeige]
standard_indikator = "quote"
[geheimhaltung]
min_fallzahl = 3
"""

CATALOGUE = (
    "indikator_id;name;kurzname;einheit;thema;polaritaet;definition;quelle;datenstand;"
    "dezimalstellen;handlungsfeld_id;min_fallzahl;aggregation;faktor\n"
    "quote;SGB-II-Quote;SGB II;%;Soziale Lage;hoeher_schlechter;Anteil;BA;31.12.2024;1;1;3;quote;100\n"
    "einwohner;Einwohner;Einw.;Personen;Bevölkerung;neutral;Anzahl;Melderegister;31.12.2024;0;;;summe;\n"
)

VALUES = (
    "gebiet_id;indikator_id;jahr;wert;fallzahl;zaehler;nenner;anmerkung\n"
    "01;quote;2023;10,0;100;100;1000;\n"
    "02;quote;2023;30,0;300;300;1000;\n"
    "03;quote;2023;50,0;1000;1000;2000;\n"
    "01;quote;2024;12,0;120;120;1000;\n"
    "02;quote;2024;20,0;200;200;1000;\n"
    "03;quote;2024;40,0;800;800;2000;\n"
    "01;einwohner;2024;1000;;;;\n"
    "02;einwohner;2024;1000;;;;\n"
    "03;einwohner;2024;2000;;;;\n"
)

FIELDS = "handlungsfeld_id;name;beschreibung\n1;Familie;\n"
GOALS = "ziel_id;handlungsfeld_id;titel;zielindikator;zielwert;zieljahr\n1.1;1;Weniger Armut;quote;20;2028\n"
MEASURES = (
    "massnahme_id;ziel_id;titel;beschreibung;verantwortlich;partner;beginn_geplant;ende_geplant;"
    "beginn_ist;ende_ist;status;fortschritt;stand;gebiete;indikatoren\n"
    "1.1.1;1.1;Stadtteilbüro;;Sozialamt;;01.01.2024;31.12.2025;01.03.2024;;in Umsetzung;50;01.06.2026;01|03;quote\n"
    "1.1.2;1.1;Beratung;;Jugendamt;;01.01.2024;31.12.2027;;;geplant;0;01.01.2026;gesamtstadt;\n"
)
HISTORY = (
    "massnahme_id;datum;status;fortschritt;notiz\n"
    "1.1.1;01.01.2024;geplant;0;\n"
    "1.1.1;01.03.2024;in Umsetzung;20;Start\n"
    "1.1.1;01.06.2026;in Umsetzung;50;\n"
)


def square(x: float, y: float, size: float = 0.01) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def areas_geojson() -> dict:
    features = [
        {
            "type": "Feature",
            "properties": {"gebiet_id": gid, "name": name, "einwohner": pop},
            "geometry": square(12 + i * 0.01, 50),
        }
        for i, (gid, name, pop) in enumerate([("01", "Nord", 1000), ("02", "Mitte", 1000), ("03", "Süd", 2000)])
    ]
    return {"type": "FeatureCollection", "features": features}


def write_folder(folder: Path, **files: str | dict) -> Path:
    """Write the valid folder, with any file replaced by keyword (file name with '.' → '_')."""
    folder.mkdir(parents=True, exist_ok=True)
    contents: dict[str, str | dict] = {
        "einstellungen.toml": SETTINGS,
        "gebiete.geojson": areas_geojson(),
        "indikatoren.csv": CATALOGUE,
        "werte.csv": VALUES,
        "handlungsfelder.csv": FIELDS,
        "ziele.csv": GOALS,
        "massnahmen.csv": MEASURES,
        "massnahmen_verlauf.csv": HISTORY,
    }
    for key, content in files.items():
        contents[key.replace("_csv", ".csv").replace("_geojson", ".geojson").replace("_toml", ".toml")] = content
    for name, content in contents.items():
        if content is None:
            continue
        text = json.dumps(content) if isinstance(content, dict) else content
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def valid_folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "daten")
