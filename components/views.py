"""Display wrappers: maps, tables, downloads, metadata lines."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from sozialraum import Bundle
from sozialraum.export import csv_with_metadata, xlsx_with_metadata
from sozialraum.facilities import facilities_layer, legend_rows
from sozialraum.fastmap import CANVAS_FROM, StyleUpdate, base_map
from sozialraum.formatting import format_number

from .data import get_bundle, get_geometry_info


def source_line(meta: pd.Series) -> str:
    """'Quelle: … · Datenstand: … · Einheit: …' for one indicator."""
    return f"Einheit: {meta['einheit']} · Quelle: {meta['quelle']} · Datenstand: {meta['datenstand']}"


def show_map(fmap: folium.Map, key: str, height: int = 560) -> dict | None:
    """Show a folium map; returns the properties of the last clicked area, if any."""
    result = st_folium(
        fmap,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
    )
    drawing = (result or {}).get("last_active_drawing") or {}
    return drawing.get("properties")


def provenance(bundle: Bundle, meta: dict[str, str]) -> dict[str, str]:
    """Source, licence and attribution that travel with every download."""
    s = bundle.settings
    return {
        **meta,
        "Lizenz": f"{s.lizenz_name} ({s.lizenz_kurz}, {s.lizenz_url})",
        "Namensnennung": s.namensnennung,
    }


def show_choropleth(
    payload: dict, key: str, height: int = 560, level: str | None = None, facilities: object = None
) -> dict | None:
    """The fast choropleth: fixed base map (geometry by URL), only `payload` changes per rerun.

    Needs no geometry in memory (bounds and feature order come from the geometry index); the
    payload goes out in its compact form. Returns the properties of the last clicked area, if any.
    """
    info = get_geometry_info(level)
    settings = get_bundle().settings
    base = base_map(
        info.url,
        info.bounds,
        labels=len(info.ids) <= 80,
        tiles=settings.basiskarte_url,
        attribution=settings.basiskarte_attribution,
        canvas=len(info.ids) >= CANVAS_FROM,
    )
    if facilities is not None and len(facilities):
        # part of the fixed base map: drawn once, switchable in the layer control, listed in the legend
        facilities_layer(facilities).add_to(base)
        folium.LayerControl(collapsed=False).add_to(base)
        payload = {**payload, "legende": payload.get("legende", "") + legend_rows(facilities)}
    result = st_folium(
        base,
        key=f"{key}_{level}" if level else key,
        height=height,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
        feature_group_to_add=StyleUpdate(payload, ids=info.ids),
    )
    drawing = (result or {}).get("last_active_drawing") or {}
    return drawing.get("properties")


def download_table(
    bundle: Bundle, frame: pd.DataFrame, file_name: str, meta: dict[str, str], key: str, what: str = "Tabelle"
) -> None:
    """CSV (German Excel) and xlsx of exactly the table shown, with provenance; `what` names it on the buttons."""
    info = provenance(bundle, meta)
    left, right = st.columns(2)
    left.download_button(
        f"{what} als CSV herunterladen",
        csv_with_metadata(frame, info),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
    )
    right.download_button(
        f"{what} als Excel herunterladen",
        xlsx_with_metadata({"Daten": frame}, info),
        file_name=file_name.rsplit(".", 1)[0] + ".xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        icon=":material/table_view:",
    )


def german_table(frame: pd.DataFrame, decimals: dict[str, int]) -> object:
    """A Styler that shows numbers German-style (1.234,5) while sorting still uses the numbers."""
    formats = {col: (lambda v, d=d: format_number(v, d)) for col, d in decimals.items() if col in frame.columns}
    text_columns = [c for c in frame.columns if frame[c].dtype == object and c not in formats]
    frame = frame.assign(**{c: frame[c].fillna("") for c in text_columns})
    return frame.style.format(formats, na_rep="–")
