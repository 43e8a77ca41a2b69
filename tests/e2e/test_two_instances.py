"""Two app instances behind nginx (deploy/nginx-zwei-instanzen.conf), all on loopback.

New visitors are spread over both instances; a conference card captured through one instance is
visible through the other (one shared conference database: PostgreSQL when
SOZIALRAUM_TEST_PG_URL is set, as in CI, else one SQLite file both processes open); one instance is
stopped in the middle of a visit and its visitors carry on with the other, selections (in the URL)
and login (signed cookie, same secret on both) intact.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from sozialraum import auth
from sozialraum.konferenz.store import Store
from tests.conftest import in_ci
from tests.e2e.conftest import (
    _RUNNING,
    APP_TIMEOUT_MS,
    REPO_ROOT,
    StreamlitServer,
    _free_port,
    _server_env,
    _stop,
    _wait_healthy,
    choose_option,
    count_polygons,
    free_ports,
    goto_app,
    wait_for_app,
    wait_until_settled,
)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONFIG = REPO_ROOT / "deploy" / "nginx-zwei-instanzen.conf"
MODERATOR, PASSWORD = "moderation", "zwei-instanzen-test"
COOKIE = "sozialraum_instanz"
HEADER = "x-sozialraum-instanz"


@dataclass
class Cluster:
    url: str  # nginx
    instances: dict[str, StreamlitServer]  # "a", "b" as nginx names them
    konferenz: str
    store_url: str

    def instance_for(self, cookie: str) -> str:
        request = urllib.request.Request(f"{self.url}/_stcore/health", headers={"Cookie": f"{COOKIE}={cookie}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.headers[HEADER]

    def cookie_for(self, name: str) -> str:
        """A binding cookie value that nginx's hash sends to instance `name`."""
        for i in range(200):
            if self.instance_for(f"test{i}") == name:
                return f"test{i}"
        raise AssertionError(f"no cookie value leads to instance {name}")


def _nginx(tmp_path: Path, port: int, ports: tuple[int, int]) -> Path:
    """deploy/nginx-zwei-instanzen.conf with the test's ports, in a minimal nginx.conf of its own."""
    site = CONFIG.read_text("utf-8")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("listen [::]:80;", "")
    for default, actual in zip(("8501", "8502"), ports, strict=True):
        site = site.replace(f"127.0.0.1:{default}", f"127.0.0.1:{actual}")
    (tmp_path / "site.conf").write_text(site, "utf-8")
    temp = "".join(
        f" {directive} {tmp_path / name};\n"
        for directive, name in (
            ("client_body_temp_path", "body"),
            ("proxy_temp_path", "proxy"),
            ("fastcgi_temp_path", "fastcgi"),
            ("uwsgi_temp_path", "uwsgi"),
            ("scgi_temp_path", "scgi"),
        )
    )
    main = (
        f"events {{}}\nhttp {{\n{temp} access_log {tmp_path / 'access.log'};\n include {tmp_path / 'site.conf'};\n}}\n"
    )
    main += f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\n"
    conf = tmp_path / "nginx.conf"
    conf.write_text(main, "utf-8")
    subprocess.run([NGINX, "-t", "-c", str(conf)], check=True, capture_output=True)
    subprocess.run([NGINX, "-c", str(conf)], check=True, capture_output=True)
    return conf


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Instances a and b and nginx, for this module's tests in order (the last one stops a)."""
    tmp_path = tmp_path_factory.mktemp("zwei-instanzen")
    if not Path(NGINX).is_file():
        message = "nginx fehlt (apt-get install -y nginx; scripts/test.sh installiert es)"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    # the bundled data with a conference of its own, so a shared PostgreSQL database meets no other test
    data = tmp_path / "daten"
    shutil.copytree(REPO_ROOT / "data", data, ignore=shutil.ignore_patterns("konferenzen"))
    konferenz = f"zwei-instanzen-{uuid.uuid4().hex[:8]}"
    (data / "konferenzen").mkdir()
    shutil.copy(
        REPO_ROOT / "data" / "konferenzen" / "bieblach-ost-2026.toml", data / "konferenzen" / f"{konferenz}.toml"
    )
    secrets = tmp_path / "secrets.toml"
    auth.write_user(MODERATOR, PASSWORD, [auth.MODERATOR], secrets)
    pg = os.environ.get("SOZIALRAUM_TEST_PG_URL", "")
    store_url = pg or f"sqlite:///{tmp_path / 'var' / 'konferenz.sqlite'}"
    env = {
        "STREAMLIT_SERVER_COOKIE_SECRET": uuid.uuid4().hex * 2,  # the same on both instances
        "SOZIALRAUM_DB_URL": pg,
        "SOZIALRAUM_DB_DIR": str(tmp_path / "var"),
        auth.MODE_ENV: "intern",
        auth.SECRETS_ENV: str(secrets),
    }
    ports = tuple(free_ports(2))
    instances: dict[str, StreamlitServer] = {}
    conf = None
    try:
        for name, port in zip(("a", "b"), ports, strict=True):
            instances[name] = _launch_on(port, data, env, tmp_path / f"instanz-{name}.log")
        nginx_port = _free_port()
        conf = _nginx(tmp_path, nginx_port, ports)
        yield Cluster(f"http://127.0.0.1:{nginx_port}", instances, konferenz, store_url)
    finally:
        if conf is not None:
            subprocess.run([NGINX, "-s", "quit", "-c", str(conf)], capture_output=True)
        for server in instances.values():
            _stop(server)
        store = Store(store_url)
        store.forget(konferenz)
        store.close()


def _launch_on(port: int, data: Path, env: dict[str, str], log: Path) -> StreamlitServer:
    command = [
        sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=_server_env(data, env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = StreamlitServer(f"http://127.0.0.1:{port}", process, log)
    _RUNNING.append(server)
    _wait_healthy(server)
    return server


def _context(browser: Browser, cluster: Cluster, instance: str) -> BrowserContext:
    """A visitor whose binding cookie leads to `instance`."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="de-DE")
    context.add_cookies([{"name": COOKIE, "value": cluster.cookie_for(instance), "url": cluster.url}])
    context.set_default_timeout(APP_TIMEOUT_MS)
    return context


def _login(page: Page, url: str) -> None:
    goto_app(page, url)
    if page.get_by_role("heading", name="Anmeldung").count():
        page.get_by_label("Benutzername").fill(MODERATOR)
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_role("heading", name="Anmeldung")).to_have_count(0)
        wait_for_app(page)


@dataclass
class Visit:
    """What the first test leaves for the second: a card and who captured it."""

    card: str = ""
    slide: str = ""


VISIT = Visit()


def test_visitors_are_spread_and_a_card_captured_through_one_is_seen_through_the_other(
    browser: Browser, cluster: Cluster
) -> None:
    # new visitors (no cookie yet) are spread over both instances, each bound by its cookie
    seen = Counter()
    for _ in range(40):
        with urllib.request.urlopen(f"{cluster.url}/_stcore/health", timeout=10) as response:
            seen[response.headers[HEADER]] += 1
            assert any(c.startswith(f"{COOKIE}=") for c in response.headers.get_all("Set-Cookie") or [])
    assert set(seen) == {"a", "b"}, seen

    VISIT.slide = f"/Praesentation?konferenz={cluster.konferenz}&folie=8"
    VISIT.card = f"Karte über zwei Instanzen {uuid.uuid4().hex[:6]}"
    moderator, other = _context(browser, cluster, "a"), _context(browser, cluster, "b")
    try:
        # a card captured through instance a …
        page = moderator.new_page()
        response = page.goto(cluster.url + VISIT.slide)
        assert response is not None and response.headers[HEADER] == "a"
        _login(page, cluster.url + VISIT.slide)
        page.get_by_test_id("stSelectbox").filter(has_text="Art").first.click()
        page.get_by_role("option", name="Idee/Vorschlag", exact=True).click()
        page.get_by_label("Karte", exact=True).fill(VISIT.card)
        page.get_by_role("button", name="Karte hinzufügen").click()
        expect(page.get_by_test_id("sr-pinnwand").get_by_text(VISIT.card)).to_be_visible()
        # … is visible through instance b
        elsewhere = other.new_page()
        response = elsewhere.goto(cluster.url + VISIT.slide)
        assert response is not None and response.headers[HEADER] == "b"
        _login(elsewhere, cluster.url + VISIT.slide)
        expect(elsewhere.get_by_test_id("sr-pinnwand").get_by_text(VISIT.card)).to_be_visible()
    finally:
        moderator.close()
        other.close()


def test_a_stopped_instance_leaves_its_visitors_with_the_other(browser: Browser, cluster: Cluster) -> None:
    assert VISIT.card, "runs after the card test (same module, same cluster)"
    moderator, visitor = _context(browser, cluster, "a"), _context(browser, cluster, "a")
    try:
        page = moderator.new_page()
        _login(page, cluster.url + VISIT.slide)
        expect(page.get_by_test_id("sr-pinnwand").get_by_text(VISIT.card)).to_be_visible()
        # a visitor on instance a is in the middle of a map visit
        map_page = visitor.new_page()
        _login(map_page, f"{cluster.url}/Karte?indikator=arbeitslosenquote&gebiet=05")  # the internal view
        count_polygons(map_page, minimum=12)
        wait_until_settled(map_page)
        choose_option(map_page, "Indikator", "Soziale Lage · SGB-II-Quote")
        choose_option(map_page, "Indikator", "Arbeit · Arbeitslosenquote (Einwohnerbezug)")
        expect(map_page.locator("h1").first).to_contain_text("Arbeitslosenquote")

        bound_to_a = cluster.cookie_for("a")
        _stop(cluster.instances["a"])  # instance a goes away
        assert cluster.instance_for(bound_to_a) == "b"  # nginx now sends a's visitors to b

        # the visitor's page stays; the websocket reconnects through nginx to b
        wait_for_app(map_page)
        count_polygons(map_page, minimum=12)
        wait_until_settled(map_page, quiet_ms=1500)
        # the first choice after the switch counts (the new session takes the browser's value)
        choose_option(map_page, "Indikator", "Soziale Lage · SGB-II-Quote")
        expect(map_page.locator("h1").first).to_contain_text("SGB-II-Quote")
        assert "indikator=sgb2_quote" in map_page.url and "gebiet=05" in map_page.url  # the area kept from the URL
        count_polygons(map_page, minimum=12)
        # a reload, too, shows the same view from the URL, served by b
        map_page.reload()
        wait_for_app(map_page)
        expect(map_page.locator("h1").first).to_contain_text("SGB-II-Quote")
        count_polygons(map_page, minimum=12)

        # the moderator, too: still logged in on b (same cookie secret), the card still there
        page.reload()
        wait_for_app(page)
        expect(page.get_by_role("heading", name="Anmeldung")).to_have_count(0)
        expect(page.get_by_test_id("sr-pinnwand").get_by_text(VISIT.card)).to_be_visible()
    finally:
        moderator.close()
        visitor.close()
