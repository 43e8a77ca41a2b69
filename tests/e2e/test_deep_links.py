"""Every registered page opened straight by its URL, as the first request of a new browser session, on
a server started for this module alone (public and internal view): the page itself runs its guard.

Streamlit runs a page file straight from its URL without `app.py` (on a fresh server also when
`app.py` would call `st.navigation`), so nothing but the page's own first call can check access.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sozialraum.auth import INTERNAL, MODE_ENV, PUBLIC, SECRETS_ENV
from sozialraum.pages import REGISTRY
from sozialraum.settings import REPO_ROOT
from tests.e2e.conftest import _launch, _server_env, _stop, _wait_healthy, assert_no_exception, goto_app

KEYS = list(REGISTRY)


@pytest.fixture(scope="module")
def fresh_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One server per view, started here (not shared with other tests), on the bundled data; the
    internal one reads an accounts file that does not exist (nobody can log in)."""
    logs = tmp_path_factory.mktemp("deep-links")
    servers = {}
    try:
        for mode in (PUBLIC, INTERNAL):
            env = {MODE_ENV: mode, SECRETS_ENV: str(logs / "keine-konten.toml")}
            server = _launch(REPO_ROOT / "app.py", _server_env(None, env), logs / f"{mode}.log")
            servers[mode] = server
            _wait_healthy(server)
        yield {mode: server.url for mode, server in servers.items()}
    finally:
        for server in servers.values():
            _stop(server)


# a phone in the room votes whichever instance the QR code points to: no mode badge there (issue 19)
PHONE_PAGES = {"abstimmung"}


def heading(page: Page, text: str) -> int:
    return page.get_by_role("heading", name=text, exact=True).count()


def shows_page(page: Page, key: str) -> None:
    """The page ran: its registered title in the browser tab, no refusal, no login, no error box."""
    entry = REGISTRY[key]
    expect(page).to_have_title(re.compile("^" + re.escape(entry.title)))
    assert heading(page, "Kein Zugang") == 0 and heading(page, "Anmeldung") == 0, key
    assert_no_exception(page)


@pytest.mark.parametrize("key", KEYS)
def test_cold_deep_link_in_the_public_view(page: Page, fresh_servers: dict[str, str], key: str) -> None:
    entry = REGISTRY[key]
    goto_app(page, f"{fresh_servers[PUBLIC]}/{entry.url}")
    if entry.rule.public:
        shows_page(page, key)
    else:
        assert heading(page, "Kein Zugang") == 1, f"/{entry.url} läuft in der öffentlichen Ansicht"
        assert page.get_by_role("textbox").count() == 0  # none of the page's own fields
    badges = page.get_by_text("Öffentliche Ansicht", exact=True).count()
    assert badges == 0 if key in PHONE_PAGES else badges >= 1, (key, badges)


@pytest.mark.parametrize("key", KEYS)
def test_cold_deep_link_in_the_internal_view(page: Page, fresh_servers: dict[str, str], key: str) -> None:
    entry = REGISTRY[key]
    goto_app(page, f"{fresh_servers[INTERNAL]}/{entry.url}")
    if entry.rule.login:
        assert heading(page, "Anmeldung") == 1, f"/{entry.url} zeigt ohne Anmeldung Inhalte"
        expect(page.get_by_label("Passwort")).to_be_visible()
    else:
        shows_page(page, key)
    badges = page.get_by_text("Interne Ansicht", exact=True).count()
    assert badges == 0 if key in PHONE_PAGES else badges >= 1, (key, badges)


def test_every_url_is_tested() -> None:
    """The registry is the list of pages; the files are checked against it in test_page_registry."""
    assert {Path(REGISTRY[k].file).name for k in KEYS} == {
        "app.py",
        *(p.name for p in (REPO_ROOT / "pages").glob("*.py")),
    }
