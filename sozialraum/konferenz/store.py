"""Persistence of what a conference produces: cards, votes, agreed priorities, slides shown.

A small repository on SQLAlchemy Core. SQLite by default (one file, WAL mode, write
transactions start with BEGIN IMMEDIATE so two writers queue instead of failing); PostgreSQL
via a connection URL (`SOZIALRAUM_DB_URL`, e.g. ``postgresql://user:pw@host/db``) for
deployments with several app instances. Every public method is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect

from .schema import (  # noqa: F401 - re-exported: callers import these from the store
    DB_DIR_ENV,
    DB_FILE,
    DB_URL_ENV,
    KINDS,
    ballots,
    cards,
    conferences,
    create_engine,
    default_url,
    device_hash,
    migrate,
    normalise_url,
    polls,
    priorities,
    shown,
    votes,
)
from .store_votes import Poll, StoreError, VotingMixin, now_s  # noqa: F401 - Poll re-exported
from .voting import RateLimit


class Store(VotingMixin):
    """All reads and writes of conference results."""

    def __init__(self, url: str | None = None, rate_limit: RateLimit | None = None) -> None:
        self.url = normalise_url(url or default_url())
        self.engine = create_engine(self.url)
        self.rate_limit = rate_limit or RateLimit()
        migrate(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def describe(self) -> str:
        """Where the data lives, without a password."""
        return sa.engine.make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def _write(self):
        return self.engine.begin()

    def _read(self) -> sa.Connection:
        connection = self.engine.connect()
        return connection.execution_options(sqlite_begin="DEFERRED")

    def _insert(self, table: sa.Table):
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
        statement = self._insert(conferences).values(konferenz_id=konferenz_id, teilnehmende=count, geaendert=now_s())
        statement = statement.on_conflict_do_update(
            index_elements=["konferenz_id"], set_={"teilnehmende": count, "geaendert": now_s()}
        )
        with self._write() as c:
            c.execute(statement)

    def _lock_conference(self, c: sa.Connection, konferenz_id: str) -> None:
        """Serialise writers of one conference (PostgreSQL row lock; SQLite's BEGIN IMMEDIATE does it anyway)."""
        c.execute(
            self._insert(conferences)
            .values(konferenz_id=konferenz_id, geaendert=now_s())
            .on_conflict_do_nothing(index_elements=["konferenz_id"])
        )
        c.execute(
            sa.select(conferences.c.konferenz_id).where(conferences.c.konferenz_id == konferenz_id).with_for_update()
        )

    def mark_shown(self, konferenz_id: str, folie: int) -> None:
        """Remember that a slide was shown (the protocol lists these)."""
        statement = self._insert(shown).values(konferenz_id=konferenz_id, folie=folie, zuerst=now_s())
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
        now = now_s()
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
            done = c.execute(cards.update().where(cards.c.id == card_id).values(**changes, geaendert=now_s()))
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
            c.execute(cards.update().where(cards.c.id == target_id).values(text=text, geaendert=now_s()))
            c.execute(
                cards.update().where(cards.c.id.in_(sources)).values(zusammengefuehrt_in=target_id, geaendert=now_s())
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
