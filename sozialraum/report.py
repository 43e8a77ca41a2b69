"""The validation report: every problem found while loading, with its location.

A message is a `Message`: its German template (a msgid of the catalogues, marked `N_()` where it is written)
and its values, so the public page can show it in the visitor's language (`Issue.render(translator)`) while
`check`, the importer and the tests read the German text (`Issue.message`) exactly as before. Values that are
data (file and column names, what was found) stay as they are; numbers with decimals are `Number`s, written
per locale outside German. A plain string is a message without translation: it stays German everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

Severity = Literal["Fehler", "Warnung"]


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; it is translated where it is shown."""
    return message


class Translate(Protocol):
    """What `sozialraum.i18n.Translator` offers here (this module does not import Babel)."""

    @property
    def language(self) -> object: ...

    def __call__(self, message: str, **values: object) -> str: ...

    def number(self, value: float) -> str: ...


def _german(tr: Translate | None) -> bool:
    return tr is None or str(getattr(tr.language, "locale", "de")).startswith("de")


@dataclass(frozen=True)
class Number:
    """A number in a message: German (and Leichte Sprache) as `german` says, as before; else per locale."""

    value: float
    german: str

    def render(self, tr: Translate | None = None) -> str:
        return self.german if _german(tr) else tr.number(self.value)  # type: ignore[union-attr]


@dataclass(frozen=True)
class Message:
    """A German template with `{name}` placeholders and its values (strings, numbers or messages)."""

    template: str
    values: tuple[tuple[str, str | Number | Message], ...] = ()

    def render(self, tr: Translate | None = None) -> str:
        """The text in `tr`'s language; without a translator German, exactly as `template.format` writes it."""
        values = {name: value if isinstance(value, str) else value.render(tr) for name, value in self.values}
        return (self.template if tr is None else tr(self.template)).format(**values)


def msg(template: str, **values: str | int | Number | Message) -> Message:
    """`msg(N_("Pflichtspalte „{spalte}“ fehlt."), spalte=name)`; ints are written as digits in every language."""
    return Message(template, tuple((k, str(v) if isinstance(v, int) else v) for k, v in values.items()))


@dataclass(frozen=True)
class Issue:
    """One problem in one place of one input file."""

    severity: Severity
    file: str
    message: str  # German, as `check` prints it
    row: int | None = None  # line number in the file as a spreadsheet shows it (header = 1)
    column: str | None = None
    value: str | None = None
    text: Message | None = None  # the message as template and values; None: German only

    def render(self, tr: Translate | None = None) -> str:
        """The message in `tr`'s language; German where it has no template."""
        return self.message if self.text is None or tr is None else self.text.render(tr)

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


def _issue(severity: Severity, file: str, message: str | Message, where: dict[str, object]) -> Issue:
    if isinstance(message, Message):
        return Issue(severity, file, message.render(), text=message, **where)  # type: ignore[arg-type]
    return Issue(severity, file, message, **where)  # type: ignore[arg-type]


@dataclass
class Report:
    """Collects issues and what was detected about each file (encoding, separator …)."""

    issues: list[Issue] = field(default_factory=list)
    detected: dict[str, str] = field(default_factory=dict)

    def error(self, file: str, message: str | Message, **where: object) -> None:
        self.issues.append(_issue("Fehler", file, message, where))

    def warning(self, file: str, message: str | Message, **where: object) -> None:
        self.issues.append(_issue("Warnung", file, message, where))

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

    def as_records(self, tr: Translate | None = None) -> list[dict[str, object]]:
        """Rows for a table: one per issue, German column names; the message in `tr`'s language."""
        return [
            {
                "Art": i.severity,
                "Datei": i.file,
                "Zeile": i.row,
                "Spalte": i.column or "",
                "Gefundener Wert": i.value or "",
                "Erwartet / Problem": i.render(tr),
            }
            for i in self.issues
        ]

    def as_text(self) -> str:
        lines = [f"Erkannt: {name}: {info}" for name, info in self.detected.items()]
        lines += [i.as_text() for i in self.issues]
        summary = f"{len(self.errors)} Fehler, {len(self.warnings)} Warnungen"
        return "\n".join([*lines, summary])
