"""The three map views (values, comparison, change): one indicator's table, classes, legend and
titles, and the plain-German sentences that go with them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .classify import COMPARISON_LABELS, Classes, change_classes, classify, compare_to_city
from .export import at_decimals
from .formatting import NBSP, format_percent
from .indicators import change_table, indicator_table
from .legend import legend_entries_html, legend_html
from .loader import Bundle
from .sentences import change_sentence, value_sentence
from .withheld import change_notes

VALUE_COLUMNS = ("wert", "wert_start", "wert_ende", "differenz", "stadt")  # in the indicator's unit
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
    return legend_entries_html(title, f"ähnlich = ±{NBSP}{format_percent(band)} um den Stadtwert", entries, missing)


def change_legend(title: str, unit: str, classes: Classes, decimals: int, missing: int) -> str:
    return legend_html(f"{title}: Veränderung", unit, classes, decimals, missing)


def map_summary(table: pd.DataFrame, name: str, fmt: Callable[[float], str], mode: str) -> str:
    """One sentence that says what the map shows, in plain German, true for every sign and tie."""
    if mode == "veraenderung":
        return change_sentence(table, name, fmt)
    return value_sentence(table, name, fmt)


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
    return "Im Vergleich mit der Gesamtstadt: " + ", ".join(parts) + f" (ähnlich = ±{NBSP}{format_percent(band)})."


@dataclass(frozen=True)
class MapOptions:
    """What the map page's controls chose, apart from the indicator."""

    mode: str  # a key of MODES
    jahr: int  # the year shown (in the change view: the end year)
    scheme: str = "quantile"
    k: int = 5
    band: float = 10.0  # comparison: ± percent around the city value counted as "similar"
    start: int | None = None  # change view: the start year
    relative: bool = False  # change view: in percent instead of absolute / percentage points


@dataclass(frozen=True)
class MapView:
    """One indicator as the map shows it."""

    table: pd.DataFrame
    classes: Classes
    legend: str
    heading: str
    value_title: str
    unit: str  # the unit of `table["wert"]` (the change view may show percent or percentage points)


def map_view(bundle: Bundle, indikator: str, options: MapOptions) -> MapView:
    """Table, classes, legend and titles of one indicator in one of the three views."""
    meta = bundle.catalogue.loc[indikator]
    unit, decimals, polarity = str(meta["einheit"]), int(meta["dezimalstellen"]), str(meta["polaritaet"])
    jahr = options.jahr
    if options.mode == "veraenderung" and options.start is not None:
        start = int(options.start)
        table = change_table(
            bundle.values, bundle.areas, bundle.city, indikator, start, jahr, options.relative, polarity
        )
        # the note of either year (withheld first): a withheld start or end value explains an empty change
        notes = change_notes(bundle.values, indikator, start, jahr)
        table["anmerkung"] = table["gebiet_id"].map(notes).astype(object)
        shown_unit = "%" if options.relative else ("Prozentpunkte" if unit.strip() == "%" else unit)
        classes = change_classes(table["wert"], polarity)
        legend = change_legend(str(meta["kurzname"]), shown_unit, classes, decimals, int(table["wert"].isna().sum()))
        return MapView(
            table,
            classes,
            legend,
            f"{meta['name']}: Veränderung {start}–{jahr}",
            f"Veränderung {start}–{jahr}",
            shown_unit,
        )
    table = indicator_table(bundle.values, bundle.areas, bundle.city, bundle.catalogue, indikator, jahr)
    city = table["stadt"].iloc[0] if len(table) else None
    missing = int(table["wert"].isna().sum())
    if options.mode == "vergleich":
        classes = compare_to_city(table["wert"], city, polarity, float(options.band))
        legend = comparison_legend(str(meta["kurzname"]), classes, polarity, float(options.band), missing)
    else:
        classes = classify(table["wert"], options.scheme, int(options.k), polarity, center=city)
        legend = value_legend(str(meta["kurzname"]), unit, classes, decimals, missing, options.scheme)
    return MapView(table, classes, legend, f"{meta['name']} {jahr}", f"{meta['kurzname']} {jahr}", unit)


def view_table(bundle: Bundle, indikator: str, options: MapOptions, columns: list[str]) -> pd.DataFrame:
    """`map_view`'s table with these columns, made again for a download when it is clicked; values at
    the indicator's decimals, as the page shows them."""
    table = map_view(bundle, indikator, options).table[columns]
    places = int(bundle.catalogue.at[indikator, "dezimalstellen"])
    return at_decimals(table, dict.fromkeys(VALUE_COLUMNS, places))


PRECISE_COLUMNS = ("gebiet_id", "name", "wert_start", "wert_ende", "wert", "stadt", "differenz", "rang", "gesperrt")


def precise_table(bundle: Bundle, indikator: str, options: MapOptions) -> pd.DataFrame:
    """The machine-readable companion of the map download: ids, contract column names and unrounded
    values for further calculation. Built from the published bundle like the page, so a withheld value
    is empty here too and flagged in `gesperrt`."""
    table = map_view(bundle, indikator, options).table
    columns = [c for c in PRECISE_COLUMNS if c in table.columns]
    return table[columns].sort_values("gebiet_id").reset_index(drop=True)


def rank_note(polarity: str, change: bool = False) -> str:
    """What rank 1 means in a table of areas, said on the page (a column tooltip is found by few).

    Follows `indicators.indicator_table`/`change_table`: ranked by polarity, a neutral indicator from the top."""
    what = "günstigste Veränderung" if change else "günstigster Wert"
    if polarity == "hoeher_schlechter":
        first = "der stärkste Rückgang" if change else "der niedrigste Wert"
        return f"Rang 1 = {what}, hier {first} (höhere Werte sind ungünstiger)."
    if polarity == "hoeher_besser":
        first = "der stärkste Anstieg" if change else "der höchste Wert"
        return f"Rang 1 = {what}, hier {first} (höhere Werte sind günstiger)."
    first = "der stärkste Anstieg" if change else "der höchste Wert"
    return f"Rang 1 = {first}; der Indikator ist neutral, der Rang bewertet nicht."
