"""Trend charts stay readable at 390 px: few upright year labels; the legend never on a chart title."""

from __future__ import annotations

import pandas as pd

from sozialraum.compare_figures import trend_lines
from sozialraum.figures import broken_trend_figure, small_multiples


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


def test_small_multiples_legend_sits_above_the_first_charts_title() -> None:
    panels = [(f"Indikator {i}", "%", _trend(2015, 2024)) for i in range(4)]
    fig = small_multiples(panels, "Mitte", "Gera gesamt")
    legend, top = fig.layout.legend, fig.layout.margin.t
    # legend: the figure's top row (container coordinates), one row of about 30 px
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 1, "top")
    titles = [a for a in fig.layout.annotations if a.text.startswith("Indikator 0")]
    # the title stands on the plots' top edge (yanchor bottom): it needs a line below the legend row
    assert titles[0].yanchor == "bottom" and top >= 30 + 2 * titles[0].font.size
