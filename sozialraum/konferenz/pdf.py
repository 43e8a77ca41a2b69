"""PDFs made offline with ReportLab (pure Python): the conference protocol and the Steckbrief handout.

Charts are drawn with ReportLab's own graphics (no browser, no image export service); the QR
code is drawn as vector squares from segno's matrix.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .protocol import Protocol
from .qr import qr_matrix
from .store import KINDS

BLUE = colors.HexColor("#1f5f8b")
DARK = colors.HexColor("#1b2631")
GREY = colors.HexColor("#767676")
KIND_COLOURS = {
    "staerke": "#1b7a2e",
    "chance": "#1f5f8b",
    "herausforderung": "#b03a0b",
    "idee": "#8a6d00",
}
_FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
]


def _fonts() -> tuple[str, str]:
    """A Unicode TrueType font (umlauts, dashes, arrows): DejaVu from Debian, else Vera shipped with ReportLab."""
    if "SR-Regular" in pdfmetrics.getRegisteredFontNames():
        return "SR-Regular", "SR-Bold"
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts"
    for regular, bold in [*_FONT_CANDIDATES, (str(vera / "Vera.ttf"), str(vera / "VeraBd.ttf"))]:
        if Path(regular).is_file() and Path(bold).is_file():
            pdfmetrics.registerFont(TTFont("SR-Regular", regular))
            pdfmetrics.registerFont(TTFont("SR-Bold", bold))
            pdfmetrics.registerFontFamily("SR", normal="SR-Regular", bold="SR-Bold")
            return "SR-Regular", "SR-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
    # words break at spaces and after their own hyphens ("Lusan-|Zentrum"), never inside ("Punkt|e"):
    # `fit_widths` makes every table column as wide as its longest unbreakable piece
    base = ParagraphStyle(
        "base", fontName=regular, fontSize=9.5, leading=12.5, textColor=DARK, alignment=TA_LEFT,
        splitLongWords=0, embeddedHyphenation=1, hyphenationMinWordLength=4,
    )  # fmt: skip
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#333333")),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=18, leading=22, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=3,
                             textColor=BLUE),
        "h3": ParagraphStyle("h3", parent=base, fontName=bold, fontSize=10.5, leading=13, spaceBefore=5, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cellbold": ParagraphStyle("cellbold", parent=base, fontName=bold, fontSize=8.5, leading=10.5),
        "tiny": ParagraphStyle("tiny", parent=base, fontSize=7.6, leading=9.2),
        "tinybold": ParagraphStyle("tinybold", parent=base, fontName=bold, fontSize=7.6, leading=9.2),
    }  # fmt: skip


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


PADDING = 3  # left and right of every table cell
TABLE_START = 30 * mm  # a caption, the head row and a few rows


def _pieces(text: str) -> list[str]:
    """The parts a line may break between: at spaces and after a hyphen within a word."""
    return [piece for piece in re.split(r"\s+|(?<=-)(?=\w)", text) if piece]


def min_cell_width(cell: object) -> float:
    """The narrowest a cell can be without breaking a word (its longest piece plus the padding)."""
    if not isinstance(cell, Paragraph):
        return 0.0
    style = cell.style
    widths = [pdfmetrics.stringWidth(p, style.fontName, style.fontSize) for p in _pieces(cell.getPlainText())]
    return max(widths, default=0.0) + 2 * PADDING + 0.5


def fit_widths(rows: list[list], widths: list[float]) -> list[float]:
    """`widths` with every column at least as wide as its longest word; the extra comes from the columns
    with the most room to spare, so the table keeps its total width."""
    need = [max((min_cell_width(row[i]) for row in rows), default=0.0) for i in range(len(widths))]
    fitted = [max(w, n) for w, n in zip(widths, need, strict=True)]
    excess = sum(fitted) - sum(widths)
    while excess > 0.01:
        room = [f - n for f, n in zip(fitted, need, strict=True)]
        widest = room.index(max(room))
        if room[widest] <= 0.01:
            break  # the words alone are wider than the page: nothing left to take
        take = min(room[widest], excess, max(room[widest] / 2, 1.0))
        fitted[widest] -= take
        excess -= take
    return fitted


def _table(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=fit_widths(rows, widths), repeatRows=1 if header else 0)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GREY),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    if header:
        commands += [
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, DARK),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f5f8")),
        ]
    table.setStyle(TableStyle(commands))
    return table


class QRCode(Flowable):
    """A QR code as vector squares (sharp at any print size)."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.matrix = qr_matrix(url)
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        n = len(self.matrix)
        cell = self.size / n
        canvas = self.canv
        canvas.setFillColor(colors.black)
        for y, row in enumerate(self.matrix):
            for x, dark in enumerate(row):
                if dark:
                    canvas.rect(x * cell, self.size - (y + 1) * cell, cell, cell, stroke=0, fill=1)


def _footer(text: str, page_word: str = "Seite"):
    regular, _ = _fonts()

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.drawString(15 * mm, 9 * mm, text[:150])
        canvas.drawRightString(A4[0] - 15 * mm, 9 * mm, f"{page_word} {doc.page}")
        canvas.restoreState()

    return draw


def _document(buffer: io.BytesIO, title: str, lang: str = "de-DE") -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="Sozialraum-Dashboard",
        lang=lang,
    )


# --- protocol -----------------------------------------------------------------------------


def protocol_pdf(p: Protocol) -> bytes:
    s = _styles()
    width = A4[0] - 30 * mm
    story: list = [_p(p.title, s["title"])]
    story.append(
        _table(
            [[_p(k, s["cellbold"]), _p(v, s["cell"])] for k, v in p.head_rows()],
            [35 * mm, width - 35 * mm],
            header=False,
        )
    )
    if p.notice:
        story += [Spacer(1, 4), _p(p.notice, s["small"])]
    story.append(_p("Vereinbarte Handlungsschwerpunkte", s["h2"]))
    if p.priorities:
        story += [_p(f"{i}. {text}", s["base"]) for i, (_, text) in enumerate(p.priorities, start=1)]
    else:
        story.append(_p("Es wurden keine Handlungsschwerpunkte festgehalten.", s["base"]))
    story += [_p("Punkteabstimmungen", s["h2"]), _p(p.vote_intro(), s["base"])]
    for result in p.polls:
        block = [_p(result.poll.label, s["h3"]), _p(result.line(p.participants), s["base"])]
        if result.ranking.empty:
            block.append(_p("Keine Stimmzettel: diese Abstimmung hat kein Ergebnis.", s["base"]))
            story.append(KeepTogether(block))
            continue
        rows = [[_p(h, s["cellbold"]) for h in ("Rang", "Karte", "Art", "Punkte", "Zettel")]]
        rows += [
            [_p(int(r.rang), s["cell"]), _p(r.text, s["cell"]), _p(r.art_text, s["cell"]), _p(int(r.punkte), s["cell"]),
             _p(int(r.stimmen), s["cell"])]
            for r in result.ranking.itertuples()
        ]  # fmt: skip
        story += [KeepTogether(block), _table(rows, [12 * mm, width - 80 * mm, 32 * mm, 18 * mm, 18 * mm])]
    story.append(_p(f"Karten ({len(p.cards)})", s["h2"]))
    for (kind, label), (_, frame) in zip(KINDS.items(), p.cards_by_kind(), strict=True):
        heading = ParagraphStyle("k", parent=s["h3"], textColor=colors.HexColor(KIND_COLOURS[kind]))
        items = [_p(f"{label} ({len(frame)})", heading)]
        for _, card in frame.iterrows():
            note = p.card_note(card)
            items.append(_p(f"• {card['text']}" + (f" ({note})" if note else ""), s["base"]))
        if frame.empty:
            items.append(_p("• keine", s["base"]))
        story.append(KeepTogether(items[:4]))
        story += items[4:]
    if not p.merged.empty:
        story.append(_p("Zusammengeführte Karten", s["h3"]))
        story += [
            _p(f"• {c['text']} → Karte {int(c['zusammengefuehrt_in'])}", s["small"]) for _, c in p.merged.iterrows()
        ]
    story.append(_p("Gezeigte Folien" + ("" if p.all_slides_shown else " (nicht alle der Tagesordnung)"), s["h2"]))
    for content in p.slides:
        block = [_p(f"Folie {content.number}: {content.heading}", s["h3"])]
        block += [_p(f"• {f}", s["base"]) for f in content.figures]
        story.append(KeepTogether(block))
        for caption, table in p.tables.get(content.number, []):
            # the caption never stays alone at a page's foot: a page break only when less than a caption and
            # a few rows fit (keepWithNext moved a long table's caption and whole table on, leaving a blank page)
            story += [CondPageBreak(TABLE_START), _p(caption, s["cellbold"]), _frame_table(table, width, s)]
        story += [Spacer(1, 2), _p(content.source, s["small"])]
    buffer = io.BytesIO()
    footer = _footer(f"{p.title} · {p.area_name} · {p.agenda.datum:%d.%m.%Y}")
    _document(buffer, p.title).build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _frame_table(frame: pd.DataFrame, width: float, s: dict[str, ParagraphStyle]) -> Table:
    """A table of strings: short columns as wide as their longest cell (no "Ra|ng", no "10,5 |%"), the
    column with the longest texts takes the rest of the line."""
    regular, bold = _fonts()
    size = s["cell"].fontSize
    natural = [
        max(
            [
                pdfmetrics.stringWidth(str(c), bold, size),
                *(pdfmetrics.stringWidth(str(v), regular, size) for v in frame[c]),
            ]
        )
        + 8
        for c in frame.columns
    ]
    flexible = natural.index(max(natural))
    widths = [min(w, 60 * mm) for w in natural]
    widths[flexible] = max(width - (sum(widths) - widths[flexible]), 30 * mm)
    rows = [[_p(c, s["cellbold"]) for c in frame.columns]]
    rows += [[_p(v, s["cell"]) for v in row] for row in frame.itertuples(index=False)]
    return _table(rows, widths)
