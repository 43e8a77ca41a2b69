"""Plausibility checks of the loaded tables that protect what is published: a level structure that
went missing, and values outside the range their indicator declares."""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .csvio import line_number
from .report import N_, Message, Number, Report, msg

COUNT_COLUMNS = ("fallzahl", "nenner")  # always people, households or cases: never negative


def value_range(meta: pd.Series) -> tuple[float, float]:
    """The range `wert` of an indicator must lie in: declared in indikatoren.csv (`wertebereich_min`,
    `wertebereich_max`, „offen“ = no limit), else by kind: % → 0 to 100, a count (aggregation summe) → 0 or
    more, anything else open. A balance that may be negative declares it (wertebereich_min = offen)."""
    percent = str(meta["einheit"]).strip() == "%"
    low = 0.0 if percent or meta["aggregation"] == "summe" else -math.inf
    high = 100.0 if percent else math.inf
    declared_low, declared_high = meta.get("wertebereich_min"), meta.get("wertebereich_max")
    return (
        low if declared_low is None or pd.isna(declared_low) else float(declared_low),
        high if declared_high is None or pd.isna(declared_high) else float(declared_high),
    )


def range_text(low: float, high: float) -> Message:
    """Wording of a range for messages: „zwischen 0 und 100“, „0 oder mehr“, „höchstens 5“."""
    if math.isfinite(low) and math.isfinite(high):
        return msg(N_("zwischen {min} und {max}"), min=_number(low), max=_number(high))
    if math.isfinite(low):
        return msg(N_("{min} oder mehr"), min=_number(low))
    return msg(N_("höchstens {max}"), max=_number(high)) if math.isfinite(high) else msg(N_("beliebig"))


def _number(value: float) -> Number:
    return Number(float(value), f"{value:g}".replace(".", ","))


def out_of_range(row: pd.Series, low: float, high: float) -> tuple[str, Message] | None:
    """The first cell of a value row outside what it may hold, with the expectation: case numbers and
    denominators are never negative, `wert` lies in the indicator's range, and the numerator of an
    indicator that cannot be negative is not negative either."""
    checks = [(c, 0.0, math.inf) for c in COUNT_COLUMNS] + [("wert", low, high)]
    if low >= 0:
        checks.append(("zaehler", 0.0, math.inf))
    for column, lo, hi in checks:
        if column in row and pd.notna(row[column]) and not lo <= row[column] <= hi:
            return column, range_text(lo, hi)
    return None


def maybe_out_of_range(values: pd.DataFrame, catalogue: pd.DataFrame) -> pd.Series:
    """Rows `out_of_range` could object to, found for all rows at once (its conditions, vectorised), so
    the row-by-row check with its messages runs only on these: a city's 20,000 value rows load in
    milliseconds instead of seconds. Rows of an indicator missing from the catalogue are not flagged."""
    ranges = {ind: value_range(catalogue.loc[ind]) for ind in catalogue.index.unique()}
    low = values["indikator_id"].map({ind: r[0] for ind, r in ranges.items()})
    high = values["indikator_id"].map({ind: r[1] for ind, r in ranges.items()})
    flagged = pd.Series(False, index=values.index)
    for column in COUNT_COLUMNS:
        if column in values:
            flagged |= pd.to_numeric(values[column], errors="coerce") < 0
    if "wert" in values:
        wert = pd.to_numeric(values["wert"], errors="coerce")
        flagged |= (wert < low) | (wert > high)
    if "zaehler" in values:
        flagged |= (low >= 0) & (pd.to_numeric(values["zaehler"], errors="coerce") < 0)
    return flagged.fillna(False).astype(bool)


def check_ranges(catalogue: pd.DataFrame, file: str, report: Report) -> pd.DataFrame:
    """A declared range whose minimum lies above its maximum: the indicator is left out."""
    bad = [
        index
        for index, row in catalogue.iterrows()
        if (lo := row.get("wertebereich_min")) is not None
        and (hi := row.get("wertebereich_max")) is not None
        and pd.notna(lo)
        and pd.notna(hi)
        and lo > hi
    ]
    for index in bad:
        report.error(
            file,
            msg(
                N_("wertebereich_min ({min}) liegt über wertebereich_max; erwartet wird Minimum ≤ Maximum."),
                min=_number(catalogue.at[index, "wertebereich_min"]),
            ),
            row=line_number(index),
            column="wertebereich_min",
            value=_number(catalogue.at[index, "wertebereich_min"]).german,
        )
    return catalogue.drop(index=bad)


def check_structure(areas: gpd.GeoDataFrame, file: str, report: Report) -> gpd.GeoDataFrame:
    """Several undated levels but not one parent link: the hierarchy was lost (e.g. a Shapefile cut
    `uebergeordnet`), and with it the sums that protect small areas. Only the first level is kept."""
    level = areas["ebene"].fillna("").astype(str)
    dated = areas["gueltig_ab"].notna() | areas["gueltig_bis"].notna()
    undated = list(dict.fromkeys(level[~dated]))
    if len(undated) < 2 or areas["uebergeordnet"].fillna("").astype(str).ne("").any():
        return areas
    report.error(
        file,
        msg(
            N_(
                "Mehrere Ebenen ({ebenen}), aber kein Gebiet nennt ein übergeordnetes Gebiet: die Ebenenstruktur "
                "fehlt. Angezeigt wird nur „{ebene}“. Erwartet: Spalte „uebergeordnet“ (im Shapefile „uebergeord“) "
                "mit der gebiet_id des übergeordneten Gebiets, oder eine Zuordnung unter [daten] spalten."
            ),
            ebenen=", ".join(undated),
            ebene=undated[0],
        ),
        column="uebergeordnet",
    )
    return areas[dated | level.eq(undated[0])]


def check_hierarchy(areas: gpd.GeoDataFrame, file: str, report: Report) -> gpd.GeoDataFrame:
    """A level structure that is there for some areas but not for others is an error, never a default.

    The rule, per level (`ebene`; a geometry version is a level of its own): a link is a `uebergeordnet`
    naming an area of another level. If some areas of a level have a link, every area of it must have
    one, into the level most of them point to – an area whose parent is empty, unknown or in another
    level is left out (with its values): the sums of its parent would otherwise publish it unprotected.
    If the file has links at all, a level with none that no other level points to is cut off from the
    structure (e.g. a new geometry version delivered without `uebergeordnet`) and is left out too.
    Leaving an area out can orphan its children, so this repeats until nothing changes. A level without
    any link whose parents are all unknown (a part of a city) only gets a warning.
    """
    _warn_unknown_parents(areas, file, report)
    kept = areas
    while problems := _structure_problems(kept):
        for rows, message, found in problems:
            report.error(file, message, row=rows[0] + 1, column="uebergeordnet", value=found)
        kept = kept.drop(index=[index for rows, _, _ in problems for index in rows])
    return kept


def _links(areas: gpd.GeoDataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Level of each area, level of its named parent ('' if unknown), and whether that is a link."""
    level = areas["ebene"].fillna("").astype(str)
    level_of = dict(zip(areas["gebiet_id"], level, strict=False))
    target = areas["uebergeordnet"].fillna("").astype(str).map(lambda p: level_of.get(p, ""))
    return level, target, target.ne("") & target.ne(level)


def _structure_problems(areas: gpd.GeoDataFrame) -> list[tuple[list[int], Message, str]]:
    """(rows to leave out, message, value found) – one message per orphan, one per cut-off level."""
    level, target, linked = _links(areas)
    parent = areas["uebergeordnet"].fillna("").astype(str)
    named = set(parent[linked])
    out: list[tuple[list[int], Message, str]] = []
    for name in dict.fromkeys(level):
        rows = level.eq(name)
        if not linked[rows].any():
            if linked.any() and not areas.loc[rows, "gebiet_id"].isin(named).any():
                out.append(([int(i) for i in areas.index[rows]], _cut_off_text(name), "(leer)"))
            continue
        expected = target[rows & linked].mode().iloc[0]
        for index in areas.index[rows & ~(linked & target.eq(expected))]:
            where = (
                msg(N_("ein Gebiet der Ebene „{ebene}“"), ebene=target[index])
                if target[index]
                else msg(N_("nicht in der Datei"))
            )
            message = msg(
                N_(
                    "Gebiet {gebiet} (Ebene „{ebene}“): übergeordnetes Gebiet fehlt oder ist {wo}; die anderen "
                    "Gebiete dieser Ebene gehören zu „{erwartet}“. Erwartet: gebiet_id eines Gebiets der Ebene "
                    "„{erwartet}“. Das Gebiet wird nicht angezeigt, damit die Summen des übergeordneten Gebiets es "
                    "nicht ungeschützt verraten."
                ),
                gebiet=str(areas.at[index, "gebiet_id"]),
                ebene=name,
                wo=where,
                erwartet=expected,
            )
            out.append(([int(index)], message, parent[index] or "(leer)"))
    return out


def _cut_off_text(name: str) -> Message:
    return msg(
        N_(
            "Ebene „{ebene}“ gehört nicht zur Ebenenstruktur: keines ihrer Gebiete nennt ein übergeordnetes Gebiet, "
            "und keines ist einem anderen übergeordnet, während die übrigen Ebenen verbunden sind. Erwartet: Spalte "
            "„uebergeordnet“ für jedes Gebiet dieser Ebene. Die Ebene wird nicht angezeigt."
        ),
        ebene=name,
    )


def _warn_unknown_parents(areas: gpd.GeoDataFrame, file: str, report: Report) -> None:
    """In a level without any link, unknown parents (a part of a city) are ignored, with a warning."""
    level, _, linked = _links(areas)
    parent = areas["uebergeordnet"].fillna("").astype(str)
    unlinked = level.isin({n for n in dict.fromkeys(level) if not linked[level.eq(n)].any()})
    for index in areas.index[unlinked & parent.ne("")]:
        report.warning(
            file,
            msg(N_("Übergeordnetes Gebiet nicht in der Gebietsdatei; die Zuordnung wird ignoriert.")),
            row=int(index) + 1,
            column="uebergeordnet",
            value=parent[index],
        )


def too_big(path: Path, max_megabyte: float, report: Report, key: str = "max_megabyte") -> bool:
    """A file over the limit is refused before it is read: loading it would block every page for minutes
    (10× the Gera example, 9 MB, takes about 15 s; the loader checks every row). A Shapefile counts with
    its side files (.dbf holds the attributes, .shx the index): together they are what gets read."""
    parts = [path]
    if path.suffix.lower() == ".shp":
        parts = [p for p in path.parent.glob(f"{path.stem}.*") if p.is_file()] or [path]
    size = sum(p.stat().st_size for p in parts) / 1_000_000
    if size <= max_megabyte:
        return False
    report.error(
        path.name,
        msg(
            N_(
                "Datei ist zu groß und wird nicht geladen: erwartet höchstens {grenze} MB ([daten] {schluessel}). "
                "Entfernen Sie nicht benötigte Jahre oder Indikatoren, oder erhöhen Sie die Grenze (das Laden dauert "
                "dann entsprechend länger)."
            ),
            grenze=Number(float(max_megabyte), f"{max_megabyte:g}"),
            schluessel=key,
        ),
        value=f"{size:.1f} MB".replace(".", ","),
    )
    return True
