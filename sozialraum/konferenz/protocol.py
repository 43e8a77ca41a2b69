"""The protocol of a conference: content assembled once, written as Markdown, PDF (pdf.py) and CSV."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from ..export import csv_with_metadata
from ..formatting import format_date
from .agenda import Agenda
from .slides import SlideContent, build_slide
from .store import KINDS, Poll, Store


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
    ranking: pd.DataFrame
    poll: Poll | None
    ballots: int
    priorities: list[tuple[int | None, str]]
    fields: dict[str, str] = field(default_factory=dict)
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

    def vote_line(self) -> str:
        if self.poll is None:
            return "Es gab keine Punkteabstimmung."
        state = "noch offen" if self.poll.offen else "geschlossen"
        return f"{self.poll.rules.describe()}; {self.ballots} Stimmzettel; Abstimmung {state}."


def build_protocol(bundle, agenda: Agenda, store: Store, now: datetime | None = None) -> Protocol:  # noqa: ANN001
    """Everything the protocol says, from the agenda, the data folder and the store."""
    shown = [n for n in store.shown_slides(agenda.id) if 1 <= n <= len(agenda.slides)]
    numbers = shown or list(range(1, len(agenda.slides) + 1))
    contents = [build_slide(bundle, agenda, n - 1) for n in numbers]
    everything = store.cards(agenda.id, include_merged=True)
    poll = store.latest_poll(agenda.id)
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
        cards=everything[everything["zusammengefuehrt_in"].isna()].reset_index(drop=True),
        merged=everything[everything["zusammengefuehrt_in"].notna()].reset_index(drop=True),
        ranking=store.ranking(agenda.id, poll.id) if poll else pd.DataFrame(),
        poll=poll,
        ballots=store.ballot_count(poll.id) if poll else 0,
        priorities=store.priorities(agenda.id),
        fields=fields,
        notice=bundle.settings.hinweis if bundle.settings.beispieldaten else "",
        created=now or datetime.now(),
    )


def _md(text: object) -> str:
    """Text safe inside Markdown lists and tables."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(p: Protocol) -> str:
    lines = [f"# {p.title}", ""]
    lines += [f"- **{k}:** {_md(v)}" for k, v in p.head_rows()]
    if p.notice:
        lines += ["", f"> {p.notice}"]
    lines += ["", "## Vereinbarte Handlungsschwerpunkte", ""]
    lines += [f"{i}. {_md(text)}" for i, (_, text) in enumerate(p.priorities, start=1)] or [
        "Es wurden keine Handlungsschwerpunkte festgehalten."
    ]
    lines += ["", "## Ergebnis der Punkteabstimmung", "", p.vote_line(), ""]
    if p.poll is not None and not p.ranking.empty:
        lines += ["| Rang | Karte | Art | Punkte | Stimmzettel |", "|---:|---|---|---:|---:|"]
        lines += [
            f"| {int(r.rang)} | {_md(r.text)} | {r.art_text} | {int(r.punkte)} | {int(r.stimmen)} |"
            for r in p.ranking.itertuples()
        ]
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
        lines += ["", f"_{_md(content.source)}_", ""]
    return "\n".join(lines).rstrip() + "\n"


def _time(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).strftime("%d.%m.%Y %H:%M:%S")


def cards_csv(p: Protocol) -> bytes:
    """All cards (also merged ones) with their dots in the latest vote."""
    every = pd.concat([p.cards, p.merged], ignore_index=True)
    dots = dict(zip(p.ranking.get("id", []), p.ranking.get("punkte", []), strict=True)) if not p.ranking.empty else {}
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
