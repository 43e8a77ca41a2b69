"""Benchmark: how fast the presentation switches slides on the bundled data.

Usage: .venv/bin/python benchmarks/bench_konferenz.py [--runs 3] [--konferenz bieblach-ost-2026]

Timed inside the page (like bench.py's `switch_seconds`): from just before the arrow key is
pressed until the new slide's counter shows, the script run has finished and, on map slides, the
map has its coloured areas. Each run goes through all slides forwards and backwards on a fresh
server with an empty conference database. Writes benchmarks/results/konferenz.md and prints it.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
TIMEOUT_MS = 60_000

_WATCH = """([target, map]) => {
    window.__switch = null;
    window.__first = null;
    const t0 = performance.now();
    const shown = () => {
        const counter = document.querySelector('[data-testid="sr-folienzaehler"]');
        const app = document.querySelector('[data-testid="stApp"]');
        if (!counter || !counter.textContent.startsWith(`Folie ${target} `)) return false;
        if (window.__first === null) window.__first = performance.now() - t0;
        if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
        if (document.querySelector('[data-testid="stSkeleton"], [data-testid="stSpinner"]')) return false;
        if (!map) return true;
        return document.querySelectorAll('.sr-karte path.leaflet-interactive').length > 0;
    };
    const poll = () => {
        if (shown()) { window.__switch = performance.now() - t0; return; }
        requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


MODERATOR, PASSWORD = "moderation", "benchmark-passwort"


def start_server(db_dir: str) -> tuple[subprocess.Popen, str]:
    """The app in the internal view (the presentation is for moderators) with one moderator account."""
    sys.path.insert(0, str(ROOT))
    from sozialraum import auth

    secrets = Path(db_dir) / "secrets.toml"
    auth.write_user(MODERATOR, PASSWORD, [auth.MODERATOR], secrets)
    port = free_port()
    env = {
        **os.environ,
        "SOZIALRAUM_DB_DIR": db_dir,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        auth.MODE_ENV: "intern",
        auth.SECRETS_ENV: str(secrets),
    }
    env.pop("SOZIALRAUM_DB_URL", None)
    env.pop("SOZIALRAUM_DATA_DIR", None)
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = (RESULTS / f"konferenz-server-{port}.log").open("w")
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
               "--server.headless", "true", "--server.fileWatcherType", "none"]  # fmt: skip
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, 15)
    proc.wait(10)


def switch(page: Page, key: str, target: int, is_map: bool) -> tuple[float, float]:
    """(seconds until the new slide's heading shows, seconds until it is complete)."""
    page.evaluate(_WATCH, [target, is_map])
    page.keyboard.press(key)
    page.wait_for_function("() => window.__switch !== null", timeout=TIMEOUT_MS, polling=20)
    first, done = page.evaluate("[window.__first, window.__switch]")
    return first / 1000, done / 1000


def settle(page: Page) -> None:
    """Let the page settle (no rerun for 0.6 s) before the next key press."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=TIMEOUT_MS)
    time.sleep(0.6)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=TIMEOUT_MS)


def one_run(browser: Browser, url: str, konferenz: str, kinds: list[str]) -> list[tuple[str, float, float]]:
    """Forwards through all slides, then backwards; returns (transition, seconds) pairs."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)  # the first page load (data, login form) takes long on a loaded machine
    page.goto(f"{url}/Praesentation?konferenz={konferenz}&folie=1", timeout=TIMEOUT_MS)
    page.get_by_label("Benutzername").fill(MODERATOR)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_selector('[data-testid="sr-folienzaehler"]', timeout=TIMEOUT_MS)
    settle(page)
    times = []
    order = list(range(2, len(kinds) + 1)) + list(range(len(kinds) - 1, 0, -1))
    current = 1
    for target in order:
        key = "ArrowRight" if target > current else "ArrowLeft"
        first, done = switch(page, key, target, kinds[target - 1] == "karte")
        times.append((f"{current}→{target} ({kinds[current - 1]} → {kinds[target - 1]})", first, done))
        current = target
        settle(page)
    context.close()
    return times


def run(runs: int, konferenz: str, browser: Browser) -> list[list[tuple[str, float, float]]]:
    sys.path.insert(0, str(ROOT))
    from sozialraum.konferenz.agenda import read_all

    agenda = read_all(ROOT / "data")[konferenz].agenda
    kinds = [s.art for s in agenda.slides]
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as db_dir:
            proc, url = start_server(db_dir)
            try:
                results.append(one_run(browser, url, konferenz, kinds))
            finally:
                stop(proc)
    return results


def _summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    within = sum(v <= 0.5 for v in values)
    return (
        f"median {statistics.median(values):.3f} s, 90th percentile {p90:.3f} s, max {max(values):.3f} s; "
        f"{within} of {len(values)} within 0.5 s"
    )


def table(results: list[list[tuple[str, float, float]]]) -> str:
    first = [f for r in results for _, f, _ in r]
    done = [d for r in results for _, _, d in r]
    lines = [
        f"Slide switch, in-page timing from the key press, {len(results)} run(s) on a fresh server each,",
        "2 cores, headless Chromium, 1920×1080, bundled Gera data.",
        "",
        f"- new slide shown (its heading and counter): {_summary(first)}",
        f"- new slide complete (script finished, no skeleton or spinner, map coloured): {_summary(done)}",
        "",
        "| transition | shown (median) | complete (median) | complete (max) |",
        "|---|---|---|---|",
    ]
    for i, (name, _, _) in enumerate(results[0]):
        shown = [r[i][1] for r in results]
        complete = [r[i][2] for r in results]
        lines.append(
            f"| {name} | {statistics.median(shown):.3f} s | {statistics.median(complete):.3f} s "
            f"| {max(complete):.3f} s |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--konferenz", default="bieblach-ost-2026")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        results = run(args.runs, args.konferenz, browser)
        browser.close()
    text = table(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "konferenz.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
