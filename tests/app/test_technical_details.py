"""Issue 18, item 12: data folder, `check` command and file formats only in the internal view."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.test_modes import (  # noqa: F401  (fixtures)
    as_user,
    fresh_throttle,
    internal_mode,
    run_page,
    tiny_public,
)

PAGE = "pages/4_Daten_und_Quellen.py"
TECHNICAL = ("Datenordner", "python -m sozialraum check", "Erkannte Dateiformate")


def everything(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning") for e in getattr(at, kind)]
    return "\n".join([*map(str, parts), *(e.label for e in at.expander)])


def test_public_data_page_hides_technical_details(tiny_public: Path) -> None:  # noqa: F811
    at = run_page(PAGE)
    assert not at.exception, at.exception
    text = everything(at)
    assert "Indikatoren · Jahre" in text  # the page itself is there
    for word in TECHNICAL:
        assert word not in text, word


def test_internal_data_page_keeps_them(internal_mode: Path) -> None:  # noqa: F811
    at = as_user(PAGE, "anna")
    assert not at.exception, at.exception
    text = everything(at)
    for word in TECHNICAL:
        assert word in text, word
