"""Karte: one indicator on the map – values, comparison with the city, or change between years."""

from functools import partial

import pandas as pd
import streamlit as st

from components.auth import INTERNAL, current_mode
from components.controls import area_select, indicator_labels, indicator_select, level_select, year_select
from components.data import get_map_view, get_view_payload
from components.layout import footer, setup_page
from components.navigation import page_link, switch_to
from components.page_views import get_map_sentence
from components.prognose_map import prognose_year_select, projection_note, with_projected_year
from components.sprache import code, german_data, t
from components.sprache import value as shown_value
from components.state import set_selection, shared_params, url_selectbox
from components.views import (
    MapSwitch,
    download_table,
    provenance,
    show_choropleth,
    show_table,
    source_line,
    table_size,
)
from sozialraum import Bundle
from sozialraum.classify import SCHEMES
from sozialraum.export import csv_with_metadata
from sozialraum.formatting import MINUS, NBSP, format_percent, format_value
from sozialraum.i18n import Translator
from sozialraum.levels import across_versions, level_for_year, switch_sentence
from sozialraum.mapview import (
    MODES,
    MapOptions,
    comparison_sentence,
    map_summary,
    precise_table,
    rank_note,
    view_table,
)
from sozialraum.sozialindex import INDEX_IDS
from sozialraum.translations import localized


def _as_shown(
    bundle: Bundle,
    indikator: str,
    options: MapOptions,
    columns: list[str],
    labels: dict[str, str],
    decimals: dict[str, int],
) -> pd.DataFrame:
    """The table as the page shows it, for the downloads: its columns, headings, order and decimals."""
    frame = view_table(bundle, indikator, options, columns).copy()
    for column, places in decimals.items():
        if column in frame.columns:
            numbers = pd.to_numeric(frame[column], errors="coerce").round(places)
            frame[column] = numbers.astype("Int64") if places == 0 else numbers
    return frame.rename(columns=labels)


def _precise_csv(bundle: Bundle, indikator: str, options: MapOptions, meta: dict[str, str]) -> bytes:
    return csv_with_metadata(precise_table(bundle, indikator, options), provenance(bundle, meta))


def _data_text(meta: pd.Series, column: str, lang: str) -> str:
    """An indicator's text from the translated data column; the German fallback marked `lang="de"` (HTML)."""
    found = localized(meta, column, lang)
    return german_data(str(found.text)) if found.lang != lang else str(found.text)


def _names(texts: dict[str, str]) -> dict[str, str]:
    """Option texts translated during the run (a picker's labels are made once, not when it is read later)."""
    return {key: t(text) for key, text in texts.items()}


def _band(b: float) -> str:
    return f"±{NBSP}{format_percent(b)}" if code() == "de" else f"±{NBSP}{shown_value(b, '%', 0)}"


full = setup_page("karte", karte=True)
lang = code()  # the page's language; German ("de") on the German page, which stays exactly as it was
tr = Translator(lang)

title_slot = st.empty()  # the heading names the indicator: it is filled in once that is chosen
# the main choice sits on the page on every width (on phones the sidebar is hidden behind "»")
with st.sidebar:
    chosen_level = level_select(full).main_level
indikator = indicator_select(full, container=st)
with st.sidebar:
    meta = full.catalogue.loc[indikator]
    mode = url_selectbox(t("Darstellung"), list(MODES), "ansicht", default="werte", format_func=_names(MODES).get)
    # years of every geometry version of the level; each year is shown on the version valid then
    jahr = year_select(
        across_versions(full, chosen_level), indikator, label=t("Jahr") if mode != "veraenderung" else t("Bis Jahr")
    )
    shown_level = level_for_year(full, chosen_level, jahr)
    bundle = full.at_level(shown_level)
    future = prognose_year_select(bundle, indikator) if mode != "veraenderung" else None
    gebiet = area_select(bundle, label=t("Gebiet hervorheben"))
    open_profile = st.checkbox(t("Klick auf ein Gebiet öffnet den Steckbrief"), value=True, key="klick_steckbrief")
    if mode == "werte":
        scheme = url_selectbox(
            t("Klassenbildung"), list(SCHEMES), "klassen", default="quantile", format_func=_names(SCHEMES).get
        )
        k = url_selectbox(t("Anzahl Klassen"), [3, 4, 5, 6, 7], "k", default=5, disabled=scheme == "stetig")
    elif mode == "vergleich":
        band = url_selectbox(
            t("Als „ähnlich“ gilt"),
            [5, 10, 15, 20],
            "band",
            default=10,
            format_func={b: t("{abstand} um den Stadtwert", abstand=_band(b)) for b in (5, 10, 15, 20)}.get,
        )
    else:
        years = [y for y in bundle.years if y < jahr]  # within the version shown: ids differ across versions
        start = url_selectbox(t("Von Jahr"), years[::-1], "von", default=years[0] if years else None)
        relative = url_selectbox(
            t("Veränderung"),
            ["absolut", "relativ"],
            "art",
            default="absolut",
            format_func={"absolut": t("absolut / Prozentpunkte"), "relativ": t("in Prozent")}.get,
        )

projected = with_projected_year(bundle, indikator, future) if future else None
if projected is not None:  # a projected year instead of the observed one, marked „Prognose“ below
    bundle, jahr = projected.bundle, projected.year
unit, decimals = str(meta["einheit"]), int(meta["dezimalstellen"])
polarity = str(meta["polaritaet"])
no_start = mode == "veraenderung" and start is None  # no earlier year (in this geometry version)
if no_start:
    mode, scheme, k = "werte", "quantile", 5  # show the values instead
options = MapOptions(
    mode=mode,
    year=jahr,
    scheme=scheme if mode == "werte" else "quantile",
    k=int(k) if mode == "werte" else 5,
    band=float(band) if mode == "vergleich" else 10.0,
    start=int(start) if mode == "veraenderung" else None,
    relative=mode == "veraenderung" and relative == "relativ",
)
view = get_map_view(bundle, indikator, options, lang)
table, classes, heading, value_title, shown_unit = view.table, view.classes, view.heading, view.value_title, view.unit
name = localized(meta, "name", lang)
shown_name = _data_text(meta, "name", lang)  # the name, marked German where it has no translation

heading = t("{titel} (Prognose)", titel=heading) if projected else heading
if shown_name != str(name.text):  # a German name in another language: the heading marks it lang="de"
    title_slot.markdown("# " + heading.replace(str(name.text), shown_name, 1), unsafe_allow_html=True)
else:
    title_slot.title(heading)
if lang == "de":
    st.caption(source_line(meta))
else:
    st.caption(
        t(
            "Einheit: {einheit} · Quelle: {quelle} · Datenstand: {datenstand}",
            einheit=_data_text(meta, "einheit", lang),
            quelle=german_data(str(meta["quelle"])),
            datenstand=str(meta["datenstand"]),
        ),
        unsafe_allow_html=True,
    )
if projected is not None:
    st.info(projection_note(projected), icon=":material/trending_up:")
if shown_level != chosen_level:
    st.info(switch_sentence(full, chosen_level, shown_level, jahr, tr), icon=":material/history:")
if no_start:
    within = across_versions(full, shown_level).years != bundle.years
    st.info(
        t(
            "Eine Veränderung lässt sich nur innerhalb einer Gebietsversion zeigen: „{ebene}“ hat vor {jahr} "
            "kein Jahr mit Werten. Die Karte zeigt darum die Werte.",
            ebene=shown_level,
            jahr=str(jahr),
        )
        if within
        else t("Vor {jahr} gibt es kein Jahr mit Werten. Die Karte zeigt darum die Werte.", jahr=str(jahr)),
        icon=":material/info:",
    )
if lang == "de":
    notes = [f"Gebietsebene: {bundle.main_level}"] if len(bundle.level_names) > 1 else []
    if bundle.settings.geometrie_schematisch:
        notes.append("schematische Gebietsgrenzen, keine amtliche Geometrie")
    if table["gesperrt"].any():
        notes.append("Werte mit zu kleiner Fallzahl sind aus Gründen der Geheimhaltung nicht ausgewiesen")
    if notes:
        st.caption("Hinweis: " + "; ".join(notes) + ".")
else:  # one statement per sentence
    level_name = german_data(bundle.main_level)  # the city's own name of the level: German data
    notes = [t("Gebietsebene: {ebene}.", ebene=level_name)] if len(bundle.level_names) > 1 else []
    if bundle.settings.geometrie_schematisch:
        notes.append(t("Die Gebietsgrenzen sind vereinfacht gezeichnet. Sie sind keine amtlichen Grenzen."))
    if table["gesperrt"].any():
        notes.append(t("Manche Werte beruhen auf sehr wenigen Fällen. Sie bleiben zum Schutz der Menschen geheim."))
    if notes:
        st.caption(" ".join(notes), unsafe_allow_html=True)

payload = get_view_payload(bundle, indikator, options, selected=gebiet, lang=lang)
if indikator in INDEX_IDS:  # derived from other indicators: its method belongs next to the map
    map_column, method_column = st.columns([2, 1])
    with method_column:
        st.markdown("**" + t("Verfahren") + "**")
        st.info(_data_text(meta, "definition", lang), icon=":material/functions:")
        page_link("sozialindex", label=t("Sozialindex: Verfahren und Einstellungen"), icon=":material/functions:")
else:
    map_column = st.container()
with map_column:
    clicked = show_choropleth(
        payload,
        key="karte",
        level=bundle.main_level,
        facilities=bundle.facilities,
        switch=MapSwitch("indikator", indikator, options, indicator_labels(full), chosen_level),
        lang=lang,
    )
if clicked and clicked.get("gebiet_id") and clicked["gebiet_id"] != gebiet:
    set_selection("gebiet", clicked["gebiet_id"])
    if open_profile:
        switch_to("steckbrief", query_params={**shared_params(), "gebiet": clicked["gebiet_id"]})
    st.rerun()
if gebiet:
    page_link(
        "steckbrief",
        label=t("Steckbrief {gebiet} öffnen", gebiet=bundle.area_name(gebiet)),
        icon=":material/location_city:",
        query_params={"gebiet": gebiet},
    )

html_ok = lang != "de"  # the German sentence stays plain markdown; other languages may mark a German name
if projected is None:  # once per data state, view and language
    st.markdown(get_map_sentence(bundle, indikator, options, shown_unit, lang, shown_name), unsafe_allow_html=html_ok)
else:  # a projected year's bundle is not the data state's own: no shared cache
    st.markdown(
        map_summary(
            table,
            shown_name,
            (lambda v: format_value(v, shown_unit, decimals, MINUS)) if lang == "de"
            else (lambda v: tr.value(v, shown_unit, decimals)),
            mode,
            tr,
        ),
        unsafe_allow_html=html_ok,
    )  # fmt: skip
if mode == "vergleich":
    st.markdown(comparison_sentence(classes, polarity, float(band), tr))

st.header(t("Tabelle"))
ranked = rank_note(polarity, change=mode == "veraenderung", t=tr)
st.caption(ranked)  # on the page, not only in the column's tooltip
no_city = bool(table["stadt"].isna().all())  # e.g. the Sozialindex: no city value, so no difference to it
diff_unit = t("Prozentpunkte") if shown_unit.strip() == "%" else shown_unit
columns = (
    ["name", "wert_start", "wert_ende", "wert", "differenz", "rang", "anmerkung"]
    if mode == "veraenderung"
    else ["name", "wert", "differenz", "rang", "anmerkung"]
)
if no_city:
    columns.remove("differenz")
# withheld rows (flag `gesperrt`) show the official sign "." in their empty cells
number_decimals = {"wert": decimals, "wert_start": decimals, "wert_ende": decimals, "differenz": decimals, "rang": 0}
labels = {
    "name": t("Gebiet"),
    "wert_start": f"{start if mode == 'veraenderung' else ''} ({unit})",
    "wert_ende": f"{jahr} ({unit})",
    "wert": f"{value_title} ({shown_unit})",
    "differenz": t("Differenz zur Stadt ({einheit})", einheit=diff_unit),
    "rang": t("Rang"),
    "anmerkung": t("Anmerkung"),
}
show_table(
    table[columns],
    # ranks get the thousands point too ("10.811" among 11,000 areas), like every number people read
    number_decimals,
    table["gesperrt"],
    hide_index=True,
    **table_size(len(table)),
    column_config={
        "name": st.column_config.TextColumn(labels["name"]),
        "wert_start": st.column_config.NumberColumn(labels["wert_start"]),
        "wert_ende": st.column_config.NumberColumn(labels["wert_ende"]),
        "wert": st.column_config.NumberColumn(labels["wert"]),
        "differenz": st.column_config.NumberColumn(labels["differenz"]),
        "rang": st.column_config.NumberColumn(labels["rang"], help=ranked),
        "anmerkung": st.column_config.TextColumn(labels["anmerkung"]),
    },
)
city_value = table["stadt"].iloc[0] if len(table) else None
city_shown = (
    format_value(city_value, shown_unit, decimals, MINUS)
    if lang == "de"
    else tr.value(city_value, shown_unit, decimals)
)
city_text = "" if no_city else f"{bundle.settings.gesamtstadt_name}: {city_shown} · "
if lang == "de":
    st.caption(f"{city_text}{meta['definition']}")
else:
    st.caption(f"{city_text}{_data_text(meta, 'definition', lang)}", unsafe_allow_html=True)
city_meta = {} if no_city else {bundle.settings.gesamtstadt_name: city_shown}
download_table(
    bundle,
    # made again when clicked: the buttons keep what they get in every open session (11,000 rows); a
    # lambda here would keep all of this page's variables, a partial only its arguments
    partial(_as_shown, bundle, indikator, options, columns, labels, number_decimals),
    f"{indikator}_{jahr}.csv",
    {
        t("Indikator"): str(name.text),
        t("Darstellung"): t(MODES[mode]),
        t("Jahr"): str(jahr)
        if projected is None
        else t("{jahr} (Prognose, {art})", jahr=str(jahr), art=projected.label),
        t("Einheit"): shown_unit,
        **city_meta,
        t("Quelle"): str(meta["quelle"]),
        t("Datenstand"): str(meta["datenstand"]),
    },
    key="dl_karte",
)
if current_mode(bundle.settings) == INTERNAL:  # for planners' own calculations, not for the public page
    st.download_button(
        "Werte ungerundet herunterladen (CSV, maschinenlesbar)",
        partial(_precise_csv, bundle, indikator, options, {"Indikator": str(meta["name"]), "Jahr": str(jahr)}),
        file_name=f"{indikator}_{jahr}_ungerundet_maschinenlesbar.csv",
        mime="text/csv",
        key="dl_karte_ungerundet",
        on_click="ignore",
        icon=":material/data_object:",
    )
    st.caption(
        "Ungerundete Werte mit Gebietskennung und den Spaltennamen der Datendateien, zum Weiterrechnen; "
        "gesperrte Werte bleiben leer (Spalte „gesperrt“)."
    )
if lang == "de":
    footer(bundle, f"Quelle: {meta['quelle']} · Datenstand: {meta['datenstand']}")
else:  # the source is German data: marked, so it stands above the footer's plain line
    source = german_data(str(meta["quelle"]))
    st.caption(t("Quelle: {quelle} · Datenstand: {datenstand}", quelle=source, datenstand=str(meta["datenstand"])),
               unsafe_allow_html=True)  # fmt: skip
    footer(bundle)
