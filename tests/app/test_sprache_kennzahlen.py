"""Issue 22: the key figures of the start page take names and units from the translated data columns; a
source without translation is marked German (lang="de") in the caption."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.test_pages import bundled, run_page  # noqa: F401  (fixture)


@pytest.mark.parametrize(
    ("code", "label", "delta_unit", "caption_start"),
    [
        ("en", "Residents 2024", "people", "Unit: people"),
        ("uk", "Мешканці 2024", "осіб", "Одиниця: осіб"),
        ("de", "Einwohner 2024", "Personen", "Einheit: Personen"),
    ],
)
def test_key_figures_in_the_language(
    bundled: Path,  # noqa: F811
    code: str,
    label: str,
    delta_unit: str,
    caption_start: str,
) -> None:
    at = run_page("app.py", sprache=code)
    assert not at.exception
    residents = next(m for m in at.metric if m.label == label)
    assert delta_unit in residents.proto.delta
    captions = [c.value for c in at.caption]
    caption = next(c for c in captions if c.startswith(caption_start))
    assert ('lang="de"' in caption) == (code != "de")  # "Melderegister der Stadt Gera" has no translation
