"""Streamlit side of the local demo (`bash scripts/run.sh --demo`, see `sozialraum.demo`): the
server refuses to serve a demo on a non-loopback address, the login names the demo account, and a
local install's public start page says how to try everything."""

from __future__ import annotations

import streamlit as st

from sozialraum.demo import DEMO_USER, TRY_EVERYTHING, demo_active, is_loopback, readme_section
from sozialraum.i18n import SOURCE

from .sprache import code, t


def refuse_non_loopback_demo() -> None:
    """A demo server listening beyond this machine shows nothing but the refusal (the start script
    refuses first; this holds for a server started by hand with $SOZIALRAUM_DEMO=1)."""
    if not demo_active():
        return
    address = str(st.get_option("server.address") or "")
    if is_loopback(address):
        return
    st.error(
        f"Die Demo läuft nur auf diesem Rechner (127.0.0.1), nicht unter der Adresse „{address or 'alle'}“. "
        "Bitte mit `bash scripts/run.sh --demo` ohne andere Adresse starten.",
        icon=":material/block:",
    )
    st.stop()


def demo_login_hint() -> None:
    if demo_active():
        st.info(
            f"Demo: Benutzername **{DEMO_USER}**; das Passwort steht im Terminal, in dem `bash scripts/run.sh --demo` "
            "gestartet wurde.",
            icon=":material/key:",
        )


def local_visitor() -> bool:
    """The request comes from this machine (directly, or through a proxy on it that says so).

    Streamlit gives no address for a loopback connection; a proxy names the client in its headers.
    """
    try:
        address = st.context.ip_address
        headers = st.context.headers
    except Exception:  # no request context (AppTest)
        return False
    if not headers.get("Host") or (address is not None and not is_loopback(address)):
        return False
    forwarded = [headers.get("X-Real-IP") or ""] + (headers.get("X-Forwarded-For") or "").split(",")
    return all(is_loopback(a) for a in forwarded if a.strip()) and not headers.get("Forwarded")


def try_everything_hint() -> None:
    """On a local install's public view: how to see the internal pages and the conference mode."""
    if demo_active() or not local_visitor():
        return
    st.info(
        t(
            "**Alles ausprobieren:** Diese öffentliche Ansicht zeigt nur einen Teil des Dashboards. Mit "
            "`bash scripts/run.sh --demo` starten Sie es auf diesem Rechner mit allen Seiten, Konferenz-Präsentation "
            "und einem Demo-Konto (README, Abschnitt „Alles ausprobieren“)."
        ),
        icon=":material/rocket_launch:",
    )
    if code() == SOURCE:
        with st.expander(f"README: {TRY_EVERYTHING}"):
            st.markdown(readme_section())
        return
    # the README is German: marked so, for screen readers and translation tools
    with st.expander(t("Anleitung auf Deutsch: README, Abschnitt „{abschnitt}“", abschnitt=TRY_EVERYTHING)):
        st.markdown(f'<div lang="de">\n\n{readme_section()}\n\n</div>', unsafe_allow_html=True)
