"""A copy of the bundled Gera data whose goal and measure titles have no translated columns, for the tests that
check how a page shows a missing translation (German text, marked `lang="de"`). The bundled data itself has
translated titles in every language."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from sozialraum.settings import DATA_DIR_ENV, DEFAULT_DATA_DIR


def drop_translations(path: Path, column: str) -> None:
    """Rewrite a semicolon CSV without the columns `<column>_<sprache>`."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    keep = [i for i, name in enumerate(rows[0]) if not name.startswith(f"{column}_")]
    assert len(keep) < len(rows[0]), f"{path.name} has no {column}_<sprache> columns"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\n").writerows([row[i] for i in keep] for row in rows)


@pytest.fixture
def plan_titles_german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Gera data with German-only goal and measure titles."""
    folder = shutil.copytree(DEFAULT_DATA_DIR, tmp_path / "gera")
    drop_translations(folder / "ziele.csv", "titel")
    drop_translations(folder / "massnahmen.csv", "titel")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder
