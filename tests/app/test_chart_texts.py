"""Issue 18 (leftovers): what a chart's toolbar says and what its PNG download carries.

Plotly's modebar is German on every chart (the dictionary travels in each chart's config, as Streamlit's
bundled plotly.js has no locale files); the Entwicklung chart's PNG says what it shows; the Steckbrief's
trend panels have their titles as wrapping text above them, not cut inside the figure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import bundled, run_page  # noqa: F401  (fixture)

CHART_PAGES = [
    ("pages/2_Entwicklung.py", {"trend": "Zeitverlauf"}),
    ("pages/2_Entwicklung.py", {"trend": "Alle Gebiete"}),
    ("pages/2_Entwicklung.py", {"trend": "Größte Veränderungen"}),
    ("pages/8_Vergleich.py", {}),
    ("pages/5_Steckbrief.py", {"gebiet": "01"}),
    ("pages/3_Sozialplan.py", {}),
    ("pages/6_Massnahme.py", {"massnahme": "5.5.1"}),
    ("pages/7_Fortschrittsbericht.py", {}),
    ("pages/14_Bevoelkerungsprognose.py", {}),
]


def specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def configs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]


@pytest.mark.parametrize(("page", "params"), CHART_PAGES)
def test_every_chart_has_the_german_modebar(bundled: Path, page: str, params: dict[str, str]) -> None:  # noqa: F811
    at = run_page(page, **params)
    assert not at.exception, at.exception
    found = configs(at)
    assert found, f"{page} {params}: no chart"
    for config in found:
        assert config["locale"] == "de"
        german = config["locales"]["de"]["dictionary"]
        assert german["Download plot as a PNG"] == "Als PNG-Bild speichern"
        assert german["Autoscale"] == "Automatisch skalieren" and german["Reset axes"] == "Achsen zurücksetzen"
        assert config["locales"]["de"]["format"]["decimal"] == ","
        assert config["displaylogo"] is False


def test_the_trend_charts_png_says_what_it_shows(bundled: Path) -> None:  # noqa: F811
    """The title sits above the chart on the page (the modebar covered it on a phone); the figure itself
    carries title, unit, source and Datenstand below the years, so the camera button's PNG has them."""
    at = run_page("pages/2_Entwicklung.py", trend="Zeitverlauf")
    assert not at.exception, at.exception
    layout = specs(at)[0]["layout"]
    text = layout["xaxis"]["title"]["text"].replace("<br>", " ")
    for part in ("<b>SGB-II-Quote: Absolut</b>", "Werte: %", "Quelle: Statistik der Bundesagentur für Arbeit",
                 "Datenstand: 31.12.2024"):  # fmt: skip
        assert part in text, text
    assert all(len(line) <= 60 for line in layout["xaxis"]["title"]["text"].split("<br>"))
    assert layout["legend"]["yref"] == "container" and layout["legend"]["y"] == 0


def test_steckbrief_panel_titles_are_text_above_each_chart(bundled: Path) -> None:  # noqa: F811
    at = run_page("pages/5_Steckbrief.py", gebiet="01")
    assert not at.exception, at.exception
    panels = specs(at)[1:]  # the first chart is the deviation chart
    assert len(panels) == 6
    titles = [m.value for m in at.markdown if m.value.startswith("**") and m.value.endswith(")")]
    assert "**Hilfen zur Erziehung** (je 1.000 unter 21)" in titles, titles
    for spec in panels:
        layout = spec["layout"]
        assert "text" not in layout.get("title", {}) and not layout.get("annotations"), "no title inside"
        full = spec["data"][0]["hovertemplate"].split("<br>")[0]
        assert full, "the hover names the indicator in full"
    # Stadtmitte (01): among its six panels the one whose title was cut at 1366 px
