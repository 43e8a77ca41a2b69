"""The local demo's account and its loopback rule (sozialraum.demo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.auth import DEFAULT_SECRETS, MODERATOR, PLANER, authenticate, load_users
from sozialraum.demo import DEMO_USER, ensure_demo_account, is_loopback


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", "LOCALHOST"])
def test_loopback_addresses(address: str) -> None:
    assert is_loopback(address)


@pytest.mark.parametrize("address", ["", None, "0.0.0.0", "::", "192.168.1.5", "10.0.0.1", "example.org",
                                     "unix:///tmp/s.sock"])  # fmt: skip
def test_every_other_address_is_not_loopback(address: str | None) -> None:
    assert not is_loopback(address)


def test_demo_account_is_created_once_with_both_roles(tmp_path: Path) -> None:
    first = ensure_demo_account(tmp_path / "demo")
    assert first.secrets_file == tmp_path / "demo" / "secrets.toml"
    assert first.password and len(first.password) >= 12
    users = load_users(first.secrets_file)
    assert set(users[DEMO_USER].roles) == {MODERATOR, PLANER}
    assert authenticate(users, DEMO_USER, first.password) is not None
    assert first.password not in first.secrets_file.read_text("utf-8")  # only the hash is stored
    second = ensure_demo_account(tmp_path / "demo")
    assert second.password is None  # printed once: the second start shows no password
    assert authenticate(load_users(second.secrets_file), DEMO_USER, first.password) is not None


def test_demo_account_never_goes_into_the_production_secrets_file() -> None:
    with pytest.raises(ValueError, match="nicht in"):
        ensure_demo_account(DEFAULT_SECRETS.parent)
