"""AppTest of the login through the city's identity provider (`[betrieb] anmeldung = "oidc"`).

AppTest simulates `st.user` (`at.user`, the ID-token claims Streamlit would keep after a login):
the pages' behaviour for a logged-out visitor, a user whose claim maps to a role, one whose claim
maps to none, and the logout are tested here. Not tested: the redirect to a real identity
provider and back (`/oauth2callback`, token exchange) – there is none to reach from the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sozialraum import auth
from sozialraum.settings import DATA_DIR_ENV, REPO_ROOT
from tests.unit.conftest import SETTINGS, write_folder

OIDC_SETTINGS = SETTINGS + '[betrieb]\nanmeldung = "oidc"\nrollen_claim = "groups"\n'
SECRETS = """
[rollen_zuordnung]
"SG-Sozialplanung" = "planer"
"Konferenz-Moderation" = ["moderator"]
"""
PLANNER = {"is_logged_in": True, "email": "a.schmidt@gera.de", "name": "Anna Schmidt", "groups": ["SG-Sozialplanung"]}
LOGIN_BUTTON = "Mit dem Konto der Stadt anmelden"


@pytest.fixture(autouse=True)
def oidc_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_folder(tmp_path / "oidc", einstellungen_toml=OIDC_SETTINGS)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(SECRETS, "utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    monkeypatch.setenv(auth.MODE_ENV, "intern")
    monkeypatch.setenv(auth.SECRETS_ENV, str(secrets))


def run_as(claims: dict, page: str = "app.py") -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.user = claims
    if page != "app.py":
        at.switch_page(page)
    return at.run()


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def test_logged_out_sees_the_provider_button_and_no_password_field() -> None:
    at = run_as({"is_logged_in": False}, "pages/1_Karte.py")
    assert not at.exception, at.exception
    assert titles(at) == ["Anmeldung"]
    assert [b.label for b in at.button] == [LOGIN_BUTTON]
    assert not at.text_input  # no local password form


def test_login_button_without_auth_configuration_explains_instead_of_failing() -> None:
    at = run_as({"is_logged_in": False})
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("nicht eingerichtet" in e.value for e in at.error)
    assert titles(at) == ["Anmeldung"]


def test_claim_mapped_to_planner_opens_planner_pages_only() -> None:
    at = run_as(PLANNER)
    assert not at.exception, at.exception
    assert "Anmeldung" not in titles(at)
    assert any("Angemeldet: Anna Schmidt (Planung)" in c.value for c in at.sidebar.caption)
    capture = run_as(PLANNER, "pages/10_Konferenz_vorbereiten.py")
    assert "Kein Zugang" not in titles(capture) and "Anmeldung" not in titles(capture)
    presenting = run_as(PLANNER, "pages/11_Praesentation.py")  # moderators only
    assert "Kein Zugang" in titles(presenting)


def test_role_names_in_the_claim_do_not_count_when_a_mapping_exists() -> None:
    at = run_as({**PLANNER, "groups": ["admin", "moderator"]}, "pages/1_Karte.py")
    assert titles(at) == ["Anmeldung"]
    assert any("hat keine Rolle" in e.value for e in at.error)


def test_logged_in_without_a_role_can_log_out() -> None:
    at = run_as({**PLANNER, "groups": ["Gäste"]})
    assert titles(at) == ["Anmeldung"]
    assert any("a.schmidt@gera.de hat keine Rolle" in e.value for e in at.error)
    at.button(key="sr_oidc_abmelden").click().run()
    assert at.user == {"is_logged_in": False}


def test_logout_in_the_sidebar_ends_the_provider_session() -> None:
    at = run_as(PLANNER)
    at.sidebar.button(key="sr_abmelden").click().run()
    assert at.user == {"is_logged_in": False}
    assert titles(at) == ["Anmeldung"]


def test_roles_are_read_at_every_run(tmp_path: Path) -> None:
    at = run_as(PLANNER)
    assert "Anmeldung" not in titles(at)
    (tmp_path / "secrets.toml").write_text('[rollen_zuordnung]\n"Andere" = "planer"\n', "utf-8")
    at.run()
    assert titles(at) == ["Anmeldung"]


def test_authlib_for_st_login_is_installed() -> None:
    """st.login needs Authlib (Streamlit checks its version); it comes with requirements.txt."""
    import authlib
    from packaging.version import Version

    assert Version(authlib.__version__) >= Version("1.3.2")
