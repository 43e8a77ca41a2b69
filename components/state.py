"""Selections that live in the URL (indicator, year, area …), so a link reproduces the view.

Order of precedence when a page opens: the URL, then the session's last choice (carried
across pages), then the default. Every change is written back to the URL at once.

The browser's Back and Forward buttons step through the choices: a run that Streamlit starts for
them takes the values from the URL (not from the widgets), and `_HISTORY` keeps the browser's
history to one entry per choice (Streamlit adds one per changed parameter).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from .streamlit_internals import html_with_script, is_history_navigation, page_script_hash, run_marker

_MEMORY = "_auswahl"  # not a widget key, so it survives page switches
SHARED_KEYS = ("indikator", "jahr", "gebiet")


def _widget_key(key: str) -> str:
    """Widget keys are per page: Streamlit drops a widget's state when another page draws a
    widget with the same key but another label, so the session memory carries choices across."""
    page = page_script_hash()[:8]
    return f"w_{key}_{page}"


# Streamlit pushes a history entry for every change of the URL's parameters: a page's first run,
# which fills in the defaults one by one, left seven entries that Back stepped through without a
# visible change. Same page: a push that only adds parameters, or a second push in the same run, replaces.
_HISTORY = """<script>(function () {
  if (window.__srHistory) { return; }
  window.__srHistory = true;
  const push = history.pushState.bind(history);
  let pushedInRun = false;
  new MutationObserver(function () {
    const app = document.querySelector('[data-testid="stApp"]');
    if (app && app.getAttribute("data-test-script-state") === "running") { pushedInRun = false; }
  }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ["data-test-script-state"]});
  function onlyAdds(from, to) {
    for (const [key, value] of from.searchParams) { if (to.searchParams.get(key) !== value) { return false; } }
    return true;
  }
  history.pushState = function (state, title, url) {
    const from = new URL(location.href), to = new URL(url, location.href);
    if (to.pathname !== from.pathname) { return push(state, title, url); }
    if (pushedInRun || onlyAdds(from, to)) { return history.replaceState(state, title, url); }
    pushedInRun = true;
    return push(state, title, url);
  };
})();</script>"""
_HISTORY_RUN = "_verlauf_lauf"  # the run that last sent the script (once per run is enough)


def install_history() -> None:
    """Keep the browser history to one entry per choice (once per run; early on every page)."""
    marker = run_marker()
    run = id(marker) if marker is not None else None
    if st.session_state.get(_HISTORY_RUN) != run:
        st.session_state[_HISTORY_RUN] = run
        html_with_script(_HISTORY)


def _from_history(key: str, widget_key: str, options: Sequence[Any]) -> None:
    """Back/Forward: the URL's value wins over what the widget still holds."""
    wanted = st.query_params.get(key)
    texts = [str(o) for o in options]
    if is_history_navigation() and wanted is not None and wanted in texts:
        st.session_state[widget_key] = options[texts.index(wanted)]


def _memory() -> dict[str, str]:
    return st.session_state.setdefault(_MEMORY, {})


def _initial(key: str, options: Sequence[str], default: str | None) -> str | None:
    for candidate in (st.query_params.get(key), _memory().get(key)):
        if candidate in options:
            return candidate
    return default if default in options else (options[0] if options else None)


def widget_class(key: str) -> str:
    """The CSS class Streamlit gives the element of the URL-bound widget `key` on this page."""
    return f"st-key-{_widget_key(key)}"


def url_selectbox(
    label: str,
    options: Sequence[Any],
    key: str,
    default: Any = None,
    format_func: Callable[[Any], str] = str,
    container: Any = None,
    **kwargs: Any,
) -> Any:
    """A selectbox whose value is the URL parameter `key` (options compared as text)."""
    texts = [str(o) for o in options]
    widget_key = _widget_key(key)
    _from_history(key, widget_key, options)
    pending = st.session_state.pop(f"_pending_{key}", None)
    if pending is not None and str(pending) in texts:
        st.session_state[widget_key] = options[texts.index(str(pending))]
    current = st.session_state.get(widget_key)
    initial = _initial(key, texts, None if default is None else str(default))
    index = 0
    if current is None:
        # Not drawn yet in this session: the start value goes in as the widget's default, not into
        # its state, so a value the browser already holds wins (a browser that reconnected to another
        # instance sends its selection with the first rerun of a session the instance did not know).
        index = texts.index(initial) if initial is not None else None
    elif str(current) not in texts:  # the options changed under the widget (another level, year …)
        st.session_state[widget_key] = options[texts.index(initial)] if initial is not None else None
    box = container or st
    value = box.selectbox(label, options, index=index, key=widget_key, format_func=format_func, **kwargs)
    remember(key, value)
    return value


def url_multiselect(
    label: str,
    options: Sequence[str],
    key: str,
    default: Sequence[str],
    format_func: Callable[[Any], str] = str,
    container: Any = None,
    **kwargs: Any,
) -> list[str]:
    """A multiselect stored as a comma-separated URL parameter."""
    widget_key = _widget_key(key)
    if is_history_navigation() and key in st.query_params:
        st.session_state[widget_key] = [v for v in st.query_params[key].split(",") if v in options]
    start = None
    if widget_key not in st.session_state:  # as in url_selectbox: a default, so the browser's value wins
        start = [v for v in chosen_many(key) if v in options] or [d for d in default if d in options]
    box = container or st
    value = box.multiselect(label, options, default=start, key=widget_key, format_func=format_func, **kwargs)
    remember(key, ",".join(value))
    return value


def remember(key: str, value: Any) -> None:
    """Put a selection into the URL and the session memory."""
    text = "" if value is None else str(value)
    _memory()[key] = text
    install_history()
    if st.query_params.get(key) != text:
        st.query_params[key] = text


def shared_params() -> dict[str, str]:
    """The selections that travel with the navigation links to other pages."""
    memory = _memory()
    return {k: memory[k] for k in SHARED_KEYS if memory.get(k)}


def expected_shared_params() -> dict[str, str]:
    """`shared_params` as this run's widgets will most likely leave them, before they are drawn: a choice
    the visitor just made is already in its widget's state (`chosen`). The navigation drawn at the top
    with these needs no second drawing at the end of the run unless a widget still changes a value."""
    return {k: value for k in SHARED_KEYS if (value := chosen(k))}


def set_selection(key: str, value: str) -> None:
    """Change a selection from outside its widget (e.g. a click on the map); rerun afterwards.

    Streamlit forbids changing a widget's state once it is drawn, so the value waits under
    a pending key and is applied before the widget is drawn in the next run.
    """
    st.session_state[f"_pending_{key}"] = value
    remember(key, value)


def chosen(key: str) -> str | None:
    """What the URL-bound widget `key` will show in this run, before it is drawn: a pending choice
    (a click on the map), the widget's own state, else the URL or the session memory."""
    pending = st.session_state.get(f"_pending_{key}")
    if pending is not None:
        return str(pending) or None
    widget_key = _widget_key(key)
    if widget_key in st.session_state:
        value = st.session_state[widget_key]
        return None if value in (None, "") else str(value)
    return current(key)


def chosen_many(key: str) -> list[str]:
    """As `chosen`, for a URL-bound multiselect: its state, else the URL, else the session memory."""
    widget_key = _widget_key(key)
    if widget_key in st.session_state:
        return [str(v) for v in st.session_state[widget_key] or []]
    raw = st.query_params.get(key) or _memory().get(key) or ""
    return [v for v in raw.split(",") if v]


def current(key: str) -> str | None:
    """The value of a selection without drawing its widget (URL first, then session memory)."""
    return st.query_params.get(key) or _memory().get(key) or None
