"""The local demo (`bash scripts/run.sh --demo`): internal view with one account that holds the
moderator and planner roles, on this machine only.

The demo account lives in its own git-ignored folder (`var/demo/`, or $SOZIALRAUM_DEMO_DIR) and
never in the secrets file a production server reads (`.streamlit/secrets.toml`): the start script
points $SOZIALRAUM_SECRETS at `var/demo/secrets.toml` for the demo server only.
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from .auth import DEFAULT_SECRETS, MODERATOR, PLANER, load_users, write_user
from .settings import REPO_ROOT

DEMO_ENV = "SOZIALRAUM_DEMO"  # set by the start script for the demo server
DEMO_DIR_ENV = "SOZIALRAUM_DEMO_DIR"
DEFAULT_DEMO_DIR = REPO_ROOT / "var" / "demo"
DEMO_USER = "demo"
DEMO_ROLES = (MODERATOR, PLANER)
LOOPBACK_NAMES = {"localhost"}


def demo_active(environ: dict[str, str] | None = None) -> bool:
    return (os.environ if environ is None else environ).get(DEMO_ENV, "") == "1"


def demo_dir(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    return Path(env.get(DEMO_DIR_ENV) or DEFAULT_DEMO_DIR)


def is_loopback(address: str | None) -> bool:
    """True only for addresses that reach this machine alone (127.0.0.0/8, ::1, localhost).

    An empty address means Streamlit listens on every interface: not loopback.
    """
    text = (address or "").strip().strip("[]")
    if text.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class DemoAccount:
    secrets_file: Path
    name: str
    password: str | None  # only when just created: shown once, never stored in plain text


def ensure_demo_account(folder: Path | None = None) -> DemoAccount:
    """The demo account in `folder/secrets.toml`; created with a random password on first use."""
    folder = folder or demo_dir()
    file = folder / "secrets.toml"
    if file.resolve() == DEFAULT_SECRETS.resolve():
        raise ValueError(f"Das Demo-Konto darf nicht in {DEFAULT_SECRETS} stehen.")
    if DEMO_USER in load_users(file):
        return DemoAccount(file, DEMO_USER, None)
    folder.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    write_user(DEMO_USER, password, DEMO_ROLES, file, replace=True)
    return DemoAccount(file, DEMO_USER, password)


TRY_EVERYTHING = "Alles ausprobieren"


def readme_section(title: str = TRY_EVERYTHING, readme: Path = REPO_ROOT / "README.md") -> str:
    """The README's section `## {title}` as Markdown, for the start page of a local install.

    Links to repository files become plain names: in the app they would point nowhere."""
    text = readme.read_text("utf-8")
    start = text.find(f"\n## {title}\n")
    if start < 0:
        return ""
    body = text[start + len(title) + 5 :]
    end = body.find("\n## ")
    section = body if end < 0 else body[:end]
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", section).strip()
