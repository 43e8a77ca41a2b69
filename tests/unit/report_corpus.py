"""Broken data folders for the report's messages in every language (test_report_sprachen.py): each case
is a small folder with one or a few faults; `check_text` is what `python -m sozialraum check` prints."""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Callable
from pathlib import Path

from sozialraum.cli import main
from sozialraum.settings import DEFAULT_DATA_DIR

from .conftest import CATALOGUE, GOALS, HISTORY, MEASURES, SETTINGS, VALUES, areas_geojson, write_folder
from .test_bad_input_corpus import REFUSED

AGES = (
    "gebiet_id;jahr;alter_von;alter_bis;anzahl\n01;2023;0;18;100\n01;2023;18;;900\n01;2024;0;18;110\n01;2024;18;;880\n"
)


def _geo(change: Callable[[dict], object]) -> dict:
    geo = areas_geojson()
    change(geo)
    return geo


def _settings(extra: str) -> str:
    return SETTINGS + extra


# case → files of write_folder (None: file left out); more faults than the refused corpus covers
EXTRA: dict[str, dict[str, str | dict | None]] = {
    "Einstellungen: unbekannte Abschnitte und Typen": {
        "einstellungen_toml": _settings(
            "[unbekannt]\nx = 1\n[karte]\nfarbe = 2\n[anzeige2]\n"
            '[sozialindex]\nanbieten = true\nstatus = { quote = "viel" }\ndynamik_jahre = -1\n'
        ).replace("min_fallzahl = 3", 'min_fallzahl = "drei"'),
    },
    "Pflichtdateien fehlen": {"indikatoren_csv": None, "ziele_csv": None},
    "Spalten fehlen und Werte falsch": {
        "indikatoren_csv": CATALOGUE.replace("hoeher_schlechter", "schlecht").replace(";quote;100", ";mittel;100"),
        "werte_csv": VALUES.replace("01;quote;2023;10,0", "99;quote;2023;10,0").replace(
            "02;quote;2023;30,0", "02;unbekannt;2023;30,0"
        )
        + "01;quote;2024;12,0;120;120;1000;\n03;quote;2024;140,0;;;;\n",
    },
    "Wertebereich und Zähler": {
        "indikatoren_csv": CATALOGUE.replace("faktor\n", "faktor;wertebereich_min;wertebereich_max\n")
        .replace(";quote;100\n", ";quote;100;50;10\n")
        .replace(";summe;\n", ";summe;;;\n"),
        "werte_csv": VALUES.replace("01;einwohner;2024;1000;;;;", "01;einwohner;2024;-5;;;;"),
    },
    "Ebenen ohne Struktur": {
        "gebiete_geojson": _geo(
            lambda g: [
                f["properties"].update(ebene="Stadtteil" if i else "Bezirk") for i, f in enumerate(g["features"])
            ]
        ),
    },
    "Maßnahmen falsch": {
        "massnahmen_csv": "massnahme_id;ziel_id;titel;status;fortschritt;stand\n1.1.1;9.9;X;irgendwie;150;32.13.2024\n",
        "massnahmen_verlauf_csv": "massnahme_id;datum;status;fortschritt;notiz\n7.7.7;gestern;geplant;0;\n",
        "ziele_csv": "ziel_id;handlungsfeld_id;titel;zielindikator;zielwert;zieljahr\n1.1;8;Ziel;fehlt;x;20x8\n",
    },
    "Gebiet ohne Werte und Koordinaten": {
        "gebiete_geojson": _geo(
            lambda g: (
                g["features"].append(
                    {
                        "type": "Feature",
                        "properties": {"gebiet_id": "04", "name": "West", "einwohner": 10},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [
                                [[500000, 5600000], [500100, 5600000], [500100, 5600100], [500000, 5600000]]
                            ],
                        },
                    }
                ),
                g.update(crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}),
            )
        ),
    },
    "Gebietsversionen": {
        "gebiete_geojson": _geo(
            lambda g: [
                g["features"][0]["properties"].update(gueltig_ab=2025),
                g["features"][1]["properties"].update(gueltig_ab=2024, gueltig_bis=2020),
                g["features"][2]["properties"].update(vorgaenger="77"),
            ]
        ),
    },
    "Plan in falscher Reihenfolge": {
        "ziele_csv": GOALS + "1.2;7;Mehr Teilhabe;quote;20;2028\n",
        "massnahmen_csv": MEASURES.replace("01.01.2024;31.12.2025;01.03.2024", "01.01.2024;31.12.2023;01.03.2024"),
        "massnahmen_verlauf_csv": HISTORY + "1.1.1;01.02.2024;in Umsetzung;10;\n",
    },
    "Altersstruktur kaputt": {
        "altersstruktur_csv": AGES.replace("01;2024;0;18;110", "01;2024;0;x;110") + "77;2024;0;5;3\n"
    },
    "Einrichtungen kaputt": {
        "einrichtungen_geojson": {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"name": "Kita"},
                    "geometry": {"type": "Point", "coordinates": [12, 50]},
                }
            ],
        }
    },
}


def check_text(folder: Path) -> str:
    """What `python -m sozialraum check` prints, with the folder's path replaced."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", str(folder)])
    return out.getvalue().replace(str(folder), "<ordner>")


def case_folders(root: Path) -> dict[str, Path]:
    """Every case written below `root`: the bundled data, the refused corpus and the extra faults."""
    folders = {"Gera (mitgeliefert)": Path(shutil.copytree(DEFAULT_DATA_DIR, root / "gera"))}
    for i, (case, (files, *_)) in enumerate(REFUSED.items()):
        folders[case] = write_folder(root / f"r{i}", **files)
    for i, (case, files) in enumerate(EXTRA.items()):
        folder = write_folder(root / f"e{i}", **{k: v for k, v in files.items() if v is not None})
        for key, content in files.items():
            if content is None:
                (folder / key.replace("_csv", ".csv")).unlink()
        folders[case] = folder
    return folders
