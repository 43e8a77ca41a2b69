"""The Steckbrief handout: one A4 page per Sozialraum for the people in the room, with a QR code to
the Steckbrief in the public dashboard (ReportLab, offline).

One page is the promise (docs/konferenz.md): the handout is built with the most indicators, charts and
measures that still fit one page, and says how many more the dashboard shows.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date

import pandas as pd
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from ..formatting import format_number, format_percent
from ..i18n import N_, SOURCE, Translator
from ..indicators import trend_table
from ..plan import measures_in_area, measures_with_field
from ..profile import display_table, profile_table, strengths_and_challenges
from ..profile_i18n import Localized, localize_measures, localize_profile
from ..sozialindex import INDEX_IDS
from .handout_rtl import handout_pdf_rtl
from .pdf import BLUE, DARK, GREY, QRCode, _document, _fonts, _footer, _p, _styles, _table
from .slides import empty_list_text


@dataclass(frozen=True)
class Size:
    """How much of each part the handout shows."""

    indicators: int
    charts: int
    measures: int
    listed: int  # strengths and challenges each


# tried in turn until the handout fits one page: the indicators that stand out most, then charts and measures
SIZES = (
    Size(40, 6, 14, 3),
    Size(14, 3, 8, 3),
    Size(12, 3, 6, 3),
    Size(10, 3, 5, 2),
    Size(8, 3, 4, 2),
    Size(6, 0, 3, 2),
)


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


def trend_chart(
    trend: pd.DataFrame, gebiet: str, title: str, unit: str, width: float, height: float, tr: Translator | None = None
) -> Drawing:
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
    plot.yValueAxis.labelTextFormat = lambda v: format_number(v, decimals) if tr is None else tr.decimal(v, decimals)
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


def handout_pdf(bundle, gebiet: str, jahr: int, url: str, today: date | None = None, lang: str = SOURCE) -> bytes:
    """Steckbrief of one Sozialraum on one A4 page with a QR code to its public view, in `lang` (docs/sprachen.md);
    a right-to-left language is printed by `handout_rtl`."""
    today = today or date.today()
    tr = Translator(lang)
    if tr.language.direction == "rtl":  # ReportLab cannot shape or order Arabic script: WeasyPrint can
        return handout_pdf_rtl(bundle, gebiet, jahr, url, today, tr, SIZES)
    pdf = b""
    for size in SIZES:
        pdf, pages = _build(bundle, gebiet, jahr, url, today, size, tr)
        if pages == 1:
            break
    return pdf


def _build(bundle, gebiet: str, jahr: int, url: str, today: date, size: Size, tr: Translator) -> tuple[bytes, int]:
    title = tr(N_("Steckbrief {name}"), name=bundle.area_name(gebiet))
    buffer = io.BytesIO()
    lang = tr.language
    doc = _document(buffer, title, "de-DE" if lang.html_lang == "de" else lang.html_lang)
    made = tr(N_("{title} · {dashboard} · erstellt am {day}"), title=title, dashboard=bundle.settings.titel,
              day=tr.day(today))  # fmt: skip
    footer = _footer(made, tr(N_("Seite")))
    story = handout_story(bundle, gebiet, jahr, url, today, size, tr)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue(), doc.page


def handout_story(
    bundle, gebiet: str, jahr: int, url: str, today: date, size: Size = SIZES[0], tr: Translator | None = None
) -> list:
    """The handout's flowables: head with QR code, strengths and challenges, indicators, charts, measures."""
    tr = tr or Translator(SOURCE)
    s = _styles()
    width = A4[0] - 30 * mm
    local = bundle.at_level(bundle.level_of(gebiet))
    name = bundle.area_name(gebiet)
    profile = localize_profile(profile_table(local, gebiet, jahr), bundle.catalogue, Localized(tr.language.code))
    story: list = [_head(bundle, gebiet, jahr, url, today, name, width, s, tr)]
    if bundle.settings.beispieldaten:
        german_note = bundle.settings.hinweis if tr.language.code == SOURCE else None
        story.append(_p(german_note or tr(N_("Beispieldaten: die Werte sind nicht amtlich.")), s["small"]))
    # the Sozialindex is built from the other indicators: among them it would count them twice (as on the slide)
    inputs = profile[~profile["indikator_id"].isin(INDEX_IDS)] if not profile.empty else profile
    strengths, challenges = strengths_and_challenges(inputs, name, size.listed, tr)
    lists = [
        [_p(tr(heading), s["h2"]), *[_p(f"• {x}", s["cell"]) for x in (items or [_empty(name, better, tr)])]]
        for heading, items, better in ((N_("Stärken"), strengths, True), (N_("Herausforderungen"), challenges, False))
    ]
    two = Table([lists], colWidths=[width / 2, width / 2])
    two.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    story.append(two)
    story += _indicators(bundle, profile, name, width, size.indicators, s, tr)
    story += _charts(local, profile, gebiet, name, bundle.settings.gesamtstadt_name, width, size.charts, s, tr)
    story += _measures(bundle, gebiet, name, width, size.measures, s, tr)
    settings = bundle.settings
    story += [
        Spacer(1, 4),
        _p(
            tr(
                N_(
                    "„Deutlich besser“ oder „deutlich schlechter“ heißt: mehr als eine halbe Standardabweichung vom "
                    "Durchschnitt der Gebiete entfernt. Rang 1 = günstigster Wert. Quellen und Definitionen: "
                    "Indikatorenkatalog im Dashboard („Daten & Quellen“)."
                )
            ),
            s["small"],
        ),
        _p(
            tr(
                N_("Lizenz: {name} ({short}) · {attribution}"),
                name=settings.lizenz_name,
                short=settings.lizenz_kurz,
                attribution=settings.namensnennung,
            ),
            s["small"],
        ),  # fmt: skip
    ]
    return story


def _empty(name: str, better: bool, tr: Translator) -> str:
    """`slides.empty_list_text` in the handout's language (German: the slide's own words)."""
    if tr.language.code == SOURCE:
        return empty_list_text(name, better)
    if better:
        return tr(N_("Bei keiner Kennzahl steht {name} deutlich besser da als die Gebiete der Stadt im Durchschnitt."),
                  name=name)  # fmt: skip
    return tr(N_("Bei keiner Kennzahl steht {name} deutlich schlechter da als die Gebiete der Stadt im Durchschnitt."),
              name=name)  # fmt: skip


def _head(
    bundle, gebiet: str, jahr: int, url: str, today: date, name: str, width: float, s: dict, tr: Translator
) -> Table:
    line = tr(N_("{stadt} · Sozialraum {gebiet} · Werte bis {jahr} · Stand {day}"), stadt=bundle.settings.stadt_name,
              gebiet=gebiet, jahr=str(jahr), day=tr.day(today))  # fmt: skip
    intro = [
        _p(tr(N_("Steckbrief {name}"), name=name), s["title"]),
        _p(line, s["base"]),
        Spacer(1, 3),
        _p(
            tr(N_("Der QR-Code öffnet den Steckbrief im Sozialraum-Dashboard mit Karte, allen Werten und Maßnahmen:")),
            s["small"],
        ),
        _p(url, s["small"]),
    ]
    head = Table([[intro, QRCode(url, 28 * mm)]], colWidths=[width - 32 * mm, 32 * mm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return head


def _indicators(bundle, profile: pd.DataFrame, name: str, width: float, limit: int, s: dict, tr: Translator) -> list:
    """The indicators against the city: the population and those that stand out most, in catalogue order."""
    city_name = bundle.settings.gesamtstadt_name
    if profile.empty:
        heading = tr(N_("Kennzahlen gegen {city}"), city=city_name)
        return [_p(heading, s["h2"]), _p(tr(N_("Keine veröffentlichten Werte.")), s["base"])]
    standing = profile["z_gut"].abs().fillna(-1).where(profile["indikator_id"] != "einwohner", float("inf"))
    chosen = profile.loc[standing.sort_values(ascending=False, kind="stable").index[:limit]].sort_index()
    heading = tr(N_("Kennzahlen gegen {city}"), city=city_name)
    if len(chosen) < len(profile):
        heading = tr(N_("Kennzahlen gegen {city}: die {shown} auffälligsten von {count}"), city=city_name,
                     shown=len(chosen), count=len(profile))  # fmt: skip
    shown = display_table(chosen, tr)
    heads = (tr(N_("Indikator")), tr(N_("Jahr")), name, city_name, tr(N_("Rang")), tr(N_("Bewertung")),
             tr(N_("Zum Vorjahr")))  # fmt: skip
    rows = [[_p(h, s["tinybold"]) for h in heads]]
    rows += [
        [_p(f"{r.name} ({r.einheit})", s["tiny"]), _p(int(r.jahr), s["tiny"]), _p(r.wert, s["tiny"]),
         _p(r.stadt, s["tiny"]), _p(r.rang, s["tiny"]), _p(r.bewertung, s["tiny"]), _p(r.trend, s["tiny"])]
        for r in shown.itertuples()
    ]  # fmt: skip
    table = _table(rows, [64 * mm, 10 * mm, 18 * mm, 18 * mm, 17 * mm, 20 * mm, width - 147 * mm])
    more = tr(N_("Alle Kennzahlen im Dashboard (QR-Code oben)."))
    rest = [] if len(chosen) == len(profile) else [_p(more, s["small"])]
    return [_p(heading, s["h2"]), table, *rest]


def _charts(
    local, profile: pd.DataFrame, gebiet: str, name: str, city: str, width: float, limit: int, s: dict, tr: Translator
) -> list:
    key = profile.dropna(subset=["z_gut"]).assign(a=lambda f: f["z_gut"].abs()).sort_values("a", ascending=False)
    key = key.head(limit)
    if not len(key):
        return []
    cell_w, cell_h = width / 3 - 4, 34 * mm
    charts = [
        trend_chart(trend_table(local.values, local.city, r.indikator_id, [gebiet]), gebiet, str(r.kurzname),
                    str(r.einheit), cell_w, cell_h, tr)
        for r in key.itertuples()
    ]  # fmt: skip
    grid = [charts[i : i + 3] + [""] * (3 - len(charts[i : i + 3])) for i in range(0, len(charts), 3)]
    chart_table = Table(grid, colWidths=[width / 3] * 3)
    chart_table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    heading = _p(tr(N_("Entwicklung wichtiger Indikatoren")), s["h2"])
    return [KeepTogether([heading, chart_table, legend_drawing(name, city, width)])]


def _measures(bundle, gebiet: str, name: str, width: float, limit: int, s: dict, tr: Translator) -> list:
    if bundle.plan.empty:
        return []
    here = measures_in_area(measures_with_field(bundle.plan), gebiet)
    if tr.language.code != SOURCE:
        here, _ = localize_measures(here, here.iloc[0:0], bundle.plan.fields, Localized(tr.language.code))
    local_measures = here[~here["gesamtstaedtisch"]].sort_values("massnahme_id")
    heading = tr(N_("Maßnahmen des Sozialplans in {name} ({count}, dazu {citywide} gesamtstädtische)"), name=name,
                 count=len(local_measures), citywide=int(here["gesamtstaedtisch"].sum()))  # fmt: skip
    story = [_p(heading, s["h2"])]
    if local_measures.empty:
        return story
    # German heads the progress column "Stand" (as before); other languages say "progress"
    progress = "Stand" if tr.language.code == SOURCE else tr(N_("Fortschritt"))
    heads = (tr(N_("Nr.")), tr(N_("Maßnahme")), tr(N_("Handlungsfeld")), tr(N_("Status")), progress)
    rows = [[_p(h, s["tinybold"]) for h in heads]]
    rows += [
        [_p(m.massnahme_id, s["tiny"]), _p(m.titel, s["tiny"]), _p(m.handlungsfeld, s["tiny"]),
         _p(m.status, s["tiny"]), _p(format_percent(m.fortschritt), s["tiny"])]
        for m in local_measures.head(limit).itertuples()
    ]  # fmt: skip
    story.append(_table(rows, [12 * mm, width - 94 * mm, 42 * mm, 26 * mm, 14 * mm]))
    if len(local_measures) > limit:
        rest = len(local_measures) - limit
        story.append(
            _p(tr(N_("… und {rest} weitere: vollständig im Dashboard (QR-Code oben)."), rest=rest), s["small"])
        )
    return story
