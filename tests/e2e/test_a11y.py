"""Accessibility in the browser: axe-core on every page in both modes, page language, keyboard.

axe-core (npm package, vendored in tests/e2e/vendor/axe-core with its licence) is injected into
the page and its frames. A page passes with zero violations of impact "serious" or "critical"
against WCAG 2.0/2.1 A and AA; every finding (also moderate and minor) is written to
artifacts/a11y/<mode>.json for the accessibility documentation.

Helpers for other browser tests: `internal_secrets`, `log_in`, `page_paths`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sozialraum import auth
from sozialraum.auth import ADMIN, MODERATOR, PLANER, write_user
from sozialraum.pages import REGISTRY
from sozialraum.settings import REPO_ROOT
from tests.e2e.conftest import goto_app, wait_for_app, wait_for_rerun, wait_until_settled

AXE_JS = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
A11Y_DIR = REPO_ROOT / "artifacts" / "a11y"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
ACCOUNTS = {
    "ad": ("verwaltung-passwort", [ADMIN]),
    "anna": ("anna-passwort-1", [PLANER]),
    "mo": ("moderation-1", [MODERATOR]),
}
# views of a page that draw other elements than its default
VARIANTS = ["/Karte?ansicht=veraenderung", "/Vergleich?vergleich=Streudiagramm", "/Vergleich?vergleich=Nebeneinander"]


REGISTRY_BY_FILE = {p.file: p for p in REGISTRY.values()}


def page_paths() -> list[str]:
    """URL path of every page file (as the registry gives it): '/' for app.py, '/Karte' for pages/1_Karte.py."""
    files = sorted((REPO_ROOT / "pages").glob("*.py"), key=lambda p: (int(p.stem.split("_")[0]), p.stem))
    return ["/", *(f"/{REGISTRY_BY_FILE[f'pages/{p.name}'].url}" for p in files)]


def internal_secrets(folder: Path) -> Path:
    """A secrets file with the test accounts (admin 'ad', planer 'anna', moderator 'mo')."""
    path = folder / "secrets.toml"
    if not path.is_file():
        for name, (password, roles) in ACCOUNTS.items():
            write_user(name, password, roles, path)
    return path


def log_in(page: Page, name: str, password: str) -> None:
    """Fill the login form of the current page and wait for the page behind it."""
    page.get_by_label("Benutzername").fill(name)
    page.get_by_label("Passwort", exact=True).fill(password)
    wait_for_rerun(page, lambda: page.get_by_role("button", name="Anmelden").click())
    wait_for_app(page)


def run_axe(page: Page) -> list[dict]:
    """axe-core violations of the page (WCAG 2.x A/AA), with the frames included."""
    for frame in page.frames:
        try:
            frame.add_script_tag(content=AXE_JS)
        except Exception:  # a frame that navigated away meanwhile
            continue
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 300),
                                          summary: n.failureSummary}))
            }));
        }""",
        WCAG_TAGS,
    )


def record(mode: str, path: str, violations: list[dict]) -> None:
    A11Y_DIR.mkdir(parents=True, exist_ok=True)
    file = A11Y_DIR / f"{mode}.json"
    data = json.loads(file.read_text("utf-8")) if file.is_file() else {}
    data[path] = violations
    file.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")


def blocking(violations: list[dict]) -> list[str]:
    return [
        f"{v['impact']} {v['id']} ({v['help']}): {n['target']} {n['html'][:120]}"
        for v in violations
        if v["impact"] in BLOCKING
        for n in v["nodes"]
    ]


COOKIE_SECRET = "nur-fuer-die-browser-tests"


@pytest.fixture(scope="module")
def internal_secrets_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return internal_secrets(tmp_path_factory.mktemp("secrets"))


@pytest.fixture(scope="module")
def internal_server(start_server: Callable[..., str], internal_secrets_file: Path) -> str:
    env = {auth.MODE_ENV: "intern", auth.SECRETS_ENV: str(internal_secrets_file)}
    return start_server(extra_env={**env, "STREAMLIT_SERVER_COOKIE_SECRET": COOKIE_SECRET})


def remember_login(page: Page, base: str, secrets: Path, name: str) -> None:
    """Put a signed login cookie into the browser, as a login would (saves a login per page)."""
    token = auth.session_token(auth.load_users(secrets)[name], COOKIE_SECRET)
    page.context.add_cookies([{"name": auth.SESSION_COOKIE, "value": token, "url": base}])


@pytest.fixture(scope="module")
def public_server(start_server: Callable[..., str]) -> str:
    return start_server(extra_env={auth.MODE_ENV: "oeffentlich"})


@pytest.mark.parametrize("path", page_paths() + VARIANTS)
def test_axe_public(page: Page, public_server: str, path: str) -> None:
    goto_app(page, public_server + path)
    wait_until_settled(page)
    assert page.evaluate("document.documentElement.lang") == "de"
    _expect_badge(page, "Öffentliche Ansicht", path)
    violations = run_axe(page)
    record("oeffentlich", path, violations)
    assert not blocking(violations), "\n".join(blocking(violations))


def _expect_badge(page: Page, badge: str, path: str) -> None:
    """The mode badge on every page, except the phones' vote page (issue 19: a phone just votes)."""
    if path.split("?")[0] == "/Abstimmung":
        expect(page.get_by_text(badge, exact=True)).to_have_count(0)
    else:
        expect(page.get_by_text(badge, exact=True).filter(visible=True).first).to_be_visible()


def test_axe_login_form(page: Page, internal_server: str) -> None:
    goto_app(page, internal_server + "/")
    expect(page.get_by_label("Passwort", exact=True)).to_be_visible()
    violations = run_axe(page)
    record("intern", "/ (Anmeldung)", violations)
    assert not blocking(violations), "\n".join(blocking(violations))


@pytest.mark.parametrize("path", page_paths())
def test_axe_internal(page: Page, internal_server: str, internal_secrets_file: Path, path: str) -> None:
    remember_login(page, internal_server, internal_secrets_file, "ad")
    goto_app(page, internal_server + path)
    wait_until_settled(page)
    assert page.evaluate("document.documentElement.lang") == "de"
    _expect_badge(page, "Interne Ansicht", path)
    expect(page.get_by_label("Passwort", exact=True)).to_have_count(0)
    violations = run_axe(page)
    record("intern", path, violations)
    assert not blocking(violations), "\n".join(blocking(violations))


def test_language_stays_german_across_navigation(page: Page, public_server: str) -> None:
    goto_app(page, public_server + "/")
    assert page.evaluate("document.documentElement.lang") == "de"
    sidebar = page.get_by_test_id("stSidebar")
    wait_for_rerun(page, lambda: sidebar.get_by_role("link", name="Karte").click())
    assert page.evaluate("document.documentElement.lang") == "de"
    page.reload()
    wait_for_app(page)
    assert page.evaluate("document.documentElement.lang") == "de"


def test_keyboard_reaches_navigation_and_controls_with_visible_focus(page: Page, public_server: str) -> None:
    goto_app(page, public_server + "/Karte")
    wait_until_settled(page)
    # start where a keyboard user starts: the first focusable element (Streamlit's skip link)
    page.locator('a[href="#stMain"]').first.focus()
    reached: list[dict] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                """() => { const e = document.activeElement; const s = getComputedStyle(e);
                    return {tag: e.tagName, role: e.getAttribute('role') || '',
                            text: (e.innerText || '').trim().slice(0, 40),
                            label: e.getAttribute('aria-label') || '', outline: s.outlineStyle + ' ' + s.outlineWidth,
                            shadow: s.boxShadow}; }"""
            )
        )
    texts = {r["text"] for r in reached} | {r["label"] for r in reached}
    assert any("Übersicht" in t for t in texts), "Navigation nicht mit Tab erreichbar"
    assert any(r["role"] == "combobox" for r in reached), "Auswahlfelder nicht mit Tab erreichbar"
    links = [r for r in reached if r["tag"] == "A"]
    unmarked = [r for r in links if not r["outline"].startswith("solid") and r["shadow"] == "none"]
    assert links and not unmarked, unmarked[:3]


def test_wrong_password_in_the_browser(page: Page, internal_server: str) -> None:
    goto_app(page, internal_server + "/Karte")
    log_in(page, "anna", "falsches-passwort")
    expect(page.get_by_text("Benutzername oder Passwort ist falsch.")).to_be_visible()
    expect(page.get_by_label("Passwort", exact=True)).to_be_visible()
    log_in(page, "anna", ACCOUNTS["anna"][0])
    expect(page.get_by_label("Passwort", exact=True)).to_have_count(0)
    expect(page.locator("h1").first).not_to_have_text("Anmeldung")


def test_login_survives_a_reload_and_logout_ends_it(page: Page, internal_server: str) -> None:
    goto_app(page, internal_server + "/Sozialplan")
    log_in(page, "mo", ACCOUNTS["mo"][0])
    expect(page.get_by_label("Passwort", exact=True)).to_have_count(0)
    page.reload()  # a new Streamlit session: the signed cookie logs it in again
    wait_for_app(page)
    expect(page.get_by_label("Passwort", exact=True)).to_have_count(0)
    expect(page.get_by_text("Angemeldet: mo (Moderation)")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    wait_for_rerun(page, lambda: sidebar.get_by_role("button", name="Abmelden").click())
    expect(page.get_by_label("Passwort", exact=True)).to_be_visible()
    page.reload()
    wait_for_app(page)
    expect(page.get_by_label("Passwort", exact=True)).to_be_visible()


def test_single_key_shortcuts_are_off(page: Page, public_server: str) -> None:
    """WCAG 2.1.4: Streamlit's developer keys ("r" rerun, "c" clear cache) must not act for the public."""
    goto_app(page, public_server + "/")
    wait_until_settled(page)
    page.evaluate(
        """() => { window.__runs = 0; const app = document.querySelector('[data-testid="stApp"]');
            new MutationObserver(() => {
                if (app.getAttribute('data-test-script-state') === 'running') window.__runs++;
            })
                .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']}); }"""
    )
    # Streamlit asks for a rerun while it handles the key: every message the page sends is counted
    page.evaluate(
        """() => { window.__sent = 0; const send = WebSocket.prototype.send;
            WebSocket.prototype.send = function (data) { window.__sent++; return send.call(this, data); }; }"""
    )
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for key in ("r", "R", "c"):
        page.keyboard.press(key)
    assert page.evaluate("window.__sent") == 0
    assert page.evaluate("window.__runs") == 0
    expect(page.get_by_role("dialog")).to_have_count(0)  # no "clear cache" dialog


def test_letter_r_still_types_into_fields(page: Page, public_server: str) -> None:
    goto_app(page, public_server + "/Feedback")
    field = page.get_by_label("Ihre Nachricht")
    field.click()
    page.keyboard.type("Rampe fehlt, Treppe nur")
    expect(field).to_have_value("Rampe fehlt, Treppe nur")


@pytest.mark.parametrize("path", ["/Fortschrittsbericht", "/Karte", "/Entwicklung", "/Sozialindex"])
def test_axe_public_phone(page: Page, public_server: str, path: str) -> None:
    """At 390 px wide tables scrolled sideways in boxes a keyboard could not reach (scrollable-region-focusable)."""
    page.set_viewport_size({"width": 390, "height": 844})
    goto_app(page, public_server + path)
    wait_until_settled(page)
    violations = run_axe(page)
    record("oeffentlich-390", path, violations)
    assert not blocking(violations), "\n".join(blocking(violations))
