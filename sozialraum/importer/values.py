"""Values of one source file: cells of the joined rows → value records (long or wide layout, year columns),
with bounded messages for cells that are no number."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from ..report import Report
from .raw import EMPTY, MISSING, NUMBER, SUPPRESSED, RawTable, cell_text, number_hint, parse_cell, parse_year
from .result import MAX_CELL_MESSAGES, NOTE_SUPPRESSED, SourceResult, dropped
from .spec import CatalogueEntry, Source


@dataclass
class _Cells:
    """Value cells that are no number, per column, for bounded messages."""

    bad: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))


def condition_mask(table: RawTable, conditions: dict[str, tuple[str, ...]], columns: dict[str, str]) -> pd.Series:
    mask = pd.Series(True, index=table.frame.index)
    for wanted, allowed in conditions.items():
        texts = table.frame[columns[wanted]].map(cell_text)
        mask &= texts.isin(allowed)
    return mask


def _date_columns(source: Source, table: RawTable, columns: dict[str, str], problems: Report) -> dict[str, int]:
    used = set(columns.values())
    dates: dict[str, int] = {}
    for column in table.columns:
        if column in used:
            continue
        if source.spalten is not None and not source.spalten.search(column):
            continue
        try:
            dates[column] = parse_year(column)
        except ValueError:
            if source.spalten is not None:
                problems.error(
                    table.file,
                    f"{source.label()}: Spalte passt auf „spalten“, aber der Kopf ist kein Jahr oder Stichtag.",
                    column=column,
                )
    years = list(dates.values())
    for year in sorted({y for y in years if years.count(y) > 1}):
        twice = [c for c, y in dates.items() if y == year]
        problems.error(
            table.file,
            f"{source.label()}: mehrere Stichtage im Jahr {year} ({', '.join(twice)}). Das Dashboard zeigt einen "
            'Wert je Jahr: wählen Sie die Spalten mit „spalten“ (Suchmuster), z. B. spalten = "^31\\\\.12\\\\.".',
        )
    if not dates:
        problems.error(
            table.file,
            f'{source.label()}: layout = "breit", aber keine Spalte ist ein Jahr oder Stichtag (wie 2016 oder '
            "31.12.2016). Ist das Layout „lang“?",
        )
    return dates


def source_values(
    source: Source,
    table: RawTable,
    fixed_year: int | None,
    target: dict[int, str],
    columns: dict[str, str],
    catalogue: dict[str, CatalogueEntry],
    result: SourceResult,
    problems: Report,
) -> list[tuple]:
    file = table.file
    frame = table.frame
    fmt = source.zahlen
    records: list[tuple] = []
    cells = _Cells()
    bad_years: dict[int, str] = {}  # line → text
    rows = sorted(target)
    date_columns = _date_columns(source, table, columns, problems) if source.layout == "breit" else {}
    if source.layout == "breit":
        for column in date_columns:
            if all(cell_text(frame.at[i, column]) == "" for i in rows):
                result.dropped.append(dropped(file, f"Stichtag {column}: Spalte ganz leer", 1, "Spalten"))
        date_columns = {c: y for c, y in date_columns.items() if any(cell_text(frame.at[i, c]) for i in rows)}
    picked_any: set[int] = set()
    for use in source.indikatoren:
        if use.indikator_id not in catalogue:
            continue
        chosen = condition_mask(table, use.auswahl, columns)
        use_rows = [i for i in rows if chosen[i]]
        picked_any.update(use_rows)
        counts = {EMPTY: 0, SUPPRESSED: 0, MISSING: 0}
        if source.layout == "lang":
            column = columns[use.spalte or source.wert]  # type: ignore[index]
            pairs = [(i, column) for i in use_rows]
        else:
            pairs = [(i, c) for i in use_rows for c in date_columns]
        for index, column in pairs:
            line = table.lines[index]
            if source.layout == "breit":
                year = date_columns[column]
            elif use.stichtag is not None or fixed_year is not None or source.jahr is None:
                year = use.stichtag or fixed_year or source.stichtag
            else:
                try:
                    year = parse_year(frame.at[index, columns[source.jahr]])
                except ValueError:
                    bad_years[line] = cell_text(frame.at[index, columns[source.jahr]])
                    continue
            cell = frame.at[index, column]
            try:
                kind, number = parse_cell(cell, fmt)
            except ValueError:
                cells.bad[column].append((line, cell_text(cell)))
                continue
            if kind == NUMBER:
                records.append((target[index], use.indikator_id, year, number, None, file, line, column, use.summieren))
            elif kind == SUPPRESSED:
                counts[SUPPRESSED] += 1
                marker = cell_text(cell)
                records.append(
                    (target[index], use.indikator_id, year, None, f"{NOTE_SUPPRESSED} („{marker}“)", file, line,
                     column, use.summieren)
                )  # fmt: skip
            else:
                counts[kind] += 1
        for kind, reason in ((EMPTY, "leere Zelle"), (MISSING, f"als fehlend markiert ({', '.join(fmt.fehlend)})")):
            if counts[kind]:
                result.dropped.append(dropped(file, f"{use.indikator_id}: {reason}", counts[kind], "Werte"))
        if counts[SUPPRESSED]:
            result.notes.append(
                f"{use.indikator_id}: {counts[SUPPRESSED]} Werte in der Quelle gesperrt "
                f"({', '.join(fmt.geheim)}); als Zeile ohne Wert mit Anmerkung übernommen."
            )
    unused = [i for i in rows if i not in picked_any]
    if unused:
        result.dropped.append(dropped(file, "von keinem Indikator ausgewählt", len(unused)))
    _report_cells(source, table, cells, problems)
    if bad_years:
        shown = ", ".join(f"Zeile {line}: „{text}“" for line, text in list(bad_years.items())[:MAX_CELL_MESSAGES])
        problems.error(
            file,
            f"{source.label()}: {len(bad_years)} Zellen sind kein Jahr oder Stichtag ({shown}). Erwartet wird z. B. "
            "2024, 31.12.2024 oder 2024-12-31.",
            row=next(iter(bad_years)),
            column=columns[source.jahr],  # type: ignore[index]
        )
    return records


def _report_cells(source: Source, table: RawTable, cells: _Cells, problems: Report) -> None:
    for column, bad in cells.bad.items():
        for line, text in bad[:MAX_CELL_MESSAGES]:
            problems.error(
                table.file,
                f"Keine Zahl. {number_hint(text, source.zahlen)}",
                row=line,
                column=column,
                value=text,
            )
        if len(bad) > MAX_CELL_MESSAGES:
            problems.error(
                table.file,
                f"… und {len(bad) - MAX_CELL_MESSAGES} weitere Zellen dieser Spalte, die keine Zahl sind.",
                column=column,
            )
