"""Dot voting rules and ranking."""

from __future__ import annotations

import pandas as pd

from sozialraum.konferenz.voting import VoteRules, check_ballot, clean_allocation, ranking


def test_rules_allow_up_to_the_dots() -> None:
    rules = VoteRules(dots=3, stacking=True)
    assert check_ballot({1: 3}, rules, [1, 2]) == []
    assert check_ballot({1: 2, 2: 1}, rules, [1, 2]) == []
    assert check_ballot({}, rules, [1, 2]) == []
    assert check_ballot({1: 4}, rules, [1, 2]) == ["Zu viele Punkte: 4 vergeben, erlaubt sind 3."]


def test_without_stacking_one_dot_per_card() -> None:
    rules = VoteRules(dots=3, stacking=False)
    assert check_ballot({1: 1, 2: 1}, rules, [1, 2]) == []
    assert check_ballot({1: 2}, rules, [1, 2]) == ["In dieser Abstimmung gibt es höchstens einen Punkt je Karte."]


def test_unknown_cards_and_negative_dots() -> None:
    rules = VoteRules()
    assert check_ballot({9: 1}, rules, [1]) == ["Unbekannte oder zusammengeführte Karte(n): 9."]
    assert check_ballot({1: -1}, rules, [1]) == ["Punkte müssen ganze Zahlen ab 0 sein."]


def test_describe_and_clean() -> None:
    assert VoteRules(1, False).describe() == "1 Punkt je Person, höchstens einen je Karte"
    assert VoteRules(3, True).describe() == "3 Punkte je Person, auch mehrere auf dieselbe Karte"
    assert clean_allocation({"1": 0, 2: 2}) == {2: 2}


def test_ranking_counts_dots_and_voters_ties_share_a_rank() -> None:
    cards = pd.DataFrame({"id": [10, 11, 12, 13], "text": ["a", "b", "c", "d"]})
    votes = pd.DataFrame({"stimmzettel": [1, 1, 2, 3, 3], "karte_id": [11, 12, 12, 11, 13], "punkte": [2, 1, 1, 0, 2]})
    ranked = ranking(cards, votes)
    assert list(ranked["id"]) == [11, 12, 13, 10]
    assert list(ranked["punkte"]) == [2, 2, 2, 0]
    assert list(ranked["stimmen"]) == [1, 2, 1, 0]
    assert list(ranked["rang"]) == [1, 1, 1, 4]


def test_ranking_without_votes_or_cards() -> None:
    cards = pd.DataFrame({"id": [1, 2], "text": ["a", "b"]})
    empty = pd.DataFrame(columns=["stimmzettel", "karte_id", "punkte"])
    assert list(ranking(cards, empty)["rang"]) == [1, 1]
    assert ranking(cards.iloc[0:0], empty).empty


def test_ballots_against_participants() -> None:
    from sozialraum.konferenz.voting import ballots_text

    assert ballots_text(45, 47) == "45 Stimmzettel bei 47 Teilnehmenden"
    assert ballots_text(3, None) == "3 Stimmzettel (Zahl der Teilnehmenden nicht erfasst)"
    assert ballots_text(50, 47) == (
        "50 Stimmzettel bei 47 Teilnehmenden – 3 mehr als Teilnehmende: vielleicht haben Geräte doppelt abgestimmt"
    )
