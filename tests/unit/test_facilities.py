from __future__ import annotations

import json
from pathlib import Path

from sozialraum import Bundle, load_bundle
from sozialraum.facilities import facilities_geojson, facilities_style, kind_colours, legend_rows

from .conftest import write_folder


def points(*features: tuple[str, str, list[float]]) -> str:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"name": n, "art": a},
                    "geometry": {"type": "Point", "coordinates": c},
                }
                for n, a, c in features
            ],
        }
    )


def test_bundled_gera_has_facilities_of_five_kinds(gera_bundle: Bundle) -> None:
    bundle = gera_bundle
    assert bundle.facilities is not None and len(bundle.facilities) == 40
    assert set(bundle.facilities["art"]) == {"Kita", "Schule", "Beratungsstelle", "Jugendclub", "Seniorentreff"}


def test_facilities_are_optional(valid_folder: Path) -> None:
    assert load_bundle(valid_folder).facilities is None


def test_facilities_layer_and_legend(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    (folder / "einrichtungen.geojson").write_text(
        points(("Kita A", "Kita", [12.005, 50.005]), ("Schule B", "Schule", [12.015, 50.005])), encoding="utf-8"
    )
    bundle = load_bundle(folder)
    assert bundle.report.errors == []
    colours = kind_colours(bundle.facilities)
    assert len(set(colours.values())) == 2
    assert "Kita (1)" in legend_rows(bundle.facilities)
    # the map's static file: points with name and kind only; the style names every kind's colour
    data = json.loads(facilities_geojson(bundle.facilities))
    assert [f["properties"] for f in data["features"]] == [
        {"name": "Kita A", "art": "Kita"},
        {"name": "Schule B", "art": "Schule"},
    ]
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [12.005, 50.005]}
    style = facilities_style(bundle.facilities, "/app/static/cache/einrichtungen-x.json")
    assert style == {"name": "Einrichtungen", "url": "/app/static/cache/einrichtungen-x.json", "farben": colours}


def test_bad_facilities_file_is_reported(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    (folder / "einrichtungen.geojson").write_text(points(("X", "Kita", [12.0, 50.0])).replace('"art"', '"typ"'))
    bundle = load_bundle(folder)
    assert any("einrichtungen.geojson" in i.as_text() and "„art“ fehlt" in i.as_text() for i in bundle.report.errors)
    assert bundle.facilities is None
