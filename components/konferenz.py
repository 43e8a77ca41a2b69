"""The conference mode's process-wide state in Streamlit: the store, the agendas, the slide contents shared
by all sessions, and the addresses phones use. The frame is `konferenz_frame`, the slides `konferenz_slides`,
cards and votes `konferenz_karten`/`konferenz_abstimmung`; domain logic lives in `sozialraum.konferenz`.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st

from sozialraum import Bundle
from sozialraum.konferenz import phone_vote
from sozialraum.konferenz.agenda import Agenda, Known, ParseResult, read_all
from sozialraum.konferenz.slides import SlideContent, build_slide
from sozialraum.konferenz.store import Store

from .data import get_bundle

PUBLIC_URL_ENV = "SOZIALRAUM_PUBLIC_URL"
DEVICE_COOKIE = phone_vote.DEVICE_COOKIE

# --- data --------------------------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def get_store() -> Store:
    """One store (connection pool) per process; SQLite file or $SOZIALRAUM_DB_URL."""
    return Store()


def _agenda_stamp(folder: Path) -> tuple:
    sub = folder / "konferenzen"
    if not sub.is_dir():
        return ()
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(sub.glob("*.toml")))


@st.cache_resource(show_spinner=False, max_entries=8)
def _agendas(folder: str, stamp: tuple, data_stamp: tuple) -> dict[str, ParseResult]:  # stamps are cache keys
    bundle = get_bundle()
    return read_all(Path(folder), Known.from_bundle(bundle))


def get_agendas(bundle: Bundle) -> dict[str, ParseResult]:
    """All agendas of the data folder (re-read when a file changes)."""
    return _agendas(str(bundle.folder), _agenda_stamp(bundle.folder), bundle.stamp)


# keyed by data folder, data state and agenda, never an object's id (reused once an old bundle is gone)
_CONTENT: OrderedDict[tuple, SlideContent] = OrderedDict()
_CONTENT_LOCK = threading.Lock()
_WARMING: OrderedDict[tuple, None] = OrderedDict()  # agendas whose slides are being or were computed
MAX_CONTENT, MAX_FIGURES, MAX_WARMING = 200, 100, 50


def _data_key(bundle: Bundle, agenda: Agenda) -> tuple:
    return (str(bundle.folder), bundle.stamp, repr(agenda))


def _content_key(bundle: Bundle, agenda: Agenda, index: int) -> tuple:
    return (*_data_key(bundle, agenda), index)


def slide_content(bundle: Bundle, agenda: Agenda, index: int) -> SlideContent:
    """The content of a slide, computed once per data state and agenda (shared by all sessions)."""
    key = _content_key(bundle, agenda, index)
    with _CONTENT_LOCK:
        if key in _CONTENT:
            _CONTENT.move_to_end(key)
            return _CONTENT[key]
    content = build_slide(bundle, agenda, index, date.today())
    with _CONTENT_LOCK:
        _CONTENT[key] = content
        while len(_CONTENT) > MAX_CONTENT:
            _CONTENT.popitem(last=False)
    return content


def prepare_all_slides(bundle: Bundle, agenda: Agenda) -> None:
    """Compute every slide of the agenda in a background thread, so switching only draws."""
    key = _data_key(bundle, agenda)
    with _CONTENT_LOCK:
        if key in _WARMING:
            return
        _WARMING[key] = None
        while len(_WARMING) > MAX_WARMING:
            _WARMING.popitem(last=False)

    def work() -> None:
        for index in range(len(agenda.slides)):
            slide_content(bundle, agenda, index)

    threading.Thread(target=work, name="folien-vorbereiten", daemon=True).start()


# --- addresses -------------------------------------------------------------------------


def base_url(agenda: Agenda | None = None) -> str:
    """Address phones in the room use: the agenda's `adresse`, $SOZIALRAUM_PUBLIC_URL, else this page's host."""
    if agenda is not None and agenda.adresse:
        return agenda.adresse
    configured = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    if configured:
        return configured
    url = st.context.url or ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "http://localhost:8501"


def voting_url(agenda: Agenda) -> str:
    """The light vote page where the server offers it (serve.py), else the Streamlit page."""
    if phone_vote.is_served():
        return base_url(agenda) + phone_vote.vote_path(agenda.id)
    return f"{base_url(agenda)}/Abstimmung?konferenz={agenda.id}"


def is_local_only(url: str) -> bool:
    return (urlsplit(url).hostname or "") in {"localhost", "127.0.0.1", "::1"}
