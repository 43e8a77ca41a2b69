"""The three map views (values, comparison, change): one indicator's table, classes, legend and
titles, and the plain-German sentences that go with them."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from . import map_sentences
from .classify import COMPARISON_LABELS, Classes, change_classes, classify, compare_to_city
from .export import at_decimals
from .formatting import NBSP, format_percent
from .i18n import N_, SOURCE, Translator
from .indicators import change_table, indicator_table
from .legend import legend_entries_html, legend_html
from .loader import Bundle
from .sentences import change_sentence, value_sentence
from .translations import localized
from .withheld import change_notes

VALUE_COLUMNS = ("wert", "wert_start", "wert_ende", "differenz", "stadt")  # in the indicator's unit
MODES = {  # shown through the page's translator
    "werte": N_("Werte"),
    "vergleich": N_("Vergleich mit der Stadt"),
    "veraenderung": N_("Veränderung zwischen zwei Jahren"),
}
_GERMAN = Translator(SOURCE)


def _band(band: float, t: Translator) -> str:
    return f"±{NBSP}{format_percent(band)}" if t.language.code == SOURCE else f"±{NBSP}{t.value(band, '%', 0)}"


def value_legend(
    title: str, unit: str, classes: Classes, decimals: int, missing: int, scheme: str, t: Translator = _GERMAN
) -> str:
    legend = legend_html(title, unit, classes, decimals, missing, t)
    if scheme == "stdabw":
        note = t("Klassen: Standardabweichungen um den Stadtwert")
        legend += f"<div style='margin-top:4px'>{note}</div>"
    return legend


def comparison_legend(
    title: str, classes: Classes, polarity: str, band: float, missing: int, t: Translator = _GERMAN
) -> str:
    labels = [t(label) for label in COMPARISON_LABELS.get(polarity, COMPARISON_LABELS["neutral"])]
    entries = list(zip(classes.colours, labels, classes.counts, strict=True)) if classes.colours else []
    subtitle = t("ähnlich = {abstand} um den Stadtwert", abstand=_band(band, t))
    return legend_entries_html(title, subtitle, entries, missing, t)


def change_legend(title: str, unit: str, classes: Classes, decimals: int, missing: int, t: Translator = _GERMAN) -> str:
    return legend_html(t("{titel}: Veränderung", titel=title), unit, classes, decimals, missing, t)


def map_summary(table: pd.DataFrame, name: str, fmt: Callable[[float], str], mode: str, t: Translator = _GERMAN) -> str:
    """What the map shows, true for every sign and tie: one German sentence, or in another language one
    statement per sentence (`map_sentences`)."""
    if t.language.code != SOURCE:
        sentence = map_sentences.change_sentence if mode == "veraenderung" else map_sentences.value_sentence
        return sentence(table, name, fmt, t)
    if mode == "veraenderung":
        return change_sentence(table, name, fmt)
    return value_sentence(table, name, fmt)


def comparison_sentence(classes: Classes, polarity: str, band: float, t: Translator = _GERMAN) -> str:
    """How many areas lie below, near and above the city value."""
    if t.language.code != SOURCE:
        if not classes.counts:
            return t("Ohne Stadtwert ist kein Vergleich möglich.")
        labels = COMPARISON_LABELS.get(polarity, COMPARISON_LABELS["neutral"])
        shown = [(n, label) for n, label in zip(classes.counts, labels, strict=True) if n]
        counts, names = [n for n, _ in shown], [label for _, label in shown]
        return map_sentences.comparison_sentence(counts, names, t.value(band, "%", 0), t)
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
    year: int  # the year shown (in the change view: the end year)
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


def _marked(legend: str, meta: pd.Series, lang: str) -> str:
    """The legend's title marked German (`lang="de"`) where the short name has no translation."""
    short = localized(meta, "kurzname", lang)
    if lang == SOURCE or short.lang == lang or Translator(lang).language.html_lang == "de":
        return legend
    title = f"<strong>{html.escape(str(short.text))}</strong>"
    return legend.replace(title, f'<strong lang="de">{html.escape(str(short.text))}</strong>', 1)


def map_view(bundle: Bundle, indikator: str, options: MapOptions, lang: str = SOURCE) -> MapView:
    """Table, classes, legend and titles of one indicator in one of the three views; titles and legend
    in `lang` (indicator names from the translated data columns, else German)."""
    meta = bundle.catalogue.loc[indikator]
    t = Translator(lang)
    name, short = str(localized(meta, "name", lang).text), str(localized(meta, "kurzname", lang).text)
    unit, decimals, polarity = str(meta["einheit"]), int(meta["dezimalstellen"]), str(meta["polaritaet"])
    unit = str(localized(meta, "einheit", lang).text)
    jahr = options.year
    if options.mode == "veraenderung" and options.start is not None:
        start = int(options.start)
        table = change_table(
            bundle.values, bundle.areas, bundle.city, indikator, start, jahr, options.relative, polarity
        )
        # the note of either year (withheld first): a withheld start or end value explains an empty change
        notes = change_notes(bundle.values, indikator, start, jahr)
        table["anmerkung"] = table["gebiet_id"].map(notes).astype(object)
        shown_unit = "%" if options.relative else (t("Prozentpunkte") if unit.strip() == "%" else unit)
        classes = change_classes(table["wert"], polarity)
        legend = change_legend(short, shown_unit, classes, decimals, int(table["wert"].isna().sum()), t)
        return MapView(
            table,
            classes,
            _marked(legend, meta, lang),
            t("{name}: Veränderung {start}–{jahr}", name=name, start=str(start), jahr=str(jahr)),
            t("Veränderung {start}–{jahr}", start=str(start), jahr=str(jahr)),
            shown_unit,
        )
    table = indicator_table(bundle.values, bundle.areas, bundle.city, bundle.catalogue, indikator, jahr)
    city = table["stadt"].iloc[0] if len(table) else None
    missing = int(table["wert"].isna().sum())
    if options.mode == "vergleich":
        classes = compare_to_city(table["wert"], city, polarity, float(options.band))
        legend = comparison_legend(short, classes, polarity, float(options.band), missing, t)
    else:
        classes = classify(table["wert"], options.scheme, int(options.k), polarity, center=city)
        legend = value_legend(short, unit, classes, decimals, missing, options.scheme, t)
    return MapView(table, classes, _marked(legend, meta, lang), f"{name} {jahr}", f"{short} {jahr}", unit)


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


_RANK_NOTES = {  # (polarity, change): one whole sentence each, translated as a whole
    ("hoeher_schlechter", False): N_(
        "Rang 1 = günstigster Wert, hier der niedrigste Wert (höhere Werte sind ungünstiger)."
    ),
    ("hoeher_schlechter", True): N_(
        "Rang 1 = günstigste Veränderung, hier der stärkste Rückgang (höhere Werte sind ungünstiger)."
    ),
    ("hoeher_besser", False): N_("Rang 1 = günstigster Wert, hier der höchste Wert (höhere Werte sind günstiger)."),
    ("hoeher_besser", True): N_(
        "Rang 1 = günstigste Veränderung, hier der stärkste Anstieg (höhere Werte sind günstiger)."
    ),
    ("neutral", False): N_("Rang 1 = der höchste Wert; der Indikator ist neutral, der Rang bewertet nicht."),
    ("neutral", True): N_("Rang 1 = der stärkste Anstieg; der Indikator ist neutral, der Rang bewertet nicht."),
}


def rank_note(polarity: str, change: bool = False, t: Translator = _GERMAN) -> str:
    """What rank 1 means in a table of areas, said on the page (a column tooltip is found by few).

    Follows `indicators.indicator_table`/`change_table`: ranked by polarity, a neutral indicator from the top."""
    kind = polarity if polarity in ("hoeher_schlechter", "hoeher_besser") else "neutral"
    return t(_RANK_NOTES[(kind, change)])
