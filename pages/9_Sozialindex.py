"""Sozialindex: a configurable status and dynamics index after Berlin's MSS – map, method, table, types."""

import streamlit as st

from components.layout import footer, setup_page
from components.sozialindex_result import show_index_table, show_result, show_types
from components.sozialindex_view import compute, intro, rated_inputs, settings_panel, sources
from components.sprache import t

bundle = setup_page("sozialindex", karte=True)
rated = rated_inputs(bundle.catalogue)

intro()
if not rated:
    st.info(t("Der Indikatorenkatalog enthält keinen Indikator mit Richtung (höher ist besser/ungünstiger)."))
    footer(bundle)
    st.stop()

choices = settings_panel(bundle, rated)
if choices is None:
    footer(bundle)
    st.stop()

index = compute(bundle, choices)
show_result(bundle, choices, index)
show_index_table(bundle, choices, index)
show_types(bundle, choices, index)
footer(bundle, sources(bundle.catalogue, choices.used, marked=False))
