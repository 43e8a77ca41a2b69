"""The area file's own numbers (`einwohner`) pass the same withholding rules as the values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sozialraum import Bundle
from sozialraum.loader import load_bundle

from .conftest import SETTINGS, areas_geojson, square, write_folder


def _population(bundle, level: str | None = None) -> pd.DataFrame:
    frames = [a for a, _ in bundle.levels.values()] or [bundle.areas]
    areas = pd.concat(frames, ignore_index=True)
    return areas.set_index("gebiet_id")[["einwohner", "einwohner_gesperrt"]]


def test_bundled_gera_withholds_the_small_gemeindeteil_and_its_complement(gera_bundle: Bundle) -> None:
    areas = _population(gera_bundle)
    assert pd.isna(areas.at["085", "einwohner"]) and areas.at["085", "einwohner_gesperrt"]  # 137 < 300
    # Gera-West (08) is published, so one sibling goes with 085: else 085 = 08 − the others
    hidden = set(areas.index[areas["einwohner_gesperrt"]])
    assert hidden == {"085", "083"}
    assert areas.at["08", "einwohner"] == 3377 and not areas.at["08", "einwohner_gesperrt"]
    assert areas.at["046", "einwohner"] == 361  # above 300: published


def _two_levels() -> dict:
    """Bezirk A (3000) with parts A1 (1200), A2 (1500), A3 (300); Bezirk B (2000) without parts."""
    rows = [
        ("A", "Bezirk", "", 3000),
        ("B", "Bezirk", "", 2000),
        ("A1", "Teil", "A", 1200),
        ("A2", "Teil", "A", 1500),
        ("A3", "Teil", "A", 300),
    ]
    features = [
        {
            "type": "Feature",
            "properties": {"gebiet_id": g, "name": g, "ebene": e, "uebergeordnet": p or None, "einwohner": n},
            "geometry": square(12 + i * 0.01, 50),
        }
        for i, (g, e, p, n) in enumerate(rows)
    ]
    return {"type": "FeatureCollection", "features": features}


VALUES = (
    "gebiet_id;indikator_id;jahr;wert;fallzahl;zaehler;nenner;anmerkung\n"
    "A1;einwohner;2024;1200;;;;\nA2;einwohner;2024;1500;;;;\nA3;einwohner;2024;300;2;;;\n"
    "A;einwohner;2024;3000;;;;\nB;einwohner;2024;2000;;;;\n"
)


def test_a_population_withheld_as_a_count_is_withheld_in_the_area_file_and_protected(tmp_path: Path) -> None:
    """A3's 300 rests on 2 cases in werte.csv: the area file's 300 is the same number, withheld too, and
    A1 (the smaller sibling) goes with it, else 300 = 3000 − 1200 − 1500 from the published Bezirk."""
    bundle = load_bundle(write_folder(tmp_path, gebiete_geojson=_two_levels(), werte_csv=VALUES))
    areas = _population(bundle)
    assert set(areas.index[areas["einwohner_gesperrt"]]) == {"A3", "A1"}
    assert areas.at["A2", "einwohner"] == 1500 and areas.at["A", "einwohner"] == 3000


def test_secondary_suppression_reaches_the_area_file_without_any_values(tmp_path: Path) -> None:
    geo = _two_levels()
    geo["features"][4]["properties"]["einwohner"] = 120  # A3 below min_einwohner (300)
    bundle = load_bundle(write_folder(tmp_path, gebiete_geojson=geo, werte_csv=VALUES.replace(";300;2;", ";120;;")))
    areas = _population(bundle)
    assert set(areas.index[areas["einwohner_gesperrt"]]) == {"A3", "A1"}
    assert all(pd.isna(areas.at[g, "einwohner"]) for g in ("A3", "A1"))


def test_one_small_top_level_area_takes_the_next_smallest_against_the_city_sum(tmp_path: Path) -> None:
    geo = areas_geojson()
    geo["features"][1]["properties"]["einwohner"] = 120
    areas = load_bundle(write_folder(tmp_path, gebiete_geojson=geo, einstellungen_toml=SETTINGS)).areas
    assert list(areas["einwohner_gesperrt"]) == [True, True, False]
    assert areas["einwohner"].isna().tolist() == [True, True, False]
