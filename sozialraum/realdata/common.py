"""Shared pieces of the real-data converters: the conversion report, ID joins, reading source tables.

The contract writers and atomic output they use live in `sozialraum.datafolder` (shared with the importer).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..datafolder import Dropped, percent


@dataclass(frozen=True)
class JoinStats:
    """How well the IDs of one table match the polygon IDs."""

    table: str
    table_ids: int
    matched: int
    polygons: int
    polygons_matched: int
    unmatched_ids: tuple[str, ...]  # table IDs without a polygon
    polygons_without_rows: tuple[str, ...]  # polygon IDs without a table row

    @property
    def table_rate(self) -> float:
        return self.matched / self.table_ids if self.table_ids else 0.0

    @property
    def polygon_rate(self) -> float:
        return self.polygons_matched / self.polygons if self.polygons else 0.0

    def as_text(self) -> str:
        unmatched = ", ".join(self.unmatched_ids) or "–"
        without = ", ".join(self.polygons_without_rows) or "–"
        return (
            f"{self.table}: {self.matched}/{self.table_ids} Tabellenzeilen mit Fläche ({percent(self.table_rate)}), "
            f"{self.polygons_matched}/{self.polygons} Flächen mit Zeile ({percent(self.polygon_rate)}); "
            f"ohne Fläche: {unmatched}; Flächen ohne Zeile: {without}"
        )


@dataclass
class ConversionReport:
    """What a conversion read, left out, matched and wrote; `as_text` gives it in German."""

    city: str
    source: Path
    target: Path
    areas: int = 0
    rows_read: dict[str, int] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)
    joins: list[JoinStats] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    values_written: int = 0
    indicators: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    def join(self, table: str) -> JoinStats:
        """The join statistics of one table (KeyError if it was not recorded)."""
        for stats in self.joins:
            if stats.table == table:
                return stats
        raise KeyError(table)

    def as_text(self) -> str:
        lines = [f"Umwandlung {self.city}: {self.source} → {self.target}", f"Gebiete (Flächen): {self.areas}"]
        lines.append("Gelesene Zeilen:")
        lines += [f"  {name}: {count}" for name, count in self.rows_read.items()]
        lines.append("Nicht übernommen:" if self.dropped else "Nicht übernommen: nichts")
        lines += [f"  {d.as_text()}" for d in self.dropped]
        lines.append("Abgleich Tabelle ↔ Flächen (über die Kennung, nie über Namen):")
        lines += [f"  {j.as_text()}" for j in self.joins]
        if self.notes:
            lines.append("Hinweise:")
            lines += [f"  - {note}" for note in self.notes]
        years = f"{min(self.years)}–{max(self.years)}" if self.years else "keine"
        lines.append(
            f"Geschrieben: {self.values_written} Werte, {len(self.indicators)} Indikatoren "
            f"({', '.join(self.indicators)}), Jahre {years}"
        )
        return "\n".join(lines)


def join_stats(table: str, table_ids: Iterable[str], polygon_ids: Iterable[str]) -> JoinStats:
    """Match table IDs against polygon IDs (both as text, exactly)."""
    rows = list(dict.fromkeys(table_ids))
    polygons = list(dict.fromkeys(polygon_ids))
    polygon_set, row_set = set(polygons), set(rows)
    unmatched = tuple(i for i in rows if i not in polygon_set)
    without = tuple(sorted(i for i in polygons if i not in row_set))
    return JoinStats(
        table=table,
        table_ids=len(rows),
        matched=len(rows) - len(unmatched),
        polygons=len(polygons),
        polygons_matched=len(polygons) - len(without),
        unmatched_ids=unmatched,
        polygons_without_rows=without,
    )


def read_id_csv(path: Path, id_columns: Iterable[str]) -> pd.DataFrame:
    """Read a comma-separated source table with the given ID columns kept as text (leading zeros)."""
    return pd.read_csv(path, dtype={c: str for c in id_columns}, encoding="utf-8")
