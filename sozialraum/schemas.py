"""The data contract of the tables: typed columns, German messages, pandera checks.

`TableSpec` declares a table; `parse_table` converts the text cells (one report line per bad
cell), then runs a pandera schema built from the same spec with `lazy=True`, so a planner
sees every problem of a file at once. Rows with errors are left out of the result.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pandera.pandas as pa

from .csvio import line_number, parse_number
from .polarity import Polarity
from .report import N_, Message, Report, msg
from .translations import language_codes, split_column

POLARITIES = tuple(p.value for p in Polarity)
AGGREGATIONS = ("summe", "quote", "vorgegeben")
CITY_ID = "gesamt"
WHOLE_CITY = "gesamtstadt"
YEAR_RANGE = (1990, 2100)
OPEN_BOUND = "offen"  # a range limit that is not there (wertebereich_min/-max)
NUMERIC_KINDS = ("number", "int", "count", "lower", "upper")

_DATE_DE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# raw exports (spreadsheets, statistics offices) also write 2024-1-5 and a time of day
_DATE_ISO_EXPORTED = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
_YEAR = re.compile(r"^(\d{4})(?:[.,]0+)?$")  # 2024, and 2024.0 / 2024,0 as Excel exports whole numbers
_LIST_SPLIT = re.compile(r"[|,;]")
INDICATOR_ID = r"[a-z0-9_]+"  # an indicator's id: lowercase letters, digits, „_“ (data/README.md)
INDICATOR_ID_TEXT = N_("eine Kennung nur aus Kleinbuchstaben, Ziffern und „_“ (z. B. sgb2_quote)")


@dataclass(frozen=True)
class Col:
    """One column of a table in the contract."""

    name: str
    kind: str = "text"  # text | int | number | count (whole, kept as a float) | date | year | list | lower/upper
    required: bool = True  # the column must exist
    nonempty: bool = True  # every cell must have a value
    choices: tuple[str, ...] | None = None
    low: float | None = None
    high: float | None = None
    pattern: str | None = None  # a text column's every cell matches it in full
    pattern_text: str = ""  # what `pattern` allows, in German, for the message
    description: str = ""  # German, the „Bedeutung“ of data/README.md (generated from here)


@dataclass(frozen=True)
class TableSpec:
    file: str
    columns: tuple[Col, ...]
    key: tuple[str, ...] = ()
    # text columns that may have translations `<spalte>_<sprache>` (data/README.md, „Übersetzungen“)
    translatable: tuple[str, ...] = ()

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)


def parse_date(cell: str, exported: bool = False) -> date:
    """`31.12.2024` or `2024-12-31` → date; ValueError otherwise.

    The one date parser of the package. `exported`: also `2024-1-5` and `2024-12-31 00:00`, as raw exports and
    hand-written agendas have them (the data contract itself keeps the two strict forms)."""
    if m := _DATE_DE.match(cell):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if m := (_DATE_ISO_EXPORTED if exported else _DATE_ISO).match(cell):
        return date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(cell)


def _date_in_range(cell: str) -> date:
    value = parse_date(cell)
    if not YEAR_RANGE[0] <= value.year <= YEAR_RANGE[1]:
        raise ValueError(cell)
    return value


def parse_year(cell: str, exported: bool = False) -> int:
    """`2024`, `31.12.2024` or `2024-12-31` → 2024 (the one year parser; `exported` as in `parse_date`)."""
    if m := _YEAR.match(cell):
        return int(m[1])
    return parse_date(cell, exported).year


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _LIST_SPLIT.split(cell) if part.strip())


# signs official tables put in place of a number (Zeichenerklärung der amtlichen Statistik)
SIGNS = {
    ".": N_("unbekannt oder geheim"),
    "x": N_("gesperrt"),
    "X": N_("gesperrt"),
    "*": N_("gesperrt"),
    "/": N_("nicht sicher genug"),
    "...": N_("fällt später an"),
    "…": N_("fällt später an"),
    "-": N_("nichts vorhanden"),
    "–": N_("nichts vorhanden"),
}

_EXPECTED = {  # the message of a cell that is not of its column's kind
    "int": N_("Erwartet wird eine ganze Zahl."),
    "number": N_("Erwartet wird eine Zahl (z. B. 31,5)."),
    "count": N_("Erwartet wird eine ganze Zahl (Zahl der Fälle, z. B. 120)."),
    "date": N_("Erwartet wird ein Datum wie 31.12.2024 zwischen {von} und {bis}."),
    "year": N_("Erwartet wird ein Jahr wie 2024 oder ein Stichtag wie 31.12.2024."),
    "lower": N_("Erwartet wird eine Zahl (z. B. -100) oder „offen“ für keine Untergrenze."),
    "upper": N_("Erwartet wird eine Zahl (z. B. 100) oder „offen“ für keine Obergrenze."),
}
_YEARS_MORE = N_(
    "Erwartet wird ein Jahr wie 2024 oder ein Stichtag wie 31.12.2024. Insgesamt {anzahl} Zeilen ohne gültiges "
    "Jahr (erste genannt)."
)


def _expected(kind: str, unreadable: int) -> Message:
    if kind == "year" and unreadable > 1:
        return msg(_YEARS_MORE, anzahl=unreadable)
    return msg(_EXPECTED[kind], von=YEAR_RANGE[0], bis=YEAR_RANGE[1]) if kind == "date" else msg(_EXPECTED[kind])


def _converter(kind: str, decimal_comma: bool) -> Callable[[str], object]:
    if kind in ("int", "count"):

        def to_int(cell: str) -> int:
            number = parse_number(cell, decimal_comma)
            if number is None or number != int(number):
                raise ValueError(cell)
            return int(number)

        return to_int
    if kind == "number":
        return lambda cell: parse_number(cell, decimal_comma)
    if kind in ("lower", "upper"):
        unbounded = -math.inf if kind == "lower" else math.inf
        return lambda cell: unbounded if cell.strip().lower() == OPEN_BOUND else parse_number(cell, decimal_comma)
    if kind == "date":
        return _date_in_range
    if kind == "year":
        return parse_year
    if kind == "list":
        return split_list
    return str


def _convert_column(
    frame: pd.DataFrame, col: Col, spec: TableSpec, decimal_comma: bool, report: Report
) -> tuple[list[object], set[int]]:
    convert = _converter(col.kind, decimal_comma)
    values: list[object] = []
    bad: set[int] = set()
    unreadable: list[tuple[int, str]] = []
    signs: dict[str, list[int]] = {}
    for index, cell in frame[col.name].items():
        if cell == "":
            values.append(None)
            if col.nonempty:
                report.error(spec.file, msg(N_("Pflichtfeld ist leer.")), row=line_number(index), column=col.name)
                bad.add(index)
            continue
        if col.kind in ("number", "count") and cell.strip() in SIGNS:
            values.append(None)  # a sign of the official statistics: no number, the row stays
            signs.setdefault(cell.strip(), []).append(index)
            continue
        try:
            values.append(convert(cell))
        except (ValueError, OverflowError):
            values.append(None)
            unreadable.append((index, cell))
            bad.add(index)
    for sign, rows in signs.items():
        report.warning(
            spec.file,
            msg(
                N_(
                    "Zeichen der amtlichen Statistik statt einer Zahl („{zeichen}“ = {bedeutung}) in {anzahl} "
                    "Zeile(n), erste genannt: als leerer Wert gelesen. Ist null gemeint, bitte 0 eintragen; ist der "
                    "Wert geheim, die Zelle leer lassen (die Geheimhaltung wendet das Dashboard selbst an)."
                ),
                zeichen=sign,
                bedeutung=msg(SIGNS[sign]),
                anzahl=len(rows),
            ),
            row=line_number(rows[0]),
            column=col.name,
            value=sign,
        )
    # a year column is usually wrong as a whole (an export format): one message per file, not thousands
    shown = unreadable[:1] if col.kind == "year" else unreadable
    for index, cell in shown:
        report.error(
            spec.file,
            _expected(col.kind, len(unreadable)),
            row=line_number(index),
            column=col.name,
            value=cell,
        )
    return values, bad


def _check_messages(col: Col) -> dict[str, Message]:
    """The messages of a column's checks (choices, range, pattern); pandera reports a check by its text."""
    found: dict[str, Message] = {}
    if col.choices:
        found["isin"] = msg(N_("Erlaubt sind: {werte}."), werte=", ".join(col.choices))
    if col.low is not None and col.high is not None:
        found["in_range"] = msg(N_("Wert zwischen {min} und {max} erwartet."), min=f"{col.low:g}", max=f"{col.high:g}")
    if col.pattern:
        found["str_matches"] = msg(N_("Erwartet wird {was}."), was=msg(col.pattern_text))
    return found


def _pandera_schema(spec: TableSpec, present: list[Col]) -> pa.DataFrameSchema:
    columns: dict[str, pa.Column] = {}
    for col in present:
        texts = _check_messages(col)
        checks = []
        if col.choices:
            checks.append(pa.Check.isin(col.choices, error=texts["isin"].render()))
        if col.low is not None and col.high is not None:
            checks.append(pa.Check.in_range(col.low, col.high, error=texts["in_range"].render()))
        if col.pattern:
            checks.append(pa.Check.str_matches(rf"^(?:{col.pattern})$", error=texts["str_matches"].render()))
        columns[col.name] = pa.Column(checks=checks, nullable=True, required=False)
    unique = list(spec.key) if spec.key and all(k in columns for k in spec.key) else None
    return pa.DataFrameSchema(columns, unique=unique, report_duplicates="all")


def _run_pandera(frame: pd.DataFrame, spec: TableSpec, present: list[Col], report: Report) -> set[int]:
    try:
        _pandera_schema(spec, present).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return _report_failures(exc.failure_cases, frame, spec, report)
    return set()


def _report_failures(cases: pd.DataFrame, frame: pd.DataFrame, spec: TableSpec, report: Report) -> set[int]:
    bad: set[int] = set()
    for case in cases.itertuples(index=False):
        index = case.index
        if index is None or pd.isna(index):
            continue
        index = int(index)
        bad.add(index)
        if str(case.check).startswith("field_uniqueness") or case.schema_context == "DataFrameSchema":
            key_text = " / ".join(str(frame.at[index, k]) for k in spec.key)
            report.error(
                spec.file,
                msg(
                    N_("Doppelter Eintrag: {schluessel} kommt mehrfach vor ({werte})."),
                    schluessel=" + ".join(spec.key),
                    werte=key_text,
                ),
                row=line_number(index),
            )
            continue
        texts = {m.render(): m for c in spec.columns if c.name == case.column for m in _check_messages(c).values()}
        report.error(
            spec.file,
            texts.get(str(case.check), str(case.check)),
            row=line_number(index),
            column=case.column,
            value=str(case.failure_case),
        )
    return bad


def parse_table(text_frame: pd.DataFrame, spec: TableSpec, decimal_comma: bool, report: Report) -> pd.DataFrame:
    """Typed frame with the spec's columns; bad rows removed, every problem reported.

    The original row index is kept, so later cross-file checks can still name the line.
    """
    missing = [c.name for c in spec.columns if c.required and c.name not in text_frame.columns]
    for name in missing:
        report.error(
            spec.file,
            msg(
                N_("Pflichtspalte „{spalte}“ fehlt. Vorhanden: {spalten}."),
                spalte=name,
                spalten=", ".join(text_frame.columns),
            ),
        )
    if missing:
        return pd.DataFrame(columns=[c.name for c in spec.columns])
    typed = pd.DataFrame(index=text_frame.index)
    bad: set[int] = set()
    present = [c for c in spec.columns if c.name in text_frame.columns]
    for col in present:
        values, col_bad = _convert_column(text_frame, col, spec, decimal_comma, report)
        typed[col.name] = pd.Series(values, index=text_frame.index, dtype=_dtype(col.kind))
        bad |= col_bad
    for col in spec.columns:
        if col.name not in typed.columns:
            typed[col.name] = pd.Series([None] * len(typed), index=typed.index, dtype=_dtype(col.kind))
    bad |= _run_pandera(typed, spec, present, report)
    _add_translations(text_frame, typed, spec, report)
    return typed.drop(index=sorted(bad))


_NOT_A_LANGUAGE = N_(
    "„{code}“ ist keine Sprache des Dashboards (vorhanden: {codes}; neue Sprachen: locales/sprachen.toml)"
)


def _add_translations(text_frame: pd.DataFrame, typed: pd.DataFrame, spec: TableSpec, report: Report) -> None:
    """Copies the translated columns (`name_en` …) as text, empty = no translation; a column for a
    language without a catalogue or entry in locales/sprachen.toml is reported and left out."""
    candidates = [(name, split) for name in text_frame.columns if (split := split_column(name, spec.translatable))]
    if not candidates:
        return
    codes = language_codes()
    for name, (base, code) in candidates:
        if code in codes:
            typed[name] = text_frame[name].map(lambda cell: cell.strip() or None).astype("object")
            continue
        why = (
            msg(N_("der deutsche Text steht in „{spalte}“"), spalte=base)
            if code == "de"
            else msg(
                _NOT_A_LANGUAGE,
                code=code,
                codes=", ".join(codes),
            )
        )
        report.warning(
            spec.file,
            msg(
                N_("Spalte „{spalte}“ sieht wie eine Übersetzung aus, aber {grund}. Die Spalte wird nicht verwendet."),
                spalte=name,
                grund=why,
            ),
            column=name,
        )


def _dtype(kind: str) -> str:
    return {
        "int": "Int64",
        "number": "Float64",
        "count": "Float64",  # summed and compared with rates downstream: whole by contract, float by dtype
        "lower": "Float64",
        "upper": "Float64",
        "year": "Int64",
        "list": "object",
        "date": "object",
    }.get(kind, "object")
