"""The whole benchmark in one command: four datasets, the floors, naive and ours, server memory, load.

    .venv/bin/python benchmarks/run_all.py [--runs 5] [--quick] [--only Berlin --only ...]
                                           [--dataset NAME=FOLDER ...] [--no-load] [--no-memory]

Writes benchmarks/results/<date>.md and benchmarks/results/latest.md (git-ignored) and prints the
table. Not a test: the numbers depend on the machine and on what else runs on it (the load average
is written next to every measurement). Method and meaning: docs/leistung.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import bench, phone_vote
from benchmarks.common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    RESULTS,
    ROOT,
    load_average,
    start_http_server,
    start_streamlit,
)
from benchmarks.load import (
    VISIT_ACTIONS,
    VOTE_ACTIONS,
    LoadResult,
    Plan,
    VoteResult,
    load_test,
    open_sessions,
    percentile,
    vote_test,
)

CONTENDERS = ("floor", "naive", "ours")
SCRIPTS = {"ours": ("app.py", "/Karte", "Karte"), "naive": ("benchmarks/naive_app.py", "/", "")}
RESPONSIVE_MS = 200.0  # longest main-thread block while the map loads that still counts as responsive


@dataclass
class Dataset:
    name: str
    folder: Path
    areas: int = 0
    indicator: str = ""
    other: str = ""
    year: int = 0
    labels: dict[str, str] = field(default_factory=dict)  # contender -> shown text of `other`
    options: dict[str, list[str]] = field(default_factory=dict)  # contender -> texts for the load visit
    profile: tuple[str, str] = ("", "")
    canvas: bool = False


@dataclass
class ContenderResult:
    runs: list[bench.BrowserRun] = field(default_factory=list)
    cold_start: list[float] = field(default_factory=list)
    rss_idle: list[float] = field(default_factory=list)
    rss_after: list[float] = field(default_factory=list)
    sessions_rss: dict[int, float] = field(default_factory=dict)
    load: dict[str, list[float]] = field(default_factory=dict)
    load_avg: list[float] = field(default_factory=list)


@dataclass
class DatasetResult:
    dataset: Dataset
    contenders: dict[str, ContenderResult] = field(default_factory=dict)
    prep: list[dict] = field(default_factory=list)
    geometry_bytes: int = 0
    load_test: LoadResult | None = None
    errors: list[str] = field(default_factory=list)


# --- datasets --------------------------------------------------------------------------------------


def default_datasets(quick: bool) -> list[tuple[str, Path]]:
    from benchmarks.make_synthetic import DEFAULT_OUT, generate

    examples = ROOT / "build" / "examples"
    if not (examples / "berlin2021").is_dir() and (ROOT.parent / "shared" / "realdata").is_dir():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_examples.py")], cwd=ROOT, check=True)
    found = [("Gera", ROOT / "data")]
    for name, folder in (("Jena", examples / "jena"), ("Berlin 2021", examples / "berlin2021")):
        if folder.is_dir():
            found.append((name, folder))
        else:
            print(f"{name}: {folder} fehlt (scripts/build_examples.py braucht ../shared/realdata)", file=sys.stderr)
    if not quick:
        found.append(("Synthetisch 11k", generate(DEFAULT_OUT)))
    return found


def prepare(name: str, folder: Path) -> Dataset:
    """Pick the indicators to switch between (the default and the one whose colours differ most)."""
    from sozialraum import load_bundle
    from sozialraum.classify import classify
    from sozialraum.fastmap import class_colours
    from sozialraum.indicators import indicator_table

    bundle = load_bundle(folder)
    catalogue = bundle.catalogue
    indicator = bundle.settings.standard_indikator
    if indicator not in catalogue.index:
        indicator = str(catalogue.index[0])

    def colours(indikator: str) -> tuple[int, dict[str, str]]:
        values = bundle.values[bundle.values["indikator_id"] == indikator].dropna(subset=["wert"])
        if values.empty:
            return 0, {}
        year = int(values["jahr"].max())
        table = indicator_table(bundle.values, bundle.areas, bundle.city, bundle.catalogue, indikator, year)
        polarity = str(catalogue.at[indikator, "polaritaet"])
        city = table["stadt"].iloc[0] if len(table) else None
        return year, class_colours(table, classify(table["wert"], "quantile", 5, polarity, center=city))

    year, base = colours(indicator)
    others = []
    for candidate in catalogue.index:
        if candidate == indicator:
            continue
        _, theirs = colours(candidate)
        differing = sum(theirs.get(g) != c for g, c in base.items()) + len(set(theirs) - set(base))
        others.append((differing, str(candidate)))
    others.sort(key=lambda item: -item[0])
    other = others[0][1]

    def ours(i: str) -> str:
        return f"{catalogue.at[i, 'thema']} · {catalogue.at[i, 'name']}"

    def naive(i: str) -> str:
        return str(catalogue.at[i, "name"])

    cycle = [o for _, o in others[:4]] or [other]
    switch_to = [cycle[i % len(cycle)] if i % 2 == 0 else indicator for i in range(5)]
    areas = bundle.areas.sort_values("gebiet_id")
    if "einwohner" in areas.columns and areas["einwohner"].notna().any():
        # pages/5_Steckbrief.py fails on an area without population (pd.NA): profile one that has it
        areas = areas[areas["einwohner"].notna()]
    first = areas.iloc[0]
    from sozialraum import fastmap

    threshold = getattr(fastmap, "CANVAS_FROM", None)
    return Dataset(
        name=name,
        folder=folder,
        areas=len(bundle.areas),
        indicator=indicator,
        other=other,
        year=year,
        labels={"ours": ours(other), "naive": naive(other)},
        options={"ours": [ours(i) for i in switch_to], "naive": [naive(i) for i in switch_to]},
        profile=(str(first["gebiet_id"]), str(first["name"])),
        canvas=threshold is not None and len(bundle.areas) >= threshold,
    )


def prep_times(folder: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "loadtime.py"), str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def plan_for(dataset: Dataset, contender: str) -> Plan:
    return Plan(
        map_page=SCRIPTS[contender][2],
        query={"indikator": dataset.indicator},
        indicator_label="Indikator",
        options=dataset.options[contender],
        profile_area=dataset.profile[0] if contender == "ours" else None,
    )


# --- measuring -------------------------------------------------------------------------------------


def measure_blank(browser, runs: int) -> ContenderResult:
    result = ContenderResult()
    for _ in range(runs):
        result.load_avg.append(load_average())
        with start_streamlit("benchmarks/blank_app.py", None) as server:
            result.cold_start.append(server.started_s)
            result.rss_idle.append(server.rss_mb())
            run = bench.BrowserRun()
            bench.measure_blank(browser, server.url, run)
            result.runs.append(run)
            result.rss_after.append(server.rss_mb())
    return result


def measure_dataset(browser, dataset: Dataset, args: argparse.Namespace) -> DatasetResult:
    from benchmarks.floor import build_floor

    out = DatasetResult(dataset)
    for _ in range(args.runs):
        out.prep.append(prep_times(dataset.folder))
    site = build_floor(
        dataset.folder,
        ROOT / "build" / "bench" / "floor" / dataset.folder.name,
        (dataset.indicator, dataset.other),
        dataset.canvas,
    )
    out.geometry_bytes = site.geometry_bytes
    if "ours" in args.contenders:
        # once per data state the app prepares and stores its display geometry (timed above, in
        # `prep`); the runs measure restarts that find it, as any restart after the first does
        with start_streamlit(SCRIPTS["ours"][0], dataset.folder) as server:
            open_sessions(server.url, server.pid, plan_for(dataset, "ours"), [1])
    results = {c: ContenderResult() for c in args.contenders}
    out.contenders = results
    with start_http_server(site.folder) as http:
        for run_index in range(args.runs):
            for contender in args.contenders:  # interleaved, so a busy moment hits all contenders alike
                result = results[contender]
                result.load_avg.append(load_average())
                run = bench.BrowserRun()
                try:
                    if contender == "floor":
                        bench.measure_floor(browser, http.url, dataset.areas, dataset.canvas, run)
                    else:
                        measure_streamlit(browser, dataset, contender, result, run)
                except Exception as exc:  # one failed run is reported, the benchmark goes on
                    out.errors.append(f"{contender}, Lauf {run_index + 1}: {type(exc).__name__}: {exc}"[:500])
                result.runs.append(run)
                print(f"  {dataset.name} · {contender} · Lauf {run_index + 1}: {summary(run)}", flush=True)
    if not args.no_memory:
        for contender in args.contenders:
            if contender == "floor":
                continue
            counts = args.sessions if contender == "ours" else [c for c in args.sessions if c <= args.naive_sessions]
            with start_streamlit(SCRIPTS[contender][0], dataset.folder) as server:
                try:
                    results[contender].sessions_rss = open_sessions(
                        server.url, server.pid, plan_for(dataset, contender), counts
                    )
                except Exception as exc:
                    out.errors.append(f"{contender}, Sitzungen: {type(exc).__name__}: {exc}"[:500])
            print(f"  {dataset.name} · {contender} · Sitzungen: {results[contender].sessions_rss}", flush=True)
    if not args.no_load and "ours" in args.contenders:
        with start_streamlit(SCRIPTS["ours"][0], dataset.folder) as server:
            open_sessions(server.url, server.pid, plan_for(dataset, "ours"), [1])  # warm: data loaded once
            out.load_test = load_test(server.url, server.pid, plan_for(dataset, "ours"), args.load_sessions)
        print(f"  {dataset.name} · Last: {len(out.load_test.errors)} Fehler, {out.load_test.seconds:.0f} s", flush=True)
    return out


VOTE_CONFERENCE = "bieblach-ost-2026"  # in data/konferenzen (Gera)
VOTE_CARDS = (
    ("staerke", "Engagierte Nachbarschaft"),
    ("herausforderung", "Viele Kinder wachsen in Armut auf"),
    ("idee", "Jugendclub am Wochenende öffnen"),
    ("chance", "Neue Kita im Quartier"),
)


def measure_voters(voters: int) -> VoteResult:
    """The conference: `voters` phones vote at once on the bundled Gera conference (own SQLite file)."""
    import tempfile

    from sozialraum.konferenz.store import Store
    from sozialraum.konferenz.voting import VoteRules

    with tempfile.TemporaryDirectory() as tmp:
        store_url = f"sqlite:///{Path(tmp) / 'konferenz.sqlite'}"
        store = Store(store_url)
        for art, text in VOTE_CARDS:
            store.add_card(VOTE_CONFERENCE, art, text, folie=8)
        store.open_poll(VOTE_CONFERENCE, VoteRules(dots=3, stacking=True))
        store.close()
        env = {"SOZIALRAUM_DB_DIR": tmp, "SOZIALRAUM_DB_URL": ""}
        with start_streamlit("app.py", ROOT / "data", **env) as server:
            open_sessions(server.url, server.pid, Plan("Abstimmung", {"konferenz": VOTE_CONFERENCE}, "", []), [1])
            return vote_test(server.url, server.pid, VOTE_CONFERENCE, store_url, voters)


def measure_streamlit(browser, dataset: Dataset, contender: str, result: ContenderResult, run) -> None:
    script, path, _ = SCRIPTS[contender]
    with start_streamlit(script, dataset.folder) as server:
        result.cold_start.append(server.started_s)
        result.rss_idle.append(server.rss_mb())
        marker = ".leaflet-container[data-sr-loaded]" if dataset.canvas and contender == "ours" else None
        common = dict(
            url=server.url,
            path=path,
            areas=dataset.areas,
            indicator=dataset.indicator,
            option_text=dataset.labels[contender],
            run=run,
            canvas_marker=marker,
        )
        bench.measure_app(browser, first=True, **common)
        profile = dataset.profile if contender == "ours" else None
        bench.measure_app(browser, first=False, profile_area=profile, **common)
        result.rss_after.append(server.rss_mb())


def summary(run: bench.BrowserRun) -> str:
    parts = []
    if run.first:
        parts.append(f"Erstbesuch {run.first.seconds:.2f} s")
    if run.later:
        parts.append(f"Karte {run.later.seconds:.2f} s")
    if run.switch_s is not None:
        parts.append(f"Wechsel {run.switch_s:.2f} s")
    if run.profile_s is not None:
        parts.append(f"Steckbrief {run.profile_s:.2f} s")
    return ", ".join(parts) or "–"


# --- report ----------------------------------------------------------------------------------------


def med(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(values: list[float | None], unit: str = "s", digits: int = 2, scale: float = 1.0) -> str:
    values = [v * scale for v in values if v is not None]
    if not values:
        return "–"
    middle = statistics.median(values)
    text = f"{middle:,.{digits}f}".replace(",", " ")
    if len(values) > 1:
        text += f" ({min(values):,.{digits}f}–{max(values):,.{digits}f})".replace(",", " ")
    return f"{text} {unit}".strip()


def kib(values: list[int | None]) -> str:
    return fmt(values, "KiB", 0, 1 / 1024)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    import os

    import streamlit

    memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{os.cpu_count()} Kerne ({cpu}), {memory / 1024:.0f} GiB RAM, Python {platform.python_version()}, "
        f"Streamlit {streamlit.__version__}, {chromium}"
    )


def report(
    blank: ContenderResult,
    results: list[DatasetResult],
    args: argparse.Namespace,
    started: float,
    voting: VoteResult | None = None,
) -> str:
    date = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"# Leistungsmessung {date}",
        "",
        f"{machine()}. Median aus {args.runs} Läufen (Spanne min–max); jeder Lauf startet jeden Server neu.",
        f"Dauer {(time.perf_counter() - started) / 60:.0f} min; Last (1-min-Mittel, 2 Kerne) während der Messung: "
        f"{fmt(all_loads(blank, results), '', 1)}.",
        "",
        "## Browser (headless Chromium, im Seitenkontext gemessen)",
        "",
        "Erstbesuch: erster Besuch nach dem Serverstart (lädt die Daten). Karte: neuer Besucher (leerer Cache) "
        "auf dem warmen Server, Navigation bis alle Flächen gezeichnet sind. Wechsel: Klick auf einen anderen "
        "Indikator bis die neuen Farben gezeichnet sind; Seite fertig: bis der Rerun danach beendet ist (Überschrift, "
        "Tabelle, Texte des neuen Indikators). Steckbrief: Klick auf den Link Karte → Steckbrief bis die "
        "Seite fertig ist. Heap: JS-Heap nach Garbage Collection. Blockade: längste Lücke zwischen zwei Frames ab "
        "der ersten Bedienmöglichkeit bis 1 s nach der fertigen Karte.",
        "",
        "| Datensatz | Gebiete | Variante | Erstbesuch | Karte | Wechsel | Wechsel: Seite fertig | WS je Wechsel "
        "| Steckbrief | WS Steckbrief | Heap | Blockade | Last |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    b = blank.runs
    lines.append(
        f"| (alle) | – | leere Streamlit-Seite | – | {fmt([r.later.seconds if r.later else None for r in b])} "
        f"| {fmt([r.switch_s for r in b])} | – | {kib([r.switch_bytes for r in b])} | – "
        f"| – | {fmt([r.later.heap_mb if r.later else None for r in b], 'MiB', 0)} | "
        f"{fmt([r.later.longest_block_ms if r.later else None for r in b], 'ms', 0)} | {fmt(blank.load_avg, '', 1)} |"
    )
    names = {"floor": "Boden (statisches Leaflet)", "naive": "naiv (st_folium)", "ours": "unsere App"}
    for res in results:
        d = res.dataset
        for contender, c in res.contenders.items():
            runs = c.runs
            lines.append(
                f"| {d.name} | {d.areas:,} | {names[contender]} | "
                f"{fmt([r.first.seconds if r.first else None for r in runs])} | "
                f"{fmt([r.later.seconds if r.later else None for r in runs])} | "
                f"{fmt([r.switch_s for r in runs])} | "
                f"{fmt([r.switch_done_s for r in runs]) if contender != 'floor' else '–'} | "
                f"{kib([r.switch_bytes for r in runs]) if contender != 'floor' else '0'} | "
                f"{fmt([r.profile_s for r in runs])} | {kib([r.profile_bytes for r in runs])} | "
                f"{fmt([r.later.heap_mb if r.later else None for r in runs], 'MiB', 0)} | "
                f"{fmt([r.later.longest_block_ms if r.later else None for r in runs], 'ms', 0)} | "
                f"{fmt(c.load_avg, '', 1)} |".replace(",", ".")
            )
    lines += [
        "",
        "## Server",
        "",
        "Kaltstart: Prozessstart bis /_stcore/health antwortet. Laden: `load_bundle` (Lesen und Prüfen aller "
        "Dateien) in einem frischen Prozess; Anzeige-Geometrie: `display_geometry` + `write_geometry`. "
        "Speicher: VmRSS des Serverprozesses; „nach Besuchen“ nach den zwei Browserbesuchen eines Laufs; "
        "Sitzungen: nacheinander geöffnete Websocket-Sitzungen, jede zeigt die Karte (benchmarks/wsclient.py).",
        "",
        "| Datensatz | Variante | Kaltstart | Laden | Anzeige-Geometrie | GeoJSON | RSS leer | RSS nach Besuchen "
        "| RSS mit Sitzungen |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
        f"| (alle) | leere Streamlit-Seite | {fmt(blank.cold_start)} | – | – | – | {fmt(blank.rss_idle, 'MiB', 0)} "
        f"| {fmt(blank.rss_after, 'MiB', 0)} | – |",
    ]
    for res in results:
        d = res.dataset
        load_s = fmt([p["load_s"] for p in res.prep])
        display_s = fmt([p["display_s"] + p["write_s"] for p in res.prep])
        size = f"{res.geometry_bytes / 2**20:.2f} MiB"
        for contender, c in res.contenders.items():
            if contender == "floor":
                continue
            sessions = ", ".join(f"{n}: {mb:.0f} MiB" for n, mb in sorted(c.sessions_rss.items())) or "–"
            lines.append(
                f"| {d.name} | {names[contender]} | {fmt(c.cold_start)} | {load_s} | {display_s} | {size} "
                f"| {fmt(c.rss_idle, 'MiB', 0)} | {fmt(c.rss_after, 'MiB', 0)} | {sessions} |"
            )
    lines += ratios(blank, results)
    lines += targets(blank, results)
    lines += load_table(results)
    lines += vote_table(voting)
    errors = [f"- {r.dataset.name}: {e}" for r in results for e in r.errors]
    if errors:
        lines += ["", "## Fehler während der Messung", "", *errors]
    return "\n".join(lines) + "\n"


def all_loads(blank: ContenderResult, results: list[DatasetResult]) -> list[float]:
    return blank.load_avg + [v for r in results for c in r.contenders.values() for v in c.load_avg]


def _m(res: DatasetResult, contender: str, attr: str) -> float | None:
    c = res.contenders.get(contender)
    if c is None:
        return None
    if attr in ("later", "first"):
        return med([getattr(r, attr).seconds if getattr(r, attr) else None for r in c.runs])
    if attr == "heap":
        return med([r.later.heap_mb if r.later else None for r in c.runs])
    if attr == "block":
        return med([r.later.longest_block_ms if r.later else None for r in c.runs])
    return med([getattr(r, attr) for r in c.runs])


def ratios(blank: ContenderResult, results: list[DatasetResult]) -> list[str]:
    lines = [
        "",
        "## Verhältnisse (Mediane)",
        "",
        "| Datensatz | Karte unsere/Boden | Wechsel unsere/Boden | Karte unsere/naiv | Wechsel unsere/naiv "
        "| WS-Bytes naiv/unsere |",
        "|---|---:|---:|---:|---:|---:|",
    ]

    def ratio(a: float | None, b: float | None) -> str:
        if a is None or not b:
            return "–"
        return f"{a / b:.1f}×" if a / b >= 1 else f"{a / b:.2f}×"

    for res in results:
        lines.append(
            f"| {res.dataset.name} | {ratio(_m(res, 'ours', 'later'), _m(res, 'floor', 'later'))} "
            f"| {ratio(_m(res, 'ours', 'switch_s'), _m(res, 'floor', 'switch_s'))} "
            f"| {ratio(_m(res, 'ours', 'later'), _m(res, 'naive', 'later'))} "
            f"| {ratio(_m(res, 'ours', 'switch_s'), _m(res, 'naive', 'switch_s'))} "
            f"| {ratio(_m(res, 'naive', 'switch_bytes'), _m(res, 'ours', 'switch_bytes'))} |"
        )
    return lines


def targets(blank: ContenderResult, results: list[DatasetResult]) -> list[str]:
    blank_s = med([r.later.seconds if r.later else None for r in blank.runs])
    lines = [
        "",
        "## Ziele (Issue 9)",
        "",
        "| Datensatz | Ziel | Grenze | gemessen | erfüllt |",
        "|---|---|---:|---:|---|",
    ]

    def row(name: str, goal: str, limit: float | None, value: float | None, unit: str, below: bool = True) -> None:
        if limit is None or value is None:
            lines.append(f"| {name} | {goal} | – | – | nicht gemessen |")
            return
        ok = value <= limit if below else value >= limit
        lines.append(f"| {name} | {goal} | {limit:.2f} {unit} | {value:.2f} {unit} | {'ja' if ok else '**nein**'} |")

    for res in results:
        n = res.dataset.name
        floor_map, floor_switch = _m(res, "floor", "later"), _m(res, "floor", "switch_s")
        limit = blank_s + 2 * floor_map if blank_s is not None and floor_map is not None else None
        row(n, "Karte ≤ leere Seite + 2 × Boden", limit, _m(res, "ours", "later"), "s")
        row(
            n,
            "Wechsel ≤ 4 × Boden-Umfärben",
            4 * floor_switch if floor_switch else None,
            _m(res, "ours", "switch_s"),
            "s",
        )
        naive_b, ours_b = _m(res, "naive", "switch_bytes"), _m(res, "ours", "switch_bytes")
        row(
            n,
            "WS-Bytes je Wechsel: naiv/unsere ≥ 10",
            10.0,
            naive_b / ours_b if naive_b and ours_b else None,
            "×",
            False,
        )
        if res.dataset.areas >= 5000:
            row(n, "Browser-Heap < 300 MB", 300 / 1.048576, _m(res, "ours", "heap"), "MiB")
            row(
                n,
                f"bedienbar beim Laden (Blockade ≤ {RESPONSIVE_MS:.0f} ms)",
                RESPONSIVE_MS,
                _m(res, "ours", "block"),
                "ms",
            )
            ours = res.contenders.get("ours")
            fifty = ours.sessions_rss.get(50) if ours else None
            row(n, "Server < 400 MB mit 50 Sitzungen", 400 / 1.048576, fifty, "MiB")
        if res.load_test is not None:
            lt = res.load_test
            lines.append(
                f"| {n} | {lt.sessions} gleichzeitige Besuche ohne Fehler | 0 | {len(lt.errors)} "
                f"| {'ja' if not lt.errors and lt.completed == lt.sessions else '**nein**'} |"
            )
    return lines


def load_table(results: list[DatasetResult]) -> list[str]:
    tests = [r for r in results if r.load_test is not None]
    if not tests:
        return []
    lines = [
        "",
        "## Last: gleichzeitige Besuche (Websocket-Clients)",
        "",
        "Jeder Besuch: Karte öffnen (und das GeoJSON laden), fünfmal den Indikator wechseln, Steckbrief öffnen, "
        "Entwicklung öffnen; gestartet gleichmäßig innerhalb von 5 s. Zeiten vom Senden bis „Skript fertig“.",
        "",
        "| Datensatz | Besuche | fertig | Fehler | Dauer | RSS-Spitze | "
        + " | ".join(f"{a} p50 / p95" for a in VISIT_ACTIONS)
        + " |",
        "|---|---:|---:|---:|---:|---:|" + "---:|" * len(VISIT_ACTIONS),
    ]
    for res in tests:
        lt = res.load_test
        cells = []
        for action in VISIT_ACTIONS:
            values = lt.actions.get(action, [])
            cells.append(f"{percentile(values, 50):.2f} / {percentile(values, 95):.2f} s" if values else "–")
        lines.append(
            f"| {res.dataset.name} | {lt.sessions} | {lt.completed} | {len(lt.errors)} | {lt.seconds:.0f} s "
            f"| {lt.peak_rss_mb:.0f} MiB | " + " | ".join(cells) + " |"
        )
    for res in tests:
        for error in sorted(set(res.load_test.errors))[:5]:
            lines.append(f"\n- {res.dataset.name}: {error[:300]}")
    return lines


def vote_table(voting: VoteResult | None) -> list[str]:
    if voting is None:
        return []
    lost = voting.dots_given - voting.dots_stored
    cells = []
    for action in VOTE_ACTIONS:
        values = voting.actions.get(action, [])
        cells.append(f"{percentile(values, 50):.2f} / {percentile(values, 95):.2f} s" if values else "–")
    lines = [
        "",
        "## Konferenz: Telefone stimmen gleichzeitig ab (pages/12_Abstimmung.py)",
        "",
        f"{voting.sessions} Websocket-Clients öffnen innerhalb von 2 s die Abstimmungsseite der Gera-Konferenz "
        f"(`{VOTE_CONFERENCE}`, vier Karten, drei Punkte, häufeln erlaubt), verteilen ihre Punkte und drücken "
        "„Stimme abgeben“. Danach zählt der Test in der Datenbank (SQLite, eine Instanz) nach.",
        "",
        "| Telefone | bestätigt | Fehler | Stimmzettel gespeichert | Punkte vergeben / gespeichert | Dauer "
        "| RSS-Spitze | " + " | ".join(f"{a} p50 / p95" for a in VOTE_ACTIONS) + " |",
        "|---:|---:|---:|---:|---:|---:|---:|" + "---:|" * len(VOTE_ACTIONS),
        f"| {voting.sessions} | {voting.completed} | {len(voting.errors)} | {voting.ballots_stored} "
        f"| {voting.dots_given} / {voting.dots_stored} | {voting.seconds:.0f} s | {voting.peak_rss_mb:.0f} MiB | "
        + " | ".join(cells)
        + " |",
        "",
        f"Verlorene Stimmen: {voting.sessions - voting.ballots_stored} Stimmzettel, {lost} Punkte.",
    ]
    for error in sorted(set(voting.errors))[:5]:
        lines.append(f"\n- {error[:300]}")
    return lines


# --- main ------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="1 run, no 11k set, few sessions (CI smoke)")
    parser.add_argument("--dataset", action="append", default=[], help="NAME=FOLDER (replaces the defaults)")
    parser.add_argument("--only", action="append", default=[], help="only these default datasets (by name)")
    parser.add_argument("--contender", action="append", choices=CONTENDERS, default=[])
    parser.add_argument("--sessions", default=None, help="open sessions for the memory measurement (1,10,50)")
    parser.add_argument("--naive-sessions", type=int, default=10, help="at most this many sessions for naive")
    parser.add_argument("--load-sessions", type=int, default=None, help="concurrent visits in the load test (50)")
    parser.add_argument("--voters", type=int, default=None, help="phones voting at once (100; 0: none)")
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--out", type=Path, default=None, help="write only this file (not results/latest.md)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 1
    args.sessions = args.sessions or ("1,3" if args.quick else "1,10,50")
    args.load_sessions = args.load_sessions or (3 if args.quick else 50)
    if args.voters is None:
        args.voters = 3 if args.quick else 100
    args.sessions = [int(s) for s in str(args.sessions).split(",") if s]
    args.contenders = args.contender or list(CONTENDERS)
    return args


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    args = parse_args(argv)
    # stopped from outside: leave through the with-blocks, so every server started here stops too
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.perf_counter()
    if args.dataset:
        chosen = [(n, Path(f)) for n, f in (d.split("=", 1) for d in args.dataset)]
    else:
        chosen = [(n, f) for n, f in default_datasets(args.quick) if not args.only or n in args.only]
    datasets = [prepare(name, folder) for name, folder in chosen]
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        print(f"leere Streamlit-Seite · {args.runs} Läufe", flush=True)
        blank = measure_blank(browser, args.runs)
        for dataset in datasets:
            print(f"{dataset.name}: {dataset.areas} Gebiete, Wechsel {dataset.indicator} → {dataset.other}", flush=True)
            results.append(measure_dataset(browser, dataset, args))
        browser.close()
    voting = None
    if args.voters:
        print(f"Konferenz: {args.voters} Telefone stimmen gleichzeitig ab", flush=True)
        voting = measure_voters(args.voters)
    text = report(blank, results, args, started, voting)
    if args.voters:  # the same room on the light page (/abstimmen), with the projector and throttled phones
        print(f"Konferenz: {args.voters} Telefone auf /abstimmen", flush=True)
        text += "\n".join(phone_vote.table(phone_vote.measure(args.voters, 1 if args.quick else 5))) + "\n"
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.out is not None:  # e.g. the CI smoke run: leave results/latest.md to real runs
        args.out.write_text(text, encoding="utf-8")
    else:
        (RESULTS / f"{dt.datetime.now():%Y-%m-%d_%H%M}.md").write_text(text, encoding="utf-8")
        (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
