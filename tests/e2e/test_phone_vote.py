"""The light phone vote (/abstimmen) through serve.py, as a room uses it: the moderator opens the vote
on the projector, phones follow the address under the QR code, one without JavaScript, one with it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from sozialraum import auth
from sozialraum.konferenz.phone_vote import form_token
from sozialraum.konferenz.store import Store
from sozialraum.konferenz.voting import VoteRules
from tests.e2e.conftest import (
    APP_TIMEOUT_MS,
    PageWatch,
    _abort_outside,
    _close_outside_socket,
    is_outside,
    screenshot,
)
from tests.e2e.test_konferenz import KONFERENZ, MODERATOR, PASSWORD, expect_slide, open_as_moderator, slide_url
from tests.e2e.test_public import nginx_proxy

CARDS = ("Engagierte Nachbarschaftsinitiative", "Viele Kinder wachsen in Armut auf", "Jugendclub am Wochenende")


@pytest.fixture(scope="module")
def served(start_server: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """serve.py in the internal view with a moderator and an own database holding three cards."""
    folder = tmp_path_factory.mktemp("telefon")
    secrets = folder / "secrets.toml"
    auth.write_user(MODERATOR, PASSWORD, [auth.MODERATOR], secrets)
    db_dir = folder / "var"
    store_url = f"sqlite:///{db_dir / 'konferenz.sqlite'}"
    store = Store(store_url)
    for kind, text in zip(("staerke", "herausforderung", "idee"), CARDS, strict=True):
        store.add_card(KONFERENZ, kind, text)
    store.close()
    env = {"SOZIALRAUM_DB_DIR": str(db_dir), "SOZIALRAUM_DB_URL": "", auth.MODE_ENV: "intern"}
    return start_server(extra_env={**env, auth.SECRETS_ENV: str(secrets)}, script="serve.py"), store_url


def _phone(
    browser: Browser, javascript: bool, width: int, locale: str = "de-DE"
) -> tuple[Page, PageWatch, list[Request]]:
    context = browser.new_context(
        viewport={"width": width, "height": 700}, is_mobile=True, has_touch=True, locale=locale,
        java_script_enabled=javascript,
    )  # fmt: skip
    watch = PageWatch()
    context.route(is_outside, lambda route: _abort_outside(route, watch))
    context.route_web_socket(is_outside, lambda ws: _close_outside_socket(ws, watch))
    page = context.new_page()
    page.set_default_timeout(APP_TIMEOUT_MS)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("console", watch.on_console)
    requests: list[Request] = []
    page.on("requestfinished", lambda request: requests.append(request))
    return page, watch, requests


@pytest.fixture
def phones(browser: Browser) -> Iterator[list[tuple[Page, PageWatch, list[Request]]]]:
    made: list[tuple[Page, PageWatch, list[Request]]] = []
    yield made
    for page, watch, _ in made:
        page.context.close()
        # the refused ballot below is answered 400 on purpose; the browser logs every 4xx
        refused = re.compile(r"status of 400 .*/abstimmen\?konferenz=")
        watch.console_errors = [e for e in watch.console_errors if not refused.search(e)]
        assert not watch.problems(), watch.problems()


def _click(page: Page, locator) -> None:
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _kb(requests: list[Request]) -> float:
    return sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in requests) / 1024


def test_qr_flow_without_and_with_javascript(
    page: Page, browser: Browser, served: tuple[str, str], phones: list, tmp_path: Path
) -> None:
    base, store_url = served
    open_as_moderator(page, slide_url(base, 9))
    expect_slide(page, 9)
    _click(page, page.get_by_role("button", name="Abstimmung öffnen"))
    expect(page.get_by_role("button", name=re.compile(r"^Abstimmung \d+ schließen$"))).to_be_visible()
    vote_url = page.get_by_text(re.compile(r"/abstimmen\?konferenz=")).first.inner_text().strip()
    assert vote_url == f"{base}/abstimmen?konferenz={KONFERENZ}"

    # a phone without JavaScript at 320 px: a plain form, posted, answered with a page
    phones.append(_phone(browser, javascript=False, width=320))
    plain, _, plain_requests = phones[-1]
    plain.goto(vote_url)
    expect(plain.get_by_role("heading", name="Ihre Punkte")).to_be_visible()
    assert len(plain_requests) == 1 and _kb(plain_requests) < 100, [r.url for r in plain_requests]
    assert plain.evaluate("document.documentElement.scrollWidth") <= 320  # nothing wider than the phone
    plain.get_by_role("spinbutton", name=re.compile(CARDS[1])).fill("2")
    plain.get_by_role("spinbutton", name=re.compile(CARDS[2])).fill("1")
    screenshot(plain, "abstimmen_ohne_js_320")
    _click(plain, plain.get_by_role("button", name="Stimme abgeben"))
    expect(plain.get_by_text("Danke! Ihre Punkte sind gezählt.")).to_be_visible()
    expect(plain.get_by_role("spinbutton", name=re.compile(CARDS[1]))).to_have_value("2")
    # too many points: refused with a sentence, nothing changed
    plain.get_by_role("spinbutton", name=re.compile(CARDS[0])).fill("3")
    _click(plain, plain.get_by_role("button", name="Stimme abgeben"))
    expect(plain.get_by_text(re.compile("Zu viele Punkte: 6 vergeben, erlaubt sind 3."))).to_be_visible()

    # a phone with JavaScript: +/− buttons, a live count, sending without reloading
    phones.append(_phone(browser, javascript=True, width=320))
    smart, _, smart_requests = phones[-1]
    smart.goto(vote_url)
    expect(smart.get_by_text("Noch 3 von 3 Punkten frei.")).to_be_visible()
    assert smart.evaluate("document.documentElement.scrollWidth") <= 320  # with the +/− buttons too
    plus = smart.get_by_role("button", name=f"Einen Punkt mehr: {CARDS[0]}")
    for _ in range(3):
        _click(smart, plus)
    expect(smart.get_by_text("Noch 0 von 3 Punkten frei.")).to_be_visible()
    _click(smart, smart.get_by_role("button", name=f"Einen Punkt mehr: {CARDS[2]}"))
    expect(smart.get_by_text("1 Punkt(e) zu viel vergeben: erlaubt sind 3.")).to_be_visible()
    expect(smart.get_by_role("button", name="Stimme abgeben")).to_be_disabled()
    _click(smart, smart.get_by_role("button", name=f"Einen Punkt weniger: {CARDS[2]}"))
    _click(smart, smart.get_by_role("button", name="Stimme abgeben"))
    expect(smart.get_by_text("Danke! Ihre Punkte sind gezählt.")).to_be_visible()
    assert [r.url for r in smart_requests if r.method == "POST"] == [vote_url]
    screenshot(smart, "abstimmen_mit_js_320")

    # both ballots are in the store, and the projector's live ranking shows them
    store = Store(store_url)
    poll = store.latest_poll(KONFERENZ)
    assert poll is not None and store.ballot_count(poll.id) == 2
    assert int(store.votes(KONFERENZ, poll.id)["punkte"].sum()) == 6
    store.close()
    expect(page.get_by_text(re.compile("2 Stimmzettel"))).to_be_visible(timeout=30_000)
    _click(page, page.get_by_role("button", name=re.compile(r"^Abstimmung \d+ schließen$")))
    expect(page.get_by_role("button", name="Abstimmung öffnen")).to_be_visible()
    smart.reload()
    expect(smart.get_by_text("Die Abstimmung ist geschlossen. Danke!")).to_be_visible()
    expect(smart.get_by_role("button", name="Stimme abgeben")).to_have_count(0)


def test_behind_the_shipped_nginx_configuration(
    browser: Browser, served: tuple[str, str], phones: list, tmp_path: Path
) -> None:
    base, store_url = served
    store = Store(store_url)
    poll = store.open_poll(KONFERENZ, VoteRules(3, True))
    card = int(store.cards(KONFERENZ)["id"].iloc[0])
    with nginx_proxy(base, tmp_path) as proxy:
        context = browser.new_context(ignore_https_errors=True, viewport={"width": 390, "height": 844}, locale="de-DE")
        phone = context.new_page()
        phones.append((phone, PageWatch(), []))
        phone.on("pageerror", lambda error: phones[-1][1].page_errors.append(str(error)))
        response = phone.goto(f"{proxy}/abstimmen?konferenz={KONFERENZ}")
        assert response is not None and response.status == 200
        cookie = next(c for c in context.cookies() if c["name"] == "sr_geraet")
        assert cookie["secure"] and cookie["httpOnly"]  # https at nginx, told by X-Forwarded-Proto
        expect(phone.get_by_text("Noch 3 von 3 Punkten frei.")).to_be_visible()  # the script ran under both CSPs
        _click(phone, phone.get_by_role("button", name=f"Einen Punkt mehr: {CARDS[1]}"))
        _click(phone, phone.get_by_role("button", name="Stimme abgeben"))
        expect(phone.get_by_text("Danke! Ihre Punkte sind gezählt.")).to_be_visible()
        # a form on another site, sent by this phone's browser with its cookie and even a valid token
        url = f"{proxy}/abstimmen?konferenz={KONFERENZ}"
        form = {"csrf": form_token(cookie["value"]), "abstimmung": str(poll), f"karte_{card}": "3"}
        refused = context.request.post(url, form=form, headers={"Origin": "https://boese.example"})
        assert refused.status == 403 and "fremden Seite" in refused.text()
    assert store.ballot(poll, cookie["value"]) == {int(store.cards(KONFERENZ)["id"].iloc[1]): 1}
    assert store.ballot_count(poll) == 1
    store.close()


def _html_lang_dir(page: Page) -> tuple[str, str]:
    lang, direction = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    return lang, direction


def test_vote_in_ukrainian_chosen_on_the_page_and_in_arabic_from_the_browser(
    browser: Browser, served: tuple[str, str], phones: list
) -> None:
    base, store_url = served
    store = Store(store_url)
    store.open_poll(KONFERENZ, VoteRules(3, True), frage="Welche Karten sind am wichtigsten? (Sprachen)")
    url = f"{base}/abstimmen?konferenz={KONFERENZ}"

    # a German phone switches to Ukrainian with the switcher, then votes
    phones.append(_phone(browser, javascript=True, width=390))
    uk, _, _ = phones[-1]
    uk.goto(url)
    expect(uk.get_by_text("Noch 3 von 3 Punkten frei.")).to_be_visible()
    _click(uk, uk.get_by_role("link", name="Українська"))
    expect(uk.get_by_role("heading", name="Ваші бали")).to_be_visible()
    assert uk.url == f"{url}&sprache=uk" and _html_lang_dir(uk) == ("uk", "ltr")
    for _ in range(2):
        _click(uk, uk.get_by_role("button", name=f"На один бал більше: {CARDS[0]}"))
    expect(uk.get_by_text("Залишилося балів: 1 з 3.")).to_be_visible()
    _click(uk, uk.get_by_role("button", name="Проголосувати"))
    expect(uk.get_by_text("Дякуємо! Ваші бали зараховано.")).to_be_visible()
    screenshot(uk, "abstimmen_uk_390")

    # an Arabic phone at 360 px: the browser's language decides, the page runs right to left
    phones.append(_phone(browser, javascript=True, width=360, locale="ar-SY"))
    ar, _, ar_requests = phones[-1]
    ar.goto(url)
    expect(ar.get_by_role("heading", name="نقاطك")).to_be_visible()
    assert _html_lang_dir(ar) == ("ar", "rtl")
    assert ar.evaluate("document.documentElement.scrollWidth") <= 360
    assert _kb(ar_requests) < 100
    plus = ar.get_by_role("button", name=f"نقطة إضافية: {CARDS[2]}")
    _click(ar, plus)
    expect(ar.get_by_text("النقاط المتبقية: 2 من 3.")).to_be_visible()
    # mirrored: the card's text on the right, its +/− controls on its left
    text_box = ar.get_by_text(CARDS[2], exact=True).bounding_box()
    plus_box = plus.bounding_box()
    assert text_box is not None and plus_box is not None and plus_box["x"] < text_box["x"]
    screenshot(ar, "abstimmen_ar_360")
    _click(ar, ar.get_by_role("button", name="إرسال التصويت"))
    expect(ar.get_by_text("شكرًا! تم احتساب نقاطك.")).to_be_visible()
    expect(ar.get_by_role("link", name="العربية")).to_have_attribute("aria-current", "true")

    poll = store.latest_poll(KONFERENZ)
    assert poll is not None and store.ballot_count(poll.id) == 2
    assert int(store.votes(KONFERENZ, poll.id)["punkte"].sum()) == 3
    store.close()
