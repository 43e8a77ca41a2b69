"""The public under load: N concurrent visits (benchmarks/load.py) against the production setup.

    .venv/bin/python -m benchmarks.public_load --dataset Gera --instances 2 [--sessions 50]
    .venv/bin/python -m benchmarks.public_load --dataset "Berlin 2021" --instances 1

`--instances 1`: one `streamlit run serve.py`, visited directly (the setup before issue 24).
`--instances N` (N ≥ 2): N instances of serve.py behind nginx with deploy/nginx-zwei-instanzen.conf
(ports and the upstream list filled in), each visitor bound to one instance by nginx's cookie, as a
browser would be. Every instance is warmed (data loaded, geometry written) before the visits start.
Prints one table row per run with the load average before and after (the machine is shared).
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookies
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from benchmarks.common import ROOT, free_port, load_average, start_streamlit
from benchmarks.load import VISIT_ACTIONS, LoadResult, Plan, load_test, open_sessions, percentile
from benchmarks.wsclient import Session
from components.warm import DONE as WARM_DONE
from components.warm import ENV as WARM_ENV

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CLUSTER_CONFIG = ROOT / "deploy" / "nginx-zwei-instanzen.conf"
UPSTREAM_LINE = re.compile(r"^\s*server 127\.0\.0\.1:8501 (?P<options>[^;]*);\n", re.MULTILINE)


def cluster_config(listen_port: int, ports: list[int]) -> str:
    """The shipped two-instance site with this run's ports and one upstream line per instance."""
    site = CLUSTER_CONFIG.read_text("utf-8")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{listen_port};").replace("listen [::]:80;", "")
    options = UPSTREAM_LINE.search(site)
    if options is None:
        raise RuntimeError(f"{CLUSTER_CONFIG}: upstream line for 127.0.0.1:8501 not found")
    lines = "".join(f"    server 127.0.0.1:{port} {options['options']};\n" for port in ports)
    site = re.sub(r"^\s*server 127\.0\.0\.1:850[12] [^;]*;\n", "", site, flags=re.MULTILINE)
    for shipped, port in zip(("8501", "8502"), ports, strict=False):  # the instance names (a, b) of the header
        site = site.replace(f'"127.0.0.1:{shipped}"', f'"127.0.0.1:{port}"')
    return site.replace("    keepalive 16;", lines + "    keepalive 16;", 1)


@contextmanager
def nginx(listen_port: int, ports: list[int]) -> Iterator[str]:
    """nginx in a temporary prefix of its own in front of `ports`; yields its URL."""
    with tempfile.TemporaryDirectory(prefix="sr-nginx-") as tmp:
        folder = Path(tmp)
        (folder / "site.conf").write_text(cluster_config(listen_port, ports), "utf-8")
        temp = "".join(
            f" {directive} {folder / name};\n"
            for directive, name in (
                ("client_body_temp_path", "body"),
                ("proxy_temp_path", "proxy"),
                ("fastcgi_temp_path", "fastcgi"),
                ("uwsgi_temp_path", "uwsgi"),
                ("scgi_temp_path", "scgi"),
            )
        )
        conf = folder / "nginx.conf"
        conf.write_text(
            f"pid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
            f"events {{ worker_connections 1024; }}\n"
            f"http {{\n{temp} access_log off;\n include {folder / 'site.conf'};\n}}\n",
            "utf-8",
        )
        subprocess.run([NGINX, "-t", "-c", str(conf)], check=True, capture_output=True)
        subprocess.run([NGINX, "-c", str(conf)], check=True, capture_output=True)
        try:
            yield f"http://127.0.0.1:{listen_port}"
        finally:
            subprocess.run([NGINX, "-c", str(conf), "-s", "stop"], check=False, capture_output=True)


class CookieSession(Session):
    """A visitor behind nginx: first the page (nginx sets the binding cookie), then the websocket
    with that cookie, so all of the visit's runs land on one instance as a browser's would."""

    @classmethod
    async def open(cls, base_url: str, timeout_s: float = 300.0, headers: dict[str, str] | None = None) -> Session:
        def first_page() -> str:
            with urllib.request.urlopen(base_url + "/", timeout=timeout_s) as response:
                response.read()
                jar = http.cookies.SimpleCookie()
                for header in response.headers.get_all("Set-Cookie") or []:
                    jar.load(header)
                return "; ".join(f"{k}={v.value}" for k, v in jar.items())

        cookie = await asyncio.to_thread(first_page)
        # nginx refuses a websocket whose Origin is not its own address, as a browser on the page sends it
        extra = {**(headers or {}), "Origin": base_url} | ({"Cookie": cookie} if cookie else {})
        return await super().open(base_url, timeout_s, extra)


def wait_for_warm_views(log: Path, timeout_s: float = 600.0) -> None:
    """Until the server's log says its background computation is done (components/warm.py): a
    server that has been up a while, as before a press release, not one started a second ago."""
    deadline = time.monotonic() + timeout_s
    while WARM_DONE not in log.read_text("utf-8", errors="replace"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{log}: no '{WARM_DONE}' within {timeout_s:.0f} s")
        time.sleep(0.5)


def run(
    folder: Path, plan: Plan, instances: int, sessions: int, warm: bool = True
) -> tuple[LoadResult, float, float, float]:
    """Start, warm, visit; returns the result, load averages before/after and the summed RSS peak.
    `warm=False`: without the background computation of components/warm.py (the setup before it)."""
    env = {} if warm else {WARM_ENV: "0"}
    with ExitStack() as stack:
        servers = [stack.enter_context(start_streamlit("serve.py", folder, **env)) for _ in range(instances)]
        for server in servers:
            open_sessions(server.url, server.pid, plan, [1])  # data loaded, geometry written, once per process
        for server in servers if warm else []:
            wait_for_warm_views(server.log)
        url, visitor = servers[0].url, Session
        if instances > 1:  # the visits go through nginx
            url = stack.enter_context(nginx(free_port(), [int(s.url.rsplit(":", 1)[1]) for s in servers]))
            visitor = CookieSession
        before = load_average()
        result = load_test(url, servers[0].pid, plan, sessions, session_class=visitor)
        after = load_average()
        rss = sum(s.rss_mb() for s in servers)
    return result, before, after, rss


def row(label: str, result: LoadResult, before: float, after: float, rss: float) -> str:
    cells = []
    for action in VISIT_ACTIONS:
        values = result.actions.get(action, [])
        cells.append(f"{percentile(values, 50):.2f} / {percentile(values, 95):.2f} s" if values else "–")
    return (
        f"| {label} | {result.sessions} | {result.completed} | {len(result.errors)} | {result.seconds:.0f} s "
        f"| {rss:.0f} MiB | " + " | ".join(cells) + f" | {before:.1f} → {after:.1f} |"
    )


HEADER = (
    "| Aufbau | Besuche | fertig | Fehler | Dauer | RSS danach (Summe) | "
    + " | ".join(f"{a} p50 / p95" for a in VISIT_ACTIONS)
    + " | Last vorher → nachher |\n|---|---:|---:|---:|---:|---:|"
    + "---:|" * len(VISIT_ACTIONS)
    + "---|"
)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from benchmarks.run_all import default_datasets, plan_for, prepare

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="Gera", help="Gera, Jena or 'Berlin 2021'")
    parser.add_argument("--folder", type=Path, default=None, help="a data folder instead of a named dataset")
    parser.add_argument("--instances", type=int, action="append", default=[], help="1, 2 … (repeatable)")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--no-warm", action="store_true", help="without the background computation (warm.py)")
    args = parser.parse_args(argv)
    folder = args.folder or dict(default_datasets(quick=True)).get(args.dataset)
    if folder is None:
        parser.error(f"unknown dataset {args.dataset!r}")
    plan = plan_for(prepare(args.dataset, folder), "ours")
    lines = [HEADER]
    for instances in args.instances or [1]:
        result, before, after, rss = run(folder, plan, instances, args.sessions, warm=not args.no_warm)
        label = f"{args.dataset}, {instances} Instanz" + ("en hinter nginx" if instances > 1 else "")
        label += ", ohne Vorberechnung" if args.no_warm else ""
        lines.append(row(label, result, before, after, rss))
        print(lines[-1], flush=True)
        for error in sorted(set(result.errors))[:5]:
            print(f"  - {error[:300]}", flush=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
