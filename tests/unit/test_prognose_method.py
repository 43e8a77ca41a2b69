"""Hamilton–Perry projection: hand-computed small examples, damping, levels, scenarios, no negatives."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sozialraum.prognose.agegroups import AgeGroups, age_one_year
from sozialraum.prognose.method import (
    Pooled,
    Ratios,
    blend_with_parent_shares,
    damped_ratios,
    pooled_counts,
    project,
)

# groups: under 2, 2 to under 4 (the "fertile" group in these examples), 4 and older
G = AgeGroups((0, 2, 4))
FERTILE = (2, 4)


def test_a_cohort_moves_up_one_group_pro_rata() -> None:
    # 8 people aged 2–3: half are 3 and turn 4 within the year
    aged = age_one_year(np.array([[0.0, 8.0, 0.0]]), G)
    assert aged.tolist() == [[0.0, 4.0, 4.0]]
    # with ratios 1 and no children they simply keep ageing into the open group
    ratios = Ratios(np.array([[0.0, 1.0, 1.0]]))
    out = project(np.array([[0.0, 8.0, 0.0]]), ratios, G, 2, fertile=FERTILE)
    assert out[-1].tolist() == [[0.0, 2.0, 6.0]]


def test_closed_population_gives_ratios_of_one_and_keeps_ageing() -> None:
    # year 0: 4 | 8 | 10; pure ageing gives 2 + births | 4 + 2 = 6 | 10 + 4 = 14; births so that CWR stays 0.5
    series = np.array([[[4.0, 8.0, 10.0]], [[3.0, 6.0, 14.0]]])
    pooled = pooled_counts(series, G, FERTILE)
    ratios = damped_ratios(pooled, [], k=0.0)
    assert ratios.values.tolist() == [[pytest.approx(0.5), pytest.approx(1.0), pytest.approx(1.0)]]
    out = project(series[-1], ratios, G, 1, fertile=FERTILE)
    # ageing: 1.5 | 3 + 1.5 = 4.5 | 14 + 3 = 17; children = 0.5 × 4.5
    assert out[-1].tolist() == [[pytest.approx(2.25), pytest.approx(4.5), pytest.approx(17.0)]]
    assert out[-1].sum() == pytest.approx(23.75)


def test_an_area_without_children_keeps_none_undamped_and_borrows_the_city_ratio_when_damped() -> None:
    # area A: 4 children per 8 fertile persons; area B: no children, 8 fertile persons, both years
    year0 = np.array([[4.0, 8.0, 0.0], [0.0, 8.0, 0.0]])
    year1 = np.array([[4.0, 8.0, 4.0], [0.0, 8.0, 4.0]])
    pooled = pooled_counts(np.stack([year0, year1]), G, FERTILE)
    assert pooled.num[:, 0].tolist() == [8.0, 0.0]
    assert pooled.den[:, 0].tolist() == [16.0, 16.0]
    undamped = damped_ratios(pooled, [], k=0.0)
    assert undamped.values[1, 0] == 0.0
    assert project(year1, undamped, G, 3, fertile=FERTILE)[:, 1, 0].tolist() == [0.0, 0.0, 0.0, 0.0]
    # city CWR = 8 / 32 = 0.25; B damped with k = 16: (0 + 16 × 0.25) / (16 + 16) = 0.125
    damped = damped_ratios(pooled, [], k=16.0)
    assert damped.values[1, 0] == pytest.approx(0.125)
    assert damped.values[0, 0] == pytest.approx((8 + 16 * 0.25) / 32)


def test_damping_leans_on_the_parent_and_an_empty_group_takes_the_parent_ratio() -> None:
    # two parents P (areas 0, 1) and Q (area 2); group 1 only
    num = np.array([[0.0, 2.0, 0.0], [0.0, 18.0, 0.0], [0.0, 0.0, 0.0]])
    den = np.array([[0.0, 4.0, 0.0], [0.0, 16.0, 0.0], [0.0, 0.0, 0.0]])
    ratios = damped_ratios(Pooled(num, den), [np.array(["P", "P", "Q"])], k=4.0)
    city = 20 / 20
    parent_p = (20 + 4 * city) / (20 + 4)
    assert ratios.values[0, 1] == pytest.approx((2 + 4 * parent_p) / (4 + 4))
    assert ratios.values[1, 1] == pytest.approx((18 + 4 * parent_p) / (16 + 4))
    assert ratios.values[2, 1] == pytest.approx(city)  # nobody there: parent Q = city


def test_strong_out_migration_is_cut_at_zero_not_negative() -> None:
    ratios = Ratios(np.array([[0.3, 0.99, 0.95]]))
    out = project(np.array([[5.0, 10.0, 20.0]]), ratios, G, 4, migration=-2.0, fertile=FERTILE)
    assert (out >= 0).all()
    assert out[-1].tolist() == [[0.0, 0.0, 0.0]]


counts = st.lists(st.integers(0, 5000), min_size=3 * 3, max_size=3 * 3)


@settings(max_examples=60, deadline=None)
@given(st.lists(counts, min_size=3, max_size=3), st.floats(0, 20), st.floats(-30, 30), st.floats(0.1, 30))
def test_higher_migration_never_gives_fewer_people_and_nothing_is_negative(
    years: list[list[int]], k: float, low: float, gap: float
) -> None:
    series = np.array(years, dtype=float).reshape(3, 3, 3)  # 3 years × 3 areas × 3 groups
    ratios = damped_ratios(pooled_counts(series, G, FERTILE), [np.array(["a", "a", "b"])], k)
    lower = project(series[-1], ratios, G, 6, migration=low / 1000, fertile=FERTILE)
    higher = project(series[-1], ratios, G, 6, migration=(low + gap) / 1000, fertile=FERTILE)
    assert (lower >= 0).all()
    assert (higher >= lower - 1e-9).all()
    parent = np.array(["a", "a", "b"])
    blended_low, blended_high = (blend_with_parent_shares(v, parent, 0.5) for v in (lower, higher))
    assert (blended_low >= 0).all()
    assert (blended_high >= blended_low - 1e-9).all()


def test_half_year_step_moves_half_as_many_up() -> None:
    # 8 people aged 2–3: in half a year a quarter of them (those aged 3.5 and over) turn 4
    assert age_one_year(np.array([[0.0, 8.0, 0.0]]), G, 0.5).tolist() == [[0.0, 6.0, 2.0]]
    # two half-year steps with ratios 1 age like one year
    ratios = Ratios(np.array([[0.0, 1.0, 1.0]]))
    out = project(np.array([[0.0, 8.0, 0.0]]), ratios, G, 2, fertile=FERTILE, step=0.5)
    assert out[-1].tolist() == [[0.0, 4.5, 3.5]]


def test_blend_takes_the_mean_of_own_projection_and_launch_share_of_the_parent() -> None:
    # two areas of one parent, one group: launch 30 | 10 (shares 0.75 | 0.25); own projection 30 | 30,
    # parent sum 60 → share part 45 | 15 → blend 37.5 | 22.5 (parent sum stays 60)
    projected = np.array([[[30.0], [10.0]], [[30.0], [30.0]]])
    out = blend_with_parent_shares(projected, np.array(["p", "p"]), 0.5)
    assert out[-1].ravel().tolist() == [37.5, 22.5]
    assert out[0].ravel().tolist() == [30.0, 10.0]  # the launch year is unchanged
    # a group empty at launch in the whole parent is shared by the areas' total shares
    projected = np.array([[[0.0, 30.0], [0.0, 10.0]], [[4.0, 30.0], [0.0, 10.0]]])
    out = blend_with_parent_shares(projected, np.array(["p", "p"]), 0.5)
    assert out[-1, :, 0].tolist() == [0.5 * 4 + 0.5 * 0.75 * 4, 0.5 * 0.25 * 4]
    assert blend_with_parent_shares(projected, np.array(["p", "q"]), 0.5).tolist() == projected.tolist()


def test_migration_part_of_ratios_under_65_decays_by_phi_each_year() -> None:
    groups = AgeGroups((0, 10, 65))  # 10 to 65: rate 1.2 decays; 65+: 0.9 stays (mostly deaths)
    ratios = Ratios(np.array([[0.0, 1.2, 0.9]]))
    out = project(np.array([[0.0, 0.0, 100.0]]), ratios, groups, 2, decay=0.5, fertile=(10, 65))
    assert out[1:, 0, 2].tolist() == [pytest.approx(90.0), pytest.approx(81.0)]
    out = project(np.array([[0.0, 550.0, 0.0]]), ratios, groups, 2, decay=0.5, fertile=(80, 90))
    # year 1: 550 × 54/55 = 540 stay, × 1.1; year 2: 594 × 54/55 × 1.05
    assert out[1, 0, 1] == pytest.approx(594.0)
    assert out[2, 0, 1] == pytest.approx(594.0 * 54 / 55 * 1.05)


def test_decay_removes_the_net_migration_level_but_keeps_the_age_pattern_of_moves() -> None:
    groups = AgeGroups((0, 10, 20, 30, 65))
    ratios = Ratios(np.array([[0.0, 1.3, 0.9, 1.0, 1.0]]))
    out = project(np.array([[0.0, 100.0, 100.0, 0.0, 0.0]]), ratios, groups, 1, decay=0.0, fertile=(80, 90))
    # aged: 90 | 90 + 10 = 100 | 10 | 0; net level M = (0.3 × 90 − 0.1 × 100 + 0 × 10) / 200 = 0.085
    assert out[1, 0, 1:4].tolist() == [pytest.approx(90 * 1.215), pytest.approx(100 * 0.815), pytest.approx(10 * 0.915)]
    assert out[1, 0, 1:4].sum() == pytest.approx(200.0)  # moves replace each other, no net gain


def test_cohort_component_step_by_hand() -> None:
    from sozialraum.prognose.components import Assumptions, project_components

    # under 2 | 2 to under 4 | 4+: survival 1 | 0.9 | 0.5, migration +0.1 in group 1, births 0.25 per person 2–3
    rates = Assumptions(np.array([1.0, 0.9, 0.5]), np.array([0.1, 0.0, 0.0]), np.array([0.0, 0.25, 0.0]))
    out = project_components(np.array([[4.0, 8.0, 10.0]]), rates, G, 1)
    # aged 2 | 6 | 14; × (1.1 | 0.9 | 0.5) = 2.2 | 5.4 | 7; births 0.25 × 8 = 2 into group 0
    assert out[1].tolist() == [[pytest.approx(4.2), pytest.approx(5.4), pytest.approx(7.0)]]
    closed = Assumptions(np.ones(3), np.zeros(3), np.zeros(3))
    assert project_components(np.array([[4.0, 8.0, 10.0]]), closed, G, 1)[1].tolist() == [[2.0, 6.0, 14.0]]
    more = project_components(np.array([[4.0, 8.0, 10.0]]), rates, G, 5, migration=0.01)
    assert (more >= project_components(np.array([[4.0, 8.0, 10.0]]), rates, G, 5)).all()
