"""Shared helpers of the benchmark: servers on loopback, memory, machine load."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"  # git-ignored
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--enable-precise-memory-info",
]
HEALTH_TIMEOUT_S = 180.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load_average() -> float:
    """1-minute load average (2 cores here: above 2 the machine is busy with something else too)."""
    return os.getloadavg()[0]


def rss_mb(pid: int) -> float:
    """Resident memory of one process in MiB (VmRSS from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Server:
    """A process started by the benchmark, in its own process group, with its log."""

    process: subprocess.Popen
    url: str
    log: Path
    started_s: float = 0.0  # seconds from launch until the health check answered

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss_mb(self) -> float:
        return rss_mb(self.process.pid)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _share_static_folder(script: Path) -> None:
    """Streamlit serves `static/` next to the main script: let benchmarks/ scripts use the app's."""
    link = script.parent / "static"
    if link != ROOT / "static" and not link.exists():
        link.symlink_to(ROOT / "static", target_is_directory=True)


def wait_http(url: str, process: subprocess.Popen, log: Path, expect: bytes | None = None) -> None:
    started = time.perf_counter()
    while True:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise RuntimeError(f"server exited with {process.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body = response.read()
                if expect is None or body == expect:
                    return
        except OSError:
            pass
        if time.perf_counter() - started > HEALTH_TIMEOUT_S:
            raise RuntimeError(f"{url} did not answer within {HEALTH_TIMEOUT_S:.0f} s")
        time.sleep(0.02)


def start_streamlit(script: str | Path, data_dir: Path | None, port: int | None = None, **env: str) -> Server:
    """`streamlit run` on 127.0.0.1; returns once /_stcore/health answers (time in `started_s`)."""
    script = ROOT / script
    _share_static_folder(script)
    port = port or free_port()
    environment = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **env}
    environment.pop("SOZIALRAUM_DATA_DIR", None)
    if data_dir is not None:
        environment["SOZIALRAUM_DATA_DIR"] = str(data_dir)
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / f"server-{port}.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    server = Server(process, url, log)
    try:
        wait_http(f"{url}/_stcore/health", process, log, b"ok")
    except BaseException:
        server.stop()
        raise
    server.started_s = time.perf_counter() - started
    return server


def start_http_server(folder: Path) -> Server:
    """`python -m http.server` on loopback serving `folder` (the static floor)."""
    port = free_port()
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / f"http-{port}.log"
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    server = Server(process, url, log)
    try:
        wait_http(f"{url}/index.html", process, log)
    except BaseException:
        server.stop()
        raise
    server.started_s = time.perf_counter() - started
    return server
