"""Maßnahme: one measure of the Sozialplan – what, who, when, status history, areas, linked indicators."""

from datetime import date

import streamlit as st

from components.layout import footer, setup_page
from components.navigation import page_link
from components.sozialplan_view import progress_column
from components.state import url_selectbox
from components.views import show_choropleth, source_line
from sozialraum.fastmap import areas_payload
from sozialraum.formatting import format_date, format_percent, format_value
from sozialraum.indicators import trend_summary, trend_table, trend_wide
from sozialraum.plan import (
    delay_flags,
    gantt_data,
    goal_of,
    measures_with_field,
    months_between,
    sort_by_id,
    target_check,
)
from sozialraum.plan_figures import gantt_figure, history_figure, target_trend_figure
from sozialraum.plot_config import plot_config
from sozialraum.schemas import CITY_ID, WHOLE_CITY

SOURCE = "Quelle: Sozialplanung (massnahmen.csv, massnahmen_verlauf.csv)"

bundle = setup_page("massnahme", karte=True)
plan = bundle.plan
if plan.empty:
    st.title("Maßnahme")
    st.info("Für diesen Datenordner liegt kein Sozialplan vor (massnahmen.csv fehlt).")
    footer(bundle)
    st.stop()

today = date.today()
measures = sort_by_id(measures_with_field(plan))
ids = list(measures["massnahme_id"])
titles = dict(zip(measures["massnahme_id"], measures["titel"], strict=True))
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
city_name = bundle.settings.gesamtstadt_name

requested = st.query_params.get("massnahme")
with st.sidebar:
    chosen = url_selectbox(
        "Maßnahme",
        ["", *ids],
        "massnahme",
        default="",
        format_func=lambda m: f"{m} {titles[m][:60]}" if m else "– bitte wählen –",
    )

if requested and requested not in ids:
    st.warning(
        f"Eine Maßnahme mit der Nummer „{requested}“ gibt es im Sozialplan nicht. "
        "Bitte wählen Sie eine aus der Liste unten oder in der Auswahl.",
        icon=":material/search_off:",
    )
if not chosen:
    st.title("Maßnahme")
    st.info("Bitte wählen Sie eine Maßnahme – in der Auswahl oder hier nach Handlungsfeld.")
    for feld, group in measures.groupby("handlungsfeld_id", sort=False):
        with st.expander(f"Handlungsfeld {feld}: {group['handlungsfeld'].iloc[0]} ({len(group)} Maßnahmen)"):
            for mid, title in zip(group["massnahme_id"], group["titel"], strict=True):
                page_link("massnahme", label=f"{mid} {title}", query_params={"massnahme": mid})
    footer(bundle, SOURCE)
    st.stop()

m = delay_flags(measures[measures["massnahme_id"] == chosen], today).iloc[0]
st.title(f"Maßnahme {chosen}: {m['titel']}")
st.caption(f"Handlungsfeld {m['handlungsfeld_id']}: {m['handlungsfeld']} › Ziel {m['ziel_id']}: {m['ziel_titel']}")
page_link(
    "sozialplan",
    label="Zurück zum Sozialplan",
    query_params={"hf": m["handlungsfeld_id"]},
    icon=":material/arrow_back:",
)

if isinstance(m["beschreibung"], str) and m["beschreibung"]:
    st.markdown(m["beschreibung"])

facts, progress_col, stand_col = st.columns([2, 1, 1])
partner = m["partner"] if isinstance(m["partner"], str) and m["partner"] else "keine angegeben"
facts.markdown(f"**Status:** {m['status']}  \n**Federführend:** {m['verantwortlich']}  \n**Beteiligte:** {partner}")
progress_col.metric("Fortschritt", format_percent(m["fortschritt"]), border=True)
stand_col.metric("Letzte Statusmeldung", format_date(m["stand"]), border=True)
if m["verzug"]:
    st.warning(f"Verzug: {m['hinweis']}.", icon=":material/schedule:")


def deviation(planned: date, actual: object) -> str:
    if not isinstance(actual, date):
        return "–"
    days = (actual - planned).days
    if days == 0:
        return "wie geplant"
    return f"{abs(days)} Tage {'später' if days > 0 else 'früher'}"


st.header("Zeitraum: geplant und tatsächlich")
left, right = st.columns([1, 2])
with left:
    st.table(
        {
            "": ["Beginn", "Ende"],
            "geplant": [format_date(m["beginn_geplant"]), format_date(m["ende_geplant"])],
            "tatsächlich": [
                format_date(m["beginn_ist"]) if isinstance(m["beginn_ist"], date) else "noch nicht begonnen",
                format_date(m["ende_ist"]) if isinstance(m["ende_ist"], date) else "offen",
            ],
            "Abweichung": [
                deviation(m["beginn_geplant"], m["beginn_ist"]),
                deviation(m["ende_geplant"], m["ende_ist"]),
            ],
        },
        hide_index=True,
    )
with right:
    bars = gantt_data(measures[measures["massnahme_id"] == chosen], today)
    st.plotly_chart(gantt_figure(bars, today, "", compact=True), config=plot_config(f"{chosen}_zeitplan"))
    st.caption("Grau: geplant; farbig: tatsächlich (schraffiert: läuft noch); rot: heute.")

st.header("Statusverlauf")
history = plan.history[plan.history["massnahme_id"] == chosen]
if history.empty:
    st.info("Für diese Maßnahme liegt kein Statusverlauf vor; gezeigt ist nur der aktuelle Stand.")
else:
    st.plotly_chart(history_figure(history, m, today), config=plot_config(f"{chosen}_verlauf"))
    changes = [
        (d, s)
        for i, (d, s) in enumerate(zip(history["datum"], history["status"], strict=True))
        if i == 0 or s != history["status"].iloc[i - 1]
    ]
    path = " → ".join(f"{s} ({format_date(d)})" for d, s in changes)
    first, last = float(history["fortschritt"].iloc[0]), float(history["fortschritt"].iloc[-1])
    progress = (
        f"der Fortschritt blieb bei {format_percent(last)}"
        if first == last
        else f"der Fortschritt {'stieg' if last > first else 'sank'} von {format_percent(first)} "
        f"auf {format_percent(last)}"
    )
    st.markdown(
        f"{len(history)} Statusmeldungen von {format_date(history['datum'].iloc[0])} bis "
        f"{format_date(history['datum'].iloc[-1])}; {progress}. Statusfolge: {path}."
    )
    age = months_between(history["datum"].iloc[-1], today)
    if age >= 1:
        st.caption(f"Die letzte Meldung ist {age} Monate alt.")
    st.dataframe(
        history.assign(datum_text=[format_date(d) for d in history["datum"]])[
            ["datum_text", "status", "fortschritt", "notiz"]
        ],
        hide_index=True,
        column_config={
            "datum_text": "Datum",
            "status": "Status",
            "fortschritt": progress_column("Fortschritt"),
            "notiz": st.column_config.TextColumn("Notiz", width="large"),
        },
    )

st.header("Wo die Maßnahme wirkt")
areas = [a for a in m["gebiete"] if a != WHOLE_CITY]
citywide = WHOLE_CITY in m["gebiete"]
map_col, list_col = st.columns([1, 1])
with map_col:
    # city-wide: every area dark (the map's ground colour), else only the measure's areas
    where_payload = areas_payload(areas, citywide=citywide)
    show_choropleth(where_payload, key="massnahme_karte", height=300, level=bundle.main_level, labels=False)
    st.caption(
        "Dunkelblau: Gebiete der Maßnahme"
        + (" – sie wirkt gesamtstädtisch, also in allen Gebieten." if citywide else "; grau: übrige Gebiete.")
    )
with list_col:
    if citywide:
        st.markdown(f"Die Maßnahme wirkt **gesamtstädtisch** ({city_name}).")
    for area in areas:
        page_link(
            "steckbrief",
            label=f"Steckbrief {names.get(area, area)}",
            query_params={"gebiet": area},
            icon=":material/location_city:",
        )

st.header("Verknüpfte Indikatoren")
goal = goal_of(plan, chosen)
target_indicator = goal["zielindikator"] if goal is not None and isinstance(goal["zielindikator"], str) else ""
linked = [i for i in m["indikatoren"] if i in bundle.catalogue.index]
if target_indicator and target_indicator in bundle.catalogue.index and target_indicator not in linked:
    linked.insert(0, target_indicator)
if goal is not None and target_indicator in bundle.catalogue.index:
    meta = bundle.catalogue.loc[target_indicator]
    st.markdown(
        f"**Ziel {goal['ziel_id']}:** {goal['titel']}. Gemessen an „{meta['name']}“: "
        f"{format_value(goal['zielwert'], meta['einheit'], int(meta['dezimalstellen']))} bis {goal['zieljahr']} "
        "in der Gesamtstadt."
    )
if not linked:
    st.info("Mit dieser Maßnahme sind keine Indikatoren verknüpft.")
labels = {**names, CITY_ID: city_name}
for indikator in linked:
    meta = bundle.catalogue.loc[indikator]
    unit, decimals = str(meta["einheit"]), int(meta["dezimalstellen"])
    trend = trend_table(bundle.values, bundle.city, indikator, areas)
    is_target = indikator == target_indicator and goal is not None
    where = "in den Gebieten der Maßnahme und der Gesamtstadt" if areas else "in der Gesamtstadt"
    st.markdown(f"### {meta['name']}")
    if trend.dropna(subset=["wert"]).empty:
        st.info(f"Für {meta['name']} liegen keine Werte vor.")
        continue
    st.plotly_chart(
        target_trend_figure(
            trend,
            labels,
            f"{meta['name']} {where}",
            unit,
            decimals,
            goal["zielwert"] if is_target else None,
            goal["zieljahr"] if is_target else None,
            since_year=m["beginn_ist"].year if isinstance(m["beginn_ist"], date) else None,
        ),
        config=plot_config(f"{chosen}_zielindikator"),
        key=f"trend_{indikator}",
    )
    fmt = lambda v, u=unit, d=decimals: format_value(v, u, d)  # noqa: E731
    st.markdown(trend_summary(trend, labels, fmt))
    if is_target and goal["zielwert"] == goal["zielwert"] and goal["zieljahr"] == goal["zieljahr"]:
        check = target_check(
            trend[trend["gebiet_id"] == CITY_ID],
            float(goal["zielwert"]),
            int(goal["zieljahr"]),
            str(meta["polaritaet"]),
            str(meta["name"]),
            fmt,
            place=f"in der Gesamtstadt ({city_name})",
        )
        st.markdown(f"**Ziel:** {check.sentence}")
    st.caption(source_line(meta) + (" · Zielwert aus ziele.csv" if is_target else ""))
    with st.expander(f"Tabelle: {meta['name']} ({unit})"):
        st.dataframe(trend_wide(trend, labels), hide_index=True)

footer(bundle, f"{SOURCE} · Maßnahme {chosen} · Stand {format_date(m['stand'])}")
