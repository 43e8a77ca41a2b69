"""Polarity as a type: the questions ranks, colours, arrows and sentences ask of it."""

from __future__ import annotations

import pytest

from sozialraum.polarity import Polarity


@pytest.mark.parametrize(
    ("cell", "sign", "rank_ascending"),
    [("hoeher_besser", 1, False), ("hoeher_schlechter", -1, True), ("neutral", 0, False), ("unbekannt", 0, False)],
)
def test_a_catalogue_cell_becomes_its_polarity(cell: str, sign: int, rank_ascending: bool) -> None:
    polarity = Polarity.of(cell)
    assert (polarity.sign, polarity.rank_ascending, polarity.rated) == (sign, rank_ascending, sign != 0)


@pytest.mark.parametrize(
    ("polarity", "change", "favourable"),
    [
        (Polarity.HIGHER_BETTER, 2.0, True),
        (Polarity.HIGHER_BETTER, -2.0, False),
        (Polarity.HIGHER_WORSE, 2.0, False),
        (Polarity.HIGHER_WORSE, -0.5, True),
        (Polarity.NEUTRAL, 2.0, None),
    ],
)
def test_whether_a_change_is_good_news(polarity: Polarity, change: float, favourable: bool | None) -> None:
    assert polarity.favourable(change) is favourable


def test_it_is_still_the_catalogue_text() -> None:
    assert Polarity.HIGHER_WORSE == "hoeher_schlechter" and {"hoeher_besser": 1}[Polarity.HIGHER_BETTER] == 1
    assert Polarity.of(Polarity.NEUTRAL).words == "neutral"
