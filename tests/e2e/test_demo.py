"""`bash scripts/run.sh --demo` as a newcomer runs it: the password printed once, the login, every
page of the navigation, a conference slide; and the refusal on a non-loopback address."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sozialraum.auth import INTERNAL
from sozialraum.pages import NAVIGATION, listed
from tests.e2e.conftest import (
    REPO_ROOT,
    StreamlitServer,
    _stop,
    _wait_healthy,
    assert_no_exception,
    free_ports,
    goto_app,
    screenshot,
    wait_for_app,
    wait_for_rerun,
)

PASSWORD_LINE = re.compile(r"^Passwort:\s+(\S+)", re.MULTILINE)
START_TIMEOUT_S = 120.0


def _demo_env(demo_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOZIALRAUM_", "STREAMLIT_SERVER_"))}
    # the shared test virtualenv is installed already; the demo state goes into the test's folder
    env.update(SOZIALRAUM_NO_INSTALL="1", SOZIALRAUM_DEMO_DIR=str(demo_dir))
    return env


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The demo server started by the start script: (base URL, the password it printed)."""
    folder = tmp_path_factory.mktemp("demo")
    port = free_ports(1)[0]
    log = folder / "run.log"
    command = ["bash", "scripts/run.sh", "--demo", "--server.port", str(port), "--server.fileWatcherType", "none"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=_demo_env(folder / "zustand"), stdin=subprocess.DEVNULL,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    server = StreamlitServer(f"http://127.0.0.1:{port}", process, log)
    _wait_healthy(server, START_TIMEOUT_S)
    match = PASSWORD_LINE.search(log.read_text("utf-8"))
    assert match, f"kein Passwort ausgegeben:\n{server.log_tail()}"
    assert (folder / "zustand" / "secrets.toml").is_file()
    yield server.url, match.group(1)
    _stop(server)


def _log_in(page: Page, url: str, password: str) -> None:
    goto_app(page, url)
    expect(page.get_by_role("heading", name="Anmeldung")).to_be_visible()
    expect(page.get_by_text("Demo: Benutzername")).to_be_visible()
    page.get_by_label("Benutzername").fill("demo")
    page.get_by_label("Passwort").fill(password)
    wait_for_rerun(page, lambda: page.get_by_role("button", name="Anmelden").click())
    expect(page.get_by_text("Angemeldet: demo")).to_be_visible()


def test_demo_start_opens_every_page_and_a_slide(page: Page, demo: tuple[str, str]) -> None:
    url, password = demo
    _log_in(page, url, password)
    sidebar = page.get_by_test_id("stSidebar")
    labels = [p.title for p in listed(NAVIGATION, INTERNAL)]
    for label in labels:
        link = sidebar.get_by_role("link", name=label, exact=True)
        if not sidebar.is_visible():  # the projector page has no navigation: back to the start
            goto_app(page, url)
        expect(link).to_be_visible()
        wait_for_rerun(page, link.click)
        wait_for_app(page)
        assert_no_exception(page)
        expect(page.get_by_role("heading", name="Kein Zugang")).to_have_count(0)
        expect(page.get_by_role("heading", name="Anmeldung")).to_have_count(0)
    # the bundled conferences are listed on the presentation page, ready to start
    goto_app(page, f"{url}/Praesentation")
    start = page.get_by_role("link", name=re.compile(r"^Sozialraumkonferenz Bieblach-Ost 2026"))
    wait_for_rerun(page, start.click)
    expect(page.get_by_test_id("sr-folienzaehler")).to_have_text(re.compile(r"Folie 1 / \d+"))
    expect(page.get_by_role("heading", name="Bieblach-Ost auf einen Blick")).to_be_visible()
    assert_no_exception(page)
    screenshot(page, "demo-folie-1", full_page=False)


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--server.address", "0.0.0.0"], {}),
        (["--server.address=192.0.2.10"], {}),
        ([], {"STREAMLIT_SERVER_ADDRESS": "::"}),
    ],
)
def test_demo_refuses_a_non_loopback_address(tmp_path: Path, args: list[str], env: dict[str, str]) -> None:
    port = free_ports(1)[0]
    result = subprocess.run(
        ["bash", "scripts/run.sh", "--demo", "--server.port", str(port), *args],
        cwd=REPO_ROOT, env={**_demo_env(tmp_path / "zustand"), **env}, capture_output=True, text=True,
        timeout=START_TIMEOUT_S, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Die Demo läuft nur auf diesem Rechner (127.0.0.1)" in result.stderr
    assert "Passwort" not in result.stdout
    assert not (tmp_path / "zustand" / "secrets.toml").exists()
    assert not _listening(port)


HINT = "Alles ausprobieren:"


def test_public_start_page_of_a_local_install_points_to_the_demo(page: Page, app_server: str) -> None:
    goto_app(page, app_server)
    expect(page.get_by_text(HINT)).to_be_visible()
    expect(page.get_by_text("bash scripts/run.sh --demo").first).to_be_visible()
    screenshot(page, "demo-hinweis-oeffentlich", full_page=False)


def test_visitors_through_a_proxy_do_not_see_the_demo_hint(page: Page, app_server: str) -> None:
    # a reverse proxy on the server connects from loopback and names the real client
    page.context.set_extra_http_headers({"X-Real-IP": "203.0.113.7", "X-Forwarded-For": "203.0.113.7"})
    goto_app(page, app_server)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text(HINT)).to_have_count(0)
