"""Benchmark: time from a control change to the updated chart, for every trend, comparison and index view.

Usage: .venv/bin/python benchmarks/bench_views.py [--runs 7] [--folder build/examples/berlin2021] [--only TEXT]

Defaults to Berlin 2021 (542 planning areas × 4 years; build it with
``.venv/bin/python scripts/build_examples.py``). One server, headless Chromium (driven as in ``bench.py``).
For each view the page is opened once, then a control is changed ``--runs`` times, alternating between two
values so that every change redraws. The time is taken inside the page: from the click or key press that
commits the change (a dropdown is opened and a name typed before the clock starts) until the chart's content
(plotly: its data; map: its fills) differs from before, checked every animation frame. Prints a Markdown
table and writes it to ``benchmarks/results/views.md``. Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM_ARGS = [  # as in bench.py
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def start_server(folder: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` on a free port with SOZIALRAUM_DATA_DIR=folder, in its own process group."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "SOZIALRAUM_DATA_DIR": str(folder), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    command = [
        str(ROOT / ".venv/bin/streamlit"), "run", "app.py", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.perf_counter() + 90
    while time.perf_counter() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.1)
    stop_server(proc)
    raise RuntimeError("server did not start")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)


# a signature of what is drawn: plotly's data and title of the first chart, or the fills of the map
_SIGNATURE = """(kind) => {
    const hash = (text) => {
        let h = 5381;
        for (let i = 0; i < text.length; i++) { h = ((h << 5) + h + text.charCodeAt(i)) | 0; }
        return h;
    };
    if (kind === 'map') {
        const paths = [...document.querySelectorAll('.sr-karte path.leaflet-interactive')];
        return paths.length ? String(hash(paths.map(e => e.getAttribute('fill')).join())) : '';
    }
    const el = document.querySelector('.js-plotly-plot');
    if (!el || !el.data) { return ''; }
    const title = el.layout && el.layout.title ? JSON.stringify(el.layout.title) : '';
    return String(hash(JSON.stringify(el.data) + title));
}"""

_WATCH = (
    """([kind, before]) => {
    window.__changed = null;
    const signature = """
    + _SIGNATURE
    + """;
    const t0 = performance.now();
    const poll = () => {
        const now = signature(kind);
        if (now && now !== before) { window.__changed = performance.now() - t0; return; }
        requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
}"""
)


Commit = Callable[[], None]


@dataclass
class View:
    name: str
    path: str
    control: str
    prepare: Callable[[Page, int], Commit]  # (page, run number) → the final click or key press that commits
    kind: str = "plotly"
    times: list[float] = field(default_factory=list)


def click_radio(a: str, b: str) -> Callable[[Page, int], Commit]:
    def prepare(page: Page, run: int) -> Commit:
        return page.get_by_role("radio", name=a if run % 2 == 0 else b, exact=True).click

    return prepare


def choose(label: str, a: str, b: str, sidebar: bool = False) -> Callable[[Page, int], Commit]:
    """Open the selectbox first; the timed part is the click on the option (as in bench.py)."""

    def prepare(page: Page, run: int) -> Commit:
        scope = page.get_by_test_id("stSidebar") if sidebar else page
        scope.get_by_test_id("stSelectbox").filter(has_text=label).first.click()
        option = page.get_by_role("option", name=a if run % 2 == 0 else b, exact=True)
        option.wait_for()
        return option.click

    return prepare


def toggle_area(label: str, area: str) -> Callable[[Page, int], Commit]:
    """Remove an area from a multiselect, add it again on the next run (typed, then the option clicked)."""

    def prepare(page: Page, run: int) -> Commit:
        box = page.get_by_test_id("stMultiSelect").filter(has_text=label).first
        if run % 2 == 0:
            return box.get_by_role("button", name=f"Remove {area}").click
        box.get_by_role("combobox").click()
        page.keyboard.type(area)
        option = page.get_by_role("option", name=area, exact=True)
        option.wait_for()
        return option.click

    return prepare


def slide(label: str) -> Callable[[Page, int], Commit]:
    def prepare(page: Page, run: int) -> Commit:
        slider = page.get_by_test_id("stSlider").filter(has_text=label).get_by_role("slider").first
        slider.focus()
        return lambda: page.keyboard.press("ArrowRight" if run % 2 == 0 else "ArrowLeft")

    return prepare


def fill(label: str, a: str, b: str) -> Callable[[Page, int], Commit]:
    def prepare(page: Page, run: int) -> Commit:
        field = page.get_by_label(label, exact=True)
        field.fill(a if run % 2 == 0 else b)
        return lambda: field.press("Enter")

    return prepare


def berlin_views() -> list[View]:
    arbeitslose = "Soziale Lage · Anteil Arbeitslose (MSS-Indexindikator S1)"
    transfer = "Soziale Lage · Anteil Transferbezug (MSS-Indexindikator S3)"
    transfer_u15 = "Soziale Lage · Anteil Transferbezug unter 15 Jahren (MSS-Indexindikator S4)"
    return [
        View(
            "Entwicklung · Zeitverlauf (3 Gebiete + Stadt)",
            "/Entwicklung?indikator=auslaender_anteil&gebiete=01100101,08100521,12500825",
            "Darstellung Absolut ↔ Index",
            click_radio("Index", "Absolut"),
        ),
        View(
            "Entwicklung · Alle Gebiete (24 von 542 Feldern)",
            "/Entwicklung?indikator=auslaender_anteil&trend=Alle+Gebiete",
            "Sortierung Wert ↔ Veränderung",
            click_radio("nach der Veränderung", "nach dem neuesten Wert"),
        ),
        View(
            "Entwicklung · Größte Veränderungen (542)",
            "/Entwicklung?indikator=auslaender_anteil&trend=Gr%C3%B6%C3%9Fte+Ver%C3%A4nderungen",
            "Von Jahr 2022 ↔ 2021",
            choose("Von Jahr", "2022", "2021"),
        ),
        View(
            "Vergleich · Rangfolge (542 Balken)",
            "/Vergleich?gebiete=08100521",
            "Indikator (Seitenleiste)",
            choose("Indikator", arbeitslose, transfer, sidebar=True),
        ),
        View(
            "Vergleich · Nebeneinander (≤ 5 Gebiete)",
            "/Vergleich?vergleich=Nebeneinander&gebiete=01100101,08100521,12500825",
            "ein Gebiet ab- und zuwählen",
            toggle_area("Gebiete (bis zu fünf)", "Borsigwalde"),
        ),
        View(
            "Vergleich · Streudiagramm (542 Punkte)",
            "/Vergleich?vergleich=Streudiagramm",
            "y-Achse",
            choose("y-Achse", transfer_u15, arbeitslose),
        ),
        View(
            "Vergleich · Übersichtsmatrix (542 × 5)",
            "/Vergleich?vergleich=%C3%9Cbersichtsmatrix",
            "Band ± 0,5 ↔ 0,75 SD",
            slide("Als „ähnlich“ gilt"),
        ),
        View(
            "Sozialindex · Karte (542 Flächen)",
            "/Sozialindex",
            "Mindesteinwohner 300 ↔ 2000",
            fill("Mindesteinwohner", "2000", "300"),
            kind="map",
        ),
    ]


def wait_drawn(page: Page, kind: str, timeout_s: float = 90) -> str:
    deadline = time.perf_counter() + timeout_s
    while True:
        signature = page.evaluate(f"({_SIGNATURE})({kind!r})")
        if signature:
            return signature
        if time.perf_counter() > deadline:
            raise TimeoutError(f"nothing drawn on {page.url}")
        time.sleep(0.05)


def measure(page: Page, url: str, view: View, runs: int) -> None:
    page.goto(url + view.path)
    page.wait_for_selector(IDLE, timeout=90_000)
    wait_drawn(page, view.kind)
    time.sleep(1.0)
    for run in range(runs):
        before = wait_drawn(page, view.kind)
        commit = view.prepare(page, run)
        page.evaluate(_WATCH, [view.kind, before])
        commit()
        try:
            page.wait_for_function("() => window.__changed !== null", timeout=90_000)
        except Exception:
            page.screenshot(path=str(ROOT / "benchmarks/results/views-timeout.png"))
            raise
        view.times.append(page.evaluate("window.__changed") / 1000)
        page.wait_for_selector(IDLE, timeout=90_000)
        page.keyboard.press("Escape")  # close any open list and leave the field
        page.locator("h1").first.click()
        time.sleep(0.8)  # let the browser settle before the next change


def fmt(values: list[float]) -> str:
    if not values:
        return "–"
    spread = f" ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else ""
    return f"{statistics.median(values):.2f} s{spread}".replace(".", ",")


def table(views: list[View], dataset: str, areas: int, years: int, runs: int) -> str:
    lines = [
        f"{dataset}: {areas} Gebiete × {years} Jahre · Median von {runs} Änderungen je Ansicht (min–max) · "
        "Zeit vom Bedienen des Steuerelements bis zum neu gezeichneten Diagramm bzw. zur neu gefärbten Karte, "
        "gemessen im Browser (headless Chromium, ein Server, 2 Kerne).",
        "",
        "| Ansicht | geändert | Median (min–max) |",
        "|---|---|---|",
    ]
    lines += [f"| {v.name} | {v.control} | {fmt(v.times)} |" for v in views]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--folder", type=Path, default=ROOT / "build/examples/berlin2021")
    parser.add_argument("--only", default="", help="only views whose name contains this text")
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"{args.folder} fehlt: zuerst .venv/bin/python scripts/build_examples.py ausführen.")
        return 1
    from sozialraum import load_bundle

    bundle = load_bundle(args.folder)
    views = [v for v in berlin_views() if args.only in v.name]
    proc, url = start_server(args.folder)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
            page = context.new_page()
            for view in views:
                measure(page, url, view, args.runs)
                print(f"{view.name}: {fmt(view.times)}", file=sys.stderr)
            browser.close()
    finally:
        stop_server(proc)
    text = table(views, bundle.settings.stadt_name, len(bundle.areas), len(bundle.years), args.runs)
    out = ROOT / "benchmarks/results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "views.md").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
