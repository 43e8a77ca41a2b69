"""The network audit of the browser tests (tests/e2e/netaudit/sitecustomize.py) records what it must:
a connection attempt to a documentation address (203.0.113.1, TEST-NET-3, never routed) and a lookup of
an outside name, but nothing for loopback – in a fresh Python process, as the server gets it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.netaudit.sitecustomize import LOG_ENV, is_local

AUDIT_DIR = Path(__file__).resolve().parents[1] / "e2e" / "netaudit"
PROBE = """
import socket
outside = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
outside.setblocking(False)  # the hook runs before the system call; nothing waits for an answer
try:
    outside.connect(("203.0.113.1", 9))
except OSError:
    pass
outside.close()
socket.getaddrinfo("198.51.100.7", 443)  # numeric: no DNS server asked
with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
    udp.sendto(b"x", ("192.0.2.5", 53))
server = socket.create_server(("127.0.0.1", 0))
local = socket.create_connection(server.getsockname(), timeout=2)
local.close(); server.close()
socket.getaddrinfo("localhost", 80)
socket.getaddrinfo(None, 80)
"""


def run_probe(tmp_path: Path, code: str = PROBE) -> tuple[str, str]:
    log = tmp_path / "netz.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(AUDIT_DIR), os.environ.get("PYTHONPATH", "")]),
        LOG_ENV: str(log),
    }
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=20, cwd=tmp_path)
    pids = Path(str(log) + ".pids")
    return (log.read_text("utf-8") if log.exists() else ""), (pids.read_text("utf-8") if pids.exists() else "")


def test_hook_records_outside_addresses_only(tmp_path: Path) -> None:
    log, pids = run_probe(tmp_path)
    lines = log.splitlines()
    assert len(lines) == 3, log
    assert lines[0].startswith("socket.connect '203.0.113.1' 9")
    assert lines[1].startswith("socket.getaddrinfo '198.51.100.7' 443")
    assert lines[2].startswith("socket.sendto '192.0.2.5' 53")
    assert len(pids.splitlines()) == 1  # the hook says it is installed


def test_hook_is_silent_without_the_variable(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != LOG_ENV}
    env["PYTHONPATH"] = str(AUDIT_DIR)
    code = "import sys; print(any('netaudit' in repr(h) for h in [sys.modules.get('sitecustomize')]))"
    done = subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=20, capture_output=True, text=True)
    assert done.stdout.strip() == "True"  # loaded, but installs nothing and writes nothing
    assert not list(tmp_path.iterdir())


def test_is_local() -> None:
    assert all(is_local(h) for h in ("127.0.0.1", "::1", "[::1]", "localhost", "0.0.0.0", None, b"127.0.0.2"))
    assert not any(is_local(h) for h in ("203.0.113.1", "checkip.amazonaws.com", "10.0.0.1", "fe80::1%eth0"))
