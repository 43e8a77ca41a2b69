"""Helpers that turn domain results into Streamlit metric cards."""

from __future__ import annotations

import streamlit as st

from sozialraum import Bundle
from sozialraum.confidentiality import EXPLANATION, SIGN, SIGN_TEXT
from sozialraum.indicators import city_value
from sozialraum.polarity import Polarity
from sozialraum.translations import localized

from .sprache import code, signed, t
from .sprache import value as format_value
from .sprache_daten import german_html, sources_html


def city_metric(bundle: Bundle, indikator: str, container=st) -> None:
    """A metric card with the latest city value, change to the previous year, unit and source."""
    if indikator not in bundle.catalogue.index:
        return
    meta = bundle.catalogue.loc[indikator]
    # name, short name and unit from the translated columns (German where there are none)
    short, name, definition = (localized(meta, c, code()).text for c in ("kurzname", "name", "definition"))
    years = sorted(bundle.city.loc[bundle.city["indikator_id"] == indikator, "jahr"])
    withheld = withheld_city_year(bundle, indikator, years[-1] if years else None)
    if withheld is not None:  # the newest city value would reveal a withheld area: say so, not an old year
        container.metric(f"{short} {withheld}", SIGN, help=f"{t(SIGN_TEXT)}. {t(EXPLANATION)}", border=True)
        container.caption(
            t(
                "{zeichen} (statistische Geheimhaltung) · Quelle: {quelle}",
                zeichen=t(SIGN_TEXT),
                quelle=german_html(meta["quelle"]),
            ),
            unsafe_allow_html=True,
        )
        return
    if not years:
        return
    latest = years[-1]
    value = city_value(bundle.city, indikator, latest)
    previous = city_value(bundle.city, indikator, years[-2]) if len(years) > 1 else None
    decimals, unit = int(meta["dezimalstellen"]), localized(meta, "einheit", code()).text
    change = None if previous is None else round(value - previous, decimals)
    # the typographic minus for people ("−510 Personen"); arrow and colour are set here, not read from the text
    delta = None if change is None else t("{differenz} zu {jahr}", differenz=signed(change, unit, decimals),
                                          jahr=str(years[-2]))  # fmt: skip
    sign = Polarity.of(meta["polaritaet"]).sign
    colour = "gray" if not change or not sign else ("green" if change * sign > 0 else "red")
    short_unit = len(unit) <= 2  # "%" fits beside the number; "Personen" goes into the label
    container.metric(
        f"{short} {latest}",
        format_value(value, unit, decimals) if short_unit else format_value(value, "", decimals),
        delta=delta,
        delta_color=colour,
        delta_arrow="off" if not change else ("up" if change > 0 else "down"),
        help=f"{name}: {definition}",
        border=True,
    )
    # German data texts (source, untranslated unit) marked lang="de": in Arabic they also keep their own direction
    container.caption(sources_html(bundle.catalogue, [indikator]), unsafe_allow_html=True)


def withheld_city_year(bundle: Bundle, indikator: str, latest_city_year: int | None) -> int | None:
    """The newest year after `latest_city_year` (None: any) with withheld area cells but no city
    value: the loader withheld it (it would reveal a withheld area). None if there is none."""
    values = bundle.values[bundle.values["indikator_id"] == indikator]
    if "gesperrt" not in values.columns:
        return None
    withheld = values["gesperrt"].fillna(False).astype(bool)
    newer = values[withheld & (values["jahr"] > latest_city_year)] if latest_city_year is not None else values[withheld]
    return int(newer["jahr"].max()) if len(newer) else None
