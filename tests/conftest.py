"""Shared test setup: the real-data fixture, session fixtures for the bundled Gera data, cheap password hashing
and marker handling (tests/realdata/ is the real-data layer, e2e fixtures mark browser tests).

Layers: tests/unit (fast, run every few minutes), tests/integration (whole reports, handouts and PDFs built from
the bundled data), tests/app (Streamlit AppTest), tests/realdata (../shared/realdata), tests/e2e (browser)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sozialraum import Bundle

REPO_ROOT = Path(__file__).resolve().parents[1]

# Fixtures (tests/e2e/conftest.py) that start a server or a browser.
E2E_FIXTURES = frozenset({"app_server", "start_server", "browser", "page"})
REALDATA_TESTS = REPO_ROOT / "tests" / "realdata"  # the real-data integration layer, slow by nature
REALDATA_MISSING = "../shared/realdata fehlt (frischer Klon ohne gemeinsame Daten)"

_MARKERS = {
    "e2e": "browser tests against a real streamlit server (headless Chromium)",
    "realdata": "tests that need ../shared/realdata",
}


def realdata_dir() -> Path:
    """The shared real data beside the checkout: ``../shared/realdata``."""
    return REPO_ROOT.parent / "shared" / "realdata"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def realdata() -> Path:
    """Path of ``../shared/realdata``; skips when absent, but fails in CI.

    CI always has shared/ beside the clone, so a missing folder there is a broken
    setup, not a fresh clone, and must not pass silently as skipped tests.
    """
    path = realdata_dir()
    if not path.is_dir():
        if in_ci():
            pytest.fail(f"{REALDATA_MISSING}; CI=true erwartet {path}", pytrace=False)
        pytest.skip(REALDATA_MISSING)
    return path


@pytest.fixture(scope="session")
def gera_bundle() -> Bundle:
    """The bundled Gera data, loaded once per test run (each load takes seconds). Shared by every test
    that asks for it: read it, never change it."""
    from sozialraum import load_bundle
    from sozialraum.settings import DEFAULT_DATA_DIR

    return load_bundle(DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def gera_indexed(gera_bundle: Bundle) -> Bundle:
    """Gera with the configured Sozialindex added (``with_index`` returns a new bundle); read-only too."""
    from sozialraum.sozialindex import with_index

    return with_index(gera_bundle)


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """argon2id with the library's cheapest parameters while testing (8 KiB, 1 pass instead of 64 MiB,
    3 passes): hundreds of hashes and checks stay milliseconds. Production keeps its profile; a hash
    carries its parameters, so servers started by browser tests verify these hashes as they are."""
    from argon2 import PasswordHasher, profiles

    from sozialraum import auth

    hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    patch = pytest.MonkeyPatch()
    patch.setattr(auth, "_HASHER", hasher)
    patch.setattr(auth, "_DUMMY_HASH", hasher.hash("kein-benutzer"))
    yield
    patch.undo()


def pytest_configure(config: pytest.Config) -> None:
    # pyproject.toml declares these too; registering here keeps `-m "not e2e"`
    # and --strict-markers working when pytest runs with another config file.
    declared = {line.split(":", 1)[0].strip() for line in config.getini("markers")}
    for name, description in _MARKERS.items():
        if name not in declared:
            config.addinivalue_line("markers", f"{name}: {description}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses a server or browser fixture as e2e, and every
    real-data user as realdata, so `-m "not e2e"` deselects all browser tests even
    where a marker was forgotten (and keeps quick render checks in tests/e2e).
    """
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        if callspec is not None:  # a parametrized argument named `page` is no browser page
            fixtures -= set(callspec.params)
        if fixtures & E2E_FIXTURES:
            item.add_marker(pytest.mark.e2e)
        if "realdata" in fixtures or REALDATA_TESTS in item.path.parents:
            item.add_marker(pytest.mark.realdata)
