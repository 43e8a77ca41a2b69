"""AppTest of the two modes: write pages refuse in the public view, internal pages refuse without
login or without the right role, wrong passwords, the badge and the friendly error message.

Other test modules may use `internal_mode` and `as_user` to run pages of the internal view.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import components.auth as component_auth
from sozialraum import auth
from sozialraum.auth import ADMIN, CAPTURE, MODERATOR, PLANER, PRESENT, write_user
from sozialraum.pages import REGISTRY, by_file
from sozialraum.settings import DATA_DIR_ENV, REPO_ROOT
from tests.app.test_pages import run_page
from tests.unit.conftest import write_folder

PASSWORDS = {"anna": "anna-passwort-1", "mo": "moderation-passwort", "ad": "verwaltung-passwort"}
ROLES_OF = {"anna": [PLANER], "mo": [MODERATOR], "ad": [ADMIN]}
READ_PAGES = ["app.py", "pages/1_Karte.py", "pages/3_Sozialplan.py", "pages/4_Daten_und_Quellen.py"]


def page_files() -> list[str]:
    return [p.file for p in REGISTRY.values()]


def rule_of(file: str) -> auth.Access:
    entry = by_file(file)
    return auth.INTERNAL_ONLY if entry is None else entry.rule


def set_rule(monkeypatch: pytest.MonkeyPatch, key: str, rule: auth.Access | None) -> None:
    """The registry with another rule for one page, for this test only."""
    monkeypatch.setitem(REGISTRY, key, replace(REGISTRY[key], access=rule))


WRITE_PAGES = [f for f in page_files() if rule_of(f).writes and not rule_of(f).vote]
INTERNAL_PAGES = [f for f in page_files() if rule_of(f).login]


@pytest.fixture(autouse=True)
def fresh_throttle(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The throttle is one per process (st.cache_resource): every test starts clean and fast."""
    component_auth._throttle.clear()
    monkeypatch.setattr(component_auth, "FAILED_LOGIN_PAUSE_S", 0.0)
    yield
    component_auth._throttle.clear()


@pytest.fixture
def tiny_public(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = write_folder(tmp_path / "klein")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    monkeypatch.delenv(auth.MODE_ENV, raising=False)
    return folder


@pytest.fixture
def internal_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Internal mode on the tiny folder with three accounts (anna: planer, mo: moderator, ad: admin)."""
    folder = write_folder(tmp_path / "klein")
    secrets = tmp_path / "secrets.toml"
    for name, password in PASSWORDS.items():
        write_user(name, password, ROLES_OF[name], secrets)
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    monkeypatch.setenv(auth.MODE_ENV, "intern")
    monkeypatch.setenv(auth.SECRETS_ENV, str(secrets))
    return secrets


def as_user(page: str, name: str | None, **params: str) -> AppTest:
    """Run `page` with `name` logged in (the session holds only the name; roles come from the file)."""
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    if name:
        at.session_state[component_auth.SESSION_USER] = name
    for key, value in params.items():
        at.query_params[key] = value
    if page != "app.py":
        at.switch_page(page)
    return at.run()


def refused(at: AppTest) -> bool:
    return any(t.value == "Kein Zugang" for t in at.title)


def login_shown(at: AppTest) -> bool:
    return any(t.value == "Anmeldung" for t in at.title) and any(w.label == "Passwort" for w in at.text_input)


def badge(at: AppTest) -> str:
    return next((m.value for m in at.markdown if "-badge[" in m.value), "")


def log_in(at: AppTest, name: str, password: str) -> AppTest:
    fields = {w.label: w for w in at.text_input}
    fields["Benutzername"].input(name)
    fields["Passwort"].input(password)
    at.button[0].click()  # the form's submit button is the only button on the login page
    return at.run()


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


# --- public mode -----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", READ_PAGES)
def test_read_pages_run_in_public_mode_with_badge(tiny_public: Path, page: str) -> None:
    at = run_page(page)
    assert not at.exception, at.exception
    assert not refused(at)
    assert "Öffentliche Ansicht" in badge(at)


@pytest.mark.parametrize("page", WRITE_PAGES or ["(keine Schreibseite vorhanden)"])
def test_every_write_page_refuses_in_public_mode(tiny_public: Path, page: str) -> None:
    if not WRITE_PAGES:
        pytest.skip("keine Seite mit Schreibzugriff im Ordner pages/")
    at = run_page(page)
    assert not at.exception, at.exception
    assert refused(at), f"{page} läuft in der öffentlichen Ansicht (setup_page/guard_page fehlt?)"
    assert "Öffentliche Ansicht" in badge(at)


@pytest.mark.parametrize("rule", [CAPTURE, PRESENT])
def test_a_page_registered_as_writing_refuses_when_opened_directly(
    tiny_public: Path, monkeypatch: pytest.MonkeyPatch, rule: auth.Access
) -> None:
    """The registry decides: the map registered as a write page (stand-in for a capture page)
    opened straight by its URL shows the refusal and none of its content."""
    set_rule(monkeypatch, "karte", rule)
    at = run_page("pages/1_Karte.py", indikator="quote")
    assert refused(at)
    assert not at.selectbox  # none of the page's widgets ran
    assert not any("Karte" in link.label for link in at.get("page_link"))  # not offered in the navigation


def test_a_registered_page_without_a_rule_is_internal_only(tiny_public: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_rule(monkeypatch, "steckbrief", None)
    at = run_page("pages/5_Steckbrief.py")
    assert refused(at)
    assert not at.selectbox  # none of the page's widgets ran
    assert not any(link.label == "Steckbrief" for link in at.get("page_link"))  # not offered either


def test_a_page_without_a_rule_needs_a_login_in_the_internal_view(
    internal_mode: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_rule(monkeypatch, "steckbrief", None)
    assert login_shown(run_page("pages/5_Steckbrief.py"))
    assert not refused(as_user("pages/5_Steckbrief.py", "anna"))  # staff of any role may open it


def test_admin_session_does_not_open_write_pages_in_public_mode(
    tiny_public: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_rule(monkeypatch, "karte", CAPTURE)
    assert refused(as_user("pages/1_Karte.py", "ad"))


def test_public_errors_show_a_reference_not_a_traceback(
    tiny_public: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("geheimes Detail /srv/app/pfad")

    monkeypatch.setattr("components.figures_ui.city_metric", broken)
    with caplog.at_level(logging.ERROR, "sozialraum.seiten"):
        at = run_page("app.py")
    assert not at.exception
    message = " ".join(errors(at))
    assert "Fehler aufgetreten" in message and "Referenz" in message
    assert "geheimes Detail" not in message and "RuntimeError" not in message
    assert "Referenz" in caplog.text and "RuntimeError" in caplog.text


def test_internal_errors_keep_streamlits_details(internal_mode: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("Detail für die Entwicklung")

    monkeypatch.setattr("components.figures_ui.city_metric", broken)
    at = as_user("app.py", "anna")
    assert [e.message for e in at.exception] == ["Detail für die Entwicklung"]


# --- internal mode -------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", INTERNAL_PAGES)
def test_every_internal_page_asks_for_login(internal_mode: Path, page: str) -> None:
    at = run_page(page)
    assert not at.exception, at.exception
    assert login_shown(at), page
    assert "Interne Ansicht" in badge(at)
    assert not at.selectbox and not at.dataframe  # nothing of the page itself


def test_open_pages_need_no_login(internal_mode: Path) -> None:
    for page in ("pages/20_Barrierefreiheit.py", "pages/21_Feedback.py"):
        if (REPO_ROOT / page).is_file():
            at = run_page(page)
            assert not login_shown(at) and not refused(at), page


def test_login_with_wrong_password_is_refused_and_logged(internal_mode: Path, caplog: pytest.LogCaptureFixture) -> None:
    at = run_page("pages/1_Karte.py")
    with caplog.at_level(logging.WARNING, "sozialraum.auth"):
        at = log_in(at, "anna", "falsches-passwort")
    assert "Benutzername oder Passwort ist falsch." in errors(at)
    assert login_shown(at)
    assert "Fehlgeschlagene Anmeldung" in caplog.text and "falsches-passwort" not in caplog.text
    at = log_in(at, "niemand", PASSWORDS["anna"])  # unknown name: the same message
    assert "Benutzername oder Passwort ist falsch." in errors(at)


def test_login_with_right_password_opens_the_page(internal_mode: Path) -> None:
    at = log_in(run_page("pages/1_Karte.py"), "anna", PASSWORDS["anna"])
    assert not at.exception, at.exception
    assert not login_shown(at)
    assert at.selectbox  # the map page's controls
    assert any("Angemeldet: anna (Planung)" in c.value for c in at.caption)


def test_five_wrong_passwords_lock_the_account(internal_mode: Path) -> None:
    at = run_page("app.py")
    for _ in range(5):
        at = log_in(at, "mo", "falsch-falsch-falsch")
    at = log_in(at, "mo", PASSWORDS["mo"])  # right password, but locked
    assert any("Zu viele Fehlversuche" in e for e in errors(at))
    assert login_shown(at)
    other = log_in(run_page("app.py"), "anna", PASSWORDS["anna"])  # other accounts still work
    assert not login_shown(other)


@pytest.mark.parametrize(
    ("user", "rule", "allowed"),
    [
        ("anna", CAPTURE, True),
        ("mo", CAPTURE, True),
        ("anna", PRESENT, False),
        ("mo", PRESENT, True),
        ("ad", PRESENT, True),
    ],
)
def test_roles_are_checked_per_page(
    internal_mode: Path, monkeypatch: pytest.MonkeyPatch, user: str, rule: auth.Access, allowed: bool
) -> None:
    set_rule(monkeypatch, "karte", rule)
    at = as_user("pages/1_Karte.py", user)
    assert not at.exception, at.exception
    assert refused(at) is not allowed
    if not allowed:
        assert any("fehlt Ihnen die Rolle" in e for e in errors(at))


@pytest.mark.parametrize("page", [p for p in WRITE_PAGES if rule_of(p).roles == PRESENT.roles])
def test_moderator_pages_refuse_planners(internal_mode: Path, page: str) -> None:
    assert refused(as_user(page, "anna"))


def test_roles_are_read_again_at_every_run(internal_mode: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    set_rule(monkeypatch, "karte", PRESENT)
    at = as_user("pages/1_Karte.py", "mo")
    assert not refused(at)
    write_user("mo", PASSWORDS["mo"], [PLANER], internal_mode, replace=True)  # role taken away
    at.run()
    assert refused(at)
    auth.remove_user("mo", internal_mode)  # account removed
    at.run()
    assert login_shown(at)


def test_forged_session_name_without_account_gets_login(internal_mode: Path) -> None:
    assert login_shown(as_user("app.py", "mallory"))


def test_no_accounts_yet_says_how_to_add_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(write_folder(tmp_path / "klein")))
    monkeypatch.setenv(auth.MODE_ENV, "intern")
    monkeypatch.setenv(auth.SECRETS_ENV, str(tmp_path / "fehlt.toml"))
    at = run_page("app.py")
    assert login_shown(at)
    assert any("user add" in w.value for w in at.warning)


def test_logout(internal_mode: Path) -> None:
    at = as_user("app.py", "anna")
    next(b for b in at.button if b.label == "Abmelden").click()
    at.run()
    assert login_shown(at)


def _outsider(page: str) -> str | None:
    """An account whose role the page does not allow (admin is always allowed)."""
    roles = rule_of(page).roles
    return next((n for n, r in ROLES_OF.items() if r[0] != ADMIN and r[0] not in roles), None)


RESTRICTED_PAGES = [p for p in page_files() if rule_of(p).login and _outsider(p)]


@pytest.mark.parametrize("page", RESTRICTED_PAGES or ["(keine)"])
def test_every_internal_page_refuses_without_the_right_role(internal_mode: Path, page: str) -> None:
    if page == "(keine)":
        pytest.skip("keine Seite mit eingeschränkten Rollen")
    at = as_user(page, _outsider(page))
    assert not at.exception, at.exception
    assert refused(at), page
    assert any("fehlt Ihnen die Rolle" in e for e in errors(at))
    allowed = as_user(page, "ad")
    assert not refused(allowed) and not login_shown(allowed), page
