"""Backtest on Berlin's real planning areas: parameters from 2022→2024, test 2016→2020 (four years)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.prognose.backtest import backtest, read_berlin, select_parameters
from sozialraum.prognose.config import PrognoseConfig

HP = "Hamilton–Perry (gedämpft)"


@pytest.fixture(scope="module")
def result(realdata: Path):
    series = read_berlin(realdata / "berlin", list(range(2015, 2021)))
    config = PrognoseConfig()
    return backtest(series, (2015, 2016), 2020, config.daempfung, config.wanderung_abklingen)


def test_default_parameters_are_the_ones_the_validation_window_selects(realdata: Path) -> None:
    validation = read_berlin(realdata / "berlin", [2021, 2022, 2023, 2024])
    k, decay, _ = select_parameters(validation, (2021, 2022), 2024)
    config = PrognoseConfig()
    assert (k, decay) == (config.daempfung, config.wanderung_abklingen)


def test_backtest_scores_four_years_ahead_on_the_old_planning_areas(result) -> None:
    assert (result.launch, result.target) == (2016, 2020)
    assert 400 <= result.areas <= 447  # old LOR minus split Prognoseräume and areas under 300 inhabitants


def test_projection_beats_both_naive_baselines_for_65_plus(result) -> None:
    mape = result.mape["65+"]
    assert mape[HP] < mape["unverändert"]
    assert mape[HP] < mape["linearer Trend"]


def test_projection_beats_the_linear_trend_for_the_total(result) -> None:
    mape = result.mape["Gesamt"]
    assert mape[HP] < mape["linearer Trend"]
