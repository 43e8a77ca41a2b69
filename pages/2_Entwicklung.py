"""Entwicklung: chosen areas against the city over time (absolute, indexed, change), small multiples of
all areas, and the biggest movers between two years; each chart with summary, table and downloads."""

import streamlit as st

from components.controls import areas_multiselect, indicator_select, level_select
from components.layout import footer, setup_page
from components.page_views import TrendChoice, get_ranking, get_trend_view
from components.prognose_trend import add_trend_projection, show_trend_projection
from components.sprache import code, german_data, t
from components.state import current
from components.url_choice import url_segmented, url_tabs
from components.views import download_table, show_table
from sozialraum.compare import (
    ABSOLUTE,
    CHANGE,
    INDEXED,
    VIEWS,
    change_unit,
    city_comparable,
    movers,
    order_areas,
    provenance_meta,
    rebase,
    top_movers,
    view_decimals,
)
from sozialraum.compare_figures import area_multiples, movers_figure
from sozialraum.figures import broken_trend_figure, with_source
from sozialraum.i18n import N_, Translator
from sozialraum.indicators import trend_table, trend_wide
from sozialraum.levels import (
    across_versions,
    aggregation_sentence,
    break_sentence,
    linked_series,
    linked_trend,
    series_names,
)
from sozialraum.plot_config import plot_config
from sozialraum.schemas import CITY_ID
from sozialraum.sozialindex import INDEX_IDS
from sozialraum.translations import LocalizedText, localized
from sozialraum.trend_text import (
    RATINGS,
    VIEW_NAMES,
    join,
    movers_summary,
    multiples_summary,
    polarity_text,
    view_summary,
)
from sozialraum.withheld import trend_mask, withheld_areas

full = setup_page("entwicklung")

title_slot = st.empty()  # the heading names the indicator: filled in once that is chosen
with st.sidebar:
    bundle = level_select(full)
indikator = indicator_select(full, container=st)  # on the page: on phones the sidebar is hidden behind "»"
latest = bundle.years[-1] if bundle.years else 0
ranking = get_ranking(bundle, indikator, latest)  # once per data state, not per visitor
# default: the three areas with the least favourable value, where a selected area comes first
default = list(ranking.sort_values("rang", ascending=False)["gebiet_id"].head(3))
selected = current("gebiet")
if selected in set(bundle.areas["gebiet_id"]):
    default = [selected, *[g for g in default if g != selected][:2]]

meta = bundle.catalogue.loc[indikator]
lang = code()
tr = Translator(lang)


def marked(text: LocalizedText) -> str:
    """A data text for markdown: German where the data have no translation, marked `lang="de"`."""
    return german_data(text.text) if text.lang != lang else text.text


name_text, unit_text = localized(meta, "name", lang), localized(meta, "einheit", lang)
name, unit = name_text.text, unit_text.text
decimals, polarity = int(meta["dezimalstellen"]), str(meta["polaritaet"])
quelle, stand = str(meta["quelle"]), str(meta["datenstand"])
source_note = t("Quelle: {quelle} · Datenstand: {stand}", quelle=german_data(quelle), stand=stand)
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
city_name = bundle.settings.gesamtstadt_name
names[CITY_ID] = city_name
subset = bundle.values[(bundle.values["indikator_id"] == indikator) & bundle.values["wert"].notna()]
years = sorted(int(y) for y in subset["jahr"].unique()) or bundle.years
area_col = t("Gebiet")

comparable = city_comparable(bundle.catalogue, indikator)

heading = t("Entwicklung: {name}", name=marked(name_text))
if heading == t("Entwicklung: {name}", name=name):
    title_slot.title(heading)
else:  # an untranslated name is marked German, which st.title cannot carry
    title_slot.markdown("# " + heading, unsafe_allow_html=True)
st.caption(
    t(
        "Einheit: {einheit} · Quelle: {quelle} · Datenstand: {stand} · Polarität: {polaritaet}",
        einheit=marked(unit_text), quelle=german_data(quelle), stand=stand, polaritaet=polarity_text(polarity, tr),
    ),
    unsafe_allow_html=True,
)  # fmt: skip
# for a derived indicator (Sozialindex) the definition is its method
st.caption(t("Definition: {text}", text=marked(localized(meta, "definition", lang))), unsafe_allow_html=True)

tab_trend, tab_all, tab_movers = url_tabs("trend", [N_("Zeitverlauf"), N_("Alle Gebiete"), N_("Größte Veränderungen")])


def axis_title(view: str, base_year: int) -> str:
    """The values' unit in a view (`compare.view_unit`) in the page's language."""
    if view == INDEXED:
        return t("Index ({jahr} = 100)", jahr=str(base_year))
    return t("{einheit} seit {jahr}", einheit=t(change_unit(unit)), jahr=str(base_year)) if view == CHANGE else unit


@st.fragment
def trend_tab(default: list[str], names: dict[str, str]) -> None:
    """The areas compared, the view and the base year with the chart, its texts and table: a choice here
    reruns only this part of the page (`st.fragment`), not the indicator's tabs, sidebar and footer."""
    chosen = areas_multiselect(bundle, default=default, container=st)
    names = dict(names)  # the page's names stay as they are; linked areas add their own here
    trend_years = years  # base years of the trend; movers and multiples stay within the level's own years
    # across a boundary change: the chosen areas plus their 1:1 counterparts in the other geometry versions
    linked = linked_series(full, bundle.main_level, chosen)
    every = bundle.values
    if linked.breaks:
        names.update(series_names(full, linked))
        every = across_versions(full, bundle.main_level).values
        linked_values = every[(every["indikator_id"] == indikator) & every["wert"].notna()]
        trend_years = sorted(int(y) for y in linked_values["jahr"].unique()) or years
    left, right = st.columns([2, 1])
    view = url_segmented(
        left,
        t("Darstellung"),
        "darstellung",
        # base year = 100 means nothing for an index around 0 (Sozialindex)
        {v: VIEW_NAMES[v] for v in VIEWS if not (v == INDEXED and indikator in INDEX_IDS)},
        ABSOLUTE,
        help=t(
            "Absolut: die Werte selbst. Index: Wert im Basisjahr = 100. Veränderung: Differenz zum "
            "Basisjahr (bei Anteilen in Prozentpunkten)."
        ),
    )
    view = view if view in VIEWS and not (view == INDEXED and indikator in INDEX_IDS) else ABSOLUTE
    base_year = right.selectbox(
        t("Basisjahr"),
        trend_years,
        index=0,
        key="basisjahr",
        bind="query-params",
        disabled=view == ABSOLUTE,
        help=t("Bezugsjahr für Index und Veränderung."),
    )
    y_title = axis_title(view, int(base_year))
    shown_decimals = view_decimals(view, decimals)
    reference = {INDEXED: 100.0, CHANGE: 0.0}.get(view)
    view_name = t(VIEW_NAMES[view])
    title = (
        t("{name}: {darstellung}", name=name, darstellung=view_name)
        if view == ABSOLUTE
        else t("{name}: {darstellung} (Basisjahr {jahr})", name=name, darstellung=view_name, jahr=str(base_year))
    )
    base_label = t("Basisjahr {jahr}", jahr=str(base_year))
    with_city = comparable or view == INDEXED
    # written into the chart below the years, so that its PNG download says what it shows
    source = (
        t("Werte: {einheit}", einheit=y_title), t("Quelle: {quelle}", quelle=quelle),
        t("Datenstand: {stand}", stand=stand),
    )  # fmt: skip
    if linked.breaks:
        trend = linked_trend(full, linked, indikator)
        if not with_city:
            trend = trend[trend["gebiet_id"] != CITY_ID]
        shown = rebase(trend, view, int(base_year))
        marks = [
            (y, t("Gebietsreform {jahr}: {neu} statt {alt} Gebiete", jahr=str(y), neu=str(new.count),
                  alt=str(old.count)))
            for y, old, new in linked.breaks
        ]  # fmt: skip
        fig = broken_trend_figure(
            shown, names, linked.group, marks, title, y_title, shown_decimals, reference, base_label
        )
        # the title above the chart, not in it: on a phone the chart's toolbar would sit on it
        fig.update_layout(title=None, margin_t=40)
        with_source(fig, title, list(source))
    else:  # once per data state, choice and language, shared by all visitors: never changed here
        choice = TrendChoice(
            indikator, tuple(chosen), view, int(base_year), with_city, title, y_title, shown_decimals, reference,
            source, lang, base_label,
        )  # fmt: skip
        cached = get_trend_view(bundle, choice)
        trend, shown, fig = cached.trend, cached.shown, cached.figure
    projected = None  # projected years continue the absolute lines dashed where the projection covers it
    if view == ABSOLUTE and not linked.breaks:
        ids = list(dict.fromkeys(shown["gebiet_id"]))
        fig, projected = add_trend_projection(fig, bundle, indikator, ids, names, unit, decimals)
    st.header(title, anchor="diagramm-zeitverlauf")
    st.plotly_chart(fig, config=plot_config(f"{indikator}_entwicklung_{view}", lang=code()), key="chart_trend")
    st.markdown(view_summary(shown, view, int(base_year), names, unit, decimals, tr))
    if projected is not None:
        show_trend_projection(projected, names, unit, decimals)
    if linked.breaks:
        st.markdown(break_sentence(linked, linked.linked, tr))
    elif note := aggregation_sentence(bundle.values[bundle.values["indikator_id"] == indikator], tr):
        st.caption(note)
    if view != ABSOLUTE:
        lacking = sorted(
            {names.get(g, g) for g in trend["gebiet_id"]} - {names.get(g, g) for g in shown.dropna()["gebiet_id"]}
        )
        if lacking:
            why = t("ohne Wert über 0 im Basisjahr") if view == INDEXED else t("ohne Wert im Basisjahr")
            st.caption(t("Nicht darstellbar ({grund}): {gebiete}.", grund=why, gebiete=join(lacking, tr)))
    if not comparable and view != INDEXED:
        st.caption(
            t(
                "{stadt} ist die Summe aller Gebiete und darum nicht eingezeichnet; im Index ist sie vergleichbar.",
                stadt=city_name,
            )
        )
    st.header(t("Tabelle"), anchor="tabelle-zeitverlauf")
    wide = trend_wide(shown, names).rename(columns={"Gebiet": area_col})
    withheld = trend_mask(
        shown,
        every,  # with the withheld rows (no value)
        bundle.city,
        indikator,
        None if view == ABSOLUTE else int(base_year),
        {key: gebiet for key, (gebiet, _) in linked.area.items()} if linked.breaks else None,
    )
    show_table(wide, {c: shown_decimals for c in wide.columns if c != area_col}, withheld, hide_index=True)
    st.caption(
        t(
            "Werte: {einheit}. Leere Zellen: für dieses Jahr liegt kein Wert vor (Lücken werden nicht geschätzt). "
            "Quelle: {quelle} · Datenstand: {stand}",
            einheit=y_title, quelle=german_data(quelle), stand=stand,
        ),
        unsafe_allow_html=True,
    )  # fmt: skip
    extra = {t("Darstellung"): t(VIEWS[view]), t("Werte in"): y_title}
    if view != ABSOLUTE:
        extra[t("Basisjahr")] = str(base_year)
    download_table(
        bundle,
        wide,
        f"{indikator}_entwicklung_{view}.csv",
        provenance_meta(bundle.catalogue, [indikator], lang=lang, **extra),
        key="dl_trend",
    )


with tab_trend:
    if tab_trend.open:
        trend_tab(default, names)

with tab_all:
    if tab_all.open:
        sort_labels = {"wert": N_("nach dem neuesten Wert"), "veraenderung": N_("nach der Veränderung")}
        left, right = st.columns([2, 1])
        by = url_segmented(
            left,
            t("Sortierung"),
            "sortierung",
            sort_labels,
            "wert",
            help=t(
                "Ungünstigste zuerst: beim neuesten Wert ({jahr}) bzw. bei der Veränderung vom ersten bis zum "
                "neuesten Jahr ({polaritaet}).",
                jahr=str(years[-1]) if years else "–", polaritaet=polarity_text(polarity, tr),
            ),
        )  # fmt: skip
        by = by or "wert"
        order = order_areas(bundle.values, bundle.areas, indikator, polarity, by)
        limit = len(order)
        if len(order) > 48:
            limit = right.selectbox(
                t("Gezeigte Gebiete"),
                [24, 48, 96],
                index=0,
                key="felder",
                bind="query-params",
                help=t("Bei vielen Gebieten zeigt das Diagramm die ersten nach der Sortierung; die Tabelle alle."),
            )
        everything = trend_table(bundle.values, bundle.city, indikator, order)
        if not comparable:
            everything = everything[everything["gebiet_id"] != CITY_ID]
        fig = area_multiples(everything, order[:limit], names, unit, decimals, city_name, area_label=t("Gebiet"))
        st.plotly_chart(fig, config=plot_config(f"{indikator}_alle_gebiete", lang=code()), key="chart_multiples")
        st.markdown(
            multiples_summary(bundle.values, bundle.city, names, indikator, unit, decimals, with_city=comparable, t=tr)
        )
        sort_text = t("ungünstigste zuerst") if polarity != "neutral" else t("höchste zuerst")
        shown_note = (
            t("Gezeigt: {gezeigt} von {anzahl} Gebieten", gezeigt=str(limit), anzahl=str(len(order)))
            if limit < len(order)
            else t("Alle Gebiete")
        )
        city_note = (
            t("gestrichelt: {stadt}", stadt=city_name)
            if comparable
            else t("{stadt} (Summe aller Gebiete) ist nicht eingezeichnet", stadt=city_name)
        )
        st.caption(
            t(
                "{gezeigt}, sortiert {sortierung} ({reihenfolge}). Durchgezogen: das Gebiet; {stadt}. "
                "Alle Felder haben dieselbe y-Achse ({einheit}).",
                gezeigt=shown_note, sortierung=sort_labels[by], reihenfolge=sort_text, stadt=city_note,
                einheit=marked(unit_text),
            ),
            unsafe_allow_html=True,
        )  # fmt: skip
        st.header(t("Tabelle"), anchor="tabelle-alle-gebiete")
        wide = trend_wide(everything, names)
        withheld = trend_mask(everything, bundle.values, bundle.city, indikator)
        position = {names.get(g, g): i for i, g in enumerate([*order, CITY_ID])}
        in_order = wide["Gebiet"].map(position).sort_values(kind="stable", na_position="last").index
        wide = wide.loc[in_order].reset_index(drop=True).rename(columns={"Gebiet": area_col})
        withheld = withheld.loc[in_order].reset_index(drop=True)
        show_table(wide, {c: decimals for c in wide.columns if c != area_col}, withheld, hide_index=True)
        st.caption(
            t(
                "Werte in {einheit}, Reihenfolge wie im Diagramm. Quelle: {quelle} · Datenstand: {stand}",
                einheit=marked(unit_text), quelle=german_data(quelle), stand=stand,
            ),
            unsafe_allow_html=True,
        )  # fmt: skip
        download_table(
            bundle,
            wide,
            f"{indikator}_alle_gebiete.csv",
            provenance_meta(
                bundle.catalogue, [indikator], lang=lang, **{t("Sortierung"): sort_labels[by], t("Werte in"): unit}
            ),
            key="dl_multiples",
        )

with tab_movers:
    if tab_movers.open:
        if len(years) < 2:
            st.info(
                t("Für {name} gibt es nur Werte für ein Jahr: keine Veränderung darstellbar.", name=marked(name_text))
            )
        else:
            left, middle, right = st.columns(3)
            start = left.selectbox(
                t("Von Jahr"), years[:-1], index=max(0, len(years) - 6), key="von_jahr", bind="query-params"
            )
            end = middle.selectbox(t("Bis Jahr"), years[1:], index=len(years) - 2, key="bis_jahr", bind="query-params")
            n = right.selectbox(t("Gebiete je Richtung"), [3, 5, 10], index=1, key="anzahl", bind="query-params")
            if int(start) >= int(end):
                st.warning(t("Bitte ein „Von“-Jahr vor dem „Bis“-Jahr wählen."))
            else:
                table = movers(bundle.values, bundle.areas, indikator, polarity, int(start), int(end), decimals)
                up, down = top_movers(table, int(n))
                if up.empty and down.empty:
                    st.info(
                        t(
                            "Zwischen {von} und {bis} liegen keine vergleichbaren Werte vor.",
                            von=str(start),
                            bis=str(end),
                        )
                    )
                else:
                    fig = movers_figure(up, down, unit, decimals, int(start), int(end), tr)
                    st.plotly_chart(
                        fig,
                        config=plot_config(f"{indikator}_veraenderungen_{start}_{end}", lang=code()),
                        key="chart_movers",
                    )
                st.markdown(movers_summary(table, name, unit, decimals, int(start), int(end), tr))
                if polarity == "neutral":
                    rule = t("Neutraler Indikator: gezeigt sind die stärksten Anstiege und Rückgänge, ohne Bewertung.")
                else:
                    template = (
                        N_("Verbessert heißt hier: gesunken, denn bei {name} gilt {polaritaet}.")
                        if polarity == "hoeher_schlechter"
                        else N_("Verbessert heißt hier: gestiegen, denn bei {name} gilt {polaritaet}.")
                    )
                    rule = t(template, name=marked(name_text), polaritaet=polarity_text(polarity, tr))
                colours = t("Blau: verbessert, orange: verschlechtert; Zahl und Wort an jedem Balken sagen dasselbe.")
                st.caption(f"{rule} {colours}", unsafe_allow_html=True)
                st.header(t("Tabelle"), anchor="tabelle-veraenderungen")
                diff_unit = t(change_unit(unit))
                shown = table[["name", "von", "bis", "veraenderung", "bewertung"]].assign(
                    bewertung=table["bewertung"].map(lambda b: t(RATINGS.get(b, b)))
                )
                shown = shown.rename(
                    columns={
                        "name": area_col,
                        "von": f"{start} ({unit})",
                        "bis": f"{end} ({unit})",
                        "veraenderung": t("Veränderung ({einheit})", einheit=diff_unit),
                        "bewertung": t("Bewertung"),
                    }
                )
                numeric = [c for c in shown.columns if c not in (area_col, t("Bewertung"))]
                # an area with a withheld start or end value: its empty cells show "." (keine Angabe)
                locked = table["gebiet_id"].isin(withheld_areas(bundle.values, indikator, [int(start), int(end)]))
                show_table(shown, dict.fromkeys(numeric, decimals), locked, hide_index=True)
                st.caption(
                    t(
                        "Alle Gebiete, vom am stärksten verbesserten zum am stärksten verschlechterten. "
                        "Quelle: {quelle} · Datenstand: {stand}",
                        quelle=german_data(quelle), stand=stand,
                    ),
                    unsafe_allow_html=True,
                )  # fmt: skip
                download_table(
                    bundle,
                    shown,
                    f"{indikator}_veraenderungen_{start}_{end}.csv",
                    provenance_meta(bundle.catalogue, [indikator], lang=lang, **{t("Zeitraum"): f"{start}–{end}"}),
                    key="dl_movers",
                )

footer(bundle, t("Quelle: {quelle} · Datenstand: {stand}", quelle=quelle, stand=stand))
