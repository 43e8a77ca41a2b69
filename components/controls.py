"""Shared selection widgets: indicator, year, area, bound to the URL."""

from __future__ import annotations

import streamlit as st

from sozialraum import Bundle

from .state import url_multiselect, url_selectbox


def indicator_select(bundle: Bundle, container=st.sidebar, key: str = "indikator") -> str:  # noqa: ANN001
    catalogue = bundle.catalogue.sort_values(["thema", "name"])
    options = list(catalogue.index)
    default = bundle.settings.standard_indikator or (options[0] if options else None)
    return url_selectbox(
        "Indikator",
        options,
        key,
        default=default,
        format_func=lambda i: f"{catalogue.at[i, 'thema']} · {catalogue.at[i, 'name']}",
        container=container,
        help="Gruppiert nach Themenbereich. Definition und Quelle stehen unter der Karte bzw. dem Diagramm.",
    )


def year_select(  # noqa: ANN201
    bundle: Bundle,
    indikator: str,
    container=st.sidebar,
    key: str = "jahr",
    label: str = "Jahr",  # noqa: ANN001
) -> int:
    years = sorted(int(y) for y in bundle.values.loc[bundle.values["indikator_id"] == indikator, "jahr"].unique())
    years = years or bundle.years
    default = (
        bundle.settings.standard_jahr if bundle.settings.standard_jahr in years else (years[-1] if years else None)
    )
    value = url_selectbox(label, years[::-1], key, default=default, container=container)
    return int(value) if value is not None else 0


def area_select(bundle: Bundle, container=st.sidebar, key: str = "gebiet", label: str = "Gebiet") -> str | None:  # noqa: ANN001
    names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
    options = ["", *sorted(names, key=lambda g: names[g])]
    value = url_selectbox(
        label,
        options,
        key,
        default="",
        format_func=lambda g: names.get(g, "– keins –") if g else "– keins –",
        container=container,
    )
    return value or None


def areas_multiselect(bundle: Bundle, default: list[str], container=st.sidebar, key: str = "gebiete") -> list[str]:  # noqa: ANN001
    names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
    return url_multiselect(
        "Gebiete",
        sorted(names, key=lambda g: names[g]),
        key,
        default=default,
        format_func=lambda g: names.get(g, g),
        container=container,
        max_selections=7,
        help="Bis zu sieben Gebiete; die Gesamtstadt wird immer gezeigt.",
    )
