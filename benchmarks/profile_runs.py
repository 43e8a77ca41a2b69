"""What a page's script run costs under load: cProfile inside a real server, per page.

    .venv/bin/python -m benchmarks.profile_runs [--folder data] [--sessions 20] [--top 25]

Starts `streamlit run serve.py` in a process whose script runs are profiled (each script thread
gets its own cProfile; SIGUSR1 writes the merged profile and starts a new one). Then `sessions`
concurrent visitors do, phase by phase: open Karte and switch the indicator five times; open a
Steckbrief; open Entwicklung. Prints, per phase, the mean script time and the top functions by
cumulative time (own code and the libraries it calls).

Wall time under load includes waiting for the interpreter lock, which other engineers' work on a
shared machine inflates; the CPU figures do not: CPU of the script thread per run (`time.thread_time`)
and CPU of the whole server process per run (event loop, websocket, protobuf included), from
/proc/<pid>/stat. `--cpu` profiles with the thread's CPU clock instead of the wall clock.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import signal
import sys
import threading
import time
from pathlib import Path

from benchmarks.common import RESULTS, ROOT

_lock = threading.Lock()
_profiles: list[cProfile.Profile] = []
_runs: list[float] = []
_cpu: list[float] = []
CPU_CLOCK = "SOZIALRAUM_PROFIL_CPU"  # set: cProfile measures the script thread's CPU time
NO_PROFILE = "SOZIALRAUM_PROFIL_AUS"  # set: only the times, no cProfile (its overhead left out)


def _install(out_prefix: Path) -> None:
    """Inside the server process: wrap ScriptRunner._run_script with a per-thread profiler."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script

    clock = (time.thread_time,) if os.environ.get(CPU_CLOCK) else ()

    def profiled(self, rerun_data):
        profile = None if os.environ.get(NO_PROFILE) else cProfile.Profile(*clock)
        started, cpu = time.perf_counter(), time.thread_time()
        if profile is not None:
            profile.enable()
        try:
            return original(self, rerun_data)
        finally:
            if profile is not None:
                profile.disable()
            with _lock:
                if profile is not None:
                    _profiles.append(profile)
                _runs.append(time.perf_counter() - started)
                _cpu.append(time.thread_time() - cpu)

    script_runner.ScriptRunner._run_script = profiled
    phase = [0]

    def dump(*_: object) -> None:
        with _lock:
            profiles, runs, cpu = list(_profiles), list(_runs), list(_cpu)
            _profiles.clear()
            _runs.clear()
            _cpu.clear()
        phase[0] += 1
        target = out_prefix.with_name(f"{out_prefix.name}-{phase[0]}.prof")
        if profiles:
            stats = pstats.Stats(profiles[0])
            for profile in profiles[1:]:
                stats.add(profile)
            stats.dump_stats(target)
        target.with_suffix(".cpu").write_text("\n".join(f"{c:.4f}" for c in cpu), "utf-8")
        target.with_suffix(".runs").write_text("\n".join(f"{r:.4f}" for r in runs), "utf-8")

    signal.signal(signal.SIGUSR1, dump)


def serve(out_prefix: Path, streamlit_args: list[str]) -> None:
    _install(out_prefix)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "serve.py"), *streamlit_args]
    cli.main()


async def _phase(url: str, plan, sessions: int, phase: str) -> None:
    from benchmarks.wsclient import Session

    async def visit(i: int) -> None:
        await asyncio.sleep(2.0 * i / sessions)
        session = await Session.open(url, 300)
        try:
            shared = {k: v for k, v in plan.query.items() if k in ("indikator", "jahr")}
            if phase == "Karte":
                await session.goto(plan.map_page, plan.query)
                for option in plan.options[:5]:
                    await session.choose(plan.indicator_label, option)
            else:
                await session.goto(phase, {**shared, "gebiet": plan.profile_area})
        finally:
            await session.close()

    await asyncio.gather(*(visit(i) for i in range(sessions)))


def _process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) > 2 and sys.argv[1] == "--serve":
        serve(Path(sys.argv[2]), sys.argv[3:])
        return 0
    import subprocess

    from benchmarks.common import free_port, wait_http
    from benchmarks.load import open_sessions
    from benchmarks.public_load import wait_for_warm_views
    from benchmarks.run_all import plan_for, prepare

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "data")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--label", default="profil")
    parser.add_argument("--cpu", action="store_true", help="profile with the thread's CPU clock, not wall time")
    parser.add_argument("--no-profile", action="store_true", help="times only, without cProfile's overhead")
    args = parser.parse_args(argv)
    plan = plan_for(prepare(args.folder.name, args.folder), "ours")
    RESULTS.mkdir(parents=True, exist_ok=True)
    prefix = RESULTS / args.label
    for old in RESULTS.glob(f"{args.label}-*.*"):  # an earlier run's phase files would be read as this run's
        if old.suffix in (".prof", ".runs", ".cpu"):
            old.unlink()
    port = free_port()
    env = {**os.environ, "SOZIALRAUM_DATA_DIR": str(args.folder), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    if args.cpu:
        env[CPU_CLOCK] = "1"
    if args.no_profile:
        env[NO_PROFILE] = "1"
    log = RESULTS / f"{args.label}-server.log"
    command = [sys.executable, "-m", "benchmarks.profile_runs", "--serve", str(prefix),
               "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
               "--server.fileWatcherType", "none"]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{url}/_stcore/health", process, log, b"ok")
        open_sessions(url, process.pid, plan, [1])  # warm: data loaded once
        wait_for_warm_views(log)  # the background computation of components/warm.py is done
        process.send_signal(signal.SIGUSR1)  # the warm-up's profile: not counted
        print("Phasen beginnen", flush=True)  # a sampling profiler outside may start now
        for number, phase in enumerate(("Karte", "Steckbrief", "Entwicklung"), start=2):
            time.sleep(0.5)
            process_cpu = _process_cpu(process.pid)
            asyncio.run(_phase(url, plan, args.sessions, phase))
            time.sleep(0.5)
            process_cpu = _process_cpu(process.pid) - process_cpu
            process.send_signal(signal.SIGUSR1)
            runs_file = prefix.with_name(f"{prefix.name}-{number}.runs")
            deadline = time.time() + 30
            while not runs_file.exists() and time.time() < deadline:
                time.sleep(0.2)
            runs = [float(x) for x in runs_file.read_text().split()] if runs_file.exists() else []
            mean = sum(runs) / len(runs) if runs else float("nan")
            cpu = [float(x) for x in runs_file.with_suffix(".cpu").read_text().split()] if runs else []
            thread_cpu = sum(cpu) / len(cpu) if cpu else float("nan")
            per_run = process_cpu / len(runs) if runs else float("nan")
            print(
                f"\n=== {phase}: {len(runs)} script runs, mean {mean * 1000:.0f} ms (wall, under load), "
                f"CPU {thread_cpu * 1000:.0f} ms script thread, {per_run * 1000:.0f} ms whole server ==="
            )
            prof = runs_file.with_suffix(".prof")
            if prof.exists():
                stats = pstats.Stats(str(prof))
                stats.sort_stats("cumulative").print_stats(args.top)
    finally:
        process.terminate()
        process.wait(timeout=20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
