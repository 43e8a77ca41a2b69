"""Browser tests of the conference mode, with every non-local request blocked (the `page`
fixture fails on any): a whole conference from the first slide through capture and voting from
a phone to the downloaded protocol; keyboard navigation; a reload stays on its slide."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from sozialraum import auth
from sozialraum.konferenz.store import KINDS, Store
from tests.e2e.conftest import (
    APP_TIMEOUT_MS,
    PageWatch,
    _abort_outside,
    _close_outside_socket,
    assert_no_exception,
    count_polygons,
    goto_app,
    is_outside,
    screenshot,
    wait_for_app,
    wait_until_settled,
)
from tests.e2e.test_a11y import blocking, run_axe

KONFERENZ = "bieblach-ost-2026"
SLIDES = 9


MODERATOR, PASSWORD = "moderation", "beamer-und-karten"


@pytest.fixture(scope="module")
def konferenz_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("konferenz")


def server_store(folder: Path) -> Store:
    """The conference database of the test server (SQLite under `folder`/var)."""
    return Store(f"sqlite:///{folder / 'var' / 'konferenz.sqlite'}")


@pytest.fixture(scope="module")
def konferenz_server(start_server: Callable[..., str], konferenz_folder: Path) -> str:
    """The app on the bundled data in the internal view (the conference pages write), with a
    moderator account and its own, empty conference database."""
    folder = konferenz_folder
    secrets = folder / "secrets.toml"
    auth.write_user(MODERATOR, PASSWORD, [auth.MODERATOR], secrets)
    env = {
        "SOZIALRAUM_DB_DIR": str(folder / "var"),
        "SOZIALRAUM_DB_URL": "",
        auth.MODE_ENV: "intern",
        auth.SECRETS_ENV: str(secrets),
    }
    return start_server(extra_env=env)


def open_as_moderator(page: Page, url: str) -> None:
    """Open `url`; a new browser session first shows the login of the internal view."""
    goto_app(page, url)
    if page.get_by_role("heading", name="Anmeldung").count():
        page.get_by_label("Benutzername").fill(MODERATOR)
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_role("heading", name="Anmeldung")).to_have_count(0)
        wait_for_app(page)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A second browser context like a phone in the room, also cut off from the outside."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="de-DE"
    )
    watch = PageWatch()
    context.route(is_outside, lambda route: _abort_outside(route, watch))
    context.route_web_socket(is_outside, lambda ws: _close_outside_socket(ws, watch))
    new_page = context.new_page()
    new_page.set_default_timeout(APP_TIMEOUT_MS)
    new_page.on("console", watch.on_console)
    new_page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    yield new_page
    context.close()
    assert not watch.problems(), watch.problems()


def slide_url(base: str, number: int) -> str:
    return f"{base}/Praesentation?konferenz={KONFERENZ}&folie={number}"


def counter(page: Page):
    return page.get_by_test_id("sr-folienzaehler")


def expect_slide(page: Page, number: int) -> None:
    expect(counter(page)).to_have_text(f"Folie {number} / {SLIDES}")
    expect(page).to_have_url(re.compile(rf"folie={number}(&|$)"))
    wait_for_app(page)


def font_px(locator) -> float:
    return float(locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def test_presentation_is_projector_ready_and_keyboard_driven(page: Page, konferenz_server: str) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_as_moderator(page, slide_url(konferenz_server, 1))
    assert_no_exception(page)
    expect_slide(page, 1)
    expect(page.locator("h1").first).to_have_text("Bieblach-Ost auf einen Blick")
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    assert font_px(page.locator(".sr-liste li").first) >= 32
    expect(page.get_by_text(re.compile("Beispieldaten"))).to_be_visible()
    screenshot(page, "konferenz_folie1_1920", full_page=False)
    # arrow keys and presenter clickers (Page Down / Page Up)
    page.keyboard.press("ArrowRight")
    expect_slide(page, 2)
    assert count_polygons(page, minimum=12) >= 12
    assert (
        font_px(page.get_by_test_id("stMain").get_by_text(re.compile("^SGB-II-Quote 2024: .* in Bieblach-Ost"))) >= 32
    )
    wait_until_settled(page)
    screenshot(page, "konferenz_folie2_karte_1920", full_page=False)
    page.keyboard.press("PageDown")
    expect_slide(page, 3)
    page.keyboard.press("PageDown")
    expect_slide(page, 4)
    page.keyboard.press("PageUp")
    expect_slide(page, 3)
    page.keyboard.press("ArrowLeft")
    expect_slide(page, 2)
    page.get_by_role("button", name="Weiter").click()
    expect_slide(page, 3)
    expect(page.get_by_test_id("stSpinner")).to_have_count(0)


def test_map_slide_one_legend_no_frame_and_no_focus_frame_after_a_key(page: Page, konferenz_server: str) -> None:
    """Issue 19: the map slide showed a second, 12-px legend, names of 12 px and a black bar (the cards'
    border on the map's frame); a click on the slide and a key press then framed the slide in grey."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_as_moderator(page, slide_url(konferenz_server, 2))
    expect_slide(page, 2)
    assert count_polygons(page, minimum=12) >= 12
    stage = page.locator(".st-key-kartenbuehne")
    expect(stage.locator(".sr-legend")).to_be_hidden()  # the map's own legend: the large one beside it stays
    expect(page.locator(".sr-legende")).to_be_visible()
    assert stage.locator(".sr-karte").evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
    names = stage.locator(".sr-label > div")
    assert names.count() >= 12
    assert min(names.evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")) >= 24
    # a click on an empty part of the slide, then the clicker: the scroll area has the focus, and no frame
    page.mouse.move(1800, 1060)
    page.mouse.click(1800, 1060)
    page.keyboard.press("PageDown")
    expect_slide(page, 3)
    assert page.evaluate("document.activeElement.getAttribute('data-testid')") == "stMain"
    shadow = page.evaluate("getComputedStyle(document.querySelector('[data-testid=stMain]'), '::before').boxShadow")
    assert shadow == "none"


def test_reload_on_slide_5_stays_on_slide_5(page: Page, konferenz_server: str) -> None:
    open_as_moderator(page, slide_url(konferenz_server, 4))
    expect_slide(page, 4)
    page.keyboard.press("ArrowRight")
    expect_slide(page, 5)
    page.reload()
    wait_for_app(page)
    # a reload is a new Streamlit session: the signed login cookie logs it in again, no form
    expect(page.get_by_label("Passwort", exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", name="Anmeldung")).to_have_count(0)
    expect_slide(page, 5)
    expect(page.locator("h1").first).to_have_text(re.compile("Anteil der Einwohner ab 65 Jahren"))


def test_fullscreen_button_and_one_small_mode_badge(page: Page, konferenz_server: str) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_as_moderator(page, slide_url(konferenz_server, 1))
    expect_slide(page, 1)
    badge = page.get_by_text("Interne Ansicht", exact=True)
    expect(badge).to_have_count(1)  # not a second one in the (hidden) sidebar
    expect(badge).to_be_visible()
    assert font_px(badge) >= 24  # small, but not below the slides' smallest text (the room sees it)
    button = page.get_by_role("button", name="Vollbild")
    assert page.evaluate("document.fullscreenElement") is None
    button.click()
    page.wait_for_function("() => document.fullscreenElement === document.documentElement")
    expect(page.get_by_role("button", name="Vollbild beenden")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("PageDown")  # the clicker still works, and a slide change keeps full screen
    expect_slide(page, 2)
    assert page.evaluate("document.fullscreenElement !== null")
    page.get_by_role("button", name="Vollbild beenden").click()
    page.wait_for_function("() => document.fullscreenElement === null")
    expect(page.get_by_role("button", name="Vollbild", exact=True)).to_have_attribute("aria-pressed", "false")
    # no single-key shortcut (WCAG 2.1.4): a handler would ask for full screen while handling the key
    page.evaluate(
        """() => { window.__fullscreenAsked = 0; const ask = Element.prototype.requestFullscreen;
            Element.prototype.requestFullscreen = function () {
                window.__fullscreenAsked++; return ask.call(this); }; }"""
    )
    page.keyboard.press("f")
    assert page.evaluate("window.__fullscreenAsked") == 0
    assert page.evaluate("document.fullscreenElement") is None


def test_slides_fit_the_projector_without_spinner(page: Page, konferenz_server: str) -> None:
    """At 1920×1080 every slide, its source line and the buttons fit on the screen (no scrolling)."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_as_moderator(page, slide_url(konferenz_server, 1))
    for number in range(1, SLIDES + 1):
        if number > 1:
            page.keyboard.press("ArrowRight")
        expect_slide(page, number)
        bottom = page.locator(".st-key-folie_weiter").evaluate("e => e.getBoundingClientRect().bottom")
        assert bottom <= 1080, (number, bottom)
        assert page.get_by_test_id("stMain").evaluate("e => e.scrollHeight <= e.clientHeight + 1"), number
        expect(page.get_by_test_id("stSpinner")).to_have_count(0)
        if number in (1, 2, 3, 8, 9):
            screenshot(page, f"konferenz_1920_folie{number}", full_page=False)
        # the map stays on the page across slides, but only a map slide shows it (also to screen readers)
        stage = page.locator(".st-key-kartenbuehne")
        if number in (2, 5):
            expect(stage).to_be_visible()
        else:
            expect(stage).to_be_hidden()
        # projector colours and the off-screen map and charts must not break WCAG AA either
        violations = run_axe(page)
        assert not blocking(violations), (number, blocking(violations))


CAPTURE_SLIDE = 8


def test_capture_slide_with_80_cards_fits_1920x1080(page: Page, konferenz_server: str, konferenz_folder: Path) -> None:
    """A real conference collects 40–80 cards: the board pages, the card input stays on screen."""
    store = server_store(konferenz_folder)
    kinds = list(KINDS)
    try:
        for i in range(80):
            text = f"Karte {i + 1}: ein Beitrag aus dem Raum, so lang wie ihn die Protokollführung meist notiert"
            store.add_card(KONFERENZ, kinds[i % 4], text, folie=CAPTURE_SLIDE)
        page.set_viewport_size({"width": 1920, "height": 1080})
        open_as_moderator(page, slide_url(konferenz_server, CAPTURE_SLIDE))
        expect_slide(page, CAPTURE_SLIDE)
        board = page.get_by_test_id("sr-pinnwand")
        expect(board).to_contain_text("Stärke (20)")
        screenshot(page, "konferenz_1920_erfassung_80_karten", full_page=False)
        text_input = page.get_by_label("Karte", exact=True)
        expect(text_input).to_be_in_viewport()
        for key in ("karten_zurueck", "folie_weiter", "folie_zurueck"):
            bottom = page.locator(f".st-key-{key}").evaluate("e => e.getBoundingClientRect().bottom")
            assert bottom <= 1080, (key, bottom)
        assert page.get_by_test_id("stMain").evaluate("e => e.scrollHeight <= e.clientHeight + 1")
        smallest = board.evaluate(
            "b => Math.min(...[...b.querySelectorAll('*')].map(e => parseFloat(getComputedStyle(e).fontSize)))"
        )
        assert smallest >= 24, smallest
        # the newest page first; the earlier cards one press away
        expect(board).to_contain_text("Karte 80:")
        page.get_by_role("button", name="Frühere Karten").click()
        wait_for_app(page)
        expect(page.get_by_text("Karten, Seite 3 von 4")).to_be_visible()
        expect(board).to_contain_text("Karte 60:")
    finally:
        store.forget(KONFERENZ)
        store.close()


def test_whole_conference_offline_from_first_slide_to_protocol(
    page: Page, phone: Page, konferenz_server: str, tmp_path: Path
) -> None:
    open_as_moderator(page, slide_url(konferenz_server, 1))
    expect_slide(page, 1)
    # capture slide: the moderator enters cards
    for number in range(2, 9):
        page.get_by_role("button", name="Weiter").click()
        expect_slide(page, number)
    cards = [
        ("Stärke", "Engagierte Nachbarschaftsinitiative"),
        ("Herausforderung", "Viele Kinder wachsen in Armut auf"),
        ("Idee/Vorschlag", "Jugendclub am Wochenende öffnen"),
    ]
    for kind, text in cards:
        page.get_by_test_id("stSelectbox").filter(has_text="Art").first.click()
        page.get_by_role("option", name=kind, exact=True).click()
        page.get_by_label("Karte", exact=True).fill(text)
        page.get_by_role("button", name="Karte hinzufügen").click()
        expect(page.get_by_test_id("sr-pinnwand").get_by_text(text)).to_be_visible()
        wait_for_app(page)
    expect(page.get_by_test_id("sr-pinnwand")).to_contain_text("Herausforderung (1)")
    # voting slide: open the vote; the QR code and the address are on screen
    page.keyboard.press("ArrowRight")
    expect_slide(page, 9)
    page.get_by_role("button", name="Abstimmung öffnen").click()
    expect(page.get_by_role("button", name="Abstimmung 1 schließen")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("QR-Code zur Abstimmung"))).to_be_visible()
    vote_url = page.get_by_text(re.compile(r"/Abstimmung\?konferenz=")).first.inner_text().strip()
    assert vote_url.endswith(f"/Abstimmung?konferenz={KONFERENZ}")
    # a phone votes: 2 dots on the challenge, 1 on the idea
    goto_app(phone, vote_url)
    assert_no_exception(phone)
    expect(phone.get_by_text("Noch 3 von 3 Punkten frei.")).to_be_visible()
    for text, dots in (("Viele Kinder wachsen in Armut auf", 2), ("Jugendclub am Wochenende öffnen", 1)):
        choice = phone.get_by_role("radiogroup", name=re.compile(re.escape(text)))
        expect(choice.get_by_role("radio")).to_have_count(4)  # 0 … 3: no field that takes a 7
        option = choice.get_by_text(str(dots), exact=True)
        box = option.bounding_box()
        phone.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        phone.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        wait_for_app(phone)
    expect(phone.get_by_text("Noch 0 von 3 Punkten frei.")).to_be_visible()
    phone.get_by_role("button", name="Stimme abgeben").click()
    expect(phone.get_by_text("Danke! Ihre Punkte sind gezählt.")).to_be_visible()
    screenshot(phone, "konferenz_abstimmung_telefon")
    # one ballot per device: after a reload (its cookie) the phone sees and may change its own ballot
    phone.reload()
    wait_for_app(phone)
    expect(phone.get_by_text(re.compile("Ihre Stimme ist gezählt"))).to_be_visible()
    own = phone.get_by_role("radiogroup", name=re.compile("Viele Kinder wachsen in Armut auf"))
    expect(own.get_by_role("radio", name="2")).to_be_checked()
    # the projector counts the ballot; the ranking waits until the vote is closed (no bandwagon)
    ranking = page.get_by_test_id("sr-rangliste")
    expect(page.get_by_text(re.compile("1 Stimmzettel"))).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Die Rangliste erscheint, sobald die Abstimmung geschlossen ist.")).to_be_visible()
    expect(ranking).to_have_count(0)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.get_by_role("button", name="Abstimmung 1 schließen").click()
    expect(ranking.locator("tr").first).to_contain_text("Viele Kinder wachsen in Armut auf")
    expect(page.get_by_role("button", name="Abstimmung 1 wieder öffnen")).to_be_visible()
    wait_for_app(page)
    screenshot(page, "konferenz_folie9_abstimmung_1920", full_page=False)
    # closed, with its result and two more buttons, the voting slide still fits the projector
    bottom = page.locator(".st-key-folie_weiter").evaluate("e => e.getBoundingClientRect().bottom")
    assert bottom <= 1080, bottom
    # a second vote is one more question, not one more click: the button asks first
    expect(page.get_by_role("button", name="Abstimmung öffnen", exact=True)).to_have_count(0)
    wait_for_app(page)
    page.get_by_role("button", name="Weitere Abstimmung öffnen …").click()
    expect(page.get_by_text(re.compile("Eine weitere Abstimmung öffnen"))).to_be_visible()
    wait_for_app(page)
    page.get_by_role("button", name="Abbrechen").click()
    expect(page.get_by_role("button", name="Abstimmung 1 wieder öffnen")).to_be_visible()
    phone.reload()
    wait_for_app(phone)
    expect(phone.get_by_text("Die Abstimmung ist geschlossen. Danke!")).to_be_visible()
    # results: agree the priorities, then download the protocol
    page.get_by_role("link", name="Ergebnisse").click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_have_text("Konferenz-Ergebnisse")
    assert_no_exception(page)
    page.get_by_role("tab", name="Handlungsschwerpunkte").click()
    area = page.get_by_role("textbox", name="Handlungsschwerpunkte")
    expect(area).to_have_value(re.compile("Viele Kinder wachsen in Armut auf"))
    page.get_by_role("button", name="Handlungsschwerpunkte speichern").click()
    expect(page.get_by_text(re.compile(r"\d Handlungsschwerpunkte gespeichert"))).to_be_visible()
    wait_for_app(page)  # the protocol below is built in the same run
    page.get_by_role("tab", name="Protokoll").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Protokoll als Markdown").click()
    markdown = Path(info.value.path()).read_text(encoding="utf-8")
    assert "# Protokoll: Sozialraumkonferenz Bieblach-Ost 2026" in markdown
    assert "1. Viele Kinder wachsen in Armut auf" in markdown
    assert "| 1 | Viele Kinder wachsen in Armut auf | Herausforderung | 2 | 1 |" in markdown
    assert "### Abstimmung 1: " in markdown
    assert "### Stärke (1)" in markdown and "- Engagierte Nachbarschaftsinitiative" in markdown
    assert "### Folie 8: Was macht Bieblach-Ost stark" in markdown
    with page.expect_download() as info:
        page.get_by_role("button", name="Protokoll als PDF").click()
    pdf = Path(info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    (tmp_path / "protokoll.pdf").write_bytes(pdf)
