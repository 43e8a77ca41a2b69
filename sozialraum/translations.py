"""Translated data texts: optional columns `<spalte>_<sprache>` (e.g. `name_en`, `titel_uk`) in the data files.

Which columns may be translated is declared in the data contract (`TableSpec.translatable`); which
languages exist comes from `locales/` (catalogue folders and `sprachen.toml`), so a new language needs a
catalogue and, optionally, new columns, but no code. Where a translation is missing the German text is
used and marked German, so a page can set `lang="de"` on that element. See data/README.md.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .report import N_, Message, msg

SOURCE = "de"


@dataclass(frozen=True)
class LocalizedText:
    """A data text and the language code it is actually written in (`de` when the translation is missing)."""

    text: str
    lang: str


@dataclass(frozen=True)
class Missing:
    """Missing translations of one language in one file: empty cells per translated column."""

    file: str
    lang: str
    rows: int  # rows of the file
    cells: dict[str, int]  # translated column → rows without a translation

    def text(self) -> Message:
        """The report's message: template and values (rendered in the page's language)."""
        columns = ", ".join(f"{column} ({count})" for column, count in self.cells.items())
        return msg(
            N_(
                "Übersetzung „{sprache}“: {anzahl} Text(e) ohne Übersetzung (Datei mit {zeilen} Zeilen); die "
                "öffentliche Ansicht zeigt dort den deutschen Text. Fehlend je Spalte: {spalten}."
            ),
            sprache=self.lang,
            anzahl=sum(self.cells.values()),
            zeilen=self.rows,
            spalten=columns,
        )

    def message(self) -> str:
        return self.text().render()


def language_codes(folder: Path | None = None) -> tuple[str, ...]:
    """The codes a data column may be translated into: the shipped catalogues and the entries of
    `locales/sprachen.toml`, without German (the data files are German)."""
    from .i18n import LOCALES_DIR, languages  # lazy: the data contract needs no Babel unless translated

    folder = folder or LOCALES_DIR
    meta_file = folder / "sprachen.toml"
    listed = list(tomllib.loads(meta_file.read_text(encoding="utf-8"))) if meta_file.exists() else []
    codes = dict.fromkeys([*languages(folder), *listed])
    return tuple(code for code in codes if code != SOURCE)


def split_column(name: str, translatable: Iterable[str]) -> tuple[str, str] | None:
    """`name_en` → (`name`, `en`) if `name` may be translated; the code is checked by the caller."""
    for base in sorted(translatable, key=len, reverse=True):  # longest first: no base is cut short
        if name.startswith(f"{base}_") and len(name) > len(base) + 1:
            return base, name[len(base) + 1 :]
    return None


def _text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def localized(row: Mapping[str, object] | pd.Series, column: str, lang: str) -> LocalizedText:
    """The text of `column` in `lang` (column `<column>_<lang>`), else the German text marked `de`."""
    if lang != SOURCE and (translated := _text(row.get(f"{column}_{lang}"))):
        return LocalizedText(translated, lang)
    return LocalizedText(_text(row.get(column)), SOURCE)


def localized_column(frame: pd.DataFrame, column: str, lang: str) -> pd.Series:
    """`localized` for every row of a frame: a Series of LocalizedText with the frame's index."""
    return pd.Series([localized(row, column, lang) for _, row in frame.iterrows()], index=frame.index, dtype=object)


def missing_translations(
    frame: pd.DataFrame, file: str, translatable: Iterable[str], langs: Iterable[str]
) -> list[Missing]:
    """Per language: translatable columns whose German text is there but the translation is not."""
    found = []
    for lang in langs:
        cells = {}
        for base in translatable:
            if base not in frame.columns:
                continue
            german = frame[base].map(_text).ne("")
            translated = frame.get(f"{base}_{lang}", pd.Series("", index=frame.index)).map(_text).ne("")
            if count := int((german & ~translated).sum()):
                cells[f"{base}_{lang}"] = count
        if cells:
            found.append(Missing(file, lang, len(frame), cells))
    return found


def check_translations(
    tables: Iterable[tuple[pd.DataFrame, str, tuple[str, ...]]], codes: Iterable[str]
) -> list[Missing]:
    """Missing translations of (frame, file, translatable columns) tables, for the languages the folder
    translates at all: a city that translates nothing gets no line, one that starts English sees what is
    missing in English in every file (also in files without any English column)."""
    tables = list(tables)
    used = {
        split[1]
        for frame, _, translatable in tables
        for name in frame.columns
        if (split := split_column(name, translatable))
    }
    langs = [code for code in codes if code in used]
    return [gap for frame, file, columns in tables for gap in missing_translations(frame, file, columns, langs)]
