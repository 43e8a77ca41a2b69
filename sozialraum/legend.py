"""Map legends in plain HTML (no d3, nothing loaded from outside): value classes with their
limits and unit, and how many areas fall in each class."""

from __future__ import annotations

import html

from .classify import MISSING_COLOUR, Classes
from .i18n import N_, SOURCE, Translator

_GERMAN = Translator(SOURCE)


def legend_html(title: str, unit: str, classes: Classes, decimals: int, missing: int, t: Translator = _GERMAN) -> str:
    """Legend of value classes: limits with unit and how many areas fall in each class (in the language of `t`)."""
    entries = []
    lower = classes.lower
    for colour, upper, count in zip(classes.colours, classes.bounds, classes.counts, strict=True):
        # the real minus "−" like every number people read (German typesetting, screen readers)
        span = t("{von} bis {bis}", von=t.decimal(lower, decimals), bis=t.decimal(upper, decimals))
        entries.append((colour, span, count))
        lower = upper
    return legend_entries_html(title, t("in\u00a0{einheit}", einheit=unit), entries, missing, t)


def legend_entries_html(
    title: str, subtitle: str, entries: list[tuple[str, str, int]], missing: int, t: Translator = _GERMAN
) -> str:
    """Legend from (colour, label, count) entries, plus the missing-values entry."""
    rows = [legend_row(colour, label, count, t=t) for colour, label, count in entries]
    if missing:
        rows.append(legend_row(MISSING_COLOUR, t("keine Angabe"), missing, hatched=True, t=t))
    head = f"<strong>{html.escape(title)}</strong><br><span>{html.escape(subtitle)}</span>"
    return head + "".join(rows)


def legend_row(colour: str, label: str, count: int, hatched: bool = False, t: Translator = _GERMAN) -> str:
    """One legend entry: colour swatch (hatched for missing values), label and area count."""
    pattern = "background-image:repeating-linear-gradient(45deg,#fff 0 2px,transparent 2px 5px);" if hatched else ""
    shown = str(count) if t.language.code == SOURCE else t.decimal(count, 0)
    # no-break space between the count and its noun, as every number and its unit
    message = N_("{eintrag} ({anzahl}\u00a0Gebiet)") if count == 1 else N_("{eintrag} ({anzahl}\u00a0Gebiete)")
    text = t(message, eintrag=label, anzahl=shown)
    return (
        f'<div style="display:flex;align-items:center;gap:6px;margin-top:3px">'
        f'<span style="width:18px;height:14px;border:1px solid #555;background:{colour};{pattern}"></span>'
        f"<span>{html.escape(text)}</span></div>"
    )
