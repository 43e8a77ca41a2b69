"""The typed description of an import, as read from a mapping file (`sozialraum.importer.mapping`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import schemas
from ..datafolder import Indicator
from ..report import Report

LAYOUTS = ("lang", "breit")


KEY_KINDS = ("kennung", "name")


NON_AREA_ACTIONS = ("gesamt", "weglassen")


CASE_COUNT = ("wert", "zaehler", "keine")


OUTPUTS = ("gebiete.geojson", "gebiete.gpkg")


INDICATOR_ID = re.compile(rf"^{schemas.INDICATOR_ID}$")


LINE_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+))?\s*$")


CATALOGUE_TEXT = ("name", "kurzname", "einheit", "thema", "definition", "quelle", "datenstand", "handlungsfeld_id")


class MappingError(Exception):
    """The mapping file or the raw files cannot be imported; `report` holds every problem."""

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(report.as_text())


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
    """One indicator of the catalogue as the contract's row (`datafolder.Indicator`), plus how the import
    derives it (numerator / denominator). `row` is None only for an incomplete entry: the mapping then has
    errors and `read_mapping` refuses it, so an import never sees one."""

    indikator_id: str
    row: Indicator | None
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
