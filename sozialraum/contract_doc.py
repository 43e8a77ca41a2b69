"""The column tables of `data/README.md`, written from the contract (`sozialraum.contract`).

The README keeps its prose; each table sits between two markers and is regenerated from the declarations,
so the documentation cannot drift from what the loader checks. `python -m sozialraum.contract_doc` rewrites
the tables; `tests/unit/test_contract_readme.py` fails when the README differs from the declarations.
"""

from __future__ import annotations

import re
import sys

from .contract import ALL_SPECS
from .schemas import YEAR_RANGE, Col, TableSpec
from .settings import REPO_ROOT

README = REPO_ROOT / "data" / "README.md"
_OPEN_ABOVE = 1_000_000  # an upper check at or above this is a sanity limit, not a documented range
_KIND_TEXT = {
    "text": "Text",
    "year": "Jahr oder Stichtag (`2024` oder `31.12.2024`)",
    "date": "Datum (`31.12.2024` oder `2024-12-31`)",
    "list": "Liste, getrennt durch `|`, `,` oder `;`",
    "lower": "Zahl oder `offen` (keine Untergrenze)",
    "upper": "Zahl oder `offen` (keine Obergrenze)",
}
_NUMBER_WORD = {"int": "ganze Zahl", "count": "ganze Zahl", "number": "Zahl"}


def _german(number: float) -> str:
    return f"{number:g}".replace(".", ",")


def _range(col: Col) -> str:
    if col.low is None or col.high is None:
        return ""
    if col.high >= _OPEN_ABOVE:
        return f" ≥ {_german(col.low)}"
    return f" {_german(col.low)}–{_german(col.high)}"


def kind_text(col: Col) -> str:
    """The „Typ“ cell: kind, allowed values, range, pattern."""
    if col.kind == "int" and col.low == YEAR_RANGE[0]:
        return "Jahr"
    if col.kind in _NUMBER_WORD:
        return _NUMBER_WORD[col.kind] + _range(col)
    if col.choices:
        *first, last = (f"`{choice}`" for choice in col.choices)
        return f"Text: {', '.join(first)} oder {last}" if first else f"Text: {last}"
    if col.pattern_text:
        return f"Text: {col.pattern_text}"
    return _KIND_TEXT[col.kind]


def required_text(col: Col) -> str:
    """The „Pflicht“ cell: must the column exist, may its cells be empty."""
    if not col.required:
        return "nein"
    return "ja" if col.nonempty else "ja, Zelle darf leer sein"


def table(spec: TableSpec) -> str:
    """The Markdown table of one file's columns, with a row for its translation columns."""
    lines = ["| Spalte | Pflicht | Typ | Bedeutung |", "|---|---|---|---|"]
    lines += [f"| `{c.name}` | {required_text(c)} | {kind_text(c)} | {c.description} |" for c in spec.columns]
    if spec.translatable:
        names = ", ".join(f"`{name}_<sprache>`" for name in spec.translatable)
        example = f"`{spec.translatable[0]}_en`"
        lines.append(
            f"| {names} | nein | Text | Übersetzungen, z. B. {example} "
            "(siehe [Übersetzungen](#übersetzungen-optional)) |"
        )
    return "\n".join(lines)


def _block(spec: TableSpec) -> re.Pattern[str]:
    name = re.escape(spec.file)
    return re.compile(rf"(<!-- spalten: {name} [^\n]*-->\n)(.*?)(\n<!-- /spalten -->)", re.S)


def with_tables(text: str) -> str:
    """`text` (the README) with every marked table written anew; a missing marker is a ValueError."""
    for spec in ALL_SPECS:
        pattern = _block(spec)
        if not pattern.search(text):
            raise ValueError(f"data/README.md: Markierung für die Tabelle von {spec.file} fehlt.")
        text = pattern.sub(lambda match, spec=spec: match[1] + table(spec) + match[3], text)
    return text


def main() -> int:
    text = README.read_text(encoding="utf-8")
    updated = with_tables(text)
    README.write_text(updated, encoding="utf-8")
    print("data/README.md: Tabellen neu geschrieben." if updated != text else "data/README.md: unverändert.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
