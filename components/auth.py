"""Streamlit side of access control: the current mode and user, the login form, the role check
that every page runs on the server at every run, the mode badge.

The rules themselves (modes, roles, page registry, hashing, throttling) live in `sozialraum.auth`.
Local accounts: `[benutzer.<name>]` in `.streamlit/secrets.toml` (or $SOZIALRAUM_SECRETS), re-read
at every run, so a removed account or a changed role counts at the next click. With
`[betrieb] anmeldung = "oidc"` Streamlit's `st.login` asks the city's identity provider and the
roles come from the claim `[betrieb] rollen_claim`, translated by `[rollen_zuordnung]` in the secrets
file (`sozialraum.auth.oidc_identity`); an identity without a role counts as not logged in.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from sozialraum.auth import (
    INTERNAL,
    MODE_LABELS,
    OIDC,
    PUBLIC,
    ROLE_LABELS,
    SESSION_COOKIE,
    SESSION_HOURS,
    Access,
    Identity,
    LoginThrottle,
    authenticate,
    decide,
    load_role_mapping,
    load_users,
    login_method,
    oidc_identity,
    resolve_mode,
    session_token,
    user_from_token,
)
from sozialraum.pages import page, page_access
from sozialraum.settings import Settings

from .demo import demo_login_hint, refuse_non_loopback_demo
from .german import GERMAN_JS
from .sprache import t
from .streamlit_internals import html_with_script, on_script_error

LOG = logging.getLogger("sozialraum.auth")
PAGE_LOG = logging.getLogger("sozialraum.seiten")
# Streamlit's index.html says lang="en"; screen readers would read German text with English rules.
# Streamlit 1.67 also reruns the page on the single key "r" whatever toolbarMode says (WCAG 2.1.4):
# the key is stopped before Streamlit sees it, except while typing into a field.
LANG_SCRIPT = (
    """<script>
document.documentElement.setAttribute('lang', 'de');
if (!window.__srKeys) {
  window.__srKeys = true;
  window.addEventListener('keydown', (event) => {
    const target = event.target;
    const typing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (typeof event.key === 'string' && event.key.toLowerCase() === 'r' && !typing
        && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.stopImmediatePropagation();
    }
  }, true);
}
"""
    + GERMAN_JS
    + "</script>"
)
SESSION_USER = "_sozialraum_benutzer"
_COOKIE_TO_SET = "_sozialraum_cookie_setzen"  # token waiting to be written into the browser
_LOGGED_OUT = "_sozialraum_abgemeldet"  # this tab logged out: ignore the (old) cookie it came with
FAILED_LOGIN_PAUSE_S = 1.0  # every wrong password costs a second on top of the throttle
LOCAL_PROXIES = {"127.0.0.1", "::1"}


@dataclass(frozen=True)
class CurrentUser:
    name: str
    roles: tuple[str, ...]
    display_name: str = ""


@st.cache_resource(show_spinner=False)
def _throttle() -> LoginThrottle:
    """One throttle per server process, shared by all sessions."""
    return LoginThrottle()


def current_mode(settings: Settings) -> str:
    return resolve_mode(settings)


def client_address() -> str:
    """The visitor's address; behind a local reverse proxy the one it passes in X-Real-IP."""
    try:
        address = st.context.ip_address or ""
        if address in LOCAL_PROXIES:
            address = st.context.headers.get("X-Real-IP", address) or address
        return address
    except Exception:  # no request context (AppTest)
        return ""


def current_user(settings: Settings) -> CurrentUser | None:
    """The logged-in user with the roles valid right now, or None."""
    if login_method(settings) == OIDC:
        return _oidc_user(settings)
    name = st.session_state.get(SESSION_USER)
    users = load_users()
    if not name:
        name = _remembered(users)
        if not name:
            return None
    user = users.get(name)
    if user is None:  # account removed since the login
        st.session_state.pop(SESSION_USER, None)
        return None
    return CurrentUser(user.name, user.roles, user.display_name)


def _cookie_key() -> str:
    """Streamlit's cookie secret (server.cookieSecret): the same on every instance behind the proxy."""
    try:
        return str(st.get_option("server.cookieSecret") or "")
    except Exception:
        return ""


def _remembered(users: dict) -> str | None:
    """A login remembered in the browser's cookie (after a reload or in a new tab)."""
    if st.session_state.get(_LOGGED_OUT):
        return None
    try:
        token = st.context.cookies.get(SESSION_COOKIE, "")
    except Exception:  # no request context (AppTest)
        return None
    user = user_from_token(token, users, _cookie_key()) if token else None
    if user is None:
        return None
    st.session_state[SESSION_USER] = user.name
    return user.name


def _write_cookie() -> None:
    """Write (or delete) the remembered login in the browser; HTTPS pages get the Secure flag."""
    token = st.session_state.pop(_COOKIE_TO_SET, None)
    if token is None:
        return
    age = int(SESSION_HOURS * 3600) if token else 0
    html_with_script(
        "<script>document.cookie = '"
        f"{SESSION_COOKIE}={token}; path=/; max-age={age}; SameSite=Strict'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        st.sidebar,
    )


def _claims() -> dict:
    """The ID-token claims Streamlit keeps for this session (`st.user`), empty without [auth]."""
    try:
        return st.user.to_dict()
    except Exception:  # no script context
        return {}


def _oidc_identity(settings: Settings) -> Identity | None:
    return oidc_identity(_claims(), settings.rollen_claim, load_role_mapping())


def _oidc_user(settings: Settings) -> CurrentUser | None:
    """The identity provider's user, if the claim gives them a role here (else: not logged in)."""
    identity = _oidc_identity(settings)
    if identity is None or not identity.roles:
        return None
    return CurrentUser(identity.name, identity.roles, identity.display_name)


def current_roles(settings: Settings) -> tuple[str, ...] | None:
    """Roles of the logged-in user (None: nobody logged in; in the public mode always None)."""
    if current_mode(settings) != INTERNAL:
        return None
    user = current_user(settings)
    return None if user is None else user.roles


def guard_page(settings: Settings, key: str, on_refuse: Callable[[], None] | None = None, badge: bool = True) -> Access:
    """What every page runs right after `st.set_page_config`, on the server at every run, for the
    page registered as `key` (`sozialraum.pages`; an unknown key or a page without a rule is
    internal only):

    - the public mode gets friendly error messages instead of tracebacks,
    - the page language is set to German,
    - the mode badge ("Öffentliche Ansicht" / "Interne Ansicht"), unless `badge` is False,
    - the access check: shows the login form or a refusal and stops the page when it may not run.

    `setup_page()`, `setup_projector()` and `setup_phone()` call it with the key the page file passes
    them. `on_refuse` runs before the stop (e.g. the navigation). Returns the page's access rule.
    """
    refuse_non_loopback_demo()
    access = page_access(key)
    mode = current_mode(settings)
    if mode == PUBLIC:
        friendly_errors(key)
    html_with_script(LANG_SCRIPT, st.sidebar)
    if badge:
        mode_badge(settings)
    decision = decide(access, mode, current_roles(settings))
    _write_cookie()
    if decision.allowed:
        return access
    if decision.needs_login:
        login_form(settings)
    else:
        LOG.info("Seite %s verweigert (%s)", key, MODE_LABELS.get(mode, mode))
        st.title("Kein Zugang", anchor=False)
        st.error(decision.reason, icon=":material/block:")
        if mode == PUBLIC:
            st.markdown(
                "Die öffentliche Ansicht zeigt nur veröffentlichte Daten und speichert nichts. "
                "Die Bearbeitung steht Mitarbeitenden in der internen Ansicht zur Verfügung."
            )
        start = page("uebersicht")
        st.page_link(start.file, label="Zur Übersicht", icon=start.icon)
    if on_refuse is not None:
        on_refuse()
    st.stop()
    return access  # not reached


def friendly_errors(page: str) -> None:
    """Public mode: an uncaught error shows a short message in the visitor's language with a reference instead of
    Streamlit's exception box; type, message and traceback go to the server log only."""

    def handle(error: Exception) -> bool:
        reference = secrets.token_hex(4)
        PAGE_LOG.error("Fehler auf %s, Referenz %s: %s", page, reference, type(error).__name__)
        st.error(
            t(
                "Auf dieser Seite ist ein Fehler aufgetreten. Bitte laden Sie die Seite neu oder versuchen Sie es "
                "später noch einmal. Wenn der Fehler bleibt, nennen Sie uns bitte die Referenz **{referenz}** "
                "(Seite „Feedback und Kontakt“).",
                referenz=reference,
            ),
            icon=":material/error:",
        )
        return True  # Streamlit shows nothing else

    on_script_error(handle)


def require_role(settings: Settings, *roles: str) -> None:
    """For a part of a page that needs a role (e.g. saving): stops unless the user has one of
    `roles` (admin always); in the public mode it always stops."""
    held = current_roles(settings)
    if held is not None and ("admin" in held or set(held) & set(roles)):
        return
    needed = ", ".join(ROLE_LABELS.get(r, r) for r in roles)
    st.error(f"Dafür ist die Rolle {needed} nötig (nur in der internen Ansicht).", icon=":material/block:")
    st.stop()


def has_role(settings: Settings, *roles: str) -> bool:
    held = current_roles(settings)
    return held is not None and ("admin" in held or bool(set(held) & set(roles)))


def login_form(settings: Settings) -> None:
    """The login of the internal view (local accounts or the city's identity provider)."""
    st.title("Anmeldung", anchor=False)
    st.markdown("Die interne Ansicht des Dashboards ist nur für angemeldete Mitarbeitende zugänglich.")
    if login_method(settings) == OIDC:
        _oidc_login(settings)
        return
    demo_login_hint()
    users = load_users()
    if not users:
        st.warning(
            "Es sind noch keine Konten eingerichtet. Die Administration legt sie auf dem Server an: "
            "`python -m sozialraum user add <name> --rolle planer`",
            icon=":material/warning:",
        )
    with st.form("anmeldung", clear_on_submit=True, enter_to_submit=True):
        name = st.text_input("Benutzername", autocomplete="username", max_chars=64)
        password = st.text_input("Passwort", type="password", autocomplete="current-password", max_chars=256)
        submitted = st.form_submit_button("Anmelden", type="primary", icon=":material/login:")
    if not submitted:
        return
    client = client_address()
    throttle = _throttle()
    wait = throttle.wait_seconds(name, client)
    if wait > 0:
        LOG.warning("Anmeldung abgewiesen (gesperrt): Benutzer %r, Client %s", name.strip()[:64], client or "?")
        st.error(
            f"Zu viele Fehlversuche. Bitte versuchen Sie es in {math.ceil(wait / 60)} Minuten erneut.",
            icon=":material/lock_clock:",
        )
        return
    user = authenticate(users, name, password)
    if user is None:
        throttle.failed(name, client)
        time.sleep(FAILED_LOGIN_PAUSE_S)
        st.error("Benutzername oder Passwort ist falsch.", icon=":material/error:")
        return
    throttle.succeeded(name, client)
    st.session_state[SESSION_USER] = user.name
    st.session_state.pop(_LOGGED_OUT, None)
    key = _cookie_key()
    if key:  # stay logged in across reloads for a working day
        st.session_state[_COOKIE_TO_SET] = session_token(user, key)
    st.rerun()


def _oidc_login(settings: Settings) -> None:
    """The button that starts Streamlit's OIDC flow; a known identity without a role is told so."""
    identity = _oidc_identity(settings)
    if identity is not None:  # logged in at the provider, but no role here
        LOG.warning("OIDC-Anmeldung ohne Rolle: %r (Claim %r)", identity.name, settings.rollen_claim)
        st.error(
            f"Ihr Konto {identity.name} hat keine Rolle für dieses Dashboard. Die Administration ordnet "
            f"Rollen über den Claim „{settings.rollen_claim}“ zu.",
            icon=":material/block:",
        )
        if st.button("Abmelden", icon=":material/logout:", key="sr_oidc_abmelden"):
            st.logout()
        return
    if st.button("Mit dem Konto der Stadt anmelden", type="primary", icon=":material/login:"):
        try:
            if settings.oidc_anbieter:
                st.login(settings.oidc_anbieter)
            else:
                st.login()
        except Exception as problem:  # [auth] missing or incomplete in secrets.toml, Authlib missing
            LOG.error("OIDC-Anmeldung nicht eingerichtet: %s", problem)
            st.error(
                "Die Anmeldung über den Identitätsanbieter ist nicht eingerichtet (Abschnitt [auth] in "
                "secrets.toml, Paket Authlib). Bitte wenden Sie sich an die Administration.",
                icon=":material/error:",
            )


def user_box(settings: Settings) -> None:
    """Who is logged in, with which roles, and the logout (sidebar, internal mode)."""
    if current_mode(settings) != INTERNAL:
        return
    user = current_user(settings)
    if user is None:
        return
    roles = ", ".join(ROLE_LABELS[r] for r in user.roles)
    st.sidebar.caption(f"Angemeldet: {user.display_name or user.name} ({roles})")
    if st.sidebar.button("Abmelden", icon=":material/logout:", key="sr_abmelden"):
        LOG.info("Abmeldung: Benutzer %r", user.name)
        if login_method(settings) == OIDC:
            st.logout()
        st.session_state.pop(SESSION_USER, None)
        st.session_state[_LOGGED_OUT] = True
        st.session_state[_COOKIE_TO_SET] = ""  # deleted in the browser on the next run
        st.rerun()


def mode_badge(settings: Settings) -> None:
    """'Öffentliche Ansicht' or 'Interne Ansicht': text and icon, not colour alone."""
    mode = current_mode(settings)
    # no icon: Streamlit labels icons in English ("public icon") for screen readers
    st.badge(MODE_LABELS[mode], color="gray" if mode == PUBLIC else "violet")
