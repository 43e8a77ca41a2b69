"""Sozialbericht: build time of the whole report (PDF + web edition) and the web edition's first map
against a plain Leaflet page with the same geometry, both opened as files in headless Chromium.

    flock /tmp/e2e.lock .venv/bin/python benchmarks/bench_bericht.py [DATENORDNER …] [--runden 7]

Prints one table per data folder; nothing is asserted (speed targets live in the output, not in tests).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import CHROMIUM, CHROMIUM_ARGS
from sozialraum.bericht import build_report
from sozialraum.settings import DEFAULT_DATA_DIR

PLAIN = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Leaflet pur</title>
<link rel="stylesheet" href="assets/leaflet/leaflet.css"><script src="assets/leaflet/leaflet.js"></script>
<script src="karten/geometrie.js"></script><style>#k{height:26rem;max-width:40rem}</style></head>
<body><div id="k"></div><script>
var map = L.map("k"); var layer = L.geoJSON(window.SR_GEOMETRIE).addTo(map); map.fitBounds(layer.getBounds());
</script></body></html>"""


def first_map_ms(page: Page, uri: str, areas: int) -> float:
    """From navigation to the last polygon of the page's first map in the DOM."""
    started = time.perf_counter()
    page.goto(uri, wait_until="commit")
    page.locator("path.leaflet-interactive").nth(areas - 1).wait_for(state="attached", timeout=240_000)
    return (time.perf_counter() - started) * 1000


def measure(folder: Path, rounds: int) -> None:
    target = Path(tempfile.mkdtemp(prefix="bench-bericht-")) / "ausgabe"
    last = [0.0]

    def progress(share: float, message: str) -> None:
        now = time.perf_counter()
        print(f"  [{share * 100:3.0f} %] {message}", flush=True)
        last[0] = now

    result = build_report(folder, target, progress=progress)
    areas = len(__import__("json").loads((result.web / "karten" / "geometrie.js").read_text()[20:-1])["features"])
    (result.web / "leaflet-pur.html").write_text(PLAIN, encoding="utf-8")
    ours = next(p for p in sorted(result.web.glob("handlungsfeld-*.html")) if "leaflet-karte" in p.read_text("utf-8"))
    times: dict[str, list[float]] = {"Webfassung, erste Karte": [], "Leaflet pur, gleiche Geometrie": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for _ in range(rounds):  # alternating, so a busy moment hits both
            for name, uri in (
                ("Webfassung, erste Karte", ours.as_uri()),
                ("Leaflet pur, gleiche Geometrie", (result.web / "leaflet-pur.html").as_uri()),
            ):
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                times[name].append(first_map_ms(context.new_page(), uri, areas))
                context.close()
        browser.close()
    print(
        f"\n{folder} ({areas} Gebiete): Bericht {result.seconds:.1f} s, {result.pages} PDF-Seiten, "
        f"{len(list(result.web.glob('*.html')))} Webseiten"
    )
    print("| Seite | Median ms | Min ms | Max ms | Runden |\n|---|---:|---:|---:|---:|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.0f} | {min(values):.0f} | {max(values):.0f} | {len(values)} |")
    ratio = statistics.median(times["Webfassung, erste Karte"]) / statistics.median(
        times["Leaflet pur, gleiche Geometrie"]
    )
    print(f"Verhältnis Webfassung / Leaflet pur (Median): {ratio:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="*", type=Path, default=[DEFAULT_DATA_DIR])
    parser.add_argument("--runden", type=int, default=7)
    args = parser.parse_args(argv)
    for folder in args.folders:
        measure(folder, args.runden)
    return 0


if __name__ == "__main__":
    sys.exit(main())
