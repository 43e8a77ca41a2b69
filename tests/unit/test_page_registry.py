"""The page registry (`sozialraum.pages`) against the files, read from each file's syntax tree.

Streamlit runs a page file straight from its URL (on a fresh server even without `app.py`), so a file
in `pages/` that is not registered, or that draws anything before its guard, would be served as it
is. These tests make such a file fail the suite.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from streamlit.source_util import page_icon_and_name

from sozialraum.pages import FOOTER, NAVIGATION, REGISTRY, UNLISTED, by_file
from sozialraum.settings import REPO_ROOT

# the functions that open a page: each runs `components.auth.guard_page` with the key it is given
GUARDS = {"setup_page", "setup_projector", "setup_phone"}
# the URLs people have bookmarked and printed (QR codes of the vote); they must not change
URLS = {
    "app.py": "",
    "pages/1_Karte.py": "Karte",
    "pages/2_Entwicklung.py": "Entwicklung",
    "pages/3_Sozialplan.py": "Sozialplan",
    "pages/4_Daten_und_Quellen.py": "Daten_und_Quellen",
    "pages/5_Steckbrief.py": "Steckbrief",
    "pages/6_Massnahme.py": "Massnahme",
    "pages/7_Fortschrittsbericht.py": "Fortschrittsbericht",
    "pages/8_Vergleich.py": "Vergleich",
    "pages/9_Sozialindex.py": "Sozialindex",
    "pages/10_Konferenz_vorbereiten.py": "Konferenz_vorbereiten",
    "pages/11_Praesentation.py": "Praesentation",
    "pages/12_Abstimmung.py": "Abstimmung",
    "pages/13_Konferenz_Ergebnisse.py": "Konferenz_Ergebnisse",
    "pages/14_Bevoelkerungsprognose.py": "Bevoelkerungsprognose",
    "pages/14_Sozialbericht.py": "Sozialbericht",
    "pages/20_Barrierefreiheit.py": "Barrierefreiheit",
    "pages/21_Feedback.py": "Feedback",
}


def page_files(root: Path = REPO_ROOT) -> list[str]:
    return ["app.py", *sorted(f"pages/{p.name}" for p in (root / "pages").glob("*.py"))]


def _calls(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) for n in ast.walk(node))


def _runs_nothing(statement: ast.stmt) -> bool:
    """Statements allowed before the guard: docstring, imports, constants, plain definitions."""
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return True
    if isinstance(statement, (ast.FunctionDef, ast.ClassDef)):
        parts: list[ast.AST] = [*statement.decorator_list]
        if isinstance(statement, ast.FunctionDef):
            parts += [*statement.args.defaults, *statement.args.kw_defaults]
        else:
            parts += [*statement.bases, *statement.keywords]
        return not any(_calls(p) for p in parts if p is not None)
    if isinstance(statement, (ast.Assign, ast.AnnAssign)):
        return statement.value is None or not _calls(statement.value)
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)  # docstring


def guard_key(source: str) -> str | None:
    """The registry key the file's first statement that runs something passes to a guard; None when
    that statement is no guard call with a literal key."""
    for statement in ast.parse(source).body:
        if _runs_nothing(statement):
            continue
        value = statement.value if isinstance(statement, (ast.Assign, ast.Expr)) else None
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in GUARDS
            and value.args
            and isinstance(value.args[0], ast.Constant)
            and isinstance(value.args[0].value, str)
        ):
            return value.args[0].value
        return None
    return None


def unguarded(root: Path = REPO_ROOT) -> list[str]:
    """Every page file that is not registered or does not open with its own guard call."""
    problems = []
    for file in page_files(root):
        entry = by_file(file)
        if entry is None:
            problems.append(f"{file}: nicht in sozialraum/pages.py REGISTRY eingetragen")
            continue
        key = guard_key((root / file).read_text("utf-8"))
        if key != entry.key:
            problems.append(f"{file}: erste Anweisung ist nicht setup_page({entry.key!r}) (gefunden: {key!r})")
    return problems


def test_every_page_file_is_registered_and_guarded_first() -> None:
    assert unguarded() == []


def test_every_registered_page_exists() -> None:
    assert sorted(p.file for p in REGISTRY.values()) == sorted(page_files())


@pytest.mark.parametrize(
    ("name", "source", "problem"),
    [
        ("99_Neu.py", '"""New."""\nfrom components.layout import setup_page\n\nsetup_page("neu")\n', "nicht in"),
        (
            "1_Karte.py",
            'import streamlit as st\nfrom components.layout import setup_page\n\nst.title("Karte")\n'
            'setup_page("karte")\n',
            "erste Anweisung",
        ),
        ("1_Karte.py", 'from components.layout import setup_page\n\nsetup_page("steckbrief")\n', "erste Anweisung"),
        ("1_Karte.py", "X = print('vorher')\nimport streamlit as st\n", "erste Anweisung"),
        ("1_Karte.py", "import streamlit as st\n\n@st.cache_data()\ndef f() -> None: ...\n", "erste Anweisung"),
    ],
)
def test_an_unregistered_or_unguarded_file_is_found(tmp_path: Path, name: str, source: str, problem: str) -> None:
    """The check itself: a copy of the folder with one bad file fails, the unchanged copy passes."""
    (tmp_path / "pages").mkdir()
    for file in page_files():
        (tmp_path / file).write_text((REPO_ROOT / file).read_text("utf-8"), "utf-8")
    assert unguarded(tmp_path) == []
    (tmp_path / "pages" / name).write_text(source, "utf-8")
    found = unguarded(tmp_path)
    assert len(found) == 1 and found[0].startswith(f"pages/{name}: ") and problem in found[0], found


def test_urls_are_streamlits_and_unchanged() -> None:
    for entry in REGISTRY.values():
        derived = "" if entry.file == "app.py" else page_icon_and_name(Path(entry.file))[1]
        assert entry.url == derived, entry.key
    assert {p.file: p.url for p in REGISTRY.values()} == URLS


def test_registry_entries_are_complete() -> None:
    urls = [p.url for p in REGISTRY.values()]
    assert len(set(urls)) == len(urls)
    for entry in REGISTRY.values():
        assert re.fullmatch(r"[a-z_]+", entry.key), entry.key
        assert entry.title and entry.icon.startswith(":material/"), entry.key
        assert entry.menu in (NAVIGATION, FOOTER, UNLISTED), entry.key
    assert next(iter(REGISTRY.values())).file == "app.py"  # the navigation opens with the start page


def _sources(*folders: str) -> list[Path]:
    return [p for folder in folders for p in sorted((REPO_ROOT / folder).rglob("*.py"))] + [REPO_ROOT / "app.py"]


def test_no_page_file_literal_outside_the_registry() -> None:
    """Links name a registry key; a file path written into a page or component would bypass it."""
    found = []
    for path in _sources("components", "pages", "sozialraum"):
        # the registry itself, and the list of files whose CSS relies on Streamlit's test ids (for upgrades)
        if path in (REPO_ROOT / "sozialraum" / "pages.py", REPO_ROOT / "components" / "streamlit_internals.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            literal = isinstance(node, ast.Constant) and isinstance(node.value, str)
            if literal and re.fullmatch(r"(pages/\w+|app)\.py", node.value):
                found.append(f"{path.relative_to(REPO_ROOT)}: {node.value}")
    assert found == []


def test_no_stack_inspection_decides_anything() -> None:
    users = [
        str(path.relative_to(REPO_ROOT))
        for path in _sources("components", "pages", "sozialraum")
        if re.search(r"^\s*(import inspect|from inspect import)", path.read_text("utf-8"), re.M)
    ]
    assert users == []
