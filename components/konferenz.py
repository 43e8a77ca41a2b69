"""Streamlit parts of the conference mode: projector frame, slides, cards, voting widgets.

Domain logic lives in `sozialraum.konferenz`; this module only draws and caches.
"""

from __future__ import annotations

import html
import os
import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from sozialraum import Bundle
from sozialraum.compare_figures import ranking_figure
from sozialraum.figures import trend_figure
from sozialraum.konferenz import phone_vote
from sozialraum.konferenz.agenda import Agenda, Known, ParseResult, read_all
from sozialraum.konferenz.slides import SlideContent, build_slide
from sozialraum.konferenz.store import Store
from sozialraum.pages import title
from sozialraum.plot_config import plot_config
from sozialraum.settings import REPO_ROOT

from .auth import guard_page, mode_badge
from .data import get_bundle
from .streamlit_internals import html_with_script
from .views import show_choropleth

PUBLIC_URL_ENV = "SOZIALRAUM_PUBLIC_URL"
DEVICE_COOKIE = phone_vote.DEVICE_COOKIE
FAVICON = REPO_ROOT / "static" / "favicon.png"

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


# --- projector frame ----------------------------------------------------------------------

MODE_CORNER = "sr_ansicht"
PROJECTOR_CSS = """
<style>
  /* projector: no Streamlit chrome, large type, high contrast (body 32 px at 1920×1080) */
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stSidebarNav"], footer { display: none !important; }
  html { font-size: 32px; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"] { background: #ffffff; color: #000000; }
  [data-testid="stMainBlockContainer"] { padding: 1.2rem 2.2rem 0.2rem 2.2rem; max-width: 100%; }
  [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 32px; line-height: 1.35; }
  h1 { font-size: 56px !important; line-height: 1.1 !important; padding: 0 !important; color: #000; }
  h2, h3 { font-size: 36px !important; color: #000; }
  .sr-kopf { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem;
             border-bottom: 4px solid #1f5f8b; margin-bottom: 0.4rem; }
  .sr-kopf .sr-titel { font-size: 26px; color: #1b2631; font-weight: 600; }
  .sr-kopf .sr-zaehler { font-size: 28px; color: #000; font-weight: 700; white-space: nowrap; }
  /* 24 px is the smallest text on a slide (the rehearsal checks it): readable from the back row */
  .sr-quelle { font-size: 24px; line-height: 1.25; color: #222; border-top: 2px solid #767676; padding-top: 4px; }
  .sr-kacheln { display: grid; grid-template-columns: repeat(auto-fit, minmax(330px, 1fr)); gap: 14px; }
  .sr-kachel { border: 3px solid #1b2631; border-radius: 10px; padding: 8px 14px; background: #fff; }
  .sr-kachel .l { font-size: 26px; color: #1b2631; line-height: 1.2; }
  .sr-kachel .w { font-size: 44px; font-weight: 700; color: #000; line-height: 1.1; }
  .sr-kachel .s { font-size: 26px; color: #222; line-height: 1.25; }
  .sr-kachel.ungünstiger { border-color: #b03a0b; } .sr-kachel.günstiger { border-color: #1b7a2e; }
  .sr-liste { margin: 0; } .sr-liste li { font-size: 32px; margin-bottom: 0.2rem; line-height: 1.25; }
  .sr-tabelle { border-collapse: collapse; width: 100%; font-size: 28px; }
  .sr-tabelle th { text-align: left; border-bottom: 3px solid #000; padding: 6px 10px; }
  .sr-tabelle td { border-bottom: 1px solid #767676; padding: 4px 10px; vertical-align: top; color: #000;
                   line-height: 1.25; }
  .sr-tabelle td.kurz { white-space: nowrap; }
  .sr-karten { display: grid; grid-template-columns: repeat(4, 1fr); gap: 14px; }
  [data-testid="stForm"] { padding: 8px 16px; }
  .sr-spalte h2 { margin: 0 0 6px 0; font-size: 28px !important; padding: 0 !important; }
  /* two lines per card at 24 px (the full text is in the protocol and under Ergebnisse): 80 cards page */
  /* not .sr-karte: that is the map's frame (static/karte/karte.js), which took this border as a black bar */
  .sr-zettel { border-left: 10px solid; border-radius: 6px; padding: 4px 10px; margin-bottom: 6px;
              font-size: 24px; line-height: 1.2; color: #000; display: -webkit-box; -webkit-line-clamp: 2;
              -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere; }
  .sr-rang { font-size: 28px; }
  .sr-rang .balken { display: inline-block; height: 22px; background: #1f5f8b; vertical-align: middle;
                     margin-right: 8px; }
  .sr-legende { font-size: 26px; line-height: 1.25; color: #000; }
  .sr-legende span[style*="width:18px"] { width: 40px !important; height: 28px !important; flex: none; }
  [data-testid="stHeading"] { margin-bottom: 12px; }
  .sr-qr svg { width: 100%; height: auto; max-width: 420px; }
  .st-key-folie_pgdn, .st-key-folie_pgup, .st-key-folie_links, .st-key-folie_rechts { display: none !important; }
  /* hover toolbars (image full screen, chart menu) would pop up over the heading where the mouse rests */
  [data-testid="stElementToolbar"] { display: none !important; }
  [data-testid="stButton"] button { font-size: 26px; min-height: 60px; }
  [data-testid="stButton"] button p { font-size: 26px; }
  [data-testid="stWidgetLabel"] p { font-size: 24px !important; }
  input, textarea, [data-baseweb="select"] { font-size: 26px !important; }
  /* Streamlit's 1rem gaps would be 32 px here: a slide has to fit 1080 px including the buttons */
  [data-testid="stVerticalBlock"] { gap: 0.5rem; }
  [data-testid="stCaptionContainer"] { opacity: 1 !important; }
  [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { color: #222 !important; font-size: 26px; }
  [data-testid="stMain"] code { font-size: 1em; } /* default 0.75em: 19.5 px in a caption */
  .st-key-sr_ansicht { position: fixed; top: 4px; left: 2.2rem; z-index: 1000; width: auto !important; }
  .st-key-sr_ansicht, .st-key-sr_ansicht * { font-size: 24px !important; line-height: 1.1 !important; }
  /* map slide: one legend (the large one beside it), names readable from the back row, no zoom buttons */
  .st-key-kartenbuehne .sr-legend, .st-key-kartenbuehne .leaflet-control-zoom { display: none !important; }
  .st-key-kartenbuehne .sr-label > div { font: 700 24px/1.1 "Source Sans", sans-serif !important; }
  .st-key-kartenbuehne .leaflet-control-scale-line, .st-key-kartenbuehne .leaflet-control-attribution,
  .st-key-kartenbuehne .leaflet-control-attribution a { font-size: 24px !important; line-height: 1.2 !important; }
  .sr-vollbild { width: 100%; min-height: 60px; font: inherit; font-size: 26px; color: #1b2631; background: #fff;
                 border: 1px solid rgba(49, 51, 63, 0.3); border-radius: 0.5rem; cursor: pointer; }
  .sr-vollbild:hover { border-color: #1f5f8b; color: #1f5f8b; }
  .sr-vollbild:focus-visible, [data-testid="stButton"] button:focus-visible { outline: 3px solid #1f5f8b;
                 outline-offset: 2px; }
  /* a click focuses Streamlit's scroll area, whose inset shadow framed the slide grey after the next key */
  [data-testid="stMain"]::before { box-shadow: none !important; }
  @media (max-width: 1300px) { html { font-size: 24px; } }
</style>
"""


PHONE_CSS = """
<style>
  /* phones: nothing but the ballot */
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], footer { display: none !important; }
  html { font-size: 18px; }
  h1 { font-size: 2rem !important; }
  [data-testid="stMainBlockContainer"] { padding: 1rem 1rem 2rem 1rem; }
</style>
"""


def setup_projector(key: str) -> Bundle:
    """The page frame of the presentation (registry key `key`): no navigation, projector theme, the
    access check (moderators in the internal view); returns the bundle."""
    bundle = get_bundle()
    st.set_page_config(
        page_title=f"{title(key)} · {bundle.settings.titel}",
        page_icon=str(FAVICON),
        layout="wide",
        initial_sidebar_state="collapsed",
    )
    st.html(PROJECTOR_CSS)
    # the view is named once, small in the top corner (not in the hidden sidebar, not as a row of its own)
    with st.container(key=MODE_CORNER):
        mode_badge(bundle.settings)
    guard_page(bundle.settings, key, badge=False)
    return bundle


def setup_phone(key: str) -> Bundle:
    """The page frame of the voting page on phones (registry key `key`): nothing but the ballot; open
    to everyone in the room (the page accepts ballots only while a moderator has a vote open)."""
    bundle = get_bundle()
    st.set_page_config(
        page_title=title(key), page_icon=str(FAVICON), layout="centered", initial_sidebar_state="collapsed"
    )
    # no "Interne Ansicht" badge: a phone in the room votes, whichever instance the QR code points to
    guard_page(bundle.settings, key, badge=False)
    st.html(PHONE_CSS)
    return bundle


# The Fullscreen API needs the click itself (a user gesture), so the button is plain HTML with a
# listener in the page, not an st.button (whose click only reaches Python). No single-key shortcut
# such as "F" (WCAG 2.1.4); F11 and Escape work as in every browser.
FULLSCREEN_HTML = """<button type="button" class="sr-vollbild" data-testid="sr-vollbild" aria-pressed="false">
Vollbild</button>
<script>
(() => {
  const label = () => document.querySelectorAll('.sr-vollbild').forEach((button) => {
    const on = !!document.fullscreenElement;
    button.textContent = on ? 'Vollbild beenden' : 'Vollbild';
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    button.hidden = !document.fullscreenEnabled;
  });
  if (!window.__srVollbild) {
    window.__srVollbild = true;
    document.addEventListener('click', (event) => {
      if (!event.target.closest || !event.target.closest('.sr-vollbild')) return;
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
    });
    document.addEventListener('fullscreenchange', label);
  }
  label();
})();
</script>"""


# Button callbacks live here, not on the page: Streamlit keeps a callback until the next rerun, and a
# function defined on a page would keep that page's whole namespace alive in every open session.
def step_slide(step: int, total: int) -> None:
    """Move `step` slides from the one shown now (clamped to the agenda); the URL keeps it.

    Counted from the URL at the press, not from the page as drawn: two quick presses on a clicker,
    the second before the page of the first has arrived, move two slides.
    """
    try:
        current = int(st.query_params.get("folie", "1"))
    except ValueError:
        current = 1
    st.query_params["folie"] = str(min(max(current + step, 1), total))


def restructure_draft(action: str, index: int, art: str = "") -> None:
    """Move a slide of the agenda being prepared up or down, remove it, or append a new one of kind `art`."""
    slides = st.session_state["_entwurf"]["slides"]
    if action == "hoch" and index > 0:
        slides[index - 1], slides[index] = slides[index], slides[index - 1]
    elif action == "runter" and index < len(slides) - 1:
        slides[index + 1], slides[index] = slides[index], slides[index + 1]
    elif action == "weg":
        slides.pop(index)
    elif action == "neu":
        slides.append({"art": art, "titel": "", "params": {}})
    st.session_state["_entwurf_gen"] = st.session_state.get("_entwurf_gen", 0) + 1


def fullscreen_button() -> None:
    """'Vollbild' / 'Vollbild beenden': the whole page on the projector, without the browser's bars."""
    html_with_script(FULLSCREEN_HTML)


def slide_header(agenda: Agenda, content: SlideContent) -> None:
    when = agenda.datum.strftime("%d.%m.%Y")
    st.html(
        f"<div class='sr-kopf'><span class='sr-titel'>{html.escape(agenda.titel)} · {when} · "
        f"{html.escape(agenda.ort)}</span><span class='sr-zaehler' data-testid='sr-folienzaehler'>"
        f"Folie {content.number} / {content.total}</span></div>"
    )
    st.title(content.heading, anchor=False)


def source_footer(content: SlideContent) -> None:
    st.html(f"<div class='sr-quelle'>{html.escape(content.source)}</div>")


def big_figure(fig, height: int = 640):
    """A plotly figure readable from the back row."""
    fig.update_layout(
        title_text="",  # the slide's heading names it; the title would sit on the legend
        font=dict(size=24, color="#000000"),
        height=height,
        margin=dict(l=20, r=30, t=70, b=20),
        legend=dict(font=dict(size=24)),
    )
    fig.update_traces(line_width=5, marker_size=12, selector=dict(type="scatter"))  # thin lines vanish on a projector
    return fig


# --- slides ---------------------------------------------------------------------------------


def _city_and_rating(city: str, tile: dict) -> str:
    """'Gera gesamt: 14,5 % · ungünstiger': the city part only where there is a city value; a tile said in
    words (the Statusindex) explains itself instead."""
    if tile.get("hinweis"):
        return html.escape(tile["hinweis"])
    parts = [f"{html.escape(city)}: {html.escape(tile['stadt'])}"] if tile["stadt"] else []
    if tile["bewertung"] != "neutral":
        parts.append(html.escape(tile["bewertung"]))
    return " · ".join(parts)


def draw_slide(bundle: Bundle, agenda: Agenda, content: SlideContent, moderator: bool = True) -> None:
    """Draw the body of one slide (between header and source line)."""
    data = content.data
    art = content.art
    if art == "steckbrief":
        tiles = "".join(
            f"<div class='sr-kachel {html.escape(t['bewertung'])}'><div class='l'>{html.escape(t['label'])} "
            f"{t['jahr']}</div><div class='w'>{html.escape(t['wert'])}</div>"
            f"<div class='s'>{_city_and_rating(bundle.settings.gesamtstadt_name, t)}</div></div>"
            for t in data["tiles"]
        )
        st.html(f"<div class='sr-kacheln'>{tiles}</div>")
        left, right = st.columns(2)
        with left:
            st.header("Stärken", anchor=False)
            _html_list(data["staerken"], data["keine_staerken"])
        with right:
            st.header("Herausforderungen", anchor=False)
            _html_list(data["herausforderungen"], data["keine_herausforderungen"])
    elif art in ("karte", "vergleich"):
        pass  # drawn by `map_stage` / `chart_stage`, which stay on the page across slides
    elif art == "entwicklung":  # the chart above is drawn by `chart_stage`
        if content.figures:
            st.markdown(content.figures[0])
    elif art in ("massnahmen", "aenderungen"):
        for sentence in content.figures:
            st.markdown(sentence)
        table: pd.DataFrame = data["table"]
        if not table.empty:
            shown = table.head(5)  # more rows do not fit 1080 px at 32 px type
            st.html(_html_table(shown))
            if len(table) > len(shown):
                st.markdown(f"… und {len(table) - len(shown)} weitere (vollständig im Protokoll und auf „Sozialplan“).")
    elif art == "erfassung":
        from .konferenz_karten import capture_slide

        capture_slide(bundle, agenda.id, content.number, moderator)
    elif art == "abstimmung":
        from .konferenz_abstimmung import voting_panel

        voting_panel(agenda, content)


MAP_STAGE = "kartenbuehne"
CHART_STAGE = "diagrammbuehne"
CHART_ARTS = ("entwicklung", "vergleich")


def _hide(key: str) -> str:
    """Off screen, but as wide as when shown: the map or chart keeps its size and is not drawn anew.
    Invisible also to screen readers and the Tab key (visibility), not only to the eye."""
    # the wrapper Streamlit puts around a container would stay in the flow with zero height and add a gap
    return (
        f"<style>.st-key-{key} {{ position: absolute !important; left: -30000px !important; top: 0; "
        f"width: calc(100vw - 4.4rem); visibility: hidden; }} "
        f"[data-testid='stLayoutWrapper']:has(> .st-key-{key}) "
        "{ display: contents; }</style>"
    )


def _show(key: str) -> str:
    return f"<style>/* {key}: sichtbar */</style>"


_FIGURES: OrderedDict[tuple, object] = OrderedDict()


def chart_figure(bundle: Bundle, agenda: Agenda, index: int):
    """The projector chart of a trend or comparison slide, built once per data state and agenda."""
    key = _content_key(bundle, agenda, index)
    with _CONTENT_LOCK:
        if key in _FIGURES:
            return _FIGURES[key]
    content = slide_content(bundle, agenda, index)
    data = content.data
    if content.art == "entwicklung":
        fig = big_figure(trend_figure(data["trend"], data["names"], data["title"], data["unit"], data["decimals"]), 600)
    else:
        fig = ranking_figure(
            data["ranked"], data["reference"], data["title"], data["unit"], data["decimals"], data["city_name"]
        )
        fig = big_figure(fig, 640)
    with _CONTENT_LOCK:
        _FIGURES[key] = fig
        while len(_FIGURES) > MAX_FIGURES:
            _FIGURES.popitem(last=False)
    return fig


def chart_stage(bundle: Bundle, agenda: Agenda, content: SlideContent) -> None:
    """Every chart of the agenda stays on the page, off screen unless its slide is shown: the browser
    draws each chart once, and switching to a chart slide only moves it into view."""
    for index, slide in enumerate(agenda.slides):
        if slide.art not in CHART_ARTS:
            continue
        key = f"{CHART_STAGE}_{index}"
        st.html(_show(key) if index == content.number - 1 else _hide(key))
        with st.container(key=key):
            st.plotly_chart(
                chart_figure(bundle, agenda, index),
                config=plot_config(static=True),
                key=f"folie_diagramm_{index}",
                theme=None,
            )


def map_stage(bundle: Bundle, agenda: Agenda, content: SlideContent) -> None:
    """The presentation's one map, on every slide at the same place (hidden off screen on other
    slides): it loads Leaflet and the geometry once, and a map slide only sends new colours."""
    maps = [i for i, s in enumerate(agenda.slides) if s.art == "karte"]
    if not maps:
        return
    visible = content.art == "karte"
    shown = content if visible else slide_content(bundle, agenda, maps[0])
    if not visible:
        previous = st.session_state.get("_letzte_karte")
        if previous is not None and previous[0] == agenda.id and previous[1] in maps:
            shown = slide_content(bundle, agenda, previous[1])
    else:
        st.session_state["_letzte_karte"] = (agenda.id, content.number - 1)
    st.html(_show(MAP_STAGE) if visible else _hide(MAP_STAGE))
    with st.container(key=MAP_STAGE):
        left, right = st.columns([3, 1])
        with left:
            show_choropleth(shown.data["payload"], key="folie_karte", height=640, level=shown.data["level"])
        with right:
            if visible:
                st.markdown(content.figures[0] if content.figures else "")
                legend = shown.data["payload"].get("legende", "")
                if legend:  # the map's own legend is 12 px: unreadable from the back of the room
                    st.html(f"<div class='sr-legende'>{legend}</div>")
                st.caption("Hervorgehoben: der Sozialraum der Konferenz; die anderen Gebiete sind abgeblendet.")


def _html_list(items: list[str], empty: str) -> None:
    body = "".join(f"<li>{html.escape(i)}</li>" for i in items) or f"<li>{html.escape(empty)}</li>"
    st.html(f"<ul class='sr-liste'>{body}</ul>")


def _html_table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td{_short(v)}>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table class='sr-tabelle'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _short(value: object) -> str:
    """Short cells (status, progress, "im Gebiet") stay on one line; long ones wrap."""
    return " class='kurz'" if len(str(value)) <= 14 else ""
