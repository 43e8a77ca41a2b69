"""Helpers that turn domain results into Streamlit metric cards."""

from __future__ import annotations

import streamlit as st

from sozialraum import Bundle
from sozialraum.formatting import format_signed, format_value
from sozialraum.indicators import city_value


def city_metric(bundle: Bundle, indikator: str, container=st) -> None:  # noqa: ANN001
    """A metric card with the latest city value, change to the previous year, unit and source."""
    if indikator not in bundle.catalogue.index:
        return
    meta = bundle.catalogue.loc[indikator]
    years = sorted(bundle.city.loc[bundle.city["indikator_id"] == indikator, "jahr"])
    if not years:
        return
    latest = years[-1]
    value = city_value(bundle.city, indikator, latest)
    previous = city_value(bundle.city, indikator, years[-2]) if len(years) > 1 else None
    decimals, unit = int(meta["dezimalstellen"]), str(meta["einheit"])
    delta = format_signed(value - previous, unit, decimals) + f" zu {years[-2]}" if previous is not None else None
    polarity = meta["polaritaet"]
    container.metric(
        f"{meta['name']} {latest}",
        format_value(value, unit, decimals),
        delta=delta,
        delta_color={"hoeher_schlechter": "inverse", "hoeher_besser": "normal"}.get(polarity, "off"),
        help=str(meta["definition"]),
        border=True,
    )
    container.caption(f"Quelle: {meta['quelle']} · Datenstand: {meta['datenstand']}")
