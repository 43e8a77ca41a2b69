"""The benchmark is not a test, but a one-run smoke keeps it from rotting (no timed assertions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.conftest import write_folder


@pytest.mark.e2e
def test_benchmark_runs_once_on_a_tiny_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from playwright.sync_api import sync_playwright

    from benchmarks import bench

    folder = write_folder(tmp_path / "klein")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=bench.CHROMIUM_ARGS)
        results = [bench.run_dataset("klein", folder, 1, browser, contender) for contender in bench.CONTENDERS]
        browser.close()
    text = bench.table(results, 1) + bench.ratios(results)
    assert "| klein | 3 | ours |" in text and "| klein | 3 | naive |" in text
    assert all(r.switch and r.switch_bytes[0] > 0 for r in results)
