"""Entwicklung: trends of chosen areas against the city, with table, summary and download."""

import streamlit as st

from components.controls import areas_multiselect, indicator_select
from components.layout import footer, setup_page
from components.state import current
from components.views import download_table, german_table, source_line
from sozialraum.figures import trend_figure
from sozialraum.formatting import format_value
from sozialraum.indicators import indicator_table, trend_summary, trend_table, trend_wide
from sozialraum.schemas import CITY_ID

bundle = setup_page("Entwicklung")

with st.sidebar:
    indikator = indicator_select(bundle)
latest = bundle.years[-1] if bundle.years else 0
ranking = indicator_table(bundle.values, bundle.areas, bundle.city, bundle.catalogue, indikator, latest)
# default: the three areas with the least favourable value, where a selected area comes first
default = list(ranking.sort_values("rang", ascending=False)["gebiet_id"].head(3))
selected = current("gebiet")
if selected in set(bundle.areas["gebiet_id"]):
    default = [selected, *[g for g in default if g != selected][:2]]
with st.sidebar:
    chosen = areas_multiselect(bundle, default=default)

meta = bundle.catalogue.loc[indikator]
unit, decimals = str(meta["einheit"]), int(meta["dezimalstellen"])
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
names[CITY_ID] = bundle.settings.gesamtstadt_name

st.title(f"Entwicklung: {meta['name']}")
st.caption(source_line(meta))

trend = trend_table(bundle.values, bundle.city, indikator, chosen)
fig = trend_figure(trend, names, f"{meta['name']} in {unit}", unit, decimals)
st.plotly_chart(fig, config={"displaylogo": False, "locale": "de"})
st.markdown(trend_summary(trend, names, lambda v: format_value(v, unit, decimals)))

st.subheader("Tabelle")
wide = trend_wide(trend, names)
st.dataframe(german_table(wide, {c: decimals for c in wide.columns if c != "Gebiet"}), hide_index=True)
st.caption(f"Werte in {unit}. Leere Zellen: für dieses Jahr liegt kein Wert vor (Lücken werden nicht geschätzt).")
download_table(
    bundle,
    wide,
    f"{indikator}_entwicklung.csv",
    {
        "Indikator": str(meta["name"]),
        "Einheit": unit,
        "Quelle": str(meta["quelle"]),
        "Datenstand": str(meta["datenstand"]),
    },
    key="dl_trend",
)
footer(bundle, f"Quelle: {meta['quelle']} · Datenstand: {meta['datenstand']}")
