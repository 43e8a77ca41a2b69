"""The import report: what was read, left out, matched and written, in German; the failure carrying it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..datafolder import Dropped, percent
from ..report import Report
from .spec import MappingError

MAX_CELL_MESSAGES = 5  # per file and column; the rest is counted


MAX_DUPLICATE_MESSAGES = 10


NOTE_SUPPRESSED = "in der Quelle gesperrt"


REPORT_FILE = "IMPORT.txt"


class ImportFailed(MappingError):
    """Raised with the problems and, when it got that far, the import report so far."""

    def __init__(self, report: Report, result: ImportReport | None = None) -> None:
        super().__init__(report)
        self.result = result


@dataclass
class JoinResult:
    """Table ↔ polygons for one source file: which keys found a polygon, which polygons got rows."""

    table: str
    by: str  # "Kennung" or "Name"
    column: str
    area_keys: int
    matched: int
    non_area: list[str]  # "0 „Jena (gesamt)“ → gesamt"
    unmatched: list[str]  # keys (with names) of area rows without a polygon
    ambiguous: list[str]
    polygons: int
    polygons_matched: int
    polygons_without: list[str]  # "13 Name"

    @property
    def table_keys(self) -> int:
        return self.area_keys + len(self.non_area)

    @property
    def table_rate(self) -> float:
        return self.matched / self.area_keys if self.area_keys else 0.0

    @property
    def polygon_rate(self) -> float:
        return self.polygons_matched / self.polygons if self.polygons else 0.0

    def as_text(self) -> str:
        lines = [
            f"{self.table} (über {self.by} in Spalte „{self.column}“): "
            f"{self.matched}/{self.area_keys} Gebiete der Tabelle mit Fläche ({percent(self.table_rate)}), "
            f"{self.matched}/{self.table_keys} aller Einträge; "
            f"{self.polygons_matched}/{self.polygons} Flächen mit Werten ({percent(self.polygon_rate)})"
        ]
        if self.non_area:
            lines.append(f"  keine Gebiete (laut Zuordnung): {'; '.join(self.non_area)}")
        lines.append(f"  ohne Fläche: {'; '.join(self.unmatched) or '–'}")
        if self.ambiguous:
            lines.append(f"  mehrdeutig (Name passt auf mehrere Flächen): {'; '.join(self.ambiguous)}")
        lines.append(f"  Flächen ohne Zeile: {'; '.join(self.polygons_without) or '–'}")
        return "\n".join(lines)


@dataclass
class SourceResult:
    file: str
    detected: str
    rows_read: int
    dropped: list[Dropped] = field(default_factory=list)
    join: JoinResult | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What the import read, left out, matched and wrote; ends with the dashboard's check."""

    mapping: Path
    quelle: Path
    ziel: Path
    areas_file: str = ""
    areas_detected: str = ""
    areas: int = 0
    area_notes: list[str] = field(default_factory=list)
    sources: list[SourceResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    values_written: int = 0
    indicators: dict[str, str] = field(default_factory=dict)  # id → "n Werte, Jahre a–b"
    years: list[int] = field(default_factory=list)
    check: Report | None = None

    def join(self, file: str) -> JoinResult:
        """Join statistics of one source file (KeyError if there is none)."""
        for source in self.sources:
            if source.file == file and source.join is not None:
                return source.join
        raise KeyError(file)

    def source(self, file: str) -> SourceResult:
        for source in self.sources:
            if source.file == file:
                return source
        raise KeyError(file)

    def as_text(self) -> str:
        lines = [f"Import nach {self.mapping.name}", f"Quelle: {self.quelle}", f"Ziel:   {self.ziel}", ""]
        lines.append(f"Gebiete: {self.areas_file}: {self.areas} Flächen übernommen; {self.areas_detected}")
        lines += [f"  - {note}" for note in self.area_notes]
        for source in self.sources:
            lines += ["", f"Quelle {source.file}: {source.rows_read} Zeilen gelesen ({source.detected})"]
            if source.dropped:
                lines.append("  Nicht übernommen:")
                lines += [f"    {d.as_text()}" for d in source.dropped]
            else:
                lines.append("  Nicht übernommen: nichts")
            if source.join is not None:
                lines.append("  Abgleich Tabelle ↔ Flächen:")
                lines += [f"    {line}" for line in source.join.as_text().splitlines()]
            lines += [f"  - {note}" for note in source.notes]
        if self.notes:
            lines += ["", "Hinweise:"] + [f"  - {note}" for note in self.notes]
        years = f"{min(self.years)}–{max(self.years)}" if self.years else "keine"
        if self.values_written:
            lines.append("")
            lines.append(f"Geschrieben: {self.values_written} Werte, {len(self.indicators)} Indikatoren, Jahre {years}")
            lines += [f"  {ind}: {text}" for ind, text in self.indicators.items()]
        if self.check is not None:
            lines += ["", f"Prüfbericht des Dashboards für {self.ziel}:", self.check.as_text()]
        return "\n".join(lines)


_SINGULAR = {"Zeilen": "Zeile", "Werte": "Wert", "Spalten": "Spalte"}


def dropped(
    file: str, reason: str, count: int, unit: str = "Zeilen", ids: tuple[str, ...] = (), by_name: bool = False
) -> Dropped:
    unit = _SINGULAR.get(unit, unit) if count == 1 else unit
    return Dropped(file, reason, count, unit, ids, "Namen" if by_name else "Kennungen")
