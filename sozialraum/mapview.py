"""Legends and plain-German summaries for the three map views (values, comparison, change)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .classify import COMPARISON_LABELS, Classes
from .formatting import format_number
from .maps import legend_entries_html, legend_html

MODES = {
    "werte": "Werte",
    "vergleich": "Vergleich mit der Stadt",
    "veraenderung": "Veränderung zwischen zwei Jahren",
}


def value_legend(title: str, unit: str, classes: Classes, decimals: int, missing: int, scheme: str) -> str:
    legend = legend_html(title, unit, classes, decimals, missing)
    if scheme == "stdabw":
        legend += "<div style='margin-top:4px'>Klassen: Standardabweichungen um den Stadtwert</div>"
    return legend


def comparison_legend(title: str, classes: Classes, polarity: str, band: float, missing: int) -> str:
    labels = COMPARISON_LABELS.get(polarity, COMPARISON_LABELS["neutral"])
    entries = list(zip(classes.colours, labels, classes.counts, strict=True)) if classes.colours else []
    return legend_entries_html(title, f"ähnlich = ± {format_number(band, 0)} % um den Stadtwert", entries, missing)


def change_legend(title: str, unit: str, classes: Classes, decimals: int, missing: int) -> str:
    return legend_html(f"{title}: Veränderung", unit, classes, decimals, missing)


def map_summary(table: pd.DataFrame, name: str, fmt: Callable[[float], str], mode: str) -> str:
    """One sentence that says what the map shows, in plain German."""
    present = table.dropna(subset=["wert"])
    if present.empty:
        return f"Für {name} liegen für diese Auswahl keine Werte vor."
    top, low = present.iloc[0], present.iloc[-1]
    city = present["stadt"].iloc[0]
    if mode == "veraenderung":
        city_text = f" In der Gesamtstadt: {fmt(city)}." if pd.notna(city) else ""
        return (
            f"Am stärksten gestiegen ist {name} in {top['name']} ({fmt(top['wert'])}), "
            f"am stärksten gesunken in {low['name']} ({fmt(low['wert'])}).{city_text}"
        )
    city_text = f" Die Gesamtstadt liegt bei {fmt(city)}." if pd.notna(city) else ""
    return (
        f"Den höchsten Wert bei {name} hat {top['name']} mit {fmt(top['wert'])}, "
        f"den niedrigsten {low['name']} mit {fmt(low['wert'])}.{city_text}"
    )


def comparison_sentence(classes: Classes, polarity: str, band: float) -> str:
    """How many areas lie below, near and above the city value."""
    if not classes.counts:
        return "Ohne Stadtwert ist kein Vergleich möglich."
    labels = COMPARISON_LABELS.get(polarity, COMPARISON_LABELS["neutral"])
    parts = [
        f"{count} {'Gebiet liegt' if count == 1 else 'Gebiete liegen'} {label.replace('als die Stadt', '')}".strip()
        for count, label in zip(classes.counts, labels, strict=True)
        if count
    ]
    return "Im Vergleich mit der Gesamtstadt: " + ", ".join(parts) + f" (ähnlich = ± {format_number(band, 0)} %)."
