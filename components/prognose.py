"""Bevölkerungsprognose in the app: computed once per data state, shown on its page and in the Steckbrief."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import streamlit as st

from sozialraum import Bundle
from sozialraum.i18n import N_, Translator
from sozialraum.plot_config import plot_config
from sozialraum.prognose.bundle import bundle_parents, withheld_projection
from sozialraum.prognose.config import CONFIG_FILE
from sozialraum.prognose.data import AGE_FILE
from sozialraum.prognose.figure import projection_figure, scenario_rows
from sozialraum.prognose.output import assumptions_frame
from sozialraum.prognose.run import TOTAL_KEY, Projection
from sozialraum.prognose.view import LAUNCH, change_sentence, profile_line, series, shown_features
from sozialraum.schemas import CITY_ID

from .grid import data_grid
from .navigation import page_link
from .sprache import code, german_data, signed, t
from .views import download_table, provenance, show_table


@dataclass(frozen=True)
class Shown:
    """A projection and its table after withholding (what every page may show)."""

    projection: Projection
    table: pd.DataFrame

    @cached_property
    def area_ids(self) -> frozenset[str]:
        """The areas the table has rows for; once per data state, not per Karte run (the table is long:
        iterating its ids cost about a sixth of a Karte run, docs/leistung.md)."""
        return frozenset(str(g) for g in self.table["gebiet_id"].unique())


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
    if shown is None:
        return
    name = data_name(shown.projection.config.scenario().name, marked=True)  # a city's own name: marked German
    line = profile_line(shown.table, gebiet_id, shown.projection, t=Translator(code()), scenario_name=name)
    if line:  # one template per language; a city's own scenario name stays German, marked as such
        st.markdown(f"**{line}**", unsafe_allow_html=True)
        page_link("prognose", label=t("Bevölkerungsprognose im Detail"), icon=":material/trending_up:")


# the shipped names of scenarios and figures (sozialraum/prognose/config.py, data/prognose.toml): translated
# where the catalogue has them; a city's own names stay German (marked lang="de" where the page can)
DEFAULT_NAMES = (
    N_("Trend"), N_("Mehr Zuzug"), N_("Weniger Zuzug"), N_("Einwohner gesamt"),
    N_("Kinder unter 3 Jahren (Krippenalter)"), N_("Kinder unter 6 Jahren (Kita-Alter)"),
    N_("Kinder von 6 bis unter 10 Jahren (Grundschulalter)"), N_("Kinder von 6 bis unter 15 Jahren (Schulalter)"),
    N_("Menschen ab 65 Jahren"), N_("Menschen ab 80 Jahren"),
    N_("Geschätzte Pflegebedürftige (Pflegequoten × Personen je Altersgruppe)"),
)  # fmt: skip


def data_name(text: str, marked: bool = False) -> str:
    """A name from the projection's settings in the page's language; `marked`: untranslated German in
    `lang="de"` (for markdown with HTML)."""
    translated = t(text)
    return german_data(text) if marked and translated == text else translated


def _names(bundle: Bundle) -> dict[str, str]:
    names = {CITY_ID: bundle.settings.gesamtstadt_name}
    for areas, _ in bundle.levels.values() or [(bundle.areas, None)]:
        names |= dict(zip(areas["gebiet_id"], areas["name"], strict=True))
    return names


def render_page(bundle: Bundle) -> None:
    st.title(t("Bevölkerungs\u00adprognose"))  # soft hyphen: on a phone the word breaks at the right place
    shown = get_projection(bundle)
    if shown is None:
        st.info(
            t(
                "Für diesen Datenordner gibt es keine Prognose: es fehlt eine gültige Datei „{datei}“ "
                "(Einwohner nach Altersgruppen, siehe Datenvertrag).",
                datei=AGE_FILE,
            ),
            icon=":material/info:",
        )
        return
    projection, table = shown.projection, shown.table
    names = _names(bundle)
    base = f"{projection.base[0]}–{projection.base[1]}"
    areas = [CITY_ID, *sorted({g for g in table["gebiet_id"] if g != CITY_ID})]
    features = {k: data_name(v) for k, v in shown_features(projection).items()}
    scenarios = {s.key: s for s in projection.config.szenarien}
    left, mid, right = st.columns(3)
    area = left.selectbox(t("Gebiet"), areas, format_func=lambda g: names.get(g, g), key="prognose_gebiet")
    merkmal = mid.selectbox(t("Merkmal"), list(features), format_func=features.get, key="prognose_merkmal")
    default = list(scenarios).index(projection.config.scenario().key)
    key = right.radio(t("Szenario"), list(scenarios), index=default, format_func=lambda k: data_name(scenarios[k].name))
    scenario = scenarios[key]
    scenario_name = data_name(scenario.name)
    st.caption(
        t(
            "**Prognose** ab {von} bis {bis} · Szenario „{szenario}“ · Basisjahre {basis} · Einheit: Personen · "
            "Quelle: eigene Berechnung aus {datei} · Verfahren: {verfahren} · "
            "Datenstand der Altersstruktur: 31.12.{von}",
            von=str(projection.years[0]),
            bis=str(projection.years[-1]),
            szenario=scenario_name,
            basis=base,
            datei=AGE_FILE,
            verfahren=german_data(projection.method),
        ),  # fmt: skip
        unsafe_allow_html=True,
    )
    rows = series(table, area, merkmal, key)
    year = min(2035, projection.years[-1])
    what = t("Menschen") if merkmal == TOTAL_KEY else features[merkmal]
    tr = Translator(code())
    st.markdown(change_sentence(rows, names.get(area, area), what, scenario_name, year, tr))
    observed = rows[rows["art"].isin(["beobachtet", LAUNCH])]
    lines = {data_name(s.name): scenario_rows(series(table, area, merkmal, k)) for k, s in scenarios.items()}
    title = t(
        "{merkmal}: {gebiet} (Prognose ab {jahr} gestrichelt)",
        merkmal=features[merkmal], gebiet=names.get(area, area), jahr=str(projection.years[0]),
    )  # fmt: skip
    st.markdown(f"**{title}**")
    st.plotly_chart(
        projection_figure(observed, lines, scenario_name, t("Personen"), tr),
        config=plot_config(f"prognose_{area}_{merkmal}", lang=code()),
        key="prognose_chart",
    )
    _table(bundle, table, area, merkmal, features, scenarios, names, base)
    _assumptions(bundle, projection)


def _table(bundle, table, area, merkmal, features, scenarios, names, base) -> None:
    """The chart as a table: one row per year, observed and each scenario side by side."""
    st.header(t("Tabelle"))
    rows = table[(table["gebiet_id"] == area) & (table["merkmal"] == merkmal)].copy()
    observed = rows["art"] == "beobachtet"
    label = {k: t("Prognose: {szenario}", szenario=data_name(s.name)) for k, s in scenarios.items()}
    rows["Spalte"] = rows["szenario"].map(lambda k: label.get(k, ""))
    rows.loc[observed, "Spalte"] = t("beobachtet")
    order = [t("beobachtet"), *label.values()]
    wide = rows.pivot_table(index="jahr", columns="Spalte", values="anzahl", aggfunc="first", dropna=False)
    notes = rows.pivot_table(index="jahr", columns="Spalte", values="anmerkung", aggfunc="first")
    wide = wide.reindex(columns=order)
    withheld = notes.reindex(index=wide.index, columns=order).fillna("").ne("")
    frame = wide.reset_index().rename(columns={"jahr": t("Jahr")})
    withheld = withheld.reset_index(drop=True).rename(columns=str)
    withheld.insert(0, t("Jahr"), False)
    show_table(frame, dict.fromkeys(order, 0), withheld=withheld, hide_index=True)
    if withheld.to_numpy().any():
        reasons = "; ".join(sorted(set(rows["anmerkung"]) - {""}))
        st.caption(
            t("„.“ = keine Angabe (Geheimhaltung: {gruende}).", gruende=german_data(reasons)), unsafe_allow_html=True
        )
    meta = provenance(
        bundle,
        {
            t("Merkmal"): features[merkmal],
            t("Gebiet"): names.get(area, area),
            t("Art"): t("beobachtet und Prognose (Hamilton–Perry), Basisjahre {basis}", basis=base),
            t("Einheit"): t("Personen"),
            t("Quelle"): t("eigene Berechnung aus {datei}", datei=AGE_FILE),
        },
    )
    download_table(bundle, frame, f"prognose_{area}_{merkmal}.csv", meta, key="prognose_download")


def _assumptions(bundle: Bundle, projection: Projection) -> None:
    st.header(t("Annahmen und Szenarien"))
    for s in projection.config.szenarien:
        shift = signed(s.wanderung, t("Personen je 1.000 und Jahr"), 1)
        line = t(
            "- **{szenario}**: {beschreibung} (zusätzliche Wanderung {wert})",
            szenario=data_name(s.name, marked=True), beschreibung=german_data(s.beschreibung), wert=shift,
        )  # fmt: skip
        st.markdown(line, unsafe_allow_html=True)
    note = bundle.settings.hinweis if bundle.settings.beispieldaten else ""
    explained = t("Erläuterung")
    frame = assumptions_frame(projection, note).rename(
        columns={"annahme": t("Annahme"), "wert": t("Wert"), "erlaeuterung": explained}
    )
    if code() == "de":
        data_grid(frame, hide_index=True, column_config={explained: st.column_config.TextColumn(width="large")})
    else:  # the assumptions are written in German (sozialraum/prognose/output.py): a table whose body is marked so
        st.caption(t("Die Annahmen in dieser Tabelle stehen nur auf Deutsch."))
        st.markdown(_german_body_table(frame), unsafe_allow_html=True)
    st.caption(t("Verfahren und Rückrechnung auf Berliner Planungsräume: docs/prognose.md im Projekt."))


def _german_body_table(frame: pd.DataFrame) -> str:
    """An HTML table with headers in the page's language and German cells marked `lang="de"`."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in frame.itertuples(False)
    )
    return f'<table><thead><tr>{head}</tr></thead><tbody lang="de" dir="ltr">{rows}</tbody></table>'
