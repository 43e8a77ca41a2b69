"""Operation modes, roles, page access, local accounts and login throttling (no Streamlit here).

Two modes from one codebase:

- `oeffentlich` (public, the default): read-only pages, no login; pages that write refuse to run.
- `intern` (internal): every page needs a login; each page names the roles that may open it.

Which page has which `Access` is declared in the page registry, `sozialraum.pages`; a page without
a rule is internal only (`INTERNAL_ONLY`, fail closed).

Local accounts live in `.streamlit/secrets.toml` (git-ignored) under `[benutzer.<name>]` with an
argon2id hash and a list of roles; `python -m sozialraum user add` writes them. With the city's
identity provider (`[betrieb] anmeldung = "oidc"`), the roles come from a claim of the ID token,
translated by `[rollen_zuordnung]` in the same secrets file (`oidc_identity`).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import threading
import time
import tomllib
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from itsdangerous import BadSignature, URLSafeSerializer

from .settings import REPO_ROOT, Settings

LOG = logging.getLogger("sozialraum.auth")

PUBLIC = "oeffentlich"
INTERNAL = "intern"
MODES = (PUBLIC, INTERNAL)
MODE_ENV = "SOZIALRAUM_MODUS"
MODE_LABELS = {PUBLIC: "Öffentliche Ansicht", INTERNAL: "Interne Ansicht"}

PLANER = "planer"
MODERATOR = "moderator"
ADMIN = "admin"
ROLES = (PLANER, MODERATOR, ADMIN)
ROLE_LABELS = {PLANER: "Planung", MODERATOR: "Moderation", ADMIN: "Verwaltung"}

SECRETS_ENV = "SOZIALRAUM_SECRETS"
DEFAULT_SECRETS = REPO_ROOT / ".streamlit" / "secrets.toml"
USERS_SECTION = "benutzer"
USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")


# --- modes -------------------------------------------------------------------------------------


def resolve_mode(settings: Settings, environ: dict[str, str] | None = None) -> str:
    """The operation mode: $SOZIALRAUM_MODUS, else `[betrieb] modus`; anything unknown is public."""
    env = os.environ if environ is None else environ
    for source, raw in (("SOZIALRAUM_MODUS", env.get(MODE_ENV)), ("[betrieb] modus", settings.modus)):
        if raw is None or not str(raw).strip():
            continue
        mode = str(raw).strip().lower().replace("ö", "oe")
        if mode in MODES:
            return mode
        LOG.warning("%s = %r ist unbekannt; es gilt die öffentliche Ansicht.", source, raw)
        return PUBLIC
    return PUBLIC


# --- page access ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    """Who may run a page.

    public: runs in the public mode (read-only, no login).
    roles: in the internal mode, the roles that may open it (admin may open every page).
    login: False for pages every visitor must reach even in the internal mode (accessibility
        statement, feedback contact).
    writes: the page stores something; never public, except a public vote.
    vote: the public voting page; runs in the public mode, but only accepts a ballot while a
        moderator has a vote open (the page checks that itself).
    """

    public: bool
    roles: frozenset[str] = frozenset(ROLES)
    login: bool = True
    writes: bool = False
    vote: bool = False

    def allows(self, roles: Iterable[str]) -> bool:
        held = set(roles)
        return ADMIN in held or bool(held & self.roles)


READ = Access(public=True)
OPEN = Access(public=True, login=False)
INTERNAL_ONLY = Access(public=False)
CAPTURE = Access(public=False, roles=frozenset({PLANER, MODERATOR}), writes=True)
PRESENT = Access(public=False, roles=frozenset({MODERATOR}), writes=True)
VOTE = Access(public=True, login=False, writes=True, vote=True)
ADMINISTRATION = Access(public=False, roles=frozenset({ADMIN}), writes=True)


@dataclass(frozen=True)
class Decision:
    """The outcome of the access check for one run of a page."""

    allowed: bool
    needs_login: bool = False
    reason: str = ""


def decide(access: Access, mode: str, user_roles: Iterable[str] | None) -> Decision:
    """Whether a page may run: `user_roles` is None when nobody is logged in."""
    if mode != INTERNAL:
        if access.public:
            return Decision(True)
        return Decision(False, reason="Diese Seite ist in der öffentlichen Ansicht nicht verfügbar.")
    if not access.login:
        return Decision(True)
    if user_roles is None:
        return Decision(False, needs_login=True, reason="Bitte melden Sie sich an.")
    if access.allows(user_roles):
        return Decision(True)
    needed = ", ".join(ROLE_LABELS[r] for r in ROLES if r in access.roles)
    return Decision(False, reason=f"Für diese Seite fehlt Ihnen die Rolle ({needed}).")


# --- passwords and accounts ----------------------------------------------------------------------

# argon2id with the library's RFC 9106 "low memory" profile: 64 MiB, 3 passes, ~50 ms here
_HASHER = PasswordHasher()
# compared against when the name is unknown, so a wrong name takes as long as a wrong password
_DUMMY_HASH = _HASHER.hash("kein-benutzer")


def hash_password(password: str) -> str:
    """A salted argon2id hash (the salt is part of the string)."""
    if len(password) < 10:
        raise ValueError("Das Passwort muss mindestens 10 Zeichen lang sein.")
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class User:
    name: str
    password_hash: str
    roles: tuple[str, ...]
    display_name: str = ""


def secrets_path(explicit: str | Path | None = None) -> Path:
    """The secrets file: explicit, else $SOZIALRAUM_SECRETS, else .streamlit/secrets.toml."""
    return Path(explicit or os.environ.get(SECRETS_ENV) or DEFAULT_SECRETS)


def parse_users(raw: dict) -> dict[str, User]:
    """Accounts from a parsed secrets file; entries without hash or known role are skipped."""
    users: dict[str, User] = {}
    for name, entry in (raw.get(USERS_SECTION) or {}).items():
        if not isinstance(entry, dict) or not isinstance(entry.get("hash"), str):
            LOG.warning("Konto %r ohne Passwort-Hash wird ignoriert.", name)
            continue
        roles = tuple(r for r in entry.get("rollen", []) if r in ROLES)
        if not roles:
            LOG.warning("Konto %r ohne bekannte Rolle wird ignoriert.", name)
            continue
        users[str(name)] = User(str(name), entry["hash"], roles, str(entry.get("name", "")))
    return users


def load_users(path: str | Path | None = None) -> dict[str, User]:
    """Accounts from the secrets file; an absent or unreadable file means no accounts."""
    file = secrets_path(path)
    if not file.is_file():
        return {}
    try:
        return parse_users(tomllib.loads(file.read_text("utf-8")))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        LOG.error("Secrets-Datei %s ist nicht lesbar: %s", file, exc)
        return {}


def authenticate(users: dict[str, User], name: str, password: str) -> User | None:
    """The user when name and password match; the same work is done for an unknown name."""
    user = users.get(name.strip())
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    return user if verify_password(user.password_hash, password) else None


def _secrets_document(text: str) -> tomlkit.TOMLDocument:
    """The secrets file as an editable document: comments, order and other sections stay as written."""
    return tomlkit.parse(text) if text else tomlkit.document()


def write_user(
    name: str, password: str, roles: Iterable[str], path: str | Path | None = None, replace: bool = False
) -> Path:
    """Add (or with `replace`, change) a local account in the secrets file; other content stays."""
    if not USER_NAME.match(name):
        raise ValueError("Benutzername: 2–64 Zeichen aus Buchstaben, Ziffern, . _ @ - (ohne Leerzeichen).")
    roles = list(dict.fromkeys(roles))
    unknown = [r for r in roles if r not in ROLES]
    if unknown or not roles:
        raise ValueError(f"Rolle(n) {', '.join(unknown) or '–'} unbekannt; erlaubt: {', '.join(ROLES)}.")
    file = secrets_path(path)
    text = file.read_text("utf-8") if file.is_file() else ""
    existing = tomllib.loads(text) if text else {}
    if name in (existing.get(USERS_SECTION) or {}) and not replace:
        raise ValueError(f"Benutzer {name} gibt es schon (ändern mit --ersetzen).")
    document = _secrets_document(text)
    account = tomlkit.table()
    account["hash"] = hash_password(password)
    account["rollen"] = roles
    document.setdefault(USERS_SECTION, tomlkit.table(is_super_table=True))[name] = account
    new_text = tomlkit.dumps(document)
    tomllib.loads(new_text)  # never write a file that does not parse
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_suffix(".tmp")
    tmp.write_text(new_text, "utf-8")
    os.chmod(tmp, 0o600)
    tmp.replace(file)
    return file


def remove_user(name: str, path: str | Path | None = None) -> bool:
    file = secrets_path(path)
    if not file.is_file():
        return False
    text = file.read_text("utf-8")
    if name not in (tomllib.loads(text).get(USERS_SECTION) or {}):
        return False
    document = _secrets_document(text)
    del document[USERS_SECTION][name]
    new_text = tomlkit.dumps(document)
    tomllib.loads(new_text)
    file.write_text(new_text, "utf-8")
    return True


# --- identity provider (OIDC, Streamlit's st.login) ---------------------------------------------

LOCAL = "lokal"
OIDC = "oidc"


def login_method(settings: Settings) -> str:
    """`[betrieb] anmeldung`: "oidc" (the city's identity provider) or "lokal"; unknown means local."""
    method = settings.anmeldung.strip().lower()
    if method not in (LOCAL, OIDC):
        LOG.warning("[betrieb] anmeldung = %r ist unbekannt; es gelten lokale Konten.", settings.anmeldung)
        return LOCAL
    return method


# claim value → roles, in the secrets file next to [auth]: the directory's group names stay out of
# the (published) data folder
ROLE_MAPPING_SECTION = "rollen_zuordnung"


@dataclass(frozen=True)
class Identity:
    """Who the identity provider says is logged in, with the roles that count here."""

    name: str
    roles: tuple[str, ...]
    display_name: str = ""


def parse_role_mapping(raw: Mapping[str, object]) -> dict[str, tuple[str, ...]]:
    """`[rollen_zuordnung]` of a parsed secrets file: claim value (any case) → our roles.

    A value may name one role or a list; unknown roles are logged and left out, so a typo grants
    nothing. Keys are compared case-insensitively (directory group names are).
    """
    mapping: dict[str, tuple[str, ...]] = {}
    section = raw.get(ROLE_MAPPING_SECTION) or {}
    if not isinstance(section, Mapping):
        LOG.error("[%s] muss eine Tabelle sein; keine Rollen-Zuordnung.", ROLE_MAPPING_SECTION)
        return {}
    for value, roles in section.items():
        names = [roles] if isinstance(roles, str) else list(roles) if isinstance(roles, list) else []
        known = tuple(r for r in ROLES if r in {str(n).strip().lower() for n in names})
        unknown = [str(r) for r in names if str(r).strip().lower() not in ROLES]
        if unknown or not names:
            LOG.warning("[%s] %r: Rolle(n) %s unbekannt (erlaubt: %s).", ROLE_MAPPING_SECTION, value,
                        ", ".join(unknown) or "–", ", ".join(ROLES))  # fmt: skip
        if known:
            mapping[str(value).strip().casefold()] = known
    return mapping


def load_role_mapping(path: str | Path | None = None) -> dict[str, tuple[str, ...]]:
    """The claim-to-role mapping from the secrets file (empty: the claim names our roles itself)."""
    file = secrets_path(path)
    if not file.is_file():
        return {}
    try:
        return parse_role_mapping(tomllib.loads(file.read_text("utf-8")))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        LOG.error("Secrets-Datei %s ist nicht lesbar: %s", file, exc)
        return {}


def claim_values(claims: Mapping[str, object], claim: str) -> list[str]:
    """The values of `claim`: a list, or a string (whole, and split at spaces and commas).

    A dotted name reaches into nested objects when no claim has the full name (Keycloak puts
    realm roles into `realm_access.roles`).
    """
    found: object = claims.get(claim)
    if found is None and "." in claim:
        found = claims
        for part in claim.split("."):
            found = found.get(part) if isinstance(found, Mapping) else None
    if isinstance(found, str):
        parts = [p for p in re.split(r"[\s,]+", found) if p]
        return list(dict.fromkeys([found.strip(), *parts]))
    if isinstance(found, list | tuple):
        return [str(v).strip() for v in found if isinstance(v, str | int) and str(v).strip()]
    return []


def roles_from_claim(values: Iterable[str], mapping: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Our roles for the claim values: through `mapping`, or without one, the values that are role names."""
    held: set[str] = set()
    for value in values:
        key = value.strip().casefold()
        if mapping:
            held.update(mapping.get(key, ()))
        elif key in ROLES:
            held.add(key)
    return tuple(r for r in ROLES if r in held)


def oidc_identity(claims: Mapping[str, object], claim: str, mapping: Mapping[str, tuple[str, ...]]) -> Identity | None:
    """The logged-in identity from Streamlit's `st.user` (ID-token claims), or None when logged out."""
    if claims.get("is_logged_in") is not True:
        return None
    name = next((str(claims[k]) for k in ("email", "preferred_username", "sub") if claims.get(k)), "")
    if not name:
        return None  # nothing to log or show: treat as not logged in
    roles = roles_from_claim(claim_values(claims, claim), mapping)
    return Identity(name, roles, str(claims.get("name") or name))


# --- login throttling --------------------------------------------------------------------------


@dataclass
class LoginThrottle:
    """At most `limit` failed logins per `window_s` seconds, per account name and per client.

    While a key is over the limit every attempt is refused without checking the password, until
    its oldest failure leaves the window. Failures and lockouts are logged (never the password).
    """

    limit: int = 5
    window_s: float = 15 * 60
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _keys(self, name: str, client: str) -> list[str]:
        # without a known client address only the account counts (else every visitor shares a bucket)
        return [f"user:{name.strip().lower()}"] + ([f"client:{client}"] if client else [])

    def _recent(self, key: str, now: float) -> deque[float]:
        stamps = self._failures.setdefault(key, deque())
        while stamps and now - stamps[0] >= self.window_s:
            stamps.popleft()
        return stamps

    def wait_seconds(self, name: str, client: str = "") -> float:
        """0 when an attempt may be made, else the seconds until the next one."""
        now = self.clock()
        with self._lock:
            waits = [
                self.window_s - (now - stamps[0])
                for key in self._keys(name, client)
                if len(stamps := self._recent(key, now)) >= self.limit
            ]
        return max(waits, default=0.0)

    def failed(self, name: str, client: str = "") -> None:
        now = self.clock()
        with self._lock:
            for key in self._keys(name, client):
                stamps = self._recent(key, now)
                stamps.append(now)
                if len(stamps) == self.limit:
                    LOG.warning("Anmeldung gesperrt nach %d Fehlversuchen: %s", self.limit, key)
        LOG.warning("Fehlgeschlagene Anmeldung: Benutzer %r, Client %s", name.strip()[:64], client or "?")

    def succeeded(self, name: str, client: str = "") -> None:
        with self._lock:
            self._failures.pop(f"user:{name.strip().lower()}", None)
        LOG.info("Anmeldung: Benutzer %r, Client %s", name.strip(), client or "?")


# --- remembered login (signed cookie) ----------------------------------------------------------------

SESSION_COOKIE = "sr_anmeldung"
SESSION_HOURS = 8


def _fingerprint(user: User) -> str:
    """Changes with the password: a new password ends every remembered login of the account."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def _signer(key: str) -> URLSafeSerializer:
    # salted with the cookie name: a value signed with the same key for another purpose is no login
    return URLSafeSerializer(key, salt=SESSION_COOKIE)


def session_token(user: User, key: str, now: float | None = None, hours: float = SESSION_HOURS) -> str:
    """A signed token (itsdangerous) that lets the browser stay logged in across reloads for `hours`."""
    if not key:
        raise ValueError("Kein Schlüssel für die Anmeldung")
    now = time.time() if now is None else now
    return _signer(key).dumps({"u": user.name, "f": _fingerprint(user), "e": int(now + hours * 3600)})


def user_from_token(token: str, users: dict[str, User], key: str, now: float | None = None) -> User | None:
    """The account a token names, if the signature, the expiry and the password fingerprint hold."""
    if not token or not key:
        return None
    try:
        payload = _signer(key).loads(token)
        name, fingerprint, expires = str(payload["u"]), str(payload["f"]), float(payload["e"])
    except (BadSignature, ValueError, KeyError, TypeError):
        return None
    if expires < (time.time() if now is None else now):
        return None
    user = users.get(name)
    return user if user is not None and hmac.compare_digest(_fingerprint(user), fingerprint) else None
