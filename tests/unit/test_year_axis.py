"""Year axes of the trend charts stay readable at 390 px: few, upright labels that the axis makes room for."""

from __future__ import annotations

import pandas as pd

from sozialraum.compare_figures import trend_lines
from sozialraum.figures import broken_trend_figure


def _trend(first: int, last: int) -> pd.DataFrame:
    years = list(range(first, last + 1))
    return pd.DataFrame({"gebiet_id": ["01"] * len(years), "jahr": years, "wert": [float(y - first) for y in years]})


def _labels(axis, first: int, last: int) -> list[int]:  # noqa: ANN001
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
