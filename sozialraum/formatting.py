"""German number and date formatting: `1.234,5`, `31,5 %`, `31.12.2024`.

Between a number and its unit stands a no-break space (U+00A0, `NBSP`), so "2,1 %" never breaks
between "2,1" and "%" on a narrow screen. U+00A0 and not the narrow U+202F: the PDFs' Helvetica
(WinAnsi encoding) has a glyph for U+00A0 only. Every value with a unit goes through `format_value`
(or `format_signed`, `format_percent`, `with_unit`).
"""

from __future__ import annotations

import math
from datetime import date, datetime

DASH = "–"
# the typographic minus (U+2212), as in `format_signed`: German typesetting uses it, and screen readers
# read it as "minus" where the hyphen-minus "-" is read as "Bindestrich" or not at all
MINUS = "\u2212"
NBSP = "\u00a0"


def format_number(value: float | int | None, decimals: int = 1, minus: str = "-") -> str:
    """1234.5 → '1.234,5'; None/NaN → '–'. `minus=MINUS` for text people read (legends, sentences);
    the default hyphen-minus for values that programs read back."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    try:
        number = round(float(value), decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
        text = f"{number:,.{decimals}f}"
    except (TypeError, ValueError):
        return DASH
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".").replace("-", minus)


def format_value(value: float | int | None, unit: str, decimals: int = 1, minus: str = "-") -> str:
    """Value with its unit: '31,5 %', '1.234 Personen', '12,3 je 1.000 Einw.'."""
    return with_unit(format_number(value, decimals, minus), unit)


def with_unit(number: str, unit: str) -> str:
    """An already formatted number and its unit, joined by the no-break space ('–' stays alone)."""
    if number == DASH or not unit:
        return number
    return f"{number}{NBSP}{unit.strip()}"


def format_percent(value: float | int | None, decimals: int = 0) -> str:
    """49.2 → '49 %' (progress, shares): the percent sign after a no-break space."""
    return format_value(value, "%", decimals)


def format_signed(value: float | None, unit: str, decimals: int = 1) -> str:
    """Differences with explicit sign; percent differences read as percentage points."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return DASH
    unit = "Prozentpunkte" if unit.strip() == "%" else unit
    value = round(float(value), decimals) + 0.0
    sign = "+" if value > 0 else (MINUS if value < 0 else "±")
    return f"{sign}{format_value(abs(value), unit, decimals)}"


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return DASH
    return value.strftime("%d.%m.%Y")
