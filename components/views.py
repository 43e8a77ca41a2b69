"""Display wrappers: maps, tables, downloads, metadata lines."""

from __future__ import annotations

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from sozialraum import Bundle
from sozialraum.export import csv_with_metadata
from sozialraum.formatting import format_number


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


def download_csv(bundle: Bundle, frame: pd.DataFrame, file_name: str, meta: dict[str, str], key: str) -> None:
    s = bundle.settings
    provenance = {
        **meta,
        "Lizenz": f"{s.lizenz_name} ({s.lizenz_kurz}, {s.lizenz_url})",
        "Namensnennung": s.namensnennung,
    }
    st.download_button(
        "Tabelle als CSV herunterladen",
        csv_with_metadata(frame, provenance),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
    )


def german_table(frame: pd.DataFrame, decimals: dict[str, int]) -> object:
    """A Styler that shows numbers German-style (1.234,5) while sorting still uses the numbers."""
    formats = {col: (lambda v, d=d: format_number(v, d)) for col, d in decimals.items() if col in frame.columns}
    return frame.style.format(formats, na_rep="–")
