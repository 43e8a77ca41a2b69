"""Raw statistics-office files: CSV, Excel and JSON read as cells with their line numbers;
numbers in German or international notation; years and reference dates; area codes and names.

Nothing is guessed silently: the number format is declared in the mapping, and a cell that does
not fit becomes a message with file, line, column and the fix.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from .. import schemas
from ..csvio import decode_text, sniff_separator
from ..formatting import MINUS
from ..report import Report
from ..schemas import YEAR_RANGE
from .spec import NumberFormat, Source

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
JSON_SUFFIXES = (".json",)
_SPACES = re.compile(r"\s+")
_WHOLE_FLOAT = re.compile(r"^\d+\.0+$")

# cell kinds returned by `parse_cell`
NUMBER, EMPTY, SUPPRESSED, MISSING = "zahl", "leer", "geheim", "fehlend"


@dataclass
class RawTable:
    """One table of a raw file: stripped header names, cells as read, and each row's line number."""

    file: str
    columns: list[str]
    frame: pd.DataFrame  # object cells; column names = `columns`
    lines: list[int]  # line (CSV), sheet row (Excel) or record number (JSON) of each row
    detected: str = ""
    empty_rows: int = 0
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.frame)


# --- reading --------------------------------------------------------------------------


def read_table(path: Path, display: str, source: Source, report: Report) -> RawTable | None:
    """Read one source file; problems go to `report` (then None is returned)."""
    if not path.is_file():
        report.error(display, f"Datei nicht gefunden ({path}). Prüfen Sie „datei“ in der Zuordnung oder --quelle.")
        return None
    suffix = path.suffix.lower()
    if suffix == ".xls":
        report.error(display, "Das alte Excel-Format .xls wird nicht gelesen. Speichern Sie die Datei als .xlsx.")
        return None
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, display, source, report)
    if suffix in JSON_SUFFIXES:
        return _read_json(path, display, source, report)
    return _read_csv(path, display, source, report)


def _decode(data: bytes, display: str, encoding: str, report: Report) -> tuple[str, str] | None:
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            utf8 = encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig")
            fix = 'kodierung = "cp1252" (so speichert Excel unter Windows)' if utf8 else 'kodierung = "utf-8"'
            report.error(
                display,
                f"Die Datei ist nicht in der Kodierung „{encoding}“ gespeichert (Byte 0x{data[exc.start]:02x}). "
                f"Setzen Sie {fix}.",
                row=line,
            )
            return None
        return text.removeprefix("\ufeff"), encoding
    text, detected, bom = decode_text(data, errors="replace")
    return text, _DETECTED.get((detected, bom), f"{detected} mit BOM" if bom else detected)


_DETECTED = {("UTF-8", False): "UTF-8", ("Windows-1252", False): "Windows-1252 (erkannt)"}


def _sniff(text: str, header_line: int) -> str:
    lines = text.splitlines()
    return sniff_separator(lines[header_line - 1] if len(lines) >= header_line else "", (";", ",", "\t", "|"))


def _header(cells: list[object], style: str) -> tuple[list[str], list[str]]:
    """Stripped header names; empty ones named after their position; duplicates numbered."""
    names: list[str] = []
    notes: list[str] = []
    for position, cell in enumerate(cells, start=1):
        name = _SPACES.sub(" ", _text(cell))
        if not name:
            name = _excel_letter(position) if style == "excel" else f"Spalte {position}"
        if name in names:
            count = sum(1 for n in names if n == name or n.startswith(f"{name} (")) + 1
            notes.append(f"Spaltenkopf „{name}“ kommt mehrfach vor; die {count}. heißt „{name} ({count})“.")
            name = f"{name} ({count})"
        names.append(name)
    return names, notes


def _excel_letter(position: int) -> str:
    letters = ""
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _frame(rows: list[list[object]], width: int, columns: list[str]) -> pd.DataFrame:
    padded = [(row + [None] * width)[:width] for row in rows]
    return (
        pd.DataFrame(padded, columns=columns, dtype=object) if padded else pd.DataFrame(columns=columns, dtype=object)
    )


def _is_empty(row: list[object]) -> bool:
    return all(_text(c) == "" for c in row)


def _read_csv(path: Path, display: str, source: Source, report: Report) -> RawTable | None:
    decoded = _decode(path.read_bytes(), display, source.kodierung, report)
    if decoded is None:
        return None
    text, encoding = decoded
    separator = source.trennzeichen or _sniff(text, source.kopfzeile)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header: list[str] | None = None
    header_end = 0
    rows: list[list[object]] = []
    lines: list[int] = []
    empty = 0
    start = 1
    too_long: list[int] = []
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if header is None:
                if reader.line_num >= source.kopfzeile:
                    header, notes = _header(list(record), "csv")
                    header_end = reader.line_num
                continue
            if line < (source.datenbeginn or header_end + 1):
                continue
            if _is_empty(list(record)):
                empty += 1
                continue
            if len(record) > len(header) and any(c.strip() for c in record[len(header) :]):
                too_long.append(line)
            rows.append(list(record))
            lines.append(line)
    except csv.Error as exc:
        report.error(display, f"Datei kann nicht als CSV gelesen werden ({exc}).", row=reader.line_num)
        return None
    if header is None:
        report.error(display, f"Keine Kopfzeile gefunden: die Datei hat weniger als {source.kopfzeile} Zeilen.")
        return None
    if too_long:
        shown = ", ".join(map(str, too_long[:5])) + (" …" if len(too_long) > 5 else "")
        count = "1 Zeile hat" if len(too_long) == 1 else f"{len(too_long)} Zeilen haben"
        report.error(
            display,
            f"{count} mehr Felder als die Kopfzeile (Zeile {shown}). Stimmt das Trennzeichen „{separator}“? "
            "Sonst „trennzeichen“ in der Zuordnung setzen; Felder mit dem Trennzeichen im Text brauchen "
            "Anführungszeichen.",
            row=too_long[0],
        )
        return None
    sep_name = {";": "Semikolon", ",": "Komma", "\t": "Tabulator", "|": "senkrechter Strich"}.get(separator, separator)
    detected = f"CSV, Kodierung {encoding}, Trennzeichen {sep_name}, Kopfzeile in Zeile {source.kopfzeile}"
    table = RawTable(display, header, _frame(rows, len(header), header), lines, detected, empty, notes)
    return table


def _read_excel(path: Path, display: str, source: Source, report: Report) -> RawTable | None:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip or XML errors of a broken workbook
        report.error(display, f"Datei kann nicht als Excel-Arbeitsmappe gelesen werden ({exc}).")
        return None
    try:
        names = book.sheetnames
        if source.blatt is None:
            sheet = book[names[0]]
        elif isinstance(source.blatt, int):
            if not 1 <= source.blatt <= len(names):
                report.error(display, f"Blatt Nr. {source.blatt} gibt es nicht; die Mappe hat {len(names)} Blätter.")
                return None
            sheet = book[names[source.blatt - 1]]
        elif source.blatt in names:
            sheet = book[source.blatt]
        else:
            listed = ", ".join(f"„{n}“" for n in names)
            report.error(display, f"Blatt „{source.blatt}“ gibt es nicht. Vorhanden: {listed}.")
            return None
        header: list[str] | None = None
        notes: list[str] = []
        rows: list[list[object]] = []
        lines: list[int] = []
        empty = 0
        first_data = source.datenbeginn or source.kopfzeile + 1
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = list(values)
            if number == source.kopfzeile:
                header, notes = _header(cells, "excel")
                continue
            if header is None or number < first_data:
                continue
            if _is_empty(cells):
                empty += 1
                continue
            rows.append(cells)
            lines.append(number)
        title = sheet.title
    finally:
        book.close()
    if header is None:
        report.error(display, f"Keine Kopfzeile: das Blatt hat weniger als {source.kopfzeile} Zeilen.")
        return None
    detected = f"Excel, Blatt „{title}“, Kopfzeile in Zeile {source.kopfzeile}, Daten ab Zeile {first_data}"
    return RawTable(display, header, _frame(rows, len(header), header), lines, detected, empty, notes)


def _read_json(path: Path, display: str, source: Source, report: Report) -> RawTable | None:
    try:
        data = json.loads(path.read_text(encoding=source.kodierung or "utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        report.error(display, f"Datei ist kein gültiges JSON ({exc}).", row=line)
        return None
    where = "oberste Ebene"
    for part in [p for p in source.datensaetze.split(".") if p]:
        if not isinstance(data, dict) or part not in data:
            keys = ", ".join(f"„{k}“" for k in data) if isinstance(data, dict) else "keine"
            report.error(display, f"Schlüssel „{part}“ (aus datensaetze) fehlt in {where}. Vorhanden: {keys}.")
            return None
        data, where = data[part], f"„{part}“"
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        hint = (
            " Geben Sie mit datensaetze an, unter welchem Schlüssel die Liste steht." if isinstance(data, dict) else ""
        )
        report.error(display, f"In {where} wird eine Liste von Datensätzen ({{…}}) erwartet.{hint}")
        return None
    columns: list[str] = []
    for record in data:
        columns += [k for k in record if k not in columns]
    rows = [[_json_cell(record.get(c)) for c in columns] for record in data]
    header = [str(c).strip() for c in columns]
    detected = f"JSON, {len(rows)} Datensätze (Zeile = Nummer des Datensatzes)"
    return RawTable(display, header, _frame(rows, len(header), header), list(range(1, len(rows) + 1)), detected)


def _json_cell(value: object) -> object:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


# --- columns --------------------------------------------------------------------------


def _fold(name: str) -> str:
    return _SPACES.sub(" ", name).strip().casefold()


def find_column(table: RawTable, wanted: str) -> str | None:
    """The column called `wanted` (exact, else ignoring case and repeated spaces)."""
    if wanted in table.columns:
        return wanted
    folded = [c for c in table.columns if _fold(c) == _fold(wanted)]
    return folded[0] if len(folded) == 1 else None


def missing_column_message(table: RawTable, wanted: str, key: str) -> str:
    close = difflib.get_close_matches(wanted, table.columns, n=3, cutoff=0.5)
    hint = f" Meinten Sie {', '.join(f'„{c}“' for c in close)}?" if close else ""
    listed = ", ".join(f"„{c}“" for c in table.columns[:12]) + (" …" if len(table.columns) > 12 else "")
    return f"Spalte „{wanted}“ ({key}) fehlt.{hint} Vorhanden: {listed}."


# --- cells ----------------------------------------------------------------------------


def _text(cell: object) -> str:
    """A cell as stripped text ('' for empty); whole floats without '.0', dates as 31.12.2024."""
    if cell is None:
        return ""
    if isinstance(cell, float):
        if math.isnan(cell):
            return ""
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return f"{cell:%d.%m.%Y}"
    if isinstance(cell, date):
        return f"{cell:%d.%m.%Y}"
    return str(cell).strip()


cell_text = _text


def _number_pattern(fmt: NumberFormat) -> re.Pattern[str]:
    decimal = re.escape(fmt.dezimalzeichen)
    digits = r"\d+"
    if fmt.tausender:
        sep = r"[ \u00a0\u202f]" if fmt.tausender == " " else re.escape(fmt.tausender)
        digits = rf"(?:\d{{1,3}}(?:{sep}\d{{3}})+|\d+)"
    return re.compile(rf"^(?:{digits}(?:{decimal}\d+)?|{decimal}\d+)(?:[eE][+-]?\d+)?$")


_PATTERNS: dict[NumberFormat, re.Pattern[str]] = {}


def parse_cell(cell: object, fmt: NumberFormat) -> tuple[str, float | None]:
    """(kind, value) of one value cell; kind is NUMBER, EMPTY, SUPPRESSED or MISSING.

    Raises ValueError when the text is no number in the declared format.
    """
    if cell is None:
        return EMPTY, None
    if isinstance(cell, bool):
        raise ValueError(str(cell))
    if isinstance(cell, int | float):
        number = float(cell)
        return (EMPTY, None) if math.isnan(number) else (NUMBER, number)
    text = str(cell).replace("\u00a0", " ").replace("\u202f", " ").strip()
    if text == "":
        return EMPTY, None
    if text in fmt.geheim:
        return SUPPRESSED, None
    if text in fmt.fehlend:
        return MISSING, None
    if text in fmt.null:
        return NUMBER, 0.0
    sign = ""
    if text[0] in ("+", "-", MINUS):
        sign, text = ("-" if text[0] in ("-", MINUS) else ""), text[1:].strip()
    pattern = _PATTERNS.get(fmt)
    if pattern is None:
        pattern = _PATTERNS[fmt] = _number_pattern(fmt)
    if not pattern.match(text):
        raise ValueError(text)
    if fmt.tausender:
        text = text.replace(fmt.tausender, "") if fmt.tausender != " " else re.sub(r"[ \u00a0\u202f]", "", text)
    return NUMBER, float(sign + text.replace(fmt.dezimalzeichen, "."))


def number_hint(text: str, fmt: NumberFormat) -> str:
    """The likely fix for a cell that is no number in format `fmt`."""
    stripped = text.strip()
    if stripped in ("-", "–"):
        return (
            f"In der amtlichen Statistik bedeutet „{stripped}“ „nichts vorhanden“ (genau null): tragen Sie "
            f'null = ["{stripped}"] in der Quelle ein; steht es bei Ihnen für fehlende Werte: fehlend = ["{stripped}"].'
        )
    if stripped and not any(ch.isdigit() for ch in stripped):
        return (
            f"Steht „{stripped}“ für einen gesperrten oder fehlenden Wert, tragen Sie es in der Quelle unter "
            f'„geheim“ oder „fehlend“ ein (z. B. geheim = ["{stripped}"]).'
        )
    if fmt.dezimalzeichen == "," and re.fullmatch(r"-?\d+\.\d+", stripped):
        return 'Die Zahl hat einen Dezimalpunkt: setzen Sie dezimalzeichen = ".".'
    if fmt.dezimalzeichen == "." and re.fullmatch(r"-?\d+,\d+", stripped):
        return 'Die Zahl hat ein Dezimalkomma: setzen Sie dezimalzeichen = ",".'
    if re.fullmatch(r"-?\d{1,3}([ .']\d{3})+(,\d+)?", stripped):
        sep = next(ch for ch in stripped if ch in " .'")
        return f'Die Zahl hat Tausendertrennzeichen: setzen Sie tausender = "{sep}".'
    return f"Erwartet wird eine Zahl ({fmt.describe()})."


def parse_year(cell: object) -> int:
    """2024, '2024', '31.12.2024', '2024-12-31' or an Excel date → 2024; ValueError otherwise."""
    if isinstance(cell, bool) or cell is None:
        raise ValueError(str(cell))
    if isinstance(cell, datetime | date):
        year = cell.year
    elif isinstance(cell, int):
        year = cell
    elif isinstance(cell, float) and cell.is_integer():
        year = int(cell)
    else:
        year = schemas.parse_year(str(cell).strip(), exported=True)
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise ValueError(str(cell))
    return year


# --- area keys ------------------------------------------------------------------------


def code_key(cell: object, stellen: int | None) -> str:
    """An area code as text: whole numbers without '.0', zero-padded to `stellen` digits."""
    text = _text(cell)
    if _WHOLE_FLOAT.match(text):  # "101.0" from a table that was once read as numbers
        text = text.split(".", 1)[0]
    if stellen and text.isdigit() and len(text) < stellen:
        return text.zfill(stellen)
    return text


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalize_name(name: object) -> str:
    """Name for joining: case, umlauts (ä = ae, ß = ss), accents, spaces and punctuation do not count.

    'Neustadt/Süd', 'neustadt - sued' and 'NEUSTADT SÜD' all become 'neustadtsued'.
    """
    text = unicodedata.normalize("NFC", _text(name)).casefold().translate(_UMLAUTS)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", "", text)
