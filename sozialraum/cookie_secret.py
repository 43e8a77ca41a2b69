"""A persistent cookie secret, generated once into the (git-ignored) secrets file.

Streamlit signs its cookies with `server.cookieSecret`; without one it invents a new secret at every
start, so after a restart the projector's remembered login no longer verifies and the room sees the
login page. `scripts/run.sh` reads the secret from here (creating it the first time) and passes it
as STREAMLIT_SERVER_COOKIE_SECRET.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from pathlib import Path

from .auth import secrets_path

SECTION = "sitzung"
KEY = "cookie_secret"
MIN_LENGTH = 32


def ensure_cookie_secret(path: str | Path | None = None) -> str:
    """The secret under `[sitzung] cookie_secret` of the secrets file; created (once) when missing."""
    file = secrets_path(path)
    text = file.read_text("utf-8") if file.is_file() else ""
    raw = tomllib.loads(text) if text.strip() else {}
    section = raw.get(SECTION)
    existing = section.get(KEY) if isinstance(section, dict) else None
    if isinstance(existing, str) and len(existing) >= MIN_LENGTH:
        return existing
    if section is not None:
        raise ValueError(
            f"{file}: [{SECTION}] {KEY} fehlt oder ist kürzer als {MIN_LENGTH} Zeichen; "
            "bitte den Eintrag löschen (er wird dann neu erzeugt) oder ein längeres Geheimnis eintragen."
        )
    secret = secrets.token_urlsafe(48)
    block = (
        f"[{SECTION}]\n"
        "# signiert die Cookies (gemerkte Anmeldung); einmal erzeugt, bleibt über Neustarts gleich – nie einchecken\n"
        f'{KEY} = "{secret}"\n'
    )
    new_text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + block
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_text(new_text, "utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(file)
    return secret
