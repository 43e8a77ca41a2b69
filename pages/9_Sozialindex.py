"""Sozialindex: a configurable status and dynamics index after Berlin's MSS – map, method, table, types."""

import pandas as pd
import streamlit as st

from components.layout import footer, setup_page
from components.navigation import page_link
from components.views import download_table, show_choropleth, show_table
from sozialraum.classify import palette
from sozialraum.compare import population_at, provenance_meta, source_caption
from sozialraum.compare_figures import diverging, index_payload, ordered_classes
from sozialraum.formatting import NBSP, format_number
from sozialraum.sozialindex import (
    DYNAMICS_ID,
    INDEX_IDS,
    MINUS,
    STATUS_ID,
    catalogue_config,
    combined_type,
    default_status_indicators,
    dynamics_column,
    dynamics_index,
    dynamics_summary,
    index_inputs,
    rated_indicators,
    same_as_settings,
    status_index,
    status_summary,
    type_table,
)
from sozialraum.withheld import withheld_areas

bundle = setup_page("sozialindex", karte=True)
catalogue = bundle.catalogue
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
ordered = list(catalogue.sort_values(["thema", "name"]).index)
# the offered index indicators are results, not inputs: an index of itself would be circular
rated = [i for i in ordered if i in set(rated_indicators(catalogue)) - set(INDEX_IDS)]
values = bundle.values
settings = bundle.settings
# defaults from [sozialindex] in einstellungen.toml when its indicators are usable here: with them the page shows
# the index that the map, trends and profile offer
configured = settings.sozialindex_status if set(settings.sozialindex_status) <= set(rated) else {}
configured_dyn = settings.sozialindex_dynamik if set(settings.sozialindex_dynamik) <= set(rated) else {}


def label(i: str) -> str:
    return f"{catalogue.at[i, 'thema']} · {catalogue.at[i, 'name']}"


def years_with_all(indicators: list[str]) -> list[int]:
    """Years in which every one of the indicators has at least one area value."""
    present = values[values["indikator_id"].isin(indicators) & values["wert"].notna()]
    per_year = present.groupby("jahr")["indikator_id"].nunique()
    return sorted(int(y) for y, n in per_year.items() if n == len(set(indicators)))


WEIGHTS = [0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0]
LIMITS = [round(x / 10, 1) for x in range(-30, 31)]


def snapped(limit: float) -> float:
    """A configured limit on the slider's 0.1 grid (−3 … +3)."""
    return min(max(round(limit, 1), LIMITS[0]), LIMITS[-1])


def german(value: float) -> str:
    """A weight German-style: 1.5 → '1,5', 2.0 → '2'."""
    text = format_number(value, 2).rstrip("0").rstrip(",")
    return text.replace("-", MINUS)


def limit_text(value: float) -> str:
    return ("+" if value > 0 else "") + format_number(value, 1).replace("-", MINUS)


def limit_slider(container, label: str, value: float, key: str) -> float:
    """A class limit in standard deviations, shown German-style (−1,0 / +1,5)."""
    return float(
        container.select_slider(label, LIMITS, value=value, format_func=limit_text, key=key, bind="query-params")
    )


def signed(z: float) -> str:
    if pd.isna(z):
        return "–"
    text = format_number(abs(z), 2)
    return ("+" if z > 0 else MINUS if z < 0 else "±") + text


def show_offered_index(same: bool, status_year: int, dynamics_year: int | None) -> None:
    """Where the index is offered as an indicator: whether it is this one, and links to its map and trend."""
    st.markdown("**Als Indikator auf Karte, Entwicklung und Steckbrief**")
    st.caption(
        "Diese Einstellungen entsprechen dem Sozialindex aus einstellungen.toml, den Karte, Entwicklung und Steckbrief "
        "als Indikator zeigen."
        if same
        else "Diese Einstellungen weichen vom Sozialindex aus einstellungen.toml ab. Karte, Entwicklung und Steckbrief "
        "zeigen den dort eingestellten Index."
    )
    page_link(
        "karte",
        label=f"Statusindex {status_year} auf der Karte",
        icon=":material/map:",
        query_params={"indikator": STATUS_ID, "jahr": str(status_year)},
    )
    if DYNAMICS_ID in catalogue.index:
        page_link(
            "karte",
            label=f"Dynamikindex {dynamics_year or status_year} auf der Karte",
            icon=":material/map:",
            query_params={"indikator": DYNAMICS_ID, "jahr": str(dynamics_year or status_year)},
        )
    page_link(
        "entwicklung",
        label="Statusindex im Zeitverlauf",
        icon=":material/show_chart:",
        query_params={"indikator": STATUS_ID},
    )


st.title("Sozialindex")
st.markdown(
    "Der Sozialindex fasst mehrere Indikatoren je Gebiet zusammen: der **Statusindex** beschreibt die soziale Lage "
    "in einem Jahr, der **Dynamikindex** ihre Veränderung über einen Zeitraum, der **Gesamttyp** verbindet beide. "
    "Das Verfahren folgt dem Berliner Monitoring Soziale Stadtentwicklung (MSS); Indikatoren, Gewichte, "
    "Klassengrenzen und die Mindesteinwohnerzahl stellen Sie hier ein."
)
if not rated:
    st.info("Der Indikatorenkatalog enthält keinen Indikator mit Richtung (höher ist besser/ungünstiger).")
    footer(bundle)
    st.stop()

with st.container(border=True):
    st.header("Einstellungen", anchor="einstellungen")
    col_status, col_dynamics = st.columns(2)
    with col_status:
        st.markdown("**Statusindex**")
        status_ids = st.multiselect(
            "Indikatoren des Statusindex",
            rated,
            default=list(configured) or default_status_indicators(catalogue),
            format_func=label,
            key="status",
            bind="query-params",
            help="Nur Indikatoren mit Richtung. Bei „höher ist besser“ (z. B. Beschäftigtenquote) wird die Richtung "
            "umgekehrt, damit ein hoher Indexwert immer eine ungünstige Lage bedeutet.",
        )
        status_years = years_with_all(status_ids) if status_ids else []
        year = None
        if status_years:
            year = st.selectbox("Jahr des Status", status_years[::-1], index=0, key="index_jahr", bind="query-params")
        weights = {}
        if status_ids:
            for indikator in status_ids:
                preset = configured.get(indikator, 1.0)
                options = sorted({*WEIGHTS, preset})
                weights[indikator] = st.selectbox(
                    f"Gewicht: {catalogue.at[indikator, 'kurzname']}",
                    options,
                    index=options.index(preset),
                    format_func=german,
                    key=f"gewicht_{indikator}",
                    bind="query-params",
                )
    with col_dynamics:
        st.markdown("**Dynamikindex**")
        dyn_ids = st.multiselect(
            "Indikatoren des Dynamikindex (leer: keiner)",
            rated,
            default=list(configured_dyn) if configured else default_status_indicators(catalogue),
            format_func=label,
            key="dynamik",
            bind="query-params",
            help="Je Indikator geht die Veränderung zwischen den beiden Jahren ein (bei Anteilen in Prozentpunkten), "
            "gewichtet wie in einstellungen.toml, sonst gleich.",
        )
        dyn_years = years_with_all(dyn_ids) if dyn_ids else []
        start = end = None
        if dyn_ids and len(dyn_years) < 2:
            st.info("Für diese Indikatoren gibt es keine zwei Jahre mit Werten: kein Dynamikindex.")
        elif dyn_ids:
            left, right = st.columns(2)
            default_end = year if year in dyn_years else dyn_years[-1]
            end = right.selectbox(
                "Bis Jahr", dyn_years[1:][::-1], index=dyn_years[1:][::-1].index(default_end)
                if default_end in dyn_years[1:] else 0, key="dyn_bis", bind="query-params",
            )  # fmt: skip
            earlier = [y for y in dyn_years if y < int(end)]
            span = settings.sozialindex_dynamik_jahre
            default_start = int(end) - span if int(end) - span in earlier else earlier[0]
            start = left.selectbox(
                "Von Jahr", earlier[::-1], index=earlier[::-1].index(default_start), key="dyn_von",
                bind="query-params",
            )  # fmt: skip
    st.markdown("**Klassengrenzen** (in Standardabweichungen des erneut standardisierten Index) **und Mindestgröße**")
    cols = st.columns(5)
    preset_s = [snapped(v) for v in settings.sozialindex_grenzen_status]
    preset_d = [snapped(v) for v in settings.sozialindex_grenzen_dynamik]
    s1 = limit_slider(cols[0], "Status: hoch bis", preset_s[0], "grenze_s1")
    s2 = limit_slider(cols[1], "mittel bis", preset_s[1], "grenze_s2")
    s3 = limit_slider(cols[2], "niedrig bis", preset_s[2], "grenze_s3")
    d1 = limit_slider(cols[3], "Dynamik: positiv bis", preset_d[0], "grenze_d1")
    d2 = limit_slider(cols[4], "stabil bis", preset_d[1], "grenze_d2")
    # a column of its own: in the sixth of a row the label was cut ("Mindesteinwohne/r")
    min_population = st.columns([1, 2])[0].number_input(
        "Mindestgröße (Einwohner je Gebiet)",
        min_value=0,
        value=int(settings.index_min_einwohner),
        step=50,
        key="mindestgroesse",
        bind="query-params",
        help="Kleinere Gebiete werden nicht eingestuft und gehen nicht in Mittelwert und Streuung ein (0 = aus).",
    )

problems = []
if not status_ids:
    problems.append("Bitte mindestens einen Indikator für den Statusindex wählen.")
elif year is None:
    problems.append("Die gewählten Status-Indikatoren haben kein gemeinsames Jahr mit Werten.")
if not s1 < s2 < s3 or not d1 < d2:
    problems.append("Die Klassengrenzen müssen von links nach rechts größer werden.")
if problems:
    for text in problems:
        st.error(text, icon=":material/error:")
    footer(bundle)
    st.stop()

year = int(year)
dyn_active = bool(dyn_ids) and start is not None and end is not None
start, end = (int(start), int(end)) if dyn_active else (None, None)
frame = index_inputs(values, list(names), status_ids, year, dyn_ids if dyn_active else (), start, end)
dyn_weights = {i: configured_dyn.get(i, 1.0) for i in dyn_ids} if dyn_active else {}
config = catalogue_config(
    catalogue,
    weights,
    dyn_weights,
    start,
    end,
    status_limits=(s1, s2, s3),
    dynamics_limits=(d1, d2),
    min_population=int(min_population),
    name=f"Sozialindex {bundle.settings.stadt_name}, Status {year}"
    + (f", Dynamik {start}–{end}" if dyn_active else ""),
)
population = population_at(values, bundle.areas, year)
no_population = population.isna().all()
status = status_index(frame, config, None if no_population else population)
dynamics = dynamics_index(frame, config, None if no_population else population) if dyn_active else None
types = combined_type(status, dynamics) if dynamics is not None else None

status_classes = ordered_classes(config.status_labels, config.status_codes, palette("hoeher_schlechter", 4))
dyn_classes = ordered_classes(config.dynamics_labels, config.dynamics_codes, diverging(3))
stand = f"Status {year}" + (f", Dynamik {start}–{end}" if dyn_active else "")
used = list(dict.fromkeys([*status_ids, *(dyn_ids if dyn_active else [])]))

st.header("Ergebnis", anchor="ergebnis")
view = "Status"
if dyn_active:
    view = (
        st.segmented_control(
            "Karte zeigt",
            ["Status", "Dynamik"],
            default="Status",
            required=True,
            key="index_karte_zeigt",
            bind="query-params",
        )
        or "Status"
    )
result = status if view == "Status" else dynamics
classes = status_classes if view == "Status" else dyn_classes
labels_by_code = {
    code: legend for code, (legend, _) in zip(
        config.status_codes if view == "Status" else config.dynamics_codes, classes, strict=True
    )
}  # fmt: skip
rated_mask = ~result["ausgeschlossen"]
rank = result.loc[rated_mask, "z"].rank(method="min").astype(int)
n_rated = int(rated_mask.sum())
table = result.reset_index().rename(columns={"index": "gebiet_id"})
table["klasse"] = [labels_by_code.get(c) if isinstance(c, str) else None for c in result["code"]]
table["rang"] = [f"{rank[g]} von {n_rated}" if g in rank.index else "–" for g in result.index]
second = []
for g, row in result.iterrows():
    if row["ausgeschlossen"]:
        second.append(str(row["grund"]))
        continue
    typ = f" · Typ {types.at[g, 'typ']}" if types is not None and isinstance(types.at[g, "typ"], str) else ""
    second.append(f"z = {signed(row['z'])}{typ}")
table["zweit"] = second
payload = index_payload(
    table,
    classes,
    f"{view}klasse",
    "Indexwert",
    f"{stand} · Quellen: {source_caption(catalogue, used).removeprefix('Quellen: ')}",
    f"{view}index " + (f"{year}" if view == "Status" else f"{start}–{end}"),
    "Klassen von günstig nach ungünstig",
)
map_column, method_column = st.columns([3, 2])
with map_column:
    show_choropleth(payload, key="index_karte", height=600)
    if bundle.settings.geometrie_schematisch:
        st.caption("Hinweis: schematische Gebietsgrenzen, keine amtliche Geometrie.")
with method_column:
    st.markdown(status_summary(status, config, "Gebieten"))
    if dynamics is not None:
        st.markdown(dynamics_summary(dynamics, config, "Gebieten"))
    st.markdown("**Methode**")
    st.info(config.describe(), icon=":material/functions:")
    st.caption(f"Rang: 1 = günstigste Lage. {source_caption(catalogue, used)}")
    if STATUS_ID in catalogue.index:
        same = same_as_settings(
            settings,
            weights,
            dyn_weights,
            end - start if dyn_active else None,
            (s1, s2, s3),
            (d1, d2),
            int(min_population),
        )
        show_offered_index(same, year, end)

excluded = status[status["ausgeschlossen"]]
if len(excluded):
    listed = [f"{names.get(g, g)} ({r})" for g, r in excluded["grund"].head(20).items()]
    more = f"; und {len(excluded) - 20} weitere (siehe Tabelle)" if len(excluded) > 20 else ""
    st.markdown(f"**Nicht eingestuft ({len(excluded)}):** " + "; ".join(listed) + more + ".")
elif no_population:
    st.caption("Ohne Einwohnerzahlen im Datenordner: die Mindestgröße wird nicht geprüft.")
else:
    st.caption(f"Alle {len(status)} Gebiete sind eingestuft (jedes hat mindestens {min_population}{NBSP}Einwohner).")

st.header("Tabelle", anchor="tabelle-index")
shown = frame.copy()
rename = {i: f"{catalogue.at[i, 'kurzname']} {year} ({catalogue.at[i, 'einheit']})" for i in status_ids}
if dyn_active:
    for i in dyn_ids:
        unit = "Prozentpunkte" if str(catalogue.at[i, "einheit"]).strip() == "%" else catalogue.at[i, "einheit"]
        rename[dynamics_column(i)] = f"Veränderung {catalogue.at[i, 'kurzname']} {start}–{end} ({unit})"
shown = shown.rename(columns=rename)
shown.insert(0, "Gebiet", [names.get(g, g) for g in shown.index])
shown.insert(1, "Einwohner", population.reindex(shown.index).to_numpy())
shown["Status z"] = status["z"]
shown["Statusklasse"] = [
    f"{c} {b}" if isinstance(c, str) else "–" for c, b in zip(status["code"], status["bezeichnung"], strict=True)
]
if dynamics is not None:
    shown["Dynamik z"] = dynamics["z"]
    shown["Dynamikklasse"] = [
        f"{c} {b}" if isinstance(c, str) else "–"
        for c, b in zip(dynamics["code"], dynamics["bezeichnung"], strict=True)
    ]
    shown["Gesamttyp"] = [t if isinstance(t, str) else "–" for t in types["typ"]]
shown["Nicht eingestuft, weil"] = status["grund"].where(status["ausgeschlossen"], "")
shown = shown.sort_values("Status z", ascending=False, na_position="last").reset_index(names="gebiet_id")
decimals = {rename[i]: int(catalogue.at[i, "dezimalstellen"]) for i in status_ids}
if dyn_active:
    decimals.update({rename[dynamics_column(i)]: int(catalogue.at[i, "dezimalstellen"]) for i in dyn_ids})
decimals.update({"Einwohner": 0, "Status z": 2, "Dynamik z": 2})
# a withheld input value shows the official sign "." (its area is not rated, see the last column)
withheld = pd.DataFrame(
    {rename[i]: shown["gebiet_id"].isin(withheld_areas(values, i, [year])) for i in status_ids}
    | (
        {rename[dynamics_column(i)]: shown["gebiet_id"].isin(withheld_areas(values, i, [start, end])) for i in dyn_ids}
        if dyn_active
        else {}
    )
)
show_table(
    shown, decimals, withheld, hide_index=True, column_config={"gebiet_id": st.column_config.TextColumn("Kennziffer")}
)
st.caption(
    "Sortiert vom ungünstigsten Status zum günstigsten. z: Abstand zum Mittel der eingestuften Gebiete in "
    "Standardabweichungen (positiv = ungünstiger)."
)
download_table(
    bundle,
    shown,
    f"sozialindex_{year}.csv",
    provenance_meta(catalogue, used, Verfahren=config.describe()),
    key="dl_index",
)

if dynamics is not None:
    st.header("Gesamttypen: Status und Dynamik", anchor="gesamttypen")
    crosstab = type_table(status, dynamics, names, config)
    st.dataframe(crosstab, hide_index=True)
    counts = types["typ"].value_counts()
    st.caption(
        "Jede Zelle: Zahl der Gebiete und ihre Namen. "
        + (f"Häufigster Typ: {counts.index[0]} ({counts.iloc[0]} Gebiete)." if len(counts) else "")
    )
    download_table(
        bundle,
        crosstab,
        f"sozialindex_typen_{year}.csv",
        provenance_meta(catalogue, used, Verfahren=config.describe()),
        key="dl_types",
    )

footer(bundle, source_caption(catalogue, used))
