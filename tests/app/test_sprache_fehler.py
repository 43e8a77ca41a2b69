"""Issue 22: the public error message (a reference instead of a traceback) in the visitor's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.test_modes import errors, tiny_public  # noqa: F401  (fixture)
from tests.app.test_pages import run_page


@pytest.mark.parametrize(
    ("code", "words"),
    [("en", "An error occurred on this page"), ("ar", "حدث خطأ في هذه الصفحة"), ("ls", "gibt es einen Fehler")],
)
def test_public_error_message_in_the_language(
    tiny_public: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    code: str,
    words: str,
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("geheimes Detail")

    monkeypatch.setattr("components.figures_ui.city_metric", broken)
    at = run_page("app.py", sprache=code)
    assert not at.exception
    (message,) = errors(at)
    assert words in message and "**" in message and "geheimes Detail" not in message
