"""Shared selection widgets: indicator, year, area, bound to the URL."""

from __future__ import annotations

import streamlit as st

from sozialraum import Bundle

from .state import url_multiselect, url_selectbox


def indicator_labels(bundle: Bundle) -> dict[str, str]:
    """Indicator id → its text in the picker ('Thema · Name'), in the picker's order."""
    catalogue = bundle.catalogue.sort_values(["thema", "name"])
    return {str(i): f"{catalogue.at[i, 'thema']} · {catalogue.at[i, 'name']}" for i in catalogue.index}


def indicator_select(bundle: Bundle, container=st.sidebar, key: str = "indikator") -> str:  # noqa: ANN001
    labels = indicator_labels(bundle)
    options = list(labels)
    default = bundle.settings.standard_indikator or (options[0] if options else None)
    return url_selectbox(
        "Indikator",
        options,
        key,
        default=default,
        format_func=labels.__getitem__,
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


def area_names(bundle: Bundle, all_levels: bool = False) -> dict[str, str]:
    """Area id → display name; with `all_levels`, areas of other levels carry their level in brackets."""
    names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
    if all_levels:
        for level, (areas, _) in bundle.levels.items():
            if level != bundle.main_level:
                names.update({g: f"{n} ({level})" for g, n in zip(areas["gebiet_id"], areas["name"], strict=True)})
    return names


def area_select(  # noqa: ANN201
    bundle: Bundle,
    container=st.sidebar,
    key: str = "gebiet",
    label: str = "Gebiet",
    all_levels: bool = False,  # noqa: ANN001
) -> str | None:
    names = area_names(bundle, all_levels)
    main = set(bundle.areas["gebiet_id"])
    options = ["", *sorted(names, key=lambda g: (g not in main, names[g]))]
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


def level_select(bundle: Bundle, container=st.sidebar, key: str = "ebene") -> Bundle:  # noqa: ANN001
    """Where the areas have levels (Bezirk → Gemeindeteil): choose one; returns the bundle at that level."""
    if len(bundle.level_names) <= 1:
        return bundle
    level = url_selectbox("Gebietsebene", bundle.level_names, key, default=bundle.main_level, container=container)
    return bundle.at_level(level)
