"""Room rehearsal (`python -m sozialraum konferenz probe <kennung>`): every slide of a conference
rendered headless at 1920×1080 in Debian's Chromium, checked for fit and text size, and a contact
sheet (one PNG of all slides) for the moderator to look at the day before.

The probe starts its own Streamlit server on a free loopback port, in the internal mode with a
throw-away moderator account and a throw-away conference database (the rehearsal must not mark
slides as shown in the real protocol), and blocks every request that would leave the machine.
Playwright is a development dependency; without it the command says so in German.
"""

from __future__ import annotations

import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .. import auth
from ..settings import REPO_ROOT, resolve_data_dir
from .agenda import read_agenda
from .schema import DB_DIR_ENV, DB_URL_ENV

WIDTH, HEIGHT = 1920, 1080
MIN_FONT_PX = 24.0
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
TIMEOUT_MS = 90_000
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MODERATOR = "probe-moderation"
# Contact sheet: thumbnails of a quarter of the slide, three per row, a label line above each.
COLUMNS = 3
THUMB = (WIDTH // 3, HEIGHT // 3)
LABEL_H = 44
GAP = 16

# Measured in the page: scrolling, the bottom of the "Weiter" button, and every visible text node
# below MIN_FONT_PX (also the "Interne Ansicht" badge in the corner: the room sees it too).
MEASURE_JS = """(minPx) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const scrolls = main ? main.scrollHeight > main.clientHeight + 1 : true;
  const weiter = document.querySelector('.st-key-folie_weiter');
  const bottom = weiter ? weiter.getBoundingClientRect().bottom : null;
  const small = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('script, style, noscript')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = [...range.getClientRects()].find(r => r.width > 0 && r.height > 0);
    if (!rect || rect.bottom <= 0 || rect.top >= innerHeight || rect.right <= 0 || rect.left >= innerWidth) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || parseFloat(style.opacity) === 0) continue;
    // on-screen size: an SVG chart may be scaled by a transform
    const matrix = el instanceof SVGGraphicsElement ? el.getScreenCTM() : null;
    const scale = matrix ? Math.hypot(matrix.a, matrix.b) : 1;
    const shown = Math.round(parseFloat(style.fontSize) * scale * 10) / 10;
    if (shown < minPx && !small.has(text)) small.set(text, shown);
  }
  return {scrolls, bottom, small: [...small.entries()]};
}"""


@dataclass
class SlideCheck:
    number: int
    kind: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        head = f"Folie {self.number} ({self.kind}):"
        return f"{head} ok" if self.ok else f"{head} " + "; ".join(self.problems)


@dataclass
class ProbeResult:
    slides: list[SlideCheck]
    contact_sheet: Path
    outside_requests: list[str]

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.slides) and not self.outside_requests


class ProbeError(Exception):
    """A German message: the rehearsal could not run at all."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


class Server:
    """A `streamlit run serve.py` (as scripts/run.sh starts the dashboard, with the light vote page) on
    loopback in its own process group, stopped by `stop()`."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = log_path
        command = [
            sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "serve.py"),
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--server.fileWatcherType", "none",
        ]  # fmt: skip
        with log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def wait_healthy(self, timeout_s: float = 90.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                raise ProbeError(f"Der Streamlit-Server endete vorzeitig (Code {code}):\n{self._tail()}")
            if _healthy(self.url):
                return
            time.sleep(0.25)
        raise ProbeError(f"Der Streamlit-Server antwortete nicht binnen {timeout_s:.0f} s:\n{self._tail()}")

    def _tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text("utf-8", errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)  # only this server's own process group
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


def _server_env(work: Path, data_dir: Path, password: str) -> dict[str, str]:
    secrets_file = work / "secrets.toml"
    auth.write_user(MODERATOR, password, [auth.MODERATOR], secrets_file)
    env = dict(os.environ)
    env.update(
        {
            "SOZIALRAUM_DATA_DIR": str(data_dir),
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            auth.MODE_ENV: auth.INTERNAL,
            auth.SECRETS_ENV: str(secrets_file),
            DB_DIR_ENV: str(work / "var"),
            DB_URL_ENV: "",
        }
    )
    return env


def _is_outside(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https", "ws", "wss"} and (parts.hostname or "") not in LOCAL_HOSTS


def _wait_for_slide(page, number: int, total: int) -> None:
    """Connected, script finished, no skeleton or spinner, the counter on this slide, then quiet
    for 800 ms (a map reports its first state back and causes one more rerun)."""
    page.wait_for_function(
        """([label]) => {
            const app = document.querySelector('[data-testid="stApp"]');
            const counter = document.querySelector('[data-testid="sr-folienzaehler"]');
            return app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
                && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSpinner"]')
                && counter && counter.textContent.trim() === label;
        }""",
        arg=[f"Folie {number} / {total}"],
        timeout=TIMEOUT_MS,
    )
    page.evaluate(
        """() => { const app = document.querySelector('[data-testid="stApp"]');
            window.__quietSince = performance.now();
            new MutationObserver(() => { window.__quietSince = performance.now(); })
                .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""
    )
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state')
            === 'notRunning' && performance.now() - window.__quietSince > 800""",
        timeout=TIMEOUT_MS,
    )


def _login(page, url: str, password: str) -> None:
    page.goto(url, timeout=TIMEOUT_MS)
    page.get_by_label("Benutzername").fill(MODERATOR)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("heading", name="Anmeldung").wait_for(state="detached", timeout=TIMEOUT_MS)


def judge(number: int, kind: str, measured: dict) -> SlideCheck:
    """Turn the page measurement into a slide's verdict with German reasons."""
    check = SlideCheck(number, kind)
    if measured["scrolls"]:
        check.problems.append("passt nicht ohne Scrollen")
    bottom = measured["bottom"]
    if bottom is None:
        check.problems.append("keine Weiter-Schaltfläche gefunden")
    elif bottom > HEIGHT:
        check.problems.append(f"Weiter-Schaltfläche endet bei {bottom:.0f} px (unter {HEIGHT} px)")
    small = sorted(measured["small"], key=lambda item: item[1])
    if small:
        shown = ", ".join(f"„{text[:30]}“ {size:g} px".replace(".", ",") for text, size in small[:4])
        more = f" und {len(small) - 4} weitere" if len(small) > 4 else ""
        noun = "Text" if len(small) == 1 else "Texte"
        check.problems.append(f"{len(small)} {noun} unter {MIN_FONT_PX:g} px: {shown}{more}")
    return check


def _label_font() -> Path:
    """Bitstream Vera from reportlab (a requirement): Pillow's built-in font has no umlauts."""
    import reportlab

    return Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"


def sheet_size(count: int) -> tuple[int, int]:
    rows = max(1, math.ceil(count / COLUMNS))
    return (COLUMNS * THUMB[0] + (COLUMNS + 1) * GAP, rows * (THUMB[1] + LABEL_H) + (rows + 1) * GAP)


def contact_sheet(shots: list[Path], checks: list[SlideCheck], target: Path) -> Path:
    """One PNG: the slides as a grid of thumbnails, each labelled with its number and verdict."""
    from PIL import Image, ImageDraw, ImageFont

    sheet = Image.new("RGB", sheet_size(len(shots)), "white")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(_label_font()), 26)
    for index, (shot, check) in enumerate(zip(shots, checks, strict=True)):
        column, row = index % COLUMNS, index // COLUMNS
        x = GAP + column * (THUMB[0] + GAP)
        y = GAP + row * (THUMB[1] + LABEL_H + GAP)
        verdict = "ok" if check.ok else "prüfen"
        colour = (0, 100, 0) if check.ok else (170, 0, 0)
        draw.text((x, y + 6), f"Folie {check.number} · {check.kind} · {verdict}", fill=colour, font=font)
        with Image.open(shot) as image:
            thumb = image.convert("RGB").resize(THUMB, Image.Resampling.LANCZOS)
        sheet.paste(thumb, (x, y + LABEL_H))
        frame = (x - 1, y + LABEL_H - 1, x + THUMB[0], y + LABEL_H + THUMB[1])
        draw.rectangle(frame, outline=colour, width=1 if check.ok else 3)
    target.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(target)
    return target


def run_probe(kennung: str, output: Path, data_dir: str | Path | None = None) -> ProbeResult:
    """Render, check and photograph every slide of conference `kennung`; see the module docstring."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as missing:
        hint = "pip install -r requirements-dev.txt"
        raise ProbeError(f"Die Probe braucht Playwright (requirements-dev.txt): {hint}") from missing
    if not CHROMIUM.exists():
        raise ProbeError(f"{CHROMIUM} fehlt: apt-get install -y chromium")
    folder = resolve_data_dir(data_dir)
    path = folder / "konferenzen" / f"{kennung}.toml"
    if not path.is_file():
        raise ProbeError(f"Eine Konferenz „{kennung}“ gibt es im Datenordner {folder} nicht (erwartet: {path}).")
    parsed = read_agenda(path, root=folder)
    if parsed.agenda is None or not parsed.ok:
        found = "\n".join(p.as_text() for p in parsed.problems)
        raise ProbeError(f"Die Konferenzdatei {path} enthält Fehler:\n{found}")
    kinds = [slide.art for slide in parsed.agenda.slides]
    output.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(18)
    outside: list[str] = []
    with tempfile.TemporaryDirectory(prefix="konferenz-probe-") as tmp:
        server = Server(_server_env(Path(tmp), folder, password), Path(tmp) / "streamlit.log")
        try:
            server.wait_healthy()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                try:
                    shots, checks = _shoot_all(browser, server.url, kennung, kinds, password, output, outside)
                finally:
                    browser.close()
        finally:
            server.stop()
    sheet = contact_sheet(shots, checks, output / "kontaktbogen.png")
    return ProbeResult(checks, sheet, sorted(set(outside)))


def _shoot_all(browser, base: str, kennung: str, kinds: list[str], password: str, output: Path, outside: list[str]):
    viewport = {"width": WIDTH, "height": HEIGHT}
    context = browser.new_context(viewport=viewport, locale="de-DE", timezone_id="Europe/Berlin")
    context.route(_is_outside, lambda route: (outside.append(route.request.url), route.abort("blockedbyclient")))
    context.route_web_socket(_is_outside, lambda ws: (outside.append(ws.url), ws.close()))
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    shots: list[Path] = []
    checks: list[SlideCheck] = []
    try:
        total = len(kinds)
        for number, kind in enumerate(kinds, start=1):
            url = f"{base}/Praesentation?konferenz={kennung}&folie={number}"
            if number == 1:
                _login(page, url, password)
            else:
                page.goto(url, timeout=TIMEOUT_MS)
            _wait_for_slide(page, number, total)
            page.mouse.move(0, 0)  # no hover effects in the picture
            shot = output / f"folie-{number:02d}.png"
            page.screenshot(path=str(shot))
            shots.append(shot)
            checks.append(judge(number, kind, page.evaluate(MEASURE_JS, MIN_FONT_PX)))
    finally:
        context.close()
    return shots, checks
