"""The Steckbrief handout in a right-to-left language (Arabic), printed with WeasyPrint.

ReportLab draws text as given: it neither joins Arabic letters (shaping) nor orders mixed right-to-left and
left-to-right runs (bidi) without `rlbidi`, which is not on PyPI. WeasyPrint, already used for the
Sozialbericht, lays text out with Pango and HarfBuzz, which do both; the font is Debian's DejaVu Sans (has
Arabic, found by fontconfig, nothing loaded from the internet). The content is the handout's (same texts and
sizes, sozialraum.konferenz.handout) without the small trend charts: those tables of lines stay on the page.
"""

from __future__ import annotations

from datetime import date
from html import escape

import segno

from ..formatting import format_percent
from ..i18n import N_, Translator
from ..plan import measures_in_area, measures_with_field
from ..profile import display_table, profile_table, strengths_and_challenges
from ..profile_i18n import Localized, localize_measures, localize_profile
from ..sozialindex import INDEX_IDS

CSS = """
@page { size: A4; margin: 14mm 15mm 16mm 15mm;
  @bottom-right { content: "%(footer)s"; font-size: 7.5pt; color: #333; }
  @bottom-left { content: "%(page)s " counter(page); font-size: 7.5pt; color: #333; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; color: #1b2631; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 12pt; color: #1f5f8b; margin: 3mm 0 1.5mm; }
.head { display: flex; justify-content: space-between; gap: 4mm; } .head img { width: 28mm; height: 28mm; }
.small { font-size: 7.8pt; color: #333; } .two { display: flex; gap: 6mm; } .two > div { flex: 1; }
ul { margin: 0; padding-inline-start: 4mm; } li { margin-bottom: 1mm; }
table { border-collapse: collapse; width: 100%%; font-size: 7.4pt; }
th { text-align: start; border-bottom: 1.2pt solid #1b2631; } td, th { padding: 1mm 1.2mm; vertical-align: top; }
td { border-bottom: 0.4pt solid #767676; } .ltr { direction: ltr; unicode-bidi: embed; }
"""
QR_TEXT = N_("Der QR-Code öffnet den Steckbrief im Sozialraum-Dashboard mit Karte, allen Werten und Maßnahmen:")
NONE_BETTER = N_("Bei keiner Kennzahl steht {name} deutlich besser da als die Gebiete der Stadt im Durchschnitt.")
NONE_WORSE = N_("Bei keiner Kennzahl steht {name} deutlich schlechter da als die Gebiete der Stadt im Durchschnitt.")


def handout_pdf_rtl(bundle, gebiet: str, jahr: int, url: str, today: date, tr: Translator, sizes) -> bytes:
    """The handout of `gebiet` in `tr`'s language on one A4 page (the largest of `sizes` that fits)."""
    import weasyprint  # imported here: only a right-to-left handout needs it

    pdf = b""
    for size in sizes:
        document = weasyprint.HTML(string=handout_html(bundle, gebiet, jahr, url, today, tr, size)).render()
        pdf = document.write_pdf()
        if len(document.pages) == 1:
            break
    return pdf


def handout_html(bundle, gebiet: str, jahr: int, url: str, today: date, tr: Translator, size) -> str:
    lang = tr.language
    local = bundle.at_level(bundle.level_of(gebiet))
    name = bundle.area_name(gebiet)
    texts = Localized(lang.code)
    profile = localize_profile(profile_table(local, gebiet, jahr), bundle.catalogue, texts)
    title = tr(N_("Steckbrief {name}"), name=name)
    footer = tr(N_("{title} · {dashboard} · erstellt am {day}"), title=title, dashboard=bundle.settings.titel,
                day=tr.day(today))  # fmt: skip
    css = CSS % {"footer": _css_string(footer), "page": _css_string(tr(N_("Seite")))}
    line = tr(N_("{stadt} · Sozialraum {gebiet} · Werte bis {jahr} · Stand {day}"), stadt=bundle.settings.stadt_name,
              gebiet=gebiet, jahr=str(jahr), day=tr.day(today))  # fmt: skip
    qr = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    parts = [
        f'<div class="head"><div><h1>{escape(title)}</h1><p>{escape(line)}</p><p class="small">'
        f"{escape(tr(QR_TEXT))}"
        f'<br><span class="ltr">{escape(url)}</span></p></div><img src="{qr}" alt="QR"></div>'
    ]
    if bundle.settings.beispieldaten:
        parts.append(f'<p class="small">{escape(tr(N_("Beispieldaten: die Werte sind nicht amtlich.")))}</p>')
    inputs = profile[~profile["indikator_id"].isin(INDEX_IDS)] if not profile.empty else profile
    mark = _marker(texts.german)
    strengths, challenges = strengths_and_challenges(inputs, escape(name), size.listed, tr, mark)
    columns = []
    for heading, items, empty in (
        (N_("Stärken"), strengths, NONE_BETTER),
        (N_("Herausforderungen"), challenges, NONE_WORSE),
    ):  # fmt: skip
        listed = "".join(f"<li>{item}</li>" for item in items) or f"<li>{escape(tr(empty, name=name))}</li>"
        columns.append(f"<div><h2>{escape(tr(heading))}</h2><ul>{listed}</ul></div>")
    parts.append(f'<div class="two">{"".join(columns)}</div>')
    parts += _indicators(bundle, profile, name, size.indicators, tr, mark)
    parts += _measures(bundle, gebiet, name, size.measures, tr, texts)
    settings = bundle.settings
    note = N_(
        "„Deutlich besser“ oder „deutlich schlechter“ heißt: mehr als eine halbe Standardabweichung vom "
        "Durchschnitt der Gebiete entfernt. Rang 1 = günstigster Wert. Quellen und Definitionen: "
        "Indikatorenkatalog im Dashboard („Daten & Quellen“)."
    )
    licence = tr(N_("Lizenz: {name} ({short}) · {attribution}"), name=settings.lizenz_name,
                 short=settings.lizenz_kurz, attribution=settings.namensnennung)  # fmt: skip
    parts.append(f'<p class="small">{escape(tr(note))}</p><p class="small">{escape(licence)}</p>')
    return (
        f'<!doctype html><html lang="{lang.html_lang}" dir="{lang.direction}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{css}</style></head><body>{''.join(parts)}</body></html>"
    )


def _indicators(bundle, profile, name: str, limit: int, tr: Translator, mark) -> list[str]:
    city = bundle.settings.gesamtstadt_name
    heading = tr(N_("Kennzahlen gegen {city}"), city=city)
    if profile.empty:
        return [f"<h2>{escape(heading)}</h2><p>{escape(tr(N_('Keine veröffentlichten Werte.')))}</p>"]
    standing = profile["z_gut"].abs().fillna(-1).where(profile["indikator_id"] != "einwohner", float("inf"))
    chosen = profile.loc[standing.sort_values(ascending=False, kind="stable").index[:limit]].sort_index()
    if len(chosen) < len(profile):
        heading = tr(N_("Kennzahlen gegen {city}: die {shown} auffälligsten von {count}"), city=city,
                     shown=len(chosen), count=len(profile))  # fmt: skip
    heads = (tr(N_("Indikator")), tr(N_("Jahr")), name, city, tr(N_("Rang")), tr(N_("Bewertung")),
             tr(N_("Zum Vorjahr")))  # fmt: skip
    rows = [
        [f"{mark(r.name)} ({mark(r.einheit)})", str(int(r.jahr)), escape(r.wert), escape(r.stadt), escape(r.rang),
         escape(r.bewertung), escape(r.trend)]
        for r in display_table(chosen, tr).itertuples()
    ]  # fmt: skip
    return [f"<h2>{escape(heading)}</h2>", _table(heads, rows)]


def _measures(bundle, gebiet: str, name: str, limit: int, tr: Translator, texts: Localized) -> list[str]:
    if bundle.plan.empty:
        return []
    here = measures_in_area(measures_with_field(bundle.plan), gebiet)
    here, _ = localize_measures(here, here.iloc[0:0], bundle.plan.fields, texts)
    local = here[~here["gesamtstaedtisch"]].sort_values("massnahme_id")
    heading = tr(N_("Maßnahmen des Sozialplans in {name} ({count}, dazu {citywide} gesamtstädtische)"), name=name,
                 count=len(local), citywide=int(here["gesamtstaedtisch"].sum()))  # fmt: skip
    if local.empty:
        return [f"<h2>{escape(heading)}</h2>"]
    mark = _marker(texts.german)
    heads = (tr(N_("Nr.")), tr(N_("Maßnahme")), tr(N_("Handlungsfeld")), tr(N_("Status")), tr(N_("Fortschritt")))
    rows = [
        [escape(str(m.massnahme_id)), mark(str(m.titel)), mark(str(m.handlungsfeld)), escape(str(m.status)),
         escape(format_percent(m.fortschritt))]
        for m in local.head(limit).itertuples()
    ]  # fmt: skip
    parts = [f"<h2>{escape(heading)}</h2>", _table(heads, rows)]
    if len(local) > limit:
        more = tr(N_("… und {rest} weitere: vollständig im Dashboard (QR-Code oben)."), rest=len(local) - limit)
        parts.append(f'<p class="small">{escape(more)}</p>')
    return parts


def _table(heads, rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(str(h))}</th>" for h in heads)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _marker(german: set[str]):
    """A data text without translation, marked German and left-to-right inside the right-to-left page."""

    def mark(text: str) -> str:
        shown = escape(str(text))
        return f'<span lang="de" class="ltr">{shown}</span>' if text in german else shown

    return mark


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
