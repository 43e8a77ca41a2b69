"""A level structure that changes between deliveries is an error: the area file is compared with the
structure written at publication (`check --struktur-festschreiben` → ebenenstruktur.csv)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sozialraum.cli import main
from sozialraum.loader import load_bundle
from sozialraum.settings import DEFAULT_DATA_DIR
from sozialraum.structure_record import FILE


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Gera folder with its structure written by the command, as a city does when it publishes."""
    folder = tmp_path_factory.mktemp("gera") / "daten"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    assert main(["check", str(folder), "--struktur-festschreiben"]) == 0
    return folder


def _delivery(published: Path, target: Path, change: Callable[[list[dict]], None]) -> Path:
    """A later delivery: the published folder (with its record) whose area file is changed."""
    shutil.copytree(published, target)
    path = target / "gebiete.geojson"
    geo = json.loads(path.read_text(encoding="utf-8"))
    change([f["properties"] for f in geo["features"]])
    path.write_text(json.dumps(geo), encoding="utf-8")
    return target


def _row(folder: Path, gebiet: str) -> int:
    features = json.loads((folder / "gebiete.geojson").read_text(encoding="utf-8"))["features"]
    return next(i for i, f in enumerate(features) if f["properties"]["gebiet_id"] == gebiet) + 1


def test_the_record_holds_every_area_and_an_unchanged_delivery_loads_clean(published: Path) -> None:
    record = (published / FILE).read_text(encoding="utf-8").splitlines()
    assert record[0] == "gebiet_id;ebene;uebergeordnet;gueltig_ab;gueltig_bis"
    assert "085;Gemeindeteil;08;;" in record and "08;Bezirk;;;" in record
    bundle = load_bundle(published)
    assert bundle.report.errors == [] and FILE in bundle.report.detected


def test_a_gemeindeteil_that_moves_bezirk_is_an_error_and_left_out(published: Path, tmp_path: Path) -> None:
    def move(props: list[dict]) -> None:
        next(p for p in props if p["gebiet_id"] == "085")["uebergeordnet"] = "07"

    folder = _delivery(published, tmp_path / "d", move)
    bundle = load_bundle(folder)
    issue = next(e for e in bundle.report.errors if e.column == "uebergeordnet")
    assert (issue.file, issue.row, issue.value) == ("gebiete.geojson", _row(folder, "085"), "07")
    assert "Ebenenstruktur geändert" in issue.message and "„08“ erwartet" in issue.message
    assert f"{FILE} (Zeile " in issue.message
    teile = bundle.levels["Gemeindeteil"][0]
    assert "085" not in set(teile["gebiet_id"])  # Bezirk 07 does not sum it in, 08 does not lose it silently


def test_an_area_that_changes_level_is_an_error(published: Path, tmp_path: Path) -> None:
    def rename(props: list[dict]) -> None:  # 085 delivered as a level of its own, without its Bezirk
        area = next(p for p in props if p["gebiet_id"] == "085")
        area.update(ebene="Ortsteil", uebergeordnet=None)

    folder = _delivery(published, tmp_path / "d", rename)
    bundle = load_bundle(folder)
    issue = next(e for e in bundle.report.errors if "Ebenenstruktur geändert" in e.message)
    assert (issue.row, issue.column, issue.value) == (_row(folder, "085"), "ebene", "Ortsteil")
    assert "„Gemeindeteil“ erwartet" in issue.message and "Ortsteil" not in bundle.level_names


def test_a_structure_that_disappears_is_an_error_and_no_part_is_published(published: Path, tmp_path: Path) -> None:
    def cut(props: list[dict]) -> None:  # e.g. a Shapefile export that lost the parent column
        for p in props:
            p.pop("uebergeordnet", None)

    bundle = load_bundle(_delivery(published, tmp_path / "d", cut))
    assert any(e.column == "uebergeordnet" for e in bundle.report.errors)
    assert bundle.level_names == ["Bezirk"]


def test_a_new_geometry_version_with_its_own_years_is_no_change(published: Path, tmp_path: Path) -> None:
    # 085 belongs to 07 from 2030 on, declared as a new geometry version with its own years
    folder = tmp_path / "d"
    shutil.copytree(published, folder)
    path = folder / "gebiete.geojson"
    geo = json.loads(path.read_text(encoding="utf-8"))
    feature = next(f for f in geo["features"] if f["properties"]["gebiet_id"] == "085")
    geo["features"].append(json.loads(json.dumps(feature)))
    geo["features"][-1]["properties"].update(gueltig_ab=2030, uebergeordnet="07")
    feature["properties"]["gueltig_bis"] = 2029
    path.write_text(json.dumps(geo), encoding="utf-8")
    bundle = load_bundle(folder)
    assert not [e for e in bundle.report.errors if "Ebenenstruktur geändert" in e.message], bundle.report.as_text()


def test_a_broken_record_is_reported_not_ignored(published: Path, tmp_path: Path) -> None:
    folder = _delivery(published, tmp_path / "d", lambda props: None)
    (folder / FILE).write_text("gebiet_id;ebene\n085;Gemeindeteil\n", encoding="utf-8")
    issue = next(e for e in load_bundle(folder).report.errors if e.file == FILE)
    assert issue.column == "uebergeordnet" and "Pflichtspalte" in issue.message


def test_the_record_is_not_written_while_the_folder_has_errors(published: Path, tmp_path: Path) -> None:
    folder = _delivery(published, tmp_path / "d", lambda props: props[0].update(gebiet_id=props[1]["gebiet_id"]))
    (folder / FILE).unlink()
    assert main(["check", str(folder), "--struktur-festschreiben"]) == 1
    assert not (folder / FILE).exists()
