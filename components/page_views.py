"""What a page shows for one choice, computed once per data state and shared by all sessions.

A profiled script run (benchmarks/profile_runs.py, docs/leistung.md) spent most of its time on
work that depends only on the data and the choice: the Steckbrief's indicator table (a pandas
filter per indicator), its two plotly figures, the trend chart of Entwicklung. Fifty visitors of a
press link ask for the same few choices; here each is computed once per data folder, content stamp
and geometry level (st.cache_resource, like components/data.py). Callers must never change what
these functions return: the objects are shared by every session of the process.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.data import data_state, get_map_view
from sozialraum import Bundle
from sozialraum.compare import rebase
from sozialraum.compare_figures import trend_lines
from sozialraum.figures import deviation_figure, trend_panel, with_source
from sozialraum.formatting import MINUS, format_value
from sozialraum.i18n import N_, SOURCE, Translator
from sozialraum.indicators import indicator_table, trend_table
from sozialraum.mapview import MapOptions, map_summary
from sozialraum.plan import area_field_summary, measures_in_area, measures_with_field
from sozialraum.profile import display_table, profile_table, rating_counts, strengths_and_challenges
from sozialraum.profile_i18n import Localized, localize_measures, localize_profile
from sozialraum.schemas import CITY_ID
from sozialraum.sozialindex import INDEX_IDS, area_index
from sozialraum.translations import localized

MAX_LISTED = 3  # strengths and challenges listed each; the chart and its caption count all of them
KEY_PANELS = 6  # small trend charts of the indicators that deviate most


@dataclass(frozen=True)
class TrendPanel:
    """One small trend chart of the Steckbrief; its title is written above it as text (it wraps)."""

    indikator: str
    kurzname: str
    einheit: str
    figure: go.Figure


@dataclass(frozen=True)
class ProfileView:
    """Everything of a Steckbrief that follows from the data, the area and the year."""

    profile: pd.DataFrame
    indicators: pd.DataFrame  # without the social index (built from the others: counting it twice)
    strengths: list[str]
    challenges: list[str]
    n_strengths: int
    n_challenges: int
    deviation: go.Figure | None
    shown_profile: pd.DataFrame
    panels: list[TrendPanel]  # small trend charts of the indicators that deviate most
    index_entries: list  # sozialindex.area_index: the area's status and dynamics
    measures: pd.DataFrame | None  # plan.measures_in_area (None: no plan)
    field_summary: pd.DataFrame | None  # plan.area_field_summary
    german: frozenset[str] = frozenset()  # data texts without a translation, shown German (marked lang="de")


def _profile_view(bundle: Bundle, gebiet: str, jahr: int, lang: str = SOURCE) -> ProfileView:
    name = bundle.area_name(gebiet)
    tr, texts = Translator(lang), Localized(lang)
    profile = localize_profile(profile_table(bundle, gebiet, jahr), bundle.catalogue, texts)
    entries = area_index(bundle.values, bundle.catalogue, bundle.settings, gebiet, jahr)
    measures = fields = None
    if not bundle.plan.empty:
        every = measures_with_field(bundle.plan)
        measures, fields = measures_in_area(every, gebiet), area_field_summary(every, gebiet)
        measures, fields = localize_measures(measures, fields, bundle.plan.fields, texts)
    if profile.empty:
        return ProfileView(profile, profile, [], [], 0, 0, None, profile, [], entries, measures, fields,
                           frozenset(texts.german))  # fmt: skip
    indicators = profile[~profile["indikator_id"].isin(INDEX_IDS)]
    mark = german_marker(texts.german) if lang != SOURCE else str
    strengths, challenges = strengths_and_challenges(indicators, name, MAX_LISTED, tr, mark)
    n_strengths, n_challenges = rating_counts(indicators)
    title = tr(N_("{name}: Abweichung vom Durchschnitt der Gebiete"), name=name)
    topics = {localized(bundle.catalogue.loc[i], "thema", lang) for i in indicators["indikator_id"]}
    german_topics = {topic.text for topic in topics if topic.lang != lang}  # no translation: left out of the chart
    deviation = deviation_figure(indicators, title, tr=tr, untranslated=german_topics)
    key = (
        indicators.dropna(subset=["z_gut"])
        .assign(a=lambda f: f["z_gut"].abs())
        .sort_values("a", ascending=False)
        .head(KEY_PANELS)
    )
    panels = [_trend_panel(bundle, row, gebiet, name) for _, row in key.iterrows()]
    shown = display_table(profile, tr)
    return ProfileView(
        profile, indicators, strengths, challenges, n_strengths, n_challenges, deviation, shown, panels, entries,
        measures, fields, frozenset(texts.german),
    )  # fmt: skip


def german_marker(german: set[str] | frozenset[str]):
    """Wraps a data text that stayed German in `<span lang="de">` (for markdown with HTML)."""

    def mark(text: str) -> str:
        return f'<span lang="de" dir="ltr">{html.escape(text)}</span>' if text in german else html.escape(text)

    return mark


def _trend_panel(bundle: Bundle, row: pd.Series, gebiet: str, name: str) -> TrendPanel:
    indikator = str(row["indikator_id"])
    trend = trend_table(bundle.values, bundle.city, indikator, [gebiet])
    unit, decimals = str(row["einheit"]), int(row["dezimalstellen"])
    figure = trend_panel(trend, str(row["name"]), unit, decimals, name, bundle.settings.gesamtstadt_name)
    return TrendPanel(indikator, str(row["kurzname"]), unit, figure)


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_profile_view(
    folder: str, stamp: tuple, level: str, gebiet: str, jahr: int, lang: str, _bundle: Bundle
) -> ProfileView:
    return _profile_view(_bundle, gebiet, jahr, lang)


def get_profile_view(bundle: Bundle, gebiet: str, jahr: int, lang: str = SOURCE) -> ProfileView:
    """The Steckbrief of `gebiet` in `jahr` (within `bundle`'s level) in `lang`, once per data state and language."""
    folder, stamp = data_state()
    return _cached_profile_view(folder, stamp, bundle.main_level, gebiet, int(jahr), lang, bundle)


@st.cache_resource(show_spinner=False, max_entries=32)
def _cached_ranking(folder: str, stamp: tuple, level: str, indikator: str, jahr: int, _bundle: Bundle) -> pd.DataFrame:
    b = _bundle
    return indicator_table(b.values, b.areas, b.city, b.catalogue, indikator, jahr)


def get_ranking(bundle: Bundle, indikator: str, jahr: int) -> pd.DataFrame:
    """`indicators.indicator_table` of the level for one indicator and year, once per data state."""
    folder, stamp = data_state()
    return _cached_ranking(folder, stamp, bundle.main_level, indikator, int(jahr), bundle)


@dataclass(frozen=True)
class TrendView:
    """Entwicklung, Zeitverlauf: the chosen areas' series, rebased, and their chart."""

    trend: pd.DataFrame
    shown: pd.DataFrame
    figure: go.Figure


@dataclass(frozen=True)
class TrendChoice:
    """What the trend chart of one level depends on besides the data (hashable: a cache key)."""

    indikator: str
    chosen: tuple[str, ...]
    view: str
    base_year: int
    with_city: bool
    title: str
    y_title: str
    decimals: int
    reference: float | None
    source: tuple[str, ...]  # unit, source and Datenstand, written into the figure for its PNG download
    lang: str = "de"  # the figure's texts are in this language: part of the key, never shared across languages
    reference_label: str = ""  # the base year line's label ("Basisjahr 2020") in that language


@st.cache_resource(show_spinner=False, max_entries=64)
def _cached_trend_view(folder: str, stamp: tuple, level: str, choice: TrendChoice, _bundle: Bundle) -> TrendView:
    names = dict(zip(_bundle.areas["gebiet_id"], _bundle.areas["name"], strict=True))
    names[CITY_ID] = _bundle.settings.gesamtstadt_name
    trend = trend_table(_bundle.values, _bundle.city, choice.indikator, list(choice.chosen))
    if not choice.with_city:
        trend = trend[trend["gebiet_id"] != CITY_ID]
    shown = rebase(trend, choice.view, choice.base_year)
    c = choice
    label = c.reference_label or f"Basisjahr {c.base_year}"
    figure = trend_lines(shown, names, c.title, c.y_title, c.decimals, c.reference, label)
    # the title above the chart, not in it: on a phone the chart's toolbar would sit on it
    figure.update_layout(title=None, margin_t=40)
    with_source(figure, c.title, list(c.source))
    return TrendView(trend, shown, figure)


def get_trend_view(bundle: Bundle, choice: TrendChoice) -> TrendView:
    """The trend chart of areas of one geometry version (no boundary change), once per data state."""
    folder, stamp = data_state()
    return _cached_trend_view(folder, stamp, bundle.main_level, choice, bundle)


@st.cache_resource(show_spinner=False, max_entries=32)
def _cached_map_sentence(
    folder: str,
    stamp: tuple,
    level: str,
    indikator: str,
    options: MapOptions,
    unit: str,
    _bundle: Bundle,
    lang: str = "de",
    name: str | None = None,
) -> str:
    view = get_map_view(_bundle, indikator, options, lang)
    meta = _bundle.catalogue.loc[indikator]
    decimals = int(meta["dezimalstellen"])
    if lang == "de":
        fmt = partial(format_value, unit=unit, decimals=decimals, minus=MINUS)
    else:
        fmt = partial(Translator(lang).value, unit=unit, decimals=decimals)
    return map_summary(view.table, name or str(meta["name"]), fmt, options.mode, Translator(lang))


def get_map_sentence(
    bundle: Bundle, indikator: str, options: MapOptions, unit: str, lang: str = "de", name: str | None = None
) -> str:
    """The Karte's plain-language sentence of a view (`mapview.map_summary`), once per data state, view and
    language; `name` is the indicator's name as the page shows it in that language (else the German one)."""
    folder, stamp = data_state()
    return _cached_map_sentence(folder, stamp, bundle.main_level, indikator, options, unit, bundle, lang, name)
