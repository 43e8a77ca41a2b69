"""The 'naive' contender of the benchmark: what most Streamlit map apps do.

A plain st_folium choropleth of the full (unsimplified) geometry, rebuilt and sent again on
every change. Only Leaflet is served locally (as in the app), so it runs offline too.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from benchmarks/: find the package

import folium
import streamlit as st
from streamlit_folium import st_folium

from benchmarks.folium_offline import use_local_leaflet
from sozialraum import load_bundle
from sozialraum.classify import classify

use_local_leaflet()


@st.cache_resource
def data():
    return load_bundle()


bundle = data()
catalogue = bundle.catalogue
options = list(catalogue.index)
start = st.query_params.get("indikator")
indikator = st.selectbox(
    "Indikator",
    options,
    index=options.index(start) if start in options else 0,
    format_func=lambda i: catalogue.at[i, "name"],
)
values = bundle.values[bundle.values["indikator_id"] == indikator]
year = int(values.dropna(subset=["wert"])["jahr"].max())
merged = bundle.areas.merge(values[values["jahr"] == year][["gebiet_id", "wert"]], on="gebiet_id", how="left")
classes = classify(merged["wert"], "quantile", 5, str(catalogue.at[indikator, "polaritaet"]))
merged["farbe"] = [classes.colours[c] if c >= 0 else "#d9d9d9" for c in classes.labels]
merged["wert"] = merged["wert"].astype(float)
fmap = folium.Map(tiles=None)
bounds = merged.total_bounds
fmap.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
folium.GeoJson(
    json.loads(merged[["gebiet_id", "name", "wert", "farbe", "geometry"]].to_json()),
    style_function=lambda f: {"fillColor": f["properties"]["farbe"], "fillOpacity": 0.85, "color": "#444", "weight": 1},
    tooltip=folium.GeoJsonTooltip(fields=["name", "wert"]),
).add_to(fmap)
st_folium(fmap, height=560, use_container_width=True, returned_objects=[])
