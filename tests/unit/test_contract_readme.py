"""The column tables of data/README.md are written from the declared contract (`sozialraum.contract`): a table
edited by hand, a column added to a spec without regenerating, or a lost marker fails here."""

from __future__ import annotations

import pytest

from sozialraum import contract, contract_doc
from sozialraum.schemas import Col, TableSpec


def test_the_readme_tables_are_the_declared_ones() -> None:
    text = contract_doc.README.read_text("utf-8")
    assert contract_doc.with_tables(text) == text, "python -m sozialraum.contract_doc schreibt die Tabellen neu"


@pytest.mark.parametrize("spec", contract.ALL_SPECS, ids=lambda s: s.file)
def test_every_column_is_described(spec: TableSpec) -> None:
    assert [c.name for c in spec.columns if not c.description.strip()] == []


def test_a_changed_declaration_changes_the_readme() -> None:
    text = contract_doc.README.read_text("utf-8")
    extra = Col("neu", "int", required=False, low=0, high=5, description="eine neue Spalte")
    spec = contract.GOALS_SPEC
    changed = TableSpec(spec.file, (*spec.columns, extra), spec.key, spec.translatable)
    assert "| `neu` | nein | ganze Zahl 0–5 | eine neue Spalte |" in contract_doc.table(changed)
    assert "`neu`" not in text


def test_a_missing_marker_is_named() -> None:
    with pytest.raises(ValueError, match="indikatoren.csv"):
        contract_doc.with_tables("<!-- spalten: gebiete x -->\n|\n<!-- /spalten -->")


@pytest.mark.parametrize(
    ("col", "typ", "pflicht"),
    [
        (Col("a", "int", low=1990, high=2100), "Jahr", "ja"),
        (Col("a", "count", required=False, low=0, high=1e9), "ganze Zahl ≥ 0", "nein"),
        (Col("a", "number", nonempty=False, low=0, high=100), "Zahl 0–100", "ja, Zelle darf leer sein"),
        (Col("a", choices=("x", "y")), "Text: `x` oder `y`", "ja"),
        (Col("a", "lower"), "Zahl oder `offen` (keine Untergrenze)", "ja"),
    ],
)
def test_typ_and_pflicht_say_what_the_loader_checks(col: Col, typ: str, pflicht: str) -> None:
    assert (contract_doc.kind_text(col), contract_doc.required_text(col)) == (typ, pflicht)
