"""The phone vote route (/abstimmen): its rules over real HTTP requests (Starlette's test client)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from sozialraum.konferenz.phone_vote import DEVICE_COOKIE, DeviceLimit, PhoneVote, form_token
from sozialraum.konferenz.store import Store
from sozialraum.konferenz.voting import RateLimit, VoteRules
from sozialraum.settings import REPO_ROOT

KONFERENZ = "bieblach-ost-2026"
URL = f"/abstimmen?konferenz={KONFERENZ}"
HOST = "testserver"


@dataclass
class Room:
    client: TestClient
    store: Store
    cards: list[int]
    clock: list[float]
    db: str
    folder: Path
    opened: int = 0

    def open(self, rules: VoteRules | None = None) -> int:
        self.opened += 1  # a distinct request each time: the same one again within seconds is a double click
        return self.store.open_poll(KONFERENZ, rules or VoteRules(3, True), frage=f"Frage {self.opened}")

    def phone(self) -> tuple[TestClient, str]:
        """A new phone: a client with its own cookies that has loaded the page once."""
        phone = TestClient(self.client.app, base_url=f"http://{HOST}")
        phone.get(URL)
        return phone, phone.cookies[DEVICE_COOKIE]


def _app(vote: PhoneVote) -> Starlette:
    return Starlette(routes=vote.routes())


@pytest.fixture
def room(tmp_path: Path) -> Iterator[Room]:
    folder = tmp_path / "daten"
    (folder / "konferenzen").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "data" / "konferenzen" / f"{KONFERENZ}.toml", folder / "konferenzen")
    db = f"sqlite:///{tmp_path / 'konferenz.sqlite'}"
    store = Store(db, RateLimit(min_interval_s=0))
    cards = [store.add_card(KONFERENZ, "idee", f"Idee {i}") for i in range(3)]
    clock = [1000.0]
    vote = PhoneVote(lambda: store, lambda: folder, DeviceLimit(posts=6, window_s=60), clock=lambda: clock[0])
    with TestClient(_app(vote), base_url=f"http://{HOST}") as client:
        yield Room(client, store, cards, clock, db, folder)
    store.close()


def _form(device: str, poll_id: int, points: dict[int, int], **extra: str) -> dict[str, str]:
    data = {"csrf": form_token(device), "abstimmung": str(poll_id)}
    data.update({f"karte_{card}": str(n) for card, n in points.items()})
    data.update(extra)
    return data


def _post(phone: TestClient, data: dict[str, str], origin: str | None = f"http://{HOST}", json: bool = False):
    headers = {"Origin": origin} if origin else {}
    if json:
        headers["Accept"] = "application/json"
    return phone.post(URL, data=data, headers=headers, follow_redirects=False)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_no_form_until_the_moderator_opens_the_vote_and_none_after_closing(room: Room) -> None:
    phone, device = room.phone()
    page = phone.get(URL)
    assert page.status_code == 200 and "noch nicht geöffnet" in page.text and "<form" not in page.text
    assert "<meta http-equiv='refresh' content='10'>" in page.text  # waits for the moderator, without JavaScript
    poll = room.open()
    page = phone.get(URL)
    assert "<form" in page.text and f"name='abstimmung' value='{poll}'" in page.text
    assert "3 Punkte je Person" in _text(page.text)
    room.store.close_poll(poll, min_open_s=0)  # at once, not a double click
    answer = _post(phone, _form(device, poll, {room.cards[0]: 1}))
    assert answer.status_code == 409 and "geschlossen" in answer.text
    assert room.store.ballot_count(poll) == 0
    closed = phone.get(URL).text
    assert "<form" not in closed and "http-equiv='refresh'" not in closed


def test_a_vote_is_counted_and_a_second_one_replaces_it(room: Room) -> None:
    poll = room.open()
    phone, device = room.phone()
    answer = _post(phone, _form(device, poll, {room.cards[0]: 2, room.cards[1]: 1}))
    assert answer.status_code == 303 and answer.headers["location"] == f"{URL}&gezaehlt=1"
    shown = phone.get(answer.headers["location"]).text
    assert "Danke! Ihre Punkte sind gezählt." in shown
    assert f"id='karte_{room.cards[0]}' name='karte_{room.cards[0]}' min='0' max='3' step='1' value='2'" in shown
    answer = _post(phone, _form(device, poll, {room.cards[2]: 3}), json=True)
    assert answer.status_code == 200 and answer.json()["ok"] is True
    assert room.store.ballot_count(poll) == 1
    assert room.store.ballot(poll, device) == {room.cards[2]: 3}


def test_points_over_the_limit_unknown_cards_and_garbage_are_refused(room: Room) -> None:
    poll = room.open(VoteRules(3, stacking=False))
    phone, device = room.phone()
    cases = {
        "Zu viele Punkte: 4 vergeben, erlaubt sind 3.": {room.cards[0]: 2, room.cards[1]: 2},
        "höchstens einen Punkt je Karte": {room.cards[0]: 2},
        "Unbekannte oder zusammengeführte Karte(n): 999.": {999: 1},
        "Bitte mindestens einen Punkt vergeben.": {room.cards[0]: 0},
    }
    for message, points in cases.items():
        answer = _post(phone, _form(device, poll, points), json=True)
        assert answer.status_code == 400 and message in answer.json()["meldung"], (message, answer.text)
    answer = _post(phone, _form(device, poll, {}, **{f"karte_{room.cards[0]}": "-1"}))
    assert answer.status_code == 400 and "„-1“ ist keine Punktzahl von 0 bis 20" in answer.text
    assert room.store.ballot_count(poll) == 0


def test_forged_origin_token_or_missing_cookie_are_refused(room: Room) -> None:
    poll = room.open()
    phone, device = room.phone()
    good = _form(device, poll, {room.cards[0]: 1})
    answer = _post(phone, good, origin="https://boese.example")
    assert answer.status_code == 403 and "fremden Seite" in answer.text
    assert _post(phone, good, origin="null").status_code == 403
    forged = _post(phone, {**good, "csrf": form_token("anderesgeraet1234")})
    assert forged.status_code == 403 and "nicht von der Abstimmungsseite" in forged.text
    stranger = TestClient(room.client.app, base_url=f"http://{HOST}")  # a cross-site post carries no cookie
    answer = _post(stranger, good)
    assert answer.status_code == 403 and "nicht erkannt" in answer.text
    assert room.store.ballot_count(poll) == 0
    assert _post(phone, good).status_code == 303  # the same form from the page itself counts
    assert room.store.ballot_count(poll) == 1


def test_a_device_sending_too_often_is_slowed_down(room: Room) -> None:
    poll = room.open()
    phone, device = room.phone()
    for i in range(6):
        assert _post(phone, _form(device, poll, {room.cards[i % 3]: 1}), json=True).status_code == 200
    answer = _post(phone, _form(device, poll, {room.cards[0]: 3}), json=True)
    assert answer.status_code == 429 and "in 60 Sekunden noch einmal" in answer.json()["meldung"]
    other, other_device = room.phone()  # the limit is per device, not for the room
    assert _post(other, _form(other_device, poll, {room.cards[0]: 1}), json=True).status_code == 200
    room.clock[0] += 61
    assert _post(phone, _form(device, poll, {room.cards[0]: 3}), json=True).status_code == 200
    assert room.store.ballot(poll, device) == {room.cards[0]: 3}
    assert room.store.ballot_count(poll) == 2


def test_a_form_of_an_earlier_vote_does_not_count_for_a_new_one(room: Room) -> None:
    first = room.open()
    phone, device = room.phone()
    second = room.open()
    answer = _post(phone, _form(device, first, {room.cards[0]: 1}), json=True)
    assert answer.status_code == 409 and answer.json()["neu_laden"] is True
    assert room.store.ballot_count(second) == 0 and room.store.ballot_count(first) == 0


def test_nothing_is_lost_across_a_restart(room: Room) -> None:
    poll = room.open()
    phone, device = room.phone()
    assert _post(phone, _form(device, poll, {room.cards[1]: 3})).status_code == 303
    # a new process: new store, new route object; the phone keeps its cookie and its loaded form
    restarted = PhoneVote(lambda: Store(room.db, RateLimit(min_interval_s=0)), lambda: room.folder)
    phone.app = _app(restarted)
    page = phone.get(URL).text
    assert "Ihre Stimme ist gezählt" in page and "value='3'" in page
    assert _post(phone, _form(device, poll, {room.cards[0]: 1})).status_code == 303
    assert Store(room.db).ballot(poll, device) == {room.cards[0]: 1}
    assert Store(room.db).ballot_count(poll) == 1


def test_unknown_conference_and_page_size(room: Room) -> None:
    room.open()
    answer = room.client.get("/abstimmen?konferenz=gibt-es-nicht")
    assert answer.status_code == 404 and "Diese Konferenz gibt es nicht" in answer.text
    page = TestClient(room.client.app, base_url=f"http://{HOST}").get(URL)  # a phone's first visit
    assert page.headers["set-cookie"].startswith(f"{DEVICE_COOKIE}=") and "HttpOnly" in page.headers["set-cookie"]
    assert "script-src 'nonce-" in page.headers["content-security-policy"]
    assert len(page.content) < 20_000  # the whole first load: one page, nothing else to fetch
    assert not re.search(r"(src=|<link[^>]*href=)['\"](?!data:)", page.text)  # nothing loaded from elsewhere
    assert set(re.findall(r"<a href='([^?']*)", page.text)) == {"/abstimmen"}  # links: this page in other languages


def test_serve_refuses_an_untested_streamlit_with_a_message() -> None:
    from components.server_routes import check_version

    check_version("1.67.0")
    with pytest.raises(SystemExit, match="serve.py ist mit Streamlit 1.67 geprüft, installiert ist 1.68.0"):
        check_version("1.68.0")


def test_the_page_speaks_the_chosen_language_and_keeps_it(room: Room) -> None:
    poll = room.open()
    phone, device = room.phone()
    page = phone.get(f"{URL}&sprache=uk").text
    assert page.startswith("<!doctype html><html lang='uk' dir='ltr'>") and "<h1>Ваші бали</h1>" in page
    assert f"action='{URL}&amp;sprache=uk'" in page and "Залишилося балів: 3 з 3." in page
    links = re.findall(r"<a href='([^']+)' lang='(\w+)'", page)
    assert links == [(f"{URL}&amp;sprache={code}", lang) for code, lang in
                     (("de", "de"), ("ls", "de"), ("en", "en"), ("uk", "uk"), ("ar", "ar"))]  # fmt: skip
    answer = _post(phone, _form(device, poll, {room.cards[0]: 1}), origin=None)
    assert answer.headers["location"] == f"{URL}&gezaehlt=1"  # no choice in the URL: the browser's language again
    answer = phone.post(f"{URL}&sprache=uk", data=_form(device, poll, {room.cards[0]: 2}), follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"{URL}&sprache=uk&gezaehlt=1"
    assert "Дякуємо! Ваші бали зараховано." in phone.get(answer.headers["location"]).text


def test_the_browser_language_chooses_arabic_right_to_left(room: Room) -> None:
    poll = room.open()
    phone, device = room.phone()
    phone.headers["Accept-Language"] = "ar-SY,ar;q=0.9,en;q=0.5"
    page = phone.get(URL).text
    assert page.startswith("<!doctype html><html lang='ar' dir='rtl'>") and "<h1>نقاطك</h1>" in page
    assert "<p class='ort' lang='de' dir='auto'>" in page  # the conference file's German, marked as such
    assert "aria-label='نقطة إضافية: Idee 0'" in page and "<span class='art'>فكرة/اقتراح</span>" in page
    answer = _post(phone, _form(device, poll, {room.cards[0]: 2, room.cards[1]: 2}), json=True)
    assert answer.status_code == 400
    assert answer.json()["meldung"] == "لم يتم احتساب نقاطك. نقاط أكثر من المسموح: أعطيت 4، والمسموح به 3."
    assert "مسح رمز QR" in phone.get("/abstimmen?konferenz=gibt-es-nicht").text
    phone.headers["Accept-Language"] = "de-DE"
    assert "<h1>Ihre Punkte</h1>" in phone.get(URL).text
