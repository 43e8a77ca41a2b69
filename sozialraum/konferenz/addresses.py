"""Addresses printed on paper: the public dashboard a handout's QR code opens, and whether it works.

A handout goes home with residents. Its QR code must open the public (read-only, no login)
dashboard from any phone network: not the moderator's laptop (loopback), not a machine in the
town hall's network (private address), not the internal instance that asks for a login.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import quote, urlsplit

SETTING = "[oeffentlich] adresse"


def handout_url(public: str, gebiet: str) -> str:
    """The Steckbrief of one area on the public dashboard."""
    return f"{public.rstrip('/')}/Steckbrief?gebiet={quote(str(gebiet))}"


def public_address_problem(address: str) -> str | None:
    """A German sentence why `address` cannot serve as the public address (None: it can)."""
    address = address.strip()
    if not address:
        return (
            f"Die öffentliche Adresse des Dashboards fehlt ({SETTING} in einstellungen.toml): "
            "Handout und QR-Code führen sonst zu diesem Rechner, den die Bürgerinnen und Bürger zu Hause "
            "nicht erreichen."
        )
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{SETTING} „{address}“ ist keine Adresse wie https://sozialraum.stadt.de."
    host = parts.hostname
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if host == "localhost" or host.endswith((".localhost", ".local", ".lan", ".internal", ".intern")):
        return f"{SETTING} „{address}“ ist nur in diesem Netz erreichbar, nicht von außen."
    if ip is not None and (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_unspecified):
        return f"{SETTING} „{address}“ ist eine Adresse dieses Rechners oder Netzes, nicht von außen erreichbar."
    if ip is None and "." not in host:
        return f"{SETTING} „{address}“ ist ein Rechnername ohne Domain, von außen nicht erreichbar."
    return None
