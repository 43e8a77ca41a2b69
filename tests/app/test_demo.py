"""AppTest of the demo frame: a demo server on a non-loopback address serves only its refusal;
the login names the demo account."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sozialraum import auth
from sozialraum.demo import DEMO_ENV
from sozialraum.settings import DATA_DIR_ENV, REPO_ROOT
from tests.unit.conftest import write_folder

REFUSAL = "Die Demo läuft nur auf diesem Rechner (127.0.0.1)"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(DATA_DIR_ENV, str(write_folder(tmp_path / "klein")))
    monkeypatch.setenv(auth.MODE_ENV, "intern")
    monkeypatch.setenv(auth.SECRETS_ENV, str(tmp_path / "secrets.toml"))
    return tmp_path


def run(address: str) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    from streamlit import config

    config.set_option("server.address", address)
    try:
        return at.run()
    finally:
        config.set_option("server.address", None)


@pytest.mark.parametrize("address", ["", "0.0.0.0", "192.168.1.5"])
def test_demo_on_a_non_loopback_address_shows_only_the_refusal(
    folder: Path, monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    monkeypatch.setenv(DEMO_ENV, "1")
    at = run(address)
    assert any(REFUSAL in e.value for e in at.error)
    assert not at.text_input  # no login form, nothing of the app


def test_demo_on_loopback_shows_the_login_with_the_demo_account(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DEMO_ENV, "1")
    at = run("127.0.0.1")
    assert not any(REFUSAL in e.value for e in at.error)
    assert any("Demo: Benutzername **demo**" in i.value for i in at.info)
    assert [w.label for w in at.text_input] == ["Benutzername", "Passwort"]


def test_without_demo_the_address_is_not_checked(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DEMO_ENV, raising=False)
    at = run("0.0.0.0")
    assert not any(REFUSAL in e.value for e in at.error)
    assert not any("Demo:" in i.value for i in at.info)
