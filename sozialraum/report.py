"""The validation report: every problem found while loading, in German, with its location."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["Fehler", "Warnung"]


@dataclass(frozen=True)
class Issue:
    """One problem in one place of one input file."""

    severity: Severity
    file: str
    message: str
    row: int | None = None  # line number in the file as a spreadsheet shows it (header = 1)
    column: str | None = None
    value: str | None = None

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"Zeile {self.row}")
        if self.column:
            parts.append(f"Spalte „{self.column}“")
        return ", ".join(parts)

    def as_text(self) -> str:
        found = f" (gefunden: „{self.value}“)" if self.value not in (None, "") else ""
        return f"{self.severity}: {self.location()}: {self.message}{found}"


@dataclass
class Report:
    """Collects issues and what was detected about each file (encoding, separator …)."""

    issues: list[Issue] = field(default_factory=list)
    detected: dict[str, str] = field(default_factory=dict)

    def error(self, file: str, message: str, **where: object) -> None:
        self.issues.append(Issue("Fehler", file, message, **where))  # type: ignore[arg-type]

    def warning(self, file: str, message: str, **where: object) -> None:
        self.issues.append(Issue("Warnung", file, message, **where))  # type: ignore[arg-type]

    def extend(self, issues: list[Issue]) -> None:
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "Fehler"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "Warnung"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_records(self) -> list[dict[str, object]]:
        """Rows for a table: one per issue, German column names."""
        return [
            {
                "Art": i.severity,
                "Datei": i.file,
                "Zeile": i.row,
                "Spalte": i.column or "",
                "Gefundener Wert": i.value or "",
                "Erwartet / Problem": i.message,
            }
            for i in self.issues
        ]

    def as_text(self) -> str:
        lines = [f"Erkannt: {name}: {info}" for name, info in self.detected.items()]
        lines += [i.as_text() for i in self.issues]
        summary = f"{len(self.errors)} Fehler, {len(self.warnings)} Warnungen"
        return "\n".join([*lines, summary])
