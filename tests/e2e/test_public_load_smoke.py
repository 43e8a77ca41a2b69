"""benchmarks/public_load.py once, tiny: two instances of serve.py behind the shipped nginx file
(deploy/nginx-zwei-instanzen.conf), three visits; it must run and finish every visit, not be fast."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.conftest import write_folder


@pytest.mark.e2e
def test_public_load_runs_through_nginx_on_two_instances(tmp_path: Path) -> None:
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        pytest.skip("nginx fehlt (apt-get install -y nginx)")
    folder = write_folder(tmp_path / "klein")
    root = Path(__file__).resolve().parents[2]
    argv = ["--dataset", "klein", "--folder", str(folder), "--instances", "2", "--sessions", "3"]
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.public_load", *argv], cwd=root, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    # three visits through nginx, all finished, no error (a refused websocket would be one)
    assert "| klein, 2 Instanzen hinter nginx | 3 | 3 | 0 |" in done.stdout, done.stdout[-3000:]
