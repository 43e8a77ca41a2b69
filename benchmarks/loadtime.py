"""Server-side preparation of one data folder, timed in a fresh process (nothing cached):

    .venv/bin/python benchmarks/loadtime.py FOLDER   → one JSON line

imports (seconds), load_bundle (reading and validating all files), display_geometry (coverage
simplification), write_geometry (the static GeoJSON file), its size, and the resident memory after
each step.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    folder = Path(sys.argv[1])
    out: dict[str, float | int | str] = {}
    started = time.perf_counter()
    from sozialraum import load_bundle
    from sozialraum.fastmap import write_geometry
    from sozialraum.geo import display_geometry

    out["import_s"] = time.perf_counter() - started
    out["rss_import_mb"] = _rss_mb()
    started = time.perf_counter()
    bundle = load_bundle(folder)
    out["load_s"] = time.perf_counter() - started
    out["rss_load_mb"] = _rss_mb()
    out["areas"] = len(bundle.areas)
    out["errors"] = len(bundle.report.errors)
    started = time.perf_counter()
    display = display_geometry(bundle.areas)
    out["display_s"] = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        name = write_geometry(display, Path(tmp))
        out["write_s"] = time.perf_counter() - started
        out["geometry_file"] = name
        out["geometry_bytes"] = (Path(tmp) / name).stat().st_size
    out["rss_display_mb"] = _rss_mb()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
