"""AppTest of the page „Sozialbericht“: the public view offers only the published files, the internal
view builds the report and offers both downloads."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.settings import DATA_DIR_ENV, DEFAULT_DATA_DIR
from tests.app.test_modes import as_user, internal_mode, refused, tiny_public  # noqa: F401

PAGE = "pages/14_Sozialbericht.py"


def test_public_view_offers_only_the_published_files(tiny_public: Path) -> None:  # noqa: F811
    at = as_user(PAGE, None)
    assert not refused(at) and not at.exception
    assert [i.value for i in at.info] == ["Es ist noch kein Sozialbericht veröffentlicht."]
    assert not [b for b in at.button if b.label == "Bericht erzeugen"]
    published = tiny_public / "bericht" / "veroeffentlicht"
    (published / "web").mkdir(parents=True)
    (published / "sozialbericht.pdf").write_bytes(b"%PDF-1.7 Beispiel")
    (published / "web" / "index.html").write_text('<html lang="de"></html>', encoding="utf-8")
    at = as_user(PAGE, None)
    assert [b.proto.label for b in at.get("download_button")] == ["PDF herunterladen", "Webfassung herunterladen (ZIP)"]
    assert not [b for b in at.button if b.label == "Bericht erzeugen"]


def test_planner_builds_the_report_and_gets_pdf_and_web_zip(
    internal_mode: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(DEFAULT_DATA_DIR))
    at = as_user(PAGE, "anna")
    assert not at.exception, at.exception
    assert [s.value for s in at.selectbox if s.label == "Vergleichsjahr (letzter Bericht)"] == [2022]
    next(b for b in at.button if b.label == "Bericht erzeugen").click()
    at.run(timeout=600)
    assert not at.exception, at.exception
    assert any("Sozialbericht 2024 (Vergleich mit 2022)" in s.value for s in at.success)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["PDF herunterladen", "Webfassung herunterladen (ZIP)"]
    chapters = next(s for s in at.selectbox if s.label == "Kapitel")
    assert "Bezirk 05: Bieblach-Ost" in chapters.options
