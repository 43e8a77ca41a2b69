"""Data loading and caching, in one place: one bundle per data folder and file state,
shared by all sessions of the process (st.cache_resource, no copies per session).

The map geometry is prepared once per data state and code version and kept on disk: the static
GeoJSON file the maps load by URL, plus a small index (bounds, feature order). A restarted or
second app process finds both and neither recomputes the simplification nor holds the simplified
geometry in memory for the map page (see docs/leistung.md).
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pyarrow as pa
import streamlit as st

from sozialraum import Bundle, fastmap, geo, load_bundle
from sozialraum.fastmap import write_geometry
from sozialraum.geo import display_geometry
from sozialraum.settings import REPO_ROOT, resolve_data_dir
from sozialraum.sozialindex import with_index

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
def _load(folder: str, stamp: tuple) -> Bundle:  # noqa: ARG001 - stamp is the cache key
    # the social index as indicators ([sozialindex] in einstellungen.toml), once per process, from the
    # already-suppressed values
    bundle = with_index(load_bundle(folder))
    _release_memory()
    return bundle


def _index_path(folder: str, stamp: tuple, level: str | None) -> Path:
    key = hashlib.sha256(repr((folder, stamp, level, _CODE_VERSION)).encode()).hexdigest()[:16]
    return GEOMETRY_CACHE / f"index-{key}.json"


def _read_index(folder: str, stamp: tuple, level: str | None) -> GeometryInfo | None:
    try:
        data = json.loads(_index_path(folder, stamp, level).read_text(encoding="utf-8"))
        if not (GEOMETRY_CACHE / data["file"]).is_file():
            return None
        return GeometryInfo(f"{GEOMETRY_URL}/{data['file']}", tuple(data["bounds"]), tuple(data["ids"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


@st.cache_resource(show_spinner=False, max_entries=8)
def _display(folder: str, stamp: tuple, level: str | None = None) -> gpd.GeoDataFrame:
    info = _read_index(folder, stamp, level)
    if info is not None:  # written before (maybe by another process): read it rather than recompute
        frame = gpd.read_file(GEOMETRY_CACHE / info.url.rsplit("/", 1)[1], engine="pyogrio")
        frame = frame[["gebiet_id", "name", "geometry"]].set_crs(geo.WGS84, allow_override=True)
    else:
        frame = display_geometry(_load(folder, stamp).at_level(level).areas)
    _release_memory()
    return frame


@st.cache_resource(show_spinner=False, max_entries=8)
def _geometry_info(folder: str, stamp: tuple, level: str | None = None) -> GeometryInfo:
    info = _read_index(folder, stamp, level)
    if info is not None:
        return info
    display = display_geometry(_load(folder, stamp).at_level(level).areas)
    name = write_geometry(display, GEOMETRY_CACHE)
    minx, miny, maxx, maxy = (float(v) for v in display.total_bounds)
    ids = [str(g) for g in display["gebiet_id"]]
    index = _index_path(folder, stamp, level)
    tmp = index.with_suffix(f".{id(ids)}.tmp")
    tmp.write_text(json.dumps({"file": name, "bounds": [minx, miny, maxx, maxy], "ids": ids}), encoding="utf-8")
    tmp.replace(index)
    del display
    _release_memory()
    return GeometryInfo(f"{GEOMETRY_URL}/{name}", (minx, miny, maxx, maxy), tuple(ids))


def get_bundle() -> Bundle:
    folder = resolve_data_dir()
    return _load(str(folder), _stamp(folder))


def get_display_geometry(level: str | None = None) -> gpd.GeoDataFrame:
    """Simplified geometry of one level (default: the main level), computed once per process."""
    folder = resolve_data_dir()
    return _display(str(folder), _stamp(folder), level)


def get_geometry_info(level: str | None = None) -> GeometryInfo:
    """URL, bounds and feature order of a level's geometry file, written once per data state."""
    folder = resolve_data_dir()
    return _geometry_info(str(folder), _stamp(folder), level)


def get_geometry_url(level: str | None = None) -> str:
    """URL of the display geometry of a level, written once per data state into the static folder."""
    return get_geometry_info(level).url
