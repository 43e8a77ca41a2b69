"""Every public page speaks the visitor's language (issue 22): it is marked translated, its file is extracted
for the catalogues (babel.cfg, whose every text tests/unit/test_i18n.py requires in every language), and no
Streamlit call on it is handed a German text literal that bypasses `t()`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from components.sprache import TRANSLATED_PAGES
from sozialraum.pages import REGISTRY, page_access
from sozialraum.settings import REPO_ROOT

PUBLIC = sorted(key for key in REGISTRY if page_access(key).public)
# Streamlit's functions that show their first argument (or `label`) to the visitor
SHOWING = {
    "title", "header", "subheader", "markdown", "caption", "write", "info", "warning", "error", "success",
    "button", "download_button", "link_button", "page_link", "selectbox", "radio", "multiselect", "checkbox",
    "toggle", "text_input", "text_area", "number_input", "slider", "select_slider", "date_input", "expander",
    "tabs", "metric", "popover", "form_submit_button", "toast", "text",
}  # fmt: skip
LETTERS = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}")


def _extracted() -> set[str]:
    patterns = re.findall(r"^\[python: (.+)\]$", (REPO_ROOT / "babel.cfg").read_text(encoding="utf-8"), re.M)
    return {p.relative_to(REPO_ROOT).as_posix() for pattern in patterns for p in REPO_ROOT.glob(pattern)}


def test_there_are_public_pages() -> None:
    assert {"uebersicht", "karte", "steckbrief", "abstimmung", "barrierefreiheit"} <= set(PUBLIC)


@pytest.mark.parametrize("key", PUBLIC)
def test_public_page_is_translated_and_extracted(key: str) -> None:
    assert key in TRANSLATED_PAGES, f"{key}: öffentliche Seite, aber nicht in TRANSLATED_PAGES"
    assert REGISTRY[key].file in _extracted(), f"{REGISTRY[key].file} fehlt in babel.cfg"


def _literal_text(node: ast.expr) -> str:
    """The text a literal or f-string writes itself (its constant parts)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return ""


def _public_calls(tree: ast.AST):
    """Every call, except in the body of an `if` that asks for the internal view (planners' texts stay German)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "intern" in ast.unparse(node.test).lower():
            for child in node.orelse:
                yield from _public_calls(child)
            continue
        if isinstance(node, ast.Call):
            yield node
        yield from _public_calls(node)


def _untranslated(path: Path) -> list[str]:
    found = []
    for node in _public_calls(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr not in SHOWING:
            continue
        shown = [*node.args[:1], *(k.value for k in node.keywords if k.arg in {"label", "body", "help"})]
        for argument in shown:
            text = _literal_text(argument)
            if LETTERS.search(text):
                found.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}: {text[:60]!r}")
    return found


@pytest.mark.parametrize("key", PUBLIC)
def test_public_page_hands_no_german_literal_to_streamlit(key: str) -> None:
    assert _untranslated(REPO_ROOT / REGISTRY[key].file) == []


def test_the_check_finds_a_literal() -> None:
    page = REPO_ROOT / "build" / "probe_untranslated.py"
    page.parent.mkdir(exist_ok=True)
    page.write_text(
        'import streamlit as st\nst.header("Tabelle")\nst.caption(t("Quelle"))\n'
        'if internal(s):\n    st.caption("Nur intern")\nelse:\n    st.info(f"Hinweis {x}")\n',
        encoding="utf-8",
    )
    try:
        assert _untranslated(page) == [
            "build/probe_untranslated.py:2: 'Tabelle'",
            "build/probe_untranslated.py:7: 'Hinweis '",
        ]
    finally:
        page.unlink()
