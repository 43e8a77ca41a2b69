"""The validation report in the page's language (issue 22): every message carries its German template and
its values; German stays byte for byte what `check` printed before the messages became translatable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .report_corpus import case_folders, check_text

GOLDEN = Path(__file__).with_name("report_de_golden.json")  # `check` output of the corpus before the change


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return case_folders(tmp_path_factory.mktemp("corpus"))


def test_german_check_output_is_unchanged(folders: dict[str, Path]) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert set(golden) == set(folders)
    for case, folder in folders.items():
        assert check_text(folder) == golden[case], case
