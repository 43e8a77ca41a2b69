"""Trend charts stay readable at 390 px: few upright year labels; the legend never on a chart title."""

from __future__ import annotations

import pandas as pd

from sozialraum.compare_figures import trend_lines
from sozialraum.figures import broken_trend_figure, trend_panel
from sozialraum.schemas import CITY_ID


def _trend(first: int, last: int) -> pd.DataFrame:
    years = list(range(first, last + 1))
    return pd.DataFrame({"gebiet_id": ["01"] * len(years), "jahr": years, "wert": [float(y - first) for y in years]})


def _labels(axis, first: int, last: int) -> list[int]:
    return list(range(int(axis.tick0), last + 1, int(axis.dtick)))


def test_ten_years_get_five_upright_labels_starting_at_the_first_year() -> None:
    for fig in (
        trend_lines(_trend(2015, 2024), {"01": "Mitte"}, "T", "%", 1),
        broken_trend_figure(_trend(2015, 2024), {"01": "Mitte"}, {"01": "01"}, [], "T", "%", 1),
    ):
        axis = fig.layout.xaxis
        assert _labels(axis, 2015, 2024) == [2015, 2017, 2019, 2021, 2023]
        assert axis.tickangle == 0 and axis.automargin is True


def test_up_to_six_years_every_year_is_labelled() -> None:
    axis = trend_lines(_trend(2019, 2024), {"01": "Mitte"}, "T", "%", 1).layout.xaxis
    assert _labels(axis, 2019, 2024) == [2019, 2020, 2021, 2022, 2023, 2024]


def test_a_steckbrief_panel_has_no_title_to_cut_and_names_the_indicator_in_full_on_hover() -> None:
    """The panel's title is page text above it (it wraps); inside a figure a long one was cut at the edge."""
    trend = pd.concat([_trend(2015, 2024), _trend(2015, 2024).assign(gebiet_id=CITY_ID)])
    full = "Hilfen zur Erziehung je 1.000 junge Menschen unter 21 Jahren"
    fig = trend_panel(trend, full, "je 1.000 unter 21", 1, "Mitte", "Gera gesamt")
    assert fig.layout.title.text is None and not fig.layout.annotations
    assert [t.name for t in fig.data] == ["Mitte", "Gera gesamt"]
    assert all(t.hovertemplate.startswith(full + "<br>") for t in fig.data)
    assert "%{y:,.1f}\u00a0je 1.000 unter 21" in fig.data[0].hovertemplate
    assert _labels(fig.layout.xaxis, 2015, 2024) == [2015, 2017, 2019, 2021, 2023]
