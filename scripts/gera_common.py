"""Shared by the Gera example generator (scripts/generate_gera.py): seed, years, where the example's own
data lives (scripts/gera/) and how it becomes typed rows, and the CSV output format of data/."""

from __future__ import annotations

import csv
import dataclasses
import io
import sys
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a plain script: the contract's row types come from the package
    sys.path.insert(0, str(REPO_ROOT))

SEED = 20240628
DATA_DIR = REPO_ROOT / "data"
SOURCE_DIR = Path(__file__).resolve().parent / "gera"  # the example's texts and profiles, as TOML and CSV
YEARS = tuple(range(2015, 2025))
LATEST = YEARS[-1]
REPORT_DATE = date(2026, 10, 15)  # "today" of the synthetic plan monitoring (autumn 2026)

# --------------------------------------------------------------------------------------------------
# The example's own data (scripts/gera/): read once, typed by the dataclasses below
# --------------------------------------------------------------------------------------------------


def _toml(name: str) -> dict:
    return tomllib.loads((SOURCE_DIR / name).read_text(encoding="utf-8"))


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _typed(annotation: str, value: object) -> object:
    """A TOML or CSV value as the dataclass field declares it (annotations are strings here)."""
    if value is None or annotation.endswith("| None") and value == "":
        return None
    if annotation.startswith("tuple"):
        return tuple(value)  # type: ignore[arg-type]
    if annotation.startswith("float"):
        return float(value)  # type: ignore[arg-type]
    if annotation.startswith("int"):
        return int(value)  # type: ignore[arg-type]
    return value


def _rows(kind: type, rows: Iterable[dict]) -> Iterable:
    """Dataclass instances from mappings; a missing key takes the field's default, or None (TOML has no null)."""
    fields = [f for f in dataclasses.fields(kind) if f.init]
    for row in rows:
        given = {f.name: _typed(str(f.type), row[f.name]) for f in fields if f.name in row}
        unset = {f.name: None for f in fields if f.name not in row and f.default is dataclasses.MISSING}
        yield kind(**given, **unset)


# --------------------------------------------------------------------------------------------------
# CSV output
# --------------------------------------------------------------------------------------------------


def number(value: float | None, decimals: int) -> str:
    """German number text with a decimal comma; '' for None."""
    if value is None:
        return ""
    return f"{value:.{decimals}f}".replace(".", ",")


def german_date(day: date | None) -> str:
    """dd.mm.yyyy; '' for None."""
    return "" if day is None else day.strftime("%d.%m.%Y")


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Semicolon CSV, UTF-8 without BOM, '\\n' line ends; quoting only where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_text(buffer.getvalue(), encoding="utf-8")


@dataclass(frozen=True)
class Area:
    """One Statistischer Bezirk: real id, name and 1997/2011 population; the rest is a synthetic profile."""

    gebiet_id: str
    name: str
    lat: float
    lon: float
    pop_1997: int  # real (TLUG "Umwelt regional")
    pop_2011: int  # real (TLUG "Umwelt regional")
    pop_2024: int  # synthetic target before scaling to the city total
    need: float  # social need index, city ≈ 1
    u18: float  # share under 18 in 2024, %
    o65: float  # share 65+ in 2024, %
    o80: float  # share 80+ in 2024, %
    foreign: float  # share of foreign nationals in 2024, %
    vacancy: float  # housing vacancy 2015, %
    space: float  # living space per resident 2024, m²
    household_size: float  # persons per household
    refugees: float  # share of the 2015 and 2022 refugee arrivals housed here
    migration: float  # structural net migration, per 1,000 residents


AREAS: tuple[Area, ...] = tuple(_rows(Area, _csv_rows(SOURCE_DIR / "bezirke.csv")))
