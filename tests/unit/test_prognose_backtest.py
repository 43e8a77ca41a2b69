"""Backtest on Berlin's real planning areas: fit 2015→2016, project 2016→2020, compare with 2020."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.prognose.backtest import backtest, read_berlin
from sozialraum.prognose.config import PrognoseConfig


@pytest.fixture(scope="module")
def result(realdata: Path):
    series = read_berlin(realdata / "berlin", list(range(2015, 2021)))
    return backtest(series, (2015, 2016), 2020, PrognoseConfig().daempfung)


def test_backtest_scores_four_years_ahead_on_the_old_planning_areas(result) -> None:
    assert (result.launch, result.target) == (2016, 2020)
    assert 400 <= result.areas <= 447  # old LOR minus split regions and areas under 300 inhabitants


def test_projection_beats_both_naive_baselines_for_65_plus(result) -> None:
    mape = result.mape["65+"]
    assert mape["Hamilton–Perry (gedämpft)"] < mape["unverändert"]
    assert mape["Hamilton–Perry (gedämpft)"] < mape["linearer Trend"]


def test_projection_beats_the_linear_trend_for_the_total(result) -> None:
    mape = result.mape["Gesamt"]
    assert mape["Hamilton–Perry (gedämpft)"] < mape["linearer Trend"]
