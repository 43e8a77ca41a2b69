"""Jena: 41 statistical districts and private households 2006–2016 → a contract data folder.

Source quirks handled here (see ``jena/SOURCE.md``): wide tables with date headers, an empty
``31.12.2017`` column, the city total (Nr 0) and "not assigned" (Nr 999) inside the data, integer
IDs in the GeoJSON versus text IDs in the tables, and a second geometry (EWKB in EPSG:25832) in
the ``the_geom`` attribute that must not be used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..datafolder import Dropped, Indicator, atomic_folder, write_catalogue, write_settings, write_values
from ..geocheck import WGS84, WGS84_EPSG
from ..schemas import CITY_ID
from .common import ConversionReport, join_stats, read_id_csv

GEOMETRY_FILE = "statbez.geojson"
ALL_FILE = "hh_priv.csv"
SINGLE_FILE = "hh_priv_1.csv"
SINGLE_60_FILE = "hh_priv_1_60plus.csv"
ID_COLUMN = "statistischer_Bezirk_Nr"
NAME_COLUMN = "statistischer_Bezirk_Name"
TOTAL_ID = "0"
UNASSIGNED_ID = "999"
JENA_BOUNDS = (11.3, 50.7, 11.9, 51.1)  # lon/lat box that must contain every district

QUELLE = "Stadt Jena, Open-Data-Portal (opendata.jena.de), Statistische Privathaushalte"
DATENSTAND = "31.12.2016"
THEMA = "Haushalte"

_STICHTAG = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


@dataclass(frozen=True)
class HouseholdTable:
    """One source table in long form, split into districts, the city total and the rest."""

    file: str
    districts: pd.DataFrame  # gebiet_id, jahr, anzahl
    total: pd.Series  # jahr → official city total (row Nr 0)
    all_ids: list[str]


def convert_jena(source: Path, target: Path) -> ConversionReport:
    """Convert ``source`` (the ``jena`` folder of the real data) into the data folder ``target``."""
    source, target = Path(source), Path(target)
    report = ConversionReport(city="Jena", source=source, target=target)
    areas = read_districts(source / GEOMETRY_FILE, report)
    area_ids = list(areas["gebiet_id"])
    tables = {
        name: read_household_table(source / name, area_ids, report) for name in (ALL_FILE, SINGLE_FILE, SINGLE_60_FILE)
    }
    for table in tables.values():
        compare_total(table, report)
    values = build_values(tables[ALL_FILE], tables[SINGLE_FILE], tables[SINGLE_60_FILE], report)
    indicators = catalogue()
    with atomic_folder(target) as work:
        areas.to_file(work / "gebiete.geojson", driver="GeoJSON")
        write_catalogue(indicators, work / "indikatoren.csv")
        report.values_written = write_values(values, work / "werte.csv")
        write_settings(settings(), work / "einstellungen.toml")
        report.indicators = [i.indikator_id for i in indicators]
        report.years = sorted(int(y) for y in values["jahr"].unique())
        (work / "UMWANDLUNG.txt").write_text(report.as_text() + "\n", encoding="utf-8")
    return report


def read_districts(path: Path, report: ConversionReport) -> gpd.GeoDataFrame:
    """The 41 district polygons: gebiet_id = str(id), name = statbez_name, WGS84 geometry."""
    raw = gpd.read_file(path)
    report.rows_read[path.name] = len(raw)
    if raw.crs is None or raw.crs.to_epsg() != WGS84_EPSG:
        raise ValueError(f"{path.name}: WGS84 ({WGS84}) erwartet, gefunden {raw.crs}")
    west, south, east, north = raw.total_bounds
    lo_x, lo_y, hi_x, hi_y = JENA_BOUNDS
    if not (lo_x <= west and east <= hi_x and lo_y <= south and north <= hi_y):
        raise ValueError(f"{path.name}: Koordinaten liegen nicht in Jena ({raw.total_bounds})")
    dropped = [c for c in raw.columns if c not in ("id", "statbez_name", raw.geometry.name)]
    report.notes.append(
        f"{path.name}: Attribute {', '.join(dropped)} verworfen (the_geom ist eine zweite Geometrie als EWKB "
        "in EPSG:25832); verwendet wird die GeoJSON-Geometrie in WGS84."
    )
    areas = gpd.GeoDataFrame(
        {"gebiet_id": raw["id"].astype(int).astype(str), "name": raw["statbez_name"].astype(str).str.strip()},
        geometry=raw.geometry,
        crs=raw.crs,
    )
    if areas["gebiet_id"].duplicated().any():
        raise ValueError(f"{path.name}: doppelte Bezirksnummern")
    report.areas = len(areas)
    return areas


def stichtag_year(header: str) -> int | None:
    """'31.12.2016' → 2016; None for headers that are not a reference date."""
    match = _STICHTAG.match(header.strip())
    return int(match[3]) if match else None


def read_household_table(path: Path, area_ids: list[str], report: ConversionReport) -> HouseholdTable:
    """Read one wide table, drop empty date columns, melt to long and split off rows 0 and 999."""
    raw = read_id_csv(path, [ID_COLUMN])
    raw[ID_COLUMN] = raw[ID_COLUMN].str.strip()
    report.rows_read[path.name] = len(raw)
    date_columns = {c: stichtag_year(c) for c in raw.columns if stichtag_year(c) is not None}
    empty = [c for c in date_columns if raw[c].isna().all()]
    for column in empty:
        report.dropped.append(
            Dropped(path.name, f"Stichtag {column}: Spalte ganz leer (noch nicht veröffentlicht)", 1, "Spalte")
        )
    years = {c: y for c, y in date_columns.items() if c not in empty}
    long = raw.melt(id_vars=[ID_COLUMN], value_vars=list(years), var_name="stichtag", value_name="anzahl")
    long["jahr"] = long["stichtag"].map(years)
    missing = long[long["anzahl"].isna()]
    if len(missing):
        ids = tuple(sorted(set(missing[ID_COLUMN])))
        report.dropped.append(Dropped(path.name, "leere Zelle", len(missing), "Werte", ids))
    long = long.dropna(subset=["anzahl"])
    report.joins.append(join_stats(path.name, raw[ID_COLUMN], area_ids))
    _record_excluded_rows(raw, path.name, report)
    known = set(area_ids)
    districts = long[long[ID_COLUMN].isin(known)].rename(columns={ID_COLUMN: "gebiet_id"})
    total = long[long[ID_COLUMN] == TOTAL_ID].set_index("jahr")["anzahl"]
    return HouseholdTable(path.name, districts[["gebiet_id", "jahr", "anzahl"]], total, list(raw[ID_COLUMN]))


def _record_excluded_rows(raw: pd.DataFrame, file: str, report: ConversionReport) -> None:
    numeric = raw.drop(columns=[NAME_COLUMN, ID_COLUMN]).apply(pd.to_numeric)
    for nr, reason in (
        (TOTAL_ID, "Gesamtstadt-Zeile, kein Gebiet"),
        (UNASSIGNED_ID, "keinem statistischen Bezirk zugeordnet, ausgeschlossen"),
    ):
        rows = raw[raw[ID_COLUMN] == nr]
        if rows.empty:
            continue
        name = str(rows[NAME_COLUMN].iloc[0]).strip()
        detail = reason
        if nr == UNASSIGNED_ID:
            detail += f" (Summe aller Stichtage: {int(numeric.loc[rows.index].sum().sum())})"
        report.dropped.append(Dropped(file, f"Nr {nr} „{name}“: {detail}", len(rows), "Zeile", (nr,)))


def compare_total(table: HouseholdTable, report: ConversionReport) -> None:
    """Note whether the official total (Nr 0) equals the sum of the districts, year by year."""
    sums = table.districts.groupby("jahr")["anzahl"].sum()
    differences = {
        int(y): int(table.total[y] - sums.get(y, 0)) for y in table.total.index if table.total[y] != sums.get(y)
    }
    if not differences:
        report.notes.append(f"{table.file}: amtliche Gesamtzahl (Nr 0) = Summe der 41 Bezirke in jedem Jahr.")
        return
    listed = ", ".join(f"{y}: {d:+d}" for y, d in sorted(differences.items()))
    report.notes.append(
        f"{table.file}: amtliche Gesamtzahl (Nr 0) weicht von der Summe der Bezirke ab (amtlich − Summe): {listed}."
    )


def _wide(table: HouseholdTable, name: str) -> pd.DataFrame:
    return table.districts.rename(columns={"anzahl": name}).set_index(["gebiet_id", "jahr"])


def build_values(
    all_hh: HouseholdTable, single: HouseholdTable, single60: HouseholdTable, report: ConversionReport
) -> pd.DataFrame:
    """The long value table: three counts, two shares (with zaehler/nenner) and the official city total."""
    counts = _wide(all_hh, "alle").join(_wide(single, "ein"), how="outer").join(_wide(single60, "ein60"), how="outer")
    counts = counts.reset_index().sort_values(["jahr", "gebiet_id"], key=_sort_key)
    _check_plausible(counts, report)
    frames = [
        _count_rows(counts, "haushalte", "alle"),
        _count_rows(counts, "einpersonen_haushalte", "ein"),
        _count_rows(counts, "einpersonen_60plus_haushalte", "ein60"),
        _share_rows(counts, "einpersonen_anteil", "ein", "alle"),
        _share_rows(counts, "einpersonen_60plus_anteil", "ein60", "alle"),
        _total_rows(all_hh.total, "haushalte"),
    ]
    return pd.concat(frames, ignore_index=True)


def _sort_key(column: pd.Series) -> pd.Series:
    return column.astype(int) if column.name == "gebiet_id" else column


def _check_plausible(counts: pd.DataFrame, report: ConversionReport) -> None:
    odd = counts[(counts["ein60"] > counts["ein"]) | (counts["ein"] > counts["alle"])]
    if len(odd):
        report.notes.append(f"Unplausibel (60+ > Einpersonen oder Einpersonen > alle): {len(odd)} Bezirk-Jahre.")


def _count_rows(counts: pd.DataFrame, indikator: str, column: str) -> pd.DataFrame:
    present = counts.dropna(subset=[column])
    return pd.DataFrame(
        {
            "gebiet_id": present["gebiet_id"],
            "indikator_id": indikator,
            "jahr": present["jahr"].astype(int),
            "wert": present[column],
            "fallzahl": present[column],
        }
    )


def _share_rows(counts: pd.DataFrame, indikator: str, numerator: str, denominator: str) -> pd.DataFrame:
    present = counts.dropna(subset=[numerator, denominator])
    share = (present[numerator] / present[denominator] * 100).where(present[denominator] > 0)
    return pd.DataFrame(
        {
            "gebiet_id": present["gebiet_id"],
            "indikator_id": indikator,
            "jahr": present["jahr"].astype(int),
            "wert": share,
            "fallzahl": present[numerator],
            "zaehler": present[numerator],
            "nenner": present[denominator],
            "anmerkung": ["keine Haushalte" if d == 0 else None for d in present[denominator]],
        }
    )


def _total_rows(total: pd.Series, indikator: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "gebiet_id": CITY_ID,
            "indikator_id": indikator,
            "jahr": [int(y) for y in total.index],
            "wert": total.to_numpy(),
            "anmerkung": "amtliche Gesamtzahl (Nr 0)",
        }
    )


def catalogue() -> list[Indicator]:
    """The five indicators, with German metadata."""
    common = {"thema": THEMA, "quelle": QUELLE, "datenstand": DATENSTAND}
    return [
        Indicator(
            "haushalte", "Private Haushalte", "Haushalte", "Anzahl", polaritaet="neutral",
            definition="Zahl der privaten Haushalte am Stichtag 31.12. (Gesamtstadt: amtliche Gesamtzahl).",
            dezimalstellen=0, aggregation="summe", **common,
        ),
        Indicator(
            "einpersonen_haushalte", "Einpersonenhaushalte", "1-Pers.-HH", "Anzahl", polaritaet="neutral",
            definition="Zahl der privaten Haushalte mit genau einer Person am Stichtag 31.12.",
            dezimalstellen=0, aggregation="summe", **common,
        ),
        Indicator(
            "einpersonen_60plus_haushalte", "Einpersonenhaushalte ab 60 Jahren", "1-Pers.-HH 60+", "Anzahl",
            polaritaet="neutral",
            definition="Zahl der Einpersonenhaushalte, deren Person 60 Jahre oder älter ist, am Stichtag 31.12.",
            dezimalstellen=0, aggregation="summe", **common,
        ),
        Indicator(
            "einpersonen_anteil", "Anteil Einpersonenhaushalte", "Anteil 1-Pers.-HH", "%", polaritaet="neutral",
            definition="Einpersonenhaushalte (Zähler) je 100 private Haushalte (Nenner) am Stichtag 31.12.",
            dezimalstellen=1, aggregation="quote", faktor=100, **common,
        ),
        Indicator(
            "einpersonen_60plus_anteil", "Anteil Einpersonenhaushalte ab 60 Jahren an allen Haushalten",
            "Anteil 1-Pers.-HH 60+", "%", polaritaet="neutral",
            definition="Einpersonenhaushalte mit einer Person ab 60 Jahren (Zähler) je 100 private Haushalte "
            "insgesamt (Nenner) am Stichtag 31.12.",
            dezimalstellen=1, aggregation="quote", faktor=100, **common,
        ),
    ]  # fmt: skip


def settings() -> dict[str, dict[str, object]]:
    """The content of `einstellungen.toml`."""
    return {
        "stadt": {"name": "Jena", "titel": "Sozialraum-Dashboard Jena (echte Daten)"},
        "daten": {"beispieldaten": False, "geometrie_schematisch": False, "gebiete": "gebiete.geojson"},
        "anzeige": {
            "standard_indikator": "einpersonen_anteil",
            "standard_jahr": 2016,
            "gesamtstadt_name": "Jena gesamt",
        },
        "lizenz": {
            "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0 (nicht geprüft, siehe SOURCE.md)",
            "kurz": "dl-de/by-2-0",
            "url": "https://www.govdata.de/dl-de/by-2-0",
            "namensnennung": "Stadt Jena",
        },
        "geheimhaltung": {"min_fallzahl": 3, "min_einwohner": 300},
    }
