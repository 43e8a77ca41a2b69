"""PDFs made offline with ReportLab (pure Python): the conference protocol and the Steckbrief handout.

Charts are drawn with ReportLab's own graphics (no browser, no image export service); the QR
code is drawn as vector squares from segno's matrix.
"""

from __future__ import annotations

import io
import math
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..formatting import format_number, format_percent
from ..indicators import trend_table
from ..plan import measures_in_area, measures_with_field
from ..profile import display_table, profile_table, strengths_and_challenges
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
MAX_MEASURES = 14  # keeps the handout on two pages
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
    base = ParagraphStyle("base", fontName=regular, fontSize=9.5, leading=12.5, textColor=DARK, alignment=TA_LEFT)
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


def _table(rows: list[list], widths: list[float], header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GREY),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
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


def _footer(text: str):
    regular, _ = _fonts()

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(colors.HexColor("#333333"))
        canvas.drawString(15 * mm, 9 * mm, text[:150])
        canvas.drawRightString(A4[0] - 15 * mm, 9 * mm, f"Seite {doc.page}")
        canvas.restoreState()

    return draw


def _document(buffer: io.BytesIO, title: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="Sozialraum-Dashboard",
        lang="de-DE",
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
            # keepWithNext: the caption never stays alone at the foot of a page
            story += [
                _p(caption, ParagraphStyle("c", parent=s["cellbold"], keepWithNext=1)),
                _frame_table(table, width, s),
            ]
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


# --- Steckbrief handout ---------------------------------------------------------------------


def value_ticks(low: float, high: float, count: int = 4) -> tuple[list[float], int]:
    """About `count` round values (steps of 1, 2, 2,5 or 5 times a power of ten) within low..high, and
    the decimals that print each of them exactly, so no two labels read the same."""
    if high <= low:  # one value: one label, with the decimals of the handout's values
        return [low], 2
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    factor = next(m for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    step = factor * magnitude
    ticks, value = [], math.ceil(low / step - 1e-9) * step
    while value <= high + step * 1e-9:
        ticks.append(round(value, 12))
        value += step
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) + (1 if factor == 2.5 else 0)
    return ticks, decimals


def trend_chart(trend: pd.DataFrame, gebiet: str, title: str, unit: str, width: float, height: float) -> Drawing:
    """A small line chart: the area solid blue, the city dashed dark."""
    regular, bold = _fonts()
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, title[:48], fontName=bold, fontSize=8, fillColor=DARK))
    drawing.add(String(width, height - 10, unit[:18], fontName=regular, fontSize=7, fillColor=GREY, textAnchor="end"))
    series = []
    for gid in (gebiet, "gesamt"):
        part = trend[(trend["gebiet_id"] == gid)].dropna(subset=["wert"]).sort_values("jahr")
        series.append([(int(j), float(w)) for j, w in zip(part["jahr"], part["wert"], strict=True)])
    if not any(series):
        return drawing
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 28, 14, width - 34, height - 32
    plot.data = [s for s in series if s] or [[(0, 0)]]
    years = [x for s in series for x, _ in s]
    values = [y for s in series for _, y in s]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or max(abs(high) * 0.1, 1)
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax = low - pad, high + pad
    # our own round steps: reportlab's choice on a narrow range (a Statusindex of 1,42 to 1,55) printed at
    # one decimal read "1,5 / 1,5 / 1,4"
    ticks, decimals = value_ticks(low - pad, high + pad)
    plot.yValueAxis.valueSteps = ticks
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = min(years), max(years)
    plot.xValueAxis.valueSteps = sorted({max(years), *(y for y in years if (max(years) - y) % 3 == 0)})
    plot.xValueAxis.labelTextFormat = "%d"
    plot.yValueAxis.labelTextFormat = lambda v: format_number(v, decimals)
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = regular, 6.5
        axis.strokeColor = GREY
    plot.yValueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    plot.yValueAxis.visibleGrid = True
    plot.lines[0].strokeColor, plot.lines[0].strokeWidth = BLUE, 1.8
    plot.lines[0].symbol = makeMarker("FilledCircle", size=2.5, fillColor=BLUE)
    if len(plot.data) > 1:
        plot.lines[1].strokeColor, plot.lines[1].strokeWidth = DARK, 1.2
        plot.lines[1].strokeDashArray = [3, 2]
    drawing.add(plot)
    return drawing


def legend_drawing(area: str, city: str, width: float) -> Drawing:
    regular, _ = _fonts()
    d = Drawing(width, 10)
    d.add(Rect(0, 3, 14, 2, fillColor=BLUE, strokeColor=None))
    d.add(String(18, 1, area, fontName=regular, fontSize=7.5))
    d.add(Rect(110, 3, 4, 2, fillColor=DARK, strokeColor=None))
    d.add(Rect(116, 3, 4, 2, fillColor=DARK, strokeColor=None))
    d.add(String(124, 1, city, fontName=regular, fontSize=7.5))
    return d


def handout_pdf(bundle, gebiet: str, jahr: int, url: str, today: date | None = None) -> bytes:
    """Steckbrief of one Sozialraum on A4 (one or two pages) with a QR code to its public view."""
    today = today or date.today()
    s = _styles()
    width = A4[0] - 30 * mm
    local = bundle.at_level(bundle.level_of(gebiet))
    name = bundle.area_name(gebiet)
    city_name = bundle.settings.gesamtstadt_name
    profile = profile_table(local, gebiet, jahr)
    strengths, challenges = strengths_and_challenges(profile, name)
    title = f"Steckbrief {name}"
    intro = [
        _p(title, s["title"]),
        _p(
            f"{bundle.settings.stadt_name} · Sozialraum {gebiet} · Werte bis {jahr} · Stand {today:%d.%m.%Y}", s["base"]
        ),
        Spacer(1, 4),
        _p(
            "Der QR-Code öffnet den Steckbrief im Sozialraum-Dashboard mit Karte, allen Werten und Maßnahmen:",
            s["small"],
        ),
        _p(url, s["small"]),
    ]
    head = Table([[intro, QRCode(url, 30 * mm)]], colWidths=[width - 34 * mm, 34 * mm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story: list = [head]
    if bundle.settings.beispieldaten:
        story.append(_p(bundle.settings.hinweis or "Beispieldaten: die Werte sind nicht amtlich.", s["small"]))
    lists = [
        [_p(heading, s["h2"]), *[_p(f"• {x}", s["cell"]) for x in (items or [empty])]]
        for heading, items, empty in (
            ("Stärken", strengths, "Kein Indikator liegt deutlich günstiger."),
            ("Herausforderungen", challenges, "Kein Indikator liegt deutlich ungünstiger."),
        )
    ]
    two = Table([lists], colWidths=[width / 2, width / 2])
    two.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(two)
    story.append(_p(f"Kennzahlen gegen {city_name}", s["h2"]))
    if not profile.empty:
        shown = display_table(profile)
        heads = ("Indikator", "Jahr", name, city_name, "Rang", "Bewertung", "Zum Vorjahr")
        rows = [[_p(h, s["tinybold"]) for h in heads]]
        rows += [
            [_p(f"{r.name} ({r.einheit})", s["tiny"]), _p(int(r.jahr), s["tiny"]), _p(r.wert, s["tiny"]),
             _p(r.stadt, s["tiny"]), _p(r.rang, s["tiny"]), _p(r.bewertung, s["tiny"]), _p(r.trend, s["tiny"])]
            for r in shown.itertuples()
        ]  # fmt: skip
        story.append(_table(rows, [64 * mm, 10 * mm, 18 * mm, 18 * mm, 17 * mm, 20 * mm, width - 147 * mm]))
    key = profile.dropna(subset=["z_gut"]).assign(a=lambda f: f["z_gut"].abs()).sort_values("a", ascending=False)
    key = key.head(6)
    if len(key):
        story.append(_p("Entwicklung wichtiger Indikatoren", s["h2"]))
        cell_w, cell_h = width / 3 - 4, 38 * mm
        charts = [
            trend_chart(trend_table(local.values, local.city, r.indikator_id, [gebiet]), gebiet, str(r.kurzname),
                        str(r.einheit), cell_w, cell_h)
            for r in key.itertuples()
        ]  # fmt: skip
        grid = [charts[i : i + 3] + [""] * (3 - len(charts[i : i + 3])) for i in range(0, len(charts), 3)]
        chart_table = Table(grid, colWidths=[width / 3] * 3)
        chart_table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        story += [KeepTogether([chart_table, legend_drawing(name, city_name, width)])]
    if not bundle.plan.empty:
        here = measures_in_area(measures_with_field(bundle.plan), gebiet)
        local_measures = here[~here["gesamtstaedtisch"]].sort_values("massnahme_id")
        story.append(
            _p(f"Maßnahmen des Sozialplans in {name} ({len(local_measures)}, dazu "
               f"{int(here['gesamtstaedtisch'].sum())} gesamtstädtische)", s["h2"])
        )  # fmt: skip
        rows = [[_p(h, s["tinybold"]) for h in ("Nr.", "Maßnahme", "Handlungsfeld", "Status", "Stand")]]
        rows += [
            [_p(m.massnahme_id, s["tiny"]), _p(m.titel, s["tiny"]), _p(m.handlungsfeld, s["tiny"]),
             _p(m.status, s["tiny"]), _p(format_percent(m.fortschritt), s["tiny"])]
            for m in local_measures.head(MAX_MEASURES).itertuples()
        ]  # fmt: skip
        story.append(_table(rows, [12 * mm, width - 94 * mm, 42 * mm, 26 * mm, 14 * mm]))
        if len(local_measures) > MAX_MEASURES:
            rest = len(local_measures) - MAX_MEASURES
            story.append(_p(f"… und {rest} weitere: vollständig im Dashboard (QR-Code oben).", s["small"]))
    settings = bundle.settings
    story += [
        Spacer(1, 6),
        _p(
            "Als deutlich günstiger oder ungünstiger gilt eine Abweichung von mehr als einer halben "
            "Standardabweichung vom Durchschnitt der Gebiete. Rang 1 = günstigster Wert. Quellen und "
            "Definitionen: Indikatorenkatalog im Dashboard („Daten & Quellen“).",
            s["small"],
        ),
        _p(f"Lizenz: {settings.lizenz_name} ({settings.lizenz_kurz}) · {settings.namensnennung}", s["small"]),
    ]
    buffer = io.BytesIO()
    footer = _footer(f"{title} · {settings.titel} · erstellt am {today:%d.%m.%Y}")
    _document(buffer, title).build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
