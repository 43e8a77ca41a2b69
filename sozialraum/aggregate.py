"""Values of small areas aggregated to a stable higher level (Planungsraum → Bezirk, Gemeindeteil → Bezirk).

Where boundaries change (Berlin replaced 447 planning areas by 542 in 2021), a higher level that did
not change keeps a time series comparable. The rule of the data contract applies here too: counts
are summed, rates are recomputed as sum of numerators / sum of denominators × factor, and nothing is
ever an unweighted mean of area rates. A parent gets a value only when every child area that belongs
to it has one (otherwise the value is left empty and the note says how many are missing), because a
sum over part of a district would look like a real drop.

Each geometry version needs its own child → parent assignment: call `aggregate_values` once per
version (e.g. the years up to 2020 with the old planning areas, the years from 2021 with the new).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from .schemas import CITY_ID

NOTE_INCOMPLETE = "unvollständig"
VALUE_COLUMNS = ["gebiet_id", "indikator_id", "jahr", "wert", "fallzahl", "zaehler", "nenner", "anmerkung"]


@dataclass
class Aggregated:
    """Values per parent area, plus notes on what could not be aggregated and why."""

    values: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def parents_by_prefix(ids: Iterable[str], length: int) -> dict[str, str]:
    """Child id → parent id as the first `length` characters (Berlin: PLR `01100101` → Bezirk `01`)."""
    return {i: i[:length] for i in ids}


def aggregate_values(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    parent_of: Mapping[str, str],
    complete: bool = True,
) -> Aggregated:
    """Aggregate the area rows of `values` to the parents in `parent_of` (child id → parent id).

    `catalogue` is indexed by indikator_id with columns `aggregation` and `faktor` (as in a loaded
    bundle). With `complete=False` a parent also gets a value when some children have none; the
    note then names how many were missing.
    """
    children: dict[str, set[str]] = {}
    for child, parent in parent_of.items():
        children.setdefault(parent, set()).add(child)
    rows = values[(values["gebiet_id"] != CITY_ID) & values["gebiet_id"].isin(parent_of)].copy()
    outside = sorted(set(values["gebiet_id"]) - set(parent_of) - {CITY_ID})
    notes: list[str] = []
    if outside:
        notes.append(
            f"{len(outside)} Gebiete ohne übergeordnetes Gebiet nicht berücksichtigt: {', '.join(outside[:10])}"
        )
    rows["parent"] = rows["gebiet_id"].map(parent_of)
    out: list[dict[str, object]] = []
    skipped: set[str] = set()
    for (indikator, jahr, parent), group in rows.groupby(["indikator_id", "jahr", "parent"], sort=True):
        method = str(catalogue.at[indikator, "aggregation"]) if indikator in catalogue.index else ""
        if method not in ("summe", "quote"):
            skipped.add(str(indikator))
            continue
        column = "wert" if method == "summe" else None
        usable = group.dropna(subset=["wert"] if column else ["zaehler", "nenner"])
        missing = len(children[parent] - set(usable["gebiet_id"]))
        row: dict[str, object] = {"gebiet_id": parent, "indikator_id": indikator, "jahr": int(jahr)}
        if missing and complete:
            row["anmerkung"] = f"{NOTE_INCOMPLETE}: {missing} von {len(children[parent])} Gebieten ohne Wert"
            out.append(row)
            continue
        if missing:
            row["anmerkung"] = f"{NOTE_INCOMPLETE}: Summe ohne {missing} von {len(children[parent])} Gebieten"
        if method == "summe":
            row["wert"] = float(usable["wert"].sum())
            if usable["fallzahl"].notna().any():
                row["fallzahl"] = float(usable["fallzahl"].sum())
        else:
            numerator, denominator = float(usable["zaehler"].sum()), float(usable["nenner"].sum())
            factor = float(catalogue.at[indikator, "faktor"]) if pd.notna(catalogue.at[indikator, "faktor"]) else 100
            row.update(zaehler=numerator, nenner=denominator, fallzahl=numerator)
            row["wert"] = numerator / denominator * factor if denominator else None
        out.append(row)
    for indikator in sorted(skipped):
        notes.append(
            f"Indikator {indikator}: nicht aggregiert (Aggregation „vorgegeben“; ohne Zähler und Nenner lässt sich "
            "kein Wert für das übergeordnete Gebiet berechnen, und Mittelwerte von Quoten wären falsch)."
        )
    frame = pd.DataFrame(out, columns=VALUE_COLUMNS)
    for column in ("wert", "fallzahl", "zaehler", "nenner"):
        frame[column] = frame[column].astype("Float64")
    frame["jahr"] = frame["jahr"].astype("Int64")
    return Aggregated(frame, notes)


def aggregate_areas(
    areas: gpd.GeoDataFrame, parent_of: Mapping[str, str], names: Mapping[str, str] | None = None, level: str = ""
) -> gpd.GeoDataFrame:
    """Union of the child polygons per parent: gebiet_id, name, ebene, einwohner (summed when complete)."""
    frame = areas[areas["gebiet_id"].isin(parent_of)].copy()
    frame["parent"] = frame["gebiet_id"].map(parent_of)
    keep = ["parent", "geometry"] + (["einwohner"] if "einwohner" in frame.columns else [])
    merged = frame[keep].dissolve(by="parent", aggfunc={"einwohner": "sum"} if "einwohner" in keep else "first")
    merged = merged.reset_index().rename(columns={"parent": "gebiet_id"})
    merged["name"] = [(names or {}).get(g, g) for g in merged["gebiet_id"]]
    if level:
        merged["ebene"] = level
    columns = ["gebiet_id", "name"] + (["ebene"] if level else []) + (["einwohner"] if "einwohner" in keep else [])
    return gpd.GeoDataFrame(merged[columns], geometry=merged.geometry, crs=areas.crs)
