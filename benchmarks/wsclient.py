"""A Streamlit session without a browser: the websocket protocol (protobuf) spoken from Python.

Light enough to hold 50 sessions on a 2-core machine, so the server's memory and latency can be
measured with many visitors. It does what the browser's Streamlit frontend does for a visit: open a
page with a query string, change a selectbox, switch to another page with the current selections,
and it reports the hashes of cached messages as the frontend does (the server then sends only a
reference for large unchanged elements). What it does not do: draw anything or run component
JavaScript (the dashboard's map sends nothing back until an area is clicked). It fetches the map's
static GeoJSON once per session, as a browser with an empty cache would.
"""

from __future__ import annotations

import asyncio
import re
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

PAGE_ERROR = "ist ein Fehler aufgetreten"  # the public error box of components/layout.py
GEOMETRY_URL = re.compile(r"/app/static/cache/[A-Za-z0-9_.-]+\.json(?:\.gz)?")


class VisitError(RuntimeError):
    """Something a visitor would have seen as broken: an exception box, a missing page, a timeout."""


@dataclass
class Run:
    """One script run as the client saw it."""

    seconds: float
    bytes: int
    status: int
    headings: list[str] = field(default_factory=list)


class Session:
    """One visitor: `await Session.open(url)`, then `goto`, `choose`, `close`."""

    def __init__(self, base_url: str, timeout_s: float = 300.0) -> None:
        self.base_url = base_url
        self.timeout_s = timeout_s
        self.ws = None
        self.pages: dict[str, str] = {}  # url path name ('Karte') -> page script hash
        self.page_hash = ""
        self.query = ""
        self.selectboxes: dict[str, tuple[str, list[str], str]] = {}  # label -> (id, options, current)
        # label of an integer number_input, or of a radio choosing among whole numbers (the ballot's 0 … 3),
        # -> (id, value)
        self.numbers: dict[str, tuple[str, int]] = {}
        self.number_radios: set[str] = set()  # ids of those radios: their state is the option's text
        self.buttons: dict[str, str] = {}  # label -> id
        self.alerts: list[str] = []  # texts of st.success/info/warning/error of the last run
        self.cache: dict[str, ForwardMsg] = {}
        self.geometry_urls: set[str] = set()
        self.fetched: set[str] = set()
        self.geometry_bytes = 0
        self.errors: list[str] = []
        self.total_bytes = 0

    @classmethod
    async def open(cls, base_url: str, timeout_s: float = 300.0, headers: dict[str, str] | None = None) -> Session:
        """`headers`: e.g. a login cookie, sent with the websocket handshake as a browser would."""
        session = cls(base_url, timeout_s)
        ws_url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        session.ws = await connect(
            ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout_s, additional_headers=headers
        )
        return session

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    # --- actions -------------------------------------------------------------------

    async def goto(self, page: str, query: dict[str, str] | None = None) -> Run:
        """Open a page ('' = main page, else its URL name such as 'Karte') with a query string."""
        self.query = urllib.parse.urlencode(query or {})
        state = BackMsg()
        state.rerun_script.query_string = self.query
        if page and page in self.pages:
            state.rerun_script.page_script_hash = self.pages[page]
        else:
            state.rerun_script.page_name = page
        return await self._run(state)

    async def choose(self, label: str, option: str) -> Run:
        """Pick `option` (its shown text) in the selectbox labelled `label`, as a click would."""
        if label not in self.selectboxes:
            raise VisitError(f"no selectbox {label!r}; seen: {sorted(self.selectboxes)}")
        widget_id, options, _ = self.selectboxes[label]
        if option not in options:
            raise VisitError(f"{option!r} not among the options of {label!r}")
        state = BackMsg()
        state.rerun_script.query_string = self.query
        state.rerun_script.page_script_hash = self.page_hash
        widget = state.rerun_script.widget_states.widgets.add()
        widget.id = widget_id
        widget.string_value = option
        return await self._run(state)

    async def fill(self, numbers: dict[str, int], press: str | None = None) -> Run:
        """Set integer number inputs or whole-number radios (by label) and optionally press a button, in one
        rerun; the others keep their values (sent along, as the browser does)."""
        state = BackMsg()
        state.rerun_script.query_string = self.query
        state.rerun_script.page_script_hash = self.page_hash
        for label, (widget_id, value) in self.numbers.items():
            widget = state.rerun_script.widget_states.widgets.add()
            widget.id = widget_id
            if widget_id in self.number_radios:
                widget.string_value = str(int(numbers.get(label, value)))
            else:
                widget.int_value = int(numbers.get(label, value))
        if press is not None:
            if press not in self.buttons:
                raise VisitError(f"no button {press!r}; seen: {sorted(self.buttons)}")
            widget = state.rerun_script.widget_states.widgets.add()
            widget.id = self.buttons[press]
            widget.trigger_value = True
        return await self._run(state)

    async def fetch_geometry(self) -> int:
        """GET every map GeoJSON seen so far once (as a browser with an empty cache); returns bytes."""
        total = 0
        for path in sorted(self.geometry_urls - self.fetched):
            self.fetched.add(path)
            request = urllib.request.Request(self.base_url + path, headers={"Accept-Encoding": "gzip"})

            def get(request: urllib.request.Request = request) -> int:
                with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                    return len(response.read())

            try:
                total += await asyncio.to_thread(get)
            except OSError as exc:
                raise VisitError(f"GeoJSON {path}: {exc}") from exc
        self.geometry_bytes += total
        return total

    # --- protocol ------------------------------------------------------------------

    async def _run(self, message: BackMsg) -> Run:
        message.rerun_script.cached_message_hashes.extend(sorted(self.cache))
        started = time.perf_counter()
        received = 0
        headings: list[str] = []
        self.alerts = []
        await self.ws.send(message.SerializeToString())
        deadline = started + self.timeout_s
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise VisitError(f"no answer within {self.timeout_s:.0f} s")
            try:
                data = await asyncio.wait_for(self.ws.recv(), remaining)
            except TimeoutError as exc:
                raise VisitError(f"no answer within {self.timeout_s:.0f} s") from exc
            received += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            finished = self._handle(msg, headings)
            if finished is not None:
                if finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # st.rerun / st.switch_page: the server starts the next run itself
                run = Run(time.perf_counter() - started, received, finished, headings)
                self.total_bytes += received
                if finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise VisitError(f"script finished with status {finished}")
                if self.errors:
                    raise VisitError("; ".join(self.errors))
                return run

    def _handle(self, msg: ForwardMsg, headings: list[str]) -> int | None:
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                self.errors.append(f"reference to an unknown message {msg.ref_hash}")
                return None
            return self._handle(cached, headings)
        if msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = msg
        if kind == "new_session":
            self._pages(msg.new_session.app_pages)
            self.page_hash = msg.new_session.page_script_hash
        elif kind == "navigation":
            self._pages(msg.navigation.app_pages)
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            self.errors.append(f"page not found: {msg.page_not_found.page_name}")
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element, headings)
        elif kind == "script_finished":
            return msg.script_finished
        return None

    def _pages(self, pages) -> None:
        for page in pages:
            self.pages[page.url_pathname] = page.page_script_hash

    def _element(self, element, headings: list[str]) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.errors.append(f"exception: {element.exception.type}: {element.exception.message}")
        elif kind == "alert":
            self.alerts.append(element.alert.body)
            if PAGE_ERROR in element.alert.body:  # the app's own error box
                self.errors.append(f"error box: {element.alert.body[:200]}")
        elif kind == "number_input" and element.number_input.data_type == 0:  # INT
            box = element.number_input
            self.numbers[box.label] = (box.id, int(box.value if box.set_value else box.default))
        elif kind == "radio" and element.radio.options and all(o.isdigit() for o in element.radio.options):
            box = element.radio
            self.numbers[box.label] = (box.id, int(box.raw_value if box.set_value else box.options[box.default]))
            self.number_radios.add(box.id)
        elif kind == "button":
            self.buttons[element.button.label] = element.button.id
        elif kind == "selectbox":
            box = element.selectbox
            self.selectboxes[box.label] = (box.id, list(box.options), box.raw_value)
        elif kind == "heading":
            headings.append(element.heading.body)
        elif kind == "component_instance":
            self.geometry_urls.update(GEOMETRY_URL.findall(element.component_instance.json_args))


@dataclass
class VisitTimes:
    """Seconds and bytes per action of one scripted visit."""

    actions: dict[str, list[float]] = field(default_factory=dict)
    bytes: dict[str, list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, action: str, run: Run) -> None:
        self.actions.setdefault(action, []).append(run.seconds)
        self.bytes.setdefault(action, []).append(run.bytes)


async def _warm(base_url: str, page: str, wait_s: float) -> float:
    deadline = time.perf_counter() + wait_s
    while True:  # the instance may still be starting
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    break
        except OSError:
            pass
        if time.perf_counter() > deadline:
            raise VisitError(f"{base_url} did not become healthy within {wait_s:.0f} s")
        await asyncio.sleep(0.5)
    session = await Session.open(base_url, timeout_s=wait_s)
    try:
        run = await session.goto(page)
        await session.fetch_geometry()
        return run.seconds
    finally:
        await session.close()


def main(argv: list[str] | None = None) -> int:
    """Warm an instance up: open one page once, so data and map geometry are loaded before the
    first real visitor comes (deploy/systemd/sozialraum-aufwaermen@.service).

        python benchmarks/wsclient.py http://127.0.0.1:8501 [Karte]
    """
    import sys

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(main.__doc__)
        return 2
    page = args[1] if len(args) > 1 else "Karte"
    try:
        seconds = asyncio.run(_warm(args[0].rstrip("/"), page, 300.0))
    except (VisitError, OSError) as exc:
        print(f"Aufwärmen von {args[0]} fehlgeschlagen: {exc}")
        return 1
    print(f"{args[0]}/{page} aufgewärmt in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
