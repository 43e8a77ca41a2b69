"""Backtest on Berlin's real planning areas: parameters from 31.12.2022→2024, test 31.12.2016→2020 (four years)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.prognose.backtest import HP, backtest, periods, read_berlin, select_parameters
from sozialraum.prognose.config import PrognoseConfig

TEST_BASE, TEST_TARGET = ((2015, 1), (2016, 2)), (2020, 2)


@pytest.fixture(scope="module")
def series(realdata: Path):
    return read_berlin(realdata / "berlin", periods(TEST_BASE[0], TEST_TARGET))


@pytest.fixture(scope="module")
def result(series):
    config = PrognoseConfig()
    return backtest(series, TEST_BASE, TEST_TARGET, config.daempfung, config.wanderung_abklingen, config.anteilsgewicht)


def test_default_parameters_are_the_ones_the_validation_window_selects(realdata: Path) -> None:
    validation = read_berlin(realdata / "berlin", periods((2021, 1), (2024, 2)))
    config = PrognoseConfig()
    k, decay, _ = select_parameters(validation, ((2021, 1), (2022, 2)), (2024, 2), config.anteilsgewicht)
    assert (k, decay) == (config.daempfung, config.wanderung_abklingen)


def test_backtest_scores_four_years_ahead_on_the_old_planning_areas(result, series) -> None:
    assert (result.launch, result.target) == ((2016, 2), (2020, 2))
    assert series.step == 0.5 and len(series.periods) == 12
    assert 400 <= result.areas <= 447  # old LOR minus split Prognoseräume and areas under 300 inhabitants


def test_projection_beats_both_naive_baselines_for_65_plus(result) -> None:
    mape = result.mape["65+"]
    assert mape[HP] < mape["unverändert"]
    assert mape[HP] < mape["linearer Trend"]


def test_projection_beats_both_naive_baselines_for_the_total(result) -> None:
    mape = result.mape["Gesamt"]
    assert mape[HP] < mape["unverändert"]
    assert mape[HP] < mape["linearer Trend"]
