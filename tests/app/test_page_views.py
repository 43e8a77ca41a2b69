"""Issue 24: what a page shows for one choice is computed once per data state, and the data state is
read once per script run (components/page_views.py, components/data.data_state)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import components.data as data
import components.page_views as page_views
from tests.app.test_pages import bundled, run_page  # noqa: F401  (fixture)


def _counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    calls: list[int] = []
    original: Callable = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_two_visits_of_one_steckbrief_compute_it_once(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    page_views._cached_profile_view.clear()
    profiles = _counting(monkeypatch, page_views, "profile_table")
    charts = _counting(monkeypatch, page_views, "trend_panel")
    first = run_page("pages/5_Steckbrief.py", gebiet="05", jahr="2024")
    panels = len(charts)
    second = run_page("pages/5_Steckbrief.py", gebiet="05", jahr="2024")
    assert not first.exception and not second.exception
    assert (len(profiles), panels, len(charts)) == (1, page_views.KEY_PANELS, page_views.KEY_PANELS)
    assert [m.value for m in first.markdown] == [m.value for m in second.markdown]
    run_page("pages/5_Steckbrief.py", gebiet="01", jahr="2024")  # another area: its own computation
    assert len(profiles) == 2


def test_two_visits_of_one_trend_chart_draw_it_once(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    page_views._cached_trend_view.clear()
    drawn = _counting(monkeypatch, page_views, "trend_lines")
    for _ in range(2):
        at = run_page("pages/2_Entwicklung.py", indikator="sgb2_quote", gebiet="05")
        assert not at.exception, at.exception
        assert any(h.value.startswith("SGB-II-Quote") for h in at.header), [h.value for h in at.header]
    assert len(drawn) == 1


def test_the_data_state_is_read_once_per_script_run(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    reads = _counting(monkeypatch, data, "resolve_data_dir")
    at = run_page("pages/1_Karte.py")
    assert not at.exception, at.exception
    assert len(reads) == 1  # about ten per run before: every cached view asked again
    at.run()  # the next run reads it again: a changed data folder is seen
    assert len(reads) == 2
