"""Writing a data folder of the contract: catalogue and value CSVs, settings TOML, atomic output.

The writers produce exactly what `data/README.md` documents: `;`-separated UTF-8 CSV files with
decimal commas, and an `einstellungen.toml`. Output goes through `atomic_folder`, so a failed or
interrupted import or conversion never leaves a half-written data folder behind. Shared by the
importer (`sozialraum.importer`) and the real-data converters (`sozialraum.realdata`).
"""

from __future__ import annotations

import csv
import json
import math
import numbers
import shutil
import tempfile
import tomllib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from .contract import CATALOGUE_SPEC, VALUES_SPEC

CATALOGUE_COLUMNS = [c.name for c in CATALOGUE_SPEC.columns]
VALUES_COLUMNS = [c.name for c in VALUES_SPEC.columns]
FOLDER_MODE = 0o755
DECIMALS = 6  # written decimals at most; trailing zeros are dropped


@dataclass(frozen=True)
class Indicator:
    """One row of `indikatoren.csv`."""

    indikator_id: str
    name: str
    kurzname: str
    einheit: str
    thema: str
    polaritaet: str
    definition: str
    quelle: str
    datenstand: str
    dezimalstellen: int
    aggregation: str
    faktor: float | None = None
    handlungsfeld_id: str = ""
    min_fallzahl: int | None = None
    wertebereich_min: float | str | None = None  # a number or „offen“ (no lower limit, e.g. a balance)
    wertebereich_max: float | str | None = None


@dataclass(frozen=True)
class Dropped:
    """Source data left out of the output, with the reason."""

    source: str
    reason: str
    count: int
    unit: str = "Zeilen"
    ids: tuple[str, ...] = ()
    ids_label: str = "Kennungen"  # what `ids` are, e.g. "Namen"

    def as_text(self) -> str:
        ids = f" ({self.ids_label}: {', '.join(self.ids)})" if self.ids else ""
        return f"{self.source}: {self.count} {self.unit} – {self.reason}{ids}"


def percent(rate: float) -> str:
    """0.953 → '95,3 %'."""
    return f"{rate * 100:.1f} %".replace(".", ",")


def format_number(value: object) -> str:
    """A number as the contract writes it: decimal comma, no thousands separator, '' for missing."""
    if value is None or value is pd.NA:
        return ""
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number):
        return ""
    if number.is_integer():
        return str(int(number))
    text = f"{number:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _cell(value: object) -> str:
    if isinstance(value, bool):
        raise TypeError("booleans have no CSV form in the contract")
    if isinstance(value, numbers.Real):
        return format_number(value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def write_csv(rows: Iterable[dict[str, object]], columns: list[str], path: Path) -> int:
    """Write rows as a `;`-separated UTF-8 CSV with decimal commas; returns the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
            count += 1
    return count


def write_catalogue(indicators: Iterable[Indicator], path: Path) -> int:
    """Write `indikatoren.csv`."""
    return write_csv((asdict(i) for i in indicators), CATALOGUE_COLUMNS, path)


def write_values(values: pd.DataFrame, path: Path) -> int:
    """Write `werte.csv` from a long frame with (a subset of) the contract's value columns."""
    frame = values.reindex(columns=VALUES_COLUMNS)
    records = (
        {c: (None if pd.isna(v) else v) for c, v in zip(VALUES_COLUMNS, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    )
    return write_csv(records, VALUES_COLUMNS, path)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON string escapes are valid TOML basic strings
    raise TypeError(f"unsupported TOML value: {value!r}")


def toml_text(sections: dict[str, dict[str, object]]) -> str:
    """A flat TOML document (sections of str/int/bool keys), checked by parsing it back."""
    blocks = []
    for section, keys in sections.items():
        lines = [f"[{section}]"] + [f"{key} = {_toml_value(value)}" for key, value in keys.items()]
        blocks.append("\n".join(lines))
    text = "\n\n".join(blocks) + "\n"
    if tomllib.loads(text) != sections:
        raise ValueError("TOML round trip failed")
    return text


def write_settings(sections: dict[str, dict[str, object]], path: Path) -> None:
    """Write `einstellungen.toml`."""
    path.write_text(toml_text(sections), encoding="utf-8")


@contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield a temporary folder next to `target`; on success it replaces `target` in one rename.

    On an exception the temporary folder is removed and an existing `target` stays untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    work.chmod(FOLDER_MODE)  # mkdtemp makes it private (0700); the result is an ordinary folder
    try:
        yield work
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    try:
        work.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        shutil.rmtree(work, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
