"""Area levels: the bundled Gera data has 12 Bezirke and 72 Gemeindeteile."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sozialraum import Bundle, load_bundle
from sozialraum.aggregate import aggregate_values
from sozialraum.csvio import read_text_table
from sozialraum.levels import family
from sozialraum.loader import split_levels
from sozialraum.settings import DEFAULT_DATA_DIR

from .conftest import areas_geojson, write_folder


@pytest.fixture(scope="module")
def gera(gera_bundle: Bundle) -> Bundle:
    return gera_bundle


def test_gera_has_two_levels_with_bezirke_as_main_level(gera) -> None:
    assert gera.level_names == ["Bezirk", "Gemeindeteil"]
    assert gera.main_level == "Bezirk" and len(gera.areas) == 12
    parts = gera.at_level("Gemeindeteil")
    assert len(parts.areas) == 72 and set(parts.values["gebiet_id"]) <= set(parts.areas["gebiet_id"])
    assert set(gera.values["gebiet_id"]) == set(gera.areas["gebiet_id"])  # main level sees only its own values
    assert gera.at_level("gibt es nicht") is gera


def test_city_value_is_computed_from_one_level_only(gera) -> None:
    from sozialraum.indicators import city_value

    population = gera.values[(gera.values["indikator_id"] == "einwohner") & (gera.values["jahr"] == 2024)]
    assert city_value(gera.city, "einwohner", 2024) == population["wert"].sum()  # not twice


def test_gemeindeteile_add_up_to_their_bezirk(gera) -> None:
    """The raw parts (before suppression) aggregate exactly to the Bezirk values: counts summed,
    rates recomputed from numerators and denominators."""
    text, fmt = read_text_table(DEFAULT_DATA_DIR / "werte.csv", {"wert", "zaehler", "nenner", "fallzahl"})
    numeric = ("wert", "zaehler", "nenner", "fallzahl")
    raw = text.assign(**{c: pd.to_numeric(text[c].str.replace(",", "."), errors="coerce") for c in numeric})
    raw["jahr"] = raw["jahr"].astype(int)
    parts = gera.levels["Gemeindeteil"][0]
    parent_of = dict(zip(parts["gebiet_id"], parts["uebergeordnet"], strict=True))
    child_rows = raw[raw["gebiet_id"].isin(parent_of)]
    result = aggregate_values(child_rows, gera.catalogue, parent_of).values
    bezirke = raw[raw["gebiet_id"].isin(set(gera.areas["gebiet_id"]))]
    merged = result.merge(bezirke, on=["gebiet_id", "indikator_id", "jahr"], suffixes=("_agg", ""))
    merged = merged.dropna(subset=["wert", "wert_agg"])
    assert len(merged) > 2500
    decimals = merged["indikator_id"].map(gera.catalogue["dezimalstellen"]).astype(int) + 1
    assert ((merged["wert_agg"] - merged["wert"]).abs() <= 10.0**-decimals + 1e-9).all()


def test_family_names_parent_and_children(gera) -> None:
    parent, children = family(gera, "051")
    assert parent == ("05", "Bieblach-Ost") and children == []
    parent, children = family(gera, "02")
    assert parent is None and [c for c, _ in children] == ["021", "022", "023", "024"]


def test_split_levels_without_levels_is_one_level(tmp_path: Path) -> None:
    bundle = load_bundle(write_folder(tmp_path))
    assert bundle.levels == {} and bundle.level_names == [""]
    levels, main = split_levels(bundle.areas)
    assert main == "" and len(levels[""]) == 3


def test_main_level_is_the_one_without_parents(tmp_path: Path) -> None:
    geo = areas_geojson()
    for feature in geo["features"]:
        feature["properties"]["ebene"] = "Teil"
        feature["properties"]["uebergeordnet"] = "99"
    geo["features"].append(
        {
            "type": "Feature",
            "properties": {"gebiet_id": "99", "name": "Ganz", "ebene": "Bezirk"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[12, 50], [12.03, 50], [12.03, 50.01], [12, 50.01], [12, 50]]],
            },
        }
    )
    bundle = load_bundle(write_folder(tmp_path, gebiete_geojson=geo))
    assert bundle.main_level == "Bezirk" and bundle.level_names == ["Teil", "Bezirk"]
    assert list(bundle.areas["gebiet_id"]) == ["99"]
    assert isinstance(bundle.at_level("Teil").values, pd.DataFrame)
