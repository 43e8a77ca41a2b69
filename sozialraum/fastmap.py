"""A choropleth that never sends its geometry twice.

The base map (same on every rerun, `map_base`) loads the display geometry once by URL from the
app's static folder; static/karte/karte.js builds it once in the page (no iframe). What changes
with indicator, year, classification or selection is only a small style payload (colour, value
text, rank, difference per area, legend, `style_payload`), which recolours the existing areas.

At scale (measured in benchmarks/, see docs/leistung.md): the geometry download starts together
with Leaflet, features are added in time slices so the page stays responsive, maps with many
areas draw on a canvas instead of thousands of SVG paths, and the per-change payload goes over
the wire in a compact form aligned with the geometry file's feature order (`compact_payload`;
karte.js holds the same alphabet and literal mark).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .classify import MISSING_COLOUR, Classes
from .formatting import MINUS, format_signed, format_value
from .i18n import N_, SOURCE, Translator
from .loader import Bundle
from .mapview import MapOptions, MapView, map_view
from .settings import LEAFLET_PREFIX
from .sozialindex import INDEX_IDS

# Where-maps (measure areas, locator): the marked areas in the dashboard blue, the rest light grey
MARKED = "#1f5f8b"
UNMARKED = "#e0e0e0"

# From this many areas on, Leaflet draws on one canvas instead of one SVG path per area
# (browser memory and redraw time; the e2e tests on small data still see SVG paths).
CANVAS_FROM = 2000
# Characters for class indices in the compact payload (one per area, '.' = no colour).
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_LITERAL = "~"  # in a compact column: the rest of the entry is the whole text


def compact_payload(payload: dict, ids: Sequence[str]) -> dict:
    """The payload as sent: colours as one class character per feature (in the order of `ids`,
    the geometry file's order), tooltip texts as three '|'-joined columns without their common
    unit suffix. The map turns it back into the plain payload (same texts, same colours).

    Falls back to the plain payload when a text contains '|' or there are too many colours.
    """
    colours: dict[str, str] = payload.get("farben") or {}
    values: dict[str, list[str]] = payload.get("werte") or {}
    palette = sorted(set(colours.values()))
    if len(palette) > len(_ALPHABET) or any(
        not isinstance(v, list | tuple) or len(v) != 3 or any(not isinstance(t, str) or "|" in t for t in v)
        for v in values.values()
    ):
        return payload
    index = {colour: _ALPHABET[i] for i, colour in enumerate(palette)}
    classes = "".join(index[colours[g]] if g in colours else "." for g in ids)
    columns: list[list[str]] = [[], [], []]
    for gebiet in ids:
        texts = values.get(gebiet)
        for column, text in zip(columns, texts or ("", "", ""), strict=True):
            column.append(text)
    suffixes = [_common_suffix([t for t, g in zip(c, ids, strict=True) if g in values]) for c in columns]
    encoded = []
    for column, suffix in zip(columns, suffixes, strict=True):
        cells = []
        for gebiet, text in zip(ids, column, strict=True):
            if gebiet not in values:
                cells.append("")  # no values for this area: the map shows its note
            elif suffix and text.endswith(suffix) and text != suffix and not text.startswith(_LITERAL):
                cells.append(text[: -len(suffix)])
            else:
                cells.append(_LITERAL + text)
        encoded.append("|".join(cells))
    rest = {k: v for k, v in payload.items() if k not in ("farben", "werte")}
    return {**rest, "kompakt": 1, "pal": palette, "k": classes, "w": encoded, "ws": suffixes}


def _common_suffix(texts: list[str]) -> str:
    """The most frequent tail from the first space on ('12,3 %' → ' %', either space); '' if there is none."""
    tails: dict[str, int] = {}
    for text in texts:
        space = next((i for i, c in enumerate(text) if c in " \u00a0"), -1)  # the unit follows a no-break space
        if space > 0:
            tail = text[space:]
            tails[tail] = tails.get(tail, 0) + 1
    return max(tails, key=tails.__getitem__) if tails else ""


def write_geometry(display: gpd.GeoDataFrame, folder: Path) -> str:
    """Write the display geometry once as GeoJSON into `folder`; returns the file name.

    Each feature carries `gebiet_id`, `name` and `label` (a point inside the area for its name).
    """
    frame = display[["gebiet_id", "name", "geometry"]].copy()
    points = display.geometry.representative_point()
    frame["label"] = [[round(p.x, 5), round(p.y, 5)] for p in points]
    return write_static(frame.to_json(drop_id=True, separators=(",", ":")), "gebiete", folder)


def write_static(text: str, prefix: str, folder: Path) -> str:
    """Write `text` once as `<prefix>-<hash>.json` into `folder`, and beside it the same gzip-compressed
    as `<name>.gz`; returns the name of the `.json` file.

    The name carries a content hash, so browsers may cache it and a change of the data gives a new
    URL; written under a temporary name first, so no reader sees half a file. Maps load the `.gz`
    file and unpack it in the browser (static/karte/karte.js): Streamlit serves it as it is, where it
    would compress the `.json` again for every visitor (about 0.2 s of server time for the 7 MB of
    11,000 areas, in which the server answers nobody else).
    """
    data = text.encode()
    name = f"{prefix}-{hashlib.sha256(data).hexdigest()[:16]}.json"
    folder.mkdir(parents=True, exist_ok=True)
    for path, content in (
        (folder / f"{name}.gz", lambda: gzip.compress(data, 6, mtime=0)),
        (folder / name, lambda: data),
    ):
        if not path.exists():
            tmp = path.with_name(f"{path.name}.{id(text)}.tmp")
            tmp.write_bytes(content())
            tmp.replace(path)
    return name


def map_base(
    url: str,
    bounds: tuple[float, float, float, float],
    height: int,
    labels: bool = True,
    tiles: str = "",
    attribution: str = "",
    canvas: bool = False,
    facilities: dict | None = None,
    lang: str = SOURCE,
) -> dict:
    """The part of the map that stays the same across reruns (static/karte/karte.js builds it once).

    `tiles` is an optional basemap URL from the settings; empty means none, so the map asks
    no outside server for anything. `canvas` draws the areas on one canvas (for many areas);
    `facilities` comes from `facilities.facilities_style`.
    """
    return {
        "url": url,
        "bounds": [float(v) for v in bounds],
        "height": int(height),
        "namen": bool(labels),
        "kacheln": tiles,
        "kacheln_attribution": attribution,
        "canvas": bool(canvas),
        "einrichtungen": facilities,
        "fehlend": MISSING_COLOUR,
        "leaflet": LEAFLET_PREFIX,
        **({"texte": map_texts(lang)} if lang != SOURCE else {}),
    }


MAP_TEXTS = {  # the map script's own words (static/karte/karte.js), German there as its default
    "legende": N_("Legende"),
    "vergroessern": N_("Vergrößern"),
    "verkleinern": N_("Verkleinern"),
    "gebiet": N_("Gebiet"),
    "rang": N_("Rang"),
    "stand": N_("Datenstand"),
    "keine": N_("keine Angabe"),
    "fehler": N_("Die Gebietsgrenzen konnten nicht geladen werden. Bitte die Seite neu laden."),
    "einrichtung": N_("Einrichtung"),
    "art": N_("Art"),
}


def map_texts(lang: str) -> dict[str, str]:
    t = Translator(lang)
    return {key: t(text) for key, text in MAP_TEXTS.items()}


def style_payload(
    table: pd.DataFrame,
    colours: dict[str, str],
    meta: pd.Series | dict,
    title: str,
    legend: str,
    selected: str | None = None,
    diff_title: str = "Differenz zur Stadt",
    dim_others: bool = False,
    lang: str = SOURCE,
) -> dict:
    """Everything that changes with the view, as plain JSON-able data (unit-testable); value texts and
    titles in `lang` (the notes of withheld values are German data: other languages say only 'no value')."""
    unit, decimals = str(meta["einheit"]), int(meta["dezimalstellen"])
    if lang != SOURCE:
        return _translated_payload(table, colours, meta, title, legend, selected, dim_others, Translator(lang))
    values, notes = {}, {}
    for row in table.itertuples(index=False):
        if pd.isna(row.wert):
            note = getattr(row, "anmerkung", None)
            notes[row.gebiet_id] = f"keine Angabe ({note})" if isinstance(note, str) and note else "keine Angabe"
            continue
        rank = f"{row.rang} von {row.anzahl}" if pd.notna(row.rang) else "–"
        diff = format_signed(row.differenz, unit, decimals) if pd.notna(row.differenz) else "–"
        values[row.gebiet_id] = [format_value(row.wert, unit, decimals, MINUS), rank, diff]
    return _payload(colours, values, notes, title, diff_title, meta, legend, selected, dim_others)


def _translated_payload(
    table: pd.DataFrame,
    colours: dict[str, str],
    meta: pd.Series | dict,
    title: str,
    legend: str,
    selected: str | None,
    dim_others: bool,
    t: Translator,
) -> dict:
    unit, decimals = str(meta["einheit"]), int(meta["dezimalstellen"])
    values, notes = {}, {}
    for row in table.itertuples(index=False):
        if pd.isna(row.wert):
            notes[row.gebiet_id] = t("keine Angabe")
            continue
        rank = t("{rang} von {anzahl}", rang=t.decimal(row.rang, 0), anzahl=t.decimal(row.anzahl, 0))
        diff = t.signed(row.differenz, unit, decimals) if pd.notna(row.differenz) else "–"
        values[row.gebiet_id] = [t.value(row.wert, unit, decimals), rank if pd.notna(row.rang) else "–", diff]
    return _payload(colours, values, notes, title, t("Differenz zur Stadt"), meta, legend, selected, dim_others)


def _payload(
    colours: dict, values: dict, notes: dict, title: str, diff_title: str, meta, legend: str, selected, dim: bool
) -> dict:
    return {
        "farben": colours,
        "werte": values,
        "hinweise": notes,
        "titel": title,
        "diff_titel": diff_title,
        "stand": str(meta["datenstand"]),
        "legende": legend,
        "auswahl": selected,
        "dimmen": dim,
    }


def switch_variants(
    bundle: Bundle,
    current: str,
    options: MapOptions,
    ids: Sequence[str],
    labels: dict[str, str],
    legend_suffix: str = "",
    years_from: Bundle | None = None,
) -> dict:
    """Every other indicator's payload for the same view, so the map can recolour the moment one is
    picked, before the page's rerun arrives with the same payload (then nothing changes).

    Only indicators the rerun would show with these very options: with values in the year shown (the
    page keeps a chosen year that the new indicator offers too) and of the same kind (the social index
    brings a method column that moves the map).
    `labels` maps indicator id → its text in the picker, as the map reads it from the page;
    `years_from` is the bundle whose years the page offers (all geometry versions of the level).
    """
    catalogue = bundle.catalogue
    years = indicator_years(years_from or bundle)
    kind = _is_index(current)
    payloads: dict[str, dict] = {}
    for indikator in catalogue.index:
        if options.year not in years.get(indikator, ()) or _is_index(indikator) != kind:
            continue
        payload = view_payload(map_view(bundle, indikator, options), catalogue.loc[indikator])
        payload["legende"] += legend_suffix
        payload["indikator"] = indikator
        payloads[indikator] = compact_payload(payload, ids)
    return {"labels": {labels[i]: i for i in payloads if i in labels}, "payloads": payloads}


def view_payload(view: MapView, meta: pd.Series, selected: str | None = None, lang: str = SOURCE) -> dict:
    """The map's payload for one indicator's view (`meta`: its catalogue row), texts in `lang`."""
    colours = class_colours(view.table, view.classes)
    meta = {**meta.to_dict(), "einheit": view.unit}
    return style_payload(view.table, colours, meta, view.value_title, view.legend, selected, lang=lang)


def indicator_years(bundle: Bundle) -> dict[str, tuple[int, ...]]:
    """Indicator id → the years with values (what the page's year choice offers)."""
    pairs = bundle.values[["indikator_id", "jahr"]].drop_duplicates()
    return {str(i): tuple(sorted(int(y) for y in g["jahr"])) for i, g in pairs.groupby("indikator_id", sort=False)}


def _is_index(indikator: str) -> bool:
    return indikator in INDEX_IDS


def areas_payload(gebiete: Iterable[str], colour: str = MARKED, others: str = UNMARKED, citywide: bool = False) -> dict:
    """Payload of a map that shows where, not how much: `gebiete` dark, all others light grey (with
    `citywide` every area dark), the tooltip only names the area, no legend. Costs a few hundred
    bytes instead of sending the whole geometry (the geometry file is the map page's, already in the
    browser's cache)."""
    if citywide:
        gebiete, others = (), colour
    return {
        "farben": dict.fromkeys(gebiete, colour),
        "werte": {},
        "hinweise": {},
        "titel": "",
        "diff_titel": "",
        "stand": "",
        "legende": "",
        "auswahl": None,
        "dimmen": False,
        "grund": others,
        "nur_name": True,
        "zoom": False,
    }


def locator_payload(gebiet: str, colour: str = MARKED, others: str = UNMARKED) -> dict:
    """Payload of a locator map: `gebiet` dark and outlined, all others light grey; among many small
    areas the map zooms to the area's surroundings."""
    return {**areas_payload([gebiet], colour, others), "auswahl": gebiet, "zoom": True}


def class_colours(table: pd.DataFrame, classes: Classes) -> dict[str, str]:
    """Area id → colour of its class; areas without value get none (drawn as missing)."""
    return {
        gebiet: classes.colours[label]
        for gebiet, label in zip(table["gebiet_id"], classes.labels, strict=True)
        if label >= 0
    }


def payload_size(payload: dict) -> int:
    return len(json.dumps(payload, separators=(",", ":")))
