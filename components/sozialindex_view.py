"""The Sozialindex page in parts: the settings panel, the computed index, map with method, table and types.

`pages/9_Sozialindex.py` composes these. Page texts go through `t()` (German is the key); generated
sentences and the method come from `sozialraum.sozialindex.text` in the page language.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from sozialraum import Bundle
from sozialraum.compare import population_at, provenance_meta
from sozialraum.i18n import Translator
from sozialraum.sozialindex import (
    INDEX_IDS,
    IndexConfig,
    catalogue_config,
    combined_type,
    default_status_indicators,
    dynamics_index,
    index_inputs,
    rated_indicators,
    status_index,
)
from sozialraum.sozialindex.text import (
    weight_text as weights_text,
)
from sozialraum.translations import localized

from .sprache import code, german_data, t

WEIGHTS = [0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0]
LIMITS = [round(x / 10, 1) for x in range(-30, 31)]


@dataclass(frozen=True)
class Choices:
    """What the settings panel chose: indicators, weights, years, class limits and minimum size."""

    status_ids: list[str]
    weights: dict[str, float]
    year: int
    dyn_ids: list[str]
    dyn_weights: dict[str, float]
    start: int | None
    end: int | None
    status_limits: tuple[float, float, float]
    dynamics_limits: tuple[float, float]
    min_population: int

    @property
    def dynamic(self) -> bool:
        return self.start is not None

    @property
    def used(self) -> list[str]:
        return list(dict.fromkeys([*self.status_ids, *(self.dyn_ids if self.dynamic else [])]))


@dataclass(frozen=True)
class Index:
    """The index computed from the choices: inputs, population, status, dynamics and combined types."""

    config: IndexConfig
    frame: pd.DataFrame
    population: pd.Series
    no_population: bool
    status: pd.DataFrame
    dynamics: pd.DataFrame | None
    types: pd.DataFrame | None


def tr() -> Translator:
    return Translator(code())


def rated_inputs(catalogue: pd.DataFrame) -> list[str]:
    """Rated indicators by theme and name; the offered index indicators are results, not inputs (circular)."""
    ordered = list(catalogue.sort_values(["thema", "name"]).index)
    return [i for i in ordered if i in set(rated_indicators(catalogue)) - set(INDEX_IDS)]


def data_text(catalogue: pd.DataFrame, indikator: str, column: str) -> str:
    """A data text in the page language, German where no translation exists."""
    return localized(catalogue.loc[indikator], column, code()).text


def years_with_all(values: pd.DataFrame, indicators: list[str]) -> list[int]:
    """Years in which every one of the indicators has at least one area value."""
    present = values[values["indikator_id"].isin(indicators) & values["wert"].notna()]
    per_year = present.groupby("jahr")["indikator_id"].nunique()
    return sorted(int(y) for y, n in per_year.items() if n == len(set(indicators)))


def snapped(limit: float) -> float:
    """A configured limit on the slider's 0.1 grid (−3 … +3)."""
    return min(max(round(limit, 1), LIMITS[0]), LIMITS[-1])


def weight_text(value: float) -> str:
    """A weight in the page language without trailing zeros: 1.5 → '1,5', 2.0 → '2'."""
    return weights_text(value, tr())


def limit_text(value: float) -> str:
    return ("+" if value > 0 else "") + tr().decimal(value, 1)


def limit_slider(container, label: str, value: float, key: str) -> float:
    """A class limit in standard deviations, shown per locale (−1,0 / +1,5)."""
    return float(
        container.select_slider(label, LIMITS, value=value, format_func=limit_text, key=key, bind="query-params")
    )


def signed_z(z: float) -> str:
    if pd.isna(z):
        return "–"
    text = tr().decimal(abs(z), 2)
    return ("+" if z > 0 else "\u2212" if z < 0 else "±") + text


def sources(catalogue: pd.DataFrame, used: list[str], marked: bool = True) -> str:
    """`source_caption` in the page language; the source names and units are data (German: marked as such
    for HTML, `marked=False` for plain text such as the map's)."""
    meta = provenance_meta(catalogue, used)
    mark = german_data if marked else str
    if "Indikator" in meta:
        return t(
            "Einheit: {einheit} · Quelle: {quelle} · Datenstand: {stand}",
            einheit=data_text(catalogue, used[0], "einheit"),
            quelle=mark(meta["Quelle"]),
            stand=meta["Datenstand"],
        )
    return t("Quellen: {quellen} · Datenstand: {stand}", quellen=mark(meta["Quelle"]), stand=meta["Datenstand"])


def bold(text: str) -> str:
    """Markdown bold; a function, not an f-string, so that `pybabel extract` finds the `t()` inside."""
    return f"**{text}**"


def intro() -> None:
    st.title(t("Sozialindex"))
    st.markdown(
        t(
            "Der Sozialindex fasst mehrere Indikatoren je Gebiet zusammen: der **Statusindex** beschreibt die "
            "soziale Lage in einem Jahr, der **Dynamikindex** ihre Veränderung über einen Zeitraum, der "
            "**Gesamttyp** verbindet beide. Das Verfahren folgt dem Berliner Monitoring Soziale Stadtentwicklung "
            "(MSS); Indikatoren, Gewichte, Klassengrenzen und die Mindesteinwohnerzahl stellen Sie hier ein."
        )
    )


def settings_panel(bundle: Bundle, rated: list[str]) -> Choices | None:
    """The settings box; None (with the problems shown) when no index can be computed from them."""
    catalogue, settings = bundle.catalogue, bundle.settings
    # defaults from [sozialindex] in einstellungen.toml when its indicators are usable here: with them the page
    # shows the index that the map, trends and profile offer
    configured = settings.sozialindex_status if set(settings.sozialindex_status) <= set(rated) else {}
    configured_dyn = settings.sozialindex_dynamik if set(settings.sozialindex_dynamik) <= set(rated) else {}

    def label(i: str) -> str:
        return f"{catalogue.at[i, 'thema']} · {data_text(catalogue, i, 'name')}"

    with st.container(border=True):
        st.header(t("Einstellungen"), anchor="einstellungen")
        col_status, col_dynamics = st.columns(2)
        with col_status:
            st.markdown(bold(t("Statusindex")))
            status_ids = st.multiselect(
                t("Indikatoren des Statusindex"),
                rated,
                default=list(configured) or default_status_indicators(catalogue),
                format_func=label,
                key="status",
                bind="query-params",
                help=t(
                    "Nur Indikatoren mit Richtung. Bei „höher ist besser“ (z. B. Beschäftigtenquote) wird die "
                    "Richtung umgekehrt, damit ein hoher Indexwert immer eine ungünstige Lage bedeutet."
                ),
            )
            status_years = years_with_all(bundle.values, status_ids) if status_ids else []
            year = None
            if status_years:
                year = st.selectbox(
                    t("Jahr des Status"), status_years[::-1], index=0, key="index_jahr", bind="query-params"
                )
            weights = {}
            for indikator in status_ids:
                preset = configured.get(indikator, 1.0)
                options = sorted({*WEIGHTS, preset})
                weights[indikator] = st.selectbox(
                    t("Gewicht: {indikator}", indikator=data_text(catalogue, indikator, "kurzname")),
                    options,
                    index=options.index(preset),
                    format_func=weight_text,
                    key=f"gewicht_{indikator}",
                    bind="query-params",
                )
        with col_dynamics:
            st.markdown(bold(t("Dynamikindex")))
            dyn_ids = st.multiselect(
                t("Indikatoren des Dynamikindex (leer: keiner)"),
                rated,
                default=list(configured_dyn) if configured else default_status_indicators(catalogue),
                format_func=label,
                key="dynamik",
                bind="query-params",
                help=t(
                    "Je Indikator geht die Veränderung zwischen den beiden Jahren ein (bei Anteilen in "
                    "Prozentpunkten), gewichtet wie in einstellungen.toml, sonst gleich."
                ),
            )
            start, end = _dynamics_years(bundle, dyn_ids, year)
        status_limits, dynamics_limits, min_population = _limits(bundle)

    problems = []
    if not status_ids:
        problems.append(t("Bitte mindestens einen Indikator für den Statusindex wählen."))
    elif year is None:
        problems.append(t("Die gewählten Status-Indikatoren haben kein gemeinsames Jahr mit Werten."))
    s1, s2, s3 = status_limits
    d1, d2 = dynamics_limits
    if not s1 < s2 < s3 or not d1 < d2:
        problems.append(t("Die Klassengrenzen müssen von links nach rechts größer werden."))
    for text in problems:
        st.error(text, icon=":material/error:")
    if problems:
        return None
    dynamic = bool(dyn_ids) and start is not None and end is not None
    return Choices(
        status_ids,
        weights,
        int(year),
        dyn_ids,
        {i: configured_dyn.get(i, 1.0) for i in dyn_ids} if dynamic else {},
        int(start) if dynamic else None,
        int(end) if dynamic else None,
        status_limits,
        dynamics_limits,
        min_population,
    )


def _dynamics_years(bundle: Bundle, dyn_ids: list[str], year: int | None) -> tuple[int | None, int | None]:
    dyn_years = years_with_all(bundle.values, dyn_ids) if dyn_ids else []
    if dyn_ids and len(dyn_years) < 2:
        st.info(t("Für diese Indikatoren gibt es keine zwei Jahre mit Werten: kein Dynamikindex."))
    if not dyn_ids or len(dyn_years) < 2:
        return None, None
    left, right = st.columns(2)
    default_end = year if year in dyn_years else dyn_years[-1]
    end = right.selectbox(
        t("Bis Jahr"), dyn_years[1:][::-1], index=dyn_years[1:][::-1].index(default_end)
        if default_end in dyn_years[1:] else 0, key="dyn_bis", bind="query-params",
    )  # fmt: skip
    earlier = [y for y in dyn_years if y < int(end)]
    span = bundle.settings.sozialindex_dynamik_jahre
    default_start = int(end) - span if int(end) - span in earlier else earlier[0]
    start = left.selectbox(
        t("Von Jahr"), earlier[::-1], index=earlier[::-1].index(default_start), key="dyn_von",
        bind="query-params",
    )  # fmt: skip
    return start, end


def _limits(bundle: Bundle) -> tuple[tuple[float, float, float], tuple[float, float], int]:
    settings = bundle.settings
    st.markdown(
        t("**Klassengrenzen** (in Standardabweichungen des erneut standardisierten Index) **und Mindestgröße**")
    )
    cols = st.columns(5)
    preset_s = [snapped(v) for v in settings.sozialindex_grenzen_status]
    preset_d = [snapped(v) for v in settings.sozialindex_grenzen_dynamik]
    s1 = limit_slider(cols[0], t("Status: hoch bis"), preset_s[0], "grenze_s1")
    s2 = limit_slider(cols[1], t("mittel bis"), preset_s[1], "grenze_s2")
    s3 = limit_slider(cols[2], t("niedrig bis"), preset_s[2], "grenze_s3")
    d1 = limit_slider(cols[3], t("Dynamik: positiv bis"), preset_d[0], "grenze_d1")
    d2 = limit_slider(cols[4], t("stabil bis"), preset_d[1], "grenze_d2")
    # a column of its own: in the sixth of a row the label was cut ("Mindesteinwohne/r")
    min_population = st.columns([1, 2])[0].number_input(
        t("Mindestgröße (Einwohner je Gebiet)"),
        min_value=0,
        value=int(settings.index_min_einwohner),
        step=50,
        key="mindestgroesse",
        bind="query-params",
        help=t("Kleinere Gebiete werden nicht eingestuft und gehen nicht in Mittelwert und Streuung ein (0 = aus)."),
    )
    return (s1, s2, s3), (d1, d2), int(min_population)


def compute(bundle: Bundle, choices: Choices) -> Index:
    """Status, dynamics and types for the chosen settings over the areas of the main level."""
    c = choices
    names = list(bundle.areas["gebiet_id"])
    frame = index_inputs(bundle.values, names, c.status_ids, c.year, c.dyn_ids if c.dynamic else (), c.start, c.end)
    config = catalogue_config(
        bundle.catalogue,
        c.weights,
        c.dyn_weights,
        c.start,
        c.end,
        status_limits=c.status_limits,
        dynamics_limits=c.dynamics_limits,
        min_population=c.min_population,
        name=t(
            "Sozialindex {stadt}, Status {jahr}, Dynamik {von}–{bis}",
            stadt=bundle.settings.stadt_name, jahr=str(c.year), von=str(c.start), bis=str(c.end),
        ) if c.dynamic else t("Sozialindex {stadt}, Status {jahr}", stadt=bundle.settings.stadt_name, jahr=str(c.year)),
        t=tr(),
    )  # fmt: skip
    population = population_at(bundle.values, bundle.areas, c.year)
    no_population = bool(population.isna().all())
    counted = None if no_population else population
    status = status_index(frame, config, counted)
    dynamics = dynamics_index(frame, config, counted) if c.dynamic else None
    types = combined_type(status, dynamics) if dynamics is not None else None
    return Index(config, frame, population, no_population, status, dynamics, types)
