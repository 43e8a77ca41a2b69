"""Daten & Quellen: indicator catalogue, validation report, downloads."""

import pandas as pd
import streamlit as st

from components.grid import data_grid
from components.layout import footer, setup_page, show_report
from components.sprache import code, t
from components.sprache_daten import catalogue_html, catalogue_in_language
from components.technical import internal
from components.views import download_table
from sozialraum.i18n import N_, SOURCE
from sozialraum.opendata import metadata_json

bundle = setup_page("daten", needs_data=False)
settings = bundle.settings
report = bundle.report

st.title(t("Daten & Quellen"))
internal_view = internal(settings)  # folder, file formats and the command line are for the people who run the dashboard
folder = f"Datenordner: `{bundle.folder.name}` · " if internal_view else ""
st.markdown(
    folder
    + t(
        "{gebiete} Gebiete · {indikatoren} Indikatoren · Jahre {von}–{bis}",
        gebiete=len(bundle.areas),
        indikatoren=len(bundle.catalogue),
        von=str(bundle.years[0]) if bundle.years else "–",
        bis=str(bundle.years[-1]) if bundle.years else "–",
    )
)
if settings.geometrie_schematisch:
    st.caption(t("Die Gebietsflächen sind schematisch (keine amtliche Geometrie)."))

st.header(t("Indikatorenkatalog"))
catalogue = bundle.catalogue[["name", "einheit", "thema", "polaritaet", "definition", "quelle", "datenstand"]].rename(
    columns={
        "name": "Indikator",
        "einheit": "Einheit",
        "thema": "Thema",
        "polaritaet": "Richtung",
        "definition": "Definition",
        "quelle": "Quelle",
        "datenstand": "Datenstand",
    }
)
catalogue["Richtung"] = catalogue["Richtung"].map(
    {"hoeher_besser": "höher ist besser", "hoeher_schlechter": "höher ist ungünstiger", "neutral": "neutral"}
)
if code() == SOURCE:
    data_grid(catalogue, hide_index=True, column_config={"Definition": st.column_config.TextColumn(width="large")})
else:
    st.html(catalogue_html(catalogue_in_language(bundle.catalogue)))
st.caption(
    t(
        "Gesamtstadtwerte werden aus Zählern und Nennern bzw. als Summe berechnet oder amtlich vorgegeben, "
        "nie als ungewichteter Mittelwert der Gebietswerte."
    )
)

st.header(t("Prüfbericht"))
show_report(bundle)
if internal_view:
    with st.expander("Erkannte Dateiformate"):
        data_grid(
            pd.DataFrame({"Datei": list(report.detected), "Erkannt": list(report.detected.values())}), hide_index=True
        )
    st.caption("Derselbe Bericht auf der Kommandozeile: `python -m sozialraum check <ordner>`")

st.header(t("Downloads"))
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
values = bundle.values.assign(gebiet=bundle.values["gebiet_id"].map(names))[
    ["gebiet_id", "gebiet", "indikator_id", "jahr", "wert", "fallzahl", "anmerkung"]
]
download_table(
    bundle,
    values,
    "werte.csv",
    {t("Inhalt"): t("Alle Indikatorwerte je Gebiet und Jahr")},
    key="dl_werte",
    what=N_("Alle Werte"),
)
download_table(
    bundle,
    bundle.catalogue.reset_index(drop=True),
    "indikatoren.csv",
    {t("Inhalt"): t("Indikatorenkatalog mit Definitionen und Quellen")},
    key="dl_katalog",
    what=N_("Indikatorenkatalog"),
)
st.download_button(
    t("Metadaten als JSON herunterladen (metadata.json)"),
    metadata_json(bundle),
    file_name="metadata.json",
    mime="application/json",
    key="dl_metadata",
    icon=":material/data_object:",
)
st.caption(
    t(
        "metadata.json beschreibt die Downloads: Lizenz und Namensnennung, Quelle und Datenstand je Indikator, "
        "Exportdatum und die Regeln der Geheimhaltung („.“ = keine Angabe)."
    )
)
footer(bundle)
