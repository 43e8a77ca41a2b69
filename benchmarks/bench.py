"""Benchmark: cold start, first map, indicator switch, on Gera and (if built) Berlin 2021.

Usage: .venv/bin/python benchmarks/bench.py [--runs 5] [--dataset NAME=FOLDER ...]
Writes a Markdown table to benchmarks/results/latest.md and prints it. Not a test: numbers
depend on the machine; it is run by hand and quoted in notes (CI runs a one-run smoke).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


CONTENDERS = {
    # name: (script, page path, option label of an indicator)
    "ours": ("app.py", "/Karte"),
    "naive": ("benchmarks/naive_app.py", "/"),
}


@dataclass
class Result:
    dataset: str
    areas: int
    contender: str = "ours"
    cold_start: list[float] = field(default_factory=list)
    first_map: list[float] = field(default_factory=list)
    warm_map: list[float] = field(default_factory=list)
    switch: list[float] = field(default_factory=list)
    switch_bytes: list[int] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _share_static_folder(script: str) -> None:
    """Streamlit serves `static/` next to the main script: let benchmarks/ scripts use the app's."""
    link = (ROOT / script).parent / "static"
    if link != ROOT / "static" and not link.exists():
        link.symlink_to(ROOT / "static", target_is_directory=True)


def start_server(folder: Path, script: str = "app.py") -> tuple[subprocess.Popen, str, float]:
    _share_static_folder(script)
    port = free_port()
    env = {**os.environ, "SOZIALRAUM_DATA_DIR": str(folder)}
    started = time.perf_counter()
    log = (ROOT / "benchmarks/results").joinpath(f"server-{port}.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [str(ROOT / ".venv/bin/streamlit"), "run", script, "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                break
        except OSError:
            time.sleep(0.05)
        if time.perf_counter() - started > 90:
            proc.kill()
            raise RuntimeError("server did not start")
    return proc, url, time.perf_counter() - started


def map_fills(page: Page) -> list[str]:
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    return frame.locator("path.leaflet-interactive").evaluate_all("els => els.map(e => e.getAttribute('fill'))")


def wait_polygons(page: Page, count: int, timeout: float = 60) -> None:
    deadline = time.perf_counter() + timeout
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    while frame.locator("path.leaflet-interactive").count() < count:
        if time.perf_counter() > deadline:
            page.screenshot(path=str(ROOT / "benchmarks/results/timeout.png"))
            raise TimeoutError(f"polygons not visible on {page.url}")
        time.sleep(0.02)


_WATCH_FILLS = """(before) => {
    // timed inside the page: from the option click until the map's fills differ (every frame)
    window.__switch = null;
    const t0 = performance.now();
    const poll = () => {
        // looked up every frame: a rebuilt map may come in a new iframe
        const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
        const paths = frame && frame.contentDocument
            ? [...frame.contentDocument.querySelectorAll('path.leaflet-interactive')] : [];
        const now = paths.map(e => e.getAttribute('fill')).join();
        if (paths.length && now !== before) { window.__switch = performance.now() - t0; return; }
        requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
}"""


def switch_seconds(page: Page, option_text: str) -> float:
    """Open the indicator dropdown, then time the option click until new colours are drawn."""
    before = ",".join(f or "" for f in map_fills(page))
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Indikator").first.click()
    option = page.get_by_role("option", name=option_text, exact=True)
    option.wait_for()
    page.evaluate(_WATCH_FILLS, before)
    option.click()
    page.wait_for_function("() => window.__switch !== null", timeout=60_000)
    return page.evaluate("window.__switch") / 1000


def measure(url: str, path: str, areas: int, indicator: str, other_label: str, browser, result: Result) -> None:  # noqa: ANN001
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    page = context.new_page()
    received = [0]
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload))),
    )
    start = time.perf_counter()
    page.goto(f"{url}{path}?indikator={indicator}")
    wait_polygons(page, areas)
    result.first_map.append(time.perf_counter() - start)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.close()
    page = context.new_page()
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload))),
    )
    start = time.perf_counter()
    page.goto(f"{url}{path}?indikator={indicator}")
    wait_polygons(page, areas)
    result.warm_map.append(time.perf_counter() - start)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    time.sleep(0.5)
    received[0] = 0
    result.switch.append(switch_seconds(page, other_label))
    time.sleep(1.0)  # let the rest of the rerun arrive before counting its bytes
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    result.switch_bytes.append(received[0])
    context.close()


def run_dataset(name: str, folder: Path, runs: int, browser, contender: str = "ours") -> Result:  # noqa: ANN001
    sys.path.insert(0, str(ROOT))
    from sozialraum import load_bundle

    bundle = load_bundle(folder)
    catalogue = bundle.catalogue
    indicator = bundle.settings.standard_indikator or catalogue.index[0]
    other = next(i for i in catalogue.index if i != indicator)
    name_text = str(catalogue.at[other, "name"])
    other_label = f"{catalogue.at[other, 'thema']} · {name_text}" if contender == "ours" else name_text
    script, path = CONTENDERS[contender]
    result = Result(name, len(bundle.areas), contender)
    for _ in range(runs):
        proc, url, cold = start_server(folder, script)
        try:
            result.cold_start.append(cold)
            measure(url, path, result.areas, indicator, other_label, browser, result)
        finally:
            proc.terminate()
            proc.wait(10)
    return result


def fmt(values: list[float], unit: str = "s") -> str:
    if not values:
        return "–"
    med = statistics.median(values)
    spread = f" ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else ""
    return f"{med:.2f} {unit}{spread}"


def table(results: list[Result], runs: int) -> str:
    lines = [
        f"Median of {runs} runs (min–max), 2 cores, headless Chromium; each run a fresh server.",
        "",
        "| dataset | areas | contender | cold start → health | first visit → polygons | later visit → polygons "
        "| indicator switch → new colours | websocket bytes per switch |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        kb = statistics.median(r.switch_bytes) / 1024 if r.switch_bytes else float("nan")
        lines.append(
            f"| {r.dataset} | {r.areas} | {r.contender} | {fmt(r.cold_start)} | {fmt(r.first_map)} | {fmt(r.warm_map)} "
            f"| {fmt(r.switch)} | {kb:,.0f} KiB |"
        )
    return "\n".join(lines)


def ratios(results: list[Result]) -> str:
    """ours/naive per dataset: switch time and websocket bytes."""
    lines = ["", "| dataset | switch time naive / ours | websocket bytes naive / ours |", "|---|---|---|"]
    by_key = {(r.dataset, r.contender): r for r in results}
    for (dataset, contender), ours in by_key.items():
        naive = by_key.get((dataset, "naive"))
        if contender != "ours" or naive is None or not ours.switch or not naive.switch:
            continue
        speed = statistics.median(naive.switch) / statistics.median(ours.switch)
        size = statistics.median(naive.switch_bytes) / max(1, statistics.median(ours.switch_bytes))
        lines.append(f"| {dataset} | {speed:.1f}× | {size:.1f}× |")
    return "\n".join(lines) if len(lines) > 3 else ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dataset", action="append", default=[], help="NAME=FOLDER")
    parser.add_argument("--contender", action="append", default=[], choices=list(CONTENDERS))
    args = parser.parse_args()
    datasets = [tuple(d.split("=", 1)) for d in args.dataset] or [("Gera", str(ROOT / "data"))]
    berlin = ROOT / "build/examples/berlin2021"
    if not args.dataset and berlin.is_dir():
        datasets.append(("Berlin 2021", str(berlin)))
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        for name, folder in datasets:
            for contender in args.contender or list(CONTENDERS):
                results.append(run_dataset(name, Path(folder), args.runs, browser, contender))
        browser.close()
    text = table(results, args.runs) + ratios(results)
    out = ROOT / "benchmarks/results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
