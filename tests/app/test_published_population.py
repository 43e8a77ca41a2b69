"""Steckbrief: the inhabitants figure from the area file passes the withholding rules."""

from __future__ import annotations

from pathlib import Path

from sozialraum.confidentiality import SIGN
from tests.app.test_pages import bundled, run_page  # noqa: F401 (fixture)


def test_steckbrief_does_not_show_a_withheld_population(bundled: Path) -> None:  # noqa: F811
    at = run_page("pages/5_Steckbrief.py", gebiet="085", jahr="2024")
    assert not at.exception, at.exception
    metric = next(m for m in at.metric if m.label == "Einwohner")
    assert metric.value == SIGN
    assert any("Einwohner: keine Angabe (statistische Geheimhaltung)" in c.value for c in at.caption)
    texts = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.metric])
    assert "137" not in texts


def test_steckbrief_shows_a_published_population(bundled: Path) -> None:  # noqa: F811
    at = run_page("pages/5_Steckbrief.py", gebiet="046", jahr="2024")
    assert not at.exception, at.exception
    assert next(m for m in at.metric if m.label == "Einwohner").value == "361"
