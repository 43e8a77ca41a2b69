"""Past conferences side by side: counts by kind, rankings, priorities and the summary sentence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sozialraum.konferenz.agenda import Agenda
from sozialraum.konferenz.compare import (
    BALLOTS_ROW,
    TOTAL_ROW,
    conference_result,
    counts_table,
    in_date_order,
    priorities_table,
    ranking_table,
    summary,
)
from sozialraum.konferenz.store import Store
from sozialraum.konferenz.voting import RateLimit, VoteRules


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'k.sqlite'}", rate_limit=RateLimit(min_interval_s=0, new_per_minute=1000))
    yield s
    s.close()


def agenda(cid: str, day: date, gebiet: str = "05") -> Agenda:
    return Agenda(id=cid, titel=f"Konferenz {cid}", datum=day, ort="Saal", gebiet=gebiet, slides=())


EARLY = agenda("bieblach-2024", date(2024, 11, 5))
LATE = agenda("bieblach-2026", date(2026, 12, 10))


def fill_early(store: Store) -> None:
    """2024: three challenges, one strength; the playground wins the vote."""
    ids = [store.add_card(EARLY.id, "herausforderung", t) for t in ("Spielplatz fehlt", "Wenig Ärzte", "Lärm")]
    store.add_card(EARLY.id, "staerke", "Nachbarschaft")
    poll = store.open_poll(EARLY.id, VoteRules(dots=3))
    store.submit_ballot(poll, "a", {ids[0]: 2, ids[1]: 1})
    store.submit_ballot(poll, "b", {ids[0]: 1})
    store.close_poll(poll)
    store.set_priorities(EARLY.id, [(ids[0], "Spielplatz am Hang bauen")])


def fill_late(store: Store) -> None:
    """2026: two ideas, one chance, no vote yet, no priorities."""
    store.add_card(LATE.id, "idee", "Stadtteilcafé")
    store.add_card(LATE.id, "idee", "Sprechstunde Jobcenter vor Ort")
    store.add_card(LATE.id, "chance", "Leere Kita-Räume")


def test_result_reads_counts_ranking_and_priorities(store: Store) -> None:
    fill_early(store)
    result = conference_result(EARLY, store, "Bieblach-Ost")
    assert result.counts == {"staerke": 1, "chance": 0, "herausforderung": 3, "idee": 0}
    assert result.total == 4 and result.ballots == 2
    assert result.top == (("Spielplatz fehlt", 3), ("Wenig Ärzte", 1))  # cards without dots are left out
    assert result.priorities == ("Spielplatz am Hang bauen",)
    assert result.label == "Bieblach-Ost, 05.11.2024"


def test_merged_cards_are_not_counted_twice(store: Store) -> None:
    a = store.add_card(EARLY.id, "idee", "Café")
    b = store.add_card(EARLY.id, "idee", "Treffpunkt")
    store.merge_cards(a, [b])
    assert conference_result(EARLY, store, "Bieblach-Ost").counts["idee"] == 1


def test_tables_put_conferences_side_by_side(store: Store) -> None:
    fill_early(store)
    fill_late(store)
    results = in_date_order(
        [conference_result(LATE, store, "Bieblach-Ost"), conference_result(EARLY, store, "Bieblach-Ost")]
    )
    counts = counts_table(results)
    assert list(counts.columns) == ["Bieblach-Ost, 05.11.2024", "Bieblach-Ost, 10.12.2026"]
    assert counts.loc["Herausforderung"].tolist() == [3, 0]
    assert counts.loc["Idee/Vorschlag"].tolist() == [0, 2]
    assert counts.loc[TOTAL_ROW].tolist() == [4, 3]
    assert counts.loc[BALLOTS_ROW].tolist() == [2, 0]
    ranking = ranking_table(results, places=3)
    assert ranking.iloc[:, 0].tolist() == ["Spielplatz fehlt (3 Punkte)", "Wenig Ärzte (1 Punkt)", "–"]
    assert ranking.iloc[:, 1].tolist() == ["–", "–", "–"]
    priorities = priorities_table(results)
    assert priorities.iloc[:, 0].tolist() == ["Spielplatz am Hang bauen"]
    assert priorities.iloc[:, 1].tolist() == ["–"]


def test_same_label_twice_gets_the_id(store: Store) -> None:
    twin = agenda("bieblach-2024-b", EARLY.datum)
    results = [conference_result(EARLY, store, "Bieblach-Ost"), conference_result(twin, store, "Bieblach-Ost")]
    columns = list(counts_table(results).columns)
    assert len(set(columns)) == 2 and columns[1].endswith("(bieblach-2024-b)")


def test_summary_names_development_kinds_and_leaders(store: Store) -> None:
    fill_early(store)
    fill_late(store)
    results = [conference_result(LATE, store, "Bieblach-Ost"), conference_result(EARLY, store, "Bieblach-Ost")]
    assert summary(results) == (
        "2 Konferenzen in Bieblach-Ost vom 05.11.2024 bis 10.12.2026: Karten 4 → 3, am häufigsten zuerst "
        "„Herausforderung“, zuletzt „Idee/Vorschlag“; vorn in der Abstimmung: „Spielplatz fehlt“ (05.11.2024)."
    )


def test_summary_without_cards_or_votes_and_across_areas(store: Store) -> None:
    other = agenda("lusan-2026", date(2026, 3, 19), gebiet="11")
    results = [conference_result(EARLY, store, "Bieblach-Ost"), conference_result(other, store, "Lusan-Zentrum")]
    assert summary(results) == (
        "2 Konferenzen in 2 Sozialräumen vom 05.11.2024 bis 19.03.2026: Karten 0 → 0; "
        "in keiner der Konferenzen wurde abgestimmt."
    )
    assert summary(results[:1]) == "Für einen Vergleich bitte mindestens zwei Konferenzen wählen."
