"""Past conferences side by side: cards by kind, the voting ranking and the agreed priorities.

"Several conferences can be prepared; past ones stay for comparison": a planner picks two or
more conferences (typically the same Sozialraum at different dates) and sees what the rooms said
and chose. Pure apart from reading the store; the page only draws the tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from ..formatting import format_date
from .agenda import Agenda
from .store import KINDS, Store

TOTAL_ROW = "Karten insgesamt"
BALLOTS_ROW = "Stimmzettel"


@dataclass(frozen=True)
class ConferenceResult:
    """What one conference produced, reduced to what can be compared."""

    agenda: Agenda
    area_name: str
    counts: dict[str, int]  # card kind (KINDS key) → active cards
    ballots: int  # ballots of the vote whose result counts (`Store.result_poll`)
    top: tuple[tuple[str, int], ...]  # (card text, dots) of that vote, most dots first, dots > 0
    priorities: tuple[str, ...]  # agreed Handlungsschwerpunkte in order

    @property
    def label(self) -> str:
        """Column heading: area and date identify a conference better than its (often long) title."""
        return f"{self.area_name}, {format_date(self.agenda.datum)}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def conference_result(agenda: Agenda, store: Store, area_name: str, top_n: int = 5) -> ConferenceResult:
    """Read one conference's cards, counted vote and priorities from the store (a newer empty poll,
    opened by mistake, does not replace the result)."""
    cards = store.cards(agenda.id)
    counts = {kind: int((cards["art"] == kind).sum()) for kind in KINDS}
    poll = store.result_poll(agenda.id)
    top: tuple[tuple[str, int], ...] = ()
    ballots = 0
    if poll is not None:
        ballots = store.ballot_count(poll.id)
        ranked = store.ranking(agenda.id, poll.id)
        ranked = ranked[ranked["punkte"] > 0].head(top_n)
        top = tuple((str(r.text), int(r.punkte)) for r in ranked.itertuples())
    priorities = tuple(text for _, text in store.priorities(agenda.id))
    return ConferenceResult(agenda, area_name, counts, ballots, top, priorities)


def in_date_order(results: Iterable[ConferenceResult]) -> list[ConferenceResult]:
    return sorted(results, key=lambda r: (r.agenda.datum, r.agenda.id))


def _columns(results: Sequence[ConferenceResult]) -> list[str]:
    """Unique column labels (two conferences of one area on one day get their id appended)."""
    labels = [r.label for r in results]
    return [
        f"{label} ({r.agenda.id})" if labels.count(label) > 1 else label
        for label, r in zip(labels, results, strict=True)
    ]


def counts_table(results: Sequence[ConferenceResult]) -> pd.DataFrame:
    """Rows: card kinds, all cards, ballots; one column per conference."""
    rows = [*KINDS.values(), TOTAL_ROW, BALLOTS_ROW]
    data = {
        column: [*(r.counts[k] for k in KINDS), r.total, r.ballots]
        for column, r in zip(_columns(results), results, strict=True)
    }
    return pd.DataFrame(data, index=pd.Index(rows, name="Karten nach Art"))


def _dots(n: int) -> str:
    return f"{n} {'Punkt' if n == 1 else 'Punkte'}"


def ranking_table(results: Sequence[ConferenceResult], places: int = 5) -> pd.DataFrame:
    """Rows: places 1…n of each conference's latest vote, as 'text (n Punkte)'; '–' where none."""
    index = pd.Index([f"{i}." for i in range(1, places + 1)], name="Platz")
    data = {
        column: [f"{r.top[i][0]} ({_dots(r.top[i][1])})" if i < len(r.top) else "–" for i in range(places)]
        for column, r in zip(_columns(results), results, strict=True)
    }
    return pd.DataFrame(data, index=index)


def priorities_table(results: Sequence[ConferenceResult]) -> pd.DataFrame:
    """Rows: agreed Handlungsschwerpunkte 1…n of each conference; '–' where fewer were agreed."""
    rows = max((len(r.priorities) for r in results), default=0) or 1
    index = pd.Index([f"{i}." for i in range(1, rows + 1)], name="Handlungsschwerpunkt")
    data = {
        column: [r.priorities[i] if i < len(r.priorities) else "–" for i in range(rows)]
        for column, r in zip(_columns(results), results, strict=True)
    }
    return pd.DataFrame(data, index=index)


def _largest_kind(result: ConferenceResult) -> str:
    """The kind named most often ('' when there are no cards; ties: the first in KINDS order)."""
    if result.total == 0:
        return ""
    kind = max(KINDS, key=lambda k: result.counts[k])
    return KINDS[kind]


def summary(results: Sequence[ConferenceResult]) -> str:
    """One German sentence: how the card counts developed, what was named most, what came out on top."""
    ordered = in_date_order(results)
    if len(ordered) < 2:
        return "Für einen Vergleich bitte mindestens zwei Konferenzen wählen."
    first, last = ordered[0], ordered[-1]
    areas = {r.agenda.gebiet for r in ordered}
    where = f"in {first.area_name}" if len(areas) == 1 else f"in {len(areas)} Sozialräumen"
    totals = " → ".join(str(r.total) for r in ordered)
    sentence = (
        f"{len(ordered)} Konferenzen {where} vom {format_date(first.agenda.datum)} bis "
        f"{format_date(last.agenda.datum)}: Karten {totals}"
    )
    if first.total and last.total:
        most_first, most_last = _largest_kind(first), _largest_kind(last)
        named = (
            f"am häufigsten jeweils „{most_first}“"
            if most_first == most_last
            else f"am häufigsten zuerst „{most_first}“, zuletzt „{most_last}“"
        )
        sentence += f", {named}"
    leaders = [f"„{r.top[0][0]}“ ({format_date(r.agenda.datum)})" for r in ordered if r.top]
    if leaders:
        sentence += "; vorn in der Abstimmung: " + ", ".join(leaders)
    else:
        sentence += "; in keiner der Konferenzen wurde abgestimmt"
    return sentence + "."
