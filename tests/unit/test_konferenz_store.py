"""The conference store on SQLite (always) and PostgreSQL (when a server is given, always in CI)."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from sozialraum.konferenz.schema import polls
from sozialraum.konferenz.store import DB_DIR_ENV, DB_URL_ENV, Store, StoreError, default_url, normalise_url
from sozialraum.konferenz.voting import RateLimit, VoteRules
from tests.conftest import in_ci

PG_URL_ENV = "SOZIALRAUM_TEST_PG_URL"
NO_LIMIT = RateLimit(min_interval_s=0, new_per_minute=10_000)


def _pg_url() -> str:
    url = os.environ.get(PG_URL_ENV, "")
    if not url:
        if in_ci():
            pytest.fail(
                f"{PG_URL_ENV} fehlt; CI=true erwartet einen PostgreSQL-Server (.ci/run startet ihn)", pytrace=False
            )
        pytest.skip(f"kein PostgreSQL: {PG_URL_ENV} ist nicht gesetzt")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'konferenz.sqlite'}"
    return _pg_url()


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    s = Store(url, rate_limit=NO_LIMIT)
    yield s
    s.close()


@pytest.fixture
def cid(store: Store) -> Iterator[str]:
    """A fresh conference id, so tests on the shared PostgreSQL database do not meet."""
    konferenz = f"test-{uuid.uuid4().hex[:12]}"
    yield konferenz
    store.forget(konferenz)


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    s = Store(f"sqlite:///{tmp_path / 'a' / 'k.sqlite'}")
    with s.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert (tmp_path / "a" / "k.sqlite").is_file()
    s.close()


def test_default_location_and_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(DB_URL_ENV, raising=False)
    monkeypatch.setenv(DB_DIR_ENV, str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path / 'konferenz.sqlite'}"
    monkeypatch.setenv(DB_URL_ENV, "postgresql://u:p@h/db")
    assert default_url() == "postgresql://u:p@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_cards_add_edit_move_merge(store: Store, cid: str) -> None:
    a = store.add_card(cid, "staerke", "  Gute   Nachbarschaft ", folie=8)
    b = store.add_card(cid, "herausforderung", "Leerstand in der Straße der Jugend", handlungsfeld_id="5")
    c = store.add_card(cid, "idee", "Spielplatz", massnahme_id="5.5.1")
    assert list(store.cards(cid)["id"]) == [a, b, c]
    assert store.cards(cid).set_index("id").at[a, "text"] == "Gute Nachbarschaft"
    store.move_card(c, -1)
    assert list(store.cards(cid)["id"]) == [a, c, b]
    store.move_card(c, -10)
    assert list(store.cards(cid)["id"]) == [c, a, b]
    store.update_card(b, text="Leerstand", art="chance", folie=3)
    row = store.cards(cid).set_index("id").loc[b]
    assert (row["text"], row["art"], row["art_text"], row["folie"]) == ("Leerstand", "chance", "Chance", 3)
    store.merge_cards(a, [b])
    cards = store.cards(cid)
    assert list(cards["id"]) == [c, a]
    assert cards.set_index("id").at[a, "text"] == "Gute Nachbarschaft / Leerstand"
    everything = store.cards(cid, include_merged=True).set_index("id")
    assert everything.at[b, "zusammengefuehrt_in"] == a


def test_card_rules(store: Store, cid: str) -> None:
    with pytest.raises(StoreError, match="Text"):
        store.add_card(cid, "staerke", "   ")
    with pytest.raises(StoreError, match="Kartenart"):
        store.add_card(cid, "schwaeche", "x")
    with pytest.raises(StoreError, match="gibt es nicht"):
        store.update_card(999_999, text="x")


def test_voting_round_trip_and_ranking(store: Store, cid: str) -> None:
    a, b, c = (store.add_card(cid, "idee", t) for t in ("Treffpunkt", "Spielplatz", "Beratung"))
    poll = store.open_poll(cid, VoteRules(dots=3, stacking=True))
    store.submit_ballot(poll, "telefon-1", {a: 2, b: 1})
    store.submit_ballot(poll, "telefon-2", {b: 3})
    store.submit_ballot(poll, "telefon-1", {a: 3})  # a device changes its mind: replaced, not added
    ranked = store.ranking(cid)
    assert list(zip(ranked["id"], ranked["punkte"], ranked["rang"], strict=True)) == [(a, 3, 1), (b, 3, 1), (c, 0, 3)]
    assert store.ballot(poll, "telefon-1") == {a: 3}
    assert store.ballot(poll, "telefon-3") is None
    assert store.ballot_count(poll) == 2
    votes = store.votes(cid)
    assert sorted(votes["stimmzettel"].unique()) == [1, 2]
    assert "telefon-1" not in votes.to_csv()


def test_ballots_follow_the_rules(store: Store, cid: str) -> None:
    a, b = store.add_card(cid, "idee", "A"), store.add_card(cid, "idee", "B")
    poll = store.open_poll(cid, VoteRules(dots=2, stacking=False))
    with pytest.raises(StoreError, match="Zu viele Punkte"):
        store.submit_ballot(poll, "x", {a: 1, b: 1, 12345: 1})
    with pytest.raises(StoreError, match="höchstens einen Punkt je Karte"):
        store.submit_ballot(poll, "x", {a: 2})
    store.submit_ballot(poll, "x", {a: 1, b: 1})
    store.close_poll(poll)
    with pytest.raises(StoreError, match="geschlossen"):
        store.submit_ballot(poll, "y", {a: 1})
    assert not store.latest_poll(cid).offen
    store.reopen_poll(poll)
    assert store.latest_poll(cid).offen


def test_a_new_vote_closes_the_open_one(store: Store, cid: str) -> None:
    first = store.open_poll(cid, VoteRules())
    second = store.open_poll(cid, VoteRules(dots=5))
    assert not store.poll(first).offen and store.poll(second).offen
    assert store.latest_poll(cid).rules.dots == 5


def test_rate_limit(url: str, cid: str) -> None:
    s = Store(url, rate_limit=RateLimit(min_interval_s=2, new_per_minute=2))
    card = s.add_card(cid, "idee", "A")
    poll = s.open_poll(cid, VoteRules())
    s.submit_ballot(poll, "a", {card: 1}, now=1000.0)
    with pytest.raises(StoreError, match="warten"):
        s.submit_ballot(poll, "a", {card: 2}, now=1001.0)
    s.submit_ballot(poll, "a", {card: 2}, now=1002.5)
    s.submit_ballot(poll, "b", {card: 1}, now=1003.0)
    with pytest.raises(StoreError, match="sehr viele Geräte"):
        s.submit_ballot(poll, "c", {card: 1}, now=1004.0)
    s.forget(cid)
    s.close()


def test_merging_moves_dots(store: Store, cid: str) -> None:
    a, b = store.add_card(cid, "idee", "A"), store.add_card(cid, "idee", "B")
    poll = store.open_poll(cid, VoteRules(dots=3))
    store.submit_ballot(poll, "x", {a: 1, b: 2})
    store.submit_ballot(poll, "y", {b: 1})
    store.merge_cards(a, [b])
    ranked = store.ranking(cid)
    assert list(ranked["punkte"]) == [4] and list(ranked["stimmen"]) == [2]
    with pytest.raises(StoreError, match="Punkte"):
        store.delete_card(a)


def test_priorities_participants_and_shown_slides(store: Store, cid: str) -> None:
    card = store.add_card(cid, "idee", "Treffpunkt")
    store.set_priorities(cid, [(card, "Treffpunkt für Jugendliche"), (None, "Leerstand angehen"), (None, " ")])
    assert store.priorities(cid) == [(card, "Treffpunkt für Jugendliche"), (None, "Leerstand angehen")]
    store.set_priorities(cid, [(None, "Nur noch einer")])
    assert store.priorities(cid) == [(None, "Nur noch einer")]
    assert store.participants(cid) is None
    store.set_participants(cid, 31)
    store.set_participants(cid, 32)
    assert store.participants(cid) == 32
    for slide in (3, 1, 3):
        store.mark_shown(cid, slide)
    assert store.shown_slides(cid) == [1, 3]


def test_data_survive_a_new_store(url: str, cid: str) -> None:
    """A server restart: a new Store on the same database sees everything."""
    first = Store(url)
    card = first.add_card(cid, "staerke", "Bleibt")
    first.close()
    second = Store(url)
    assert list(second.cards(cid)["id"]) == [card]
    second.forget(cid)
    second.close()


WRITES = 40


def _write_many(url: str, cid: str, writer: str) -> None:
    s = Store(url, rate_limit=NO_LIMIT)
    poll = s.latest_poll(cid).id
    for i in range(WRITES):
        card = s.add_card(cid, "idee", f"{writer}-{i}")
        s.submit_ballot(poll, f"{writer}-{i}", {card: 1})
    s.close()


def test_two_writer_threads_lose_nothing(store: Store, url: str, cid: str) -> None:
    store.open_poll(cid, VoteRules(dots=1))
    errors: list[BaseException] = []

    def write(name: str) -> None:
        try:
            _write_many(url, cid, name)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("links", "rechts")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    cards = store.cards(cid)
    assert len(cards) == 2 * WRITES and cards["position"].is_unique
    assert store.ballot_count(store.latest_poll(cid).id) == 2 * WRITES
    assert int(store.ranking(cid)["punkte"].sum()) == 2 * WRITES


def test_two_writer_processes_lose_nothing(store: Store, url: str, cid: str) -> None:
    store.open_poll(cid, VoteRules(dots=1))
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(_write_many, [url, url], [cid, cid], ["a", "b"]))
    texts = set(store.cards(cid)["text"])
    assert texts == {f"{w}-{i}" for w in "ab" for i in range(WRITES)}
    assert store.ballot_count(store.latest_poll(cid).id) == 2 * WRITES


def test_a_closed_vote_takes_no_ballot_and_keeps_the_old_one(store: Store, cid: str) -> None:
    """The store itself refuses (the voting page hides the form too, but a stale page could still send)."""
    a, b = store.add_card(cid, "idee", "A"), store.add_card(cid, "idee", "B")
    poll = store.open_poll(cid, VoteRules(dots=2))
    store.submit_ballot(poll, "telefon-1", {a: 2})
    store.close_poll(poll)
    with pytest.raises(StoreError, match="geschlossen"):
        store.submit_ballot(poll, "telefon-1", {b: 2})  # a change after closing
    with pytest.raises(StoreError, match="geschlossen"):
        store.submit_ballot(poll, "telefon-2", {b: 1})  # a new device after closing
    assert store.ballot(poll, "telefon-1") == {a: 2} and store.ballot(poll, "telefon-2") is None
    assert store.ballot_count(poll) == 1
    with pytest.raises(StoreError, match="gibt es nicht"):
        store.submit_ballot(poll + 1000, "telefon-3", {a: 1})  # no vote was ever opened with this id
    assert len(store.votes(cid)) == 1


def test_several_polls_keep_question_and_result_and_a_closed_one_reopens(store: Store, cid: str) -> None:
    a, b = store.add_card(cid, "idee", "Treffpunkt"), store.add_card(cid, "idee", "Spielplatz")
    first = store.open_poll(cid, VoteRules(dots=2), frage="Was zuerst?", folie=7, now=1000.0)
    for device in ("t1", "t2", "t3"):
        store.submit_ballot(first, device, {a: 2}, now=1010.0)
    store.close_poll(first, now=1100.0)
    second = store.open_poll(cid, VoteRules(dots=1), frage="Wer kümmert sich?", folie=8, now=1200.0)
    store.submit_ballot(second, "t1", {b: 1}, now=1210.0)
    assert [(p.nummer, p.frage, p.folie, p.offen) for p in store.polls(cid)] == [
        (1, "Was zuerst?", 7, False),
        (2, "Wer kümmert sich?", 8, True),
    ]
    assert store.poll(second).label == "Abstimmung 2: Wer kümmert sich?"
    assert store.ballot_counts(cid) == {first: 3, second: 1}
    assert int(store.ranking(cid, first).set_index("id").at[a, "punkte"]) == 6  # the first result stays
    store.reopen_poll(first)
    assert store.poll(first).offen and not store.poll(second).offen
    assert store.latest_poll(cid).id == first  # ballots go to the reopened vote
    store.submit_ballot(first, "t4", {b: 2}, now=1300.0)
    assert store.ballot_count(first) == 4 and store.ballot_count(second) == 1
    with pytest.raises(StoreError, match="geschlossen"):
        store.submit_ballot(second, "t5", {b: 1}, now=1300.0)


def test_an_empty_newer_poll_is_not_the_result(store: Store, cid: str) -> None:
    a = store.add_card(cid, "idee", "Treffpunkt")
    counted = store.open_poll(cid, VoteRules(dots=3), now=1000.0)
    store.submit_ballot(counted, "t1", {a: 3}, now=1001.0)
    store.close_poll(counted, now=1100.0)
    empty = store.open_poll(cid, VoteRules(dots=3), now=2000.0)
    store.close_poll(empty, now=2100.0)
    assert store.latest_poll(cid).id == empty
    assert store.result_poll(cid).id == counted
    assert list(store.ranking(cid)["punkte"]) == [3]


def test_a_double_click_neither_opens_twice_nor_closes_the_new_poll(store: Store, cid: str) -> None:
    """Two presses 0.8 s apart on "Abstimmung öffnen", or on the button that turns into "schließen"."""
    earlier = store.open_poll(cid, VoteRules(dots=3), now=900.0)
    store.close_poll(earlier, now=950.0)
    poll = store.open_poll(cid, VoteRules(dots=3), frage="F", folie=5, now=1000.0)
    assert store.open_poll(cid, VoteRules(dots=3), frage="F", folie=5, now=1000.8) == poll
    with pytest.raises(StoreError, match="eben erst geöffnet"):
        store.close_poll(poll, now=1000.8)
    assert store.poll(poll).offen and len(store.polls(cid)) == 2
    store.close_poll(poll, now=1030.0)  # a deliberate press later closes it
    assert not store.poll(poll).offen


def test_an_older_database_gains_the_new_poll_columns(url: str) -> None:
    """A store made before polls had a question and slide keeps working (SQLite and PostgreSQL)."""
    cid = f"alt-{uuid.uuid4().hex[:8]}"
    if url.startswith("postgres"):
        schema = f"alt_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(normalise_url(url))
        with admin.begin() as c:
            c.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url = f"{url}?options=-csearch_path%3D{schema}"
    old = sa.create_engine(normalise_url(url))
    before = sa.MetaData()  # the poll table as the previous version created it
    sa.Table("sr_abstimmung", before, *(c._copy() for c in polls.columns if c.name not in ("frage", "folie")))
    before.create_all(old)
    with old.begin() as c:
        c.execute(
            before.tables["sr_abstimmung"]
            .insert()
            .values(konferenz_id=cid, punkte=3, haeufeln=True, offen=False, geoeffnet=1000.0, geschlossen=1100.0)
        )
    old.dispose()
    try:
        s = Store(url, rate_limit=NO_LIMIT)
        assert [(p.nummer, p.frage, p.folie, p.offen) for p in s.polls(cid)] == [(1, "", None, False)]
        card = s.add_card(cid, "idee", "Neu")
        poll = s.open_poll(cid, VoteRules(dots=2), frage="Neue Frage")
        s.submit_ballot(poll, "t1", {card: 2})
        assert s.poll(poll).label == "Abstimmung 2: Neue Frage"
        s.close()
    finally:
        if url.startswith("postgres"):
            with admin.begin() as c:
                c.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
            admin.dispose()
