"""The social index in the profile: an area's status and dynamics with method, source and links."""

from __future__ import annotations

import streamlit as st

from sozialraum import Bundle
from sozialraum.formatting import format_signed
from sozialraum.sozialindex import area_index

from .navigation import page_link
from .views import source_line


def show_area_index(bundle: Bundle, gebiet: str, jahr: int, entries: list | None = None) -> None:
    """The area's social index (status, dynamics, type) with its method, source and links to map and index page;
    `entries`: `sozialindex.area_index` computed before (components/page_views.py), else computed here."""
    if entries is None:
        entries = area_index(bundle.values, bundle.catalogue, bundle.settings, gebiet, jahr)
    if not entries:
        return
    st.header("Sozialindex")
    for column, entry in zip(st.columns(len(entries)), entries, strict=True):
        meta = bundle.catalogue.loc[entry.indikator]
        with column:
            shown = "–" if entry.value is None else format_signed(entry.value, "", 2)
            st.metric(f"{meta['kurzname']} {entry.year}", shown, border=True)
            if entry.value is None:
                st.markdown(entry.note or "Nicht eingestuft.")
            else:
                st.markdown(f"{entry.note} · Rang {entry.rank} von {entry.rated} (1 = günstigste Lage)")
    codes = [e.code for e in entries]
    if len(entries) == 2 and all(codes):
        status, dynamics = entries
        st.markdown(f"**Gesamttyp {status.code}{dynamics.code}:** Status {status.label}, Dynamik {dynamics.label}.")
    for entry in entries:
        meta = bundle.catalogue.loc[entry.indikator]
        st.caption(f"**{meta['name']}.** {meta['definition']} {source_line(meta)}")
    params = {"indikator": entries[0].indikator, "jahr": str(entries[0].year), "gebiet": gebiet}
    if len(bundle.level_names) > 1:
        params["ebene"] = bundle.main_level
    left, right = st.columns(2)
    page_link("karte", left, label="Sozialindex auf der Karte", icon=":material/map:", query_params=params)
    page_link("sozialindex", right, label="Verfahren und Einstellungen", icon=":material/functions:")
