"""German number and date formatting: `1.234,5`, `31,5 %`, `31.12.2024`."""

from __future__ import annotations

import math
from datetime import date, datetime

DASH = "–"
# the typographic minus (U+2212), as in `format_signed`: German typesetting uses it, and screen readers
# read it as "minus" where the hyphen-minus "-" is read as "Bindestrich" or not at all
MINUS = "\u2212"


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
    number = format_number(value, decimals, minus)
    if number == DASH or not unit:
        return number
    return f"{number} {unit}"


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
