"""The one place that relies on Streamlit's server: extra HTTP routes through `st.App` (experimental).

Checked with Streamlit 1.67. Another version refuses to start with a message that says what to do,
instead of failing later in a way nobody connects with the upgrade.
"""

from __future__ import annotations

import streamlit as st
from starlette.routing import BaseRoute

from sozialraum.konferenz.phone_vote import PhoneVote

TESTED = ((1, 67),)  # (major, minor) versions whose st.App this was checked with


def check_version(version: str = st.__version__) -> None:
    major_minor = tuple(int(part) for part in version.split(".")[:2])
    if major_minor not in TESTED or not hasattr(st, "App"):
        tested = ", ".join(f"{a}.{b}" for a, b in TESTED)
        raise SystemExit(
            f"serve.py ist mit Streamlit {tested} geprüft, installiert ist {version}. Bitte die Abstimmungsseite "
            "(/abstimmen) mit dieser Version prüfen und TESTED in components/server_routes.py ergänzen, oder bis "
            "dahin `streamlit run app.py` starten (die Abstimmung läuft dann über die Streamlit-Seite)."
        )


def extra_routes() -> list[BaseRoute]:
    """Routes served next to the dashboard: the phone vote."""
    check_version()
    return list(PhoneVote().routes())
