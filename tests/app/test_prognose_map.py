"""AppTest: projected years on the Karte, marked „Prognose“ with scenario and base years (Gera example data)."""

from __future__ import annotations

from pathlib import Path

from tests.app.test_pages import bundled, run_page, widget  # noqa: F401 - fixtures

PAGE = "pages/1_Karte.py"


def test_choosing_a_projected_year_shows_the_projection_marked_prognose(bundled: Path) -> None:  # noqa: F811
    at = run_page(PAGE, indikator="einwohner")
    assert not at.exception, at.exception
    box = widget(at, "selectbox", "Prognosejahr")
    assert "2035 (Prognose)" in box.options  # the options as shown
    box.set_value(2035)
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value.endswith("(Prognose)")
    info = " ".join(i.value for i in at.info)
    assert "**Prognose** für 2035 (Szenario „Trend“, Basisjahre 2019–2024" in info
    table = at.dataframe[0].value
    assert table.shape[0] == 12 and table.iloc[:, 1].notna().all()  # twelve Bezirke, each with a projected count
    notes = " ".join(str(v) for v in table.iloc[:, -1])
    assert "Prognose (Szenario „Trend“" in notes


def test_indicator_without_projection_offers_no_projected_year(bundled: Path) -> None:  # noqa: F811
    at = run_page(PAGE, indikator="sgb2_quote")
    assert not at.exception, at.exception
    assert not [s for s in at.selectbox if s.label == "Prognosejahr"]
