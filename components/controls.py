"""Shared selection widgets: indicator, year, area, bound to the URL."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sozialraum import Bundle
from sozialraum.formatting import format_number
from sozialraum.i18n import N_, Translator
from sozialraum.search import find_areas
from sozialraum.translations import localized

from .data import data_state, get_picker_order
from .sprache import code, t
from .state import chosen, chosen_many, url_multiselect, url_selectbox

# the themes of the bundled data, for the picker in other languages (a city's other themes stay German);
# the msgids name the theme in a frame, so a German data text containing e.g. "Arbeit" never reads as
# an untranslated interface word
THEMES = {
    "Bevölkerung": N_("Thema „Bevölkerung“"), "Migration": N_("Thema „Migration“"),
    "Soziale Lage": N_("Thema „Soziale Lage“"), "Arbeit": N_("Thema „Arbeit“"), "Familie": N_("Thema „Familie“"),
    "Wanderung": N_("Thema „Wanderung“"), "Bildung und Betreuung": N_("Thema „Bildung und Betreuung“"),
    "Wohnen": N_("Thema „Wohnen“"), "Sozialindex": N_("Thema „Sozialindex“"),
}  # fmt: skip


def _theme(row: pd.Series, lang: str, tr: Translator) -> str:
    """The theme from the data's translated column `thema_<lang>`, else the catalogue's name of a known theme."""
    theme = localized(row, "thema", lang)
    if theme.lang == lang:
        return str(theme.text)
    return tr(THEMES[theme.text]) if theme.text in THEMES else str(theme.text)


@st.cache_resource(show_spinner=False, max_entries=8)
def _indicator_labels(folder: str, stamp: tuple, level: str, _bundle: Bundle, lang: str = "de") -> dict[str, str]:
    catalogue = _bundle.catalogue.sort_values(["thema", "name"])
    if lang == "de":
        return {str(i): f"{catalogue.at[i, 'thema']} · {catalogue.at[i, 'name']}" for i in catalogue.index}
    tr = Translator(lang)
    return {
        str(i): f"{_theme(catalogue.loc[i], lang, tr)} · {localized(catalogue.loc[i], 'name', lang).text}"
        for i in catalogue.index
    }


def indicator_labels(bundle: Bundle, lang: str = "de") -> dict[str, str]:
    """Indicator id → its text in the picker ('Thema · Name') in `lang` (names from the translated data
    columns), in the picker's order; sorted once per data state and language (twice per Karte run
    before), shared by all sessions: never change it."""
    return _indicator_labels(*data_state(), bundle.main_level, bundle, lang)


def indicator_select(bundle: Bundle, container=st.sidebar, key: str = "indikator") -> str:
    labels = indicator_labels(bundle, code())  # ids stay the options: the URL is the same in every language
    options = list(labels)
    default = bundle.settings.standard_indikator or (options[0] if options else None)
    return url_selectbox(
        t("Indikator"),
        options,
        key,
        default=default,
        format_func=labels.__getitem__,
        container=container,
        help=t("Gruppiert nach Themenbereich. Definition und Quelle stehen unter der Karte bzw. dem Diagramm."),
    )


def year_select(
    bundle: Bundle,
    indikator: str,
    container=st.sidebar,
    key: str = "jahr",
    label: str = "Jahr",
) -> int:
    years = sorted(int(y) for y in bundle.values.loc[bundle.values["indikator_id"] == indikator, "jahr"].unique())
    years = years or bundle.years
    default = (
        bundle.settings.standard_jahr if bundle.settings.standard_jahr in years else (years[-1] if years else None)
    )
    value = url_selectbox(t(label), years[::-1], key, default=default, container=container)
    return int(value) if value is not None else 0


# From this many areas on a search field narrows the area picker first: a list of 11,000 names is no
# way to find one, and Streamlit keeps a picker's whole list per open session (about 1 MiB of server
# memory at 11,000 areas). Below it, the picker lists every area and filters as one types.
SEARCH_FROM = 2000
SEARCH_LIMIT = 100


def area_select(
    bundle: Bundle,
    container=st.sidebar,
    key: str = "gebiet",
    label: str = "Gebiet",
    all_levels: bool = False,
) -> str | None:
    names, ordered = get_picker_order(bundle, all_levels)
    if len(ordered) >= SEARCH_FROM:
        ordered = _searched(names, ordered, label, key, container, keep=[chosen(key) or ""])
        names = {g: names[g] for g in ordered}  # the picker keeps its labels until the next run: only these
    none = t("– keins –")  # translated during the run
    value = url_selectbox(
        label,
        ["", *ordered],
        key,
        default="",
        format_func=lambda g: names.get(g, none) if g else none,
        container=container,
    )
    return value or None


def _searched(
    names: dict[str, str],
    ordered: tuple[str, ...],
    label: str,
    key: str,
    container,
    keep: list[str],
) -> list[str]:
    """The areas matching the search field (at most SEARCH_LIMIT), and before them the areas in `keep`
    (chosen now), so a new search never drops a choice."""
    box = container or st
    query = box.text_input(
        f"{label}: suchen",
        key=f"suche_{key}",
        placeholder="Teil des Namens oder Kennziffer",
        help=f"{format_number(len(ordered), 0)} Gebiete: Die Auswahl darunter zeigt die ersten "
        f"{SEARCH_LIMIT} Gebiete, deren Name oder Kennziffer den Suchtext enthält.",
    )
    shown, total = find_areas(names, ordered, query, SEARCH_LIMIT)
    if query.strip():
        found = "kein Gebiet gefunden" if total == 0 else f"{format_number(total, 0)} gefunden"
        box.caption(found + (f", die ersten {SEARCH_LIMIT} stehen in der Auswahl" if total > len(shown) else ""))
    kept = [g for g in dict.fromkeys(keep) if g in names and g not in shown]
    return [*kept, *shown]


def areas_multiselect(bundle: Bundle, default: list[str], container=st.sidebar, key: str = "gebiete") -> list[str]:
    names, ordered = get_picker_order(bundle)
    if len(ordered) >= SEARCH_FROM:
        ordered = _searched(names, ordered, "Gebiete", key, container, keep=chosen_many(key) or default)
        names = {g: names[g] for g in ordered}
    return url_multiselect(
        t("Gebiete"),
        ordered,
        key,
        default=default,
        format_func=lambda g: names.get(g, g),
        container=container,
        max_selections=7,
        help=t("Bis zu sieben Gebiete; die Gesamtstadt wird immer gezeigt."),
    )


def level_select(bundle: Bundle, container=st.sidebar, key: str = "ebene") -> Bundle:
    """Where the areas have levels (Bezirk → Gemeindeteil): choose one; returns the bundle at that level."""
    if len(bundle.level_names) <= 1:
        return bundle
    level = url_selectbox(t("Gebietsebene"), bundle.level_names, key, default=bundle.main_level, container=container)
    return bundle.at_level(level)
