"""Helpers that turn domain results into Streamlit metric cards."""

from __future__ import annotations

import streamlit as st

from sozialraum import Bundle
from sozialraum.confidentiality import EXPLANATION, SIGN, SIGN_TEXT
from sozialraum.indicators import city_value

from .sprache import signed, t
from .sprache import value as format_value


def city_metric(bundle: Bundle, indikator: str, container=st) -> None:
    """A metric card with the latest city value, change to the previous year, unit and source."""
    if indikator not in bundle.catalogue.index:
        return
    meta = bundle.catalogue.loc[indikator]
    years = sorted(bundle.city.loc[bundle.city["indikator_id"] == indikator, "jahr"])
    withheld = withheld_city_year(bundle, indikator, years[-1] if years else None)
    if withheld is not None:  # the newest city value would reveal a withheld area: say so, not an old year
        container.metric(f"{meta['kurzname']} {withheld}", SIGN, help=f"{t(SIGN_TEXT)}. {t(EXPLANATION)}", border=True)
        container.caption(
            t("{zeichen} (statistische Geheimhaltung) · Quelle: {quelle}", zeichen=t(SIGN_TEXT), quelle=meta["quelle"])
        )
        return
    if not years:
        return
    latest = years[-1]
    value = city_value(bundle.city, indikator, latest)
    previous = city_value(bundle.city, indikator, years[-2]) if len(years) > 1 else None
    decimals, unit = int(meta["dezimalstellen"]), str(meta["einheit"])
    change = None if previous is None else round(value - previous, decimals)
    # the typographic minus for people ("−510 Personen"); arrow and colour are set here, not read from the text
    delta = None if change is None else t("{differenz} zu {jahr}", differenz=signed(change, unit, decimals),
                                          jahr=str(years[-2]))  # fmt: skip
    sign = {"hoeher_besser": 1, "hoeher_schlechter": -1}.get(str(meta["polaritaet"]), 0)
    colour = "gray" if not change or not sign else ("green" if change * sign > 0 else "red")
    short_unit = len(unit) <= 2  # "%" fits beside the number; "Personen" goes into the label
    container.metric(
        f"{meta['kurzname']} {latest}",
        format_value(value, unit, decimals) if short_unit else format_value(value, "", decimals),
        delta=delta,
        delta_color=colour,
        delta_arrow="off" if not change else ("up" if change > 0 else "down"),
        help=f"{meta['name']}: {meta['definition']}",
        border=True,
    )
    container.caption(
        t(
            "Einheit: {einheit} · Quelle: {quelle} · Datenstand: {stand}",
            einheit=unit,
            quelle=meta["quelle"],
            stand=meta["datenstand"],
        )
    )


def withheld_city_year(bundle: Bundle, indikator: str, latest_city_year: int | None) -> int | None:
    """The newest year after `latest_city_year` (None: any) with withheld area cells but no city
    value: the loader withheld it (it would reveal a withheld area). None if there is none."""
    values = bundle.values[bundle.values["indikator_id"] == indikator]
    if "gesperrt" not in values.columns:
        return None
    withheld = values["gesperrt"].fillna(False).astype(bool)
    newer = values[withheld & (values["jahr"] > latest_city_year)] if latest_city_year is not None else values[withheld]
    return int(newer["jahr"].max()) if len(newer) else None
