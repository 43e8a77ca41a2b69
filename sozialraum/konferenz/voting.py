"""Dot voting rules (pure): what a ballot may contain, and the ranking of cards by dots."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

MAX_DOTS = 20


@dataclass(frozen=True)
class VoteRules:
    """`dots` per participant; with `stacking`, several dots may go on one card."""

    dots: int = 3
    stacking: bool = True

    def describe(self) -> str:
        each = "auch mehrere auf dieselbe Karte" if self.stacking else "höchstens einen je Karte"
        return f"{self.dots} {'Punkt' if self.dots == 1 else 'Punkte'} je Person, {each}"


@dataclass(frozen=True)
class RateLimit:
    """A device may change its ballot at most every `min_interval_s`; at most `new_per_minute`
    new ballots per vote and minute (against scripts that invent devices)."""

    min_interval_s: float = 2.0
    new_per_minute: int = 120


def check_ballot(allocation: Mapping[int, int], rules: VoteRules, cards: Iterable[int]) -> list[str]:
    """German messages for everything wrong with a ballot (empty: valid). An empty ballot is valid."""
    problems = []
    valid = set(cards)
    unknown = sorted(c for c in allocation if c not in valid)
    if unknown:
        problems.append(f"Unbekannte oder zusammengeführte Karte(n): {', '.join(map(str, unknown))}.")
    if any((not isinstance(d, int)) or isinstance(d, bool) or d < 0 for d in allocation.values()):
        problems.append("Punkte müssen ganze Zahlen ab 0 sein.")
        return problems
    total = sum(allocation.values())
    if total > rules.dots:
        problems.append(f"Zu viele Punkte: {total} vergeben, erlaubt sind {rules.dots}.")
    if not rules.stacking and any(d > 1 for d in allocation.values()):
        problems.append("In dieser Abstimmung gibt es höchstens einen Punkt je Karte.")
    return problems


def clean_allocation(allocation: Mapping[int, int]) -> dict[int, int]:
    """Drop cards with zero dots."""
    return {int(c): int(d) for c, d in allocation.items() if d}


def ranking(cards: pd.DataFrame, votes: pd.DataFrame) -> pd.DataFrame:
    """Cards (id, art, text, …) with `punkte` (sum of dots), `stimmen` (ballots that gave any) and
    `rang` (1 = most dots; ties share a rank), most dots first, ties in card order."""
    columns = [*cards.columns, "punkte", "stimmen", "rang"]
    if cards.empty:
        return pd.DataFrame(columns=columns)
    if votes.empty:
        points = pd.Series(0, index=cards["id"])
        voters = pd.Series(0, index=cards["id"])
    else:
        grouped = votes[votes["punkte"] > 0].groupby("karte_id")
        points = grouped["punkte"].sum()
        voters = grouped["stimmzettel"].nunique()
    frame = cards.assign(
        punkte=cards["id"].map(points).fillna(0).astype(int),
        stimmen=cards["id"].map(voters).fillna(0).astype(int),
    )
    frame = frame.assign(_order=range(len(frame))).sort_values(["punkte", "_order"], ascending=[False, True])
    frame["rang"] = frame["punkte"].rank(ascending=False, method="min").astype(int)
    return frame.drop(columns="_order").reset_index(drop=True)[columns]


def ballots_text(ballots: int, participants: int | None) -> str:
    """'45 Stimmzettel bei 47 Teilnehmenden'; more ballots than people are named as such (a device
    that cleared its cookies votes again as a new one)."""
    counted = f"{ballots} Stimmzettel"
    if participants is None:
        return f"{counted} (Zahl der Teilnehmenden nicht erfasst)"
    text = f"{counted} bei {participants} Teilnehmenden"
    if ballots > participants:
        text += f" – {ballots - participants} mehr als Teilnehmende: vielleicht haben Geräte doppelt abgestimmt"
    return text
