"""Assembly of the value records into the contract's long table: duplicates summed or reported, rates
derived from numerators and denominators, case counts set, validity and inhabitants, settings."""

from __future__ import annotations

import copy

import geopandas as gpd
import pandas as pd

from ..levels import area_validities, level_rows, span_text, valid_in
from ..report import Report
from ..schemas import CITY_ID
from .catalogue import indicator_row
from .result import MAX_CELL_MESSAGES, MAX_DUPLICATE_MESSAGES, NOTE_SUPPRESSED, ImportReport
from .spec import AreaSource, CatalogueEntry, Mapping

_RECORD_COLUMNS = ["gebiet_id", "indikator_id", "jahr", "wert", "anmerkung", "datei", "zeile", "spalte", "summieren"]


def assemble(
    records: list[tuple], catalogue: dict[str, CatalogueEntry], result: ImportReport, problems: Report
) -> pd.DataFrame:
    """Long value table: duplicates summed or reported, rates derived, case counts set."""
    frame = pd.DataFrame(records, columns=_RECORD_COLUMNS)
    frame["wert"] = frame["wert"].astype("Float64")
    frame = _merge_duplicates(frame, problems)
    _check_percent(frame, catalogue, problems)
    frame = frame.drop(columns=["datei", "zeile", "spalte", "summieren"])
    for column in ("fallzahl", "zaehler", "nenner"):
        frame[column] = pd.Series([pd.NA] * len(frame), dtype="Float64")
    values = frame
    for entry in catalogue.values():
        if entry.zaehler is not None:  # numerator and denominator are always read, never derived
            rates = _rate_rows(frame, entry, result)
            values = pd.concat([values[values["indikator_id"] != entry.indikator_id], rates], ignore_index=True)
    for entry in catalogue.values():
        mode = entry.fallzahl or ("zaehler" if entry.zaehler else "keine")
        rows = values["indikator_id"] == entry.indikator_id
        if mode == "wert":
            values.loc[rows, "fallzahl"] = values.loc[rows, "wert"]
        elif mode == "zaehler":
            values.loc[rows, "fallzahl"] = values.loc[rows, "zaehler"]
    return values.sort_values(["indikator_id", "jahr", "gebiet_id"], kind="stable").reset_index(drop=True)


def _merge_duplicates(frame: pd.DataFrame, problems: Report) -> pd.DataFrame:
    key = ["gebiet_id", "indikator_id", "jahr"]
    twice = frame.duplicated(key, keep=False)
    if not twice.any():
        return frame
    groups = frame[twice].groupby(key, sort=False)
    merged: list[dict[str, object]] = []
    reported = 0
    for (gebiet, indikator, jahr), group in groups:
        if group["summieren"].all():
            suppressed = group["wert"].isna().any()
            merged.append(
                {
                    **group.iloc[0].to_dict(),
                    "wert": pd.NA if suppressed else float(group["wert"].sum()),
                    "anmerkung": f"{NOTE_SUPPRESSED} (Teilsumme)" if suppressed else None,
                }
            )
            continue
        reported += 1
        if reported <= MAX_DUPLICATE_MESSAGES:
            places = "; ".join(f"{r.datei} Zeile {r.zeile}, Spalte „{r.spalte}“" for r in group.itertuples())
            where = "Gesamtstadt" if gebiet == CITY_ID else f"Gebiet {gebiet}"
            problems.error(
                str(group["datei"].iloc[0]),
                f"{where}, Indikator {indikator}, Jahr {jahr}: mehrere Werte ({places}). Fassen Sie die „auswahl“ "
                "enger, oder setzen Sie summieren = true, wenn diese Zeilen zusammengezählt werden sollen.",
                row=int(group["zeile"].iloc[1]),
            )
    if reported > MAX_DUPLICATE_MESSAGES:
        problems.error(
            str(frame["datei"].iloc[0]), f"… und {reported - MAX_DUPLICATE_MESSAGES} weitere mehrfache Werte."
        )
    merged_frame = pd.DataFrame(merged, columns=frame.columns)
    merged_frame["wert"] = merged_frame["wert"].astype("Float64")
    return pd.concat([frame[~twice], merged_frame], ignore_index=True)


def _check_percent(frame: pd.DataFrame, catalogue: dict[str, CatalogueEntry], problems: Report) -> None:
    percent_ids = [i for i, e in catalogue.items() if indicator_row(e).einheit.strip() == "%"]
    bad = frame[frame["indikator_id"].isin(percent_ids) & ((frame["wert"] < 0) | (frame["wert"] > 100)).fillna(False)]
    for row in bad.head(MAX_CELL_MESSAGES).itertuples():
        problems.error(
            row.datei,
            f"Indikator {row.indikator_id} hat die Einheit %: Wert zwischen 0 und 100 erwartet. Ist die Spalte "
            "richtig zugeordnet, oder ist die Einheit eine andere?",
            row=int(row.zeile),
            column=row.spalte,
            value=str(row.wert).replace(".", ","),
        )
    if len(bad) > MAX_CELL_MESSAGES:
        problems.error(
            str(bad["datei"].iloc[0]), f"… und {len(bad) - MAX_CELL_MESSAGES} weitere Werte außerhalb 0–100."
        )


def _rate_rows(frame: pd.DataFrame, entry: CatalogueEntry, result: ImportReport) -> pd.DataFrame:
    """Rows of a rate with zaehler and nenner: given values keep theirs, missing ones are computed."""
    indicator = indicator_row(entry)
    factor = indicator.faktor or 100.0
    key = ["gebiet_id", "jahr"]
    num = frame[frame["indikator_id"] == entry.zaehler][[*key, "wert"]].rename(columns={"wert": "zaehler"})
    den = frame[frame["indikator_id"] == entry.nenner][[*key, "wert"]].rename(columns={"wert": "nenner"})
    parts = num.merge(den, on=key, how="inner")
    given = frame[frame["indikator_id"] == entry.indikator_id][[*key, "wert", "anmerkung"]]
    if len(given):
        rows = given.merge(parts, on=key, how="left")
        computed = rows["zaehler"] / rows["nenner"] * factor
        tolerance = 0.5 * 10**-indicator.dezimalstellen + 1e-9
        off = ((rows["wert"] - computed).abs() > tolerance).fillna(False)
        if off.any():
            shown = ", ".join(f"{g} {int(j)}" for g, j in rows.loc[off, key].head(5).itertuples(index=False))
            result.notes.append(
                f"{entry.indikator_id}: in {int(off.sum())} Zeilen weicht der gelieferte Anteil von "
                f"{entry.zaehler}/{entry.nenner} × {factor:g} ab ({shown}); übernommen wird der gelieferte Wert."
            )
        out = rows
    else:
        out = parts.copy()
        out["wert"] = (out["zaehler"] / out["nenner"] * factor).where(out["nenner"] > 0)
        out["anmerkung"] = None
        out.loc[(out["nenner"] == 0).fillna(False), "anmerkung"] = "Nenner 0"
        hidden = (out["zaehler"].isna() | out["nenner"].isna()).fillna(True)
        out.loc[hidden, "anmerkung"] = f"{NOTE_SUPPRESSED} (Zähler oder Nenner)"
        out.loc[hidden, ["zaehler", "nenner"]] = pd.NA
    out["indikator_id"] = entry.indikator_id
    for column in ("wert", "zaehler", "nenner"):
        out[column] = out[column].astype("Float64")
    out["fallzahl"] = pd.Series([pd.NA] * len(out), dtype="Float64", index=out.index)
    return out[["gebiet_id", "indikator_id", "jahr", "wert", "anmerkung", "fallzahl", "zaehler", "nenner"]]


def settings_sections(mapping: Mapping, catalogue: dict[str, CatalogueEntry], years: list[int]) -> dict[str, dict]:
    sections = copy.deepcopy(mapping.einstellungen)
    ordered: dict[str, dict[str, object]] = {}
    for name in ("stadt", "daten", "anzeige", "lizenz", "geheimhaltung", "karte"):
        ordered[name] = sections.pop(name, {})
    ordered.update(sections)
    ordered["daten"]["gebiete"] = mapping.gebiete.ausgabe
    ordered["daten"].setdefault("beispieldaten", False)
    ordered["daten"].setdefault("geometrie_schematisch", False)
    if catalogue:
        ordered["anzeige"].setdefault("standard_indikator", next(iter(catalogue)))
    if years:
        ordered["anzeige"].setdefault("standard_jahr", max(years))
    return {k: v for k, v in ordered.items() if v}


def check_validity(records: list[tuple], areas: gpd.GeoDataFrame, problems: Report) -> None:
    """A value for an area outside its validity (a year column across a boundary change) is an error."""
    if "gueltig_ab" not in areas and "gueltig_bis" not in areas:
        return
    spans = {g: own for g, own in area_validities(areas).items() if (None, None) not in own}
    outside = [
        r
        for r in records
        if r[0] in spans and r[2] is not None and not any(valid_in(v, int(r[2])) for v in spans[r[0]])
    ]
    for gebiet, _, year, *_rest, file, line, column, _sum in outside[:MAX_CELL_MESSAGES]:
        problems.error(
            file,
            f"Gebiet {gebiet} gilt nur {' und '.join(span_text(v) for v in spans[gebiet])}, der Wert ist für "
            f"{year}. Stimmt das Jahr, oder "
            "gehört die Tabelle zu einer anderen Gebietsversion (gueltig_ab/gueltig_bis in [[gebiete]])?",
            row=line,
            column=column,
            value=str(year),
        )
    if len(outside) > MAX_CELL_MESSAGES:
        problems.error(
            str(outside[0][5]), f"… und {len(outside) - MAX_CELL_MESSAGES} weitere Werte außerhalb der Gültigkeit."
        )


def add_population(areas: gpd.GeoDataFrame, values: pd.DataFrame, mapping: Mapping, result: ImportReport) -> None:
    """`einwohner` of each level's areas from its population indicator (derived levels: sum of their parts)."""
    specs = mapping.ebenen or [mapping.gebiete]
    levels = areas["ebene"] if "ebene" in areas else pd.Series("", index=areas.index)
    for spec in specs:
        if spec.einwohner:
            mask = levels == spec.ebene if len(specs) > 1 else pd.Series(True, index=areas.index)
            _level_population(areas, mask, values, spec, result)
    for spec in specs:
        if spec.aus_ebene and "einwohner" in areas:
            parts = areas[levels == spec.aus_ebene]
            sums = parts.groupby("uebergeordnet")["einwohner"].agg(lambda s: s.sum() if s.notna().all() else pd.NA)
            mask = levels == spec.ebene
            areas.loc[mask, "einwohner"] = areas.loc[mask, "gebiet_id"].map(sums).astype("Int64")


def _level_population(
    areas: gpd.GeoDataFrame, mask: pd.Series, values: pd.DataFrame, spec: AreaSource, result: ImportReport
) -> None:
    indikator = spec.einwohner
    # an id shared by two versions: only the values of this version's years
    rows = values[(values["indikator_id"] == indikator) & level_rows(values, areas[mask])].dropna(subset=["wert"])
    where = f" ({spec.ebene})" if len(mask) != int(mask.sum()) else ""
    if rows.empty:
        result.area_notes.append(f"Einwohner{where}: keine Werte für {indikator}.")
        return
    year = spec.einwohner_jahr or int(rows["jahr"].max())
    of_year = rows[rows["jahr"] == year].set_index("gebiet_id")["wert"]
    if "einwohner" not in areas:
        areas["einwohner"] = pd.array([pd.NA] * len(areas), dtype="Int64")
    areas.loc[mask, "einwohner"] = areas.loc[mask, "gebiet_id"].map(of_year).round().astype("Int64")
    result.area_notes.append(
        f"Einwohner der Flächen{where} aus {indikator} {year} (für die Geheimhaltung: Gebiete unter der Mindestzahl "
        f"bekommen keine Werte); {int(areas.loc[mask, 'einwohner'].notna().sum())} von {int(mask.sum())} Flächen "
        "haben eine Zahl."
    )
