"""The Sozialindex page's results: map with summary and method, the left-out areas, the table, the types."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from sozialraum import Bundle
from sozialraum.classify import palette
from sozialraum.compare import provenance_meta
from sozialraum.compare_figures import diverging, index_payload, ordered_classes
from sozialraum.formatting import NBSP
from sozialraum.i18n import N_, Translator
from sozialraum.sozialindex import DYNAMICS_ID, STATUS_ID, dynamics_column, same_as_settings
from sozialraum.sozialindex.text import class_label, describe_config, exclusion_reason, index_summary, type_table
from sozialraum.withheld import withheld_areas

from .grid import data_grid
from .navigation import page_link
from .sozialindex_view import Choices, Index, bold, data_text, signed_z, sources, tr
from .sprache import code, t
from .url_choice import url_segmented
from .views import download_table, show_choropleth, show_table


def area_names(bundle: Bundle) -> dict[str, str]:
    return dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))


def show_result(bundle: Bundle, choices: Choices, index: Index) -> None:
    """Heading, the map of status or dynamics classes, the summary sentences, the method and the links."""
    c, config, catalogue = choices, index.config, bundle.catalogue
    translator = tr()
    status_labels = [class_label(label, translator) for label in config.status_labels]
    dyn_labels = [class_label(label, translator) for label in config.dynamics_labels]
    status_classes = ordered_classes(status_labels, config.status_codes, palette("hoeher_schlechter", 4))
    dyn_classes = ordered_classes(dyn_labels, config.dynamics_codes, diverging(3))
    stand = (
        t("Status {jahr}, Dynamik {von}–{bis}", jahr=str(c.year), von=str(c.start), bis=str(c.end))
        if c.dynamic
        else t("Status {jahr}", jahr=str(c.year))
    )
    st.header(t("Ergebnis"), anchor="ergebnis")
    view = "Status"
    if c.dynamic:
        view = url_segmented(
            st, t("Karte zeigt"), "index_karte_zeigt", {"Status": N_("Status"), "Dynamik": N_("Dynamik")}, "Status"
        )
    result = index.status if view == "Status" else index.dynamics
    classes = status_classes if view == "Status" else dyn_classes
    codes = config.status_codes if view == "Status" else config.dynamics_codes
    payload = index_payload(
        _map_table(result, classes, codes, index.types),
        classes,
        t("Statusklasse") if view == "Status" else t("Dynamikklasse"),
        t("Indexwert"),
        f"{stand} · {sources(catalogue, c.used, marked=False)}",
        t("Statusindex {jahr}", jahr=str(c.year)) if view == "Status"
        else t("Dynamikindex {von}–{bis}", von=str(c.start), bis=str(c.end)),
        t("Klassen von günstig nach ungünstig"),
        missing_label=t("nicht eingestuft"),
    )  # fmt: skip
    payload["legende"] = _legend_counts(payload["legende"])
    map_column, method_column = st.columns([3, 2])
    with map_column:
        show_choropleth(payload, key="index_karte", height=600, lang=code())
        if bundle.settings.geometrie_schematisch:
            st.caption(t("Hinweis: schematische Gebietsgrenzen, keine amtliche Geometrie."))
    with method_column:
        st.markdown(index_summary(index.status, config.status_limits, config.status_labels, "status", translator))
        if index.dynamics is not None:
            st.markdown(
                index_summary(index.dynamics, config.dynamics_limits, config.dynamics_labels, "dynamik", translator)
            )
        st.markdown(bold(t("Methode")))
        st.info(describe_config(config, translator), icon=":material/functions:")
        st.caption(t("Rang: 1 = günstigste Lage.") + " " + sources(catalogue, c.used), unsafe_allow_html=True)
        if STATUS_ID in catalogue.index:
            same = same_as_settings(
                bundle.settings,
                c.weights,
                c.dyn_weights,
                c.end - c.start if c.dynamic else None,
                c.status_limits,
                c.dynamics_limits,
                c.min_population,
            )
            show_offered_index(bundle, same, c.year, c.end)
    show_left_out(bundle, index, c.min_population)


_LEGEND_COUNT = re.compile(rf"\((\d+){NBSP}Gebiete?\)")


def _legend_counts(legend: str) -> str:
    """The legend's area counts ('(2 Gebiete)', written by the shared `legend_row`) in the page language."""
    if tr().language.code == "de":
        return legend
    return _LEGEND_COUNT.sub(lambda m: "(" + t("Gebiete: {anzahl}", anzahl=m.group(1)) + ")", legend)


def _map_table(
    result: pd.DataFrame, classes: list[tuple[str, str]], codes: tuple[str, ...], types: pd.DataFrame | None
) -> pd.DataFrame:
    """gebiet_id, class legend label, rank text and the tooltip's second line (z and type, or why left out)."""
    labels_by_code = {code: legend for code, (legend, _) in zip(codes, classes, strict=True)}
    rated_mask = ~result["ausgeschlossen"]
    rank = result.loc[rated_mask, "z"].rank(method="min").astype(int)
    n_rated = int(rated_mask.sum())
    table = result.reset_index().rename(columns={"index": "gebiet_id"})
    table["klasse"] = [labels_by_code.get(c) if isinstance(c, str) else None for c in result["code"]]
    table["rang"] = [
        t("{rang} von {gesamt}", rang=str(rank[g]), gesamt=str(n_rated)) if g in rank.index else "–"
        for g in result.index
    ]
    second = []
    for g, row in result.iterrows():
        if row["ausgeschlossen"]:
            second.append(exclusion_reason(str(row["grund"]), tr()))
            continue
        typ = types is not None and isinstance(types.at[g, "typ"], str)
        second.append(f"z = {signed_z(row['z'])}" + (" · " + t("Typ {typ}", typ=types.at[g, "typ"]) if typ else ""))
    table["zweit"] = second
    return table


def show_offered_index(bundle: Bundle, same: bool, status_year: int, dynamics_year: int | None) -> None:
    """Where the index is offered as an indicator: whether it is this one, and links to its map and trend."""
    st.markdown(bold(t("Als Indikator auf Karte, Entwicklung und Steckbrief")))
    st.caption(
        t(
            "Diese Einstellungen entsprechen dem Sozialindex aus einstellungen.toml, den Karte, Entwicklung und "
            "Steckbrief als Indikator zeigen."
        )
        if same
        else t(
            "Diese Einstellungen weichen vom Sozialindex aus einstellungen.toml ab. Karte, Entwicklung und "
            "Steckbrief zeigen den dort eingestellten Index."
        )
    )
    page_link(
        "karte",
        label=t("Statusindex {jahr} auf der Karte", jahr=str(status_year)),
        icon=":material/map:",
        query_params={"indikator": STATUS_ID, "jahr": str(status_year)},
    )
    if DYNAMICS_ID in bundle.catalogue.index:
        page_link(
            "karte",
            label=t("Dynamikindex {jahr} auf der Karte", jahr=str(dynamics_year or status_year)),
            icon=":material/map:",
            query_params={"indikator": DYNAMICS_ID, "jahr": str(dynamics_year or status_year)},
        )
    page_link(
        "entwicklung",
        label=t("Statusindex im Zeitverlauf"),
        icon=":material/show_chart:",
        query_params={"indikator": STATUS_ID},
    )


def show_left_out(bundle: Bundle, index: Index, min_population: int) -> None:
    """The areas the status index leaves out, with the reason (up to 20 named), or that all are rated."""
    names, status = area_names(bundle), index.status
    excluded = status[status["ausgeschlossen"]]
    if len(excluded):
        listed = [f"{names.get(g, g)} ({exclusion_reason(r, tr())})" for g, r in excluded["grund"].head(20).items()]
        more = (
            "; " + t("und {anzahl} weitere (siehe Tabelle)", anzahl=str(len(excluded) - 20))
            if len(excluded) > 20
            else ""
        )
        heading = t("Nicht eingestuft ({anzahl}):", anzahl=str(len(excluded)))
        st.markdown(f"**{heading}** " + "; ".join(listed) + more + ".")
    elif index.no_population:
        st.caption(t("Ohne Einwohnerzahlen im Datenordner: die Mindestgröße wird nicht geprüft."))
    else:
        st.caption(
            t(
                "Alle {anzahl} Gebiete sind eingestuft (jedes hat mindestens {mindest} Einwohner).",  # no-break space
                anzahl=str(len(status)),
                mindest=str(min_population),
            ).replace(f"{min_population} ", f"{min_population}{NBSP}")
        )


def show_index_table(bundle: Bundle, choices: Choices, index: Index) -> None:
    """The inputs, population, z-values, classes and reasons per area, with its downloads."""
    c, catalogue = choices, bundle.catalogue
    translator = tr()
    names = area_names(bundle)
    st.header(t("Tabelle"), anchor="tabelle-index")
    rename = {
        i: t(
            "{indikator} {jahr} ({einheit})",
            indikator=data_text(catalogue, i, "kurzname"),
            jahr=str(c.year),
            einheit=data_text(catalogue, i, "einheit"),
        )
        for i in c.status_ids
    }
    if c.dynamic:
        for i in c.dyn_ids:
            percent = str(catalogue.at[i, "einheit"]).strip() == "%"
            unit = t("Prozentpunkte") if percent else data_text(catalogue, i, "einheit")
            rename[dynamics_column(i)] = t(
                "Veränderung {indikator} {von}–{bis} ({einheit})",
                indikator=data_text(catalogue, i, "kurzname"),
                von=str(c.start),
                bis=str(c.end),
                einheit=unit,
            )
    status, dynamics = index.status, index.dynamics
    col = {
        "Gebiet": t("Gebiet"),
        "Einwohner": t("Einwohner"),
        "Status z": t("Status z"),
        "Statusklasse": t("Statusklasse"),
        "Dynamik z": t("Dynamik z"),
        "Dynamikklasse": t("Dynamikklasse"),
    }
    shown = index.frame.copy().rename(columns=rename)
    shown.insert(0, col["Gebiet"], [names.get(g, g) for g in shown.index])
    shown.insert(1, col["Einwohner"], index.population.reindex(shown.index).to_numpy())
    shown[col["Status z"]] = status["z"]
    shown[col["Statusklasse"]] = _class_cells(status, translator)
    if dynamics is not None:
        shown[col["Dynamik z"]] = dynamics["z"]
        shown[col["Dynamikklasse"]] = _class_cells(dynamics, translator)
        shown[t("Gesamttyp")] = [x if isinstance(x, str) else "–" for x in index.types["typ"]]
    reasons = [exclusion_reason(r, translator) if out else "" for r, out in zip(status["grund"],
               status["ausgeschlossen"], strict=True)]  # fmt: skip
    shown[t("Nicht eingestuft, weil")] = reasons
    shown = shown.sort_values(col["Status z"], ascending=False, na_position="last").reset_index(names="gebiet_id")
    decimals = {rename[i]: int(catalogue.at[i, "dezimalstellen"]) for i in c.status_ids}
    if c.dynamic:
        decimals.update({rename[dynamics_column(i)]: int(catalogue.at[i, "dezimalstellen"]) for i in c.dyn_ids})
    decimals.update({col["Einwohner"]: 0, col["Status z"]: 2, col["Dynamik z"]: 2})
    # a withheld input value shows the official sign "." (its area is not rated, see the last column)
    withheld = {rename[i]: shown["gebiet_id"].isin(withheld_areas(bundle.values, i, [c.year])) for i in c.status_ids}
    if c.dynamic:
        withheld |= {
            rename[dynamics_column(i)]: shown["gebiet_id"].isin(withheld_areas(bundle.values, i, [c.start, c.end]))
            for i in c.dyn_ids
        }
    show_table(
        shown,
        decimals,
        pd.DataFrame(withheld),
        hide_index=True,
        column_config={"gebiet_id": st.column_config.TextColumn(t("Kennziffer"))},
    )
    st.caption(
        t(
            "Sortiert vom ungünstigsten Status zum günstigsten. z: Abstand zum Mittel der eingestuften Gebiete in "
            "Standardabweichungen (positiv = ungünstiger)."
        )
    )
    download_table(
        bundle,
        shown if code() == "de" else shown.rename(columns={"gebiet_id": t("Kennziffer")}),  # as the page heads it
        f"sozialindex_{c.year}.csv",
        provenance_meta(catalogue, c.used, lang=code(), **{t("Verfahren"): describe_config(index.config, tr())}),
        key="dl_index",
        what=t("Tabelle"),
    )


def _class_cells(result: pd.DataFrame, translator: Translator) -> list[str]:
    return [
        f"{code} {class_label(label, translator)}" if isinstance(code, str) else "–"
        for code, label in zip(result["code"], result["bezeichnung"], strict=True)
    ]


def show_types(bundle: Bundle, choices: Choices, index: Index) -> None:
    """Status classes against dynamics classes: the number and names of the areas in each combined type."""
    if index.dynamics is None:
        return
    st.header(t("Gesamttypen: Status und Dynamik"), anchor="gesamttypen")
    crosstab = type_table(index.status, index.dynamics, area_names(bundle), index.config, tr())
    data_grid(crosstab, hide_index=True)
    counts = index.types["typ"].value_counts()
    commonest = (
        " " + t("Häufigster Typ: {typ} ({anzahl} Gebiete).", typ=counts.index[0], anzahl=str(int(counts.iloc[0])))
        if len(counts)
        else ""
    )
    st.caption(t("Jede Zelle: Zahl der Gebiete und ihre Namen.") + commonest)
    download_table(
        bundle,
        crosstab,
        f"sozialindex_typen_{choices.year}.csv",
        provenance_meta(
            bundle.catalogue, choices.used, lang=code(), **{t("Verfahren"): describe_config(index.config, tr())}
        ),
        key="dl_types",
        what=t("Tabelle"),
    )
