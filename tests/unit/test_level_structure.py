"""A level structure that holds for some areas and not for others is an error, never a silent default:
an orphaned area or a cut-off level would publish numbers its parent's sums no longer protect."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sozialraum.loader import load_bundle

from .conftest import SETTINGS, square, write_folder

SETTINGS_300 = SETTINGS + "min_einwohner = 300\n"


def _geo(rows: list[tuple]) -> dict:
    """rows: (gebiet_id, ebene, uebergeordnet, einwohner[, gueltig_ab, gueltig_bis])."""
    features = []
    for i, row in enumerate(rows):
        gid, level, parent, population, *span = row
        properties = {"gebiet_id": gid, "name": gid, "ebene": level, "uebergeordnet": parent, "einwohner": population}
        if span:
            properties |= {"gueltig_ab": span[0], "gueltig_bis": span[1]}
        features.append({"type": "Feature", "properties": properties, "geometry": square(12 + i * 0.01, 50)})
    return {"type": "FeatureCollection", "features": features}


# Bezirk A = A1 + A2 + A3; A3 (120 inhabitants) is small and withheld
BASE = [("A", "Bezirk", None, 2820), ("B", "Bezirk", None, 2000)]
PARTS = [("A1", "Teil", "A", 1200), ("A2", "Teil", "A", 1500), ("A3", "Teil", "A", 120), ("B1", "Teil", "B", 2000)]
VALUES = "gebiet_id;indikator_id;jahr;wert;fallzahl;zaehler;nenner;anmerkung\n" + "".join(
    f"{g};einwohner;2024;{n};;;;\n" for g, _, _, n in BASE + PARTS
)


def _load(tmp_path: Path, rows: list[tuple]):
    folder = write_folder(
        tmp_path,
        gebiete_geojson=_geo(rows),
        werte_csv=VALUES,
        einstellungen_toml=SETTINGS_300,
        massnahmen_csv=None,  # the plan names the areas of the default folder
        massnahmen_verlauf_csv=None,
    )
    return load_bundle(folder)


def _errors(bundle) -> list[str]:
    return [e.as_text() for e in bundle.report.errors]


def _shown(bundle) -> dict[str, set[str]]:
    return {name: set(areas["gebiet_id"]) for name, (areas, _) in bundle.levels.items()} or {
        bundle.main_level: set(bundle.areas["gebiet_id"])
    }


def _published_population(bundle) -> dict[str, float]:
    frames = [values for _, values in bundle.levels.values()] or [bundle.values]
    values = pd.concat(frames, ignore_index=True)
    rows = values[(values["indikator_id"] == "einwohner") & values["wert"].notna()]
    return dict(zip(rows["gebiet_id"], rows["wert"].astype(float), strict=True))


def test_a_complete_structure_loads_without_errors(tmp_path: Path) -> None:
    bundle = _load(tmp_path, BASE + PARTS)
    assert _errors(bundle) == []
    assert _shown(bundle) == {"Bezirk": {"A", "B"}, "Teil": {"A1", "A2", "A3", "B1"}}


def test_a_part_whose_parent_went_missing_is_an_error_and_is_not_published(tmp_path: Path) -> None:
    """A2 lost its Bezirk. Published as before, A3 = 2820 − 1200 − 1500: the rules protect A3 only
    through A's children they know of."""
    parts = [("A2", "Teil", None, 1500) if p[0] == "A2" else p for p in PARTS]
    bundle = _load(tmp_path, BASE + parts)
    text = " | ".join(_errors(bundle))
    assert "gebiete.geojson, Zeile 4, Spalte „uebergeordnet“" in text and "(gefunden: „(leer)“)" in text
    assert "Gebiet A2 (Ebene „Teil“)" in text and "Gebiets der Ebene „Bezirk“" in text
    assert "A2" not in _shown(bundle)["Teil"]
    published = _published_population(bundle)
    assert "A3" not in published
    # no combination of published numbers gives A3's 120
    assert published.get("A", 0) - published.get("A1", 0) - published.get("A2", 0) != 120


def test_a_parent_outside_the_file_or_in_the_same_level_is_an_error(tmp_path: Path) -> None:
    parts = [
        ("A2", "Teil", "X9", 1500) if p[0] == "A2" else ("B1", "Teil", "A1", 2000) if p[0] == "B1" else p for p in PARTS
    ]
    bundle = _load(tmp_path, BASE + parts)
    text = " | ".join(_errors(bundle))
    assert "Gebiet A2 (Ebene „Teil“): übergeordnetes Gebiet fehlt oder ist nicht in der Datei" in text
    assert "(gefunden: „X9“)" in text
    assert "Gebiet B1 (Ebene „Teil“): übergeordnetes Gebiet fehlt oder ist ein Gebiet der Ebene „Teil“" in text
    assert _shown(bundle)["Teil"] == {"A1", "A3"}


def test_leaving_out_a_middle_area_orphans_its_children_too(tmp_path: Path) -> None:
    deep = [("A1a", "Block", "A1", 600), ("A1b", "Block", "A1", 600), ("B1a", "Block", "B1", 2000)]
    parts = [("A1", "Teil", "", 1200) if p[0] == "A1" else p for p in PARTS]
    bundle = _load(tmp_path, BASE + parts + deep)
    text = " | ".join(_errors(bundle))
    assert "Gebiet A1 (Ebene „Teil“)" in text
    assert "Gebiet A1a (Ebene „Block“)" in text and "Gebiet A1b (Ebene „Block“)" in text
    assert _shown(bundle)["Block"] == {"B1a"}


def test_a_new_geometry_version_without_its_parents_is_cut_off_and_not_shown(tmp_path: Path) -> None:
    """The 2024 version of the parts arrives without `uebergeordnet` while the old one had it."""
    old = [(g + "x", "Teil (bis 2023)", p, n, 2019, 2023) for g, _, p, n in PARTS]
    new = [(g, "Teil (ab 2024)", None, n, 2024, None) for g, _, _, n in PARTS]
    bundle = _load(tmp_path, BASE + old + new)
    text = " | ".join(_errors(bundle))
    assert "Ebene „Teil (ab 2024)“ gehört nicht zur Ebenenstruktur" in text, text
    assert "gebiete.geojson, Zeile 7, Spalte „uebergeordnet“" in text
    assert "Teil (ab 2024)" not in _shown(bundle)
    assert "A3" not in _published_population(bundle)


def test_unknown_parents_of_a_level_without_structure_stay_a_warning(tmp_path: Path) -> None:
    """A file with a part of a city: the parents are not in it, nothing is summed, nothing to protect."""
    rows = [(g, "Teil", "Z", n) for g, _, _, n in PARTS]
    bundle = _load(tmp_path, rows)
    assert not [e for e in _errors(bundle) if "gebiete.geojson" in e]
    assert any("Übergeordnetes Gebiet nicht in der Gebietsdatei" in w.as_text() for w in bundle.report.warnings)
