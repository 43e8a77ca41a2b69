"""The benchmark is not a test, but a one-run smoke keeps it from rotting (no timed assertions).

All contenders (static floor, blank Streamlit page, naive st_folium, ours), the server memory
with open sessions and a tiny load test run once on a three-area folder; three phones vote on the
Streamlit page, three plus one throttled in Chromium on the light page (/abstimmen).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.conftest import write_folder


@pytest.mark.e2e
def test_benchmark_runs_once_on_a_tiny_folder(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "klein")
    out = tmp_path / "ergebnis.md"
    argv = ["--quick", "--dataset", f"klein={folder}", "--sessions", "1,2", "--load-sessions", "2", "--out", str(out)]
    # its own process: Playwright's sync API cannot start a second time inside the one the
    # browser fixtures of the other e2e tests already run in this process
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "benchmarks/run_all.py", *argv], cwd=root, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    for contender in ("Boden (statisches Leaflet)", "naiv (st_folium)", "unsere App"):
        assert f"| klein | 3 | {contender} |" in text
    assert "| (alle) | – | leere Streamlit-Seite |" in text
    assert "## Verhältnisse" in text and "## Ziele (Issue 9)" in text
    assert "Fehler während der Messung" not in text, text
    # memory with 1 and 2 open sessions, and both scripted visits completed without errors
    assert "| 1: " in text and ", 2: " in text
    assert "| klein | 2 | 2 | 0 |" in text, text
    # three phones vote on the Gera conference at once: three ballots stored, nine dots
    assert "| 3 | 3 | 0 | 3 | 9 / 9 |" in text, text
    # and on the light page (/abstimmen), with the projector and one throttled phone in Chromium: 4 ballots
    light = text.split("## Konferenz: Telefone auf der leichten Abstimmungsseite", 1)[1]
    assert "| 4 | 4 | 0 | 4 | 12 / 12 |" in light, light
    assert "Davon 1 Telefone in Chromium mit gedrosseltem Netz" in light, light
