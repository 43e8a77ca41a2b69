"""Texts of the data on a translated page: indicator names, short names, units and definitions from the
translated columns of the catalogue (`name_en`, …); where a translation is missing the German text stays and,
in HTML, is marked `lang="de"` (docs/sprachen.md). Source, topic and Datenstand have no translated columns."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

from sozialraum.i18n import N_, SOURCE
from sozialraum.translations import localized

from .sprache import code, german_data, t

TEXT_COLUMNS = ("name", "kurzname", "einheit", "definition")

# the catalogue's columns and directions as shown
COLUMNS = {
    "name": N_("Indikator"),
    "einheit": N_("Einheit"),
    "thema": N_("Thema"),
    "polaritaet": N_("Richtung"),
    "definition": N_("Definition"),
    "quelle": N_("Quelle"),
    "datenstand": N_("Datenstand"),
}
DIRECTIONS = {
    "hoeher_besser": N_("höher ist besser"),
    "hoeher_schlechter": N_("höher ist ungünstiger"),
    "neutral": N_("neutral"),
}


def catalogue_html(catalogue: pd.DataFrame) -> str:
    """The catalogue as an HTML table for the translated view: each German data text marked `lang="de"`
    (a data grid cannot mark single cells)."""
    texts = {"name", "einheit", "definition"}
    head = "".join(f'<th scope="col">{html.escape(t(label))}</th>' for label in COLUMNS.values())
    rows = []
    for indikator, row in catalogue.iterrows():
        cells = []
        for column in COLUMNS:
            if column in texts:
                cell = data_html(catalogue, indikator, column)
            elif column == "polaritaet":
                cell = html.escape(t(DIRECTIONS.get(str(row[column]), str(row[column]))))
            elif column == "datenstand":
                cell = html.escape(str(row[column]))
            else:
                cell = german_html(row[column])
            cells.append(f"<td>{cell}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return scrolling_table("sr-katalog", t("Indikatorenkatalog"), head, rows)


def scrolling_table(css_class: str, label: str, head: str, rows: list[str], extra_css: str = "") -> str:
    """An HTML table in a horizontally scrolling region that a keyboard can reach (axe): the page's own
    tables where German data cells must carry `lang="de"`, which the canvas grid cannot."""
    c = css_class
    return (
        f'<div class="{c}" tabindex="0" role="region" aria-label="{html.escape(label)}"><table><thead><tr>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
        f"<style>.{c} {{ overflow-x: auto; }} .{c} table {{ border-collapse: collapse; font-size: .9rem; }}"
        f" .{c} th, .{c} td {{ border: 1px solid #d0d0d0; padding: .3rem .5rem; vertical-align: top;"
        " text-align: start; }"
        f" .{c} th {{ background: #f0f2f6; }}{extra_css}</style>"
    )


def catalogue_in_language(catalogue: pd.DataFrame) -> pd.DataFrame:
    """The catalogue with its translatable text columns in the page's language (German where missing)."""
    lang = code()
    if lang == SOURCE:
        return catalogue
    shown = catalogue.copy()
    for column in TEXT_COLUMNS:
        if column in shown.columns:
            shown[column] = [localized(row, column, lang).text for _, row in catalogue.iterrows()]
    return shown


def data_html(catalogue: pd.DataFrame, indikator: str, column: str) -> str:
    """One text of an indicator for `unsafe_allow_html`: translated, or German and marked `lang="de"`."""
    found = localized(catalogue.loc[indikator], column, code())
    return german_data(found.text) if found.lang == SOURCE else html.escape(found.text, quote=False)


def german_html(text: object) -> str:
    """A data text without translated columns (source, topic): German, marked `lang="de"` on other pages."""
    text = str(text)
    return german_data(text) if code() != SOURCE else html.escape(text, quote=False)


def sources_html(catalogue: pd.DataFrame, indicators: Iterable[str], marked: bool = True) -> str:
    """'Einheit · Quelle · Datenstand' of one indicator, 'Quellen · Datenstand' of several, in the page's
    language with the German data texts marked (for a caption next to a chart); `marked=False`: plain text."""
    if not marked:
        return _plain(catalogue, indicators)
    ids = [i for i in dict.fromkeys(indicators) if i in catalogue.index]
    if len(ids) == 1:
        row = catalogue.loc[ids[0]]
        return t(
            "Einheit: {einheit} · Quelle: {quelle} · Datenstand: {stand}",
            einheit=data_html(catalogue, ids[0], "einheit"),
            quelle=german_html(row["quelle"]),
            stand=html.escape(str(row["datenstand"])),
        )
    sources = "; ".join(dict.fromkeys(str(catalogue.at[i, "quelle"]) for i in ids))
    stands = "; ".join(
        f"{data_html(catalogue, i, 'kurzname')}: {html.escape(str(catalogue.at[i, 'datenstand']))}" for i in ids
    )
    return t("Quellen: {quellen} · Datenstand: {stand}", quellen=german_html(sources), stand=stands)


def _plain(catalogue: pd.DataFrame, indicators: Iterable[str]) -> str:
    lang = code()
    ids = [i for i in dict.fromkeys(indicators) if i in catalogue.index]
    if len(ids) == 1:
        row = catalogue.loc[ids[0]]
        return t(
            "Einheit: {einheit} · Quelle: {quelle} · Datenstand: {stand}",
            einheit=localized(row, "einheit", lang).text,
            quelle=row["quelle"],
            stand=row["datenstand"],
        )
    sources = "; ".join(dict.fromkeys(str(catalogue.at[i, "quelle"]) for i in ids))
    stands = "; ".join(
        f"{localized(catalogue.loc[i], 'kurzname', lang).text}: {catalogue.at[i, 'datenstand']}" for i in ids
    )
    return t("Quellen: {quellen} · Datenstand: {stand}", quellen=sources, stand=stands)
