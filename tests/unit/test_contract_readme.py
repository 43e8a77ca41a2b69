"""The column tables of data/README.md agree with the declared contract (`sozialraum.schemas`): every column of
a spec is documented, every documented column is declared, and "Pflicht" and "Typ" say what the spec checks."""

from __future__ import annotations

import re

import pytest

from sozialraum import schemas
from sozialraum.settings import REPO_ROOT

README = REPO_ROOT / "data" / "README.md"
SPECS = [
    schemas.AREA_SPEC,
    schemas.CATALOGUE_SPEC,
    schemas.VALUES_SPEC,
    schemas.FIELDS_SPEC,
    schemas.GOALS_SPEC,
    schemas.MEASURES_SPEC,
    schemas.HISTORY_SPEC,
]
# the README's words for a column kind (the first word group of the "Typ" cell)
KIND_WORDS = {
    "text": ("Text",),
    "int": ("ganze Zahl", "Jahr"),
    "number": ("Zahl",),
    "count": ("ganze Zahl",),
    "lower": ("Zahl oder `offen`",),
    "upper": ("Zahl oder `offen`",),
    "year": ("Jahr oder Datum",),
    "date": ("Datum",),
    "list": ("Liste",),
}


def readme_table(file: str) -> dict[str, dict[str, str]]:
    """Column → {"Pflicht": …, "Typ": …} of the table in the section headed by `file`."""
    text = README.read_text("utf-8")
    name = file if "." in file else f"{file}.geojson"
    section = re.search(rf"^## `{re.escape(name)}`[^\n]*$(.*?)(?=^## )", text, re.S | re.M)
    assert section, file
    rows = [line for line in section[1].splitlines() if line.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    table: dict[str, dict[str, str]] = {}
    for line in rows[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        names = re.findall(r"`([^`]+)`", cells[0])
        if any("<" in n for n in names):
            continue  # translation columns `name_<sprache>`
        for name in names:
            table[name] = dict(zip(header[1:], cells[1:], strict=False))
    return table


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.file)
def test_the_readme_table_lists_exactly_the_declared_columns(spec: schemas.TableSpec) -> None:
    documented = set(readme_table(spec.file))
    declared = {c.name for c in spec.columns}
    assert (declared - documented, documented - declared) == (set(), set())


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.file)
def test_pflicht_and_typ_say_what_the_spec_checks(spec: schemas.TableSpec) -> None:
    table = readme_table(spec.file)
    wrong = []
    for col in spec.columns:
        row = table[col.name]
        if row["Pflicht"].rstrip("*") != ("ja" if col.required else "nein"):
            wrong.append(f"{col.name}: Pflicht {row['Pflicht']}, Spec required={col.required}")
        typ = row.get("Typ")
        if typ is not None and not any(typ.startswith(w) for w in KIND_WORDS[col.kind]):
            wrong.append(f"{col.name}: Typ {typ}, Spec {col.kind}")
    assert wrong == []


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.file)
def test_the_readme_names_every_allowed_value(spec: schemas.TableSpec) -> None:
    """Each choice in backticks in its row ("wie oben": the same vocabulary listed in an earlier table)."""
    table = readme_table(spec.file)
    missing = [
        f"{col.name}: {choice}"
        for col in spec.columns
        if col.choices
        for choice in col.choices
        if f"`{choice}`" not in (text := " ".join(table[col.name].values())) and "wie oben" not in text
    ]
    assert missing == []
