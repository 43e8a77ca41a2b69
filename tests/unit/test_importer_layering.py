"""The importer stands on its own: no dependency on the city converters, modules of a readable size."""

from __future__ import annotations

from sozialraum.settings import REPO_ROOT
from tests.unit.test_layering import imports, modules

MAX_LINES = 500


def test_the_importer_never_imports_the_city_converters() -> None:
    found = [
        f"{name} importiert {imported}"
        for name, path in modules("sozialraum/importer").items()
        for imported in imports(path)
        if imported == "sozialraum.realdata" or imported.startswith("sozialraum.realdata.")
    ]
    assert found == []


def test_importer_and_data_folder_modules_stay_under_500_lines() -> None:
    paths = sorted((REPO_ROOT / "sozialraum" / "importer").glob("*.py")) + [REPO_ROOT / "sozialraum" / "datafolder.py"]
    long = {p.name: n for p in paths if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert long == {}
