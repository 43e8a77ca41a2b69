"""Reading German CSV files as planners save them from Excel.

Separator `;` or `,`, decimal comma or point, UTF-8 with or without BOM, or Windows-1252.
Every cell is read as text first; typed conversion happens in `schemas`, so that one bad
cell becomes one report line instead of a failed file.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

_COMMA_DECIMAL = re.compile(r"^-?\s*\d{1,3}(\.\d{3})*,\d+$|^-?\s*\d+,\d+$")
_POINT_DECIMAL = re.compile(r"^-?\d+\.\d+$")


@dataclass(frozen=True)
class CsvFormat:
    encoding: str
    bom: bool
    separator: str
    decimal_comma: bool
    has_decimals: bool = True

    def describe(self) -> str:
        enc = f"{self.encoding} mit BOM" if self.bom else self.encoding
        sep = {";": "Semikolon", ",": "Komma", "\t": "Tabulator"}.get(self.separator, self.separator)
        dec = ("Dezimalkomma" if self.decimal_comma else "Dezimalpunkt") if self.has_decimals else "ohne Dezimalzahlen"
        return f"Kodierung {enc}, Trennzeichen {sep}, {dec}"


def decode_text(raw: bytes, errors: str = "strict") -> tuple[str, str, bool]:
    """(text, encoding, BOM?) of a file as Excel and statistics offices save it: UTF-8 with or without BOM,
    UTF-16 with BOM, else Windows-1252. The one decoder of data folders and imports; `errors="replace"` lets
    the importer go on past bytes no encoding knows (its report names the detected encoding)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors), "UTF-8", True
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode-Text" export
        return raw.decode("utf-16", errors), "UTF-16", True
    try:
        return raw.decode("utf-8"), "UTF-8", False
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors), "Windows-1252", False


def sniff_separator(header: str, candidates: tuple[str, ...] = (";", ",", "\t")) -> str:
    """The candidate that occurs most often in the header line; `,` when none does."""
    counts = {sep: header.count(sep) for sep in candidates}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else ","


def _decimal_style(frame: pd.DataFrame, numeric: set[str] | None) -> tuple[bool, bool]:
    """(decimal comma?, any decimals?) from the numeric columns; integers say nothing.

    Only the columns the contract declares numeric count: ids like `5.5` are not decimals.
    """
    comma = point = 0
    for column in frame.columns:
        if numeric is not None and column not in numeric:
            continue
        for cell in frame[column].head(20_000):
            if not isinstance(cell, str):
                continue
            if _COMMA_DECIMAL.match(cell.strip()):
                comma += 1
            elif _POINT_DECIMAL.match(cell.strip()):
                point += 1
    return comma > point, comma + point > 0


def read_text_table(path: Path, numeric: set[str] | None = None) -> tuple[pd.DataFrame, CsvFormat]:
    """Read a CSV file into a frame of stripped strings ('' for empty cells)."""
    text, encoding, bom = decode_text(path.read_bytes())
    separator = sniff_separator(text.split("\n", 1)[0])
    frame = pd.read_csv(
        io.StringIO(text),
        sep=separator,
        dtype=str,
        keep_default_na=False,
        quoting=csv.QUOTE_MINIMAL,
        skipinitialspace=True,
    )
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    frame = frame.apply(lambda col: col.str.strip())
    fmt = CsvFormat(encoding, bom, separator, *_decimal_style(frame, numeric))
    return frame, fmt


def parse_number(cell: str, decimal_comma: bool) -> float | None:
    """German or international number text → float; None if empty; ValueError if not a number."""
    text = cell.strip().replace("\u00a0", "").replace(" ", "")
    if text == "":
        return None
    if decimal_comma or ("," in text and "." not in text):
        text = text.replace(".", "").replace(",", ".")
    number = float(text)
    # Python also reads "NaN", "inf" and "1_000": an export's NaN would silently become an empty value
    if not math.isfinite(number) or "_" in text:
        raise ValueError(cell)
    return number


def line_number(index: int) -> int:
    """Row index of a frame → line as a spreadsheet shows it (header is line 1)."""
    return int(index) + 2
