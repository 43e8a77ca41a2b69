"""Size limit of the geometry files (`[daten] max_megabyte_gebiete`): a huge area or facilities file is
refused by its size before it is read, with a German message naming file, found and expected size."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import geopandas as gpd

from sozialraum import Bundle
from sozialraum.loader import load_bundle
from sozialraum.settings import DEFAULT_DATA_DIR

from .conftest import SETTINGS, areas_geojson, write_folder


def _limited(limit: int) -> str:
    return SETTINGS + f"[daten]\nmax_megabyte_gebiete = {limit}\n"


def _padded_areas(megabytes: float) -> dict:
    """The test areas with a long text property, so the file has about `megabytes` MB."""
    geo = areas_geojson()
    pad = "x" * int(megabytes * 1_000_000 / len(geo["features"]))
    for feature in geo["features"]:
        feature["properties"]["notiz"] = pad
    return geo


def test_an_area_file_over_the_limit_is_refused_with_file_size_and_setting(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "d", einstellungen_toml=_limited(2), gebiete_geojson=_padded_areas(3))
    bundle = load_bundle(folder)
    issue = next(e for e in bundle.report.errors if e.file == "gebiete.geojson")
    size = (folder / "gebiete.geojson").stat().st_size / 1_000_000
    assert issue.value == f"{size:.1f} MB".replace(".", ",") and size > 2.9
    assert "zu groß" in issue.message and "höchstens 2 MB ([daten] max_megabyte_gebiete)" in issue.message
    assert bundle.areas.empty  # nothing half-read; the values then have no areas and say so
    below = load_bundle(write_folder(tmp_path / "e", einstellungen_toml=_limited(4), gebiete_geojson=_padded_areas(3)))
    assert below.report.errors == [] and len(below.areas) == 3


def test_the_default_limit_loads_the_bundled_files_and_zero_refuses_both_geometry_files(
    tmp_path: Path, gera_bundle: Bundle
) -> None:
    assert gera_bundle.report.errors == []  # loaded once per run with the default limit
    folder = tmp_path / "gera"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    settings = folder / "einstellungen.toml"
    text = settings.read_text(encoding="utf-8").replace("[daten]\n", "[daten]\nmax_megabyte_gebiete = 0\n")
    settings.write_text(text, encoding="utf-8")
    bundle = load_bundle(folder)
    refused = [e.file for e in bundle.report.errors if "zu groß" in e.message]
    assert refused == ["gebiete.geojson", "einrichtungen.geojson"] and bundle.facilities is None


def test_a_shapefile_counts_with_its_side_files(tmp_path: Path) -> None:
    """The attributes of a Shapefile are in its .dbf: a big table there is as slow as a big .shp."""
    folder = write_folder(tmp_path / "d", einstellungen_toml=_limited(1) + 'gebiete = "gebiete.shp"\n')
    frame = gpd.read_file(json.dumps(_padded_areas(0)))
    frame["notiz"] = "y" * 250
    frame = gpd.GeoDataFrame(frame.loc[frame.index.repeat(2000)].reset_index(drop=True), crs=frame.crs)
    frame["gebiet_id"] = [f"{i:04d}" for i in range(len(frame))]
    frame.to_file(folder / "gebiete.shp")
    assert (folder / "gebiete.shp").stat().st_size < 1_000_000 < (folder / "gebiete.dbf").stat().st_size
    issue = next(e for e in load_bundle(folder).report.errors if e.file == "gebiete.shp")
    assert "höchstens 1 MB ([daten] max_megabyte_gebiete)" in issue.message
