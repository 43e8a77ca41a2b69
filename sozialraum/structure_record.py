"""The published level structure, kept beside the data so a later delivery cannot change it silently.

Secondary suppression protects a small area through the sums of its parent. If a Gemeindeteil moves to
another Bezirk between two deliveries without being declared as a new geometry version (`gueltig_ab`),
the Bezirk sums of the years published before and after differ by exactly that area – differencing
them reveals what was withheld. So `python -m sozialraum check <ordner> --struktur-festschreiben` writes
the structure of a clean load to `ebenenstruktur.csv`, and every later load compares the area file with
it: an area whose level or parent differs for the same first year (`gueltig_ab`) is an error and is left
out (with its values), like an area without a parent. A new geometry version – a later `gueltig_ab` – is
declared, so it is compared with nothing.
"""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .report import N_, Report, msg

FILE = "ebenenstruktur.csv"
COLUMNS = ["gebiet_id", "ebene", "uebergeordnet", "gueltig_ab", "gueltig_bis"]
CHANGED = N_(
    "Ebenenstruktur geändert: laut {datei} (Zeile {zeile}) ist „{erwartet}“ erwartet. Das Gebiet wird nicht "
    "angezeigt, weil gesperrte Werte sonst aus den Summen vor und nach der Änderung errechnet werden könnten. "
    "Gehört das Gebiet wirklich neu zugeordnet, liefern Sie es als neue Gebietsversion (gueltig_ab) oder "
    "schreiben die Struktur neu fest: python -m sozialraum check <ordner> --struktur-festschreiben ({datei})."
)


def write_record(areas: pd.DataFrame, folder: Path) -> Path:
    """Write the structure of these (published) areas to `folder/ebenenstruktur.csv`."""
    frame = pd.DataFrame({c: areas[c] if c in areas.columns else None for c in COLUMNS})
    for column in ("gueltig_ab", "gueltig_bis"):
        frame[column] = [str(int(v)) if pd.notna(v) else "" for v in frame[column]]
    path = folder / FILE
    frame.fillna("").to_csv(path, sep=";", index=False, encoding="utf-8")
    return path


def _span(start: object, end: object) -> tuple[float, float]:
    low, high = _clean(start), _clean(end)
    return (float(low) if low else -math.inf), (float(high) if high else math.inf)


def _read(path: Path, report: Report) -> pd.DataFrame | None:
    try:
        record = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8")
    except Exception as exc:  # a broken record protects nothing: say so, compare nothing
        report.error(
            FILE,
            msg(
                N_("Datei kann nicht als CSV gelesen werden ({grund}); Ebenenstruktur nicht verglichen."),
                grund=str(exc),
            ),
        )
        return None
    missing = [c for c in COLUMNS if c not in record.columns]
    if missing:
        report.error(
            FILE,
            msg(
                N_("Pflichtspalte „{spalte}“ fehlt (erwartet: {spalten})."),
                spalte=missing[0],
                spalten=", ".join(COLUMNS),
            ),
            column=missing[0],
        )
        return None
    return record


def compare_with_record(areas: gpd.GeoDataFrame, folder: Path, file: str, report: Report) -> gpd.GeoDataFrame:
    """`areas` without those whose level or parent differs from the recorded structure for the same years."""
    path = folder / FILE
    if not path.is_file() or areas.empty:
        return areas
    record = _read(path, report)
    if record is None:
        return areas
    report.detected[FILE] = f"festgeschriebene Ebenenstruktur mit {len(record)} Gebieten, wird verglichen"
    by_id: dict[str, list[tuple[int, pd.Series]]] = {}
    for position, (_, row) in enumerate(record.iterrows()):
        by_id.setdefault(str(row["gebiet_id"]), []).append((position + 2, row))  # header = line 1
    dropped = []
    for index, area in areas.iterrows():
        low, high = _span(area.get("gueltig_ab"), area.get("gueltig_bis"))
        for line, old in by_id.get(str(area["gebiet_id"]), []):
            old_low, old_high = _span(old["gueltig_ab"], old["gueltig_bis"])
            if old_low != low or old_low > high or low > old_high:
                continue  # another geometry version (its own first year): its own structure
            change = _changed(area, old)
            if change is None:
                continue
            column, found, expected = change
            report.error(
                file,
                msg(CHANGED, datei=FILE, zeile=str(line), erwartet=str(expected)),
                row=int(index) + 1,
                column=column,
                value=found or "(leer)",
            )
            dropped.append(index)
            break
    return areas.drop(index=dropped) if dropped else areas


def _clean(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value).strip()


def _changed(area: pd.Series, old: pd.Series) -> tuple[str, str, str] | None:
    """(column, found, expected) of the first difference in level or parent, or None."""
    for column in ("ebene", "uebergeordnet"):
        found, expected = _clean(area.get(column)), _clean(old[column])
        if found != expected:
            return column, found, expected
    return None
