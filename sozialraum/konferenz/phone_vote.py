"""The phone vote as a route of the dashboard's own server: ``/abstimmen?konferenz=<id>``.

A phone in the room loads one page of a few KB instead of Streamlit's frontend (2.6 MB in 86
requests). The rules stay where they were: the store accepts a ballot only while the moderator has
the vote open, checks the points and replaces a device's earlier ballot. This module adds what a
plain HTTP form needs: the device cookie (the same one the Streamlit page uses), a form token bound
to that cookie plus an Origin check against posts from other sites, and a per-device rate limit.

Plain Starlette (it comes with Streamlit); `serve.py` mounts the routes next to the dashboard.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..i18n import N_, QUERY_PARAM, Translator, choose, languages
from ..settings import resolve_data_dir
from .agenda import Agenda, Known, agenda_files, read_all
from .phone_page import PageState, render
from .store import Store, StoreError
from .voting import VoteRules

VOTE_PATH = "/abstimmen"
DEVICE_COOKIE = "sr_geraet"  # shared with pages/12_Abstimmung.py: one device, one ballot
DEVICE_MAX_AGE_S = 86_400
MAX_BODY_BYTES = 16_384
_TOKEN = re.compile(r"^[A-Za-z0-9]{16,64}$")
_FIELD = re.compile(r"^karte_(\d{1,9})$")

_served = threading.Event()


def is_served() -> bool:
    """True once this process serves the route (the QR code then points to it)."""
    return _served.is_set()


def vote_path(konferenz_id: str, sprache: str = "") -> str:
    """The page's address; `sprache` only when the person chose it (else the browser's language holds)."""
    chosen = f"&{QUERY_PARAM}={quote(sprache)}" if sprache else ""
    return f"{VOTE_PATH}?konferenz={quote(konferenz_id)}{chosen}"


def form_token(device: str) -> str:
    """The form token: a hash of the device cookie, which another site can neither read nor set.

    Needs no server secret, so it survives a restart and holds on every app instance.
    """
    return hashlib.sha256(f"sr-abstimmen|{device}".encode()).hexdigest()[:32]


@dataclass
class DeviceLimit:
    """At most `posts` ballot submissions per device within `window_s` (in this process; nginx binds
    a device to one instance). The store adds its own 2-s pause between two changes of one ballot."""

    posts: int = 6
    window_s: float = 60.0

    def __post_init__(self) -> None:
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, device: str, now: float) -> float:
        """Seconds this device has to wait (0: go ahead, and the attempt is counted)."""
        with self._lock:
            times = self._seen.setdefault(device, deque())
            while times and times[0] <= now - self.window_s:
                times.popleft()
            if len(times) >= self.posts:
                return times[0] + self.window_s - now
            times.append(now)
            if len(self._seen) > 20_000:  # forget idle devices
                for key in [k for k, v in self._seen.items() if not v or v[-1] <= now - self.window_s]:
                    del self._seen[key]
            return 0.0


class Refused(Exception):
    """A request the page answers with a message instead of counting it."""

    def __init__(self, status: int, message: str, reload: bool = False) -> None:
        super().__init__(message)
        self.status, self.message, self.reload = status, message, reload


class PhoneVote:
    """The route and its rules. `store` is created on first use (after the server has started)."""

    def __init__(
        self,
        store: Callable[[], Store] = Store,
        data_folder: Callable[[], Path] = resolve_data_dir,
        limit: DeviceLimit | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._make_store, self._data_folder = store, data_folder
        self._store: Store | None = None
        self.limit = limit or DeviceLimit()
        self._clock = clock
        self._lock = threading.Lock()
        self._agendas: tuple[tuple, dict[str, Agenda]] = ((), {})

    def routes(self) -> list[Route]:
        _served.set()
        return [Route(VOTE_PATH, self.endpoint, methods=["GET", "POST"], name="abstimmen")]

    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = self._make_store()
            return self._store

    def agenda(self, konferenz_id: str) -> Agenda | None:
        """The conference's agenda, re-read when a file in `konferenzen/` changes."""
        folder = self._data_folder()
        files = agenda_files(folder)
        stamp = (str(folder), *((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files))
        with self._lock:
            if self._agendas[0] != stamp:
                # references (areas, indicators) were checked where the moderator opens the vote
                parsed = read_all(folder, Known())
                self._agendas = (stamp, {k: r.agenda for k, r in parsed.items() if r.agenda and not r.problems})
            return self._agendas[1].get(konferenz_id)

    # --- HTTP -----------------------------------------------------------------------------------

    async def endpoint(self, request: Request) -> Response:
        konferenz = request.query_params.get("konferenz", "")
        asked = request.query_params.get(QUERY_PARAM, "")
        t = Translator(choose(asked, request.headers.get("accept-language")))
        chosen = t.language.code if asked else ""  # kept in the form's address and the redirect
        device = _device(request)
        wants_json = "application/json" in request.headers.get("accept", "")
        if request.method == "POST":
            body = await request.body()
            try:
                return await run_in_threadpool(self._post, request, konferenz, device, body, wants_json, t, chosen)
            except Refused as exc:
                return await run_in_threadpool(self._refused, request, konferenz, device, exc, wants_json, t, chosen)
        notice = t(THANKS) if request.query_params.get("gezaehlt") == "1" else ""
        return await run_in_threadpool(self._page, request, konferenz, device, notice, "ok", 200, t, chosen)

    def _post(
        self, request: Request, konferenz: str, device: str | None, body: bytes, wants_json: bool, t: Translator,
        chosen: str,
    ) -> Response:  # fmt: skip
        _check_origin(request, t)
        if device is None:
            raise Refused(
                403,
                t(
                    "Ihr Telefon wurde nicht erkannt (Cookies gesperrt oder abgelaufen). Bitte die Seite neu laden "
                    "und die Punkte noch einmal abgeben."
                ),
            )
        if len(body) > MAX_BODY_BYTES:
            raise Refused(413, t("Diese Anfrage ist zu groß und wurde nicht gezählt."))
        form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        if not hmac.compare_digest(_one(form, "csrf"), form_token(device)):
            raise Refused(
                403,
                t(
                    "Diese Stimme kam nicht von der Abstimmungsseite und wurde nicht gezählt. "
                    "Bitte die Seite neu laden."
                ),
            )
        wait = self.limit.wait(device, self._clock())
        if wait > 0:
            raise Refused(
                429,
                t("Zu viele Versuche von diesem Telefon. Bitte in {sekunden} Sekunden noch einmal senden.",
                  sekunden=round(wait)),
            )  # fmt: skip
        if self.agenda(konferenz) is None:
            raise Refused(404, t(_UNKNOWN))
        poll = self.store.latest_poll(konferenz)
        if poll is None or not poll.offen:
            raise Refused(409, t("Die Abstimmung ist geschlossen. Ihre Punkte wurden nicht gezählt."))
        if _one(form, "abstimmung") != str(poll.id):
            raise Refused(
                409,
                t("Die Moderation hat eine neue Abstimmung geöffnet. Bitte die Punkte noch einmal verteilen."),
                True,
            )
        allocation = _allocation(form, t)
        if sum(allocation.values()) == 0:
            raise Refused(400, t("Bitte mindestens einen Punkt vergeben."))
        cards = {int(c) for c in self.store.cards(konferenz)["id"]}
        problem = ballot_problem(allocation, poll.rules, cards, t)
        if problem:
            raise Refused(400, t(NOT_COUNTED) + " " + problem)
        try:
            self.store.submit_ballot(poll.id, device, allocation)
        except StoreError as exc:  # a race or the store's own pace; its detail is German
            detail = str(exc) if t.language.code == "de" else t("Bitte in ein paar Sekunden noch einmal senden.")
            raise Refused(400, f"{t(NOT_COUNTED)} {detail}") from exc
        if wants_json:
            return JSONResponse({"ok": True, "meldung": t(THANKS)}, headers=_NO_STORE)
        return RedirectResponse(f"{vote_path(konferenz, chosen)}&gezaehlt=1", status_code=303, headers=_NO_STORE)

    def _refused(
        self, request: Request, konferenz: str, device: str | None, exc: Refused, wants_json: bool, t: Translator,
        chosen: str,
    ) -> Response:  # fmt: skip
        if wants_json:
            body = {"ok": False, "meldung": exc.message, "neu_laden": exc.reload}
            return JSONResponse(body, status_code=exc.status, headers=_NO_STORE)
        return self._page(request, konferenz, device, exc.message, "fehler", exc.status, t, chosen, keep_message=True)

    def _page(
        self,
        request: Request,
        konferenz: str,
        device: str | None,
        message: str,
        kind: str,
        status: int,
        t: Translator,
        chosen: str,
        keep_message: bool = False,
    ) -> Response:
        new_device = device is None
        device = device or secrets.token_hex(16)
        agenda = self.agenda(konferenz)
        state = PageState(t=t, title=t("Abstimmung"), message=message, message_kind=kind)
        state.language_links = {code: vote_path(konferenz, code) for code in languages()}
        if agenda is None:
            state.message, state.message_kind, status = t(_UNKNOWN), "fehler", 404
        else:
            self._fill(state, agenda, device, keep_message, chosen)
        nonce = secrets.token_urlsafe(12)
        response = HTMLResponse(render(state, nonce), status_code=status, headers={**_NO_STORE, **_csp(nonce)})
        if new_device:
            response.set_cookie(
                DEVICE_COOKIE, device, max_age=DEVICE_MAX_AGE_S, path="/", samesite="lax", httponly=True,
                secure=_is_https(request),
            )  # fmt: skip
        return response

    def _fill(self, state: PageState, agenda: Agenda, device: str, keep_message: bool, chosen: str) -> None:
        t = state.t
        state.title, state.place = t("Ihre Punkte"), f"{agenda.titel} · {agenda.ort}"
        state.reload_link = vote_path(agenda.id, chosen)
        poll = self.store.latest_poll(agenda.id)
        if poll is None or not poll.offen:
            if not (keep_message and state.message):
                state.message_kind = "info"
                state.message = (
                    t("Die Abstimmung ist noch nicht geöffnet. Diese Seite lädt sich alle {sekunden} Sekunden neu.",
                      sekunden=10)
                    if poll is None
                    else t("Die Abstimmung ist geschlossen. Danke!")
                )  # fmt: skip
                state.refresh_s = 10 if poll is None else 0
            return
        mine = self.store.ballot(poll.id, device) or {}
        if not state.message and mine:
            state.message, state.message_kind = (
                t("Ihre Stimme ist gezählt. Solange die Abstimmung offen ist, können Sie sie ändern."),
                "ok",
            )
        elif state.message_kind == "ok" and not mine:
            state.message = ""  # "gezaehlt=1" in a copied link is no ballot
        state.rules, state.poll_id, state.cards = poll.rules, poll.id, self.store.cards(agenda.id)
        state.values, state.csrf, state.action = mine, form_token(device), vote_path(agenda.id, chosen)
        state.reload_link = ""


_UNKNOWN = N_("Diese Konferenz gibt es nicht. Bitte den QR-Code auf der Leinwand noch einmal scannen.")
THANKS = N_("Danke! Ihre Punkte sind gezählt.")
NOT_COUNTED = N_("Ihre Punkte wurden nicht gezählt.")


def ballot_problem(allocation: dict[int, int], rules: VoteRules, cards: set[int], t: Translator) -> str:
    """What is wrong with a ballot, in the page's language ("" = nothing). The store checks it again
    (voting.check_ballot) for every other way in; this is only the wording for people."""
    unknown = sorted(c for c in allocation if c not in cards)
    if unknown:
        return t("Unbekannte oder zusammengeführte Karte(n): {karten}.", karten=", ".join(map(str, unknown)))
    total = sum(allocation.values())
    if total > rules.dots:
        return t("Zu viele Punkte: {vergeben} vergeben, erlaubt sind {punkte}.", vergeben=total, punkte=rules.dots)
    if not rules.stacking and any(d > 1 for d in allocation.values()):
        return t("In dieser Abstimmung gibt es höchstens einen Punkt je Karte.")
    return ""


_NO_STORE = {"Cache-Control": "no-store"}


def _csp(nonce: str) -> dict[str, str]:
    policy = (
        f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; connect-src 'self'; "
        "img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
    return {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


def _device(request: Request) -> str | None:
    token = request.cookies.get(DEVICE_COOKIE, "")
    return token if _TOKEN.match(token) else None


def _one(form: dict[str, list[str]], name: str) -> str:
    values = form.get(name) or [""]
    return values[0]


def _allocation(form: dict[str, list[str]], t: Translator) -> dict[int, int]:
    """Points per card from the form fields `karte_<id>`; anything else is refused with a message."""
    allocation: dict[int, int] = {}
    for name, values in form.items():
        match = _FIELD.match(name)
        if not match:
            continue
        text = values[-1].strip() or "0"
        if not re.fullmatch(r"\d{1,3}", text):
            raise Refused(400, t("Ihre Punkte wurden nicht gezählt: „{wert}“ ist keine Punktzahl von 0 bis 20.",
                                 wert=text[:20]))  # fmt: skip
        allocation[int(match.group(1))] = int(text)
    return allocation


def _check_origin(request: Request, t: Translator) -> None:
    """The browser names the page a form was sent from; it must be this server (as nginx passes Host)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin is None:
        return  # old browsers; the form token still has to match
    host = request.headers.get("host", "").lower()
    if origin == "null" or urlsplit(origin).netloc.lower() != host:
        raise Refused(
            403, t("Diese Stimme kam von einer fremden Seite und wurde nicht gezählt. Bitte den QR-Code scannen.")
        )


def _is_https(request: Request) -> bool:
    if request.url.scheme == "https":
        return True
    from_proxy = request.client is not None and request.client.host in {"127.0.0.1", "::1"}
    return from_proxy and request.headers.get("x-forwarded-proto", "") == "https"
