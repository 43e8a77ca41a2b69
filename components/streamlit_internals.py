"""The one module that relies on Streamlit's and pandas' internals; everything else calls it.

Written for Streamlit 1.67 and pandas 3.1 (`WRITTEN_FOR`). At import it compares the installed
versions and, on another one, logs a warning that names what to re-test (`RETEST`). `serve.py`'s
extra routes through the experimental `st.App` have their own, stricter check
(`components/server_routes.py`).

Public APIs were preferred where the installed versions have one: the visitor's address and
headers come from `st.context`; widget CSS classes use the documented `st-key-<key>`. What stays:

- **Script run context** (`streamlit.runtime.scriptrunner`): the page's script hash keys the
  URL-bound widgets per page (`components/state.py`), `is_history_navigation` tells a Back/Forward
  run apart (same), `cursors` is a new dict per run and marks one script run (`components/data.py`,
  `components/state.py`). Streamlit has no public run id, page id or history flag.
- **Friendly errors** (`ctx.on_script_error`, `components/auth.py`): the public mode shows a German
  message with a reference instead of the traceback. Pages are files of Streamlit's `pages/` folder,
  run by Streamlit itself (no `st.navigation` whose `run()` a try/except could wrap), and
  `client.showErrorDetails = "none"` shows an English text without a reference.
- **Styler display values** (`display_styler`): `st.dataframe` reads a pandas Styler through the
  private `Styler._translate`; pandas keeps formatters in `_display_funcs`. `st.column_config`'s
  number formats follow the browser's locale (no fixed German "1.234,5", no "." for withheld
  cells), so the Styler stays.
- **Scripts in the page** (`html_with_script`): `st.html(..., unsafe_allow_javascript=True)` runs
  them in Streamlit's own document; they rely on its DOM (below) and its history handling.
- **CSS and scripts on Streamlit's `data-testid`s**: not an API, renamed between releases.
  `STREAMLIT_TEST_IDS` lists each one with the files that use it, `STREAMLIT_TEST_ATTRIBUTES` the
  other `data-test-…` attributes read (a unit test keeps both lists complete). The rules stay beside
  the elements they style (layout, projector, print, right-to-left), because their order in the page
  decides which one wins.
- **Experimental `st.App`** (`serve.py`'s extra routes): checked in `components/server_routes.py`,
  which refuses to start on another version.
- **Elements built once** (`element_once`): a finished table element (Arrow bytes and display values)
  is kept per content and sent again through `DeltaGenerator._enqueue`, catching the message on its way
  through the run context's `enqueue`. Streamlit has no public way to send a prepared element.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.runtime.scriptrunner import get_script_run_ctx

LOG = logging.getLogger("sozialraum.internals")

WRITTEN_FOR = {"streamlit": "1.67", "pandas": "3.1"}  # (major.minor) this module was checked with

# feature → the tests that cover it: what to run after an upgrade (browser tests under the lock)
RETEST: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Tabellen mit deutschen Zahlen (Styler._translate)",
        ("tests/app/test_table_format.py", "tests/app/test_withheld_display.py"),
    ),
    ("Widgets je Seite, Zurück/Vor (Skript-Kontext)", ("tests/e2e/test_history.py", "tests/app/test_pages.py")),
    ("Datenstand einmal je Lauf (ctx.cursors)", ("tests/app/test_page_views.py",)),
    ("Tabellen einmal gebaut (DeltaGenerator._enqueue, ctx.enqueue)", ("tests/app/test_table_once.py",)),
    ("Freundliche Fehlermeldung, öffentlich (on_script_error)", ("tests/app/test_modes.py",)),
    (
        "Skripte in st.html (Sprache, Cookies, Karte, Vollbild)",
        ("tests/e2e/test_a11y.py", "tests/e2e/test_map.py", "tests/e2e/test_konferenz.py"),
    ),
    (
        "CSS auf data-testid (STREAMLIT_TEST_IDS)",
        ("tests/e2e/test_a11y.py", "tests/e2e/test_phone.py", "tests/e2e/test_konferenz.py"),
    ),
)

# Streamlit's data-testid → the files whose CSS or scripts select it
STREAMLIT_TEST_IDS: dict[str, tuple[str, ...]] = {
    "stApp": ("components/state.py", "static/karte/karte.js"),
    "stAppViewContainer": ("components/layout.py", "pages/7_Fortschrittsbericht.py", "static/konferenz/projektor.css"),
    "stButton": ("static/konferenz/projektor.css",),
    "stCaptionContainer": ("components/layout.py", "components/sprache.py", "static/konferenz/projektor.css"),
    "stDateInputField": ("components/sprache.py",),
    "stDataFrame": ("components/sprache.py",),
    "stDecoration": (
        "pages/7_Fortschrittsbericht.py",
        "static/konferenz/projektor.css",
        "static/konferenz/telefon.css",
    ),
    "stElementContainer": ("components/layout.py",),
    "stElementToolbar": ("static/konferenz/projektor.css",),
    "stForm": ("static/konferenz/projektor.css",),
    "stHeader": ("components/layout.py", "static/konferenz/projektor.css"),
    "stHeading": ("static/konferenz/projektor.css",),
    "stHtml": ("components/layout.py",),
    "stLayoutWrapper": ("components/konferenz_slides.py",),
    "stMain": ("pages/7_Fortschrittsbericht.py", "static/konferenz/projektor.css"),
    "stMainBlockContainer": (
        "pages/7_Fortschrittsbericht.py",
        "static/konferenz/projektor.css",
        "static/konferenz/telefon.css",
    ),
    "stMarkdownContainer": ("components/sprache.py", "static/konferenz/projektor.css"),
    "stMetric": ("pages/7_Fortschrittsbericht.py",),
    "stMetricValue": ("components/sprache.py",),
    "stMultiSelect": ("components/layout.py",),
    "stMultiSelectTagsContainer": ("components/layout.py",),
    "stPageLink": ("pages/7_Fortschrittsbericht.py",),
    "stPlotlyChart": ("components/sprache.py",),
    "stSidebar": (
        "components/layout.py",
        "components/sprache.py",
        "static/karte/karte.js",
        "static/konferenz/projektor.css",
        "static/konferenz/telefon.css",
    ),
    "stSidebarCollapsedControl": (
        "pages/7_Fortschrittsbericht.py",
        "static/konferenz/projektor.css",
        "static/konferenz/telefon.css",
    ),
    "stSidebarNav": ("static/konferenz/projektor.css",),
    "stStatusWidget": ("pages/7_Fortschrittsbericht.py", "static/konferenz/projektor.css"),
    "stTable": ("pages/6_Massnahme.py", "pages/7_Fortschrittsbericht.py"),
    "stToolbar": ("components/layout.py", "static/konferenz/projektor.css", "static/konferenz/telefon.css"),
    "stVerticalBlock": ("static/konferenz/projektor.css",),
    "stWidgetLabel": ("components/layout.py", "static/konferenz/projektor.css"),
}

# Streamlit's other data-test attributes → the files whose scripts read them
STREAMLIT_TEST_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "data-test-script-state": ("components/state.py", "static/karte/karte.js"),  # "running" during a run
}


# --- version check ------------------------------------------------------------------------------


def _installed(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def version_warnings(installed: dict[str, str] | None = None) -> list[str]:
    """One warning per package whose installed (major.minor) differs from `WRITTEN_FOR`."""
    installed = installed or {package: _installed(package) for package in WRITTEN_FOR}
    retest = "; ".join(f"{feature}: {', '.join(tests)}" for feature, tests in RETEST)
    found = []
    for package, expected in WRITTEN_FOR.items():
        got = installed.get(package, "?")
        if ".".join(got.split(".")[:2]) != expected:
            found.append(
                f"components/streamlit_internals.py ist für {package} {expected} geschrieben, installiert ist "
                f"{got}. Bitte erneut prüfen – {retest} – und danach WRITTEN_FOR anpassen."
            )
    return found


def check_versions(installed: dict[str, str] | None = None) -> bool:
    """Log a warning for each package on another version than written for; True if none."""
    warnings = version_warnings(installed)
    for warning in warnings:
        LOG.warning(warning)
    return not warnings


check_versions()


# --- script run context -------------------------------------------------------------------------


def in_script_run() -> bool:
    """True inside a script run; False in helpers and tests outside one (no session of their own)."""
    return get_script_run_ctx(suppress_warning=True) is not None


def page_script_hash() -> str:
    """Streamlit's id of the page running now ("" outside a script run)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx.pages_manager.current_page_script_hash if ctx is not None else ""


def run_marker() -> object | None:
    """An object that is new at the start of every script run (None outside a run); compare by identity."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx.cursors if ctx is not None else None


def is_history_navigation() -> bool:
    """True while the run was started by the browser's Back or Forward button."""
    ctx = get_script_run_ctx(suppress_warning=True)
    return bool(ctx is not None and ctx.is_history_navigation)


def on_script_error(handle: Callable[[Exception], bool]) -> None:
    """Let `handle` show an uncaught error of this run (True: Streamlit shows nothing else)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is not None:
        ctx.on_script_error = handle


# --- scripts in the page ------------------------------------------------------------------------


def html_with_script(body: str, container: object = None) -> None:
    """`st.html` whose `<script>` runs in Streamlit's document (in `container`, default the main area)."""
    (container or st).html(body, unsafe_allow_javascript=True)


# --- Styler display values ----------------------------------------------------------------------


def display_styler(frame: pd.DataFrame, formats: dict[str, Callable], na_rep: str) -> Styler:
    """`frame.style.format(formats, na_rep=na_rep)` that Streamlit reads without pandas' render tree.

    `st.dataframe` shows a Styler's display values (the grid still sorts by the numbers), read through
    `Styler._translate`: pandas' whole HTML render tree, one dict with classes and attributes per
    cell. At 11,000 areas that tree cost about half a second of every Karte run (docs/leistung.md).
    Streamlit gets only what it reads: `_translate()["body"]` cells with `id` "row<r>_col<c>" and
    `display_value`, for each cell that is not already its own text. pandas' renderers (`to_html`,
    `to_latex`, `to_string`) go through `_render` and still get the whole tree. The Styler stays a
    plain `Styler`, because Streamlit recognises it by its exact type name.
    `tests/app/test_table_format.py` compares the result with pandas' own render tree.
    """
    styler = frame.style.format(formats, na_rep=na_rep)
    full_translate, full_render = styler._translate, styler._render
    rendering = []  # non-empty while one of pandas' own renderers runs

    def translate(*args: object, **kwargs: object) -> dict:
        return full_translate(*args, **kwargs) if rendering else {"body": _display_values(styler)}

    def render(*args: object, **kwargs: object) -> str:
        rendering.append(True)
        try:
            return full_render(*args, **kwargs)
        finally:
            rendering.pop()

    styler._translate, styler._render = translate, render
    return styler


def _display_values(styler: Styler) -> list[list[dict]]:
    """The cells Streamlit needs, one list per column; gapless text columns are left out."""
    body = []
    data = styler.data
    for c in range(data.shape[1] if len(data) else 0):
        column = data.iloc[:, c]
        if _is_text(column):
            continue  # Streamlit starts from every cell's own text: nothing to send
        func = styler._display_funcs[(0, c)]  # `format` gives every row of a column the same formatter
        body.append([{"id": f"row{r}_col{c}", "display_value": func(v)} for r, v in enumerate(column.tolist())])
    return body


def _is_text(column: pd.Series) -> bool:
    """Text without gaps: its display value is the text itself."""
    text = column.dtype == object or pd.api.types.is_string_dtype(column)
    return bool(text and column.map(lambda v: isinstance(v, str)).all())


# --- Elements built once ------------------------------------------------------------------------

ELEMENTS_KEPT = 256  # finished elements kept (a Gera table is a few KiB; big tables are not kept)
_elements: OrderedDict[Hashable, object] = OrderedDict()
_elements_lock = threading.Lock()


@contextmanager
def _passing_messages(ctx: object, handle: Callable[[object], None]) -> Iterator[None]:
    """Let `handle` see (and change) every message this run sends while the block runs. The run
    context belongs to this session's script thread alone, so the change touches no other visitor."""
    original, own = ctx.enqueue, vars(ctx).get("enqueue")  # type: ignore[attr-defined]

    def enqueue(msg: object) -> None:
        handle(msg)
        original(msg)

    ctx.enqueue = enqueue  # type: ignore[attr-defined]
    try:
        yield
    finally:
        if own is None:
            del ctx.enqueue  # type: ignore[attr-defined]  # the class's method again
        else:
            ctx.enqueue = own  # type: ignore[attr-defined]


def forget_elements() -> None:
    """Drop every kept element (tests that watch `st.dataframe` being called need a cold start)."""
    with _elements_lock:
        _elements.clear()


def element_once(key: Hashable | None, delta_type: str, draw: Callable[[], object]) -> object:
    """Draw an element with `draw` the first time for `key` and send the very same element again for the
    same key, without building it (`delta_type`: its field in Streamlit's `Element`, e.g.
    "arrow_data_frame"). Other messages `draw` sends are not kept: a caller sends them itself on a repeat.
    Only for elements without widget state (no selection, no buttons inside). `key` None: always drawn."""
    ctx = get_script_run_ctx()
    if key is None or ctx is None:
        return draw()
    with _elements_lock:
        kept = _elements.get(key)
        if kept is not None:
            _elements.move_to_end(key)
    if kept is not None:

        def same_element(msg: object) -> None:
            element = msg.delta.new_element  # type: ignore[attr-defined]
            if msg.WhichOneof("type") == "delta" and element.WhichOneof("type") == delta_type:  # type: ignore[attr-defined]
                element.CopyFrom(kept)  # with its width and height

        with _passing_messages(ctx, same_element):
            return st._main._enqueue(delta_type, getattr(kept, delta_type))
    built: list[object] = []

    def keep(msg: object) -> None:
        if msg.WhichOneof("type") == "delta" and msg.delta.new_element.WhichOneof("type") == delta_type:  # type: ignore[attr-defined]
            copy = type(msg.delta.new_element)()  # type: ignore[attr-defined]
            copy.CopyFrom(msg.delta.new_element)  # type: ignore[attr-defined]
            built.append(copy)

    with _passing_messages(ctx, keep):
        result = draw()
    if len(built) == 1:
        with _elements_lock:
            _elements[key] = built[0]
            while len(_elements) > ELEMENTS_KEPT:
                _elements.popitem(last=False)
    return result
