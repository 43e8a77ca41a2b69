"""Issue 24 (session 4): the views the first visitors open are computed in the background once the
data is loaded (components/warm.py), with the pages' own getters and keys."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import components.data as data
import components.page_views as page_views
import components.warm as warm
from tests.app.test_pages import bundled, run_page  # noqa: F401  (fixture)


def _counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[tuple]:
    calls: list[tuple] = []
    original: Callable = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_the_warm_list_follows_the_pages_defaults(bundled: Path) -> None:  # noqa: F811
    data._load.clear()
    bundle = data.get_bundle()
    names = [task.name for task in warm.warm_tasks(bundle)]
    areas = list(bundle.areas["gebiet_id"])
    assert names == [
        "Module der Seiten",
        "Indikatorliste",
        "Karte sgb2_quote 2024",  # data/einstellungen.toml: standard_indikator, standard_jahr
        "Rangfolge sgb2_quote",
        *(f"Steckbrief {g} 2024" for g in areas),
    ]
    assert len(areas) < warm.PROFILES_WARMED


def test_the_warm_list_stops_at_the_profile_limit(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr(warm, "PROFILES_WARMED", 3)
    bundle = data.get_bundle()
    profiles = [t.name for t in warm.warm_tasks(bundle) if t.name.startswith("Steckbrief")]
    assert profiles == [f"Steckbrief {g} 2024" for g in list(bundle.areas["gebiet_id"])[:3]]


def test_pages_find_the_warmed_views(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    page_views._cached_profile_view.clear()
    data._map_view.clear()
    bundle = data.get_bundle()
    assert warm.run(data.data_state(), bundle) == len(warm.warm_tasks(bundle))  # every view computed
    profiles = _counting(monkeypatch, page_views, "profile_table")
    maps = _counting(monkeypatch, data, "map_view")
    steckbrief = run_page("pages/5_Steckbrief.py", gebiet="05")  # default year: the warmed one
    karte = run_page("pages/1_Karte.py")
    assert not steckbrief.exception and not karte.exception, (steckbrief.exception, karte.exception)
    assert (len(profiles), len(maps)) == (0, 0)
    run_page("pages/5_Steckbrief.py", gebiet="05", jahr="2022")  # a year not warmed: computed on demand
    assert len(profiles) == 1


def test_a_failing_view_is_skipped_and_the_rest_computed(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    done: list[str] = []

    def broken() -> None:
        raise ValueError("kaputt")

    tasks = [warm.Task("kaputt", broken), warm.Task("gut", lambda: done.append("gut"))]
    monkeypatch.setattr(warm, "warm_tasks", lambda bundle: tasks)
    assert warm.run(data.data_state(), data.get_bundle()) == 1
    assert done == ["gut"]


def test_warming_starts_once_per_data_state(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    runs: list[tuple] = []
    finished = threading.Event()
    monkeypatch.setattr(warm, "run", lambda key, bundle: (runs.append(key), finished.set()))
    monkeypatch.setattr(warm, "_started", set())
    bundle = data.get_bundle()
    first = warm.start(bundle)
    assert first is not None
    first.join()
    assert warm.start(bundle) is None  # same folder and stamp: already warmed
    state = data.data_state()
    monkeypatch.setattr(data, "data_state", lambda: (state[0], (*state[1], ("neu.csv", 1, 1))))
    second = warm.start(bundle)  # a changed file: a new data state, warmed again
    assert second is not None
    second.join()
    assert [key[1][-1] for key in runs] == [state[1][-1], ("neu.csv", 1, 1)]


def test_enable_hooks_the_first_bundle_of_a_page(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    seen: list[object] = []
    monkeypatch.setattr(warm, "start", seen.append)
    monkeypatch.setattr(data, "_first_use", [None])
    monkeypatch.setenv(warm.ENV, "0")
    warm.enable()
    assert not run_page("pages/1_Karte.py").exception
    assert seen == []  # switched off
    monkeypatch.delenv(warm.ENV)
    warm.enable()
    assert not run_page("pages/1_Karte.py").exception
    assert seen and all(b is seen[0] for b in seen)  # the loaded bundle, the same one each time


def test_page_modules_are_the_projects_imports(tmp_path: Path) -> None:
    (tmp_path / "1_A.py").write_text(
        "import pandas as pd\nimport sozialraum.geo\nfrom components.layout import setup_page\n"
        "from . import x\nfrom streamlit import session_state\n",
        "utf-8",
    )
    (tmp_path / "2_B.py").write_text("from components.views import show_table\n", "utf-8")
    assert warm.page_modules(tmp_path) == ["components.layout", "components.views", "sozialraum.geo"]
    assert "components.page_views" in warm.page_modules()  # the real pages
