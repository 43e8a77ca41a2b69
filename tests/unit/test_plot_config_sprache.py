"""Charts speak the page's language (issue 22): the toolbar texts and the decimal and grouping signs come
with the chart config of the visitor's language; the figures themselves fix no German separators."""

from __future__ import annotations

import pytest

from sozialraum.compare_area_figures import LAYOUT as COMPARE_LAYOUT
from sozialraum.figures import _LAYOUT as FIGURE_LAYOUT
from sozialraum.plan_figures import _LAYOUT as PLAN_LAYOUT
from sozialraum.plot_config import plot_config


@pytest.mark.parametrize(
    ("lang", "locale", "decimal", "thousands", "zoom_in"),
    [
        ("de", "de", ",", ".", "Vergrößern"),
        ("ls", "de", ",", ".", "Vergrößern"),
        ("en", "en", ".", ",", None),  # plotly.js's own English
        ("uk", "uk", ",", "\xa0", "Збільшити"),
        ("ar", "ar", ".", ",", "تكبير"),
    ],
)
def test_chart_config_per_language(lang: str, locale: str, decimal: str, thousands: str, zoom_in: str | None) -> None:
    config = plot_config("x", lang=lang)
    assert config["locale"] == locale
    own = config["locales"][locale]
    assert (own["format"]["decimal"], own["format"]["thousands"]) == (decimal, thousands)
    assert own["dictionary"].get("Zoom in") == zoom_in
    assert plot_config(static=True, lang=lang)["locale"] == locale


def test_figures_leave_the_separators_to_the_config() -> None:
    for layout in (COMPARE_LAYOUT, FIGURE_LAYOUT, PLAN_LAYOUT):
        assert "separators" not in layout
