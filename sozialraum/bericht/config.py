"""`bericht.toml` and the planners' Markdown texts of a data folder: read, checked, with defaults.

Every problem raises `BerichtError` with a German message naming the file, line and key, so the
command stops before anything is written.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .markdown import MarkdownError, to_html

CONFIG_FILE = "bericht.toml"
TEXT_FOLDER = "bericht"
# planners' texts: file name pattern → where it goes (see docs/sozialbericht.md)
TEXT_NAMES = re.compile(
    r"^(einleitung|gesamtstadt|sozialindex|umsetzung|anhang|handlungsfeld-[0-9A-Za-z.]+|gebiet-[^/]+)$"
)


class BerichtError(ValueError):
    """A problem in bericht.toml or a Markdown text; the message is German and names the place."""


@dataclass(frozen=True)
class BerichtConfig:
    """What the report contains; every field has a default, so no bericht.toml is needed."""

    titel: str = "Sozialbericht"
    untertitel: str = ""
    herausgeber: str = ""
    jahr: int | None = None  # None: the latest year with values
    vergleichsjahr: int | None = None  # None: two years before `jahr` (the previous report)
    stichtag: date | None = None  # measures overdue on this day; None: today
    foerderhinweis: str = ""
    logo: str = ""  # image file in the data folder, shown on the title page
    profil_ebene: str = ""  # level of the area profiles; empty: the main level
    karten_ebene: str = ""  # level of the maps, rankings and the Sozialindex; empty: the main level
    kapitel: tuple[str, ...] = ("gesamtstadt", "handlungsfelder", "sozialindex", "profile", "umsetzung", "anhang")
    kennzahlen: tuple[str, ...] = ()  # Gesamtstadt key figures; empty: every indicator with a city value
    glossar: dict[str, str] = field(default_factory=dict)  # extra glossary entries


_KEYS: dict[str, type | tuple[type, ...]] = {
    "titel": str,
    "untertitel": str,
    "herausgeber": str,
    "jahr": int,
    "vergleichsjahr": int,
    "stichtag": date,
    "foerderhinweis": str,
    "logo": str,
    "profil_ebene": str,
    "karten_ebene": str,
    "kapitel": list,
    "kennzahlen": list,
    "glossar": dict,
}
_TYPE_NAMES = {
    str: "Text in Anführungszeichen",
    int: "ganze Zahl",
    date: "Datum (JJJJ-MM-TT)",
    list: "Liste",
    dict: "Tabelle",
}
CHAPTERS = BerichtConfig.kapitel


def load_config(folder: Path) -> BerichtConfig:
    """Read `bericht.toml` (section [bericht]) if present; defaults otherwise."""
    path = folder / CONFIG_FILE
    if not path.is_file():
        return BerichtConfig()
    text = _read(path)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        # Python 3.11 has no lineno attribute yet: the message ends with "(at line L, column C)"
        where = re.search(r"\(at line (\d+), column \d+\)", str(problem))
        what = re.sub(r"\s*\(at line .*\)$", "", str(problem))
        line = where.group(1) if where else "?"
        raise BerichtError(f"{path.name}, Zeile {line}: kein gültiges TOML ({what}).") from None
    section = raw.get("bericht", {})
    unknown = [key for key in raw if key != "bericht"] + [key for key in section if key not in _KEYS]
    if unknown:
        key = unknown[0]
        raise BerichtError(
            f"{path.name}, Zeile {_line_of(text, key)}, Schlüssel „{key}“: unbekannt. "
            f"Erwartet: [bericht] mit {', '.join(_KEYS)}."
        )
    values: dict[str, object] = {}
    for key, value in section.items():
        expected = _KEYS[key]
        if isinstance(value, bool) or not isinstance(value, expected):
            raise BerichtError(
                f"{path.name}, Zeile {_line_of(text, key)}, Schlüssel „{key}“: gefunden „{value}“, "
                f"erwartet {_TYPE_NAMES[expected]}."  # type: ignore[index]
            )
        values[key] = value
    for key in ("kapitel", "kennzahlen"):
        if key in values:
            values[key] = tuple(str(item) for item in values[key])  # type: ignore[union-attr]
    wrong = [c for c in values.get("kapitel", ()) if c not in CHAPTERS]  # type: ignore[union-attr]
    if wrong:
        raise BerichtError(
            f"{path.name}, Zeile {_line_of(text, 'kapitel')}, Schlüssel „kapitel“: unbekanntes Kapitel „{wrong[0]}“, "
            f"erwartet einige von {', '.join(CHAPTERS)}."
        )
    if "glossar" in values:
        values["glossar"] = {str(k): str(v) for k, v in values["glossar"].items()}  # type: ignore[union-attr]
    return BerichtConfig(**values)  # type: ignore[arg-type]


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as problem:
        line = path.read_bytes()[: problem.start].count(b"\n") + 1
        raise BerichtError(f"{path.name}, Zeile {line}: Datei ist nicht UTF-8-kodiert.") from None


def _line_of(text: str, key: str) -> int | str:
    pattern = re.compile(rf"^\s*\[?\s*{re.escape(key)}\b")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return "?"


def load_texts(folder: Path, known: dict[str, set[str]]) -> dict[str, str]:
    """The planners' Markdown texts as HTML, keyed by file stem (`einleitung`, `gebiet-05` …).

    `known` holds the ids that may follow `handlungsfeld-` and `gebiet-`; a file for an unknown
    one is an error (a text must not silently go missing).
    """
    texts: dict[str, str] = {}
    base = folder / TEXT_FOLDER
    if not base.is_dir():
        return texts
    for path in sorted(base.glob("*.md")):
        stem, name = path.stem, f"{TEXT_FOLDER}/{path.name}"
        if not TEXT_NAMES.match(stem):
            raise BerichtError(
                f"{name}: unbekannter Dateiname. Erwartet einleitung.md, gesamtstadt.md, sozialindex.md, "
                "umsetzung.md, anhang.md, handlungsfeld-<Nr.>.md oder gebiet-<Kennziffer>.md."
            )
        kind, _, ident = stem.partition("-")
        if ident and ident not in known.get(kind, set()):
            what = "Handlungsfeld" if kind == "handlungsfeld" else "Gebiet"
            raise BerichtError(f"{name}: {what} „{ident}“ gibt es in den Daten nicht.")
        try:
            texts[stem] = to_html(_read(path))
        except MarkdownError as problem:
            raise BerichtError(f"{name}, Zeile {problem.line}: {problem.message}") from None
    return texts
