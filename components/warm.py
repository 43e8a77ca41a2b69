"""Per data state views computed in the background before the first visitors ask for them.

Under load (benchmarks/public_load.py) the slow tail of a visit was the cold work: the first
Steckbrief of an area, the first map of the default view, the first run of a page (its imports).
Fifty visitors of a press link arrive together; the first of them computes, the others wait for
that one computation (st.cache_resource computes a cold entry once and lets every other caller of
the same key wait for it), so everyone's page waits seconds. Here one background thread computes
those views once the data is loaded, through the same getters and keys as the pages (data folder
+ content stamp + level + choice), so the pages find them ready. The thread starts after the first
page has its bundle and runs at a lower OS priority: it fills idle time and does not hold up that
page. Started only by the production entry point (serve.py calls `enable`); tests and
`streamlit run app.py` compute on demand as before. SOZIALRAUM_VORBERECHNEN=0 switches it off.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from streamlit.logger import get_logger

from components import data
from sozialraum import Bundle
from sozialraum.levels import across_versions, level_for_year
from sozialraum.mapview import MapOptions
from sozialraum.settings import REPO_ROOT

ENV = "SOZIALRAUM_VORBERECHNEN"  # "0": no background computation
DONE = "Vorberechnung fertig"  # the log line's start once a data state's views are ready (benchmarks wait for it)
PROFILES_WARMED = 48  # Steckbriefe of the newest year; below page_views' cache size (64), so none pushes out another
NICENESS = 10  # the thread's OS priority below the page runs (Linux: per thread)

_log = get_logger(__name__)
_started: set[tuple[str, tuple]] = set()
_lock = threading.Lock()


@dataclass(frozen=True)
class Task:
    """One view to compute: a name for the log and the getter call that fills its cache entry."""

    name: str
    run: Callable[[], object]


def enable() -> None:
    """Warm each data state once it is first loaded (called by serve.py, the production entry point)."""
    data.on_first_use(None if os.environ.get(ENV, "1") == "0" else start)


def default_indicator(bundle: Bundle) -> str | None:
    """The indicator a page opens with (components.controls.indicator_select, the benchmark's visit)."""
    standard = bundle.settings.standard_indikator
    if standard in bundle.catalogue.index:
        return str(standard)
    return str(bundle.catalogue.index[0]) if len(bundle.catalogue) else None


def default_year(bundle: Bundle, indikator: str) -> int:
    """The year a page opens with for `indikator` (components.controls.year_select's default)."""
    values = bundle.values
    years = sorted(int(y) for y in values.loc[values["indikator_id"] == indikator, "jahr"].unique()) or bundle.years
    if bundle.settings.standard_jahr in years:
        return int(bundle.settings.standard_jahr)
    return int(years[-1]) if years else 0


def page_modules(pages: Path = REPO_ROOT / "pages") -> list[str]:
    """The project modules the pages import: imported once here, not in the first visitor's page run."""
    names: set[str] = set()
    for page in sorted(pages.glob("*.py")):
        for node in ast.walk(ast.parse(page.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
    return sorted(n for n in names if n.split(".")[0] in ("components", "sozialraum"))


def warm_tasks(bundle: Bundle) -> list[Task]:
    """What the first visitors of `bundle` open, in that order: imports, the Karte's default view,
    Entwicklung's ranking, the Steckbriefe of the newest year (up to PROFILES_WARMED areas)."""
    from components.controls import indicator_labels
    from components.page_views import get_map_sentence, get_profile_view, get_ranking

    tasks = [Task("Module der Seiten", _import_pages), Task("Indikatorliste", lambda: indicator_labels(bundle))]
    indikator = default_indicator(bundle)
    if indikator is not None:
        level = bundle.main_level
        jahr = default_year(across_versions(bundle, level), indikator)
        shown = bundle.at_level(level_for_year(bundle, level, jahr))
        options = MapOptions(mode="werte", year=jahr)

        def default_map() -> None:
            view = data.get_map_view(shown, indikator, options)
            data.get_view_payload(shown, indikator, options)
            get_map_sentence(shown, indikator, options, view.unit)

        tasks.append(Task(f"Karte {indikator} {jahr}", default_map))
        if bundle.years:
            tasks.append(Task(f"Rangfolge {indikator}", lambda: get_ranking(bundle, indikator, bundle.years[-1])))
        year = default_year(bundle, indikator)
        for gebiet in list(bundle.areas["gebiet_id"])[:PROFILES_WARMED]:
            tasks.append(Task(f"Steckbrief {gebiet} {year}", _profile(get_profile_view, bundle, str(gebiet), year)))
    return tasks


def _profile(getter: Callable, bundle: Bundle, gebiet: str, jahr: int) -> Callable[[], object]:
    return lambda: getter(bundle, gebiet, jahr)


def _import_pages() -> None:
    for name in page_modules():
        importlib.import_module(name)


def start(bundle: Bundle) -> threading.Thread | None:
    """Compute `bundle`'s views in a background thread, once per data folder and content stamp."""
    key = data.data_state()
    with _lock:
        if key in _started:
            return None
        _started.add(key)
    thread = threading.Thread(target=run, args=(key, bundle), name="vorberechnung", daemon=True)
    thread.start()
    return thread


def run(key: tuple[str, tuple], bundle: Bundle) -> int:
    """Compute every task of `bundle`; a failing one is logged and skipped (the page computes it
    when asked, as without warming). Returns how many succeeded."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: same priority as the pages
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
    started = time.perf_counter()
    try:
        tasks = warm_tasks(bundle)
    except Exception:  # e.g. a data folder without indicators: nothing to warm, the pages say why
        _log.exception("Vorberechnung: Liste der Ansichten fehlgeschlagen")
        tasks = []
    done = 0
    for task in tasks:
        if data.data_state() != key:  # the data changed meanwhile: the next page run warms the new state
            break
        try:
            task.run()
            done += 1
        except Exception:
            _log.exception("Vorberechnung %s fehlgeschlagen", task.name)
        time.sleep(0)  # let a waiting page run take the interpreter between two views
    _log.info("%s: %d von %d Ansichten in %.1f s (%s)", DONE, done, len(tasks), time.perf_counter() - started, key[0])
    return done
