"""The light phone vote (/abstimmen, serve.py) with a full room: N phones at once over plain HTTP while
the projector shows the voting slide, plus a sample of phones in Chromium on a throttled mobile profile.

    .venv/bin/python -m benchmarks.phone_vote --voters 100 --throttled 5

Each phone: open the page (GET, cookie), give three points, send (POST as the page's script does,
`Accept: application/json`). The projector: a logged-in moderator session on the voting slide,
opened again every 3 s over Streamlit's websocket (more work than the live ranking's fragment it
really reruns). Afterwards the database is counted: every ballot and every point must be there.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import json
import os
import re
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.common import ROOT, load_average, start_streamlit
from benchmarks.load import VoteResult, _PeakMemory, _run_async, percentile
from benchmarks.wsclient import Session

KONFERENZ = "bieblach-ost-2026"  # in data/konferenzen (Gera)
CARDS = (
    ("staerke", "Engagierte Nachbarschaft"),
    ("herausforderung", "Viele Kinder wachsen in Armut auf"),
    ("idee", "Jugendclub am Wochenende öffnen"),
    ("chance", "Neue Kita im Quartier"),
)
ACTIONS = ("Seite öffnen", "Stimme abgeben")
MODERATOR, PASSWORD, COOKIE_SECRET = "moderation", "projektor-im-saal", "benchmark-cookie-secret"
# Chromium network emulation of a phone on a weak connection (DevTools' "Fast 3G" is 1.6 Mbit/s, 150 ms)
MOBILE = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}


@dataclass
class PhoneVoteResult(VoteResult):
    projector: list[float] = field(default_factory=list)  # seconds per projector rerun during the vote
    throttled: dict[str, list[float]] = field(default_factory=dict)  # usable / counted per sampled phone
    throttled_kb: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _phone(base: str, index: int, result: PhoneVoteResult, delay: float) -> None:
    time.sleep(delay)
    url = f"{base}/abstimmen?konferenz={KONFERENZ}"
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    try:
        started = time.perf_counter()
        with opener.open(url, timeout=120) as response:
            page = response.read().decode("utf-8")
        opened = time.perf_counter() - started
        cards = re.findall(r"name='karte_(\d+)'", page)
        csrf = re.search(r"name='csrf' value='([0-9a-f]+)'", page)
        poll = re.search(r"name='abstimmung' value='(\d+)'", page)
        if not cards or csrf is None or poll is None:
            raise RuntimeError(f"kein Stimmzettel auf der Seite: {page[:200]}")
        first, second = cards[index % len(cards)], cards[(index + 1) % len(cards)]
        form = {"csrf": csrf.group(1), "abstimmung": poll.group(1), f"karte_{first}": "2", f"karte_{second}": "1"}
        body = urllib.parse.urlencode(form).encode()
        headers = {"Origin": base, "Accept": "application/json"}
        started = time.perf_counter()
        with opener.open(urllib.request.Request(url, data=body, headers=headers), timeout=120) as response:
            answer = json.loads(response.read())
        sent = time.perf_counter() - started
        if not answer.get("ok"):
            raise RuntimeError(answer.get("meldung"))
        with result.lock:
            result.add(ACTIONS[0], opened, len(page))
            result.add(ACTIONS[1], sent, 0)
            result.dots_given += 3
            result.completed += 1
    except Exception as exc:  # every failure is a lost vote: counted, never raised
        with result.lock:
            result.errors.append(f"{type(exc).__name__}: {exc}")


def _projector(base: str, result: PhoneVoteResult, ready: threading.Event, stop: threading.Event) -> None:
    from sozialraum import auth

    users = auth.load_users(None)
    cookie = f"{auth.SESSION_COOKIE}={auth.session_token(users[MODERATOR], COOKIE_SECRET)}"

    async def run() -> None:
        session = await Session.open(base, headers={"Cookie": cookie})
        try:
            while not stop.is_set():
                done = await session.goto("Praesentation", {"konferenz": KONFERENZ, "folie": "9"})
                if "Anmeldung" in done.headings:
                    raise RuntimeError("Projektor: nicht angemeldet")
                if ready.is_set():  # the first run loads the data: not counted
                    result.projector.append(done.seconds)
                ready.set()
                await asyncio.sleep(3.0)
        finally:
            await session.close()

    try:
        _run_async(run)
    except Exception as exc:
        result.errors.append(f"Projektor: {type(exc).__name__}: {exc}")
    finally:
        ready.set()


def _throttled_sample(base: str, count: int, result: PhoneVoteResult) -> None:
    """`count` phones in Chromium at 1.6 Mbit/s and 150 ms, one after another, during the vote."""
    from playwright.sync_api import sync_playwright

    from benchmarks.common import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for _ in range(count):
            # a German phone: the page follows the browser's language, and the clicks below name German buttons
            context = browser.new_context(
                viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="de-DE"
            )
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", MOBILE)
            sizes: list[int] = []
            page.on("requestfinished", lambda r, sizes=sizes: sizes.append(r.sizes()["responseBodySize"]))
            page.goto(f"{base}/abstimmen?konferenz={KONFERENZ}", wait_until="load")
            usable = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000
            page.get_by_role("spinbutton").first.fill("3")
            started = time.perf_counter()
            page.get_by_role("button", name="Stimme abgeben").click()
            page.get_by_text("Danke! Ihre Punkte sind gezählt.").wait_for()
            result.throttled.setdefault("bedienbar", []).append(usable)
            result.throttled.setdefault("gezählt", []).append(time.perf_counter() - started)
            with result.lock:
                result.throttled_kb.append(sum(sizes) / 1024)
                result.dots_given += 3
            context.close()
        browser.close()


def measure(voters: int, throttled: int = 0, ramp_s: float = 2.0) -> PhoneVoteResult:
    from sozialraum import auth
    from sozialraum.konferenz.store import Store
    from sozialraum.konferenz.voting import VoteRules

    result = PhoneVoteResult(voters + throttled)
    with tempfile.TemporaryDirectory() as tmp:
        store_url = f"sqlite:///{Path(tmp) / 'konferenz.sqlite'}"
        store = Store(store_url)
        for art, text in CARDS:
            store.add_card(KONFERENZ, art, text, folie=8)
        poll = store.open_poll(KONFERENZ, VoteRules(dots=3, stacking=True))
        secrets = Path(tmp) / "secrets.toml"
        auth.write_user(MODERATOR, PASSWORD, [auth.MODERATOR], secrets)
        env = {
            "SOZIALRAUM_DB_DIR": tmp, "SOZIALRAUM_DB_URL": "", auth.MODE_ENV: "intern",
            auth.SECRETS_ENV: str(secrets), "STREAMLIT_SERVER_COOKIE_SECRET": COOKIE_SECRET,
        }  # fmt: skip
        with start_streamlit("serve.py", ROOT / "data", **env) as server:
            os.environ[auth.SECRETS_ENV] = str(secrets)  # the projector signs its login cookie
            urllib.request.urlopen(f"{server.url}/abstimmen?konferenz={KONFERENZ}", timeout=120).read()
            ready, stop = threading.Event(), threading.Event()
            projector = threading.Thread(target=_projector, args=(server.url, result, ready, stop))
            projector.start()
            ready.wait(300)  # the projector shows the slide (data loaded) before the room starts
            started = time.perf_counter()
            with _PeakMemory(server.pid) as peak, ThreadPoolExecutor(max_workers=voters or 1) as pool:
                result.load.append(load_average())
                delays = [ramp_s * i / max(1, voters) for i in range(voters)]
                futures = [pool.submit(_phone, server.url, i, result, delay) for i, delay in enumerate(delays)]
                if throttled:
                    _throttled_sample(server.url, throttled, result)
                for future in futures:
                    future.result()
                result.load.append(load_average())
            result.seconds = time.perf_counter() - started
            result.peak_rss_mb = peak.peak
            stop.set()
            projector.join()
        result.ballots_stored = store.ballot_count(poll)
        result.dots_stored = int(store.votes(KONFERENZ, poll)["punkte"].sum())
        store.close()
    return result


def table(result: PhoneVoteResult | None) -> list[str]:
    if result is None:
        return []
    cells = []
    for action in ACTIONS:
        values = result.actions.get(action, [])
        cells.append(f"{percentile(values, 50):.2f} / {percentile(values, 95):.2f} s" if values else "–")
    projector = (
        f"{percentile(result.projector, 50):.2f} / {max(result.projector):.2f} s ({len(result.projector)})"
        if result.projector
        else "–"
    )
    lines = [
        "",
        "## Konferenz: Telefone auf der leichten Abstimmungsseite (/abstimmen, serve.py)",
        "",
        f"{result.sessions - len(result.throttled_kb)} Telefone (HTTP, ohne Browser) öffnen innerhalb von 2 s "
        f"`/abstimmen?konferenz={KONFERENZ}` und senden drei Punkte; gleichzeitig zeigt der Projektor (angemeldete "
        "Moderation, Websocket) die Abstimmungsfolie und lädt sie alle 3 s neu. Danach zählt der Test in der "
        "Datenbank (SQLite) nach.",
        "",
        "| Telefone | bestätigt | Fehler | Stimmzettel gespeichert | Punkte vergeben / gespeichert | Dauer "
        "| RSS-Spitze | "
        + " | ".join(f"{a} p50 / p95" for a in ACTIONS)
        + " | Projektor-Lauf p50 / max (Anzahl) | Last |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {result.sessions} | {result.completed + len(result.throttled_kb)} | {len(result.errors)} "
        f"| {result.ballots_stored} | {result.dots_given} / {result.dots_stored} | {result.seconds:.0f} s "
        f"| {result.peak_rss_mb:.0f} MiB | " + " | ".join(cells) + f" | {projector} "
        f"| {' → '.join(f'{v:.1f}' for v in result.load)} |",
    ]
    if result.throttled_kb:
        usable, counted = result.throttled["bedienbar"], result.throttled["gezählt"]
        lines += [
            "",
            f"Davon {len(usable)} Telefone in Chromium mit gedrosseltem Netz (1,6 Mbit/s, 150 ms Latenz), während "
            f"der Last: übertragen {max(result.throttled_kb):.1f} KB; Seite bedienbar (load-Ereignis) nach "
            f"{percentile(usable, 50):.2f} s (max {max(usable):.2f} s); „Stimme abgeben“ bis „gezählt“ "
            f"{percentile(counted, 50):.2f} s (max {max(counted):.2f} s).",
        ]
    for error in sorted(set(result.errors))[:5]:
        lines.append(f"\n- {error[:300]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=100)
    parser.add_argument("--throttled", type=int, default=5, help="phones in Chromium on a throttled profile")
    args = parser.parse_args(argv)
    print("\n".join(table(measure(args.voters, args.throttled))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
