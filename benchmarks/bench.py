"""Browser measurements of one contender (headless Chromium, timed inside the page).

Contenders: `ours` (app.py, page /Karte), `naive` (benchmarks/naive_app.py: st_folium rebuilding the
whole GeoJSON map on every change), `floor` (benchmarks/floor.py: a static Leaflet page with the same
display geometry), `blank` (benchmarks/blank_app.py: one st.write). The full benchmark with all
datasets, server memory and the load test is `benchmarks/run_all.py`; this module's `main` is kept
as an alias of it.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import CHROMIUM_ARGS, RESULTS

__all__ = ["CHROMIUM_ARGS", "Visit", "BrowserRun", "open_page", "measure_app", "measure_floor", "measure_blank"]

TIMEOUT_MS = 240_000

# Runs in the top document from its very start: every animation frame it notes the longest gap
# between frames (a blocked main thread; same-origin map iframes share it) and the moment the
# page is "ready" (all polygons drawn, or the marker/text given).
_INIT = """(() => {
  if (window.top !== window) { return; }
  const cfg = %s;
  const b = window.__bench = {ready: null, seen: null, ui: null, gaps: []};
  const docs = () => [document, ...[...document.querySelectorAll('iframe')].map(f => {
    try { return f.contentDocument; } catch (e) { return null; } }).filter(Boolean)];
  const count = () => docs().reduce((n, d) => n + d.querySelectorAll('path.leaflet-interactive').length, 0);
  const marker = () => cfg.marker && docs().some(d => d.querySelector(cfg.marker));
  const isReady = () => {
    if (cfg.text) { return !!document.body && document.body.innerText.includes(cfg.text); }
    return marker() || (cfg.want > 0 && count() >= cfg.want);
  };
  let last = null;
  const frame = () => {
    const now = performance.now();
    if (last !== null) { b.gaps.push([last, now - last]); }
    last = now;
    if (b.ui === null && document.querySelector(cfg.ui || 'body *')) { b.ui = now; }
    // ready: the frame after the one in which the polygons appeared, i.e. after they were painted
    if (b.ready === null && b.seen) { b.ready = now; }
    if (!b.seen && isReady()) { b.seen = now; }
    if (b.ready === null || now - b.ready < 1000) { requestAnimationFrame(frame); }
  };
  requestAnimationFrame(frame);
})();"""

# From a click until the map's colours differ, checked every frame in all same-origin documents.
_WATCH = """(args) => {
  const [before, selector, click] = args;
  window.__switch = null;
  const docs = () => [document, ...[...document.querySelectorAll('iframe')].map(f => {
    try { return f.contentDocument; } catch (e) { return null; } }).filter(Boolean)];
  // from the press on the option (pointerdown), not from when Playwright starts its click (its
  // actionability checks wait for animation frames); the floor's button is clicked in the page
  let t0 = performance.now();
  const press = () => { t0 = performance.now(); };
  if (!click) { document.addEventListener('pointerdown', press, {capture: true, once: true}); }
  // Streamlit pages: also when the rerun has finished (the page is complete: heading, table, texts)
  window.__switchDone = null;
  const app = document.querySelector('[data-testid="stApp"]');
  if (app) {
    new MutationObserver(() => {
      if (app.getAttribute('data-test-script-state') === 'notRunning') { window.__switchDone = performance.now() - t0; }
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  }
  const poll = () => {
    const now = window.__fills();
    if (now.n && now.sig !== before) {  // changed in this frame: done once it is painted (next frame)
      requestAnimationFrame(() => { window.__switch = performance.now() - t0; });
      return;
    }
    requestAnimationFrame(poll);
  };
  if (click) { document.querySelector(selector).click(); }
  requestAnimationFrame(poll);
}"""

# A signature of the map's colours: fills of up to 400 evenly spread polygons of every map document,
# plus the counters of canvas maps (no SVG paths to read there).
_FILLS = """() => {
  window.__fills = () => {
    const docs = [document, ...[...document.querySelectorAll('iframe')].map(f => {
      try { return f.contentDocument; } catch (e) { return null; } }).filter(Boolean)];
    let n = 0; const parts = [];
    for (const d of docs) {
      const paths = d.querySelectorAll('path.leaflet-interactive');
      n += paths.length;
      const step = Math.max(1, Math.floor(paths.length / 400));
      for (let i = 0; i < paths.length; i += step) { parts.push(paths[i].getAttribute('fill')); }
      const w = d.defaultView;
      if (w && w.__sr && w.__sr.applied) { n += 1; parts.push('sr' + w.__sr.applied); }
      if (w && w.__recoloured !== undefined) { n += 1; parts.push('rc' + w.__recoloured); }
    }
    return {n: n, sig: parts.join()};
  };
}"""

_PROFILE = """(args) => {
  const [want, click] = args;
  const PAGE_ERROR = 'ist ein Fehler aufgetreten';
  window.__nav = null;
  const app = document.querySelector('[data-testid="stApp"]');
  let running = false;
  const docs = () => [document, ...[...document.querySelectorAll('iframe')].map(f => {
    try { return f.contentDocument; } catch (e) { return null; } }).filter(Boolean)];
  const t0 = performance.now();
  const poll = () => {
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running') { running = true; }
    const h1 = document.querySelector('h1');
    const shown = h1 && h1.textContent.startsWith('Steckbrief ');
    const paths = docs().reduce((n, d) => n + d.querySelectorAll('path.leaflet-interactive').length, 0);
    const drawn = paths >= want || docs().some(d => d.querySelector('.leaflet-container[data-sr-loaded]'));
    if (running && state === 'notRunning' && document.body.innerText.includes(PAGE_ERROR)) {
      window.__nav = -1;  // the page showed its error box
      return;
    }
    if (running && state === 'notRunning' && shown && drawn) {
      requestAnimationFrame(() => { window.__nav = performance.now() - t0; });
      return;
    }
    requestAnimationFrame(poll);
  };
  [...document.querySelectorAll('a')].find(a => a.textContent.includes(click)).click();
  requestAnimationFrame(poll);
}"""


@dataclass
class Visit:
    """One page visit: in-page seconds from navigation start until ready, and what it cost."""

    seconds: float
    ws_bytes: int
    heap_mb: float
    longest_block_ms: float  # longest gap between frames from first UI until 1 s after ready


@dataclass
class BrowserRun:
    """Everything one run measured in the browser for one contender."""

    first: Visit | None = None  # first visit after the server started (includes loading data)
    later: Visit | None = None  # a new visitor (empty browser cache) on the warm server
    switch_s: float | None = None
    switch_done_s: float | None = None  # until the rerun of a switch has finished (Streamlit pages)
    switch_bytes: int | None = None
    profile_s: float | None = None
    profile_bytes: int | None = None
    notes: list[str] = field(default_factory=list)


class Counter:
    def __init__(self) -> None:
        self.bytes = 0

    def attach(self, page: Page) -> None:
        page.on("websocket", lambda ws: ws.on("framereceived", self._add))

    def _add(self, payload: str | bytes) -> None:
        self.bytes += len(payload)

    def take(self) -> int:
        value, self.bytes = self.bytes, 0
        return value


def open_page(browser: Browser, config: dict) -> tuple[BrowserContext, Page, Counter]:
    """A fresh context (empty cache, like a new visitor) with the timing script installed."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    context.add_init_script(_INIT % json.dumps(config))
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    counter = Counter()
    counter.attach(page)
    return context, page, counter


def heap_mb(page: Page) -> float:
    """JS heap in use after a garbage collection (CDP Performance.getMetrics: JSHeapUsedSize)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("HeapProfiler.enable")
        cdp.send("HeapProfiler.collectGarbage")
        cdp.send("Performance.enable")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        return metrics.get("JSHeapUsedSize", float("nan")) / 2**20
    finally:
        cdp.detach()


def _visit(page: Page, counter: Counter, url: str, streamlit: bool) -> Visit:
    counter.take()
    page.goto(url, wait_until="commit")
    page.wait_for_function("() => window.__bench && window.__bench.ready !== null", timeout=TIMEOUT_MS, polling=100)
    # wait for the 1 s of frames after ready, and for Streamlit to finish the run (and the map's report)
    page.wait_for_function(
        "() => window.__bench.gaps.length && performance.now() - window.__bench.ready > 1000",
        timeout=TIMEOUT_MS,
        polling=100,
    )
    if streamlit:
        settle(page)
    bench = page.evaluate(
        """() => { const b = window.__bench; const from = b.ui === null ? 0 : b.ui;
            const gaps = b.gaps.filter(g => g[0] >= from && g[0] <= b.ready + 1000).map(g => g[1]);
            return {ready: b.ready, block: gaps.length ? Math.max(...gaps) : 0}; }"""
    )
    return Visit(bench["ready"] / 1000, counter.take(), heap_mb(page), bench["block"])


def settle(page: Page, quiet_ms: int = 1000) -> None:
    """Until Streamlit has not rerun for `quiet_ms` (st_folium maps report their first state: one more rerun)."""
    page.evaluate(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            window.__settledSince = performance.now();
            new MutationObserver(() => { window.__settledSince = performance.now(); })
                .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
        }"""
    )
    page.wait_for_function(
        """(quiet) => document.querySelector('[data-testid="stApp"]').getAttribute('data-test-script-state')
            === 'notRunning' && performance.now() - window.__settledSince > quiet""",
        arg=quiet_ms,
        timeout=TIMEOUT_MS,
        polling=100,
    )


def _switch(page: Page, counter: Counter, option_text: str) -> tuple[float, float | None, int]:
    """Open the indicator dropdown, then time the option click until new colours are drawn."""
    page.evaluate(_FILLS)
    before = page.evaluate("() => window.__fills().sig")
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Indikator").first.click()
    # the dropdown only renders the options near the selected one: typing filters the list (not timed)
    page.keyboard.type(option_text.split(" · ")[-1])
    option = page.get_by_role("option", name=option_text, exact=True)
    option.wait_for()
    counter.take()
    page.evaluate(_WATCH, [before, "", False])  # the timer starts right before the click
    option.click()
    page.wait_for_function("() => window.__switch !== null", timeout=TIMEOUT_MS, polling=50)
    seconds = page.evaluate("window.__switch") / 1000
    settle(page)
    done = page.evaluate("window.__switchDone")
    return seconds, None if done is None else done / 1000, counter.take()


def measure_app(
    browser: Browser,
    url: str,
    path: str,
    areas: int,
    indicator: str,
    option_text: str,
    run: BrowserRun,
    first: bool,
    profile_area: tuple[str, str] | None = None,
    canvas_marker: str | None = None,
) -> None:
    """A Streamlit map contender: first (or later) visit, indicator switch, page switch to a profile."""
    config = {"want": areas, "marker": canvas_marker, "ui": '[data-testid="stSelectbox"]'}
    query = f"?indikator={indicator}"
    if profile_area:
        query += f"&gebiet={profile_area[0]}"
    context, page, counter = open_page(browser, config)
    try:
        visit = _visit(page, counter, f"{url}{path}{query}", streamlit=True)
        if first:
            run.first = visit
            return
        run.later = visit
        run.switch_s, run.switch_done_s, run.switch_bytes = _switch(page, counter, option_text)
        if profile_area:
            counter.take()
            page.evaluate(_PROFILE, [areas, f"Steckbrief {profile_area[1]}"])
            page.wait_for_function("() => window.__nav !== null", timeout=TIMEOUT_MS, polling=50)
            run.profile_s = page.evaluate("window.__nav") / 1000
            if run.profile_s < 0:
                raise RuntimeError(f"Steckbrief {profile_area[1]}: die Seite zeigt einen Fehler")
            settle(page)
            run.profile_bytes = counter.take()
    except Exception:
        RESULTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(RESULTS / "failed.png"))
        raise
    finally:
        context.close()


def measure_floor(browser: Browser, url: str, areas: int, canvas: bool, run: BrowserRun) -> None:
    """The static floor: page load until polygons drawn, then the recolour button until new colours."""
    config = {"want": areas, "marker": 'body[data-loaded="true"]' if canvas else None, "ui": "#umfaerben"}
    context, page, counter = open_page(browser, config)
    try:
        run.later = _visit(page, counter, f"{url}/index.html", streamlit=False)
        page.evaluate(_FILLS)
        before = page.evaluate("() => window.__fills().sig")
        page.evaluate(_WATCH, [before, "#umfaerben", True])
        page.wait_for_function("() => window.__switch !== null", timeout=TIMEOUT_MS, polling=50)
        run.switch_s = page.evaluate("window.__switch") / 1000
        run.switch_bytes = 0
    finally:
        context.close()


def measure_blank(browser: Browser, url: str, run: BrowserRun) -> None:
    """The blank Streamlit page: navigation until its one line of text is shown; then, on the
    page with one selectbox, a minimal rerun: click on an option until the new text is painted."""
    context, page, counter = open_page(browser, {"text": "Leere Seite"})
    try:
        run.later = _visit(page, counter, f"{url}/", streamlit=True)
    finally:
        context.close()
    context, page, counter = open_page(browser, {"text": "Gewählt: A"})
    try:
        _visit(page, counter, f"{url}/?wahl=1", streamlit=True)
        page.locator('[data-testid="stSelectbox"]').first.click()
        option = page.get_by_role("option", name="B", exact=True)
        option.wait_for()
        counter.take()
        page.evaluate(
            """() => {
              window.__switch = null;
              let t0 = performance.now();  // from the press on the option, as for the maps
              document.addEventListener('pointerdown', () => { t0 = performance.now(); }, {capture: true, once: true});
              const poll = () => {
                if (document.body.innerText.includes('Gewählt: B')) {
                  requestAnimationFrame(() => { window.__switch = performance.now() - t0; });
                  return;
                }
                requestAnimationFrame(poll);
              };
              requestAnimationFrame(poll);
            }"""
        )
        option.click()
        page.wait_for_function("() => window.__switch !== null", timeout=TIMEOUT_MS, polling=50)
        run.switch_s = page.evaluate("window.__switch") / 1000
        settle(page)
        run.switch_bytes = counter.take()
    finally:
        context.close()


def main() -> int:
    from benchmarks.run_all import main as run_all

    return run_all()


if __name__ == "__main__":
    sys.exit(main())
