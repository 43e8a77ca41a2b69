"""Display wrappers: maps, tables, downloads, metadata lines."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st

from sozialraum import Bundle
from sozialraum.confidentiality import SIGN, SIGN_TEXT
from sozialraum.export import (
    confidentiality_entry,
    csv_with_metadata,
    withheld_rows,
    xlsx_with_metadata,
)
from sozialraum.facilities import facilities_style, legend_rows
from sozialraum.fastmap import CANVAS_FROM, compact_payload, map_base
from sozialraum.formatting import DASH, MINUS, format_number
from sozialraum.i18n import N_
from sozialraum.mapview import MapOptions

from . import karte
from .data import get_bundle, get_facilities_url, get_geometry_info, switch_variants_url
from .grid import data_grid
from .sprache import code, number, t
from .state import widget_class
from .streamlit_internals import display_styler, element_once, in_script_run


def source_line(meta: pd.Series) -> str:
    """'Einheit: … · Quelle: … · Datenstand: …' for one indicator, in the page's language."""
    return t(
        "Einheit: {einheit} · Quelle: {quelle} · Datenstand: {stand}",
        einheit=meta["einheit"],
        quelle=meta["quelle"],
        stand=meta["datenstand"],
    )


def provenance(bundle: Bundle, meta: dict[str, str]) -> dict[str, str]:
    """Source, licence and attribution that travel with every download."""
    s = bundle.settings
    return {
        **meta,
        t("Lizenz"): f"{s.lizenz_name} ({s.lizenz_kurz}, {s.lizenz_url})",
        t("Namensnennung"): s.namensnennung,
    }


@dataclass(frozen=True)
class MapSwitch:
    """The page's indicator picker (URL key `key`) and the view it feeds: the map fetches the other
    indicators' colours for this view and applies them the moment the picker shows another one,
    before the rerun brings the same colours (fastmap.switch_variants)."""

    key: str
    current: str
    options: MapOptions
    labels: dict[str, str]  # indicator id → its text in the picker
    years_level: str  # the level whose years the page offers (all its geometry versions)


def show_choropleth(
    payload: dict,
    key: str,
    height: int = 560,
    level: str | None = None,
    facilities: gpd.GeoDataFrame | None = None,
    labels: bool = True,
    switch: MapSwitch | None = None,
    lang: str = "de",
) -> dict | None:
    """The fast choropleth: fixed base map (geometry by URL), only `payload` changes per rerun.

    Needs no geometry in memory (bounds and feature order come from the geometry index); the
    payload goes out in its compact form (`payload` may be compact already, e.g. from
    `data.get_view_payload`). With `switch` the map recolours itself as soon as
    another indicator is picked on the page (see `MapSwitch`; German only: the prepared colours carry
    German legends). `lang`: the language of the map's own words and the facilities' legend. Returns
    `gebiet_id` and `name` of an area clicked since the last run, else None.
    """
    info = get_geometry_info(level)
    settings = get_bundle().settings
    layer, suffix = None, ""
    if facilities is not None and len(facilities):
        # part of the fixed base map: drawn once, switchable in the layer control, listed in the legend
        # the map shows the facilities' entries only while their layer is on (static/karte/karte.js)
        name = t("Einrichtungen")  # the page's language (German on German pages)
        kinds = legend_rows(facilities) if lang == "de" else legend_rows(facilities, name, True)
        rows = f"<div class='sr-legende-einrichtungen'>{kinds}</div>"
        layer, suffix = facilities_style(facilities, get_facilities_url(), name), rows
        payload = {**payload, "legende": payload.get("legende", "") + suffix}
    base = map_base(
        info.url,
        info.bounds,
        height,
        labels=labels and len(info.ids) <= 80,
        tiles=settings.basiskarte_url,
        attribution=settings.basiskarte_attribution,
        canvas=len(info.ids) >= CANVAS_FROM,
        facilities=layer,
        lang=lang,
    )
    if switch is not None and lang == "de":
        url = switch_variants_url(
            level or get_bundle().main_level, switch.years_level, switch.current, switch.options, switch.labels, suffix
        )
        if url:
            payload = {**payload, "indikator": switch.current, "varianten": url, "wahl": f".{widget_class(switch.key)}"}
    sent = payload if payload.get("kompakt") else compact_payload(payload, info.ids)
    return karte.mount(base, sent, f"{key}_{level}" if level else key)


def download_table(
    bundle: Bundle,
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    file_name: str,
    meta: dict[str, str],
    key: str,
    what: str = N_("Tabelle"),
) -> None:
    """CSV (German Excel) and xlsx of exactly the table shown, with provenance; `what` names it on the buttons.

    Withheld values stay empty in the files (see `sozialraum.export`); whenever the data hold withheld
    values the files say so, also for a table whose rows carry no note. Both files are made when
    clicked, not on every rerun: an xlsx of 11,000 rows takes seconds, and bytes prepared per run
    would sit in every session's memory. For a big table pass a function that makes `frame` again:
    the buttons keep what they need until the next rerun, in every open session.
    """
    make = frame if callable(frame) else lambda: frame
    lang = _page_language()  # the files speak the page's language; headers and `meta` come so from the caller
    info, sheet = provenance(bundle, meta), t("Daten")  # made now: the files are made after the run
    if "gesperrt" in bundle.values.columns and bool(bundle.values["gesperrt"].any()):
        info.setdefault(*confidentiality_entry(lang))
    left, right = st.columns(2)
    left.download_button(
        t("{was} als CSV herunterladen", was=t(what)),
        lambda: csv_with_metadata(make(), info, lang=lang),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
    right.download_button(
        t("{was} als Excel herunterladen", was=t(what)),
        lambda: xlsx_with_metadata({sheet: make()}, info, lang=lang),
        file_name=file_name.rsplit(".", 1)[0] + ".xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        on_click="ignore",
        icon=":material/table_view:",
    )


TABLE_TEMPLATE = N_(
    "„{zeichen}“ = {text}: Wert unbekannt oder aus Gründen der statistischen Geheimhaltung gesperrt "
    "(Zeichen der amtlichen Statistik)."
)
TABLE_KEY = TABLE_TEMPLATE.format(zeichen=SIGN, text=SIGN_TEXT)


def _page_language() -> str:
    """The page's language in a script run; German when called outside one (helpers, tests), where the
    session state may still hold another run's language."""
    return code() if in_script_run() else "de"


def _table_key(with_note: bool) -> str:
    key = t("„{zeichen}“ heißt: keine Angabe. Der Wert ist unbekannt oder geheim.", zeichen=SIGN)
    return key + (" " + t("Die Spalte „Anmerkung“ nennt den Grund.") if with_note else "")


def german_table(
    frame: pd.DataFrame,
    decimals: dict[str, int],
    withheld: pd.Series | pd.DataFrame | None = None,
    sign: str | None = None,
    caption: bool = True,
) -> object:
    """A Styler that shows numbers German-style (1.234,5) while sorting still uses the numbers.

    Empty number cells show "–", or in a table with withheld cells the official sign "." (keine
    Angabe: unknown or withheld), with the key as a caption above the table. Withheld are the empty
    number cells of rows with `gesperrt` or an `anmerkung` "Geheimhaltung …", or those `withheld`
    marks (a row mask, or a cell mask with the frame's columns, e.g. for a wide table whose rows
    carry no note).

    Streamlit's data grid draws empty cells with its own placeholder, not with the Styler's text:
    `show_table` passes the same sign as `placeholder`; a bare `st.dataframe(german_table(…))`
    shows "None" there. `sign`: `empty_sign(frame, withheld)` when the caller has it already;
    `caption` False: the caller shows the key itself.
    """
    frame = frame.reset_index(drop=True)
    sign = empty_sign(frame, withheld) if sign is None else sign
    # German pages as always; a translated page writes its numbers in its language (1,234.5)
    shown = (lambda v, d: format_number(v, d, MINUS)) if _page_language() == "de" else number
    formats = {col: (lambda v, d=d: shown(v, d)) for col, d in decimals.items() if col in frame.columns}
    text_columns = [
        c
        for c in frame.columns
        if c not in formats and (frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c]))
    ]
    frame = frame.assign(**{c: frame[c].fillna("") for c in text_columns})
    if caption:
        _sign_caption(frame, sign)
    return display_styler(frame, formats, na_rep=sign)


def _sign_caption(frame: pd.DataFrame, sign: str) -> None:
    """The key to the sign "." above a table that has withheld cells."""
    if sign == SIGN:
        reason = " Gesperrte Werte nennen den Grund in der Spalte „Anmerkung“." if "anmerkung" in frame.columns else ""
        st.caption(TABLE_KEY + reason if _page_language() == "de" else _table_key("anmerkung" in frame.columns))


def show_table(
    frame: pd.DataFrame, decimals: dict[str, int], withheld: pd.Series | pd.DataFrame | None = None, **options: object
) -> object:
    """`st.dataframe` of `german_table` whose empty cells show the same sign as the Styler ("." or "–").

    The finished element is built once per content (cells, marks, formats, options, language) and sent
    again as it is (`element_once`): the same Karte table for every visitor of a view."""
    placeholder = empty_sign(frame, withheld)
    _sign_caption(frame, placeholder)
    return element_once(
        table_content_key(frame, decimals, withheld, options),
        "dataframe",
        lambda: data_grid(
            german_table(frame, decimals, withheld, placeholder, caption=False), placeholder=placeholder, **options
        ),
    )


KEPT_ROWS_UP_TO = 2_000  # longer tables are built every time (kept, 256 of them would hold too much memory)


def table_content_key(
    frame: pd.DataFrame, decimals: dict[str, int], withheld: pd.Series | pd.DataFrame | None, options: dict
) -> tuple | None:
    """Everything the finished table depends on, or None for a table built every time (long, or a cell
    pandas cannot hash). Cells by value and gap (None and "None" hash alike), names and types of columns."""
    if len(frame) > KEPT_ROWS_UP_TO or "on_select" in options or "key" in options:  # a widget: drawn each run
        return None
    digest = hashlib.blake2b(digest_size=16)
    try:
        for part in (frame, withheld):
            if part is not None:
                digest.update(pd.util.hash_pandas_object(part, index=True).to_numpy().tobytes())
                digest.update(pd.isna(part).to_numpy().tobytes())
                digest.update(repr(getattr(part, "columns", "")).encode())
    except TypeError:
        return None
    return (
        digest.hexdigest(),
        tuple(map(str, frame.columns)),
        tuple(map(str, frame.dtypes)),
        tuple(sorted(decimals.items())),
        repr(sorted(options.items(), key=lambda item: item[0])),
        _page_language(),
    )


# up to this many rows a table shows all of them; an inner scroll hides the last rows from a reader
ALL_ROWS_UP_TO = 100
ROW_PX = 35  # the row (and about the header) height we give a dataframe
FRAME_PX = 5  # its borders and the header being 1–2 px taller than a row
SCROLLING_HEIGHT = 700  # px, for longer tables (11,000 areas): about 19 rows, then the table scrolls


def table_size(rows: int) -> dict[str, int]:
    """`height` and `row_height` for `st.dataframe`: as tall as its header and rows (up to ALL_ROWS_UP_TO),
    else a scrolling box. The row height is set too: Streamlit's default grows with the page's 17 px font,
    and "content" left Streamlit 1.67's default of about ten rows in the browser."""
    height = (rows + 1) * ROW_PX + FRAME_PX if rows <= ALL_ROWS_UP_TO else SCROLLING_HEIGHT
    return {"height": height, "row_height": ROW_PX}


def empty_sign(frame: pd.DataFrame, withheld: pd.Series | pd.DataFrame | None = None) -> str:
    """ "." when the table has a withheld cell (then every empty number cell reads "keine Angabe"), else "–"."""
    return SIGN if withheld_cells(frame, withheld).to_numpy().any() else DASH


def withheld_cells(frame: pd.DataFrame, withheld: pd.Series | pd.DataFrame | None = None) -> pd.DataFrame:
    """Boolean cell mask (frame's shape, 0…n-1 index) of the empty number cells that are withheld."""
    frame = frame.reset_index(drop=True)
    if isinstance(withheld, pd.DataFrame):
        marked = withheld.reset_index(drop=True).reindex(index=frame.index, columns=frame.columns, fill_value=False)
        marked = marked.eq(True)
    else:
        rows = withheld_rows(frame) if withheld is None else pd.Series(withheld).reset_index(drop=True)
        rows = rows.reindex(frame.index, fill_value=False).eq(True).to_numpy()
        numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c]) for c in frame]
        marked = pd.DataFrame(np.outer(rows, numeric), index=frame.index, columns=frame.columns)
    return marked & frame.isna()
