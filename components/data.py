"""Data loading and caching, in one place: one bundle per data folder and file state,
shared by all sessions of the process (st.cache_resource, no copies per session)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import streamlit as st

from sozialraum import Bundle, load_bundle
from sozialraum.fastmap import write_geometry
from sozialraum.geo import display_geometry
from sozialraum.settings import REPO_ROOT, resolve_data_dir

# served by Streamlit's static file serving (server.enableStaticServing), git-ignored
GEOMETRY_CACHE = REPO_ROOT / "static" / "cache"
GEOMETRY_URL = "/app/static/cache"


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """File names, sizes and modification times: a changed file means a fresh load."""
    if not folder.is_dir():
        return ()
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file())


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, stamp: tuple) -> Bundle:  # noqa: ARG001 - stamp is the cache key
    return load_bundle(folder)


@st.cache_resource(show_spinner=False, max_entries=8)
def _display(folder: str, stamp: tuple, level: str | None = None) -> gpd.GeoDataFrame:
    return display_geometry(_load(folder, stamp).at_level(level).areas)


def get_bundle() -> Bundle:
    folder = resolve_data_dir()
    return _load(str(folder), _stamp(folder))


def get_display_geometry(level: str | None = None) -> gpd.GeoDataFrame:
    """Simplified geometry of one level (default: the main level), computed once per process."""
    folder = resolve_data_dir()
    return _display(str(folder), _stamp(folder), level)


@st.cache_resource(show_spinner=False, max_entries=8)
def _geometry_file(folder: str, stamp: tuple, level: str | None = None) -> str:
    return write_geometry(_display(folder, stamp, level), GEOMETRY_CACHE)


def get_geometry_url(level: str | None = None) -> str:
    """URL of the display geometry of a level, written once per data state into the static folder."""
    folder = resolve_data_dir()
    return f"{GEOMETRY_URL}/{_geometry_file(str(folder), _stamp(folder), level)}"
