"""Persistence of what a conference produces: cards, votes, agreed priorities, slides shown.

A small repository on SQLAlchemy Core. SQLite by default (one file, WAL mode, write
transactions start with BEGIN IMMEDIATE so two writers queue instead of failing); PostgreSQL
via a connection URL (`SOZIALRAUM_DB_URL`, e.g. ``postgresql://user:pw@host/db``) for
deployments with several app instances. Every public method is one transaction.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect

from ..settings import REPO_ROOT
from .voting import RateLimit, VoteRules, check_ballot, clean_allocation, ranking

DB_URL_ENV = "SOZIALRAUM_DB_URL"
DB_DIR_ENV = "SOZIALRAUM_DB_DIR"
DEFAULT_DB_DIR = REPO_ROOT / "var"
DB_FILE = "konferenz.sqlite"

# card kinds: code → label shown to people
KINDS = {
    "staerke": "Stärke",
    "chance": "Chance",
    "herausforderung": "Herausforderung",
    "idee": "Idee/Vorschlag",
}

metadata = sa.MetaData()

conferences = sa.Table(
    "sr_konferenz",
    metadata,
    sa.Column("konferenz_id", sa.String(64), primary_key=True),
    sa.Column("teilnehmende", sa.Integer, nullable=True),
    sa.Column("geaendert", sa.Float, nullable=False),
)
cards = sa.Table(
    "sr_karte",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("konferenz_id", sa.String(64), nullable=False, index=True),
    sa.Column("folie", sa.Integer, nullable=True),
    sa.Column("art", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("handlungsfeld_id", sa.String(20), nullable=True),
    sa.Column("massnahme_id", sa.String(20), nullable=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("zusammengefuehrt_in", sa.Integer, nullable=True),
    sa.Column("erstellt", sa.Float, nullable=False),
    sa.Column("geaendert", sa.Float, nullable=False),
)
polls = sa.Table(
    "sr_abstimmung",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("konferenz_id", sa.String(64), nullable=False, index=True),
    sa.Column("punkte", sa.Integer, nullable=False),
    sa.Column("haeufeln", sa.Boolean, nullable=False),
    sa.Column("offen", sa.Boolean, nullable=False),
    sa.Column("geoeffnet", sa.Float, nullable=False),
    sa.Column("geschlossen", sa.Float, nullable=True),
)
ballots = sa.Table(
    "sr_stimmzettel",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("abstimmung_id", sa.Integer, sa.ForeignKey("sr_abstimmung.id"), nullable=False),
    sa.Column("geraet", sa.String(64), nullable=False),  # hash of the device token, never the token
    sa.Column("erstellt", sa.Float, nullable=False),
    sa.Column("geaendert", sa.Float, nullable=False),
    sa.UniqueConstraint("abstimmung_id", "geraet", name="sr_stimmzettel_einmal_je_geraet"),
)
votes = sa.Table(
    "sr_stimme",
    metadata,
    sa.Column("stimmzettel_id", sa.Integer, sa.ForeignKey("sr_stimmzettel.id"), primary_key=True),
    sa.Column("karte_id", sa.Integer, sa.ForeignKey("sr_karte.id"), primary_key=True),
    sa.Column("punkte", sa.Integer, nullable=False),
)
priorities = sa.Table(
    "sr_schwerpunkt",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("konferenz_id", sa.String(64), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("karte_id", sa.Integer, nullable=True),
)
shown = sa.Table(
    "sr_gezeigt",
    metadata,
    sa.Column("konferenz_id", sa.String(64), primary_key=True),
    sa.Column("folie", sa.Integer, primary_key=True),
    sa.Column("zuerst", sa.Float, nullable=False),
)


class StoreError(ValueError):
    """A request the rules do not allow; the message is German and meant for the person."""


@dataclass(frozen=True)
class Poll:
    id: int
    konferenz_id: str
    rules: VoteRules
    offen: bool
    geoeffnet: float
    geschlossen: float | None


def default_url() -> str:
    """$SOZIALRAUM_DB_URL, else SQLite in $SOZIALRAUM_DB_DIR (default `var/`)."""
    url = os.environ.get(DB_URL_ENV, "").strip()
    if url:
        return url
    folder = Path(os.environ.get(DB_DIR_ENV) or DEFAULT_DB_DIR)
    return f"sqlite:///{folder / DB_FILE}"


def normalise_url(url: str) -> str:
    """`postgres://` and `postgresql://` use the psycopg (3) driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def device_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()[:40]


def _create_engine(url: str) -> sa.Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
            dbapi_connection.isolation_level = None  # SQLAlchemy's BEGIN below, not pysqlite's
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(connection: sa.Connection) -> None:
            # writers take the lock at once: two read-then-write transactions cannot deadlock
            mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
            connection.exec_driver_sql(f"BEGIN {mode}")

        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


class Store:
    """All reads and writes of conference results."""

    def __init__(self, url: str | None = None, rate_limit: RateLimit | None = None) -> None:
        self.url = normalise_url(url or default_url())
        self.engine = _create_engine(self.url)
        self.rate_limit = rate_limit or RateLimit()
        metadata.create_all(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def describe(self) -> str:
        """Where the data lives, without a password."""
        return sa.engine.make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def _write(self):  # noqa: ANN202
        return self.engine.begin()

    def _read(self) -> sa.Connection:
        connection = self.engine.connect()
        return connection.execution_options(sqlite_begin="DEFERRED")

    def _insert(self, table: sa.Table):  # noqa: ANN202
        module = pg_dialect if self.dialect == "postgresql" else sqlite_dialect
        return module.insert(table)

    # --- conference --------------------------------------------------------------------

    def participants(self, konferenz_id: str) -> int | None:
        with self._read() as c:
            row = c.execute(sa.select(conferences.c.teilnehmende).where(conferences.c.konferenz_id == konferenz_id))
            value = row.scalar_one_or_none()
        return int(value) if value is not None else None

    def set_participants(self, konferenz_id: str, count: int | None) -> None:
        if count is not None and count < 0:
            raise StoreError("Die Zahl der Teilnehmenden kann nicht negativ sein.")
        statement = self._insert(conferences).values(konferenz_id=konferenz_id, teilnehmende=count, geaendert=_now())
        statement = statement.on_conflict_do_update(
            index_elements=["konferenz_id"], set_={"teilnehmende": count, "geaendert": _now()}
        )
        with self._write() as c:
            c.execute(statement)

    def _lock_conference(self, c: sa.Connection, konferenz_id: str) -> None:
        """Serialise writers of one conference (PostgreSQL row lock; SQLite's BEGIN IMMEDIATE does it anyway)."""
        c.execute(
            self._insert(conferences)
            .values(konferenz_id=konferenz_id, geaendert=_now())
            .on_conflict_do_nothing(index_elements=["konferenz_id"])
        )
        c.execute(
            sa.select(conferences.c.konferenz_id).where(conferences.c.konferenz_id == konferenz_id).with_for_update()
        )

    def mark_shown(self, konferenz_id: str, folie: int) -> None:
        """Remember that a slide was shown (the protocol lists these)."""
        statement = self._insert(shown).values(konferenz_id=konferenz_id, folie=folie, zuerst=_now())
        with self._write() as c:
            c.execute(statement.on_conflict_do_nothing(index_elements=["konferenz_id", "folie"]))

    def shown_slides(self, konferenz_id: str) -> list[int]:
        with self._read() as c:
            rows = c.execute(
                sa.select(shown.c.folie).where(shown.c.konferenz_id == konferenz_id).order_by(shown.c.folie)
            )
            return [int(r[0]) for r in rows]

    # --- cards -------------------------------------------------------------------------

    def add_card(
        self,
        konferenz_id: str,
        art: str,
        text: str,
        folie: int | None = None,
        handlungsfeld_id: str | None = None,
        massnahme_id: str | None = None,
    ) -> int:
        text = _card_text(text)
        _check_kind(art)
        now = _now()
        with self._write() as c:
            self._lock_conference(c, konferenz_id)  # positions are max + 1: one writer at a time
            top = c.execute(
                sa.select(sa.func.max(cards.c.position)).where(cards.c.konferenz_id == konferenz_id)
            ).scalar()
            result = c.execute(
                cards.insert().values(
                    konferenz_id=konferenz_id,
                    folie=folie,
                    art=art,
                    text=text,
                    handlungsfeld_id=handlungsfeld_id or None,
                    massnahme_id=massnahme_id or None,
                    position=(top or 0) + 1,
                    erstellt=now,
                    geaendert=now,
                )
            )
            return int(result.inserted_primary_key[0])

    def update_card(self, card_id: int, **changes: object) -> None:
        """Change text, art, folie, handlungsfeld_id or massnahme_id of a card."""
        allowed = {"text", "art", "folie", "handlungsfeld_id", "massnahme_id"}
        unknown = set(changes) - allowed
        if unknown:
            raise StoreError(f"Unbekannte Angaben: {', '.join(sorted(unknown))}.")
        if "text" in changes:
            changes["text"] = _card_text(str(changes["text"]))
        if "art" in changes:
            _check_kind(str(changes["art"]))
        for key in ("handlungsfeld_id", "massnahme_id"):
            if key in changes:
                changes[key] = changes[key] or None
        with self._write() as c:
            done = c.execute(cards.update().where(cards.c.id == card_id).values(**changes, geaendert=_now()))
            if done.rowcount == 0:
                raise StoreError(f"Karte {card_id} gibt es nicht.")

    def delete_card(self, card_id: int) -> None:
        with self._write() as c:
            if c.execute(sa.select(votes.c.karte_id).where(votes.c.karte_id == card_id).limit(1)).first():
                raise StoreError(
                    "Auf dieser Karte liegen schon Punkte; führen Sie sie besser mit einer anderen zusammen."
                )
            c.execute(cards.delete().where(cards.c.id == card_id))

    def move_card(self, card_id: int, step: int) -> None:
        """Move a card `step` places up (negative) or down within its conference's order."""
        with self._write() as c:
            card = c.execute(sa.select(cards).where(cards.c.id == card_id)).mappings().first()
            if card is None:
                raise StoreError(f"Karte {card_id} gibt es nicht.")
            self._lock_conference(c, card["konferenz_id"])
            order = c.execute(
                sa.select(cards.c.id, cards.c.position)
                .where(cards.c.konferenz_id == card["konferenz_id"], cards.c.zusammengefuehrt_in.is_(None))
                .order_by(cards.c.position, cards.c.id)
            ).all()
            ids = [r.id for r in order]
            index = ids.index(card_id)
            target = max(0, min(len(ids) - 1, index + step))
            if target == index:
                return
            ids.insert(target, ids.pop(index))
            for position, cid in enumerate(ids, start=1):
                c.execute(cards.update().where(cards.c.id == cid).values(position=position))

    def merge_cards(self, target_id: int, source_ids: Iterable[int]) -> None:
        """Merge cards into `target_id`: their texts are appended, their dots move over, they
        stay in the record as „zusammengeführt in …“ (the protocol lists them)."""
        sources = [int(s) for s in source_ids if int(s) != target_id]
        if not sources:
            return
        with self._write() as c:
            target = c.execute(sa.select(cards).where(cards.c.id == target_id)).mappings().first()
            rows = c.execute(sa.select(cards).where(cards.c.id.in_(sources))).mappings().all()
            if target is None or len(rows) != len(sources):
                raise StoreError("Eine der Karten gibt es nicht.")
            if any(r["konferenz_id"] != target["konferenz_id"] for r in rows):
                raise StoreError("Nur Karten derselben Konferenz lassen sich zusammenführen.")
            text = " / ".join([target["text"], *(r["text"] for r in rows)])
            c.execute(cards.update().where(cards.c.id == target_id).values(text=text, geaendert=_now()))
            c.execute(
                cards.update().where(cards.c.id.in_(sources)).values(zusammengefuehrt_in=target_id, geaendert=_now())
            )
            c.execute(
                cards.update().where(cards.c.zusammengefuehrt_in.in_(sources)).values(zusammengefuehrt_in=target_id)
            )
            moved = c.execute(sa.select(votes).where(votes.c.karte_id.in_(sources))).mappings().all()
            c.execute(votes.delete().where(votes.c.karte_id.in_(sources)))
            for vote in moved:
                existing = c.execute(
                    sa.select(votes.c.punkte).where(
                        votes.c.stimmzettel_id == vote["stimmzettel_id"], votes.c.karte_id == target_id
                    )
                ).scalar_one_or_none()
                if existing is None:
                    c.execute(
                        votes.insert().values(
                            stimmzettel_id=vote["stimmzettel_id"], karte_id=target_id, punkte=vote["punkte"]
                        )
                    )
                else:
                    c.execute(
                        votes.update()
                        .where(votes.c.stimmzettel_id == vote["stimmzettel_id"], votes.c.karte_id == target_id)
                        .values(punkte=existing + vote["punkte"])
                    )

    def cards(self, konferenz_id: str, include_merged: bool = False) -> pd.DataFrame:
        """Cards in their order; columns as in the table plus `art_text`."""
        query = sa.select(cards).where(cards.c.konferenz_id == konferenz_id).order_by(cards.c.position, cards.c.id)
        if not include_merged:
            query = query.where(cards.c.zusammengefuehrt_in.is_(None))
        with self._read() as c:
            rows = c.execute(query).mappings().all()
        frame = pd.DataFrame([dict(r) for r in rows], columns=[col.name for col in cards.columns])
        frame["folie"] = frame["folie"].astype("Int64")
        frame["zusammengefuehrt_in"] = frame["zusammengefuehrt_in"].astype("Int64")
        return frame.assign(art_text=frame["art"].map(KINDS))

    # --- voting ------------------------------------------------------------------------

    def open_poll(self, konferenz_id: str, rules: VoteRules) -> int:
        """Open a new vote (an open one of the conference is closed first)."""
        if not 1 <= rules.dots <= 20:
            raise StoreError("Je Person sind 1 bis 20 Punkte möglich.")
        now = _now()
        with self._write() as c:
            c.execute(
                polls.update()
                .where(polls.c.konferenz_id == konferenz_id, polls.c.offen.is_(True))
                .values(offen=False, geschlossen=now)
            )
            result = c.execute(
                polls.insert().values(
                    konferenz_id=konferenz_id, punkte=rules.dots, haeufeln=rules.stacking, offen=True, geoeffnet=now
                )
            )
            return int(result.inserted_primary_key[0])

    def close_poll(self, poll_id: int) -> None:
        with self._write() as c:
            c.execute(
                sa.select(polls.c.id).where(polls.c.id == poll_id).with_for_update()
            )  # waits for ballots being written
            c.execute(
                polls.update()
                .where(polls.c.id == poll_id, polls.c.offen.is_(True))
                .values(offen=False, geschlossen=_now())
            )

    def reopen_poll(self, poll_id: int) -> None:
        with self._write() as c:
            row = c.execute(sa.select(polls.c.konferenz_id).where(polls.c.id == poll_id)).first()
            if row is None:
                raise StoreError("Diese Abstimmung gibt es nicht.")
            c.execute(
                polls.update()
                .where(polls.c.konferenz_id == row.konferenz_id, polls.c.id != poll_id, polls.c.offen.is_(True))
                .values(offen=False, geschlossen=_now())
            )
            c.execute(polls.update().where(polls.c.id == poll_id).values(offen=True, geschlossen=None))

    def latest_poll(self, konferenz_id: str) -> Poll | None:
        """The open vote of the conference, else the last one, else None."""
        query = (
            sa.select(polls)
            .where(polls.c.konferenz_id == konferenz_id)
            .order_by(polls.c.offen.desc(), polls.c.id.desc())
            .limit(1)
        )
        with self._read() as c:
            row = c.execute(query).mappings().first()
        return _poll(row) if row else None

    def poll(self, poll_id: int) -> Poll | None:
        with self._read() as c:
            row = c.execute(sa.select(polls).where(polls.c.id == poll_id)).mappings().first()
        return _poll(row) if row else None

    def submit_ballot(
        self, poll_id: int, device_token: str, allocation: Mapping[int, int], now: float | None = None
    ) -> int:
        """Store (or replace) the ballot of one device; returns the ballot id.

        Raises `StoreError` with a German message when the vote is closed, the ballot breaks
        the rules, or the device sends too fast.
        """
        now = _now() if now is None else now
        device = device_hash(device_token)
        allocation = clean_allocation(allocation)
        with self._write() as c:
            poll = c.execute(sa.select(polls).where(polls.c.id == poll_id).with_for_update()).mappings().first()
            if poll is None:
                raise StoreError("Diese Abstimmung gibt es nicht.")
            if not poll["offen"]:
                raise StoreError("Die Abstimmung ist geschlossen.")
            valid = c.execute(
                sa.select(cards.c.id).where(
                    cards.c.konferenz_id == poll["konferenz_id"], cards.c.zusammengefuehrt_in.is_(None)
                )
            ).scalars()
            problems = check_ballot(allocation, VoteRules(poll["punkte"], poll["haeufeln"]), valid)
            if problems:
                raise StoreError(" ".join(problems))
            ballot = (
                c.execute(sa.select(ballots).where(ballots.c.abstimmung_id == poll_id, ballots.c.geraet == device))
                .mappings()
                .first()
            )
            if ballot is None:
                recent = c.execute(
                    sa.select(sa.func.count())
                    .select_from(ballots)
                    .where(ballots.c.abstimmung_id == poll_id, ballots.c.erstellt > now - 60)
                ).scalar_one()
                if recent >= self.rate_limit.new_per_minute:
                    raise StoreError("Gerade stimmen sehr viele Geräte ab. Bitte in einer Minute noch einmal senden.")
                ballot_id = int(
                    c.execute(
                        ballots.insert().values(abstimmung_id=poll_id, geraet=device, erstellt=now, geaendert=now)
                    ).inserted_primary_key[0]
                )
            else:
                wait = ballot["geaendert"] + self.rate_limit.min_interval_s - now
                if wait > 0:
                    raise StoreError(f"Bitte {wait:.0f} Sekunde(n) warten und dann noch einmal senden.")
                ballot_id = int(ballot["id"])
                c.execute(ballots.update().where(ballots.c.id == ballot_id).values(geaendert=now))
                c.execute(votes.delete().where(votes.c.stimmzettel_id == ballot_id))
            if allocation:
                c.execute(
                    votes.insert(),
                    [{"stimmzettel_id": ballot_id, "karte_id": k, "punkte": d} for k, d in allocation.items()],
                )
            return ballot_id

    def ballot(self, poll_id: int, device_token: str) -> dict[int, int] | None:
        """The dots this device gave (None: no ballot yet)."""
        device = device_hash(device_token)
        with self._read() as c:
            ballot_id = c.execute(
                sa.select(ballots.c.id).where(ballots.c.abstimmung_id == poll_id, ballots.c.geraet == device)
            ).scalar_one_or_none()
            if ballot_id is None:
                return None
            rows = c.execute(sa.select(votes.c.karte_id, votes.c.punkte).where(votes.c.stimmzettel_id == ballot_id))
            return {int(r.karte_id): int(r.punkte) for r in rows}

    def ballot_count(self, poll_id: int) -> int:
        with self._read() as c:
            return int(
                c.execute(
                    sa.select(sa.func.count()).select_from(ballots).where(ballots.c.abstimmung_id == poll_id)
                ).scalar_one()
            )

    def votes(self, konferenz_id: str, poll_id: int | None = None) -> pd.DataFrame:
        """One row per dot placement: abstimmung_id, stimmzettel (numbered per vote), karte_id, punkte, zeit."""
        query = (
            sa.select(
                ballots.c.abstimmung_id,
                ballots.c.id.label("stimmzettel_id"),
                votes.c.karte_id,
                votes.c.punkte,
                ballots.c.geaendert.label("zeit"),
            )
            .select_from(votes.join(ballots, votes.c.stimmzettel_id == ballots.c.id).join(polls))
            .where(polls.c.konferenz_id == konferenz_id)
            .order_by(ballots.c.abstimmung_id, ballots.c.id, votes.c.karte_id)
        )
        if poll_id is not None:
            query = query.where(ballots.c.abstimmung_id == poll_id)
        with self._read() as c:
            rows = c.execute(query).mappings().all()
        columns = ["abstimmung_id", "stimmzettel_id", "karte_id", "punkte", "zeit"]
        frame = pd.DataFrame([dict(r) for r in rows], columns=columns)
        # ballots numbered 1, 2, … within each vote: no device ids leave the database
        numbers = frame.groupby("abstimmung_id")["stimmzettel_id"].rank(method="dense")
        return frame.assign(stimmzettel=numbers.astype(int) if len(frame) else pd.Series(dtype=int))

    def ranking(self, konferenz_id: str, poll_id: int | None = None) -> pd.DataFrame:
        """Cards by dots of one vote (default: the latest)."""
        if poll_id is None:
            latest = self.latest_poll(konferenz_id)
            poll_id = latest.id if latest else -1
        return ranking(self.cards(konferenz_id), self.votes(konferenz_id, poll_id))

    # --- agreed priorities ---------------------------------------------------------------

    def set_priorities(self, konferenz_id: str, items: Iterable[tuple[int | None, str]]) -> None:
        """Replace the agreed Handlungsschwerpunkte: (card id or None, text) in order."""
        rows = [
            {"konferenz_id": konferenz_id, "position": i, "karte_id": card, "text": text.strip()}
            for i, (card, text) in enumerate(items, start=1)
            if text and text.strip()
        ]
        with self._write() as c:
            c.execute(priorities.delete().where(priorities.c.konferenz_id == konferenz_id))
            if rows:
                c.execute(priorities.insert(), rows)

    def priorities(self, konferenz_id: str) -> list[tuple[int | None, str]]:
        with self._read() as c:
            rows = c.execute(
                sa.select(priorities.c.karte_id, priorities.c.text)
                .where(priorities.c.konferenz_id == konferenz_id)
                .order_by(priorities.c.position)
            ).all()
        return [(int(r.karte_id) if r.karte_id is not None else None, r.text) for r in rows]

    def forget(self, konferenz_id: str) -> None:
        """Delete everything recorded for a conference (tests, a rehearsal before the real one)."""
        with self._write() as c:
            poll_ids = sa.select(polls.c.id).where(polls.c.konferenz_id == konferenz_id)
            ballot_ids = sa.select(ballots.c.id).where(ballots.c.abstimmung_id.in_(poll_ids))
            c.execute(votes.delete().where(votes.c.stimmzettel_id.in_(ballot_ids)))
            c.execute(ballots.delete().where(ballots.c.abstimmung_id.in_(poll_ids)))
            c.execute(polls.delete().where(polls.c.konferenz_id == konferenz_id))
            c.execute(cards.delete().where(cards.c.konferenz_id == konferenz_id))
            c.execute(priorities.delete().where(priorities.c.konferenz_id == konferenz_id))
            c.execute(shown.delete().where(shown.c.konferenz_id == konferenz_id))
            c.execute(conferences.delete().where(conferences.c.konferenz_id == konferenz_id))


def _poll(row: Mapping) -> Poll:
    return Poll(
        int(row["id"]),
        row["konferenz_id"],
        VoteRules(int(row["punkte"]), bool(row["haeufeln"])),
        bool(row["offen"]),
        float(row["geoeffnet"]),
        float(row["geschlossen"]) if row["geschlossen"] is not None else None,
    )


def _now() -> float:
    return time.time()


def _card_text(text: str) -> str:
    text = " ".join(str(text).split())
    if not text:
        raise StoreError("Eine Karte braucht einen Text.")
    if len(text) > 500:
        raise StoreError("Eine Karte hat höchstens 500 Zeichen.")
    return text


def _check_kind(art: str) -> None:
    if art not in KINDS:
        raise StoreError(f"Unbekannte Kartenart „{art}“; möglich: {', '.join(KINDS.values())}.")
