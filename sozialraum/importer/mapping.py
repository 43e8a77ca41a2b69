"""The mapping file (TOML): reading, checking every key, and the typed description of an import.

Every problem becomes one German message that names the place in the mapping file
(`[[quellen]] Nr. 2, Schlüssel „layout“`) and says what is allowed, so a planner can fix the
file without reading Python. All problems are collected before anything is read or written.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..report import Report
from ..schemas import AGGREGATIONS, OPEN_BOUND, POLARITIES
from ..settings import documented_keys

LAYOUTS = ("lang", "breit")
KEY_KINDS = ("kennung", "name")
NON_AREA_ACTIONS = ("gesamt", "weglassen")
CASE_COUNT = ("wert", "zaehler", "keine")
OUTPUTS = ("gebiete.geojson", "gebiete.gpkg")
INDICATOR_ID = re.compile(r"^[a-z0-9_]+$")
LINE_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*$")
CATALOGUE_TEXT = ("name", "kurzname", "einheit", "thema", "definition", "quelle", "datenstand", "handlungsfeld_id")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class MappingError(Exception):
    """The mapping file or the raw files cannot be imported; `report` holds every problem."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(report.as_text())


# --- typed description -------------------------------------------------------------


@dataclass(frozen=True)
class NumberFormat:
    """How numbers are written in one source."""

    dezimalzeichen: str = ","
    tausender: str = ""
    geheim: tuple[str, ...] = ()  # suppressed (Statistik: „.“ = geheim/unbekannt)
    fehlend: tuple[str, ...] = ()  # missing, no value
    null: tuple[str, ...] = ()  # means zero (Statistik: „-“ = nichts vorhanden)

    def describe(self) -> str:
        thousands = {"": "keins", " ": "Leerzeichen"}.get(self.tausender, f"„{self.tausender}“")
        return f"Dezimalzeichen „{self.dezimalzeichen}“, Tausendertrennzeichen {thousands}"


@dataclass(frozen=True)
class NonAreaRule:
    """Rows that are not areas: city total (→ `gesamt`) or to be left out."""

    number: int
    werte: tuple[str, ...] = ()
    muster: re.Pattern[str] | None = None
    zeilen: tuple[tuple[int, int], ...] = ()
    wo: dict[str, tuple[str, ...]] = field(default_factory=dict)
    als: str = "weglassen"
    grund: str = ""

    def label(self) -> str:
        if self.grund:
            return self.grund
        return "Gesamtstadt" if self.als == "gesamt" else f"kein Gebiet (Regel {self.number})"


@dataclass(frozen=True)
class IndicatorUse:
    """Which indicator one source provides, and from where (column and/or row selection)."""

    number: int
    indikator_id: str
    spalte: str | None = None
    auswahl: dict[str, tuple[str, ...]] = field(default_factory=dict)
    stichtag: int | None = None
    summieren: bool = False


@dataclass(frozen=True)
class Source:
    number: int
    datei: str
    layout: str
    gebiet: str
    schluessel: str = "kennung"
    jahre: tuple[int, ...] = ()
    blatt: str | int | None = None
    datensaetze: str = ""
    kodierung: str = ""
    trennzeichen: str = ""
    kopfzeile: int = 1
    datenbeginn: int | None = None
    stellen: int | None = None
    name: str | None = None
    jahr: str | None = None
    stichtag: int | None = None
    wert: str | None = None
    spalten: re.Pattern[str] | None = None
    zahlen: NumberFormat = NumberFormat()
    auswahl: dict[str, tuple[str, ...]] = field(default_factory=dict)
    umbenennen: dict[str, str] = field(default_factory=dict)
    nicht_gebiete: tuple[NonAreaRule, ...] = ()
    indikatoren: tuple[IndicatorUse, ...] = ()

    def label(self) -> str:
        return f"[[quellen]] Nr. {self.number}"


@dataclass(frozen=True)
class IdCorrection:
    """A wrong polygon id in a geometry file, fixed by the mapping: `id` (+ `wo`) → `neue_id`."""

    number: int
    id: str
    neue_id: str
    wo: dict[str, tuple[str, ...]] = field(default_factory=dict)
    grund: str = ""


@dataclass(frozen=True)
class AreaSource:
    """One `[gebiete]` / `[[gebiete]]` entry: a geometry file (or a level derived from another
    entry with `aus_ebene`), its level, and with `gueltig_ab`/`gueltig_bis` a geometry version."""

    datei: str
    id: str
    name: str
    layer: str | None = None
    stellen: int | None = None
    crs: str | None = None
    kodierung: str | None = None
    ebene: str = ""
    uebergeordnet: str | None = None
    einwohner: str | None = None
    einwohner_jahr: int | None = None
    ausgabe: str = "gebiete.geojson"
    number: int = 0  # 0: a single [gebiete] table; n: [[gebiete]] Nr. n
    gueltig_ab: int | None = None
    gueltig_bis: int | None = None
    uebergeordnet_stellen: int | None = None  # parent id = the first n characters of the id
    aus_ebene: str = ""  # derived level: union of that level's areas per `uebergeordnet`
    namen: dict[str, str] = field(default_factory=dict)  # names of derived areas by id
    korrekturen: tuple[IdCorrection, ...] = ()
    doppelte_ids: str = "fehler"  # what to do with ids that still occur twice: fehler | zusammenfassen
    vorgaenger_aus: str = ""  # level whose areas are predecessors (1:1 by area overlap)

    def label(self) -> str:
        return f"[[gebiete]] Nr. {self.number}" if self.number else "[gebiete]"


@dataclass(frozen=True)
class CatalogueEntry:
    """One indicator of the catalogue, plus how the import derives it (numerator / denominator)."""

    indikator_id: str
    fields: dict[str, object]
    zaehler: str | None = None
    nenner: str | None = None
    fallzahl: str = ""  # wert | zaehler | keine ("" = zaehler if there is one, else keine)


@dataclass
class Mapping:
    path: Path
    quelle: Path
    ziel: Path | None
    einstellungen: dict[str, dict[str, object]]
    gebiete: AreaSource  # the first entry: its `ausgabe` names the output file
    katalog_datei: str | None
    katalog: dict[str, CatalogueEntry]
    quellen: list[Source]
    ebenen: list[AreaSource] = field(default_factory=list)  # every [[gebiete]] entry, in file order

    @property
    def file(self) -> str:
        return self.path.name


# --- key checking ---------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    name: str
    kind: str  # text | int | bool | number | texts | table | tables | year | lines | text_or_int
    required: bool = False
    choices: tuple[str, ...] = ()
    example: str = ""
    low: int | None = None
    high: int | None = None


_KIND_TEXT = {
    "text": "ein Text in Anführungszeichen",
    "int": "eine ganze Zahl",
    "bool": "true oder false",
    "number": "eine Zahl",
    "bound": "eine Zahl oder „offen“",
    "texts": "ein Text oder eine Liste von Texten",
    "table": 'eine Tabelle { spalte = "wert" }',
    "tables": "eine Liste von Tabellen ([[…]])",
    "year": 'ein Jahr (2024) oder ein Stichtag als Text ("31.12.2024")',
    "lines": 'eine Zeilennummer, ein Bereich wie "101-107" oder eine Liste davon',
    "years": 'ein Jahr, eine Liste von Jahren oder ein Bereich wie "2021-2024"',
    "text_or_int": "ein Text (Name) oder eine ganze Zahl (Nummer)",
    "table_or_tables": "ein Abschnitt [gebiete] oder mehrere [[gebiete]]",
}


def _quote(items: tuple[str, ...] | list[str]) -> str:
    quoted = [f"„{i}“" for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " oder " + quoted[-1]


class _Checker:
    """Collects problems of one mapping file; `take` checks one table against its keys."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.report = Report()

    def error(self, where: str, message: str) -> None:
        self.report.error(self.file, f"{where}: {message}" if where else message)

    def take(self, raw: object, where: str, keys: tuple[Key, ...]) -> dict[str, object]:
        if not isinstance(raw, dict):
            self.error(where, "Tabelle erwartet (Abschnitt mit Schlüsseln).")
            return {}
        known = {k.name: k for k in keys}
        out: dict[str, object] = {}
        for name, value in raw.items():
            key = known.get(name)
            if key is None:
                close = difflib.get_close_matches(name, list(known), n=1)
                hint = f" Meinten Sie „{close[0]}“?" if close else ""
                self.error(where, f"Unbekannter Schlüssel „{name}“.{hint} Erlaubt sind: {', '.join(known)}.")
                continue
            checked = self._value(value, key, where)
            if checked is not None:
                out[name] = checked
        for key in keys:
            if key.required and key.name not in raw:
                example = f" (z. B. {key.example})" if key.example else ""
                self.error(where, f"Schlüssel „{key.name}“ fehlt{example}.")
        return out

    def _bad(self, key: Key, where: str, value: object) -> None:
        example = f", z. B. {key.example}" if key.example else ""
        self.error(
            where,
            f"Schlüssel „{key.name}“: erwartet wird {_KIND_TEXT[key.kind]}{example} (gefunden: {_show(value)}).",
        )

    def _value(self, value: object, key: Key, where: str) -> object | None:
        kind = key.kind
        ok = {
            "text": isinstance(value, str),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "bool": isinstance(value, bool),
            "number": isinstance(value, int | float) and not isinstance(value, bool),
            "bound": (isinstance(value, int | float) and not isinstance(value, bool)) or value == OPEN_BOUND,
            "table": isinstance(value, dict),
            "tables": isinstance(value, list) and all(isinstance(v, dict) for v in value),
            "texts": isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)),
            "year": isinstance(value, str | int) and not isinstance(value, bool),
            "lines": _is_lines(value),
            "years": _is_lines(value),
            "text_or_int": isinstance(value, str | int) and not isinstance(value, bool),
            "table_or_tables": isinstance(value, dict)
            or (isinstance(value, list) and all(isinstance(v, dict) for v in value)),
        }[kind]
        if not ok:
            self._bad(key, where, value)
            return None
        if kind == "int" and (
            (key.low is not None and value < key.low) or (key.high is not None and value > key.high)  # type: ignore[operator]
        ):
            span = f"von {key.low} bis {key.high}" if key.high is not None else f"ab {key.low}"
            self.error(where, f"Schlüssel „{key.name}“: eine ganze Zahl {span} erwartet (gefunden: {value}).")
            return None
        if key.choices and value not in key.choices:
            self.error(where, f"Schlüssel „{key.name}“: erlaubt sind {_quote(key.choices)} (gefunden: {_show(value)}).")
            return None
        if kind == "texts" and isinstance(value, str):
            return (value,)
        if kind == "texts":
            return tuple(value)  # type: ignore[arg-type]
        if kind == "year":
            year = _year_of(value)
            if year is None:
                self._bad(key, where, value)
            return year
        return value


def _show(value: object) -> str:
    if isinstance(value, str):
        return f"„{value}“"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "eine Tabelle"
    if isinstance(value, list):
        return "eine Liste"
    return str(value)


def _is_lines(value: object) -> bool:
    items = value if isinstance(value, list) else [value]
    return all(
        (isinstance(i, int) and not isinstance(i, bool) and i > 0) or (isinstance(i, str) and LINE_RANGE.match(i))
        for i in items
    )


def _year_of(value: object) -> int | None:
    from .raw import parse_year  # local import: raw imports this module's NumberFormat

    try:
        return parse_year(value)
    except ValueError:
        return None


def _lines(value: object) -> tuple[tuple[int, int], ...]:
    items = value if isinstance(value, list) else [value]
    ranges = []
    for item in items:
        if isinstance(item, int):
            ranges.append((item, item))
            continue
        match = LINE_RANGE.match(str(item))
        assert match  # checked by _is_lines
        low = int(match[1])
        ranges.append((low, int(match[2]) if match[2] else low))
    return tuple(ranges)


def _conditions(raw: object, where: str, key: str, checker: _Checker) -> dict[str, tuple[str, ...]]:
    """`{ spalte = "wert" }` or `{ spalte = ["a", "b"] }` → column → allowed (stripped) texts."""
    out: dict[str, tuple[str, ...]] = {}
    for column, allowed in (raw or {}).items():  # type: ignore[union-attr]
        if isinstance(allowed, str):
            out[column] = (allowed.strip(),)
        elif isinstance(allowed, list) and all(isinstance(a, str) for a in allowed):
            out[column] = tuple(a.strip() for a in allowed)
        elif isinstance(allowed, int | float) and not isinstance(allowed, bool):
            out[column] = (str(allowed),)
        else:
            checker.error(
                where,
                f"Schlüssel „{key}“, Spalte „{column}“: Text oder Liste von Texten erwartet "
                f'(z. B. {key} = {{ {column} = "Einwohner" }}).',
            )
    return out


def _regex(value: object, where: str, key: str, checker: _Checker) -> re.Pattern[str] | None:
    if value is None:
        return None
    try:
        return re.compile(str(value))
    except re.error as exc:
        checker.error(where, f"Schlüssel „{key}“: kein gültiges Suchmuster (regulärer Ausdruck): {exc}.")
        return None


# --- sections -------------------------------------------------------------------------

_TOP = (
    Key("import", "table"),
    Key("einstellungen", "table"),
    Key("gebiete", "table_or_tables", required=True),
    Key("katalog", "table"),
    Key("indikatoren", "table"),
    Key("quellen", "tables", required=True),
)
_IMPORT = (Key("quelle", "text"), Key("ziel", "text"))
DUPLICATE_IDS = ("fehler", "zusammenfassen")
_AREAS = (
    Key("datei", "text", example='datei = "stadtteile.shp"'),
    Key("id", "text", example='id = "STT_NR"'),
    Key("name", "text", example='name = "STT_NAME"'),
    Key("layer", "text"),
    Key("stellen", "int", example="stellen = 3", low=1, high=20),
    Key("crs", "text", example='crs = "EPSG:25832"'),
    Key("kodierung", "text", example='kodierung = "cp1252"'),
    Key("ebene", "text"),
    Key("uebergeordnet", "text"),
    Key("einwohner", "text", example='einwohner = "einwohner"'),
    Key("einwohner_jahr", "year"),
    Key("ausgabe", "text", choices=OUTPUTS),
    Key("gueltig_ab", "year", example="gueltig_ab = 2021"),
    Key("gueltig_bis", "year", example="gueltig_bis = 2020"),
    Key("uebergeordnet_stellen", "int", example="uebergeordnet_stellen = 2", low=1, high=20),
    Key("aus_ebene", "text", example='aus_ebene = "Planungsraum (ab 2021)"'),
    Key("namen", "table", example='namen = { "01" = "Mitte" }'),
    Key("korrekturen", "tables"),
    Key("doppelte_ids", "text", choices=DUPLICATE_IDS),
    Key("vorgaenger_aus", "text", example='vorgaenger_aus = "Planungsraum (bis 2020)"'),
)
_CORRECTION = (
    Key("id", "text", required=True, example='id = "06010102"'),
    Key("neue_id", "text", required=True, example='neue_id = "04030417"'),
    Key("wo", "table", example='wo = { BEZIRKSNAM = "Charlottenburg-Wilmersdorf" }'),
    Key("grund", "text"),
)
_CATALOGUE_FIELDS = (
    *(Key(name, "text") for name in CATALOGUE_TEXT),
    Key("polaritaet", "text", choices=POLARITIES),
    Key("dezimalstellen", "int", example="dezimalstellen = 1", low=0, high=3),
    Key("aggregation", "text", choices=AGGREGATIONS),
    Key("faktor", "number"),
    Key("min_fallzahl", "int", low=0),
    Key("wertebereich_min", "bound", example='wertebereich_min = "offen"'),
    Key("wertebereich_max", "bound", example="wertebereich_max = 100"),
)
_CATALOGUE = (Key("datei", "text"), *_CATALOGUE_FIELDS)
_INDICATOR = (
    *_CATALOGUE_FIELDS,
    Key("zaehler", "text", example='zaehler = "arbeitslose"'),
    Key("nenner", "text", example='nenner = "einwohner_15_65"'),
    Key("fallzahl", "text", choices=CASE_COUNT),
)
_SOURCE = (
    Key("datei", "text", required=True, example='datei = "bevoelkerung.csv"'),
    Key("layout", "text", required=True, choices=LAYOUTS),
    Key("gebiet", "text", required=True, example='gebiet = "raum_id"'),
    Key("schluessel", "text", choices=KEY_KINDS),
    Key("jahre", "years", example='jahre = "2021-2024"'),
    Key("blatt", "text_or_int"),
    Key("datensaetze", "text"),
    Key("kodierung", "text", example='kodierung = "cp1252"'),
    Key("trennzeichen", "text", example='trennzeichen = ";"'),
    Key("kopfzeile", "int", low=1),
    Key("datenbeginn", "int", low=2),
    Key("stellen", "int", example="stellen = 3", low=1, high=20),
    Key("name", "text"),
    Key("jahr", "text", example='jahr = "jahr"'),
    Key("stichtag", "year", example='stichtag = "31.12.2013"'),
    Key("wert", "text", example='wert = "zahl"'),
    Key("spalten", "text"),
    Key("dezimalzeichen", "text", choices=(",", ".")),
    Key("tausender", "text", choices=("", ".", " ", "'", ",")),
    Key("geheim", "texts"),
    Key("fehlend", "texts"),
    Key("null", "texts"),
    Key("auswahl", "table"),
    Key("umbenennen", "table"),
    Key("nicht_gebiete", "tables"),
    Key("indikatoren", "tables", required=True),
)
_NON_AREA = (
    Key("werte", "texts"),
    Key("muster", "text"),
    Key("zeilen", "lines"),
    Key("wo", "table"),
    Key("als", "text", choices=NON_AREA_ACTIONS),
    Key("grund", "text"),
)
_USE = (
    Key("id", "text", required=True, example='id = "einwohner"'),
    Key("spalte", "text"),
    Key("auswahl", "table"),
    Key("stichtag", "year"),
    Key("summieren", "bool"),
)


def toml_problem(file: str, exc: tomllib.TOMLDecodeError) -> Report:
    """A TOML syntax error as a German message with line and column."""
    report = Report()
    text = str(exc)
    match = _TOML_POSITION.search(text)
    reason = _TOML_POSITION.sub("", text).strip()
    hint = (
        "Ist die Datei gültiges TOML? Häufige Ursachen: Text ohne Anführungszeichen, fehlendes "
        "Gleichheitszeichen, ein Schlüssel doppelt im selben Abschnitt, Komma statt Punkt in Zahlen."
    )
    if match:
        report.error(
            file,
            f"Die Zuordnungsdatei ist kein gültiges TOML ({reason}). {hint}",
            row=int(match[1]),
            column=f"Zeichen {match[2]}",
        )
    else:
        report.error(file, f"Die Zuordnungsdatei ist kein gültiges TOML ({reason}). {hint}")
    return report


def read_mapping(path: Path, quelle: Path | None = None, ziel: Path | None = None) -> Mapping:
    """Read and check a mapping file; raises MappingError listing every problem."""
    path = Path(path)
    checker = _Checker(path.name)
    if not path.is_file():
        checker.error("", f"Zuordnungsdatei nicht gefunden: {path}.")
        raise MappingError(checker.report)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        checker.error("", "Die Zuordnungsdatei ist nicht UTF-8-kodiert. Speichern Sie sie als UTF-8.")
        raise MappingError(checker.report) from None
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(toml_problem(path.name, exc)) from None
    top = checker.take(raw, "", _TOP)
    base = path.resolve().parent
    imp = checker.take(top.get("import", {}), "[import]", _IMPORT)
    quelle_dir = quelle if quelle is not None else base / str(imp.get("quelle", "."))
    ziel_dir = ziel if ziel is not None else (base / str(imp["ziel"]) if "ziel" in imp else None)
    settings = _settings(top.get("einstellungen", {}), checker)
    raw_areas = top.get("gebiete", {})
    entries = raw_areas if isinstance(raw_areas, list) else [raw_areas]
    levels = [_areas(entry, checker, i + 1 if isinstance(raw_areas, list) else 0) for i, entry in enumerate(entries)]
    if not levels:
        checker.error("[[gebiete]]", "Mindestens eine Gebietsdatei angeben.")
        levels = [AreaSource(datei="", id="", name="")]
    areas = levels[0]
    catalogue_raw = checker.take(top.get("katalog", {}), "[katalog]", _CATALOGUE)
    catalogue_file = catalogue_raw.pop("datei", None)
    entries = _catalogue(top.get("indikatoren", {}), catalogue_raw, checker)
    sources = [_source(i + 1, s, checker) for i, s in enumerate(top.get("quellen", []))]
    if "quellen" in top and not sources:
        checker.error("[[quellen]]", "Mindestens eine Quelle angeben.")
    mapping = Mapping(
        path=path,
        quelle=Path(quelle_dir).resolve(),
        ziel=Path(ziel_dir).resolve() if ziel_dir is not None else None,
        einstellungen=settings,
        gebiete=areas,
        katalog_datei=str(catalogue_file) if catalogue_file else None,
        katalog=entries,
        quellen=sources,
        ebenen=levels,
    )
    _cross_check(mapping, checker)
    _check_levels(levels, checker)
    if checker.report.errors:
        raise MappingError(checker.report)
    return mapping


def _settings(raw: object, checker: _Checker) -> dict[str, dict[str, object]]:
    if not isinstance(raw, dict):
        checker.error("[einstellungen]", "Tabelle erwartet.")
        return {}
    allowed = set(documented_keys())
    out: dict[str, dict[str, object]] = {}
    for section, content in raw.items():
        where = f"[einstellungen.{section}]"
        if not isinstance(content, dict):
            checker.error(where, 'Tabelle erwartet, z. B. [einstellungen.stadt] mit name = "…".')
            continue
        for key, value in content.items():
            if (section, key) not in allowed:
                names = ", ".join(f"{s}.{k}" for s, k in sorted(allowed))
                checker.error(where, f"Unbekannte Einstellung „{key}“. Bekannt sind: {names} (siehe data/README.md).")
            elif not isinstance(value, str | int | bool):
                checker.error(where, f"Einstellung „{key}“: Text, ganze Zahl oder true/false erwartet.")
            else:
                out.setdefault(section, {})[key] = value
    return out


def _areas(raw: object, checker: _Checker, number: int = 0) -> AreaSource:
    where = f"[[gebiete]] Nr. {number}" if number else "[gebiete]"
    values = checker.take(raw, where, _AREAS)
    corrections = tuple(
        _correction(i + 1, c, f"{where}, [[gebiete.korrekturen]] Nr. {i + 1}", checker)
        for i, c in enumerate(values.pop("korrekturen", []))  # type: ignore[arg-type]
    )
    names = values.pop("namen", {})
    if not all(isinstance(v, str) for v in names.values()):  # type: ignore[union-attr]
        checker.error(where, 'Schlüssel „namen“: { "Kennung" = "Name" } erwartet.')
        names = {}
    derived = bool(values.get("aus_ebene"))
    needed = ("ebene",) if derived else ("datei", "id", "name")
    for key in needed:
        if key not in values:
            example = next(k.example for k in _AREAS if k.name == key) or f'{key} = "Bezirk"'
            why = " (abgeleitete Ebene mit „aus_ebene“)" if derived else ""
            checker.error(where, f"Schlüssel „{key}“ fehlt{why} (z. B. {example}).")
    if derived and "datei" in values:
        checker.error(where, "Eine abgeleitete Ebene („aus_ebene“) hat keine eigene „datei“.")
    start, end = values.get("gueltig_ab"), values.get("gueltig_bis")
    if start is not None and end is not None and start > end:  # type: ignore[operator]
        checker.error(where, f"gueltig_ab ({start}) liegt nach gueltig_bis ({end}).")
    if any(k not in values for k in needed):
        return AreaSource(datei="", id="", name="", number=number)
    values.setdefault("datei", "")
    values.setdefault("id", "")
    values.setdefault("name", "")
    return AreaSource(number=number, namen=dict(names), korrekturen=corrections, **values)  # type: ignore[arg-type]


def _correction(number: int, raw: object, where: str, checker: _Checker) -> IdCorrection:
    values = checker.take(raw, where, _CORRECTION)
    return IdCorrection(
        number=number,
        id=str(values.get("id", "")),
        neue_id=str(values.get("neue_id", "")),
        wo=_conditions(values.get("wo", {}), where, "wo", checker),
        grund=str(values.get("grund", "")),
    )


def _check_levels(levels: list[AreaSource], checker: _Checker) -> None:
    """Several [[gebiete]]: each names its level; derived levels and predecessors refer to known ones."""
    if len(levels) < 2:
        return
    names = [a.ebene for a in levels]
    for area in levels:
        if not area.ebene:
            checker.error(area.label(), "Bei mehreren [[gebiete]] braucht jede Gebietsdatei „ebene“ (ihren Namen).")
        for key, ref in (("aus_ebene", area.aus_ebene), ("vorgaenger_aus", area.vorgaenger_aus)):
            if ref and ref not in names:
                checker.error(area.label(), f"{key} = „{ref}“: keine [[gebiete]] mit dieser ebene ({_quote(names)}).")
    for name in sorted({n for n in names if n and names.count(n) > 1}):
        checker.error("[[gebiete]]", f"Die ebene „{name}“ kommt mehrfach vor; jede Ebene und Version einmal.")


def _catalogue(raw: object, defaults: dict[str, object], checker: _Checker) -> dict[str, CatalogueEntry]:
    if not isinstance(raw, dict):
        checker.error("[indikatoren]", 'Tabelle erwartet, z. B. [indikatoren.einwohner] mit name = "…".')
        return {}
    out: dict[str, CatalogueEntry] = {}
    for indikator_id, content in raw.items():
        where = f"[indikatoren.{indikator_id}]"
        if not INDICATOR_ID.match(indikator_id):
            checker.error(where, "Die Kennung eines Indikators besteht nur aus Kleinbuchstaben, Ziffern und „_“.")
        values = checker.take(content, where, _INDICATOR)
        zaehler = values.pop("zaehler", None)
        nenner = values.pop("nenner", None)
        fallzahl = str(values.pop("fallzahl", ""))
        fields = {**defaults, **values}
        fields.setdefault("kurzname", fields.get("name", ""))
        missing = [
            k
            for k in ("name", "einheit", "thema", "polaritaet", "definition", "quelle", "dezimalstellen", "aggregation")
            if k not in fields or fields[k] == ""
        ]
        if missing:
            checker.error(
                where,
                f"Es fehlen: {', '.join(missing)}. Tragen Sie sie hier oder als Vorgabe unter [katalog] ein.",
            )
        if (zaehler is None) != (nenner is None):
            checker.error(where, "„zaehler“ und „nenner“ nur gemeinsam angeben.")
        if fields.get("aggregation") == "quote" and zaehler is None:
            checker.error(
                where,
                'aggregation = "quote" braucht zaehler und nenner (Kennungen anderer Indikatoren). Liefert die '
                'Quelle nur den fertigen Anteil und eine Gesamtstadtzeile, schreiben Sie aggregation = "vorgegeben".',
            )
        out[indikator_id] = CatalogueEntry(indikator_id, fields, zaehler, nenner, fallzahl)  # type: ignore[arg-type]
    return out


def _source(number: int, raw: object, checker: _Checker) -> Source:
    where = f"[[quellen]] Nr. {number}"
    values = checker.take(raw, where, _SOURCE)
    rules = tuple(
        _non_area(i + 1, r, f"{where}, [[quellen.nicht_gebiete]] Nr. {i + 1}", checker)
        for i, r in enumerate(values.pop("nicht_gebiete", []))  # type: ignore[arg-type]
    )
    uses = tuple(
        _use(i + 1, u, f"{where}, [[quellen.indikatoren]] Nr. {i + 1}", checker)
        for i, u in enumerate(values.pop("indikatoren", []))  # type: ignore[arg-type]
    )
    if "indikatoren" in (raw or {}) and not uses:  # type: ignore[operator]
        checker.error(where, 'Mindestens einen Indikator angeben ([[quellen.indikatoren]] mit id = "…").')
    numbers = NumberFormat(
        dezimalzeichen=str(values.pop("dezimalzeichen", ",")),
        tausender=str(values.pop("tausender", "")),
        geheim=tuple(values.pop("geheim", ())),  # type: ignore[arg-type]
        fehlend=tuple(values.pop("fehlend", ())),  # type: ignore[arg-type]
        null=tuple(values.pop("null", ())),  # type: ignore[arg-type]
    )
    if numbers.dezimalzeichen == numbers.tausender:
        checker.error(where, "Dezimalzeichen und Tausendertrennzeichen müssen verschieden sein.")
    markers = [m for group in (numbers.geheim, numbers.fehlend, numbers.null) for m in group]
    if len(markers) != len(set(markers)):
        checker.error(where, "Ein Zeichen steht in mehreren der Listen „geheim“, „fehlend“, „null“.")
    years = values.pop("jahre", None)
    year_list = tuple(y for low, high in _lines(years) for y in range(low, high + 1)) if years is not None else ()
    auswahl = _conditions(values.pop("auswahl", {}), where, "auswahl", checker)
    rename = values.pop("umbenennen", {})
    if not all(isinstance(v, str) for v in rename.values()):  # type: ignore[union-attr]
        checker.error(where, 'Schlüssel „umbenennen“: { "Name in der Tabelle" = "Name in der Gebietsdatei" } erwartet.')
        rename = {}
    pattern = _regex(values.pop("spalten", None), where, "spalten", checker)
    if not all(k in values for k in ("datei", "layout", "gebiet")):
        return Source(number, "", "lang", "", indikatoren=uses)
    source = Source(
        number=number,
        jahre=year_list,
        zahlen=numbers,
        auswahl=auswahl,
        umbenennen=dict(rename),  # type: ignore[arg-type]
        spalten=pattern,
        nicht_gebiete=rules,
        indikatoren=uses,
        **values,  # type: ignore[arg-type]
    )
    _check_source(source, where, checker)
    return source


def _check_source(source: Source, where: str, checker: _Checker) -> None:
    if source.jahre and "{jahr}" not in source.datei:
        checker.error(where, "Mit „jahre“ muss der Dateiname den Platzhalter {jahr} enthalten.")
    if source.layout == "lang":
        if source.jahr is None and source.stichtag is None and not source.jahre:
            needs = [u.number for u in source.indikatoren if u.stichtag is None]
            if needs:
                checker.error(
                    where,
                    'Bei layout = "lang" fehlt das Jahr: „jahr“ (Spalte mit Jahr oder Datum) oder „stichtag“ '
                    "(fester Stichtag für die ganze Datei) angeben.",
                )
        for use in source.indikatoren:
            if use.spalte is None and source.wert is None:
                checker.error(
                    where,
                    f"[[quellen.indikatoren]] Nr. {use.number} ({use.indikator_id}): keine Wertspalte. Geben Sie "
                    "„spalte“ beim Indikator oder „wert“ bei der Quelle an.",
                )
    else:
        for key, value in (("jahr", source.jahr), ("wert", source.wert), ("stichtag", source.stichtag)):
            if value is not None:
                checker.error(
                    where,
                    f'Schlüssel „{key}“ gibt es nur bei layout = "lang"; bei "breit" stehen die Stichtage in '
                    "den Spaltenköpfen (Auswahl mit „spalten“).",
                )
        for use in source.indikatoren:
            if use.spalte is not None or use.stichtag is not None:
                checker.error(
                    where,
                    f"[[quellen.indikatoren]] Nr. {use.number}: „spalte“ und „stichtag“ gibt es nur bei "
                    'layout = "lang". Bei "breit" wählen Sie Zeilen mit „auswahl“.',
                )
    if source.datenbeginn is not None and source.datenbeginn <= source.kopfzeile:
        checker.error(where, "„datenbeginn“ muss nach der Kopfzeile liegen.")
    if source.schluessel == "name" and source.stellen is not None:
        checker.error(where, '„stellen“ gilt nur für schluessel = "kennung".')
    if source.kodierung:
        try:
            "".encode(source.kodierung)
        except LookupError:
            checker.error(where, f'Unbekannte Kodierung „{source.kodierung}“; üblich sind "utf-8" und "cp1252".')


def _non_area(number: int, raw: object, where: str, checker: _Checker) -> NonAreaRule:
    values = checker.take(raw, where, _NON_AREA)
    conditions = [k for k in ("werte", "muster", "zeilen", "wo") if k in values]
    if not conditions:
        checker.error(where, "Mindestens eine Bedingung angeben: „werte“, „muster“, „zeilen“ oder „wo“.")
    return NonAreaRule(
        number=number,
        werte=tuple(v.strip() for v in values.get("werte", ())),  # type: ignore[union-attr]
        muster=_regex(values.get("muster"), where, "muster", checker),
        zeilen=_lines(values["zeilen"]) if "zeilen" in values else (),
        wo=_conditions(values.get("wo", {}), where, "wo", checker),
        als=str(values.get("als", "weglassen")),
        grund=str(values.get("grund", "")),
    )


def _use(number: int, raw: object, where: str, checker: _Checker) -> IndicatorUse:
    values = checker.take(raw, where, _USE)
    return IndicatorUse(
        number=number,
        indikator_id=str(values.get("id", "")),
        spalte=values.get("spalte"),  # type: ignore[arg-type]
        auswahl=_conditions(values.get("auswahl", {}), where, "auswahl", checker),
        stichtag=values.get("stichtag"),  # type: ignore[arg-type]
        summieren=bool(values.get("summieren", False)),
    )


def _cross_check(mapping: Mapping, checker: _Checker) -> None:
    """References between sections: indicators used must be in the catalogue, formulas must resolve."""
    known = set(mapping.katalog)
    from_file = mapping.katalog_datei is not None
    provided: set[str] = set()
    for source in mapping.quellen:
        for use in source.indikatoren:
            provided.add(use.indikator_id)
            if use.indikator_id and use.indikator_id not in known and not from_file:
                close = difflib.get_close_matches(use.indikator_id, sorted(known), n=1)
                hint = f" Meinten Sie „{close[0]}“?" if close else ""
                checker.error(
                    f"{source.label()}, [[quellen.indikatoren]] Nr. {use.number}",
                    f"Indikator „{use.indikator_id}“ steht nicht im Katalog.{hint} Legen Sie "
                    f"[indikatoren.{use.indikator_id}] an oder verweisen Sie mit [katalog] datei auf eine "
                    "indikatoren.csv.",
                )
    for entry in mapping.katalog.values():
        for role, ref in (("zaehler", entry.zaehler), ("nenner", entry.nenner)):
            if ref is None:
                continue
            if ref not in provided:
                checker.error(
                    f"[indikatoren.{entry.indikator_id}]",
                    f"„{role}“ = „{ref}“: kein Indikator dieses Namens wird aus einer Quelle gelesen.",
                )
            elif ref in mapping.katalog and mapping.katalog[ref].zaehler is not None:
                checker.error(
                    f"[indikatoren.{entry.indikator_id}]",
                    f"„{role}“ = „{ref}“ ist selbst eine berechnete Quote; Zähler und Nenner müssen Anzahlen "
                    "aus einer Quelle sein.",
                )
        if entry.indikator_id not in provided and entry.zaehler is None:
            checker.error(
                f"[indikatoren.{entry.indikator_id}]",
                "Dieser Indikator wird aus keiner Quelle gelesen und hat keinen zaehler/nenner. Ordnen Sie ihn in "
                "[[quellen.indikatoren]] zu oder entfernen Sie ihn.",
            )
    for area in mapping.ebenen or [mapping.gebiete]:
        if area.einwohner and area.einwohner not in provided:
            checker.error(
                area.label(), f"„einwohner“ = „{area.einwohner}“: dieser Indikator wird aus keiner Quelle gelesen."
            )
    standard = mapping.einstellungen.get("anzeige", {}).get("standard_indikator")
    if standard and standard not in known and not from_file:
        checker.error("[einstellungen.anzeige]", f"standard_indikator „{standard}“ steht nicht im Katalog.")
