"""The indicator catalogue of an import: inline entries and a referenced indikatoren.csv, as contract rows."""

from __future__ import annotations

import math

import pandas as pd

from ..contract import CATALOGUE_SPEC
from ..csvio import read_text_table
from ..datafolder import Indicator
from ..report import Report
from ..schemas import NUMERIC_KINDS, OPEN_BOUND, parse_table
from .spec import CatalogueEntry, Mapping


def build_catalogue(mapping: Mapping, problems: Report) -> dict[str, CatalogueEntry]:
    """Inline entries, plus those of a referenced indikatoren.csv (inline wins)."""
    entries: dict[str, CatalogueEntry] = {}
    if mapping.katalog_datei:
        path = mapping.path.resolve().parent / mapping.katalog_datei
        if not path.is_file():
            problems.error(mapping.file, f"[katalog] datei: {path} nicht gefunden (Pfad relativ zur Zuordnungsdatei).")
        else:
            numeric = {c.name for c in CATALOGUE_SPEC.columns if c.kind in NUMERIC_KINDS}
            text, fmt = read_text_table(path, numeric)
            spec = CATALOGUE_SPEC.__class__(path.name, CATALOGUE_SPEC.columns, CATALOGUE_SPEC.key)
            typed = parse_table(text, spec, fmt.decimal_comma, problems)
            for row in typed.to_dict("records"):
                fields = {k: v for k, v in row.items() if k != "indikator_id" and not _blank(v)}
                indikator_id = str(row["indikator_id"])
                entries[indikator_id] = CatalogueEntry(indikator_id, indicator_from_fields(indikator_id, fields))
    entries.update(mapping.katalog)
    used = {u.indikator_id for s in mapping.quellen for u in s.indikatoren}
    for source in mapping.quellen:
        for use in source.indikatoren:
            if use.indikator_id not in entries:
                problems.error(
                    mapping.file,
                    f"{source.label()}, [[quellen.indikatoren]] Nr. {use.number}: Indikator „{use.indikator_id}“ "
                    "steht weder in [indikatoren] noch in der Katalogdatei.",
                )
    return {k: v for k, v in entries.items() if k in used or v.zaehler is not None}


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) or value == ""


def _bound(value: object) -> float | str | None:
    """A range limit as indikatoren.csv writes it: a number, „offen“ (read from a catalogue file as ±inf)."""
    if _blank(value):
        return None
    if value == OPEN_BOUND or (isinstance(value, float) and math.isinf(value)):
        return OPEN_BOUND
    return float(value)  # type: ignore[arg-type]


def indicator_from_fields(indikator_id: str, f: dict[str, object]) -> Indicator:
    """The contract's row from a catalogue entry's checked fields (a mapping's [indikatoren] or a file row)."""
    factor = f.get("faktor")
    if factor is None and f.get("aggregation") == "quote":
        factor = 100
    return Indicator(
        indikator_id=indikator_id,
        name=str(f["name"]),
        kurzname=str(f.get("kurzname") or f["name"]),
        einheit=str(f["einheit"]),
        thema=str(f["thema"]),
        polaritaet=str(f["polaritaet"]),
        definition=str(f["definition"]),
        quelle=str(f["quelle"]),
        datenstand=str(f.get("datenstand", "")),
        dezimalstellen=int(f["dezimalstellen"]),  # type: ignore[arg-type]
        aggregation=str(f["aggregation"]),
        faktor=float(factor) if factor is not None else None,  # type: ignore[arg-type]
        handlungsfeld_id=str(f.get("handlungsfeld_id", "") or ""),
        min_fallzahl=int(f["min_fallzahl"]) if not _blank(f.get("min_fallzahl")) else None,  # type: ignore[arg-type]
        wertebereich_min=_bound(f.get("wertebereich_min")),
        wertebereich_max=_bound(f.get("wertebereich_max")),
    )


def indicator_row(entry: CatalogueEntry) -> Indicator:
    """The row of an entry of a checked mapping (never incomplete there)."""
    if entry.row is None:
        raise ValueError(f"incomplete catalogue entry {entry.indikator_id} in a checked mapping")
    return entry.row
