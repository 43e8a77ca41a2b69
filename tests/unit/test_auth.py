"""Modes, page registry, password hashing, the accounts file and login throttling."""

from __future__ import annotations

import io
import logging
import tomllib
from pathlib import Path

import pytest
from itsdangerous.encoding import base64_encode

from sozialraum import auth
from sozialraum.auth import (
    ADMIN,
    INTERNAL,
    MODERATOR,
    PLANER,
    PUBLIC,
    LoginThrottle,
    authenticate,
    decide,
    hash_password,
    load_users,
    resolve_mode,
    verify_password,
    write_user,
)
from sozialraum.cli import main
from sozialraum.pages import REGISTRY, page_access
from sozialraum.settings import DEFAULT_DATA_DIR, Settings

PASSWORD = "richtig-langes-Passwort"


# --- modes ---------------------------------------------------------------------------------------


def test_default_mode_is_public() -> None:
    assert resolve_mode(Settings(), {}) == PUBLIC


def test_setting_chooses_the_mode_and_environment_wins() -> None:
    assert resolve_mode(Settings(modus="intern"), {}) == INTERNAL
    assert resolve_mode(Settings(modus="intern"), {"SOZIALRAUM_MODUS": "oeffentlich"}) == PUBLIC
    assert resolve_mode(Settings(), {"SOZIALRAUM_MODUS": "Intern"}) == INTERNAL
    assert resolve_mode(Settings(), {"SOZIALRAUM_MODUS": "öffentlich"}) == PUBLIC


def test_unknown_mode_falls_back_to_public(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, "sozialraum.auth"):
        assert resolve_mode(Settings(), {"SOZIALRAUM_MODUS": "offen"}) == PUBLIC
    assert "unbekannt" in caplog.text


# --- page access (the rules themselves: sozialraum.pages; the folder check: test_page_registry.py) ------


@pytest.mark.parametrize(
    ("key", "public", "roles"),
    [
        ("uebersicht", True, {PLANER, MODERATOR, ADMIN}),
        ("karte", True, {PLANER, MODERATOR, ADMIN}),
        ("konferenz_vorbereiten", False, {PLANER, MODERATOR}),
        ("konferenz_ergebnisse", False, {PLANER, MODERATOR}),
        ("praesentation", False, {MODERATOR}),
        ("abstimmung", True, {PLANER, MODERATOR, ADMIN}),
        ("unbekannt", False, {PLANER, MODERATOR, ADMIN}),
    ],
)
def test_registry_rules(key: str, public: bool, roles: set[str]) -> None:
    access = page_access(key)
    assert access.public is public
    assert set(access.roles) == roles


def test_write_pages_are_never_public_except_the_vote() -> None:
    writing = [p for p in REGISTRY.values() if p.rule.writes]
    assert {p.key for p in writing} == {"konferenz_vorbereiten", "konferenz_ergebnisse", "praesentation", "abstimmung"}
    for entry in writing:
        assert entry.rule.public == entry.rule.vote, entry.key


@pytest.mark.parametrize(
    ("key", "mode", "roles", "allowed", "login"),
    [
        ("karte", PUBLIC, None, True, False),
        ("konferenz_vorbereiten", PUBLIC, None, False, False),
        ("konferenz_vorbereiten", PUBLIC, [ADMIN], False, False),  # no writes in public, whoever asks
        ("praesentation", PUBLIC, None, False, False),
        ("abstimmung", PUBLIC, None, True, False),
        ("karte", INTERNAL, None, False, True),
        ("karte", INTERNAL, [PLANER], True, False),
        ("konferenz_vorbereiten", INTERNAL, [PLANER], True, False),
        ("praesentation", INTERNAL, [PLANER], False, False),
        ("praesentation", INTERNAL, [MODERATOR], True, False),
        ("praesentation", INTERNAL, [ADMIN], True, False),
        ("unbekannt", PUBLIC, None, False, False),
        ("barrierefreiheit", INTERNAL, None, True, False),
        ("feedback", PUBLIC, None, True, False),
    ],
)
def test_decisions(key: str, mode: str, roles: list[str] | None, allowed: bool, login: bool) -> None:
    decision = decide(page_access(key), mode, roles)
    assert (decision.allowed, decision.needs_login) == (allowed, login)
    assert decision.allowed or decision.reason


# --- passwords -----------------------------------------------------------------------------------


def test_hashes_are_salted_argon2id_and_verify() -> None:
    first, second = hash_password(PASSWORD), hash_password(PASSWORD)
    assert first != second  # a fresh salt each time
    assert first.startswith("$argon2id$")
    assert verify_password(first, PASSWORD) and verify_password(second, PASSWORD)
    assert not verify_password(first, PASSWORD + "x")
    assert not verify_password("kein-hash", PASSWORD)


def test_short_passwords_are_refused() -> None:
    with pytest.raises(ValueError, match="mindestens 10"):
        hash_password("kurz")


def test_accounts_file_round_trip_keeps_other_content(tmp_path: Path) -> None:
    file = tmp_path / "secrets.toml"
    file.write_text('[auth]\ncookie_secret = "x"\n', "utf-8")
    write_user("anna", PASSWORD, [PLANER], file)
    write_user("b.meier@stadt", PASSWORD + "2", [MODERATOR, ADMIN], file)
    raw = tomllib.loads(file.read_text("utf-8"))
    assert raw["auth"] == {"cookie_secret": "x"}
    users = load_users(file)
    assert users["anna"].roles == (PLANER,) and users["b.meier@stadt"].roles == (MODERATOR, ADMIN)
    assert PASSWORD not in file.read_text("utf-8")
    assert file.stat().st_mode & 0o077 == 0  # readable by the owner only
    assert authenticate(users, "anna", PASSWORD) == users["anna"]
    assert authenticate(users, "anna", "falsch-falsch-falsch") is None
    assert authenticate(users, "niemand", PASSWORD) is None


def test_accounts_written_by_hand_as_inline_tables_are_edited_and_comments_stay(tmp_path: Path) -> None:
    """An administrator may write accounts under one [benutzer] header; adding and removing still work
    (the file is edited as TOML, not as lines) and the comments stay where they were."""
    file = tmp_path / "secrets.toml"
    anna = f'{{ hash = "{hash_password(PASSWORD)}", rollen = ["{PLANER}"] }}'
    file.write_text(f"# Konten dieser Instanz\n[benutzer]\nanna = {anna}  # Sozialplanung\n", "utf-8")
    write_user("bert", PASSWORD, [MODERATOR], file)
    assert set(load_users(file)) == {"anna", "bert"}
    assert auth.remove_user("anna", file)
    text = file.read_text("utf-8")
    assert set(load_users(file)) == {"bert"} and "anna" not in text
    assert text.startswith("# Konten dieser Instanz\n")


def test_existing_account_needs_replace(tmp_path: Path) -> None:
    file = tmp_path / "secrets.toml"
    write_user("anna", PASSWORD, [PLANER], file)
    with pytest.raises(ValueError, match="gibt es schon"):
        write_user("anna", PASSWORD, [ADMIN], file)
    write_user("anna", "ganz-neues-Passwort", [ADMIN], file, replace=True)
    users = load_users(file)
    assert users["anna"].roles == (ADMIN,)
    assert authenticate(users, "anna", "ganz-neues-Passwort") and not authenticate(users, "anna", PASSWORD)


@pytest.mark.parametrize(("name", "roles"), [("a b", [PLANER]), ("x", [PLANER]), ("anna", ["chef"]), ("anna", [])])
def test_bad_names_and_roles_are_refused(tmp_path: Path, name: str, roles: list[str]) -> None:
    with pytest.raises(ValueError):
        write_user(name, PASSWORD, roles, tmp_path / "s.toml")


def test_accounts_without_hash_or_role_are_ignored(tmp_path: Path) -> None:
    file = tmp_path / "s.toml"
    file.write_text('[benutzer.a]\nrollen = ["planer"]\n[benutzer.b]\nhash = "h"\nrollen = ["chef"]\n', "utf-8")
    assert load_users(file) == {}
    assert load_users(tmp_path / "fehlt.toml") == {}


def test_cli_user_add_list_remove(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    file = tmp_path / "secrets.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert (
        main(
            [
                "user",
                "add",
                "anna",
                "--rolle",
                "planer",
                "--rolle",
                "moderator",
                "--passwort-stdin",
                "--datei",
                str(file),
            ]
        )
        == 0
    )
    assert "Konto anna (planer, moderator)" in capsys.readouterr().out
    assert main(["user", "list", "--datei", str(file)]) == 0
    assert "anna: planer, moderator" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("kurz\n"))
    assert main(["user", "add", "bert", "--rolle", "admin", "--passwort-stdin", "--datei", str(file)]) == 1
    assert "mindestens 10" in capsys.readouterr().out
    assert main(["user", "remove", "anna", "--datei", str(file)]) == 0
    assert load_users(file) == {}
    assert main(["user", "remove", "anna", "--datei", str(file)]) == 1


def test_cli_uses_the_environment_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "env-secrets.toml"
    monkeypatch.setenv("SOZIALRAUM_SECRETS", str(file))
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "carla", "--rolle", "admin", "--passwort-stdin"]) == 0
    assert "carla" in load_users(file)


def test_cli_check_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    """The user commands sit beside `check`, which still checks the bundled data: no errors, exit 0."""
    assert main(["check", str(DEFAULT_DATA_DIR)]) == 0
    assert f"Prüfbericht für {DEFAULT_DATA_DIR}" in capsys.readouterr().out


# --- throttling ----------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_throttle_locks_an_account_after_five_failures_and_releases_it(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    throttle = LoginThrottle(limit=5, window_s=900, clock=clock)
    with caplog.at_level(logging.WARNING, "sozialraum.auth"):
        for _ in range(4):
            assert throttle.wait_seconds("anna", "1.2.3.4") == 0
            throttle.failed("anna", "1.2.3.4")
            clock.now += 10
        assert throttle.wait_seconds("anna", "1.2.3.4") == 0
        throttle.failed("anna", "1.2.3.4")
    assert throttle.wait_seconds("anna", "1.2.3.4") == pytest.approx(900 - 40)
    assert throttle.wait_seconds("Anna ", "5.6.7.8") > 0  # the account is locked from anywhere
    assert throttle.wait_seconds("bert", "1.2.3.4") > 0  # and this client for any account
    assert throttle.wait_seconds("bert", "5.6.7.8") == 0
    assert caplog.text.count("Fehlgeschlagene Anmeldung") == 5 and "gesperrt" in caplog.text
    assert PASSWORD not in caplog.text
    clock.now += 861
    assert throttle.wait_seconds("anna", "1.2.3.4") == 0


def test_success_clears_the_account_not_the_client() -> None:
    throttle = LoginThrottle(limit=2, window_s=60, clock=Clock())
    throttle.failed("anna", "1.2.3.4")
    throttle.succeeded("anna", "1.2.3.4")
    throttle.failed("anna", "9.9.9.9")
    assert throttle.wait_seconds("anna", "9.9.9.9") == 0


def test_unknown_client_does_not_share_a_bucket() -> None:
    throttle = LoginThrottle(limit=1, window_s=60, clock=Clock())
    throttle.failed("anna", "")
    assert throttle.wait_seconds("bert", "") == 0


# --- remembered login -----------------------------------------------------------------------------


def test_session_token_round_trip_and_its_limits(tmp_path: Path) -> None:
    file = tmp_path / "s.toml"
    write_user("anna", PASSWORD, [PLANER], file)
    users = load_users(file)
    token = auth.session_token(users["anna"], "schluessel", now=1000.0, hours=8)
    assert auth.user_from_token(token, users, "schluessel", now=1000.0 + 3600) == users["anna"]
    assert auth.user_from_token(token, users, "schluessel", now=1000.0 + 9 * 3600) is None  # expired
    assert auth.user_from_token(token, users, "anderer-schluessel", now=1000.0) is None  # other instance secret
    body, mac = token.split(".")
    forged = base64_encode(b'{"u":"admin","f":"x","e":9999999999}').decode()
    assert auth.user_from_token(f"{forged}.{mac}", users, "schluessel", now=1000.0) is None
    assert auth.user_from_token(token[:-1] + ("0" if token[-1] != "0" else "1"), users, "schluessel", 1000.0) is None
    assert auth.user_from_token("kaputt", users, "schluessel") is None and auth.user_from_token("", users, "k") is None
    write_user("anna", "ganz-neues-Passwort", [PLANER], file, replace=True)  # a new password ends it
    assert auth.user_from_token(token, load_users(file), "schluessel", now=1000.0) is None
    auth.remove_user("anna", file)
    assert auth.user_from_token(token, load_users(file), "schluessel", now=1000.0) is None
    with pytest.raises(ValueError):
        auth.session_token(users["anna"], "")


# --- identity provider (OIDC): claim → roles -------------------------------------------------------

MAPPING_TOML = """
[rollen_zuordnung]
"SG-Sozialplanung" = ["planer"]
"konferenz-moderation" = ["moderator", "planer"]
"CN=Dashboard-Admins,OU=Gruppen,DC=gera,DC=de" = "admin"
"tippfehler" = ["planner"]
"""


def test_role_mapping_from_the_secrets_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "secrets.toml"
    path.write_text(MAPPING_TOML, "utf-8")
    with caplog.at_level(logging.WARNING, "sozialraum.auth"):
        mapping = auth.load_role_mapping(path)
    assert mapping == {
        "sg-sozialplanung": (PLANER,),
        "konferenz-moderation": (PLANER, MODERATOR),
        "cn=dashboard-admins,ou=gruppen,dc=gera,dc=de": (ADMIN,),
    }
    assert "planner" in caplog.text  # a typo grants nothing and is logged
    assert auth.load_role_mapping(tmp_path / "fehlt.toml") == {}


@pytest.mark.parametrize(
    ("claims", "claim", "values"),
    [
        ({"roles": ["planer", "admin"]}, "roles", ["planer", "admin"]),
        ({"roles": "planer moderator"}, "roles", ["planer moderator", "planer", "moderator"]),
        ({"groups": "CN=A,OU=B"}, "groups", ["CN=A,OU=B", "CN=A", "OU=B"]),
        ({"realm_access": {"roles": ["moderator"]}}, "realm_access.roles", ["moderator"]),
        ({"realm_access.roles": ["admin"]}, "realm_access.roles", ["admin"]),
        ({"roles": None}, "roles", []),
        ({"roles": {"planer": True}}, "roles", []),
        ({}, "roles", []),
    ],
)
def test_claim_values(claims: dict, claim: str, values: list[str]) -> None:
    assert auth.claim_values(claims, claim) == values


def test_roles_from_claim_with_and_without_mapping() -> None:
    mapping = auth.parse_role_mapping(tomllib.loads(MAPPING_TOML))
    # without a mapping the claim names our roles itself (any case); anything else counts for nothing
    assert auth.roles_from_claim(["Admin", "planer", "gast"], {}) == (PLANER, ADMIN)
    # with a mapping only mapped values count, not our role names themselves
    assert auth.roles_from_claim(["sg-sozialplanung", "admin"], mapping) == (PLANER,)
    assert auth.roles_from_claim(["Konferenz-Moderation"], mapping) == (PLANER, MODERATOR)
    dn = auth.claim_values({"groups": ["CN=Dashboard-Admins,OU=Gruppen,DC=gera,DC=de"]}, "groups")
    assert auth.roles_from_claim(dn, mapping) == (ADMIN,)
    assert auth.roles_from_claim(["tippfehler"], mapping) == ()


def test_oidc_identity() -> None:
    mapping = {"sg-sozialplanung": (PLANER,)}
    claims = {
        "is_logged_in": True,
        "email": "a.schmidt@gera.de",
        "name": "Anna Schmidt",
        "groups": ["SG-Sozialplanung"],
    }
    assert auth.oidc_identity(claims, "groups", mapping) == auth.Identity(
        "a.schmidt@gera.de", (PLANER,), "Anna Schmidt"
    )
    assert auth.oidc_identity({**claims, "groups": ["andere"]}, "groups", mapping).roles == ()
    assert auth.oidc_identity({**claims, "is_logged_in": False}, "groups", mapping) is None
    assert auth.oidc_identity({"email": "x@y.de", "groups": ["SG-Sozialplanung"]}, "groups", mapping) is None
    no_mail = {"is_logged_in": True, "sub": "4711", "groups": ["SG-Sozialplanung"]}
    assert auth.oidc_identity(no_mail, "groups", mapping) == auth.Identity("4711", (PLANER,), "4711")


def test_login_method(caplog: pytest.LogCaptureFixture) -> None:
    assert auth.login_method(Settings()) == auth.LOCAL
    assert auth.login_method(Settings(anmeldung=" OIDC ")) == auth.OIDC
    with caplog.at_level(logging.WARNING, "sozialraum.auth"):
        assert auth.login_method(Settings(anmeldung="ldap")) == auth.LOCAL
    assert "ldap" in caplog.text
