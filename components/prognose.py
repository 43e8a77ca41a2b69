"""Bevölkerungsprognose in the app: computed once per data state, shown on its page and in the Steckbrief."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from sozialraum import Bundle
from sozialraum.formatting import format_signed
from sozialraum.plot_config import plot_config
from sozialraum.prognose.bundle import bundle_parents, withheld_projection
from sozialraum.prognose.config import CONFIG_FILE
from sozialraum.prognose.data import AGE_FILE
from sozialraum.prognose.figure import projection_figure, scenario_rows
from sozialraum.prognose.output import assumptions_frame
from sozialraum.prognose.run import TOTAL_KEY, Projection
from sozialraum.prognose.view import LAUNCH, change_sentence, profile_line, series, shown_features
from sozialraum.schemas import CITY_ID

from .navigation import page_link
from .sprache import german_data, t
from .views import download_table, provenance, show_table


@dataclass(frozen=True)
class Shown:
    """A projection and its table after withholding (what every page may show)."""

    projection: Projection
    table: pd.DataFrame


def _stamp(folder: Path, areas_file: str) -> tuple[tuple[str, int], ...]:
    files = [folder / AGE_FILE, folder / CONFIG_FILE, folder / areas_file]
    return tuple((p.name, p.stat().st_mtime_ns) for p in files if p.is_file())


@st.cache_resource(show_spinner=False, max_entries=4)
def _compute(
    folder: str, stamp: tuple, _parents: dict[str, str], min_fallzahl: int, min_einwohner: int
) -> Shown | None:
    found = withheld_projection(Path(folder), _parents, min_fallzahl, min_einwohner)
    return None if found is None else Shown(*found)


def get_projection(bundle: Bundle) -> Shown | None:
    """The projection of the bundle's folder (None without a usable altersstruktur.csv)."""
    parents = bundle_parents(bundle)
    s = bundle.settings
    return _compute(
        str(bundle.folder), _stamp(bundle.folder, s.gebiete_datei), parents, s.min_fallzahl, s.min_einwohner
    )


def profile_hint(bundle: Bundle, gebiet_id: str) -> None:
    """One Steckbrief line „2035: voraussichtlich … Menschen ab 80“ with a link to the page, if available."""
    shown = get_projection(bundle)
    line = None if shown is None else profile_line(shown.table, gebiet_id, shown.projection)
    if line:  # the sentence is German only so far: marked as such on a page in another language
        st.markdown(f"**{german_data(line)}**", unsafe_allow_html=True)
        page_link("prognose", label=t("Bevölkerungsprognose im Detail"), icon=":material/trending_up:")


def _names(bundle: Bundle) -> dict[str, str]:
    names = {CITY_ID: bundle.settings.gesamtstadt_name}
    for areas, _ in bundle.levels.values() or [(bundle.areas, None)]:
        names |= dict(zip(areas["gebiet_id"], areas["name"], strict=True))
    return names


def render_page(bundle: Bundle) -> None:
    st.title("Bevölkerungs\u00adprognose")  # soft hyphen: on a phone the word breaks at the right place
    shown = get_projection(bundle)
    if shown is None:
        st.info(
            f"Für diesen Datenordner gibt es keine Prognose: es fehlt eine gültige Datei „{AGE_FILE}“ "
            "(Einwohner nach Altersgruppen, siehe Datenvertrag).",
            icon=":material/info:",
        )
        return
    projection, table = shown.projection, shown.table
    names = _names(bundle)
    base = f"{projection.base[0]}–{projection.base[1]}"
    areas = [CITY_ID, *sorted({g for g in table["gebiet_id"] if g != CITY_ID})]
    features = shown_features(projection)
    scenarios = {s.key: s for s in projection.config.szenarien}
    left, mid, right = st.columns(3)
    area = left.selectbox("Gebiet", areas, format_func=lambda g: names.get(g, g), key="prognose_gebiet")
    merkmal = mid.selectbox("Merkmal", list(features), format_func=features.get, key="prognose_merkmal")
    default = list(scenarios).index(projection.config.scenario().key)
    key = right.radio("Szenario", list(scenarios), index=default, format_func=lambda k: scenarios[k].name)
    scenario = scenarios[key]
    st.caption(
        f"**Prognose** ab {projection.years[0]} bis {projection.years[-1]} · Szenario „{scenario.name}“ · "
        f"Basisjahre {base} · Einheit: Personen · Quelle: eigene Berechnung aus {AGE_FILE} · "
        f"Verfahren: {projection.method} · "
        f"Datenstand der Altersstruktur: 31.12.{projection.years[0]}"
    )
    rows = series(table, area, merkmal, key)
    year = min(2035, projection.years[-1])
    what = "Menschen" if merkmal == TOTAL_KEY else features[merkmal]
    st.markdown(change_sentence(rows, names.get(area, area), what, scenario.name, year))
    observed = rows[rows["art"].isin(["beobachtet", LAUNCH])]
    lines = {s.name: scenario_rows(series(table, area, merkmal, k)) for k, s in scenarios.items()}
    title = f"{features[merkmal]}: {names.get(area, area)} (Prognose ab {projection.years[0]} gestrichelt)"
    st.markdown(f"**{title}**")
    st.plotly_chart(
        projection_figure(observed, lines, scenario.name, "Personen"),
        config=plot_config(f"prognose_{area}_{merkmal}"),
        key="prognose_chart",
    )
    _table(bundle, table, area, merkmal, features, scenarios, names, base)
    _assumptions(bundle, projection)


def _table(bundle, table, area, merkmal, features, scenarios, names, base) -> None:
    """The chart as a table: one row per year, observed and each scenario side by side."""
    st.header("Tabelle")
    rows = table[(table["gebiet_id"] == area) & (table["merkmal"] == merkmal)].copy()
    observed = rows["art"] == "beobachtet"
    rows["Spalte"] = rows["szenario"].map(lambda k: f"Prognose: {scenarios[k].name}" if k in scenarios else "")
    rows.loc[observed, "Spalte"] = "beobachtet"
    order = ["beobachtet", *(f"Prognose: {s.name}" for s in scenarios.values())]
    wide = rows.pivot_table(index="jahr", columns="Spalte", values="anzahl", aggfunc="first", dropna=False)
    notes = rows.pivot_table(index="jahr", columns="Spalte", values="anmerkung", aggfunc="first")
    wide = wide.reindex(columns=order)
    withheld = notes.reindex(index=wide.index, columns=order).fillna("").ne("")
    frame = wide.reset_index().rename(columns={"jahr": "Jahr"})
    withheld = withheld.reset_index(drop=True).rename(columns=str)
    withheld.insert(0, "Jahr", False)
    show_table(frame, dict.fromkeys(order, 0), withheld=withheld, hide_index=True)
    if withheld.to_numpy().any():
        st.caption("„.“ = keine Angabe (Geheimhaltung: " + "; ".join(sorted(set(rows["anmerkung"]) - {""})) + ").")
    meta = provenance(
        bundle,
        {
            "Merkmal": features[merkmal],
            "Gebiet": names.get(area, area),
            "Art": f"beobachtet und Prognose (Hamilton–Perry), Basisjahre {base}",
            "Einheit": "Personen",
            "Quelle": f"eigene Berechnung aus {AGE_FILE}",
        },
    )
    download_table(bundle, frame, f"prognose_{area}_{merkmal}", meta, key="prognose_download")


def _assumptions(bundle: Bundle, projection: Projection) -> None:
    st.header("Annahmen und Szenarien")
    for s in projection.config.szenarien:
        shift = format_signed(s.wanderung, "Personen je 1.000 und Jahr", 1)
        st.markdown(f"- **{s.name}**: {s.beschreibung} (zusätzliche Wanderung {shift})")
    note = bundle.settings.hinweis if bundle.settings.beispieldaten else ""
    frame = assumptions_frame(projection, note).rename(
        columns={"annahme": "Annahme", "wert": "Wert", "erlaeuterung": "Erläuterung"}
    )
    st.dataframe(frame, hide_index=True, column_config={"Erläuterung": st.column_config.TextColumn(width="large")})
    st.caption("Verfahren und Rückrechnung auf Berliner Planungsräume: docs/prognose.md im Projekt.")
