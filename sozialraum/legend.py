"""Map legends in plain HTML (no d3, nothing loaded from outside): value classes with their
limits and unit, and how many areas fall in each class."""

from __future__ import annotations

import html

from .classify import MISSING_COLOUR, Classes
from .formatting import MINUS, NBSP, format_number


def legend_html(title: str, unit: str, classes: Classes, decimals: int, missing: int) -> str:
    """Legend of value classes: limits with unit and how many areas fall in each class."""
    entries = []
    lower = classes.lower
    for colour, upper, count in zip(classes.colours, classes.bounds, classes.counts, strict=True):
        # the real minus "−" like every number people read (German typesetting, screen readers)
        span = f"{format_number(lower, decimals, MINUS)} bis {format_number(upper, decimals, MINUS)}"
        entries.append((colour, span, count))
        lower = upper
    return legend_entries_html(title, f"in{NBSP}{unit}", entries, missing)


def legend_entries_html(title: str, subtitle: str, entries: list[tuple[str, str, int]], missing: int) -> str:
    """Legend from (colour, label, count) entries, plus the missing-values entry."""
    rows = [legend_row(colour, label, count) for colour, label, count in entries]
    if missing:
        rows.append(legend_row(MISSING_COLOUR, "keine Angabe", missing, hatched=True))
    head = f"<strong>{html.escape(title)}</strong><br><span>{html.escape(subtitle)}</span>"
    return head + "".join(rows)


def legend_row(colour: str, label: str, count: int, hatched: bool = False) -> str:
    """One legend entry: colour swatch (hatched for missing values), label and area count."""
    pattern = "background-image:repeating-linear-gradient(45deg,#fff 0 2px,transparent 2px 5px);" if hatched else ""
    areas = "Gebiet" if count == 1 else "Gebiete"
    return (
        f'<div style="display:flex;align-items:center;gap:6px;margin-top:3px">'
        f'<span style="width:18px;height:14px;border:1px solid #555;background:{colour};{pattern}"></span>'
        f"<span>{html.escape(label)} ({count}{NBSP}{areas})</span></div>"
    )
