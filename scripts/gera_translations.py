"""Translations of the Gera example's data texts, read from scripts/gera/uebersetzungen.csv.

One row per text: `tabelle;id;spalte;en;uk;ar` (the table without `.csv`, the row's id, the German column).
The generator appends them as the columns `<spalte>_<sprache>` (data/README.md „Übersetzungen“), language
by language. They are the project's translations, checked against the German one by one: German legal terms
without an exact counterpart (SGB II, Gymnasium, Hauptschulabschluss, Hilfen zur Erziehung) keep the German
term with a short explanation. Arabic uses Western digits, as the public view does.
"""

from __future__ import annotations

import csv
from functools import cache

from gera_common import SOURCE_DIR

LANGUAGES = ("en", "uk", "ar")
SOURCE = SOURCE_DIR / "uebersetzungen.csv"

# table → the German columns that have translations, in the order their columns are written
COLUMNS = {
    "indikatoren": ("name", "kurzname", "einheit", "definition", "thema"),
    "handlungsfelder": ("name", "beschreibung"),
    "ziele": ("titel",),
    "massnahmen": ("titel",),
}


@cache
def _texts() -> dict[tuple[str, str, str], dict[str, str]]:
    """(tabelle, id, spalte) → language → text; a row for an unknown table or column is an error."""
    texts: dict[tuple[str, str, str], dict[str, str]] = {}
    with SOURCE.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f, delimiter=";"), start=2):
            key = (row["tabelle"], row["id"], row["spalte"])
            if row["spalte"] not in COLUMNS.get(row["tabelle"], ()) or key in texts:
                raise ValueError(f"{SOURCE.name}, Zeile {line}: unbekannte oder doppelte Übersetzung {key}")
            texts[key] = {lang: row[lang] for lang in LANGUAGES}
    return texts


def header(table: str) -> tuple[str, ...]:
    """`name_en`, `kurzname_en`, …, `name_uk`, …: the translated columns appended to `table`.csv."""
    return tuple(f"{column}_{lang}" for lang in LANGUAGES for column in COLUMNS[table])


def cells(table: str, row_id: str) -> tuple[str, ...]:
    """The translated cells of one row in the order of `header`; empty where not translated."""
    texts = _texts()
    return tuple(
        texts.get((table, row_id, column), {}).get(lang, "") for lang in LANGUAGES for column in COLUMNS[table]
    )


def translated_header() -> tuple[str, ...]:
    """The translated columns of indikatoren.csv."""
    return header("indikatoren")


def translated_cells(indikator_id: str) -> tuple[str, ...]:
    """The translated cells of one indicator in the order of `translated_header`."""
    return cells("indikatoren", indikator_id)


def field_rows(fields: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows of handlungsfelder.csv with the translated columns appended."""
    base = ("handlungsfeld_id", "name", "beschreibung")
    return (*base, *header("handlungsfelder")), [(*row, *cells("handlungsfelder", row[0])) for row in fields]
