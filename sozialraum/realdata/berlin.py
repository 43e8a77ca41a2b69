"""Berlin 2021: 542 LOR planning areas, MSS 2021 index indicators, population 2021–2024 → a data folder.

Source quirks handled here (see ``berlin/SOURCE.md``): 8-digit IDs with leading zeros (always read
as text), polygons in EPSG:25833 (kept as they are, the loader reprojects), names that occur twice
("Schloßstraße": joins are by ID only), uninhabited planning areas without MSS values, and MSS tables
that give shares without numerators, so no city value can be computed from them.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..datafolder import Dropped, Indicator, atomic_folder, write_catalogue, write_settings, write_values
from ..schemas import CITY_ID
from .common import ConversionReport, join_stats, read_id_csv

GEOMETRY_FILE = Path("geometry/plr_2021/lor_planungsraeume_2021.shp")
MSS_PLR_FILE = Path("mss/berlin-lor-monitoring-social-urban-development-2021-00-2-1.csv")
MSS_DISTRICT_FILE = Path("mss/berlin-lor-monitoring-social-urban-development-2021-00-2-3.csv")
POPULATION_PATTERN = "population/berlin-lor-population-{year}-02-t1-planning-areas.csv"
POPULATION_YEARS = (2021, 2022, 2023, 2024)
AREA_YEAR = 2021  # population file whose inhabitants go into gebiete.gpkg
MSS_YEAR = 2021
SOURCE_EPSG = 25833
POPULATION_ID_COLUMNS = ("id", "district_id", "forecast_area_id", "district_region_id", "planning_area_id")
CITY_NAMES = ("berlin", "berlin gesamt", "berlin insgesamt", "gesamt", "insgesamt")

MSS_QUELLE = "Amt für Statistik Berlin-Brandenburg / SenSBW, Monitoring Soziale Stadtentwicklung 2021"
MSS_DATENSTAND = "31.12.2020 (MSS 2021)"
POPULATION_QUELLE = "Amt für Statistik Berlin-Brandenburg, Einwohnerregisterstatistik (aufbereitet von Open Lifeworlds)"
POPULATION_DATENSTAND = "31.12.2024"

# MSS column → (indikator_id, name, kurzname, definition)
MSS_INDICATORS = {
    "s1_percentage_unemployed": (
        "arbeitslose_anteil",
        "Anteil Arbeitslose (MSS-Indexindikator S1)",
        "Arbeitslose",
        "Arbeitslose nach SGB II und SGB III je 100 Einwohnerinnen und Einwohner von 15 bis unter 65 Jahren.",
    ),
    "s3_percentage_transfer_payments_recipients": (
        "transferbezug_anteil",
        "Anteil Transferbezug (MSS-Indexindikator S3)",
        "Transferbezug",
        "Empfängerinnen und Empfänger von Transferleistungen (SGB II und SGB XII) je 100 Einwohnerinnen und Einwohner.",
    ),
    "s4_percentage_transfer_payments_recipients_below_15_years": (
        "transferbezug_u15_anteil",
        "Anteil Transferbezug unter 15 Jahren (MSS-Indexindikator S4)",
        "Transferbezug u. 15",
        "Nicht erwerbsfähige Leistungsberechtigte nach SGB II unter 15 Jahren je 100 Einwohnerinnen und "
        "Einwohner unter 15 Jahren.",
    ),
}
MSS_NOTE = (
    " Berichtsjahr 2021 (Daten zum 31.12.2020), auf den Planungsräumen ab 2021. Die Quelle nennt nur den "
    "Anteil, keinen Zähler und Nenner: ein Gesamtstadtwert lässt sich daraus nicht berechnen."
)

_PLR_ID = re.compile(r"^\d{8}$")


def convert_berlin_2021(source: Path, target: Path) -> ConversionReport:
    """Convert ``source`` (the ``berlin`` folder of the real data) into the data folder ``target``."""
    source, target = Path(source), Path(target)
    report = ConversionReport(city="Berlin (Planungsräume 2021)", source=source, target=target)
    areas = read_planning_areas(source / GEOMETRY_FILE, report)
    area_ids = list(areas["gebiet_id"])
    population = {
        year: read_population(source / POPULATION_PATTERN.format(year=year), area_ids, report)
        for year in POPULATION_YEARS
    }
    report.notes.append(
        "Einwohner: je Jahr die Datei des zweiten Halbjahres (…-YYYY-02-…), gelesen als Stand 31.12.YYYY "
        "(laut SOURCE.md erschlossen, nicht amtlich bestätigt); die Dateien des ersten Halbjahres bleiben unbenutzt."
    )
    areas["einwohner"] = areas["gebiet_id"].map(population[AREA_YEAR].set_index("id")["inhabitants"]).astype("Int64")
    mss = read_mss(source / MSS_PLR_FILE, area_ids, report)
    city_mss = read_mss_city(source / MSS_DISTRICT_FILE, report)
    values = pd.concat([population_values(population), mss_values(mss), city_mss], ignore_index=True)
    indicators = catalogue()
    with atomic_folder(target) as work:
        areas.to_file(work / "gebiete.gpkg", driver="GPKG", layer="gebiete")
        write_catalogue(indicators, work / "indikatoren.csv")
        report.values_written = write_values(values, work / "werte.csv")
        write_settings(settings(), work / "einstellungen.toml")
        report.indicators = [i.indikator_id for i in indicators]
        report.years = sorted(int(y) for y in values["jahr"].unique())
        (work / "UMWANDLUNG.txt").write_text(report.as_text() + "\n", encoding="utf-8")
    return report


def read_planning_areas(path: Path, report: ConversionReport) -> gpd.GeoDataFrame:
    """The 542 planning areas in their source CRS (EPSG:25833), with contract column names."""
    raw = gpd.read_file(path)
    report.rows_read[path.name] = len(raw)
    if raw.crs is None or raw.crs.to_epsg() != SOURCE_EPSG:
        raise ValueError(f"{path.name}: EPSG:{SOURCE_EPSG} erwartet, gefunden {raw.crs}")
    ids = raw["PLR_ID"].astype(str).str.strip()
    bad = sorted(i for i in ids if not _PLR_ID.match(i))
    if bad or ids.duplicated().any():
        raise ValueError(f"{path.name}: PLR_ID nicht achtstellig oder doppelt: {bad[:5]}")
    names = raw["PLR_NAME"].astype(str).str.strip()
    twice = sorted(set(names[names.duplicated()]))
    if twice:
        report.notes.append(
            f"{path.name}: Namen mehrfach vergeben ({', '.join(twice)}); verknüpft wird nur über PLR_ID."
        )
    report.notes.append(
        f"{path.name}: Koordinatensystem EPSG:{SOURCE_EPSG} unverändert übernommen (das Dashboard rechnet beim "
        "Laden nach WGS84 um). „uebergeordnet“ bleibt leer: die Bezirksregionen (BZR_ID = erste 6 Ziffern der "
        "PLR_ID) sind nicht Teil dieses Ordners."
    )
    report.areas = len(raw)
    return gpd.GeoDataFrame(
        {
            "gebiet_id": ids,
            "name": names,
            "ebene": "Planungsraum",
            "uebergeordnet": pd.Series([None] * len(raw), index=raw.index, dtype="string"),
        },
        geometry=raw.geometry,
        crs=raw.crs,
    )


def read_population(path: Path, area_ids: list[str], report: ConversionReport) -> pd.DataFrame:
    """One half-yearly population table (t1); rows without a polygon are dropped and reported."""
    frame = read_id_csv(path, POPULATION_ID_COLUMNS)
    report.rows_read[path.name] = len(frame)
    for column in ("inhabitants", "inhabitants_foreigners"):
        numbers = pd.to_numeric(frame[column], errors="raise")
        if (numbers % 1 != 0).any() or (numbers < 0).any():
            raise ValueError(f"{path.name}: {column} enthält keine ganzen, nicht negativen Zahlen")
        frame[column] = numbers.astype(int)
    stats = join_stats(path.name, frame["id"], area_ids)
    report.joins.append(stats)
    if stats.unmatched_ids:
        reason = "Planungsraum ohne Fläche"
        report.dropped.append(Dropped(path.name, reason, len(stats.unmatched_ids), ids=stats.unmatched_ids))
    return frame[frame["id"].isin(set(area_ids))]


def read_mss(path: Path, area_ids: list[str], report: ConversionReport) -> pd.DataFrame:
    """The MSS 2021 index indicators per planning area (shares in %), joined by ID."""
    frame = read_id_csv(path, ["id"])
    report.rows_read[path.name] = len(frame)
    missing = [c for c in MSS_INDICATORS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path.name}: Spalten fehlen: {', '.join(missing)}")
    for column in MSS_INDICATORS:
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    stats = join_stats(path.name, frame["id"], area_ids)
    report.joins.append(stats)
    if stats.unmatched_ids:
        report.dropped.append(
            Dropped(path.name, "Planungsraum ohne Fläche", len(stats.unmatched_ids), ids=stats.unmatched_ids)
        )
    if stats.polygons_without_rows:
        report.notes.append(
            f"{path.name}: {len(stats.polygons_without_rows)} Planungsräume ohne MSS-Werte (unbewohnt oder sehr "
            f"wenige Einwohner): {', '.join(stats.polygons_without_rows)}."
        )
    empty = frame[frame[list(MSS_INDICATORS)].isna().all(axis=1)]
    if len(empty):
        report.dropped.append(Dropped(path.name, "keine Indexwerte", len(empty), ids=tuple(empty["id"])))
    return frame[frame["id"].isin(set(area_ids))]


def find_city_row(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that stand for the whole city (name 'Berlin' / 'gesamt', or an all-zero ID)."""
    names = frame["name"].astype(str).str.strip().str.lower()
    ids = frame["id"].astype(str).str.strip()
    return frame[names.isin(CITY_NAMES) | ids.str.fullmatch(r"0+")]


def read_mss_city(path: Path, report: ConversionReport) -> pd.DataFrame:
    """Explicit `gesamt` rows, only if the MSS district table holds a true city value (it usually does not)."""
    if not path.is_file():
        report.notes.append(f"{path.name} fehlt: kein Gesamtstadtwert für die MSS-Indikatoren.")
        return pd.DataFrame()
    frame = read_id_csv(path, ["id"])
    report.rows_read[path.name] = len(frame)
    city = find_city_row(frame)
    if city.empty:
        report.notes.append(
            f"{path.name}: nur die {len(frame)} Bezirke, keine Zeile für Berlin insgesamt. Die MSS-Anteile "
            "haben daher keinen Gesamtstadtwert (Bezirks- oder Gebietswerte werden nie gemittelt)."
        )
        return pd.DataFrame()
    row = city.iloc[0]
    report.notes.append(f"{path.name}: Gesamtstadtzeile „{row['name']}“ als Zeile „gesamt“ übernommen.")
    return pd.DataFrame(
        [
            {"gebiet_id": CITY_ID, "indikator_id": meta[0], "jahr": MSS_YEAR, "wert": float(row[column])}
            for column, meta in MSS_INDICATORS.items()
        ]
    )


def population_values(population: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """Inhabitants (count) and the foreigners' share (quote with zaehler/nenner) per year."""
    frames = []
    for year, frame in population.items():
        inhabitants, foreigners = frame["inhabitants"], frame["inhabitants_foreigners"]
        frames.append(
            pd.DataFrame({"gebiet_id": frame["id"], "indikator_id": "einwohner", "jahr": year, "wert": inhabitants})
        )
        frames.append(
            pd.DataFrame(
                {
                    "gebiet_id": frame["id"],
                    "indikator_id": "auslaender_anteil",
                    "jahr": year,
                    "wert": (foreigners / inhabitants * 100).where(inhabitants > 0),
                    "fallzahl": foreigners,
                    "zaehler": foreigners,
                    "nenner": inhabitants,
                    "anmerkung": ["keine Einwohner" if n == 0 else None for n in inhabitants],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def mss_values(mss: pd.DataFrame) -> pd.DataFrame:
    """Long rows of the three MSS shares; areas without a value get no row."""
    frames = []
    for column, meta in MSS_INDICATORS.items():
        present = mss.dropna(subset=[column])
        frames.append(
            pd.DataFrame(
                {"gebiet_id": present["id"], "indikator_id": meta[0], "jahr": MSS_YEAR, "wert": present[column]}
            )
        )
    return pd.concat(frames, ignore_index=True)


def catalogue() -> list[Indicator]:
    """Three MSS shares and two population indicators, with German metadata."""
    mss = [
        Indicator(
            indikator_id, name, kurzname, "%", "Soziale Lage", "hoeher_schlechter", definition + MSS_NOTE,
            MSS_QUELLE, MSS_DATENSTAND, 2, "vorgegeben",
        )
        for indikator_id, name, kurzname, definition in MSS_INDICATORS.values()
    ]  # fmt: skip
    population = [
        Indicator(
            "einwohner", "Einwohnerinnen und Einwohner", "Einwohner", "Personen", "Bevölkerung", "neutral",
            "Melderechtlich registrierte Einwohnerinnen und Einwohner mit Hauptwohnsitz am 31.12. (Datei des "
            "zweiten Halbjahres).", POPULATION_QUELLE, POPULATION_DATENSTAND, 0, "summe",
        ),
        Indicator(
            "auslaender_anteil", "Anteil Ausländerinnen und Ausländer", "Ausländeranteil", "%", "Bevölkerung",
            "neutral",
            "Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit (Zähler) je 100 Einwohnerinnen und "
            "Einwohner (Nenner) am 31.12.", POPULATION_QUELLE, POPULATION_DATENSTAND, 1, "quote", faktor=100,
        ),
    ]  # fmt: skip
    return mss + population


def settings() -> dict[str, dict[str, object]]:
    """The content of `einstellungen.toml`."""
    return {
        "stadt": {"name": "Berlin", "titel": "Sozialraum-Dashboard Berlin (echte Daten, Planungsräume 2021)"},
        "daten": {"beispieldaten": False, "geometrie_schematisch": False, "gebiete": "gebiete.gpkg"},
        "anzeige": {
            "standard_indikator": "transferbezug_anteil",
            "standard_jahr": MSS_YEAR,
            "gesamtstadt_name": "Berlin gesamt",
        },
        "lizenz": {
            "name": "Creative Commons Namensnennung 3.0 Deutschland",
            "kurz": "CC BY 3.0 DE",
            "url": "https://creativecommons.org/licenses/by/3.0/de/",
            "namensnennung": "Amt für Statistik Berlin-Brandenburg; SenSBW (Monitoring Soziale Stadtentwicklung "
            "2021); Geometrie: Geoportal Berlin / ODIS; Aufbereitung: Open Lifeworlds (CC BY 4.0)",
        },
        "geheimhaltung": {"min_fallzahl": 3, "min_einwohner": 300},
    }
