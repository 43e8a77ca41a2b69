"""requirements.txt declares what the app imports, and nothing the app does not need."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

from sozialraum.settings import REPO_ROOT

APP_CODE = ("app.py", "serve.py", "pages", "components", "sozialraum")
LOCAL = {"sozialraum", "components", "pages"}
# imported only by the room rehearsal (`konferenz probe`), which asks for requirements-dev.txt when missing
DEV_ONLY = {"playwright": "playwright", "PIL": "pillow"}
# pinned although no module imports them: loaded by a library at run time
RUNTIME_ONLY = {
    "argon2-cffi-bindings": "argon2-cffi's compiled core",
    "authlib": "st.login (OIDC) imports it",
    "cryptography": "st.login (OIDC) imports it",
    "psycopg": "SQLAlchemy's driver for postgresql:// conference stores",
    "pyogrio": "geopandas' file engine",
}


def _python_files() -> list[Path]:
    files: list[Path] = []
    for entry in APP_CODE:
        path = REPO_ROOT / entry
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def imported_modules() -> set[str]:
    names: set[str] = set()
    for file in _python_files():
        for node in ast.walk(ast.parse(file.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in LOCAL}


def pinned(file: Path) -> set[str]:
    lines = (line.split("#")[0].strip() for line in file.read_text("utf-8").splitlines())
    return {re.split(r"[=<>\[ ]", line)[0].lower() for line in lines if line and not line.startswith("-")}


def test_every_third_party_import_of_the_app_is_pinned() -> None:
    distributions = importlib.metadata.packages_distributions()
    declared = pinned(REPO_ROOT / "requirements.txt")
    missing = {
        module: distributions.get(module)
        for module in imported_modules() - set(DEV_ONLY)
        if not {d.lower() for d in distributions.get(module, [])} & declared
    }
    assert missing == {}, "in requirements.txt eintragen"


def test_every_pinned_package_is_imported_or_needed_at_run_time() -> None:
    distributions = importlib.metadata.packages_distributions()
    used = {d.lower() for module in imported_modules() for d in distributions.get(module, [])}
    unused = pinned(REPO_ROOT / "requirements.txt") - used - set(RUNTIME_ONLY)
    assert unused == set(), "nicht importiert: aus requirements.txt entfernen oder in RUNTIME_ONLY begründen"


def test_benchmark_only_packages_stay_out_of_the_app() -> None:
    benchmark_only = pinned(REPO_ROOT / "benchmarks" / "requirements.txt")
    assert benchmark_only == {"streamlit-folium", "folium", "branca"}
    assert not benchmark_only & pinned(REPO_ROOT / "requirements.txt")
    assert not {"folium", "branca", "streamlit_folium"} & imported_modules()
