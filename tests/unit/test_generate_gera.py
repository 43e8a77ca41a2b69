"""The bundled Gera example is what scripts/generate_gera.py writes from scripts/gera/: byte for byte."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from sozialraum.settings import DEFAULT_DATA_DIR, REPO_ROOT


@pytest.fixture
def generator(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(REPO_ROOT / "scripts"))
    module = importlib.import_module("generate_gera")
    yield module
    for name in ("generate_gera", "gera_common", "gera_plan", "gera_translations"):
        sys.modules.pop(name, None)


def test_the_generator_rewrites_the_bundled_files_unchanged(generator, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(generator, "DATA_DIR", tmp_path)
    generator.main()
    written = sorted(p.name for p in tmp_path.iterdir())
    assert {"werte.csv", "indikatoren.csv", "ziele.csv", "massnahmen.csv", "gebiete.geojson", "QUELLEN.md"} <= set(
        written
    )
    changed = [name for name in written if (tmp_path / name).read_bytes() != (DEFAULT_DATA_DIR / name).read_bytes()]
    assert changed == []


def test_the_plan_of_the_example_has_its_six_fields_and_every_goal_measures(generator) -> None:
    plan = importlib.import_module("gera_plan")
    assert [field[0] for field in plan.FIELDS] == ["1", "2", "3", "4", "5", "6"]
    goals = [goal for field in plan.GOALS.values() for goal in field]
    assert len(goals) == 46 and all(goal.measures for goal in goals)
    assert sum(len(goal.measures) for goal in goals) == 118  # as in Gera's plan 2024–2028
