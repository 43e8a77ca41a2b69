"""Browser test harness: a real `streamlit run` server and Debian's headless Chromium.

Fixtures
    start_server(data_dir=None, extra_env=None, script="app.py") -> str   (session factory)
    app_server -> str                  base URL of the app on the bundled data (session)
    browser -> playwright Browser      Debian Chromium, headless (session)
    page -> playwright Page            fresh context per test, outside network blocked

Helpers (`from tests.e2e.conftest import ...`): goto_app, wait_for_app, wait_for_rerun,
wait_for_stable_layout, grid_cell, select_grid_row, open_grid_link, assert_no_exception, screenshot,
map_box, folium_frame, folium_content_frame, count_polygons.

The `page` fixture fails its test when the page tried to reach any host other than
127.0.0.1/localhost, raised an uncaught error, or logged a console error not matched
by CONSOLE_ERROR_ALLOWLIST. A failing test leaves a screenshot and its DOM in artifacts/screenshots/
(FAILED-<test>.png/.html) and the tail of each running server's log in its report.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Frame,
    FrameLocator,
    Locator,
    Page,
    Route,
    WebSocketRoute,
    expect,
    sync_playwright,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "artifacts" / "screenshots"  # artifacts/ is git-ignored
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # root in CI, no user namespaces
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
HEALTH_TIMEOUT_S = 60.0
APP_TIMEOUT_MS = 60_000
LOG_TAIL_LINES = 80
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MAP = ".sr-karte"  # the dashboard's choropleth (static/karte/karte.js): a Leaflet container in the page
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'  # a plain st_folium map (the measure page's)

# Console errors that may occur without failing a test, as regular expressions.
# Empty on purpose: Streamlit 1.67 with the vendored Leaflet logs no error. Add an
# entry only with a comment saying why the message is harmless.
CONSOLE_ERROR_ALLOWLIST: tuple[str, ...] = ()
# Streamlit's frontend, opened at a page URL such as /Karte, first probes /Karte/_stcore/health
# and /Karte/_stcore/host-config to find its base path; the 404s are expected (then it uses /).
BASE_PATH_PROBE = re.compile(r"^https?://[^/]+/[^/_][^/]*/_stcore/(health|host-config)$")


# --- server ----------------------------------------------------------------------


@dataclass
class StreamlitServer:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            return f"(no log: {exc})"
        return "\n".join(text.splitlines()[-lines:])


# Servers alive in this session, so a failing test can show their logs.
_RUNNING: list[StreamlitServer] = []


def free_ports(count: int) -> list[int]:
    """`count` distinct free ports: all sockets are bound at once (one after another, the system may
    hand out the same port twice – it did, and nginx got two servers on one port)."""
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _free_port() -> int:
    return free_ports(1)[0]


def _server_env(data_dir: Path | None, extra_env: dict[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    # A developer's shell setting must not leak into the "bundled data" server.
    env.pop("SOZIALRAUM_DATA_DIR", None)
    if data_dir is not None:
        env["SOZIALRAUM_DATA_DIR"] = str(data_dir)
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    env.update(extra_env or {})
    return env


def _is_healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def _wait_healthy(server: StreamlitServer, timeout_s: float = HEALTH_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(
                f"streamlit exited with {server.process.returncode} before it was healthy:\n{server.log_tail()}",
                pytrace=False,
            )
        if _is_healthy(server.url):
            return
        time.sleep(0.25)
    _stop(server)
    pytest.fail(
        f"streamlit at {server.url} not healthy after {timeout_s:.0f} s:\n{server.log_tail()}",
        pytrace=False,
    )


def _stop(server: StreamlitServer) -> None:
    if server in _RUNNING:
        _RUNNING.remove(server)
    if server.process.poll() is not None:
        return
    # The server runs in its own session: signal only its process group.
    os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=10)


def _launch(script: Path, env: dict[str, str], log_path: Path) -> StreamlitServer:
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",  # no watcher threads on a 2-core machine
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,  # .streamlit/config.toml is read from the working directory
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return StreamlitServer(f"http://127.0.0.1:{port}", process, log_path)


@pytest.fixture(scope="session")
def start_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., str]]:
    """Factory: start (or reuse) a Streamlit server and return its base URL.

    ``start_server(data_dir=None, extra_env=None, script="app.py")``; ``data_dir`` is
    passed as SOZIALRAUM_DATA_DIR, ``script`` is relative to the repository root. The
    same arguments return the same running server; all stop at the end of the session.
    """
    started: dict[tuple[str, str, tuple[tuple[str, str], ...]], StreamlitServer] = {}
    log_dir = tmp_path_factory.mktemp("streamlit-logs")

    def start(
        data_dir: Path | None = None,
        extra_env: dict[str, str] | None = None,
        script: str | Path = "app.py",
    ) -> str:
        script_path = REPO_ROOT / script
        if not script_path.is_file():
            pytest.fail(f"{script_path} fehlt", pytrace=False)
        key = (str(script_path), str(data_dir), tuple(sorted((extra_env or {}).items())))
        server = started.get(key)
        if server is not None and server.process.poll() is None:
            return server.url
        log_path = log_dir / f"server-{len(started)}.log"
        server = _launch(script_path, _server_env(data_dir, extra_env), log_path)
        started[key] = server
        _RUNNING.append(server)
        _wait_healthy(server)
        return server.url

    yield start
    for server in started.values():
        _stop(server)


@pytest.fixture(scope="session")
def app_server(start_server: Callable[..., str]) -> str:
    """Base URL of app.py on the bundled data, e.g. ``http://127.0.0.1:40123``."""
    return start_server()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    setattr(item, f"rep_{report.when}", report)  # read by the page fixture's teardown
    if report.failed:
        for server in list(_RUNNING):
            report.sections.append((f"streamlit log {server.url} (last {LOG_TAIL_LINES} lines)", server.log_tail()))
    return report


# --- browser ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} fehlt: `apt-get install -y chromium` (scripts/test.sh tut das)",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def is_outside(url: str) -> bool:
    """True for a network URL whose host is not this machine's loopback."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https", "ws", "wss"}:
        return False  # data:, blob:, about: never leave the browser
    return (parts.hostname or "") not in LOCAL_HOSTS


@dataclass
class PageWatch:
    """What a page did that a test must not let pass."""

    outside_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        text = message.text
        location = message.location.get("url", "")
        if any(re.search(pattern, text) for pattern in CONSOLE_ERROR_ALLOWLIST):
            return
        if "404" in text and BASE_PATH_PROBE.match(location):
            return
        self.console_errors.append(f"{text} ({location})" if location else text)

    def problems(self) -> list[str]:
        return (
            [f"Zugriff nach außen: {url}" for url in self.outside_requests]
            + [f"Seitenfehler: {error}" for error in self.page_errors]
            + [f"Konsolenfehler: {error}" for error in self.console_errors]
        )


def _abort_outside(route: Route, watch: PageWatch) -> None:
    watch.outside_requests.append(route.request.url)
    route.abort("blockedbyclient")


def _close_outside_socket(socket_route: WebSocketRoute, watch: PageWatch) -> None:
    watch.outside_requests.append(socket_route.url)
    socket_route.close()


def _test_failed(item: pytest.Item) -> bool:
    return any(getattr(getattr(item, f"rep_{when}", None), "failed", False) for when in ("setup", "call"))


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a fresh context whose requests may reach only this machine."""
    context = browser.new_context(
        viewport={"width": 1440, "height": 1000},
        locale="de-DE",
        timezone_id="Europe/Berlin",
    )
    watch = PageWatch()
    # Only outside URLs are routed, so local traffic keeps its normal speed.
    context.route(is_outside, lambda route: _abort_outside(route, watch))
    context.route_web_socket(is_outside, lambda ws: _close_outside_socket(ws, watch))
    new_page = context.new_page()
    new_page.set_default_timeout(APP_TIMEOUT_MS)
    new_page.on("console", watch.on_console)
    new_page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    yield new_page
    if _test_failed(request.node):
        _save_failure(new_page, request.node.name)
    context.close()
    problems = watch.problems()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def _save_failure(page: Page, test_name: str) -> None:
    """Screenshot and DOM of a failed test's page, for a look afterwards."""
    path = screenshot(page, f"FAILED-{test_name}")
    path.with_suffix(".html").write_text(page.content(), encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def _clear_failure_artifacts() -> None:
    # Leftovers from an earlier run would look like failures of this one. With pytest-xdist (E2E_WORKERS in
    # scripts/test.sh) only the first worker clears them, so a later one cannot delete another's fresh failure.
    if os.environ.get("PYTEST_XDIST_WORKER", "gw0") != "gw0":
        return
    for path in SCREENSHOT_DIR.glob("FAILED-*"):
        path.unlink(missing_ok=True)


# --- helpers ---------------------------------------------------------------------


def wait_for_app(page: Page, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    """Wait until Streamlit is connected, its script has finished and no skeleton is left.

    stApp's data-test-script-state goes initial -> running -> notRunning after a page
    load, so this is safe right after `page.goto`. After a widget interaction use
    `wait_for_rerun`, since the state may still read notRunning before the rerun starts.
    """
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=timeout_ms)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=timeout_ms)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout_ms)


def goto_app(page: Page, url: str, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    """Open ``url`` (base URL plus path/query) and wait for the app to finish."""
    page.goto(url, timeout=timeout_ms)
    wait_for_app(page, timeout_ms)


def wait_for_rerun(page: Page, action: Callable[[], object], timeout_ms: int = APP_TIMEOUT_MS) -> None:
    """Run ``action`` (a click, a fill) and wait until the rerun it caused has finished."""
    page.evaluate(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            window.__rerunSeen = false;
            new MutationObserver((_, observer) => {
                if (app.getAttribute('data-test-script-state') !== 'notRunning') {
                    window.__rerunSeen = true;
                    observer.disconnect();
                }
            }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
        }"""
    )
    action()
    page.wait_for_function("() => window.__rerunSeen === true", timeout=timeout_ms)
    wait_for_app(page, timeout_ms)


def wait_until_settled(page: Page, quiet_ms: int = 600, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    """Wait until the app has not rerun for `quiet_ms`.

    A map reports its first state back to Streamlit once it is drawn, which starts one more
    rerun; a click that lands during that rerun can be lost (an open dropdown closes).
    """
    page.evaluate(
        """(quiet) => {
            const app = document.querySelector('[data-testid="stApp"]');
            window.__settledSince = performance.now();
            new MutationObserver(() => { window.__settledSince = performance.now(); })
                .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
        }""",
        quiet_ms,
    )
    page.wait_for_function(
        """(quiet) => document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state')
            === 'notRunning' && performance.now() - window.__settledSince > quiet""",
        arg=quiet_ms,
        timeout=timeout_ms,
    )


def wait_for_stable_layout(page: Page, frames: int = 10, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    """Wait until charts, maps, grids and the main area keep their size for `frames` animation frames in a
    row, e.g. after `set_viewport_size` (plotly and the map redraw at the new size after the resize event)."""
    page.evaluate("() => { window.__srLayout = {last: null, same: 0}; }")
    page.wait_for_function(  # polled once per animation frame
        """(frames) => {
            const now = [...document.querySelectorAll(
                '.js-plotly-plot .main-svg, .sr-karte, [data-testid="stDataFrame"], [data-testid="stMain"]')]
                .map((e) => { const r = e.getBoundingClientRect(); return `${r.width}x${r.height}`; })
                .join(',') + `;${window.innerWidth}x${window.innerHeight}`;
            const state = window.__srLayout;
            state.same = now === state.last ? state.same + 1 : 0;
            state.last = now;
            return state.same >= frames;
        }""",
        arg=frames,
        polling="raf",
        timeout=timeout_ms,
    )


def grid_cell(grid: Locator, row: int, column: int) -> Locator:
    """A cell of a Streamlit dataframe (glide-data-grid) in its accessibility table: `row` counts data
    rows from 0, `column` from 1 (column 0 is the row-selection column)."""
    return grid.locator(f"#glide-cell-{column}-{row}")


def focus_grid_cell(page: Page, grid: Locator, row: int, column: int) -> None:
    """Put the grid's cursor on a cell as a keyboard user does: into the grid at the first row, then down.
    (Focusing a later row's accessibility cell directly leaves the cursor on the first row.)"""
    grid_cell(grid, 0, column).focus()
    for _ in range(row):
        page.keyboard.press("ArrowDown")


def select_grid_row(page: Page, grid: Locator, row: int) -> None:
    """Select data row `row` with the keyboard (cursor on it, Shift+Space) and wait for the rerun the
    selection starts."""

    def select() -> None:
        focus_grid_cell(page, grid, row, 1)
        page.keyboard.press("Shift+Space")

    wait_for_rerun(page, select)


def open_grid_link(page: Page, grid: Locator, row: int, column: int) -> Locator:
    """Open a link cell with the keyboard (cursor on it, Enter): the grid shows the cell's link as a real,
    visible link element, which is returned for a click."""
    focus_grid_cell(page, grid, row, column)
    page.keyboard.press("Enter")
    link = page.locator("a.gdg-link-area")
    expect(link).to_be_visible()
    return link


def choose_option(page: Page, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label` with the keyboard (as a keyboard user
    would: focus, type, choose) and wait for the rerun."""
    box = page.get_by_role("combobox", name=label)

    def choose() -> None:
        box.focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.type(option[:12])
        page.get_by_role("option", name=option, exact=True).click()

    wait_for_rerun(page, choose)


def assert_no_exception(page: Page) -> None:
    """Fail when Streamlit shows an exception box."""
    expect(page.get_by_test_id("stException")).to_have_count(0)


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """Save ``artifacts/screenshots/<name>.png`` and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "screenshot"
    path = SCREENSHOT_DIR / f"{safe_name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def map_box(page: Page, index: int = 0) -> Locator:
    """The ``index``-th choropleth of the dashboard (static/karte/karte.js, drawn in the page itself)."""
    return page.locator(MAP).nth(index)


def folium_frame(page: Page, index: int = 0) -> FrameLocator:
    """Frame locator of the ``index``-th st_folium map (the measure page's plain folium map)."""
    return page.frame_locator(MAP_IFRAME).nth(index)


def folium_content_frame(page: Page, index: int = 0, timeout_ms: int = APP_TIMEOUT_MS) -> Frame:
    """The ``index``-th st_folium iframe as a Frame, once Leaflet has built its map."""
    folium_frame(page, index).locator(".leaflet-container").wait_for(state="attached", timeout=timeout_ms)
    handle = page.locator(MAP_IFRAME).nth(index).element_handle(timeout=timeout_ms)
    frame = handle.content_frame()
    assert frame is not None, "st_folium iframe has no content frame"
    return frame


# The maps of a page in document order: the dashboard's own (in the page) and st_folium's (iframes).
_MAP_ROOTS = f"""() => [...document.querySelectorAll('{MAP}, {MAP_IFRAME}')].map(e => e.tagName !== 'IFRAME' ? e
    : (e.contentDocument && e.contentDocument.querySelector('.leaflet-container')))"""


def count_polygons(page: Page, index: int = 0, minimum: int = 0, timeout_ms: int = APP_TIMEOUT_MS) -> int:
    """Count ``path.leaflet-interactive`` in the ``index``-th map of the page (either kind).

    Waits for the map, and for at least ``minimum`` shapes (GeoJSON loaded by URL
    arrives after the map is built).
    """
    count = f"""([i, n]) => {{ const m = ({_MAP_ROOTS})()[i];
        return m ? m.querySelectorAll('path.leaflet-interactive').length >= n : false; }}"""
    page.wait_for_function(count, arg=[index, minimum], timeout=timeout_ms)
    return page.evaluate(f"i => ({_MAP_ROOTS})()[i].querySelectorAll('path.leaflet-interactive').length", index)
