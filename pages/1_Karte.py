"""Karte: choropleth of one indicator and year, with table, summary and download."""

import streamlit as st

from components.controls import area_select, indicator_select, year_select
from components.data import get_display_geometry
from components.layout import footer, setup_page
from components.state import set_selection, url_selectbox
from components.views import download_table, german_table, show_map, source_line
from sozialraum.classify import SCHEMES, classify
from sozialraum.formatting import format_value
from sozialraum.indicators import indicator_table, summary_sentence
from sozialraum.maps import choropleth

bundle = setup_page("Karte")

with st.sidebar:
    indikator = indicator_select(bundle)
    jahr = year_select(bundle, indikator)
    gebiet = area_select(bundle, label="Gebiet hervorheben")
    scheme = url_selectbox("Klassenbildung", list(SCHEMES), "klassen", default="quantile", format_func=SCHEMES.get)
    k = url_selectbox("Anzahl Klassen", [3, 4, 5, 6, 7], "k", default=5)

meta = bundle.catalogue.loc[indikator]
unit, decimals = str(meta["einheit"]), int(meta["dezimalstellen"])
table = indicator_table(bundle.values, bundle.areas, bundle.city, bundle.catalogue, indikator, jahr)
classes = classify(table["wert"], scheme, int(k), str(meta["polaritaet"]))

st.title(f"{meta['name']} {jahr}")
st.caption(source_line(meta))
if bundle.settings.geometrie_schematisch:
    st.caption("Hinweis: schematische Gebietsgrenzen, keine amtliche Geometrie.")

fmap = choropleth(get_display_geometry(), table, classes, meta, jahr, selected=gebiet)
clicked = show_map(fmap, key="karte")
if clicked and clicked.get("gebiet_id") and clicked["gebiet_id"] != gebiet:
    set_selection("gebiet", clicked["gebiet_id"])
    st.rerun()


def fmt(value: float) -> str:
    return format_value(value, unit, decimals)


st.markdown(summary_sentence(table, str(meta["name"]), unit, fmt))

st.subheader("Tabelle")
unit_diff = "Prozentpunkte" if unit.strip() == "%" else unit
shown = table[["name", "wert", "differenz", "rang", "anmerkung"]]
st.dataframe(
    german_table(shown, {"wert": decimals, "differenz": decimals, "rang": 0}),
    hide_index=True,
    column_config={
        "name": st.column_config.TextColumn("Gebiet"),
        "wert": st.column_config.NumberColumn(f"Wert ({unit})"),
        "differenz": st.column_config.NumberColumn(f"Differenz zur Stadt ({unit_diff})"),
        "rang": st.column_config.NumberColumn("Rang", help="1 = günstigster Wert"),
        "anmerkung": st.column_config.TextColumn("Anmerkung"),
    },
)
city = table["stadt"].iloc[0] if len(table) else None
st.caption(f"{bundle.settings.gesamtstadt_name}: {fmt(city)} · {meta['definition']}")
download_table(
    bundle,
    table[["gebiet_id", "name", "wert", "stadt", "differenz", "rang", "anmerkung"]],
    f"{indikator}_{jahr}.csv",
    {
        "Indikator": str(meta["name"]),
        "Jahr": str(jahr),
        "Einheit": unit,
        "Quelle": str(meta["quelle"]),
        "Datenstand": str(meta["datenstand"]),
    },
    key="dl_karte",
)
footer(bundle, f"Quelle: {meta['quelle']} · Datenstand: {meta['datenstand']}")
