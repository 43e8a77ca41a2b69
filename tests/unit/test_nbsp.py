"""A number and its unit never break across lines: every formatted value with a unit joins them
with the no-break space U+00A0 (issue 25, "2,1 %" broke on a phone)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sozialraum.formatting import MINUS, NBSP, format_percent, format_signed, format_value, with_unit
from sozialraum.settings import REPO_ROOT

UNITS = ["%", "Prozentpunkte", "Personen", "je 1.000 Einw.", "Indexwert (z)", "Jahre", "€"]
VALUES = [0, 2.1, -0.4, 1234.5, 94210, -510, 0.05]


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("value", VALUES)
def test_value_and_unit_are_joined_by_a_no_break_space(value: float, unit: str) -> None:
    shown_unit = "Prozentpunkte" if unit == "%" else unit
    for text, expected_unit in (
        (format_value(value, unit), unit),
        (format_value(value, unit, 0, MINUS), unit),
        (format_signed(value, unit), shown_unit),
    ):
        number, _, rest = text.partition(NBSP)
        assert rest == expected_unit, text
        assert re.fullmatch(r"[+−±-]?[0-9.]+(,[0-9]+)?", number), text
        assert " " not in number


def test_percent_and_with_unit() -> None:
    assert format_percent(49.2) == f"49{NBSP}%"
    assert format_percent(2.14, 1) == f"2,1{NBSP}%"
    assert with_unit("2,1", " %") == f"2,1{NBSP}%"
    assert format_value(None, "%") == "–" and format_percent(float("nan")) == "–"  # no unit without a value


# string literals that put a unit after a plain space: "{…} %", "{…} Prozentpunkte", "5 Einwohner"
PLAIN_SPACE_UNIT = re.compile(r"(\}|\b[0-9]) (%|Prozentpunkte|Personen|Einwohner|Standardabweichungen)(?![\w])")
SCANNED = ["app.py", "pages", "components", "sozialraum"]
NOT_SCANNED = ("sozialraum/realdata/", "sozialraum/importer/", "sozialraum/datafolder.py")  # command-line reports


def _code_lines(path: Path) -> list[tuple[int, str]]:
    """Lines of code outside docstrings and comments (docstrings quote examples in plain text)."""
    lines, in_doc = [], False
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        stripped = line.strip()
        quotes = stripped.count('"""')
        if in_doc or stripped.startswith('"""'):
            in_doc = in_doc != (quotes % 2 == 1)
            continue
        if not stripped.startswith("#"):
            lines.append((number, line.split("  #")[0]))
    return lines


def test_no_unit_after_a_plain_space_in_the_code() -> None:
    files = [REPO_ROOT / "app.py"] + [p for d in SCANNED[1:] for p in sorted((REPO_ROOT / d).rglob("*.py"))]
    found = [
        f"{path.relative_to(REPO_ROOT)}:{number}: {line.strip()}"
        for path in files
        if not path.relative_to(REPO_ROOT).as_posix().startswith(NOT_SCANNED)
        for number, line in _code_lines(path)
        if PLAIN_SPACE_UNIT.search(line)
    ]
    assert found == [], "Zahl und Einheit mit normalem Leerzeichen:\n" + "\n".join(found)


def test_pdf_font_has_the_no_break_space_and_keeps_number_and_unit_together() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import Paragraph

    from sozialraum.konferenz.pdf import _fonts

    regular, _ = _fonts()
    font = pdfmetrics.getFont(regular)
    if hasattr(font, "face") and hasattr(font.face, "charToGlyph"):  # TrueType (DejaVu, Vera): a real glyph
        assert font.face.charToGlyph.get(0xA0), f"{regular} hat kein Zeichen für U+00A0"
    style = ParagraphStyle("probe", fontName=regular, fontSize=10)

    def lines(text: str) -> list[str]:
        paragraph = Paragraph(text, style)
        paragraph.wrap(70, 500)  # room for "Wert 12345,1" but not for the unit as well
        return [" ".join(map(str, line[1])) for line in paragraph.blPara.lines]

    assert lines("Wert 12345,1 %")[-1] == "%"  # a plain space breaks (the bug)
    assert lines(f"Wert {format_value(12345.1, '%')}") == ["Wert", f"12.345,1{NBSP}%"]
