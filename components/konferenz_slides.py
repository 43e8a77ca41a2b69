"""The conference slides on the projector: heading, tiles, lists, tables, the map and chart stages."""

from __future__ import annotations

import html
from collections import OrderedDict

import pandas as pd
import streamlit as st

from sozialraum import Bundle
from sozialraum.compare_figures import ranking_figure
from sozialraum.figures import trend_figure
from sozialraum.i18n import language
from sozialraum.konferenz.agenda import Agenda
from sozialraum.konferenz.slide_headings import heading_html
from sozialraum.konferenz.slides import SlideContent
from sozialraum.plot_config import plot_config

from .konferenz import _CONTENT_LOCK, MAX_FIGURES, _content_key, slide_content
from .views import show_choropleth


def slide_header(bundle: Bundle, agenda: Agenda, content: SlideContent) -> None:
    when = agenda.datum.strftime("%d.%m.%Y")
    st.html(
        f"<div class='sr-kopf'><span class='sr-titel'>{html.escape(agenda.titel)} · {when} · "
        f"{html.escape(agenda.ort)}</span><span class='sr-zaehler' data-testid='sr-folienzaehler'>"
        f"Folie {content.number} / {content.total}</span></div>"
    )
    st.title(content.heading, anchor=False)
    if agenda.zweitsprache and content.heading_key is not None:
        second_line(agenda, heading_html(bundle, content.heading_key, agenda.zweitsprache))


def second_line(agenda: Agenda, body: str) -> None:
    """A heading or hint once more in the conference's second language (`zweitsprache`), smaller, with that
    language's `lang` and `dir` (Arabic right to left); `body` is HTML."""
    lang = language(agenda.zweitsprache)
    st.html(f'<p class="sr-zweitsprache" lang="{lang.html_lang}" dir="{lang.direction}">{body}</p>')


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
