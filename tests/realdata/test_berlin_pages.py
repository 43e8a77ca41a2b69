"""AppTest of the trend, comparison and social index pages on Berlin's 542 planning areas (../shared/realdata)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.settings import DATA_DIR_ENV
from tests.app.test_compare_pages import COMPARE, INDEX, TREND, has
from tests.app.test_pages import run_page

# --- Berlin: 542 planning areas --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def berlin_folder(realdata: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sozialraum.realdata import convert_berlin_2021

    folder = tmp_path_factory.mktemp("berlin") / "berlin2021"
    convert_berlin_2021(realdata / "berlin", folder)
    return folder


@pytest.mark.parametrize(
    ("page", "params"),
    [
        (TREND, {"trend": "Alle Gebiete", "indikator": "einwohner"}),
        (TREND, {"trend": "Größte Veränderungen", "indikator": "einwohner"}),
        (COMPARE, {"vergleich": "Übersichtsmatrix"}),
        (COMPARE, {"vergleich": "Streudiagramm"}),
        (INDEX, {}),
    ],
)
def test_berlin_views(berlin_folder: Path, monkeypatch: pytest.MonkeyPatch, page: str, params: dict) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(berlin_folder))
    at = run_page(page, **params)
    assert not at.exception, at.exception
    if page == INDEX:
        # the published MSS 2021 distribution: 49 „sehr niedrig“, 46 „niedrig“ of 536
        assert has(at, "49 von 536 Gebieten (9,1\u00a0%) haben den Status „sehr niedrig“, 46 (8,6\u00a0%) „niedrig“.")
