"""Many visitors at once, spoken over Streamlit's websocket (benchmarks/wsclient.py).

- `open_sessions`: open sessions one after the other, each showing the map; the server's resident
  memory after 1, 10, 50 … open sessions.
- `load_test`: N concurrent scripted visits (open map, switch the indicator five times, open a
  profile, open trends); seconds per action, errors, peak resident memory.
- `vote_test`: N phones at once on the conference voting page (pages/12_Abstimmung.py), each
  distributing its dots and pressing "Stimme abgeben"; afterwards the store must hold N ballots
  with every dot.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import threading
import time
from dataclasses import dataclass, field

from benchmarks.common import rss_mb
from benchmarks.wsclient import Session, VisitError

VISIT_ACTIONS = ("Karte öffnen", "Indikator wechseln", "Steckbrief öffnen", "Entwicklung öffnen")


@dataclass
class Plan:
    """What a scripted visit does on one dataset."""

    map_page: str  # 'Karte' (ours) or '' (naive: its only page)
    query: dict[str, str]
    indicator_label: str  # the selectbox label
    options: list[str]  # shown texts to switch through
    profile_area: str | None = None  # None: the contender has no profile page


@dataclass
class LoadResult:
    sessions: int
    seconds: float = 0.0
    actions: dict[str, list[float]] = field(default_factory=dict)
    bytes: dict[str, list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    completed: int = 0
    peak_rss_mb: float = 0.0
    geometry_bytes: int = 0

    def add(self, action: str, seconds: float, size: int) -> None:
        self.actions.setdefault(action, []).append(seconds)
        self.bytes.setdefault(action, []).append(size)


def _run_async(factory):
    """asyncio.run in a thread of its own: the caller may sit inside Playwright's event loop."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(factory())
        except BaseException as exc:  # re-raised in the caller
            box["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


class _PeakMemory:
    """Samples a process's resident memory every 0.2 s in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, rss_mb(self.pid))
            except OSError:
                return
            self._stop.wait(0.2)

    def __enter__(self) -> _PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


async def _open_sessions(url: str, pid: int, plan: Plan, counts: list[int], timeout_s: float) -> dict[int, float]:
    sessions: list[Session] = []
    memory: dict[int, float] = {}
    try:
        for target in sorted(counts):
            while len(sessions) < target:
                session = await Session.open(url, timeout_s)
                sessions.append(session)
                await session.goto(plan.map_page, plan.query)
                await session.fetch_geometry()
            await asyncio.sleep(2.0)  # let the last runs' garbage go
            memory[target] = rss_mb(pid)
    finally:
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
    return memory


def open_sessions(url: str, pid: int, plan: Plan, counts: list[int], timeout_s: float = 300.0) -> dict[int, float]:
    """Resident MiB of the server process with 1, 10, 50 … sessions open, each showing the map."""
    gc.collect()
    return _run_async(lambda: _open_sessions(url, pid, plan, counts, timeout_s))


async def _visit(
    url: str, plan: Plan, result: LoadResult, timeout_s: float, start_delay: float, session_class: type[Session]
) -> None:
    await asyncio.sleep(start_delay)
    session = None
    try:
        session = await session_class.open(url, timeout_s)
        run = await session.goto(plan.map_page, plan.query)
        result.add(VISIT_ACTIONS[0], run.seconds, run.bytes)
        result.geometry_bytes += await session.fetch_geometry()
        for option in plan.options[:5]:
            run = await session.choose(plan.indicator_label, option)
            result.add(VISIT_ACTIONS[1], run.seconds, run.bytes)
        if plan.profile_area is not None:
            shared = {k: v for k, v in plan.query.items() if k in ("indikator", "jahr")}
            run = await session.goto("Steckbrief", {**shared, "gebiet": plan.profile_area})
            result.add(VISIT_ACTIONS[2], run.seconds, run.bytes)
            run = await session.goto("Entwicklung", {**shared, "gebiet": plan.profile_area})
            result.add(VISIT_ACTIONS[3], run.seconds, run.bytes)
        result.completed += 1
    except (VisitError, OSError, TimeoutError) as exc:
        result.errors.append(f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # a websocket closed by the server, a protocol surprise: an error, not a crash
        result.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        if session is not None:
            await session.close()


def load_test(
    url: str,
    pid: int,
    plan: Plan,
    sessions: int = 50,
    ramp_s: float = 5.0,
    timeout_s: float = 600.0,
    session_class: type[Session] = Session,
) -> LoadResult:
    """`sessions` concurrent visits, started evenly within `ramp_s` seconds; `session_class` e.g. a
    visitor that first takes nginx's binding cookie (benchmarks/public_load.py)."""
    result = LoadResult(sessions)

    async def run() -> None:
        await asyncio.gather(
            *(
                _visit(url, plan, result, timeout_s, ramp_s * i / max(1, sessions), session_class)
                for i in range(sessions)
            )
        )

    started = time.perf_counter()
    with _PeakMemory(pid) as peak:
        _run_async(run)
    result.seconds = time.perf_counter() - started
    result.peak_rss_mb = peak.peak
    return result


VOTE_ACTIONS = ("Abstimmung öffnen", "Stimme abgeben")


@dataclass
class VoteResult(LoadResult):
    ballots_stored: int = 0
    dots_stored: int = 0
    dots_given: int = 0


async def _vote(url: str, konferenz: str, index: int, result: VoteResult, timeout_s: float, delay: float) -> None:
    await asyncio.sleep(delay)
    session = None
    try:
        session = await Session.open(url, timeout_s)
        run = await session.goto("Abstimmung", {"konferenz": konferenz})
        result.add(VOTE_ACTIONS[0], run.seconds, run.bytes)
        labels = sorted(session.numbers)
        if not labels or "Stimme abgeben" not in session.buttons:
            raise VisitError(f"no ballot on the page: {session.alerts[:2]}")
        # 3 dots: two on one card, one on the next, different cards for different phones
        first, second = labels[index % len(labels)], labels[(index + 1) % len(labels)]
        allocation = {first: 2, second: 1} if first != second else {first: 3}
        run = await session.fill(allocation, press="Stimme abgeben")
        result.add(VOTE_ACTIONS[1], run.seconds, run.bytes)
        if not any("Ihre Punkte sind gezählt" in text for text in session.alerts):
            raise VisitError(f"no confirmation: {session.alerts[:3]}")
        result.dots_given += sum(allocation.values())
        result.completed += 1
    except Exception as exc:  # every failure is a lost vote: counted, never raised
        result.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        if session is not None:
            await session.close()


def vote_test(
    url: str, pid: int, konferenz: str, store_url: str, voters: int = 100, ramp_s: float = 2.0, timeout_s: float = 300.0
) -> VoteResult:
    """`voters` phones vote at once on an open poll (the caller opened it); checks the store after."""
    from sozialraum.konferenz.store import Store

    result = VoteResult(voters)

    async def run() -> None:
        await asyncio.gather(
            *(_vote(url, konferenz, i, result, timeout_s, ramp_s * i / max(1, voters)) for i in range(voters))
        )

    started = time.perf_counter()
    with _PeakMemory(pid) as peak:
        _run_async(run)
    result.seconds = time.perf_counter() - started
    result.peak_rss_mb = peak.peak
    store = Store(store_url)
    try:
        poll = store.latest_poll(konferenz)
        if poll is not None:
            result.ballots_stored = store.ballot_count(poll.id)
            votes = store.votes(konferenz, poll.id)
            result.dots_stored = int(votes["punkte"].sum()) if "punkte" in votes.columns else -1
    finally:
        store.close()
    return result
