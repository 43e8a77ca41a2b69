"""Issue 18, item 6: the shipped Gera settings are complete; `check` names every setting a public page needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum import Bundle
from sozialraum.cli import main
from sozialraum.settings import PUBLIC_PAGE_KEYS, Settings, missing_public_settings


def test_the_shipped_gera_settings_leave_no_gap_on_public_pages(gera_bundle: Bundle) -> None:
    settings = gera_bundle.settings
    assert missing_public_settings(settings) == []
    assert settings.kontakt_email and "@" in settings.kontakt_email
    assert settings.barrierefreiheit_stand and settings.durchsetzungsstelle


def test_every_public_setting_is_named_when_missing() -> None:
    gaps = missing_public_settings(Settings())
    assert [g.split(" fehlt")[0] for g in gaps] == [f"[{s}] {k}" for s, k in PUBLIC_PAGE_KEYS]


def test_check_warns_about_missing_public_settings(valid_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(valid_folder)]) == 0  # warnings, no errors
    out = capsys.readouterr().out
    for line in (
        "Warnung: einstellungen.toml: [kontakt] email fehlt: „Feedback und Kontakt“ hat keine Adresse",
        "Warnung: einstellungen.toml: [barrierefreiheit] stand fehlt",
        "Warnung: einstellungen.toml: [barrierefreiheit] durchsetzungsstelle fehlt",
        "Warnung: einstellungen.toml: [kontakt] stelle fehlt",
    ):
        assert line in out
    assert "[stadt] name fehlt" not in out  # the test folder names its city
