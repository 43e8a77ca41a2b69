"""The keys a mapping file may hold, per section, and the checker that turns a section into checked values.

Each problem becomes a German message naming the place (`[[quellen]] Nr. 2, Schlüssel „layout“`) and what is
allowed."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..report import Report
from ..schemas import AGGREGATIONS, OPEN_BOUND, POLARITIES
from .raw import parse_year
from .spec import CASE_COUNT, CATALOGUE_TEXT, KEY_KINDS, LAYOUTS, LINE_RANGE, NON_AREA_ACTIONS, OUTPUTS


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


def quote(items: tuple[str, ...] | list[str]) -> str:
    quoted = [f"„{i}“" for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " oder " + quoted[-1]


class Checker:
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
            self.error(where, f"Schlüssel „{key.name}“: erlaubt sind {quote(key.choices)} (gefunden: {_show(value)}).")
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
    try:
        return parse_year(value)
    except ValueError:
        return None


def line_ranges(value: object) -> tuple[tuple[int, int], ...]:
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


def read_conditions(raw: object, where: str, key: str, checker: Checker) -> dict[str, tuple[str, ...]]:
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


def regex(value: object, where: str, key: str, checker: Checker) -> re.Pattern[str] | None:
    if value is None:
        return None
    try:
        return re.compile(str(value))
    except re.error as exc:
        checker.error(where, f"Schlüssel „{key}“: kein gültiges Suchmuster (regulärer Ausdruck): {exc}.")
        return None


TOP_KEYS = (
    Key("import", "table"),
    Key("einstellungen", "table"),
    Key("gebiete", "table_or_tables", required=True),
    Key("katalog", "table"),
    Key("indikatoren", "table"),
    Key("quellen", "tables", required=True),
)


IMPORT_KEYS = (Key("quelle", "text"), Key("ziel", "text"))


DUPLICATE_IDS = ("fehler", "zusammenfassen")


AREA_KEYS = (
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


CORRECTION_KEYS = (
    Key("id", "text", required=True, example='id = "06010102"'),
    Key("neue_id", "text", required=True, example='neue_id = "04030417"'),
    Key("wo", "table", example='wo = { BEZIRKSNAM = "Charlottenburg-Wilmersdorf" }'),
    Key("grund", "text"),
)


CATALOGUE_FIELD_KEYS = (
    *(Key(name, "text") for name in CATALOGUE_TEXT),
    Key("polaritaet", "text", choices=POLARITIES),
    Key("dezimalstellen", "int", example="dezimalstellen = 1", low=0, high=3),
    Key("aggregation", "text", choices=AGGREGATIONS),
    Key("faktor", "number"),
    Key("min_fallzahl", "int", low=0),
    Key("wertebereich_min", "bound", example='wertebereich_min = "offen"'),
    Key("wertebereich_max", "bound", example="wertebereich_max = 100"),
)


CATALOGUE_KEYS = (Key("datei", "text"), *CATALOGUE_FIELD_KEYS)


INDICATOR_KEYS = (
    *CATALOGUE_FIELD_KEYS,
    Key("zaehler", "text", example='zaehler = "arbeitslose"'),
    Key("nenner", "text", example='nenner = "einwohner_15_65"'),
    Key("fallzahl", "text", choices=CASE_COUNT),
)


SOURCE_KEYS = (
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


NON_AREA_KEYS = (
    Key("werte", "texts"),
    Key("muster", "text"),
    Key("zeilen", "lines"),
    Key("wo", "table"),
    Key("als", "text", choices=NON_AREA_ACTIONS),
    Key("grund", "text"),
)


USE_KEYS = (
    Key("id", "text", required=True, example='id = "einwohner"'),
    Key("spalte", "text"),
    Key("auswahl", "table"),
    Key("stichtag", "year"),
    Key("summieren", "bool"),
)
