"""Sozialbericht: the projection section (Gera example data; a folder without age structure has none)."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

from sozialraum.bericht.content_prognose import projection_section
from sozialraum.loader import load_bundle
from sozialraum.settings import DEFAULT_DATA_DIR


def _ctx(folder: Path) -> SimpleNamespace:
    bundle = load_bundle(folder)
    counter: dict[str, int] = {}

    def key(prefix: str) -> str:
        counter[prefix] = counter.get(prefix, 0) + 1
        return f"{prefix}-{counter[prefix]:02d}"

    return SimpleNamespace(bundle=bundle, stadt=bundle.settings.gesamtstadt_name, key=key)


def test_report_section_lists_city_figures_marked_prognose_with_scenario_and_base_years() -> None:
    section = projection_section(_ctx(DEFAULT_DATA_DIR))
    assert section is not None and section.title == "Bevölkerungsprognose"
    sentence, table_block = section.blocks
    assert sentence.text.startswith("Prognose (Szenario „Trend“, Basisjahre 2019–2024): In Gera gesamt leben 2039 ")
    table = table_block.table
    assert list(table.frame.columns) == [
        "Merkmal",
        "2024 (beobachtet)",
        "2029 (Prognose)",
        "2034 (Prognose)",
        "2039 (Prognose)",
    ]
    first = table.frame.set_index("Merkmal").loc["Einwohner gesamt"]
    assert first["2024 (beobachtet)"] == "94.210"  # the observed launch total of werte.csv
    assert "Menschen ab 80 Jahren" in set(table.frame["Merkmal"])
    assert "Szenario „Trend“" in table.source and table.stand == "31.12.2024"


def test_folder_without_age_structure_has_no_projection_section(tmp_path: Path) -> None:
    folder = tmp_path / "daten"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    (folder / "altersstruktur.csv").unlink()
    assert projection_section(_ctx(folder)) is None
