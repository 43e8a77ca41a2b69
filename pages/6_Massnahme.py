"""Maßnahme: one measure of the Sozialplan – what, who, when, status history, areas, linked indicators."""

from datetime import date

import streamlit as st

from components.grid import data_grid
from components.layout import footer, setup_page
from components.navigation import page_link
from components.sozialplan_view import SOURCE, progress_column
from components.sprache import code, german_data, t
from components.state import url_selectbox
from components.views import show_choropleth
from sozialraum.fastmap import areas_payload
from sozialraum.i18n import N_, Translator
from sozialraum.indicators import trend_summary, trend_table, trend_wide
from sozialraum.plan import delay_flags, gantt_data, measures_with_field, months_between, sort_by_id
from sozialraum.plan_figures import gantt_figure, history_figure, target_trend_figure
from sozialraum.plan_kennzahlen import localized_plan
from sozialraum.plan_target import goal_of, target_check
from sozialraum.plot_config import plot_config
from sozialraum.schemas import CITY_ID, WHOLE_CITY
from sozialraum.translations import localized

bundle = setup_page("massnahme", karte=True)
if bundle.plan.empty:
    st.title(t("Maßnahme"))
    st.info(t("Für diesen Datenordner liegt kein Sozialplan vor (massnahmen.csv fehlt)."))
    footer(bundle)
    st.stop()

today = date.today()
tr = Translator(code())
plan, german = localized_plan(bundle.plan, code())
measures = sort_by_id(measures_with_field(plan))
ids = list(measures["massnahme_id"])
titles = dict(zip(measures["massnahme_id"], measures["titel"], strict=True))
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
city_name = bundle.settings.gesamtstadt_name
source = t(SOURCE)


def mark(text: str) -> str:
    """A data text for markdown: marked German when it has no translation."""
    return german_data(text) if text in german else text


def unmarkable(text: str) -> bool:
    """German text in another language (not Leichte Sprache): where it cannot be marked, it is left off."""
    return mark(text) != text


requested = st.query_params.get("massnahme")
with st.sidebar:
    # option texts written now, in this run's language
    # a title without a translation is left off (a select box cannot mark it German): the number stands there
    options = {"": t("– bitte wählen –"), **{m: m if unmarkable(titles[m]) else f"{m} {titles[m][:60]}" for m in ids}}
    chosen = url_selectbox(t("Maßnahme"), list(options), "massnahme", default="", format_func=options.get)

if requested and requested not in ids:
    st.warning(
        t(
            "Eine Maßnahme mit der Nummer „{nummer}“ gibt es im Sozialplan nicht. "
            "Bitte wählen Sie eine aus der Liste unten oder in der Auswahl.",
            nummer=requested,
        ),
        icon=":material/search_off:",
    )
if not chosen:
    st.title(t("Maßnahme"))
    st.info(t("Bitte wählen Sie eine Maßnahme – in der Auswahl oder hier nach Handlungsfeld."))
    for feld, group in measures.groupby("handlungsfeld_id", sort=False):
        label = t(
            "Handlungsfeld {nummer}: {name} ({anzahl} Maßnahmen)",
            nummer=feld,
            name=group["handlungsfeld"].iloc[0],
            anzahl=len(group),
        )
        with st.expander(label):
            for mid, title in zip(group["massnahme_id"], group["titel"], strict=True):
                page_link("massnahme", label=tr.isolated(f"{mid} {title}"), query_params={"massnahme": mid})
    footer(bundle, source)
    st.stop()

m = delay_flags(measures[measures["massnahme_id"] == chosen], today, tr=tr).iloc[0]
if unmarkable(m["titel"]):  # drawn as HTML so the German title can be marked
    st.markdown("# " + t("Maßnahme {nummer}: {titel}", nummer=chosen, titel=mark(m["titel"])), unsafe_allow_html=True)
else:
    st.title(t("Maßnahme {nummer}: {titel}", nummer=chosen, titel=m["titel"]))
st.caption(
    t(
        "Handlungsfeld {nummer}: {name} › Ziel {ziel}: {titel}",
        nummer=m["handlungsfeld_id"],
        name=mark(m["handlungsfeld"]),
        ziel=m["ziel_id"],
        titel=mark(m["ziel_titel"]),
    ),
    unsafe_allow_html=True,
)
page_link(
    "sozialplan",
    label=t("Zurück zum Sozialplan"),
    query_params={"hf": m["handlungsfeld_id"]},
    icon=":material/arrow_back:",
)

if isinstance(m["beschreibung"], str) and m["beschreibung"]:
    st.markdown(mark(m["beschreibung"]), unsafe_allow_html=True)

facts, progress_col, stand_col = st.columns([2, 1, 1])
partner = german_data(m["partner"]) if isinstance(m["partner"], str) and m["partner"] else t("keine angegeben")
facts.markdown(
    t(
        "**Status:** {status}  \n**Federführend:** {verantwortlich}  \n**Beteiligte:** {partner}",
        status=t(m["status"]),
        verantwortlich=german_data(m["verantwortlich"]),
        partner=partner,
    ),
    unsafe_allow_html=True,
)
progress_col.metric(t("Fortschritt"), tr.value(m["fortschritt"], "%", 0), border=True)
stand_col.metric(t("Letzte Statusmeldung"), tr.day(m["stand"]), border=True)
if m["verzug"]:
    st.warning(t("Verzug: {hinweis}.", hinweis=m["hinweis"]), icon=":material/schedule:")


def deviation(planned: date, actual: object) -> str:
    if not isinstance(actual, date):
        return "–"
    days = (actual - planned).days
    if days == 0:
        return t("wie geplant")
    return t("{tage} Tage später", tage=abs(days)) if days > 0 else t("{tage} Tage früher", tage=abs(days))


st.header(t("Zeitraum: geplant und tatsächlich"))
# long dates (Ukrainian, Arabic) made the narrow table scroll sideways in a box a keyboard cannot reach
# (axe-core: scrollable-region-focusable): the cells wrap instead
st.html(
    "<style>"
    '[data-testid="stTable"] > div { overflow: visible !important; }'
    '[data-testid="stTable"] table { width: 100%; }'
    '[data-testid="stTable"] th, [data-testid="stTable"] td { white-space: normal; overflow-wrap: anywhere; }'
    "</style>"
)
left, right = st.columns([1, 2])
with left:
    st.table(
        {
            "": [t("Beginn"), t("Ende")],
            t("geplant"): [tr.day(m["beginn_geplant"]), tr.day(m["ende_geplant"])],
            t("tatsächlich"): [
                tr.day(m["beginn_ist"]) if isinstance(m["beginn_ist"], date) else t("noch nicht begonnen"),
                tr.day(m["ende_ist"]) if isinstance(m["ende_ist"], date) else t("offen"),
            ],
            t("Abweichung"): [
                deviation(m["beginn_geplant"], m["beginn_ist"]),
                deviation(m["ende_geplant"], m["ende_ist"]),
            ],
        },
        hide_index=True,
    )
with right:
    bars = gantt_data(measures[measures["massnahme_id"] == chosen], today)
    if unmarkable(m["titel"]):  # chart texts cannot be marked German: the number stands on the axis
        bars["label"] = chosen
    st.plotly_chart(
        gantt_figure(bars, today, "", compact=True, tr=tr), config=plot_config(f"{chosen}_zeitplan", lang=code())
    )
    st.caption(t("Grau: geplant; farbig: tatsächlich (schraffiert: läuft noch); rot: heute."))

# whole sentences per language: how the progress moved over the reports
_HISTORY = {
    0: N_("{anzahl} Statusmeldungen von {von} bis {bis}; der Fortschritt blieb bei {letzt}. Statusfolge: {folge}."),
    1: N_(
        "{anzahl} Statusmeldungen von {von} bis {bis}; der Fortschritt stieg von {erst} auf {letzt}. "
        "Statusfolge: {folge}."
    ),
    -1: N_(
        "{anzahl} Statusmeldungen von {von} bis {bis}; der Fortschritt sank von {erst} auf {letzt}. "
        "Statusfolge: {folge}."
    ),
}

st.header(t("Statusverlauf"))
history = plan.history[plan.history["massnahme_id"] == chosen]
if history.empty:
    st.info(t("Für diese Maßnahme liegt kein Statusverlauf vor; gezeigt ist nur der aktuelle Stand."))
else:
    st.plotly_chart(history_figure(history, m, today, tr), config=plot_config(f"{chosen}_verlauf", lang=code()))
    changes = [
        (d, s)
        for i, (d, s) in enumerate(zip(history["datum"], history["status"], strict=True))
        if i == 0 or s != history["status"].iloc[i - 1]
    ]
    path = " → ".join(t("{status} ({datum})", status=t(s), datum=tr.day(d)) for d, s in changes)
    first, last = float(history["fortschritt"].iloc[0]), float(history["fortschritt"].iloc[-1])
    kind = 0 if first == last else 1 if last > first else -1
    st.markdown(
        t(
            _HISTORY[kind],
            anzahl=len(history),
            von=tr.day(history["datum"].iloc[0]),
            bis=tr.day(history["datum"].iloc[-1]),
            erst=tr.value(first, "%", 0),
            letzt=tr.value(last, "%", 0),
            folge=path,
        )
    )
    age = months_between(history["datum"].iloc[-1], today)
    if age >= 1:
        st.caption(t("Die letzte Meldung ist {monate} Monate alt.", monate=age))
    data_grid(
        history.assign(datum_text=[tr.day(d) for d in history["datum"]], status=[t(s) for s in history["status"]])[
            ["datum_text", "status", "fortschritt", "notiz"]
        ],
        hide_index=True,
        column_config={
            "datum_text": t("Datum"),
            "status": t("Status"),
            "fortschritt": progress_column(t("Fortschritt")),
            "notiz": st.column_config.TextColumn(t("Notiz"), width="large"),
        },
    )

st.header(t("Wo die Maßnahme wirkt"))
areas = [a for a in m["gebiete"] if a != WHOLE_CITY]
citywide = WHOLE_CITY in m["gebiete"]
map_col, list_col = st.columns([1, 1])
with map_col:
    # city-wide: every area dark (the map's ground colour), else only the measure's areas
    where_payload = areas_payload(areas, citywide=citywide)
    show_choropleth(
        where_payload, key="massnahme_karte", height=300, level=bundle.main_level, labels=False, lang=code()
    )
    st.caption(
        t("Dunkelblau: Gebiete der Maßnahme – sie wirkt gesamtstädtisch, also in allen Gebieten.")
        if citywide
        else t("Dunkelblau: Gebiete der Maßnahme; grau: übrige Gebiete.")
    )
with list_col:
    if citywide:
        st.markdown(t("Die Maßnahme wirkt **gesamtstädtisch** ({stadt}).", stadt=city_name))
    for area in areas:
        page_link(
            "steckbrief",
            label=t("Steckbrief {gebiet}", gebiet=names.get(area, area)),
            query_params={"gebiet": area},
            icon=":material/location_city:",
        )


def indicator_name(meta) -> str:
    """The indicator's name in the reader's language; marked German when it has none."""
    name = localized(meta, "name", code())
    return german_data(name.text) if name.lang != code() else name.text


st.header(t("Verknüpfte Indikatoren"))
goal = goal_of(plan, chosen)
target_indicator = goal["zielindikator"] if goal is not None and isinstance(goal["zielindikator"], str) else ""
linked = [i for i in m["indikatoren"] if i in bundle.catalogue.index]
if target_indicator and target_indicator in bundle.catalogue.index and target_indicator not in linked:
    linked.insert(0, target_indicator)
if goal is not None and target_indicator in bundle.catalogue.index:
    meta = bundle.catalogue.loc[target_indicator]
    unit = localized(meta, "einheit", code()).text or str(meta["einheit"])
    st.markdown(
        t(
            "**Ziel {nummer}:** {titel}. Gemessen an „{name}“: {wert} bis {jahr} in der Gesamtstadt.",
            nummer=goal["ziel_id"],
            titel=mark(goal["titel"]),
            name=indicator_name(meta),
            wert=tr.value(goal["zielwert"], unit, int(meta["dezimalstellen"])),
            jahr=str(goal["zieljahr"]),
        ),
        unsafe_allow_html=True,
    )
if not linked:
    st.info(t("Mit dieser Maßnahme sind keine Indikatoren verknüpft."))
labels = {**names, CITY_ID: city_name}
for indikator in linked:
    meta = bundle.catalogue.loc[indikator]
    unit = localized(meta, "einheit", code()).text or str(meta["einheit"])
    decimals = int(meta["dezimalstellen"])
    name = indicator_name(meta)
    plain_name = localized(meta, "name", code()).text
    trend = trend_table(bundle.values, bundle.city, indikator, areas)
    is_target = indikator == target_indicator and goal is not None
    where = t("in den Gebieten der Maßnahme und der Gesamtstadt") if areas else t("in der Gesamtstadt")
    st.markdown(f"### {name}", unsafe_allow_html=True)
    if trend.dropna(subset=["wert"]).empty:
        st.info(t("Für {name} liegen keine Werte vor.", name=plain_name))
        continue
    st.plotly_chart(
        target_trend_figure(
            trend,
            labels,
            f"{plain_name} {where}",
            unit,
            decimals,
            goal["zielwert"] if is_target else None,
            goal["zieljahr"] if is_target else None,
            since_year=m["beginn_ist"].year if isinstance(m["beginn_ist"], date) else None,
            tr=tr,
        ),
        config=plot_config(f"{chosen}_zielindikator", lang=code()),
        key=f"trend_{indikator}",
    )
    fmt = lambda v, u=unit, d=decimals: tr.value(v, u, d)  # noqa: E731
    st.markdown(trend_summary(trend, labels, fmt, tr))
    if is_target and goal["zielwert"] == goal["zielwert"] and goal["zieljahr"] == goal["zieljahr"]:
        check = target_check(
            trend[trend["gebiet_id"] == CITY_ID],
            float(goal["zielwert"]),
            int(goal["zieljahr"]),
            str(meta["polaritaet"]),
            name,
            fmt,
            place=t("in der Gesamtstadt ({stadt})", stadt=city_name),
            tr=tr,
        )
        st.markdown(t("**Ziel:** {satz}", satz=check.sentence), unsafe_allow_html=True)
    line = t(
        "Einheit: {einheit} · Quelle: {quelle} · Datenstand: {datenstand}",
        einheit=unit,
        quelle=german_data(str(meta["quelle"])),
        datenstand=german_data(str(meta["datenstand"])),
    )
    st.caption(line + (" · " + t("Zielwert aus ziele.csv") if is_target else ""), unsafe_allow_html=True)
    with st.expander(t("Tabelle: {name} ({einheit})", name=plain_name, einheit=unit)):
        data_grid(trend_wide(trend, labels).rename(columns={"Gebiet": t("Gebiet")}), hide_index=True)

footer(
    bundle,
    t("{quelle} · Maßnahme {nummer} · Stand {datum}", quelle=source, nummer=chosen, datum=tr.day(m["stand"])),
)
