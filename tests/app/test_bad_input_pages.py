"""Pages on an area file in metres without a coordinate system: a German message, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.settings import DATA_DIR_ENV
from tests.app.test_pages import run_page
from tests.unit.conftest import areas_geojson, write_folder
from tests.unit.test_bad_geometry import _transformed


@pytest.mark.parametrize("page", ["app.py", "pages/1_Karte.py", "pages/5_Steckbrief.py"])
def test_projected_area_file_gives_a_message_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    folder = write_folder(tmp_path / "utm", gebiete_geojson=_transformed(areas_geojson(), 25832))
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    at = run_page(page)
    assert not at.exception, at.exception
    shown = " ".join(str(e.value) for e in [*at.error, *at.warning])
    assert "reichen nicht für diese Seite" in shown
    report = " ".join(d.value.to_string() for d in at.dataframe)
    assert "UTM Zone 32N" in report
