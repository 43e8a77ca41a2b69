"""The protocol of a conference: content assembled once, written as Markdown, PDF (pdf.py) and CSV."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from ..export import csv_with_metadata
from ..formatting import format_date
from .agenda import Agenda
from .protocol_slides import slide_tables
from .slides import SlideContent, build_slide
from .store import KINDS, Poll, Store
from .voting import ballots_text


@dataclass
class PollResult:
    """One vote of the conference: its question, rules, ballots and ranking."""

    poll: Poll
    ballots: int
    ranking: pd.DataFrame  # empty when nobody voted

    def line(self, participants: int | None) -> str:
        state = "noch offen" if self.poll.offen else "geschlossen"
        return f"{self.poll.rules.describe()}; {ballots_text(self.ballots, participants)}; Abstimmung {state}."


@dataclass
class Protocol:
    agenda: Agenda
    area_name: str
    app_title: str
    participants: int | None
    slides: list[SlideContent]
    all_slides_shown: bool  # False: the list names only the slides that were shown
    cards: pd.DataFrame  # active cards
    merged: pd.DataFrame  # cards merged into others
    polls: list[PollResult]  # every vote, in the order opened
    priorities: list[tuple[int | None, str]]
    fields: dict[str, str] = field(default_factory=dict)
    tables: dict[int, list[tuple[str, pd.DataFrame]]] = field(default_factory=dict)  # slide number → tables
    notice: str = ""
    created: datetime = field(default_factory=datetime.now)

    @property
    def title(self) -> str:
        return f"Protokoll: {self.agenda.titel}"

    def head_rows(self) -> list[tuple[str, str]]:
        a = self.agenda
        when = format_date(a.datum) + (f", {a.beginn} Uhr" if a.beginn else "")
        rows = [
            ("Datum", when),
            ("Ort", a.ort),
            ("Sozialraum", f"{self.area_name} ({a.gebiet})"),
            ("Teilnehmende", str(self.participants) if self.participants is not None else "nicht erfasst"),
        ]
        if a.moderation:
            rows.append(("Moderation", a.moderation))
        rows.append(("Erstellt", f"{self.created:%d.%m.%Y %H:%M} mit dem {self.app_title}"))
        return rows

    def card_note(self, card: pd.Series) -> str:
        parts = []
        field_id = card.get("handlungsfeld_id")
        if isinstance(field_id, str) and field_id:
            parts.append(f"Handlungsfeld {field_id}: {self.fields.get(field_id, '')}".rstrip(": "))
        measure = card.get("massnahme_id")
        if isinstance(measure, str) and measure:
            parts.append(f"Maßnahme {measure}")
        return "; ".join(parts)

    def cards_by_kind(self) -> list[tuple[str, pd.DataFrame]]:
        return [(label, self.cards[self.cards["art"] == kind]) for kind, label in KINDS.items()]

    @property
    def counted(self) -> PollResult | None:
        """The vote whose result counts: the newest with ballots (an empty one never replaces it)."""
        with_ballots = [r for r in self.polls if r.ballots]
        return with_ballots[-1] if with_ballots else None

    def vote_intro(self) -> str:
        if not self.polls:
            return "Es gab keine Punkteabstimmung."
        if len(self.polls) == 1:
            return "Es gab eine Punkteabstimmung."
        return f"Es gab {len(self.polls)} Punkteabstimmungen; jede ist mit ihrem Ergebnis aufgeführt."


def build_protocol(bundle, agenda: Agenda, store: Store, now: datetime | None = None) -> Protocol:
    """Everything the protocol says, from the agenda, the data folder and the store."""
    shown = [n for n in store.shown_slides(agenda.id) if 1 <= n <= len(agenda.slides)]
    numbers = shown or list(range(1, len(agenda.slides) + 1))
    contents = [build_slide(bundle, agenda, n - 1) for n in numbers]
    everything = store.cards(agenda.id, include_merged=True)
    counts = store.ballot_counts(agenda.id)
    polls = [
        PollResult(p, counts.get(p.id, 0), store.ranking(agenda.id, p.id) if counts.get(p.id) else pd.DataFrame())
        for p in store.polls(agenda.id)
    ]
    cards = everything[everything["zusammengefuehrt_in"].isna()].reset_index(drop=True)
    fields = {}
    if not bundle.plan.fields.empty:
        fields = dict(zip(bundle.plan.fields["handlungsfeld_id"].astype(str), bundle.plan.fields["name"], strict=True))
    return Protocol(
        agenda=agenda,
        area_name=bundle.area_name(agenda.gebiet),
        app_title=bundle.settings.titel,
        participants=store.participants(agenda.id),
        slides=contents,
        all_slides_shown=not shown or len(shown) == len(agenda.slides),
        cards=cards,
        merged=everything[everything["zusammengefuehrt_in"].notna()].reset_index(drop=True),
        polls=polls,
        priorities=store.priorities(agenda.id),
        fields=fields,
        tables={c.number: slide_tables(c, cards) + _poll_tables(c, polls) for c in contents},
        notice=bundle.settings.hinweis if bundle.settings.beispieldaten else "",
        created=now or datetime.now(),
    )


def _poll_tables(content: SlideContent, polls: list[PollResult]) -> list[tuple[str, pd.DataFrame]]:
    """On a voting slide: the votes opened from it, each with its winner (details under Punkteabstimmungen)."""
    mine = [r for r in polls if content.art == "abstimmung" and r.poll.folie == content.number]
    if not mine:
        return []
    frame = pd.DataFrame(
        {
            "Abstimmung": [r.poll.label for r in mine],
            "Stimmzettel": [str(r.ballots) for r in mine],
            "Meiste Punkte": [
                f"{r.ranking.iloc[0]['text']} ({int(r.ranking.iloc[0]['punkte'])})" if not r.ranking.empty else "–"
                for r in mine
            ],
        }
    )
    return [("Abstimmungen dieser Folie (Ergebnisse unter „Punkteabstimmungen“)", frame)]


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def _md(text: object) -> str:
    """Text safe inside Markdown lists and tables: HTML from card text shows as text, never as markup,
    and Markdown characters stay characters."""
    # fold line breaks and runs of spaces, but keep the no-break space between a number and its unit
    escaped = re.sub(r"[ \t\r\n]+", " ", str(text)).strip().replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def _md_table(frame: pd.DataFrame) -> list[str]:
    head = "| " + " | ".join(_md(c) for c in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    rows = ["| " + " | ".join(_md(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return [head, rule, *rows]


def _md_polls(p: Protocol) -> list[str]:
    lines = ["## Punkteabstimmungen", "", p.vote_intro(), ""]
    for result in p.polls:
        lines += [f"### {_md(result.poll.label)}", "", _md(result.line(p.participants)), ""]
        if result.ranking.empty:
            lines += ["Keine Stimmzettel: diese Abstimmung hat kein Ergebnis.", ""]
            continue
        lines += ["| Rang | Karte | Art | Punkte | Stimmzettel |", "|---:|---|---|---:|---:|"]
        lines += [
            f"| {int(r.rang)} | {_md(r.text)} | {_md(r.art_text)} | {int(r.punkte)} | {int(r.stimmen)} |"
            for r in result.ranking.itertuples()
        ]
        lines.append("")
    return lines


def to_markdown(p: Protocol) -> str:
    lines = [f"# {_md(p.title)}", ""]
    lines += [f"- **{k}:** {_md(v)}" for k, v in p.head_rows()]
    if p.notice:
        lines += ["", f"> {_md(p.notice)}"]
    lines += ["", "## Vereinbarte Handlungsschwerpunkte", ""]
    lines += [f"{i}. {_md(text)}" for i, (_, text) in enumerate(p.priorities, start=1)] or [
        "Es wurden keine Handlungsschwerpunkte festgehalten."
    ]
    lines += ["", *_md_polls(p)]
    lines += ["", f"## Karten ({len(p.cards)})", ""]
    for label, frame in p.cards_by_kind():
        lines += [f"### {label} ({len(frame)})", ""]
        for _, card in frame.iterrows():
            note = p.card_note(card)
            lines.append(f"- {_md(card['text'])}" + (f" _({_md(note)})_" if note else ""))
        if frame.empty:
            lines.append("- keine")
        lines.append("")
    if not p.merged.empty:
        lines += ["### Zusammengeführte Karten", ""]
        lines += [f"- {_md(c['text'])} → Karte {int(c['zusammengefuehrt_in'])}" for _, c in p.merged.iterrows()]
        lines.append("")
    heading = "## Gezeigte Folien" if p.all_slides_shown else "## Gezeigte Folien (nicht alle der Tagesordnung)"
    lines += [heading, ""]
    for content in p.slides:
        lines += [f"### Folie {content.number}: {_md(content.heading)}", ""]
        lines += [f"- {_md(f)}" for f in content.figures]
        for caption, table in p.tables.get(content.number, []):
            lines += ["", f"**{_md(caption)}**", "", *_md_table(table)]
        lines += ["", f"_{_md(content.source)}_", ""]
    return "\n".join(lines).rstrip() + "\n"


def _time(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).strftime("%d.%m.%Y %H:%M:%S")


def cards_csv(p: Protocol) -> bytes:
    """All cards (also merged ones) with their dots in the vote that counts (`Protocol.counted`)."""
    every = pd.concat([p.cards, p.merged], ignore_index=True)
    ranked = p.counted.ranking if p.counted else pd.DataFrame()
    dots = dict(zip(ranked["id"], ranked["punkte"], strict=True)) if not ranked.empty else {}
    frame = pd.DataFrame(
        {
            "karte_id": every["id"],
            "art": every["art"].map(KINDS),
            "text": every["text"],
            "folie": every["folie"],
            "handlungsfeld_id": every["handlungsfeld_id"],
            "massnahme_id": every["massnahme_id"],
            "zusammengefuehrt_in": every["zusammengefuehrt_in"],
            "punkte": [dots.get(i, 0) for i in every["id"]],
            "erstellt": [_time(t) for t in every["erstellt"]],
        }
    )
    return csv_with_metadata(frame, _meta(p, "Karten"))


def votes_csv(p: Protocol, votes: pd.DataFrame) -> bytes:
    """One row per dot placement; ballots are numbered, devices are never named."""
    texts = dict(zip(pd.concat([p.cards, p.merged])["id"], pd.concat([p.cards, p.merged])["text"], strict=True))
    frame = pd.DataFrame(
        {
            "abstimmung": votes["abstimmung_id"],
            "stimmzettel": votes["stimmzettel"],
            "karte_id": votes["karte_id"],
            "karte": votes["karte_id"].map(texts),
            "punkte": votes["punkte"],
            "zeit": [_time(t) for t in votes["zeit"]],
        }
    )
    return csv_with_metadata(frame, _meta(p, "Punkte der Abstimmung"))


def _meta(p: Protocol, what: str) -> dict[str, str]:
    return {
        "Inhalt": what,
        "Konferenz": p.agenda.titel,
        "Datum": format_date(p.agenda.datum),
        "Sozialraum": f"{p.area_name} ({p.agenda.gebiet})",
    }
