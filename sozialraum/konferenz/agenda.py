"""The agenda of a Sozialraumkonferenz: a TOML file in the data folder (`konferenzen/<id>.toml`).

Reading never raises for a bad file: every problem becomes a `Problem` with file, slide number,
key, what was expected and what was found, in German, so a planner can fix the file in one pass.
`to_toml` writes an agenda back (the editor page uses it); `parse_agenda(to_toml(a))` gives `a`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..i18n import SOURCE, languages
from ..schemas import parse_date

FOLDER = "konferenzen"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")

# slide type → (German label, {key: (kind, required, description)})
# kinds: "indikator", "jahr", "datum", "text", "punkte", "bool", "handlungsfeld"
SLIDE_TYPES: dict[str, tuple[str, dict[str, tuple[str, bool, str]]]] = {
    "steckbrief": ("Steckbrief des Sozialraums", {"jahr": ("jahr", False, "Jahr der Werte (Standard: das neueste)")}),
    "karte": (
        "Karte eines Indikators",
        {
            "indikator": ("indikator", True, "Indikator-Kennung aus indikatoren.csv"),
            "jahr": ("jahr", False, "Jahr (Standard: das neueste)"),
        },
    ),
    "entwicklung": ("Entwicklung eines Indikators", {"indikator": ("indikator", True, "Indikator-Kennung")}),
    "vergleich": (
        "Vergleich mit den anderen Sozialräumen",
        {
            "indikator": ("indikator", True, "Indikator-Kennung"),
            "jahr": ("jahr", False, "Jahr (Standard: das neueste)"),
        },
    ),
    "massnahmen": (
        "Maßnahmen im Sozialraum",
        {"handlungsfeld": ("handlungsfeld", False, "nur dieses Handlungsfeld (Kennung)")},
    ),
    "aenderungen": ("Was sich seit der letzten Konferenz geändert hat", {"seit": ("datum", True, "Datum")}),
    "erfassung": ("Erfassung: Stärken, Chancen, Herausforderungen, Ideen", {"leitfrage": ("text", True, "Leitfrage")}),
    "abstimmung": (
        "Punkteabstimmung",
        {
            "frage": ("text", False, "Frage über der Abstimmung"),
            "punkte": ("punkte", False, "Punkte je Teilnehmerin oder Teilnehmer (1–20, Standard 3)"),
            "haeufeln": ("bool", False, "mehrere Punkte auf eine Karte erlaubt (true/false, Standard true)"),
            "rangliste": ("bool", False, "Rangliste schon während der Abstimmung zeigen (true/false, Standard false)"),
        },
    ),
}
COMMON_KEYS = {"art", "titel"}
TOP_KEYS = {"titel", "datum", "ort", "gebiet", "beginn", "moderation", "adresse", "zweitsprache", "folie"}
KIND_EXPECTED = {
    "indikator": "eine Indikator-Kennung aus indikatoren.csv",
    "jahr": "eine Jahreszahl wie 2024",
    "datum": "ein Datum wie 2026-03-31 oder „31.03.2026“",
    "text": "einen nicht leeren Text in Anführungszeichen",
    "punkte": "eine ganze Zahl von 1 bis 20",
    "bool": "true oder false",
    "handlungsfeld": "eine Handlungsfeld-Kennung aus handlungsfelder.csv",
}
DEFAULT_DOTS = 3


def second_languages() -> list[str]:
    """Codes a conference may show as a second line on its slides: every shipped language but German."""
    return [code for code in languages() if code != SOURCE]


@dataclass(frozen=True)
class Problem:
    """One problem in an agenda file; `folie` is 1-based, None for the file head."""

    file: str
    expected: str
    key: str | None = None
    folie: int | None = None
    found: str | None = None

    def as_text(self) -> str:
        parts = [self.file]
        if self.folie is not None:
            parts.append(f"Folie {self.folie}")
        if self.key:
            parts.append(f"Schlüssel „{self.key}“")
        found = f" (gefunden: „{self.found}“)" if self.found not in (None, "") else ""
        return f"{', '.join(parts)}: erwartet {self.expected}{found}."


@dataclass(frozen=True)
class Slide:
    art: str
    params: dict[str, Any] = field(default_factory=dict)
    titel: str = ""

    @property
    def label(self) -> str:
        return SLIDE_TYPES[self.art][0]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)


@dataclass(frozen=True)
class Agenda:
    id: str
    titel: str
    datum: date
    ort: str
    gebiet: str
    slides: tuple[Slide, ...]
    beginn: str = ""
    moderation: str = ""
    adresse: str = ""  # base URL that phones in the room reach (e.g. http://192.168.1.20:8501)
    zweitsprache: str = ""  # a language code (`?sprache=`): the slides repeat headings and the vote's hint in it

    def is_past(self, today: date) -> bool:
        return self.datum < today


@dataclass(frozen=True)
class Known:
    """What the data folder offers, to check an agenda's references (empty set: not checked)."""

    areas: frozenset[str] = frozenset()
    indicators: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    fields: frozenset[str] = frozenset()

    @classmethod
    def from_bundle(cls, bundle) -> Known:
        fields = bundle.plan.fields["handlungsfeld_id"] if not bundle.plan.fields.empty else []
        levels = [areas for areas, _ in bundle.levels.values()] or [bundle.areas]
        return cls(
            frozenset(g for areas in levels for g in areas["gebiet_id"]),
            frozenset(bundle.catalogue.index),
            frozenset(bundle.years),
            frozenset(str(f) for f in fields),
        )


@dataclass
class ParseResult:
    agenda: Agenda | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.agenda is not None and not self.problems


def agenda_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value.strip(), exported=True)
        except ValueError:
            return None
    return None


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def parse_agenda(text: str, file: str, known: Known | None = None) -> ParseResult:
    """Read one agenda. `file` is the name shown in messages (e.g. `konferenzen/bieblach-ost-2026.toml`)."""
    known = known or Known()
    problems: list[Problem] = []
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return ParseResult(None, [Problem(file, f"gültiges TOML ({exc})")])
    stem = Path(file).stem
    if not ID_PATTERN.match(stem):
        problems.append(
            Problem(file, "einen Dateinamen aus Kleinbuchstaben, Ziffern, - und _ (er ist die Kennung)", found=stem)
        )

    def head_text(key: str, required: bool) -> str:
        value = raw.get(key)
        if value is None:
            if required:
                problems.append(Problem(file, KIND_EXPECTED["text"], key=key, found="fehlt"))
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            problems.append(Problem(file, KIND_EXPECTED["text"], key=key, found=_show(value)))
            return ""
        return value.strip()

    titel = head_text("titel", True)
    ort = head_text("ort", True)
    beginn = head_text("beginn", False)
    moderation = head_text("moderation", False)
    adresse = head_text("adresse", False)
    if adresse and not re.match(r"^https?://[^/\s]+", adresse):
        problems.append(Problem(file, "eine Adresse wie http://192.168.1.20:8501", key="adresse", found=adresse))
    zweitsprache = head_text("zweitsprache", False)
    if zweitsprache and zweitsprache not in second_languages():
        expected = "einen Sprachcode: " + ", ".join(second_languages())
        problems.append(Problem(file, expected, key="zweitsprache", found=zweitsprache))
    datum = agenda_date(raw.get("datum"))
    if datum is None:
        problems.append(Problem(file, KIND_EXPECTED["datum"], key="datum", found=_show(raw.get("datum", "fehlt"))))
    gebiet = raw.get("gebiet")
    if not isinstance(gebiet, str) or not gebiet.strip():
        problems.append(
            Problem(
                file, 'die Kennung des Sozialraums als Text, z. B. "05"', key="gebiet", found=_show(gebiet or "fehlt")
            )
        )
        gebiet = ""
    elif known.areas and gebiet not in known.areas:
        problems.append(Problem(file, "eine gebiet_id aus der Gebietsdatei", key="gebiet", found=gebiet))
    for key in raw:
        if key not in TOP_KEYS:
            problems.append(
                Problem(file, f"nur die Schlüssel {', '.join(sorted(TOP_KEYS))}", key=key, found="unbekannt")
            )
    raw_slides = raw.get("folie", [])
    if not isinstance(raw_slides, list) or not all(isinstance(s, dict) for s in raw_slides):
        problems.append(Problem(file, "Folien als [[folie]]-Abschnitte", key="folie"))
        raw_slides = []
    if not raw_slides:
        problems.append(Problem(file, "mindestens eine Folie ([[folie]] mit art = …)", key="folie", found="keine"))
    slides = [_parse_slide(s, i, file, known, problems) for i, s in enumerate(raw_slides, start=1)]
    if problems:
        return ParseResult(None, problems)
    agenda = Agenda(
        id=stem,
        titel=titel,
        datum=datum,  # type: ignore[arg-type]
        ort=ort,
        gebiet=gebiet,
        slides=tuple(s for s in slides if s is not None),
        beginn=beginn,
        moderation=moderation,
        adresse=adresse.rstrip("/"),
        zweitsprache=zweitsprache,
    )
    return ParseResult(agenda, [])


def _parse_slide(raw: dict, number: int, file: str, known: Known, problems: list[Problem]) -> Slide | None:
    art = raw.get("art")
    if art not in SLIDE_TYPES:
        problems.append(
            Problem(
                file, f"art = eine von {', '.join(SLIDE_TYPES)}", key="art", folie=number, found=_show(art or "fehlt")
            )
        )
        return None
    spec = SLIDE_TYPES[art][1]
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if key in COMMON_KEYS:
            continue
        if key not in spec:
            allowed = ", ".join([*spec, "titel"])
            problems.append(
                Problem(
                    file, f'bei art = "{art}" nur die Schlüssel {allowed}', key=key, folie=number, found="unbekannt"
                )
            )
            continue
        checked = _check_value(spec[key][0], value, known)
        if checked is None:
            problems.append(Problem(file, KIND_EXPECTED[spec[key][0]], key=key, folie=number, found=_show(value)))
            continue
        params[key] = checked
    for key, (kind, required, _) in spec.items():
        if required and key not in params and key not in raw:
            problems.append(Problem(file, KIND_EXPECTED[kind], key=key, folie=number, found="fehlt"))
    titel = raw.get("titel", "")
    if not isinstance(titel, str):
        problems.append(Problem(file, KIND_EXPECTED["text"], key="titel", folie=number, found=_show(titel)))
        titel = ""
    return Slide(art, params, titel.strip())


def _check_value(kind: str, value: Any, known: Known) -> Any:
    """The value in its Python form, or None when it does not fit."""
    if kind == "indikator":
        ok = isinstance(value, str) and (not known.indicators or value in known.indicators)
        return value if ok else None
    if kind == "jahr":
        ok = isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2100
        return value if ok and (not known.years or value in known.years) else None
    if kind == "datum":
        return agenda_date(value)
    if kind == "text":
        return value.strip() if isinstance(value, str) and value.strip() else None
    if kind == "punkte":
        ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 20
        return value if ok else None
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if kind == "handlungsfeld":
        text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        return text if text is not None and (not known.fields or text in known.fields) else None
    raise ValueError(kind)


def read_agenda(path: Path, known: Known | None = None, root: Path | None = None) -> ParseResult:
    """Read an agenda file; messages name it relative to `root` (the data folder)."""
    name = str(path.relative_to(root)) if root is not None and path.is_relative_to(root) else path.name
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return ParseResult(None, [Problem(name, f"eine lesbare UTF-8-Datei ({exc})")])
    return parse_agenda(text, name, known)


def agenda_files(data_folder: Path) -> list[Path]:
    folder = data_folder / FOLDER
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def read_all(data_folder: Path, known: Known | None = None) -> dict[str, ParseResult]:
    """Every agenda of a data folder by id (file stem), newest conference first, broken files last."""
    results = {p.stem: read_agenda(p, known, data_folder) for p in agenda_files(data_folder)}
    return dict(
        sorted(
            results.items(),
            key=lambda item: (item[1].agenda is None, -(item[1].agenda.datum.toordinal() if item[1].agenda else 0)),
        )
    )


# --- writing --------------------------------------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{text}"'


def to_toml(agenda: Agenda) -> str:
    """The agenda as TOML, in the order a planner reads it."""
    lines = [f"# Sozialraumkonferenz: {agenda.titel}", "# Aufbau: docs/konferenz.md", ""]
    head = {
        "titel": agenda.titel,
        "datum": agenda.datum,
        "beginn": agenda.beginn,
        "ort": agenda.ort,
        "gebiet": agenda.gebiet,
        "moderation": agenda.moderation,
        "adresse": agenda.adresse,
        "zweitsprache": agenda.zweitsprache,
    }
    lines += [f"{k} = {_toml_value(v)}" for k, v in head.items() if v not in ("", None)]
    for slide in agenda.slides:
        lines += ["", "[[folie]]", f"art = {_toml_value(slide.art)}"]
        if slide.titel:
            lines.append(f"titel = {_toml_value(slide.titel)}")
        lines += [f"{k} = {_toml_value(v)}" for k, v in slide.params.items()]
    return "\n".join(lines) + "\n"


def write_agenda(agenda: Agenda, data_folder: Path) -> Path:
    """Save atomically as `konferenzen/<id>.toml`; returns the path."""
    if not ID_PATTERN.match(agenda.id):
        raise ValueError(f"Ungültige Kennung „{agenda.id}“: nur Kleinbuchstaben, Ziffern, - und _.")
    folder = data_folder / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{agenda.id}.toml"
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(to_toml(agenda), encoding="utf-8")
    tmp.replace(path)
    return path


def slug(text: str) -> str:
    """A file id from a title: 'Konferenz Bieblach-Ost 2026' → 'konferenz-bieblach-ost-2026'."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    text = re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")
    return text[:64] or "konferenz"
