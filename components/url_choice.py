"""A choice between a few named views (tabs, a segmented control) carried in the URL under a key that does not
depend on the page's language: the German label (`?trend=Alle+Gebiete`, `?vergleich=Streudiagramm`), so the
links of the German pages stay as they were, while the page shows the label in its own language.

Streamlit's own binding (`bind="query-params"`) writes the shown label into the URL: a link from the English
page (`?trend=All+areas`) opened the first tab in Arabic, and so did the language switcher. Here the URL holds
the German label, and a link that still carries the label of any shipped language opens the same view.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, TypeVar

import streamlit as st

from sozialraum.i18n import Translator, languages

from .sprache import t
from .state import install_history
from .streamlit_internals import is_history_navigation

V = TypeVar("V", bound=Hashable)


def option_for(value: str | None, names: Mapping[V, str]) -> V | None:
    """The option a URL value names: its German label (the key), the option itself, or its label in any shipped
    language (links written before the key was fixed); None for anything else."""
    if value is None:
        return None
    for option, german in names.items():
        if value in (german, str(option)):
            return option
    for code in languages():
        tr = Translator(code)
        for option, german in names.items():
            if tr(german) == value:
                return option
    return None


def _write_url(param: str, names: Mapping[V, str], chosen: V, default: V) -> None:
    """The choice into the URL (the German label); the default leaves the parameter out, as Streamlit did."""
    install_history()  # one browser history entry per choice
    if chosen == default:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != names[chosen]:
        st.query_params[param] = names[chosen]


def url_tabs(param: str, names: Sequence[str]) -> Sequence[Any]:
    """`st.tabs` with the German `names` shown in the page's language; the open tab is `?<param>=<German name>`
    and only the open tab runs (each tab's `.open`)."""
    options = {name: name for name in names}
    widget_key = param  # as with Streamlit's binding: tests and CSS (`st-key-<param>`) find the widget by it
    shown = {t(name): name for name in names}
    wanted = option_for(st.query_params.get(param), options)
    # a new visit opens the tab the URL names, Back/Forward too (no parameter there: the first tab); afterwards
    # the tab the visitor clicks
    if is_history_navigation():
        st.session_state[widget_key] = t(wanted if wanted is not None else names[0])
    elif wanted is not None and widget_key not in st.session_state:
        st.session_state[widget_key] = t(wanted)
    tabs = st.tabs(list(shown), key=widget_key, on_change="rerun")
    _write_url(param, options, shown.get(st.session_state.get(widget_key, ""), names[0]), names[0])
    return tabs


def url_segmented(container: Any, label: str, param: str, names: Mapping[V, str], default: V, **kwargs: Any) -> V:
    """A single-choice `segmented_control` of the options `names` (option → German label, shown translated); the
    choice is `?<param>=<German label>`."""
    widget_key = param
    wanted = option_for(st.query_params.get(param), names)
    start: V | None = default
    if widget_key not in st.session_state:  # a start value, so a value the browser already holds wins
        start = wanted if wanted is not None else default
    elif is_history_navigation():  # Back/Forward: the URL wins over the widget (no parameter: the default)
        st.session_state[widget_key] = wanted if wanted is not None else default
        start = None  # the state is set: a default as well would draw Streamlit's warning
    value = container.segmented_control(
        label, list(names), format_func=lambda o: t(names[o]), default=start, required=True, key=widget_key, **kwargs
    )
    chosen = value if value in names else default
    _write_url(param, names, chosen, default)
    return chosen
