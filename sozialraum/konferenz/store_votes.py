"""The voting part of the conference store: polls (several per conference), ballots, dots, ranking.

A mixin of `Store` (store.py), which provides the engine, `_read`, `_write`, `_insert`,
`_lock_conference` and `cards`. Every public method is one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from .schema import ballots, cards, device_hash, polls, votes
from .voting import VoteRules, check_ballot, clean_allocation, ranking

# A second press on the same spot within this time is a double click, not a decision: opening the
# same poll again returns the open one, closing a poll without ballots that was just opened is refused.
REPEAT_GUARD_S = 3.0


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
    frage: str = ""
    folie: int | None = None  # the voting slide it was opened from
    nummer: int = 0  # 1, 2, … within the conference, in the order opened

    @property
    def label(self) -> str:
        """'Abstimmung 2: Welche Ideen zuerst?' (the question where there is one)."""
        return f"Abstimmung {self.nummer}" + (f": {self.frage}" if self.frage else "")


def now_s() -> float:
    return time.time()


class VotingMixin:
    """Polls, ballots and dots of a conference's votes."""

    def open_poll(
        self,
        konferenz_id: str,
        rules: VoteRules,
        frage: str = "",
        folie: int | None = None,
        now: float | None = None,
    ) -> int:
        """Open a vote (an open one of the conference is closed first; its result stays).

        The same request again within `REPEAT_GUARD_S` returns the poll it opened (double click).
        """
        if not 1 <= rules.dots <= 20:
            raise StoreError("Je Person sind 1 bis 20 Punkte möglich.")
        now = now_s() if now is None else now
        frage = " ".join(str(frage or "").split())
        with self._write() as c:
            self._lock_conference(c, konferenz_id)
            current = (
                c.execute(sa.select(polls).where(polls.c.konferenz_id == konferenz_id, polls.c.offen.is_(True)))
                .mappings()
                .first()
            )
            if current is not None and _same_request(current, rules, frage, folie, now):
                return int(current["id"])
            c.execute(
                polls.update()
                .where(polls.c.konferenz_id == konferenz_id, polls.c.offen.is_(True))
                .values(offen=False, geschlossen=now)
            )
            result = c.execute(
                polls.insert().values(
                    konferenz_id=konferenz_id,
                    punkte=rules.dots,
                    haeufeln=rules.stacking,
                    offen=True,
                    geoeffnet=now,
                    frage=frage or None,
                    folie=folie,
                )
            )
            return int(result.inserted_primary_key[0])

    def close_poll(self, poll_id: int, now: float | None = None, min_open_s: float = REPEAT_GUARD_S) -> None:
        """Close a vote. A vote without ballots opened less than `min_open_s` ago stays open: that
        press was the second half of a double click on the button that had just opened it."""
        now = now_s() if now is None else now
        with self._write() as c:
            poll = c.execute(sa.select(polls).where(polls.c.id == poll_id).with_for_update()).mappings().first()
            if poll is None:
                raise StoreError("Diese Abstimmung gibt es nicht.")
            if not poll["offen"]:
                return
            if now - poll["geoeffnet"] < min_open_s and not _ballot_count(c, poll_id):
                raise StoreError(
                    "Die Abstimmung wurde eben erst geöffnet und bleibt offen (ein Doppelklick?). "
                    "Zum Schließen in ein paar Sekunden noch einmal drücken."
                )
            c.execute(polls.update().where(polls.c.id == poll_id).values(offen=False, geschlossen=now))

    def reopen_poll(self, poll_id: int) -> None:
        """Open a closed vote again (its ballots stay; an other open vote of the conference closes)."""
        with self._write() as c:
            row = c.execute(sa.select(polls.c.konferenz_id).where(polls.c.id == poll_id)).first()
            if row is None:
                raise StoreError("Diese Abstimmung gibt es nicht.")
            c.execute(
                polls.update()
                .where(polls.c.konferenz_id == row.konferenz_id, polls.c.id != poll_id, polls.c.offen.is_(True))
                .values(offen=False, geschlossen=now_s())
            )
            c.execute(polls.update().where(polls.c.id == poll_id).values(offen=True, geschlossen=None))

    def polls(self, konferenz_id: str) -> list[Poll]:
        """Every vote of the conference in the order opened, numbered 1, 2, …"""
        with self._read() as c:
            rows = c.execute(
                sa.select(polls).where(polls.c.konferenz_id == konferenz_id).order_by(polls.c.id)
            ).mappings()
            return [_poll(r, n) for n, r in enumerate(rows, start=1)]

    def latest_poll(self, konferenz_id: str) -> Poll | None:
        """The open vote of the conference, else the last one, else None (ballots go to the open one)."""
        every = self.polls(konferenz_id)
        open_ = [p for p in every if p.offen]
        return (open_ or every or [None])[-1]

    def result_poll(self, konferenz_id: str) -> Poll | None:
        """The vote whose result counts: the newest one with at least one ballot (an empty poll
        opened by mistake never replaces a result), else None."""
        counts = self.ballot_counts(konferenz_id)
        counted = [p for p in self.polls(konferenz_id) if counts.get(p.id)]
        return counted[-1] if counted else None

    def poll(self, poll_id: int) -> Poll | None:
        with self._read() as c:
            row = c.execute(sa.select(polls).where(polls.c.id == poll_id)).mappings().first()
        if row is None:
            return None
        return next((p for p in self.polls(row["konferenz_id"]) if p.id == poll_id), None)

    def submit_ballot(
        self, poll_id: int, device_token: str, allocation: Mapping[int, int], now: float | None = None
    ) -> int:
        """Store (or replace) the ballot of one device; returns the ballot id.

        Raises `StoreError` with a German message when the vote is closed, the ballot breaks
        the rules, or the device sends too fast.
        """
        now = now_s() if now is None else now
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
            return _ballot_count(c, poll_id)

    def ballot_counts(self, konferenz_id: str) -> dict[int, int]:
        """Ballots per vote of the conference (votes without ballots are missing)."""
        query = (
            sa.select(ballots.c.abstimmung_id, sa.func.count())
            .select_from(ballots.join(polls))
            .where(polls.c.konferenz_id == konferenz_id)
            .group_by(ballots.c.abstimmung_id)
        )
        with self._read() as c:
            return {int(pid): int(n) for pid, n in c.execute(query)}

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
        """Cards by dots of one vote (default: the one whose result counts, see `result_poll`)."""
        if poll_id is None:
            counted = self.result_poll(konferenz_id)
            poll_id = counted.id if counted else -1
        return ranking(self.cards(konferenz_id), self.votes(konferenz_id, poll_id))


def _same_request(row: Mapping, rules: VoteRules, frage: str, folie: int | None, now: float) -> bool:
    return (
        now - row["geoeffnet"] < REPEAT_GUARD_S
        and (row["punkte"], bool(row["haeufeln"])) == (rules.dots, rules.stacking)
        and (row["frage"] or "") == frage
        and row["folie"] == folie
    )


def _ballot_count(c: sa.Connection, poll_id: int) -> int:
    query = sa.select(sa.func.count()).select_from(ballots).where(ballots.c.abstimmung_id == poll_id)
    return int(c.execute(query).scalar_one())


def _poll(row: Mapping, nummer: int) -> Poll:
    return Poll(
        int(row["id"]),
        row["konferenz_id"],
        VoteRules(int(row["punkte"]), bool(row["haeufeln"])),
        bool(row["offen"]),
        float(row["geoeffnet"]),
        float(row["geschlossen"]) if row["geschlossen"] is not None else None,
        row["frage"] or "",
        int(row["folie"]) if row["folie"] is not None else None,
        nummer,
    )
