"""Vergleich: all areas ranked, up to five side by side, two indicators in a scatter with their correlation,
and the overview matrix (areas × indicators against the city); each view with summary, table and downloads."""

import pandas as pd
import streamlit as st

from components.controls import areas_multiselect, indicator_select, year_select
from components.grid import data_grid
from components.layout import footer, setup_page
from components.navigation import switch_to
from components.sprache import code, t
from components.sprache_daten import catalogue_in_language, data_html, sources_html
from components.state import current, set_selection, shared_params
from components.url_choice import url_tabs
from components.views import download_table, show_table
from sozialraum.compare import (
    MATRIX_CLASSES,
    SYMBOLS,
    city_comparable,
    correlation_reading,
    format_rows,
    matrix_order,
    matrix_summary,
    matrix_wide,
    overview_matrix,
    pearson,
    provenance_meta,
    ranking,
    ranking_summary,
    scatter_table,
    side_by_side,
    side_by_side_summary,
    side_by_side_wide,
    source_caption,
)
from sozialraum.compare_area_figures import class_symbol, class_word
from sozialraum.compare_figures import (
    matrix_figure,
    polarity_word,
    ranking_figure,
    scatter_figure,
    side_by_side_figure,
)
from sozialraum.confidentiality import EXPLANATION, SIGN
from sozialraum.formatting import NBSP, format_number, format_value
from sozialraum.i18n import N_, Translator
from sozialraum.indicators import indicator_table
from sozialraum.plot_config import plot_config, right_to_left
from sozialraum.schemas import CITY_ID
from sozialraum.sozialindex import default_status_indicators, rated_indicators
from sozialraum.withheld import side_by_side_withheld, withheld_areas

bundle = setup_page("vergleich")
tr = Translator(code())
local = tr.language.locale[:2] == "de"  # German and Leichte Sprache: numbers as in the German tables
german = bundle.catalogue  # downloads keep the German data texts
catalogue = catalogue_in_language(german)  # names, short names, units in the page's language where translated
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
city_name = bundle.settings.gesamtstadt_name
names[CITY_ID] = city_name

with st.sidebar:
    indikator = indicator_select(bundle)
    jahr = year_select(bundle, indikator)
    selected = current("gebiet")
    chosen = areas_multiselect(bundle, default=[selected] if selected in names and selected != CITY_ID else [])

meta = catalogue.loc[indikator]
unit, decimals, polarity = str(meta["einheit"]), int(meta["dezimalstellen"]), str(meta["polaritaet"])
ordered = list(catalogue.sort_values(["thema", "name"]).index)


def label(i: str) -> str:
    return f"{catalogue.at[i, 'thema']} · {catalogue.at[i, 'name']}"


def caption(text: str) -> None:
    """A caption with German data texts marked `lang="de"`."""
    st.caption(text, unsafe_allow_html=True)


st.title(t("Vergleich der Gebiete"))
st.markdown(
    t(
        "Alle {anzahl} Gebiete im Vergleich: Rangfolge, bis zu fünf Gebiete nebeneinander, zwei Indikatoren "
        "im Streudiagramm und die Übersicht über viele Indikatoren. Die ausgewählten Gebiete sind hervorgehoben.",
        anzahl=len(bundle.areas),
    )
)

tab_rank, tab_side, tab_scatter, tab_matrix = url_tabs(
    "vergleich", [N_("Rangfolge"), N_("Nebeneinander"), N_("Streudiagramm"), N_("Übersichtsmatrix")]
)

with tab_rank:
    if tab_rank.open:
        caption(
            f"{data_html(german, indikator, 'name')} {jahr} · {sources_html(german, [indikator])} · "
            f"{t(polarity_word(polarity))}"
        )
        table = indicator_table(bundle.values, bundle.areas, bundle.city, catalogue, indikator, jahr)
        ranked = ranking(table, polarity, chosen)
        comparable = city_comparable(catalogue, indikator)
        if not comparable:  # a count: the city value is the sum of all areas
            ranked = ranked.assign(stadt=float("nan"), differenz=float("nan"))
        reference = ranked["stadt"].iloc[0] if len(ranked) and ranked["stadt"].notna().any() else None
        title = t("{name} {jahr}: Rangfolge", name=meta["name"], jahr=str(jahr))
        fig = ranking_figure(ranked, reference, title, unit, decimals, city_name, t=tr)
        fig = right_to_left(fig, code())
        st.plotly_chart(fig, config=plot_config(f"{indikator}_{jahr}_rangfolge", lang=code()), key="chart_rank")
        st.markdown(ranking_summary(ranked, str(meta["name"]), unit, decimals, polarity, city_name, t=tr))
        missing = ranked.loc[ranked["wert"].isna(), "name"].tolist()
        if reference is not None:
            dashed = t("Gestrichelt: {stadt}.", stadt=city_name)
        elif not comparable:
            dashed = t("Gestrichelt: nichts – {stadt} ist die Summe aller Gebiete.", stadt=city_name)
        else:
            dashed = t("Gestrichelt: nichts – kein Gesamtstadtwert vorhanden.")
        notes = [
            t("Günstigster Wert oben.") if polarity != "neutral" else t("Höchster Wert oben (neutraler Indikator)."),
            t("Hervorgehoben (orange, ▶): die in der Auswahl gewählten Gebiete."),
            dashed,
        ]
        if missing:
            notes.append(t("Ohne Wert: {gebiete}.", gebiete=", ".join(missing)))
        st.caption(" ".join(notes))
        st.header(t("Tabelle"), anchor="tabelle-rangfolge")
        st.caption(
            t("Rang: 1 = höchster Wert (neutraler Indikator).")
            if polarity == "neutral"
            else t("Rang: 1 = günstigster Wert.")
        )
        diff_unit = t("Prozentpunkte") if unit.strip() == "%" else unit
        value_column = t("Wert ({einheit})", einheit=unit)
        diff_column = t("Differenz zu {stadt} ({einheit})", stadt=city_name, einheit=diff_unit)
        columns = ["rang", "name", "wert", "differenz", "hervorgehoben", "anmerkung"] if reference is not None else [
            "rang", "name", "wert", "hervorgehoben", "anmerkung"
        ]  # fmt: skip
        shown = ranked[columns].rename(
            columns={
                "rang": t("Rang"),
                "name": t("Gebiet"),
                "wert": value_column,
                "differenz": diff_column,
                "hervorgehoben": t("Hervorgehoben"),
            }
        )
        # withheld rows (flag `gesperrt`) show the official sign "." in their empty cells
        show_table(
            shown,
            {value_column: decimals, diff_column: decimals},
            ranked["gesperrt"],
            hide_index=True,
            column_config={
                t("Rang"): st.column_config.NumberColumn(help=t("1 = günstigster Wert")),
                "anmerkung": st.column_config.TextColumn(t("Anmerkung")),
            },
        )
        download_table(
            bundle,
            shown.rename(columns={"anmerkung": t("Anmerkung")}),
            f"{indikator}_{jahr}_rangfolge.csv",
            provenance_meta(german, [indikator], lang=code(), **{t("Jahr"): jahr}),
            key="dl_rank",
        )

with tab_side:
    if tab_side.open:
        by_name = sorted((g for g in names if g != CITY_ID), key=lambda g: names[g])
        fallback = list(
            indicator_table(bundle.values, bundle.areas, bundle.city, catalogue, indikator, jahr)
            .sort_values("rang", ascending=False)["gebiet_id"]
            .head(3)
        )
        left, right = st.columns(2)
        areas5 = left.multiselect(
            t("Gebiete (bis zu fünf)"),
            by_name,
            default=(chosen or fallback)[:5],
            max_selections=5,
            format_func=names.get,
            key="nebeneinander",
            bind="query-params",
        )
        default_inds = list(dict.fromkeys([indikator, *default_status_indicators(catalogue)]))[:4]
        inds = right.multiselect(
            t("Indikatoren"),
            ordered,
            default=default_inds,
            max_selections=10,
            format_func=label,
            key="indikatoren",
            bind="query-params",
        )
        if not areas5 or not inds:
            st.info(t("Bitte mindestens ein Gebiet und einen Indikator wählen."))
        else:
            long = side_by_side(bundle.values, bundle.city, catalogue, inds, areas5, jahr)
            fig = side_by_side_figure(long, catalogue, names, city_name, t=tr)
            fig.update_layout(title=t("{anzahl} Gebiete nebeneinander, {jahr}", anzahl=len(areas5), jahr=str(jahr)))
            st.plotly_chart(fig, config=plot_config(f"nebeneinander_{jahr}", lang=code()), key="chart_side")
            st.markdown(side_by_side_summary(long, names, t=tr))
            caption(
                t(
                    "Jedes Feld hat eigene Achse und Einheit; gestrichelt: {stadt}. Fehlt ein Indikator im Jahr "
                    "{jahr}, gilt das letzte Jahr davor (steht im Feldtitel).",
                    stadt=city_name,
                    jahr=str(jahr),
                )
                + " "
                + sources_html(german, inds)
            )
            st.header(t("Tabelle"), anchor="tabelle-nebeneinander")
            wide = side_by_side_wide(long, catalogue, names)
            value_columns = [c for c in wide.columns if c not in ("Indikator", "Einheit", "Jahr")]
            decimals_per_row = [int(catalogue.at[i, "dezimalstellen"]) for i in dict.fromkeys(long["indikator_id"])]
            ids_by_column = {names.get(g, g): g for g in areas5}
            inds_in_order = list(dict.fromkeys(long["indikator_id"]))
            hidden = side_by_side_withheld(wide, inds_in_order, bundle.values, ids_by_column)
            numbers = format_number if local else tr.decimal
            shown = format_rows(wide, decimals_per_row, value_columns, numbers).mask(hidden, SIGN)
            header = {"Indikator": t("Indikator"), "Einheit": t("Einheit"), "Jahr": t("Jahr")}
            data_grid(shown.rename(columns=header), hide_index=True)
            if hidden.to_numpy().any():
                st.caption(t(EXPLANATION))
            download_table(
                bundle,
                side_by_side_wide(long, catalogue, names).rename(columns=header),
                f"nebeneinander_{jahr}.csv",
                provenance_meta(german, inds, lang=code(), **{t("Jahr"): jahr}),
                key="dl_side",
            )

with tab_scatter:
    if tab_scatter.open:
        default_y = next((i for i in [*default_status_indicators(catalogue), *ordered] if i != indikator), indikator)
        left, right = st.columns(2)
        x = left.selectbox(
            t("x-Achse"),
            ordered,
            index=ordered.index(indikator),
            format_func=label,
            key="x_indikator",
            bind="query-params",
        )
        y = right.selectbox(
            t("y-Achse"),
            ordered,
            index=ordered.index(default_y),
            format_func=label,
            key="y_indikator",
            bind="query-params",
        )
        table, x_year, y_year = scatter_table(bundle.values, bundle.areas, x, y, jahr)
        corr = pearson(table["x"], table["y"])
        x_meta, y_meta = catalogue.loc[x], catalogue.loc[y]
        x_title = f"{x_meta['kurzname']} ({x_meta['einheit']}, {x_year or '–'})"
        y_title = f"{y_meta['kurzname']} ({y_meta['einheit']}, {y_year or '–'})"
        fig = scatter_figure(
            table,
            x_title,
            y_title,
            int(x_meta["dezimalstellen"]),
            int(y_meta["dezimalstellen"]),
            chosen,
            r=corr.r,
            t=tr,
        )
        st.plotly_chart(fig, config=plot_config(f"streudiagramm_{x}_{y}_{jahr}", lang=code()), key="chart_scatter")
        st.markdown(correlation_reading(corr, str(x_meta["kurzname"]), str(y_meta["kurzname"]), t=tr))
        caption(
            t(
                "Jeder Punkt ist ein Gebiet; die Fläche des Punkts entspricht der Einwohnerzahl. Pearson-Korrelation "
                "über alle Gebiete mit beiden Werten, jedes Gebiet zählt gleich. Stärke nach Cohen: ab {schwach} "
                "schwach, ab {mittel} mittel, ab {stark} stark.",
                schwach=tr.decimal(0.1, 1),
                mittel=tr.decimal(0.3, 1),
                stark=tr.decimal(0.5, 1),
            )
            + " "
            + sources_html(german, [x, y])
        )
        st.header(t("Tabelle"), anchor="tabelle-streudiagramm")
        people = t("Einwohner")
        shown = table[["name", "x", "y", "einwohner"]].rename(
            columns={"name": t("Gebiet"), "x": x_title, "y": y_title, "einwohner": people}
        )
        withheld = pd.DataFrame(
            {
                x_title: table["gebiet_id"].isin(withheld_areas(bundle.values, x, [x_year] if x_year else [])),
                y_title: table["gebiet_id"].isin(withheld_areas(bundle.values, y, [y_year] if y_year else [])),
            }
        )
        show_table(
            shown,
            {x_title: int(x_meta["dezimalstellen"]), y_title: int(y_meta["dezimalstellen"]), people: 0},
            withheld,
            hide_index=True,
        )
        download_table(
            bundle,
            shown,
            f"streudiagramm_{x}_{y}_{jahr}.csv",
            provenance_meta(
                german,
                [x, y],
                lang=code(),
                **{
                    t("Jahr"): jahr,
                    t("Korrelation"): f"r = {(format_number if local else tr.decimal)(corr.r, 3)} (n = {corr.n})",
                },
            ),
            key="dl_scatter",
        )

with tab_matrix:
    if tab_matrix.open:
        rated = [i for i in ordered if i in set(rated_indicators(catalogue))]
        left, right = st.columns([3, 1])
        inds = left.multiselect(
            t("Indikatoren"),
            ordered,
            default=rated[:10],
            format_func=label,
            key="matrix_indikatoren",
            bind="query-params",
        )
        band = right.select_slider(
            t("Als „ähnlich“ gilt"),
            options=[0.25, 0.5, 0.75, 1.0, 1.5],
            value=0.5,
            format_func=lambda b: t("± {wert} SD", wert=tr.number(b)),
            key="band",
            bind="query-params",
            help=t(
                "Abstand zum Stadtwert in Standardabweichungen (SD) der Gebietswerte, bis zu dem eine Zelle als "
                "„ähnlich“ gilt. Darüber: günstiger oder ungünstiger, je nach Polarität des Indikators."
            ),
        )
        if not inds:
            st.info(t("Bitte mindestens einen Indikator wählen."))
        else:
            matrix = overview_matrix(bundle.values, bundle.areas, bundle.city, catalogue, inds, jahr, float(band))
            order = matrix_order(matrix)
            fig = matrix_figure(matrix, catalogue, order, city_name, t=tr)
            st.plotly_chart(fig, config=plot_config(f"uebersicht_{jahr}", lang=code()), key="chart_matrix")
            st.markdown(matrix_summary(matrix, city_name, t=tr))
            legend = " · ".join(f"{class_symbol(tr, k)} {class_word(tr, k)}" for k in MATRIX_CLASSES)
            caption(
                t(
                    "Zeichen: {zeichen}. Vergleich mit {stadt}; ähnlich heißt: höchstens {abstand} der Gebietswerte "
                    "entfernt. Neutrale Indikatoren (z. B. Einwohner) werden gezeigt, aber nicht bewertet. Gebiete mit "
                    "den meisten ungünstigen Werten oben.",
                    zeichen=legend,
                    stadt=city_name,
                    abstand=tr.value(band, t("Standardabweichungen"), 2),
                )
                + " "
                + sources_html(german, inds)
            )
            if (matrix["referenz_art"] != "Gesamtstadt").any():
                without = sorted(
                    {
                        catalogue.at[i, "kurzname"]
                        for i in matrix.loc[matrix["referenz_art"] != "Gesamtstadt", "indikator_id"]
                    }
                )
                st.caption(
                    t("Ohne Gesamtstadtwert, daher mit dem Mittel der Gebiete verglichen: {indikatoren}.",
                      indikatoren=", ".join(without))
                )  # fmt: skip
            st.header(t("Tabelle"), anchor="tabelle-uebersicht")
            wide = matrix_wide(matrix, catalogue, order, format_number if local else tr.decimal, t("k. A."))
            counted = {"Gebiet": t("Gebiet"), "Ungünstiger": t("Ungünstiger"), "Günstiger": t("Günstiger")}
            shown = wide.rename(columns=counted)
            profile = t("Steckbrief")
            linked = shown.assign(**{profile: [f"Steckbrief?gebiet={g}" for g in wide["gebiet_id"]]})
            event = data_grid(
                linked.drop(columns=["gebiet_id"]),
                hide_index=True,
                on_select="rerun",
                selection_mode="single-row",
                key="matrix_tabelle",
                column_config={
                    t("Gebiet"): st.column_config.TextColumn(pinned=True),
                    profile: st.column_config.LinkColumn(
                        profile,
                        display_text=t("Steckbrief öffnen"),
                        help=t("Öffnet den Steckbrief in einem neuen Tab"),
                    ),
                },
            )
            st.caption(t("Eine Zeile anklicken (Kästchen links) öffnet den Steckbrief des Gebiets."))
            rows = event.selection.rows if event is not None else []
            if rows:
                gebiet = str(wide.iloc[rows[0]]["gebiet_id"])
                set_selection("gebiet", gebiet)
                switch_to("steckbrief", query_params={**shared_params(), "gebiet": gebiet})
            german_signs = " · ".join(f"{SYMBOLS[k]} {k}" for k in MATRIX_CLASSES)
            download_table(
                bundle,
                matrix_wide(matrix, catalogue, order, missing=t("k. A."))
                .rename(columns=counted)
                .rename(columns={} if code() == "de" else {"gebiet_id": t("Kennziffer")}),
                f"uebersicht_{jahr}.csv",
                provenance_meta(
                    german,
                    inds,
                    lang=code(),
                    **{
                        t("Jahr"): jahr,
                        t("Vergleich"): t(
                            "mit {stadt}, ähnlich bis {abstand}",
                            stadt=city_name,
                            abstand=f"±{NBSP}{format_value(band, 'Standardabweichungen', 2)}"
                            if code() == "de"
                            else f"±{NBSP}{tr.value(band, t('Standardabweichungen'), 2)}",
                        ),
                        t("Zeichen"): german_signs if code() == "de" else legend,
                    },
                ),
                key="dl_matrix",
            )

footer(bundle, source_caption(german, [indikator]) if local else sources_html(german, [indikator], marked=False))
