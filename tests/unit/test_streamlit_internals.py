"""Streamlit's and pandas' internals stay in `components/streamlit_internals.py`: no other module
touches them, its list of Streamlit's data-testids is complete, and another installed version
gives a warning that says what to re-test."""

from __future__ import annotations

import ast
import logging
import re
from pathlib import Path

import pytest

from components import streamlit_internals
from sozialraum.settings import REPO_ROOT

OWNER = REPO_ROOT / "components" / "streamlit_internals.py"
PRIVATE_MODULES = ("streamlit.runtime", "streamlit.web", "streamlit.elements")
# names and keywords that reach into Streamlit's script context or pandas' Styler internals
PRIVATE_NAMES = {"get_script_run_ctx"}
PRIVATE_ATTRIBUTES = {"on_script_error", "pages_manager", "is_history_navigation", "cursors"}
PRIVATE_ATTRIBUTES |= {"_translate", "_render", "_display_funcs"}  # pandas' Styler
TEST_ID = re.compile(r"""data-testid=\\?['"](st[A-Z][A-Za-z]*)\\?['"]""")
TEST_ATTRIBUTE = re.compile(r"data-test-[a-z-]+")


def app_modules() -> list[Path]:
    folders = [REPO_ROOT / "components", REPO_ROOT / "pages"]
    files = [p for folder in folders for p in sorted(folder.rglob("*.py"))]
    return [*files, REPO_ROOT / "app.py", REPO_ROOT / "serve.py"]


def private_uses(source: str) -> list[str]:
    """What `source` takes from Streamlit's or pandas' internals, as 'line: what'."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith(PRIVATE_MODULES)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PRIVATE_MODULES):
            names = [node.module]
        elif isinstance(node, ast.Name) and node.id in PRIVATE_NAMES:
            names = [node.id]
        elif isinstance(node, ast.Attribute) and node.attr in PRIVATE_ATTRIBUTES:
            names = [node.attr]
        elif isinstance(node, ast.keyword) and node.arg == "unsafe_allow_javascript":
            names = [node.arg]
        found += [(node.lineno, name) for name in names]
    return [f"{line}: {name}" for line, name in sorted(found)]


def test_no_module_but_the_owner_touches_internals() -> None:
    offenders = {
        str(path.relative_to(REPO_ROOT)): uses
        for path in app_modules()
        if path != OWNER and (uses := private_uses(path.read_text("utf-8")))
    }
    assert offenders == {}


def test_the_check_sees_each_kind_of_private_use() -> None:
    source = (
        "from streamlit.runtime.scriptrunner import get_script_run_ctx\n"
        "import streamlit.web.server\n"
        "from streamlit.elements.lib import pandas_styler_utils\n"
        "ctx = get_script_run_ctx()\n"
        "ctx.on_script_error = print\n"
        "styler._translate(False, False)\n"
        "st.html('<script></script>', unsafe_allow_javascript=True)\n"
        "import streamlit.components.v1 as components\n"  # public: not reported
    )
    assert private_uses(source) == [
        "1: streamlit.runtime.scriptrunner",
        "2: streamlit.web.server",
        "3: streamlit.elements.lib",
        "4: get_script_run_ctx",
        "5: on_script_error",
        "6: _translate",
        "7: unsafe_allow_javascript",
    ]
    assert private_uses(OWNER.read_text("utf-8"))  # the owner is the one exception, not an empty module


def test_every_streamlit_test_id_in_css_or_scripts_is_listed_with_its_files() -> None:
    used: dict[str, set[str]] = {}
    attributes: dict[str, set[str]] = {}
    sources = [
        *app_modules(),
        *sorted((REPO_ROOT / "static").rglob("*.js")),
        *sorted((REPO_ROOT / "static").rglob("*.css")),
    ]
    for path in sources:
        relative = path.relative_to(REPO_ROOT)
        if "vendor" in relative.parts or "cache" in relative.parts:
            continue
        for test_id in TEST_ID.findall(path.read_text("utf-8")):
            used.setdefault(test_id, set()).add(str(relative))
        if path != OWNER:
            for attribute in TEST_ATTRIBUTE.findall(path.read_text("utf-8")):
                attributes.setdefault(attribute, set()).add(str(relative))
    listed = {test_id: set(files) for test_id, files in streamlit_internals.STREAMLIT_TEST_IDS.items()}
    assert used == listed
    read = {name: set(files) for name, files in streamlit_internals.STREAMLIT_TEST_ATTRIBUTES.items()}
    assert attributes == read


def test_the_tests_named_for_a_retest_exist() -> None:
    named = {path for _, tests in streamlit_internals.RETEST for path in tests}
    assert named and all((REPO_ROOT / path).is_file() for path in named)


def test_another_streamlit_version_warns_and_names_what_to_retest(caplog: pytest.LogCaptureFixture) -> None:
    expected = streamlit_internals.WRITTEN_FOR
    with caplog.at_level(logging.WARNING, logger="sozialraum.internals"):
        assert streamlit_internals.check_versions({"streamlit": "1.99.0", "pandas": f"{expected['pandas']}.0"}) is False
    assert len(caplog.records) == 1
    message = caplog.records[0].getMessage()
    assert f"streamlit {expected['streamlit']}" in message and "installiert ist 1.99.0" in message
    assert "tests/app/test_table_format.py" in message and "tests/e2e/test_history.py" in message


def test_the_versions_written_for_give_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    same = {package: f"{written}.4" for package, written in streamlit_internals.WRITTEN_FOR.items()}
    with caplog.at_level(logging.WARNING, logger="sozialraum.internals"):
        assert streamlit_internals.check_versions(same) is True
    assert caplog.records == []


def test_the_installed_versions_are_the_ones_written_for() -> None:
    """The pinned requirements and this module agree; an upgrade updates WRITTEN_FOR after the re-test."""
    assert streamlit_internals.version_warnings() == []
