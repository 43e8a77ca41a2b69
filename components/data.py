"""Data loading and caching, in one place: one bundle per data folder and file state,
shared by all sessions of the process (st.cache_resource, no copies per session).

The map geometry is prepared once per data state and code version and kept on disk: the static
GeoJSON file the maps load by URL, plus a small index (bounds, feature order). A restarted or
second app process finds both and does not simplify again. In memory the bundle keeps only the
simplified geometry, never the full one (see docs/leistung.md).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import streamlit as st

from sozialraum import Bundle, fastmap, geo, load_bundle
from sozialraum.facilities import facilities_geojson
from sozialraum.fastmap import compact_payload, switch_variants, view_payload, write_geometry, write_static
from sozialraum.geo import display_geometry
from sozialraum.levels import across_versions
from sozialraum.mapview import MapOptions, MapView, map_view
from sozialraum.search import picker_order
from sozialraum.settings import DATA_DIR_ENV, REPO_ROOT, resolve_data_dir
from sozialraum.sozialindex import INDEX_IDS, with_index

from .streamlit_internals import run_marker

# served by Streamlit's static file serving (server.enableStaticServing), git-ignored
GEOMETRY_CACHE = REPO_ROOT / "static" / "cache"
GEOMETRY_URL = "/app/static/cache"

# pyarrow's default pool (mimalloc) keeps freed buffers for itself; from the system allocator
# malloc_trim can hand them back (about 30 MB less resident memory at 11,000 areas).
pa.set_memory_pool(pa.system_memory_pool())


# The simplification and the file format live in these modules: a change to them is a new index.
_CODE = b"".join(Path(module.__file__).read_bytes() for module in (geo, fastmap))
_CODE_VERSION = hashlib.sha256(_CODE).hexdigest()[:12]


@dataclass(frozen=True)
class GeometryInfo:
    """What a map needs to know about its geometry file without loading the geometry."""

    url: str
    bounds: tuple[float, float, float, float]
    ids: tuple[str, ...]  # gebiet_id in the file's feature order


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """File names, sizes and modification times: a changed file means a fresh load."""
    if not folder.is_dir():
        return ()
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file())


def _release_memory() -> None:
    """Hand freed heap pages back to the system after a big load (glibc keeps them otherwise)."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL("libc.so.6").malloc_trim(0)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, stamp: tuple) -> Bundle:
    # the social index as indicators ([sozialindex] in einstellungen.toml), once per process, from the
    # already-suppressed values
    bundle = replace(_with_display_geometry(folder, stamp, with_index(load_bundle(folder))), stamp=stamp)
    for frame in {id(f): f for f in [bundle.values, *(v for _, v in bundle.levels.values())]}.values():
        _share_strings(frame)
    _release_memory()
    return bundle


def _share_strings(values: pd.DataFrame) -> None:
    """One string object per distinct id or note instead of one per row (about 12 MB less at
    11,000 areas); the columns stay plain object columns, so no code sees a difference."""
    for column in ("gebiet_id", "indikator_id", "anmerkung"):
        if column in values.columns and values[column].dtype == object:
            values[column] = values[column].astype("category").astype(object)


def _with_display_geometry(folder: str, stamp: tuple, bundle: Bundle) -> Bundle:
    """The bundle with each level's full geometry replaced by its display geometry.

    The full geometry is needed once, to simplify it; after that every map uses the simplified
    one (written to disk for the browser), so the process need not keep both: at 11,000 areas
    that is about 60 MB less for the life of the server.
    """
    swapped = {}
    for level in bundle.level_names:
        areas = bundle.at_level(level).areas
        display = _display_for(folder, stamp, level, areas)
        geometry = display.set_index("gebiet_id").geometry.reindex(areas["gebiet_id"])
        swapped[level] = areas.set_geometry(gpd.GeoSeries(geometry.to_numpy(), index=areas.index, crs=areas.crs))
    levels = {name: (swapped[name], values) for name, (_, values) in bundle.levels.items()}
    return replace(bundle, areas=swapped[bundle.main_level], levels=levels)


def _display_for(folder: str, stamp: tuple, level: str, areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A level's display geometry: read from the file written before (maybe by another process),
    else simplified now and written, with its index, for the browser."""
    info = _read_index(folder, stamp, level)
    if info is not None:
        frame = gpd.read_file(GEOMETRY_CACHE / info.url.rsplit("/", 1)[1], engine="pyogrio")
        return frame[["gebiet_id", "name", "geometry"]].set_crs(geo.WGS84, allow_override=True)
    display = display_geometry(areas)
    name = write_geometry(display, GEOMETRY_CACHE)
    minx, miny, maxx, maxy = (float(v) for v in display.total_bounds)
    ids = [str(g) for g in display["gebiet_id"]]
    index = _index_path(folder, stamp, level)
    tmp = index.with_suffix(f".{id(ids)}.tmp")
    tmp.write_text(json.dumps({"file": name, "bounds": [minx, miny, maxx, maxy], "ids": ids}), encoding="utf-8")
    tmp.replace(index)
    return display


def _index_path(folder: str, stamp: tuple, level: str) -> Path:
    key = hashlib.sha256(repr((folder, stamp, level, _CODE_VERSION)).encode()).hexdigest()[:16]
    return GEOMETRY_CACHE / f"index-{key}.json"


def _read_index(folder: str, stamp: tuple, level: str) -> GeometryInfo | None:
    try:
        data = json.loads(_index_path(folder, stamp, level).read_text(encoding="utf-8"))
        if not (GEOMETRY_CACHE / data["file"]).is_file():
            return None
        return GeometryInfo(f"{GEOMETRY_URL}/{data['file']}", tuple(data["bounds"]), tuple(data["ids"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@st.cache_resource(show_spinner=False, max_entries=8)
def _geometry_info(folder: str, stamp: tuple, level: str) -> GeometryInfo:
    info = _read_index(folder, stamp, level)
    if info is None:  # the cache folder was cleared while the process ran: write it again
        _display_for(folder, stamp, level, _load(folder, stamp).at_level(level).areas)
        info = _read_index(folder, stamp, level)
    if info is None:
        raise OSError(f"Kartengeometrie konnte nicht nach {GEOMETRY_CACHE} geschrieben werden.")
    return info


_first_use: list = [None]  # called with each bundle a page gets (components.warm.enable sets it)


def on_first_use(callback: Callable[[Bundle], object] | None) -> None:
    """Call `callback(bundle)` whenever a page gets the bundle (it must return at once; see components/warm.py)."""
    _first_use[0] = callback


def get_bundle() -> Bundle:
    bundle = _load(*data_state())
    if _first_use[0] is not None:
        _first_use[0](bundle)
    return bundle


_this_run = threading.local()  # the data state as read at the start of the script run of this thread


def data_state() -> tuple[str, tuple]:
    """The data folder and its content stamp: the key of everything computed once per data state.

    Read once per script run (a page asks about ten times): the profile of a page under load showed
    these settings reads, path resolutions and folder listings at a tenth of the run's time, since
    each file-system call lets the thread wait for the interpreter lock again. A file changed during
    a run is seen by the next run, as before.
    """
    marker = run_marker()  # new at the start of every run
    env = os.environ.get(DATA_DIR_ENV)
    memo = getattr(_this_run, "memo", None)
    if marker is not None and memo is not None and memo[0] is marker and memo[1] == env:
        return memo[2]
    folder = resolve_data_dir()
    state = (str(folder), _stamp(folder))
    if marker is not None:
        _this_run.memo = (marker, env, state)
    return state


def get_display_geometry(level: str | None = None) -> gpd.GeoDataFrame:
    """Simplified geometry of one level (default: the main level): the bundle keeps no other."""
    return get_bundle().at_level(level).areas[["gebiet_id", "name", "geometry"]]


def get_geometry_info(level: str | None = None) -> GeometryInfo:
    """URL, bounds and feature order of a level's geometry file, written once per data state."""
    folder, stamp = data_state()
    return _geometry_info(folder, stamp, level or _load(folder, stamp).main_level)


def get_geometry_url(level: str | None = None) -> str:
    """URL of the display geometry of a level, written once per data state into the static folder."""
    return get_geometry_info(level).url


@st.cache_resource(show_spinner=False, max_entries=8)
def _facilities_url(folder: str, stamp: tuple) -> str:
    facilities = _load(folder, stamp).facilities
    return f"{GEOMETRY_URL}/{write_static(facilities_geojson(facilities), 'einrichtungen', GEOMETRY_CACHE)}"


def get_facilities_url() -> str:
    """URL of the facilities' static file (for the map's points layer), written once per data state."""
    return _facilities_url(*data_state())


# A room at a conference, or the readers of a newspaper's link, open the same view one after another:
# its table and map colours are computed once, not once per visitor (at 11,000 areas about 0.1 s of
# server time, in which the server serves nobody's map files). Few entries: a view's table takes
# about 2 MB at 11,000 areas, its sent colours 0.2 MB.
@st.cache_resource(show_spinner=False, max_entries=4)
def _map_view(
    folder: str, stamp: tuple, level: str, indikator: str, options: MapOptions, _bundle: Bundle, lang: str = "de"
) -> MapView:
    return map_view(_bundle, indikator, options, lang)


def get_map_view(bundle: Bundle, indikator: str, options: MapOptions, lang: str = "de") -> MapView:
    """`mapview.map_view`, once per data state, view and language, shared by all sessions: never change it."""
    folder, stamp = data_state()
    return _map_view(folder, stamp, bundle.main_level, indikator, options, bundle, lang)


@st.cache_resource(show_spinner=False, max_entries=16)
def _view_payload(
    folder: str, stamp: tuple, level: str, indikator: str, options: MapOptions, _bundle: Bundle, lang: str = "de"
) -> dict:
    view = get_map_view(_bundle, indikator, options, lang)
    payload = view_payload(view, _bundle.catalogue.loc[indikator], lang=lang)
    return compact_payload(payload, get_geometry_info(level).ids)


def get_view_payload(
    bundle: Bundle, indikator: str, options: MapOptions, selected: str | None = None, lang: str = "de"
) -> dict:
    """The map colours of a view as sent (`fastmap.compact_payload`), once per data state, view and language."""
    folder, stamp = data_state()
    payload = _view_payload(folder, stamp, bundle.main_level, indikator, options, bundle, lang)
    return {**payload, "auswahl": selected}


@st.cache_resource(show_spinner=False, max_entries=8)
def _picker_order(folder: str, stamp: tuple, level: str, all_levels: bool, _bundle: Bundle) -> tuple:
    return picker_order(_bundle, all_levels)


def get_picker_order(bundle: Bundle, all_levels: bool = False) -> tuple[dict[str, str], tuple[str, ...]]:
    """Area names and the area pickers' order, sorted once per data state and level, not on every rerun
    (about 10 ms at 11,000 areas); shared by all sessions, so never change what it returns."""
    folder, stamp = data_state()
    return _picker_order(folder, stamp, bundle.main_level, all_levels, bundle)


# Recolour payloads of the other indicators (see fastmap.switch_variants): written by one background
# thread, so no page waits for them; the map fetches the file when it is there. Old files are removed.
VARIANTS_KEPT = 300
_variants_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kartenvarianten")
_variants_busy: set[str] = set()
_variants_lock = threading.Lock()
_log = logging.getLogger(__name__)


def switch_variants_url(
    level: str, years_level: str, current: str, options: MapOptions, labels: dict[str, str], legend_suffix: str
) -> str | None:
    """URL of the file with every indicator's payload for this view, once it is written; the first
    call starts writing it in the background and returns None (a later rerun passes the URL on)."""
    folder, stamp = data_state()
    key = repr((folder, stamp, _CODE_VERSION, level, years_level, current in INDEX_IDS, options))
    key += repr((legend_suffix, sorted(labels.items())))
    name = f"varianten-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"
    path = GEOMETRY_CACHE / name
    if path.exists():
        return f"{GEOMETRY_URL}/{name}"
    with _variants_lock:
        if name not in _variants_busy and not path.exists():  # not written meanwhile
            _variants_busy.add(name)
            bundle = _load(folder, stamp)
            years_from = across_versions(bundle, years_level)  # the years the page offers for the level
            ids = get_geometry_info(level).ids
            job = (bundle.at_level(level), current, options, ids, labels, legend_suffix, years_from)
            _variants_pool.submit(_write_variants, path, job)
    return None


def _write_variants(path: Path, job: tuple) -> None:
    try:
        shown, current, options, ids, labels, suffix, years_from = job
        data = switch_variants(shown, current, options, ids, labels, suffix, years_from=years_from)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)
        old = sorted(GEOMETRY_CACHE.glob("varianten-*.json"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-VARIANTS_KEPT]:
            stale.unlink(missing_ok=True)
    except Exception:  # the map then recolours with the rerun, as without the file
        _log.exception("Kartenvarianten %s nicht geschrieben", path.name)
    finally:
        with _variants_lock:
            _variants_busy.discard(path.name)
