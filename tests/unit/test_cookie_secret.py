"""The cookie secret is created once in the secrets file, kept across restarts, and never committed."""

from __future__ import annotations

import stat
import subprocess
import tomllib
from pathlib import Path

import pytest

from sozialraum import auth
from sozialraum.cli import main
from sozialraum.cookie_secret import ensure_cookie_secret
from sozialraum.settings import REPO_ROOT


def test_created_once_and_kept(tmp_path: Path) -> None:
    file = tmp_path / "secrets.toml"
    auth.write_user("mo", "moderation-passwort", [auth.MODERATOR], file)
    first = ensure_cookie_secret(file)
    assert len(first) >= 32
    assert ensure_cookie_secret(file) == first  # a restart reads the same secret
    raw = tomllib.loads(file.read_text("utf-8"))
    assert raw["sitzung"]["cookie_secret"] == first
    assert "mo" in auth.load_users(file)  # the accounts stay
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert ensure_cookie_secret(tmp_path / "anderes.toml") != first  # random, not fixed


def test_a_short_secret_is_named(tmp_path: Path) -> None:
    file = tmp_path / "secrets.toml"
    file.write_text('[sitzung]\ncookie_secret = "kurz"\n', "utf-8")
    with pytest.raises(ValueError, match="kürzer als 32"):
        ensure_cookie_secret(file)


def test_command_prints_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "secrets.toml"
    assert main(["cookie-secret", "--datei", str(file)]) == 0
    assert capsys.readouterr().out.strip() == ensure_cookie_secret(file)


def test_the_secrets_file_is_git_ignored_and_run_sh_uses_the_secret() -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=REPO_ROOT, check=False
    ).returncode
    assert ignored == 0
    script = (REPO_ROOT / "scripts" / "run.sh").read_text("utf-8")
    assert 'STREAMLIT_SERVER_COOKIE_SECRET="$(.venv/bin/python -m sozialraum cookie-secret)"' in script
