"""The report as data: chapters of sections of blocks (text, figure, table). The PDF and the web
edition are two renderings of this one structure, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

GENERATED = "automatisch aus den Daten erzeugt"


@dataclass
class Table:
    """A table as people read it: every cell already formatted (withheld cells as „.“)."""

    key: str  # file name of its CSV download (without .csv)
    caption: str
    source: str
    stand: str
    frame: pd.DataFrame
    right: tuple[str, ...] = ()  # columns aligned right (numbers)
    style: str = ""  # extra CSS class (e.g. „katalog“ for its column widths)
    print_all: bool = False  # plan tables are content in their own right: never shortened in print


@dataclass
class MapData:
    """What the web edition's Leaflet map needs besides the shared geometry."""

    colours: dict[str, str]
    labels: dict[str, str]  # tooltip per area: name and published value


@dataclass
class Figure:
    key: str
    caption: str
    source: str
    stand: str
    svg: str
    alt: str  # one sentence: what the figure shows
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, label)
    table: Table | None = None  # the table alternative
    map: MapData | None = None
    small: bool = False  # a locator map: drawn smaller


@dataclass
class Block:
    kind: str  # "text" | "generated" | "planner" | "list" | "figure" | "table" | "note"
    text: str = ""
    items: list[str] = field(default_factory=list)
    figure: Figure | None = None
    table: Table | None = None


@dataclass
class Section:
    title: str
    anchor: str
    blocks: list[Block] = field(default_factory=list)
    new_page: bool = False


@dataclass
class Chapter:
    slug: str  # web file name without .html; anchor in the PDF
    title: str
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    profile: bool = False  # one area's profile (own web page, starts a new page in print)

    def tables(self) -> list[Table]:
        found: list[Table] = []
        for block in self.blocks + [b for s in self.sections for b in s.blocks]:
            if block.table is not None:
                found.append(block.table)
            if block.figure is not None and block.figure.table is not None:
                found.append(block.figure.table)
        return found

    def figures(self) -> list[Figure]:
        return [b.figure for b in self.blocks + [b for s in self.sections for b in s.blocks] if b.figure is not None]


@dataclass
class Report:
    titel: str
    untertitel: str
    herausgeber: str
    stadt: str
    jahr: int
    vergleichsjahr: int
    erstellt: str
    foerderhinweis: str
    logo_uri: str
    lizenz: str
    chapters: list[Chapter]
    glossary: list[tuple[str, str]]
    build_log: list[str] = field(default_factory=list)


def text(value: str) -> Block:
    return Block("text", value)


def _keep_units(value: str) -> str:
    """A number and its percent sign stay on one line („21,2 %“ never breaks before „%“)."""
    return value.replace(" %", "\u00a0%")


def generated(value: str) -> Block:
    return Block("generated", _keep_units(value))


def bullet_list(items: list[str], generated_text: bool = True) -> Block:
    return Block("list", "generated" if generated_text else "", items=[_keep_units(i) for i in items])
