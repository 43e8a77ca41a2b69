"""Generate the bundled Gera example data (data/*.csv, data/gebiete.geojson, data/QUELLEN.md).

Real: the names and numbers of the 12 Statistische Bezirke, their populations 1997 and 2011 (used as
anchors), a few city-wide figures and the Handlungsfelder / Ziel 5.5 of the Sozialplan 2024–2028.
Everything else is synthetic but consistent: seeded (numpy default_rng), deterministic, so running

    .venv/bin/python scripts/generate_gera.py

rewrites all files byte-identically. The file format is the contract in data/README.md.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import shapely
from gera_translations import field_rows, translated_cells, translated_header
from shapely.geometry import MultiPoint, Polygon, mapping

SEED = 20240628
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
YEARS = tuple(range(2015, 2025))
LATEST = YEARS[-1]
REPORT_DATE = date(2026, 10, 15)  # "today" of the synthetic plan monitoring (autumn 2026)

# --------------------------------------------------------------------------------------------------
# Areas
# --------------------------------------------------------------------------------------------------


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


AREAS: tuple[Area, ...] = (
    Area(
        "01",
        "Stadtmitte",
        50.878,
        12.082,
        16122,
        15736,
        16500,
        1.90,
        14.5,
        24.5,
        8.5,
        18.0,
        14.0,
        42.0,
        1.65,
        0.30,
        1.5,
    ),
    Area(
        "02", "Debschwitz", 50.862, 12.072, 9137, 10022, 10200, 1.00, 14.5, 27.5, 9.5, 7.5, 10.0, 41.5, 1.80, 0.10, 0.5
    ),
    Area(
        "03", "Gera-Ost", 50.880, 12.112, 13208, 14409, 14300, 0.85, 14.5, 28.5, 10.0, 6.5, 9.0, 43.0, 1.85, 0.10, 0.0
    ),
    Area("04", "Gera-Nord", 50.915, 12.075, 8532, 7989, 7400, 0.38, 13.5, 31.0, 10.5, 2.5, 5.0, 48.5, 2.05, 0.00, 1.0),
    Area(
        "05",
        "Bieblach-Ost",
        50.897,
        12.092,
        10251,
        5067,
        4800,
        2.90,
        22.0,
        21.5,
        6.0,
        28.0,
        18.0,
        35.0,
        1.75,
        0.20,
        -4.0,
    ),
    Area(
        "06",
        "Bieblach/Tinz",
        50.897,
        12.070,
        10079,
        7299,
        6700,
        0.90,
        12.5,
        34.0,
        12.5,
        5.0,
        8.0,
        42.0,
        1.80,
        0.00,
        -1.0,
    ),
    Area("07", "Untermhaus", 50.882, 12.062, 2315, 2525, 2650, 0.70, 15.5, 23.5, 8.0, 6.5, 9.0, 44.0, 1.75, 0.00, 2.0),
    Area("08", "Gera-West", 50.875, 12.035, 3093, 3523, 3450, 0.33, 15.5, 27.0, 9.0, 2.0, 4.0, 51.0, 2.15, 0.00, 2.5),
    Area("09", "Gera-Süd", 50.860, 12.100, 7944, 7488, 7050, 0.60, 14.0, 30.0, 10.0, 4.0, 7.0, 46.5, 1.95, 0.00, 0.0),
    Area(
        "10",
        "Lusan-Laune",
        50.850,
        12.095,
        11334,
        8206,
        7300,
        1.10,
        12.0,
        36.0,
        13.5,
        7.5,
        12.0,
        38.5,
        1.70,
        0.05,
        -2.0,
    ),
    Area(
        "11",
        "Lusan-Zentrum",
        50.847,
        12.075,
        8528,
        5413,
        5000,
        2.40,
        18.0,
        29.5,
        10.0,
        23.0,
        16.0,
        36.0,
        1.70,
        0.15,
        -3.0,
    ),
    Area(
        "12",
        "Lusan-Brüte",
        50.838,
        12.085,
        15966,
        8617,
        7650,
        2.10,
        14.0,
        35.0,
        12.5,
        15.5,
        15.0,
        37.0,
        1.70,
        0.10,
        -2.5,
    ),
)

# City population (Melderegister, main residence) 31.12.: synthetic, anchored on the published 2015, 2016,
# 2019 and 2022 figures (96,954 / 95,808 / 94,564 / 95,142).
CITY_POPULATION = dict(zip(YEARS, (96950, 95810, 95350, 94950, 94560, 93690, 92790, 95140, 94720, 94210), strict=True))
REFUGEES = {
    2015: 1300,
    2016: 1000,
    2017: 800,
    2018: 600,
    2019: 500,
    2020: 400,
    2021: 300,
    2022: 2400,
    2023: 2300,
    2024: 2200,
}  # residents attributable to the 2015/16 and 2022 arrivals

LAT0, LON0 = 50.875, 12.080  # centre of the schematic city outline
KM_PER_DEG_LAT = 111.2
KM_PER_DEG_LON = 111.32 * math.cos(math.radians(LAT0))


def to_km(lon: float, lat: float) -> tuple[float, float]:
    """Lon/lat → local planar kilometres around the city centre."""
    return (lon - LON0) * KM_PER_DEG_LON, (lat - LAT0) * KM_PER_DEG_LAT


def to_lonlat(x: float, y: float) -> tuple[float, float]:
    """Local planar kilometres → lon/lat."""
    return LON0 + x / KM_PER_DEG_LON, LAT0 + y / KM_PER_DEG_LAT


def city_outline(rng: np.random.Generator, vertices: int = 120) -> Polygon:
    """A smooth wobbly ellipse, about 13 km north-south and 10 km east-west (in km)."""
    phases = rng.uniform(0, 2 * math.pi, size=3)
    points = []
    for k in range(vertices):
        theta = 2 * math.pi * k / vertices
        wobble = (
            1
            + 0.05 * math.sin(2 * theta + phases[0])
            + 0.04 * math.sin(3 * theta + phases[1])
            + 0.02 * math.sin(5 * theta + phases[2])
        )
        points.append((5.0 * wobble * math.cos(theta), 6.5 * wobble * math.sin(theta)))
    return Polygon(points)


def schematic_polygons(rng: np.random.Generator) -> list[Polygon]:
    """Voronoi cells of the Bezirk centres clipped to the outline, in lon/lat, one per area (AREAS order)."""
    outline = city_outline(rng)
    centres = [to_km(a.lon, a.lat) for a in AREAS]
    cells = shapely.voronoi_polygons(MultiPoint(centres), extend_to=outline.buffer(5), ordered=True)
    polygons = []
    for cell in cells.geoms:
        clipped = cell.intersection(outline)
        polygons.append(shapely.transform(clipped, lambda xy: np.column_stack(to_lonlat(xy[:, 0], xy[:, 1]))))
    rounded = shapely.set_precision(np.array(polygons, dtype=object), 1e-6)
    return [shapely.orient_polygons(p) for p in rounded]


def round_coords(value: object) -> object:
    """Round nested coordinate lists to 6 decimals (GeoJSON output)."""
    if isinstance(value, (list, tuple)):
        return [round_coords(v) for v in value]
    return round(float(value), 6)


def write_geojson(
    path: Path, polygons: Sequence[Polygon], population: dict[str, int], parts: Sequence[dict] = ()
) -> None:
    """Write the areas as an RFC 7946 FeatureCollection, one feature per line (Bezirke, then Gemeindeteile)."""
    features = []
    for area, polygon in zip(AREAS, polygons, strict=True):
        geometry = mapping(polygon)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "gebiet_id": area.gebiet_id,
                    "name": area.name,
                    "ebene": "Bezirk",
                    "einwohner": population[area.gebiet_id],
                },
                "geometry": {"type": geometry["type"], "coordinates": round_coords(geometry["coordinates"])},
            }
        )
    features.extend(parts)
    lines = ",\n".join(json.dumps(f, ensure_ascii=False) for f in features)
    path.write_text('{"type": "FeatureCollection", "features": [\n' + lines + "\n]}\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------------
# Population model
# --------------------------------------------------------------------------------------------------


def largest_remainder(weights: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to `weights` that add up exactly to `total`."""
    exact = weights / weights.sum() * total
    floor = np.floor(exact).astype(int)
    order = np.argsort(-(exact - floor), kind="stable")
    floor[order[: total - floor.sum()]] += 1
    return floor


def smooth_noise(rng: np.random.Generator, sigma: float, size: int = len(YEARS)) -> np.ndarray:
    """Autocorrelated noise (AR(1), rho 0.6) for smooth yearly series."""
    out = np.zeros(size)
    previous = 0.0
    for i in range(size):
        previous = 0.6 * previous + rng.normal(0, sigma)
        out[i] = previous
    return out


def population_by_year(rng: np.random.Generator) -> dict[int, dict[str, int]]:
    """Population per Bezirk and year; sums exactly to the city total each year."""
    base_2011 = np.array([a.pop_2011 for a in AREAS], dtype=float)
    base_2024 = np.array([a.pop_2024 for a in AREAS], dtype=float)
    refugee_share = np.array([a.refugees for a in AREAS])
    noise = np.array([smooth_noise(rng, 0.004) for _ in AREAS])
    result: dict[int, dict[str, int]] = {}
    for i, year in enumerate(YEARS):
        t = (year - 2011) / (LATEST - 2011)
        trend = base_2011 * (base_2024 / base_2011) ** t * np.exp(noise[:, i])
        settled = CITY_POPULATION[year] - REFUGEES[year]
        weights = trend / trend.sum() * settled + refugee_share * REFUGEES[year]
        counts = largest_remainder(weights, CITY_POPULATION[year])
        result[year] = {a.gebiet_id: int(c) for a, c in zip(AREAS, counts, strict=True)}
    return result


# City-level shares (%) used to move the 2024 area profiles back in time.
CITY_U18 = dict(zip(YEARS, (13.6, 13.9, 14.1, 14.3, 14.4, 14.5, 14.5, 15.2, 15.3, 15.3), strict=True))
CITY_O65 = dict(zip(YEARS, (27.3, 27.6, 27.9, 28.2, 28.4, 28.7, 29.0, 28.6, 28.9, 29.2), strict=True))
CITY_O80 = dict(zip(YEARS, (7.6, 7.9, 8.3, 8.7, 9.1, 9.5, 9.7, 9.6, 9.8, 10.0), strict=True))
CITY_FOREIGN = dict(zip(YEARS, (4.1, 4.9, 6.0, 6.9, 7.2, 7.4, 7.6, 10.0, 10.5, 10.9), strict=True))
BIRTHS_PER_1000 = dict(zip(YEARS, (8.0, 8.2, 8.3, 8.5, 8.5, 8.1, 8.0, 7.4, 6.9, 6.6), strict=True))


@dataclass
class Cell:
    """Counts for one Bezirk and year from which all indicators are derived."""

    pop: int
    u18: int
    o65: int
    o80: int
    age_sum: int
    foreign: int
    births: int

    @property
    def u3(self) -> int:
        """Children under 3 (about three birth cohorts)."""
        return round(self.births * 2.9)

    @property
    def a3_6(self) -> int:
        """Children from 3 to school entry."""
        return round(self.u18 * 0.17)

    @property
    def u15(self) -> int:
        """Children under 15."""
        return round(self.u18 * 0.835)

    @property
    def u21(self) -> int:
        """Young people under 21."""
        return round(self.u18 * 1.16)

    @property
    def u20(self) -> int:
        """Young people under 20."""
        return round(self.u18 * 1.11)

    @property
    def a15_25(self) -> int:
        """Young people 15 to under 25."""
        return round(self.u18 * 0.17 + (self.pop - self.u18 - self.o65) * 0.1)

    @property
    def a15_65(self) -> int:
        """Working-age population 15 to under 65."""
        return self.pop - self.u15 - self.o65

    @property
    def a20_65(self) -> int:
        """Population 20 to under 65."""
        return self.pop - self.u20 - self.o65

    @property
    def under65(self) -> int:
        """Population under 65 (SGB II reference population)."""
        return self.pop - self.o65


def age_cells(rng: np.random.Generator, population: dict[int, dict[str, int]]) -> dict[tuple[str, int], Cell]:
    """Age structure, foreign nationals and births per Bezirk and year."""
    cells: dict[tuple[str, int], Cell] = {}
    for area in AREAS:
        noise = {k: smooth_noise(rng, 0.015) for k in ("u18", "o65", "o80", "foreign", "births")}
        for i, year in enumerate(YEARS):
            pop = population[year][area.gebiet_id]
            u18 = round(pop * area.u18 / 100 * CITY_U18[year] / CITY_U18[LATEST] * math.exp(noise["u18"][i]))
            o65 = round(pop * area.o65 / 100 * CITY_O65[year] / CITY_O65[LATEST] * math.exp(noise["o65"][i]))
            o80 = min(round(pop * area.o80 / 100 * CITY_O80[year] / CITY_O80[LATEST] * math.exp(noise["o80"][i])), o65)
            mean_age = (u18 * 9.0 + (pop - u18 - o65) * 43.5 + (o65 - o80) * 72.5 + o80 * 85.0) / pop
            foreign_share = area.foreign * CITY_FOREIGN[year] / CITY_FOREIGN[LATEST]
            foreign = round(pop * foreign_share / 100 * math.exp(noise["foreign"][i]))
            birth_rate = BIRTHS_PER_1000[year] * (area.u18 / 15.0) ** 1.2
            births = round(pop * birth_rate / 1000 * math.exp(noise["births"][i]))
            cells[area.gebiet_id, year] = Cell(pop, u18, o65, o80, round(mean_age * pop), foreign, births)
    return cells


# --------------------------------------------------------------------------------------------------
# Indicator catalogue
# --------------------------------------------------------------------------------------------------

MELDEREGISTER = "Melderegister der Stadt Gera (Beispieldaten)"
BA = "Statistik der Bundesagentur für Arbeit (Beispieldaten)"
JUGENDAMT = "Jugendamt der Stadt Gera (Beispieldaten)"
SOZIALAMT = "Sozialamt der Stadt Gera (Beispieldaten)"
TLS = "Thüringer Landesamt für Statistik (Beispieldaten)"
BILDUNG = "Amt für Bildung der Stadt Gera / Staatliches Schulamt Ostthüringen (Beispieldaten)"
WOHNEN = "Fachdienst Stadterneuerung, Wohnungsmarktbeobachtung der Stadt Gera (Beispieldaten)"


@dataclass(frozen=True)
class Indicator:
    """One row of indikatoren.csv."""

    indikator_id: str
    name: str
    kurzname: str
    einheit: str
    thema: str
    polaritaet: str
    definition: str
    quelle: str
    dezimalstellen: int
    handlungsfeld_id: str
    min_fallzahl: int | None
    aggregation: str
    faktor: int | None
    datenstand: str = "31.12.2024"


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "einwohner",
        "Einwohnerinnen und Einwohner",
        "Einwohner",
        "Personen",
        "Bevölkerung",
        "neutral",
        "Personen mit Hauptwohnsitz in Gera am 31.12. des Jahres.",
        MELDEREGISTER,
        0,
        "1",
        None,
        "summe",
        None,
    ),
    Indicator(
        "anteil_u18",
        "Anteil der Kinder und Jugendlichen unter 18 Jahren",
        "Anteil unter 18",
        "%",
        "Bevölkerung",
        "neutral",
        "Personen unter 18 Jahren je 100 Einwohner (Hauptwohnsitz, Stichtag 31.12.).",
        MELDEREGISTER,
        1,
        "2",
        None,
        "quote",
        100,
    ),
    Indicator(
        "anteil_65plus",
        "Anteil der Einwohner ab 65 Jahren",
        "Anteil 65+",
        "%",
        "Bevölkerung",
        "neutral",
        "Personen ab 65 Jahren je 100 Einwohner (Hauptwohnsitz, Stichtag 31.12.).",
        MELDEREGISTER,
        1,
        "6",
        None,
        "quote",
        100,
    ),
    Indicator(
        "anteil_80plus",
        "Anteil der Hochaltrigen ab 80 Jahren",
        "Anteil 80+",
        "%",
        "Bevölkerung",
        "neutral",
        "Personen ab 80 Jahren je 100 Einwohner (Hauptwohnsitz, Stichtag 31.12.).",
        MELDEREGISTER,
        1,
        "6",
        None,
        "quote",
        100,
    ),
    Indicator(
        "durchschnittsalter",
        "Durchschnittsalter der Bevölkerung",
        "Durchschnittsalter",
        "Jahre",
        "Bevölkerung",
        "neutral",
        "Summe der Lebensalter aller Einwohner (in vollendeten Jahren) geteilt durch die Zahl der Einwohner, "
        "Stichtag 31.12.",
        MELDEREGISTER,
        1,
        "6",
        None,
        "quote",
        1,
    ),
    Indicator(
        "altenquotient",
        "Altenquotient",
        "Altenquotient",
        "je 100 Pers. 20–64",
        "Bevölkerung",
        "neutral",
        "Personen ab 65 Jahren je 100 Personen im Alter von 20 bis unter 65 Jahren, Stichtag 31.12.",
        MELDEREGISTER,
        1,
        "6",
        None,
        "quote",
        100,
    ),
    Indicator(
        "auslaenderanteil",
        "Anteil der Einwohner mit ausländischer Staatsangehörigkeit",
        "Ausländeranteil",
        "%",
        "Migration",
        "neutral",
        "Einwohner ohne deutsche Staatsangehörigkeit je 100 Einwohner (Hauptwohnsitz, Stichtag 31.12.).",
        MELDEREGISTER,
        1,
        "4",
        None,
        "quote",
        100,
    ),
    Indicator(
        "sgb2_quote",
        "SGB-II-Quote",
        "SGB-II-Quote",
        "%",
        "Soziale Lage",
        "hoeher_schlechter",
        "Regelleistungsberechtigte nach SGB II (erwerbsfähige und nicht erwerbsfähige Leistungsberechtigte) "
        "je 100 Einwohner unter 65 Jahren, Stichtag 31.12.",
        BA,
        1,
        "4",
        3,
        "quote",
        100,
    ),
    Indicator(
        "sgb2_kinder_quote",
        "SGB-II-Quote der Kinder unter 15 Jahren",
        "SGB-II-Quote Kinder unter 15",
        "%",
        "Soziale Lage",
        "hoeher_schlechter",
        "Nicht erwerbsfähige Leistungsberechtigte nach SGB II unter 15 Jahren je 100 Kinder unter 15 Jahren, "
        "Stichtag 31.12.",
        BA,
        1,
        "2",
        3,
        "quote",
        100,
    ),
    Indicator(
        "grundsicherung_65plus",
        "Quote der Grundsicherung im Alter",
        "Grundsicherung im Alter 65+",
        "%",
        "Soziale Lage",
        "hoeher_schlechter",
        "Empfänger von Grundsicherung im Alter nach dem 4. Kapitel SGB XII ab 65 Jahren je 100 Einwohner ab "
        "65 Jahren, Stichtag 31.12.",
        SOZIALAMT,
        1,
        "4",
        3,
        "quote",
        100,
    ),
    Indicator(
        "wohngeld_haushalte",
        "Wohngeld-Haushalte je 1.000 Haushalte",
        "Wohngeld-Haushalte",
        "je 1.000 Haushalte",
        "Soziale Lage",
        "hoeher_schlechter",
        "Haushalte mit Wohngeldbezug am 31.12. je 1.000 Privathaushalte (Haushaltegenerierung aus dem Melderegister).",
        SOZIALAMT,
        1,
        "4",
        None,
        "quote",
        1000,
    ),
    Indicator(
        "arbeitslosenquote",
        "Arbeitslosenquote (Einwohnerbezug)",
        "Arbeitslosenquote",
        "%",
        "Arbeit",
        "hoeher_schlechter",
        "Arbeitslose (SGB II und SGB III) je 100 Einwohner von 15 bis unter 65 Jahren, Jahresdurchschnitt. "
        "Näherungswert: Die amtliche Quote der Bundesagentur bezieht sich auf alle zivilen Erwerbspersonen und "
        "ist kleinräumig nicht verfügbar.",
        BA,
        1,
        "3",
        3,
        "quote",
        100,
    ),
    Indicator(
        "anteil_langzeitarbeitslose",
        "Anteil der Langzeitarbeitslosen an allen Arbeitslosen",
        "Anteil Langzeitarbeitslose",
        "%",
        "Arbeit",
        "hoeher_schlechter",
        "Arbeitslose, die ein Jahr und länger arbeitslos sind, je 100 Arbeitslose, Jahresdurchschnitt.",
        BA,
        1,
        "3",
        3,
        "quote",
        100,
    ),
    Indicator(
        "jugendarbeitslosigkeit",
        "Arbeitslosigkeit junger Menschen unter 25 Jahren",
        "Jugendarbeitslosigkeit",
        "%",
        "Arbeit",
        "hoeher_schlechter",
        "Arbeitslose unter 25 Jahren je 100 Einwohner von 15 bis unter 25 Jahren, Jahresdurchschnitt "
        "(Näherungswert mit Einwohnerbezug).",
        BA,
        1,
        "3",
        3,
        "quote",
        100,
    ),
    Indicator(
        "sv_beschaeftigtenquote",
        "Beschäftigtenquote (Wohnort)",
        "Beschäftigtenquote",
        "%",
        "Arbeit",
        "hoeher_besser",
        "Sozialversicherungspflichtig Beschäftigte am Wohnort je 100 Einwohner von 15 bis unter 65 Jahren, "
        "Stichtag 30.06.",
        BA,
        1,
        "3",
        3,
        "quote",
        100,
        "30.06.2024",
    ),
    Indicator(
        "alleinerziehende",
        "Anteil der Alleinerziehenden-Haushalte",
        "Alleinerziehende",
        "%",
        "Familie",
        "hoeher_schlechter",
        "Haushalte mit einem Elternteil und mindestens einem Kind unter 18 Jahren je 100 Haushalte mit Kindern "
        "unter 18 Jahren (Haushaltegenerierung aus dem Melderegister), Stichtag 31.12.",
        MELDEREGISTER,
        1,
        "2",
        None,
        "quote",
        100,
    ),
    Indicator(
        "geburten_je_1000",
        "Lebendgeborene je 1.000 Einwohner",
        "Geburtenrate",
        "je 1.000 Einw.",
        "Familie",
        "neutral",
        "Lebendgeborene im Kalenderjahr (Mutter mit Hauptwohnsitz im Gebiet) je 1.000 Einwohner am 31.12.",
        MELDEREGISTER,
        1,
        "2",
        None,
        "quote",
        1000,
    ),
    Indicator(
        "hze_je_1000_u21",
        "Hilfen zur Erziehung je 1.000 junge Menschen unter 21 Jahren",
        "Hilfen zur Erziehung",
        "je 1.000 unter 21",
        "Familie",
        "hoeher_schlechter",
        "Laufende und im Jahr beendete Hilfen zur Erziehung nach §§ 27–35 SGB VIII und Hilfen für junge "
        "Volljährige (§ 41 SGB VIII) je 1.000 Einwohner unter 21 Jahren; Zuordnung nach Wohnort der Familie.",
        JUGENDAMT,
        1,
        "2",
        3,
        "quote",
        1000,
    ),
    Indicator(
        "wanderungssaldo",
        "Wanderungssaldo je 1.000 Einwohner",
        "Wanderungssaldo",
        "je 1.000 Einw.",
        "Wanderung",
        "hoeher_besser",
        "Zuzüge nach Gera minus Fortzüge aus Gera (Außenwanderung über die Stadtgrenze, ohne Umzüge innerhalb "
        "der Stadt) im Kalenderjahr je 1.000 Einwohner am 31.12.; negative Werte: mehr Fortzüge als Zuzüge.",
        MELDEREGISTER,
        1,
        "5",
        None,
        "quote",
        1000,
    ),
    Indicator(
        "betreuungsquote_u3",
        "Betreuungsquote der Kinder unter 3 Jahren",
        "Betreuungsquote unter 3",
        "%",
        "Bildung und Betreuung",
        "hoeher_besser",
        "Kinder unter 3 Jahren in Kindertageseinrichtungen und Kindertagespflege je 100 Kinder unter 3 Jahren, "
        "Stichtag 01.03. des Folgejahres; Zuordnung nach Wohnort.",
        JUGENDAMT,
        1,
        "2",
        None,
        "quote",
        100,
        "01.03.2025",
    ),
    Indicator(
        "betreuungsquote_3_6",
        "Betreuungsquote der Kinder von 3 Jahren bis zum Schuleintritt",
        "Betreuungsquote 3–6",
        "%",
        "Bildung und Betreuung",
        "hoeher_besser",
        "Kinder von 3 Jahren bis zum Schuleintritt in Kindertageseinrichtungen und Kindertagespflege je 100 "
        "Kinder dieses Alters, Stichtag 01.03. des Folgejahres; Zuordnung nach Wohnort.",
        JUGENDAMT,
        1,
        "2",
        None,
        "quote",
        100,
        "01.03.2025",
    ),
    Indicator(
        "uebertrittsquote_gymnasium",
        "Übertrittsquote an Gymnasien",
        "Übertritt Gymnasium",
        "%",
        "Bildung und Betreuung",
        "hoeher_besser",
        "Schülerinnen und Schüler der 4. Klassen, die zum Schuljahresbeginn an ein Gymnasium wechseln, je 100 "
        "Schülerinnen und Schüler der 4. Klassen; Zuordnung nach Wohnort. 2020 pandemiebedingt nicht erhoben.",
        BILDUNG,
        1,
        "3",
        None,
        "quote",
        100,
        "31.08.2024",
    ),
    Indicator(
        "abgaenger_ohne_abschluss",
        "Schulabgänger ohne Hauptschulabschluss",
        "Abgänger ohne Abschluss",
        "%",
        "Bildung und Betreuung",
        "hoeher_schlechter",
        "Abgängerinnen und Abgänger allgemeinbildender Schulen ohne mindestens Hauptschulabschluss je 100 "
        "Abgänger, zusammengefasst über drei Schuljahre (das im Berichtsjahr endende und die beiden vorherigen), "
        "damit kleine Gebiete belastbare Werte haben; Zuordnung nach Wohnort.",
        BILDUNG,
        1,
        "3",
        None,
        "quote",
        100,
        "31.08.2024",
    ),
    Indicator(
        "leerstandsquote",
        "Wohnungsleerstandsquote",
        "Leerstandsquote",
        "%",
        "Wohnen",
        "hoeher_schlechter",
        "Leerstehende Wohnungen in Wohngebäuden je 100 Wohnungen (Stromzählerverfahren), Stichtag 31.12.",
        WOHNEN,
        1,
        "5",
        None,
        "quote",
        100,
    ),
    Indicator(
        "wohnflaeche_je_einwohner",
        "Wohnfläche je Einwohner",
        "Wohnfläche je Einw.",
        "m²",
        "Wohnen",
        "neutral",
        "Wohnfläche der bewohnten Wohnungen in m² geteilt durch die Zahl der Einwohner, Stichtag 31.12.",
        TLS,
        1,
        "5",
        None,
        "quote",
        1,
    ),
)

INDICATOR_BY_ID = {i.indikator_id: i for i in INDICATORS}

# --------------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateModel:
    """A rate whose city level follows `city` and whose area level scales with need ** elasticity."""

    indikator_id: str
    city: tuple[float, ...]
    elasticity: float
    denominator: Callable[[Cell], int]
    sigma: float = 0.04
    cap: float = 100.0


def households(cell: Cell, area: Area) -> int:
    """Private households from population and household size."""
    return round(cell.pop / area.household_size)


RATE_MODELS: tuple[RateModel, ...] = (
    RateModel(
        "sgb2_quote", (17.2, 16.8, 16.5, 15.6, 14.6, 14.4, 13.6, 14.2, 14.6, 14.3), 1.35, lambda c: c.under65, 0.03
    ),
    RateModel(
        "sgb2_kinder_quote", (26.8, 26.2, 25.4, 24.6, 23.9, 23.7, 23.0, 26.0, 27.4, 27.8), 0.75, lambda c: c.u15, 0.03
    ),
    RateModel("grundsicherung_65plus", (2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.9, 3.1, 3.2), 0.8, lambda c: c.o65),
    RateModel("arbeitslosenquote", (9.6, 9.0, 8.4, 7.8, 7.5, 8.4, 8.1, 7.1, 7.5, 7.8), 0.85, lambda c: c.a15_65, 0.03),
    RateModel(
        "jugendarbeitslosigkeit", (6.5, 6.0, 5.6, 5.2, 5.0, 5.8, 5.5, 4.9, 5.3, 5.6), 0.8, lambda c: c.a15_25, 0.06
    ),
    RateModel(
        "sv_beschaeftigtenquote",
        (54.0, 55.0, 56.5, 57.5, 58.0, 57.5, 58.5, 58.8, 59.0, 58.7),
        -0.25,
        lambda c: c.a15_65,
        0.015,
    ),
    RateModel("hze_je_1000_u21", (41.0, 42.0, 44.0, 45.0, 46.0, 45.0, 47.0, 48.0, 50.0, 51.0), 0.7, lambda c: c.u21),
    RateModel(
        "betreuungsquote_u3", (52.0, 53.0, 54.0, 55.0, 56.0, 54.5, 55.5, 56.0, 57.0, 58.0), -0.12, lambda c: c.u3, 0.03
    ),
    RateModel(
        "betreuungsquote_3_6",
        (94.0, 94.5, 95.0, 95.0, 95.5, 94.0, 95.0, 94.5, 95.0, 95.5),
        -0.03,
        lambda c: c.a3_6,
        0.008,
        98.0,
    ),
    RateModel(
        "uebertrittsquote_gymnasium",
        (38.0, 38.5, 39.0, 39.5, 40.0, 40.0, 40.5, 41.0, 40.5, 41.0),
        -0.45,
        lambda c: round(c.u18 / 17.5),
        0.06,
    ),
    RateModel(
        "abgaenger_ohne_abschluss",
        (11.0, 10.5, 10.8, 11.2, 11.5, 12.0, 12.4, 12.1, 11.8, 12.2),
        0.7,
        lambda c: round(c.u18 / 6 * 0.95),
        0.06,
    ),
)

LONG_TERM_SHARE = (42.0, 41.0, 40.0, 37.0, 35.0, 38.0, 41.0, 38.0, 36.0, 37.0)  # % of the unemployed
SINGLE_PARENT_SHARE = (29.0, 29.5, 30.0, 30.2, 30.5, 30.8, 31.0, 30.5, 30.8, 31.2)  # % of households with children
HOUSING_BENEFIT = (28.0, 27.0, 26.0, 25.0, 27.0, 26.0, 27.0, 28.0, 44.0, 47.0)  # per 1,000 households
MIGRATION_BASE = (-1.5, -2.0, -2.5, -1.3, -2.1, -1.8, -1.2, 1.0, 0.5, -0.5)  # per 1,000, without refugee arrivals
MIGRATION_REFUGEES = (12.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 27.0, 2.0, 0.0)  # per 1,000 city-wide
VACANCY_TREND = (1.0, 0.96, 0.92, 0.87, 0.82, 0.78, 0.74, 0.66, 0.67, 0.69)  # relative to 2015
SPACE_TREND = (-1.8, -1.6, -1.3, -1.1, -0.8, -0.6, -0.3, -0.5, -0.2, 0.0)  # m² relative to 2024

# Small case counts kept on purpose (confidentiality tests): (area, indicator, year) → numerator
SMALL_COUNTS = {
    ("07", "jugendarbeitslosigkeit", 2019): 2,
    ("07", "jugendarbeitslosigkeit", 2021): 1,
    ("07", "jugendarbeitslosigkeit", 2023): 2,
    ("07", "jugendarbeitslosigkeit", 2024): 2,
}
NOT_COLLECTED = {("uebertrittsquote_gymnasium", 2020): "Pandemie: keine Erhebung"}
PRELIMINARY = ("hze_je_1000_u21", "wanderungssaldo")  # 2024 values marked "vorläufig"
NO_CASE_COUNT = ("durchschnittsalter", "wohnflaeche_je_einwohner", "wanderungssaldo")


@dataclass(frozen=True)
class Value:
    """One row of werte.csv before formatting (zaehler/nenner None for sums and gaps)."""

    gebiet_id: str
    indikator_id: str
    jahr: int
    zaehler: int | None
    nenner: int | None
    wert: float | None = None


Counts = dict[tuple[str, str, int], tuple[int, int]]  # (area, indicator, year) → (numerator, denominator)


def add_rate_models(rng: np.random.Generator, cells: dict[tuple[str, int], Cell], counts: Counts) -> None:
    """Rates scaled by area need around a city-level series, with smooth noise."""
    for model in RATE_MODELS:
        factor = INDICATOR_BY_ID[model.indikator_id].faktor or 100
        noise = {a.gebiet_id: smooth_noise(rng, model.sigma) for a in AREAS}
        for i, year in enumerate(YEARS):
            dens = {a.gebiet_id: model.denominator(cells[a.gebiet_id, year]) for a in AREAS}
            weights = {a.gebiet_id: a.need**model.elasticity for a in AREAS}
            norm = sum(dens[g] * weights[g] for g in dens) / sum(dens.values())
            for area in AREAS:
                g = area.gebiet_id
                rate = min(model.city[i] * weights[g] / norm * math.exp(noise[g][i]), model.cap)
                counts[g, model.indikator_id, year] = (round(rate * dens[g] / factor), dens[g])


def add_population_shares(cells: dict[tuple[str, int], Cell], counts: Counts) -> None:
    """Indicators read straight from the age structure."""
    for (g, year), c in cells.items():
        counts[g, "anteil_u18", year] = (c.u18, c.pop)
        counts[g, "anteil_65plus", year] = (c.o65, c.pop)
        counts[g, "anteil_80plus", year] = (c.o80, c.pop)
        counts[g, "durchschnittsalter", year] = (c.age_sum, c.pop)
        counts[g, "altenquotient", year] = (c.o65, c.a20_65)
        counts[g, "auslaenderanteil", year] = (c.foreign, c.pop)
        counts[g, "geburten_je_1000", year] = (c.births, c.pop)


def add_derived_counts(rng: np.random.Generator, cells: dict[tuple[str, int], Cell], counts: Counts) -> None:
    """Indicators whose denominators are households, dwellings or other counts of the same area."""
    city_total = {y: sum(cells[a.gebiet_id, y].pop for a in AREAS) for y in YEARS}
    for area in AREAS:
        g = area.gebiet_id
        noise = {k: smooth_noise(rng, 0.04) for k in ("lza", "single", "benefit", "vacancy", "space")}
        migration_noise = rng.normal(0, 1.5, size=len(YEARS))
        for i, year in enumerate(YEARS):
            c = cells[g, year]
            hh = households(c, area)
            unemployed = counts[g, "arbeitslosenquote", year][0]
            lza = LONG_TERM_SHARE[i] * area.need**0.2 * math.exp(noise["lza"][i])
            counts[g, "anteil_langzeitarbeitslose", year] = (round(lza * unemployed / 100), unemployed)
            with_children = round(c.u18 / 1.55)
            single = SINGLE_PARENT_SHARE[i] * area.need**0.4 * math.exp(noise["single"][i])
            counts[g, "alleinerziehende", year] = (round(single * with_children / 100), with_children)
            benefit = HOUSING_BENEFIT[i] * area.need**0.6 * math.exp(noise["benefit"][i])
            counts[g, "wohngeld_haushalte", year] = (round(benefit * hh / 1000), hh)
            vacancy = area.vacancy * VACANCY_TREND[i] * math.exp(noise["vacancy"][i]) / 100
            dwellings = round(hh / (1 - vacancy))
            counts[g, "leerstandsquote", year] = (dwellings - hh, dwellings)
            space = (area.space + SPACE_TREND[i]) * math.exp(noise["space"][i] / 4)
            counts[g, "wohnflaeche_je_einwohner", year] = (round(space * c.pop), c.pop)
            bump = MIGRATION_REFUGEES[i] * area.refugees * city_total[year] / c.pop
            saldo = MIGRATION_BASE[i] + area.migration + bump + migration_noise[i]
            counts[g, "wanderungssaldo", year] = (round(saldo * c.pop / 1000), c.pop)


def apply_small_counts(counts: Counts) -> None:
    """Force a few tiny case counts (kept on purpose for confidentiality tests)."""
    for key, numerator in SMALL_COUNTS.items():
        counts[key] = (numerator, counts[key][1])


def build_values(rng: np.random.Generator, population: dict[int, dict[str, int]]) -> list[Value]:
    """All rows of werte.csv in a fixed order (area, indicator in catalogue order, year)."""
    cells = age_cells(rng, population)
    counts: Counts = {}
    add_population_shares(cells, counts)
    add_rate_models(rng, cells, counts)
    add_derived_counts(rng, cells, counts)
    apply_small_counts(counts)
    rows = []
    for area in AREAS:
        g = area.gebiet_id
        for indicator in INDICATORS:
            for year in YEARS:
                if indicator.aggregation == "summe":
                    rows.append(Value(g, indicator.indikator_id, year, None, None, population[year][g]))
                elif (indicator.indikator_id, year) in NOT_COLLECTED:
                    rows.append(Value(g, indicator.indikator_id, year, None, None))
                else:
                    z, n = counts[g, indicator.indikator_id, year]
                    rows.append(Value(g, indicator.indikator_id, year, z, n, z / n * (indicator.faktor or 100)))
    return rows


# --------------------------------------------------------------------------------------------------
# Gemeindeteile: the second level (72 parts of the 12 Bezirke)
# --------------------------------------------------------------------------------------------------

# Real names where known (Bezirke 01 and 02, gera.md); elsewhere the city's own pattern "<Bezirk> <n>".
PART_NAMES: dict[str, tuple[str, ...]] = {
    "01": (
        "Altstadt",
        "Clara-Zetkin-/Friedrich-Engels-Straße",
        "Stadtmitte West",
        "Südbahnhof/Reichsstraße",
        "Neu-Untermhaus",
        "Stadtmitte Nord",
    ),
    "02": ("Debschwitz 1", "Debschwitz 2", "Debschwitz 3", "Debschwitz 4"),
}
PART_COUNTS = {
    "01": 6,
    "02": 4,
    "03": 9,
    "04": 9,
    "05": 4,
    "06": 8,
    "07": 3,
    "08": 7,
    "09": 7,
    "10": 5,
    "11": 5,
    "12": 5,
}
PART_SEED = SEED + 72  # own stream: adding this level leaves the Bezirk files unchanged


def part_names(area: Area) -> list[tuple[str, str]]:
    """(gebiet_id, name) of the Gemeindeteile of one Bezirk; ids are the Bezirk number plus one digit."""
    names = PART_NAMES.get(area.gebiet_id) or tuple(
        f"{area.name} {i}" for i in range(1, PART_COUNTS[area.gebiet_id] + 1)
    )
    return [(f"{area.gebiet_id}{i}", name) for i, name in enumerate(names, start=1)]


def split_polygon(rng: np.random.Generator, polygon: Polygon, count: int) -> list[Polygon]:
    """Voronoi cells of random points inside `polygon`, clipped to it: an exact partition."""
    minx, miny, maxx, maxy = polygon.bounds
    points: list[tuple[float, float]] = []
    while len(points) < count:
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if polygon.contains(shapely.Point(x, y)):
            points.append((x, y))
    cells = shapely.voronoi_polygons(MultiPoint(points), extend_to=polygon.buffer(0.05), ordered=True)
    parts = [cell.intersection(polygon) for cell in cells.geoms]
    rounded = shapely.set_precision(np.array(parts, dtype=object), 1e-6)
    return [shapely.orient_polygons(shapely.make_valid(p)) for p in rounded]


def part_features(
    rng: np.random.Generator, polygons: Sequence[Polygon], weights: dict[str, np.ndarray], population: dict[str, int]
) -> list[dict]:
    """GeoJSON features of all Gemeindeteile, with their parent Bezirk and latest population."""
    features = []
    for area, polygon in zip(AREAS, polygons, strict=True):
        names = part_names(area)
        people = largest_remainder(weights[area.gebiet_id], population[area.gebiet_id])
        for (gid, name), part, pop in zip(names, split_polygon(rng, polygon, len(names)), people, strict=True):
            geometry = mapping(part)
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "gebiet_id": gid,
                        "name": name,
                        "ebene": "Gemeindeteil",
                        "uebergeordnet": area.gebiet_id,
                        "einwohner": int(pop),
                    },
                    "geometry": {"type": geometry["type"], "coordinates": round_coords(geometry["coordinates"])},
                }
            )
    return features


def part_weights(rng: np.random.Generator) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Population shares of the parts of each Bezirk, and a need tilt per part (≈ 1 on average)."""
    shares, tilts = {}, {}
    for area in AREAS:
        count = len(part_names(area))
        shares[area.gebiet_id] = rng.dirichlet(np.full(count, 4.0))
        tilts[area.gebiet_id] = np.exp(rng.normal(0, 0.35, count))
    return shares, tilts


def capped_split(total: int, weights: np.ndarray, caps: np.ndarray | None) -> np.ndarray:
    """Split `total` by `weights` into integers that add up exactly; no part above its cap (a share ≤ 100 %)."""
    parts = largest_remainder(weights, total)
    if caps is None:
        return parts
    parts = np.minimum(parts, caps)
    while (missing := total - int(parts.sum())) > 0:
        room = caps - parts
        extra = largest_remainder(np.where(room > 0, weights, 0) + 1e-9 * (room > 0), missing)
        parts = np.minimum(parts + extra, caps)
    return parts


def split_values(values: Sequence[Value], shares: dict[str, np.ndarray], tilts: dict[str, np.ndarray]) -> list[Value]:
    """Gemeindeteil rows whose counts add up exactly to the Bezirk's (so aggregation reproduces it)."""
    rows = []
    for value in values:
        area = next(a for a in AREAS if a.gebiet_id == value.gebiet_id)
        ids = [gid for gid, _ in part_names(area)]
        share, tilt = shares[area.gebiet_id], tilts[area.gebiet_id]
        indicator = INDICATOR_BY_ID[value.indikator_id]
        if indicator.aggregation == "summe":
            for gid, part in zip(ids, largest_remainder(share, int(value.wert or 0)), strict=True):
                rows.append(Value(gid, value.indikator_id, value.jahr, None, None, float(part)))
            continue
        if value.zaehler is None or value.nenner is None:
            rows.extend(Value(gid, value.indikator_id, value.jahr, None, None) for gid in ids)
            continue
        denominators = largest_remainder(share, value.nenner)
        factor = indicator.faktor or 100
        if value.zaehler >= 0:
            caps = denominators if factor == 100 else None
            numerators = capped_split(value.zaehler, share * tilt, caps)
        else:
            numerators = -largest_remainder(share, -value.zaehler)
        for gid, z, n in zip(ids, numerators, denominators, strict=True):
            z, n = int(z), int(n)
            rows.append(Value(gid, value.indikator_id, value.jahr, z, n, z / n * factor if n else None))
    return rows


# --------------------------------------------------------------------------------------------------
# Einrichtungen (synthetic points layer: Kitas, schools, counselling, youth and senior clubs)
# --------------------------------------------------------------------------------------------------

FACILITY_SEED = SEED + 7
FACILITY_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Kita",
        (
            "Kita Sonnenschein",
            "Kita Regenbogen",
            "Kita Pusteblume",
            "Kita Spatzennest",
            "Kita Kunterbunt",
            "Kita Löwenzahn",
            "Kita Elstertal",
            "Kita Zwergenland",
            "Kita Sternschnuppe",
            "Kita Waldwichtel",
            "Kita Am Hofwiesenpark",
            "Kita Märchenland",
            "Kita Villa Kunterbunt",
            "Kita Sonnenblume",
        ),
    ),
    (
        "Schule",
        (
            "Grundschule Am Stadtpark",
            "Grundschule Lusan",
            "Grundschule Bieblach",
            "Regelschule Ost",
            "Regelschule Lusan",
            "Gymnasium Stadtmitte",
            "Grundschule Debschwitz",
            "Förderschule Nord",
            "Regelschule Untermhaus",
            "Grundschule Langenberg",
        ),
    ),
    (
        "Beratungsstelle",
        (
            "Familienberatung",
            "Schuldnerberatung",
            "Suchtberatung",
            "Migrationsberatung",
            "Pflegestützpunkt",
            "Erziehungsberatung",
        ),
    ),
    (
        "Jugendclub",
        (
            "Jugendclub Lusan",
            "Jugendclub Bieblach",
            "Jugendtreff Mitte",
            "Jugendhaus Ost",
            "Jugendclub Debschwitz",
            "Offener Treff West",
        ),
    ),
    (
        "Seniorentreff",
        ("Seniorentreff Lusan", "Begegnungsstätte Mitte", "Seniorentreff Bieblach", "Service.GEneRAtionen"),
    ),
)


def random_point(rng: np.random.Generator, polygon: Polygon) -> tuple[float, float]:
    minx, miny, maxx, maxy = polygon.bounds
    while True:
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if polygon.contains(shapely.Point(x, y)):
            return round(x, 6), round(y, 6)


def write_facilities(path: Path, polygons: Sequence[Polygon], population: dict[str, int]) -> None:
    """einrichtungen.geojson: synthetic facilities, more where more people live; names say what they are."""
    rng = np.random.default_rng(FACILITY_SEED)
    weights = np.array([population[a.gebiet_id] for a in AREAS], dtype=float)
    features = []
    for kind, names in FACILITY_KINDS:
        for name in names:
            index = int(rng.choice(len(AREAS), p=weights / weights.sum()))
            lon, lat = random_point(rng, polygons[index])
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": name, "art": kind, "gebiet_id": AREAS[index].gebiet_id},
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                }
            )
    lines = ",\n".join(json.dumps(f, ensure_ascii=False) for f in features)
    path.write_text('{"type": "FeatureCollection", "features": [\n' + lines + "\n]}\n", encoding="utf-8")


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


def write_indicators(path: Path) -> None:
    """indikatoren.csv."""
    header = (
        "indikator_id",
        "name",
        "kurzname",
        "einheit",
        "thema",
        "polaritaet",
        "definition",
        "quelle",
        "datenstand",
        "dezimalstellen",
        "handlungsfeld_id",
        "min_fallzahl",
        "aggregation",
        "faktor",
        *translated_header(),
    )
    rows = [
        (
            i.indikator_id,
            i.name,
            i.kurzname,
            i.einheit,
            i.thema,
            i.polaritaet,
            i.definition,
            i.quelle,
            i.datenstand,
            i.dezimalstellen,
            i.handlungsfeld_id,
            i.min_fallzahl,
            i.aggregation,
            i.faktor,
            *translated_cells(i.indikator_id),
        )
        for i in INDICATORS
    ]
    write_csv(path, header, rows)


def value_row(value: Value) -> tuple[object, ...]:
    """One formatted row of werte.csv."""
    indicator = INDICATOR_BY_ID[value.indikator_id]
    note = NOT_COLLECTED.get((value.indikator_id, value.jahr), "")
    if value.jahr == LATEST and value.indikator_id in PRELIMINARY:
        note = "vorläufig"
    if indicator.aggregation == "summe":
        wert = str(int(value.wert or 0))
    else:
        wert = number(value.wert, indicator.dezimalstellen + 1)
    case_count = None if value.indikator_id in NO_CASE_COUNT else value.zaehler
    return (value.gebiet_id, value.indikator_id, value.jahr, wert, case_count, value.zaehler, value.nenner, note)


def write_values(path: Path, values: Sequence[Value]) -> None:
    """werte.csv."""
    header = ("gebiet_id", "indikator_id", "jahr", "wert", "fallzahl", "zaehler", "nenner", "anmerkung")
    write_csv(path, header, (value_row(v) for v in values))


# --------------------------------------------------------------------------------------------------
# Sozialplan 2024–2028: Handlungsfelder, Ziele, Maßnahmen
# --------------------------------------------------------------------------------------------------

JUGENDAMT_OFFICE = "Jugendamt"
SOZIALAMT_OFFICE = "Sozialamt"
GESUNDHEIT = "Amt für Gesundheit und Versorgung"
BILDUNGSAMT = "Amt für Bildung"
PLANUNG = "Stadtplanungsamt"
STADTERNEUERUNG = "Fachdienst Stadterneuerung"
STATISTIK = "Stabsstelle Statistik und GIS"

JC = "Jobcenter Gera"
AA = "Agentur für Arbeit Altenburg-Gera"
LIGA = "Träger der freien Wohlfahrtspflege"
KV = "Kindervereinigung Gera e.V."
JR = "Jugendrat"
SR = "Seniorenbeirat"
SCHULAMT = "Staatliches Schulamt Ostthüringen"
WU = "Wohnungsunternehmen"

FIELDS: tuple[tuple[str, str, str], ...] = (
    (
        "1",
        "Steuerung, Vernetzung und Nachhaltigkeit",
        "Datenbasierte Sozialplanung, regelmäßige Sozialberichterstattung, Vernetzung der Akteure und Verstetigung "
        "erfolgreicher Angebote.",
    ),
    (
        "2",
        "Familie und Sorgearbeit",
        "Familien stärken, Kinderarmut verringern und die Vereinbarkeit von Familie, Pflege und Beruf verbessern.",
    ),
    (
        "3",
        "Bildung und Arbeitswelt",
        "Bildungswege begleiten, den Übergang von der Schule in den Beruf gestalten und Langzeitarbeitslosigkeit "
        "abbauen.",
    ),
    (
        "4",
        "Beratung, Unterstützung und Information",
        "Zugänge zu Beratung und Leistungen erleichtern, Informationen bündeln und aufsuchende Angebote ausbauen. "
        "Name des Handlungsfelds nicht aus einer Quelle der Stadt belegt (siehe QUELLEN.md).",
    ),
    (
        "5",
        "Wohnumfeld und Lebensqualität",
        "Quartiere mit besonderem Entwicklungsbedarf stärken, öffentliche Räume und das Wohnumfeld aufwerten. "
        "Name des Handlungsfelds nicht aus einer Quelle der Stadt belegt (siehe QUELLEN.md).",
    ),
    (
        "6",
        "Dialog der Generationen",
        "Teilhabe älterer Menschen, Begegnung der Generationen und Beteiligung junger Menschen. "
        "Name des Handlungsfelds nicht aus einer Quelle der Stadt belegt (siehe QUELLEN.md).",
    ),
)

MeasureText = tuple[str, str] | tuple[str, str, str]  # (titel, beschreibung[, verantwortlich])


@dataclass(frozen=True)
class Goal:
    """One Ziel with its default office, partners, linked indicators, optional target and its measures."""

    titel: str
    verantwortlich: str
    partner: tuple[str, ...]
    indikatoren: tuple[str, ...]
    measures: tuple[MeasureText, ...]
    zielindikator: str = ""
    zielwert: float | None = None
    zieljahr: int | None = None


GOALS: dict[str, tuple[Goal, ...]] = {
    "1": (
        Goal(
            "Die Sozialplanung beruht auf einer regelmäßigen, kleinräumigen Sozialberichterstattung",
            STATISTIK,
            (SOZIALAMT_OFFICE, JUGENDAMT_OFFICE, JC),
            ("sgb2_quote", "einwohner"),
            (
                (
                    "Sozialbericht alle zwei Jahre auf Ebene der Statistischen Bezirke",
                    "Der Sozialbericht erscheint 2025 und 2027 mit einem festen Kernindikatorensatz; alle Werte werden "
                    "je Statistischem Bezirk und für die Gesamtstadt dargestellt.",
                ),
                (
                    "Sozialraum-Dashboard als öffentliches Monitoring einführen",
                    "Kennzahlen und Umsetzungsstand des Sozialplans werden in einem offenen Dashboard "
                    "veröffentlicht und "
                    "jährlich fortgeschrieben.",
                ),
                (
                    "Kleinräumige Bevölkerungs- und Haushalteprognose bis 2040",
                    "Eine Prognose je Statistischem Bezirk bildet die gemeinsame Grundlage für Kita-, Schul- und "
                    "Pflegeplanung.",
                ),
            ),
        ),
        Goal(
            "Die Fachplanungen der Stadtverwaltung sind miteinander verzahnt und auf gemeinsame Ziele ausgerichtet",
            SOZIALAMT_OFFICE,
            (JUGENDAMT_OFFICE, BILDUNGSAMT, PLANUNG),
            (),
            (
                (
                    "Ämterübergreifende Steuerungsgruppe Sozialplanung einrichten",
                    "Jugendamt, Sozialamt, Amt für Bildung, Amt für Gesundheit und Versorgung und Stadtplanungsamt "
                    "stimmen Planungen und Fördermittelanträge vierteljährlich ab.",
                ),
                (
                    "Jugendhilfeplanung, Schulnetzplanung und Sozialplanung abstimmen",
                    "Gemeinsame Planungsgrundlagen und Zeitpläne; die Kita-Bedarfsplanung nutzt die Daten der "
                    "Sozialberichterstattung.",
                    JUGENDAMT_OFFICE,
                ),
            ),
        ),
        Goal(
            "Sozialräume mit besonderem Handlungsbedarf werden gezielt gestärkt",
            SOZIALAMT_OFFICE,
            (KV, LIGA, WU),
            ("sgb2_quote", "sgb2_kinder_quote"),
            (
                (
                    "Sozialraumkonferenzen in Lusan und Bieblach durchführen",
                    "Jährliche Konferenzen mit Trägern, Wohnungsunternehmen, Schulen und Bewohnerschaft; "
                    "die Ergebnisse "
                    "fließen in die Maßnahmenplanung ein.",
                ),
                (
                    "Sozialraumanalyse für die Innenstadt erstellen",
                    "Vertiefende Analyse für die Stadtmitte als Grundlage für das Wohnquartier Innenstadt "
                    "(Fachaustausch seit November 2023).",
                ),
                (
                    "Verfügungsfonds für Bewohnerinitiativen in Lusan-Zentrum und Bieblach-Ost",
                    "Kleine Projekte der Bewohnerschaft werden unbürokratisch mit bis zu 1.500 Euro gefördert.",
                    STADTERNEUERUNG,
                ),
            ),
        ),
        Goal(
            "Träger, Vereine und Verwaltung arbeiten in verlässlichen Netzwerken zusammen",
            SOZIALAMT_OFFICE,
            (LIGA, KV),
            (),
            (
                (
                    "Trägerkonferenz Soziales zweimal jährlich",
                    "Austausch der freien Träger mit der Verwaltung über Bedarfe, Angebote und Förderverfahren.",
                ),
                (
                    "Online-Angebotslandkarte für soziale Einrichtungen",
                    "Beratungsstellen, Treffpunkte und Angebote werden georeferenziert erfasst und öffentlich "
                    "abrufbar gemacht.",
                    STATISTIK,
                ),
            ),
        ),
        Goal(
            "Förderprogramme werden koordiniert genutzt und erfolgreiche Angebote verstetigt",
            SOZIALAMT_OFFICE,
            (LIGA,),
            (),
            (
                (
                    "Fördermittelmonitoring für soziale Projekte aufbauen",
                    "Übersicht über laufende ESF-Plus-, Landes- und Bundesförderungen mit Laufzeiten, damit "
                    "Förderlücken früh erkannt werden.",
                ),
                (
                    "Verstetigungskonzept für auslaufende Modellprojekte",
                    "Für Projekte mit endender Förderung wird rechtzeitig geprüft, ob und wie sie in die "
                    "Regelfinanzierung übergehen.",
                ),
            ),
        ),
        Goal(
            "Die Wirkung des Sozialplans wird überprüft und öffentlich gemacht",
            SOZIALAMT_OFFICE,
            (STATISTIK, SR, JR),
            (),
            (
                (
                    "Zwischenbilanz des Sozialplans 2026 vorlegen",
                    "Bericht an den Stadtrat zum Umsetzungsstand aller Maßnahmen mit Ampelbewertung.",
                ),
                (
                    "Wirkungsindikatoren je Handlungsfeld festlegen",
                    "Jedem Ziel werden messbare Indikatoren mit Ausgangs- und Zielwerten zugeordnet.",
                    STATISTIK,
                ),
            ),
        ),
    ),
    "2": (
        Goal(
            "Weniger Kinder in Gera wachsen in Armut auf",
            JUGENDAMT_OFFICE,
            (JC, KV, LIGA),
            ("sgb2_kinder_quote", "alleinerziehende"),
            (
                (
                    "Präventionskette „Gute Chancen für jedes Kind“ in Lusan aufbauen",
                    "Aufeinander abgestimmte Angebote von der Geburt bis zum Berufseinstieg; Koordination über das "
                    "Stadtteilbüro Lusan.",
                ),
                (
                    "Präventionskette auf Bieblach-Ost ausweiten",
                    "Die in Lusan erprobten Bausteine werden auf Bieblach-Ost übertragen.",
                ),
                (
                    "Leistungen für Bildung und Teilhabe bekannter machen",
                    "Information in Kitas und Schulen und vereinfachte Antragstellung, damit mehr berechtigte Kinder "
                    "die Leistungen erhalten.",
                    SOZIALAMT_OFFICE,
                ),
            ),
            "sgb2_kinder_quote",
            25.0,
            2028,
        ),
        Goal(
            "Familien finden frühzeitig Unterstützung durch Frühe Hilfen",
            JUGENDAMT_OFFICE,
            (LIGA, KV),
            ("hze_je_1000_u21", "geburten_je_1000"),
            (
                (
                    "Willkommensbesuche für alle Neugeborenen",
                    "Fachkräfte der Frühen Hilfen bieten jeder Familie nach der Geburt einen Hausbesuch an.",
                ),
                (
                    "Familienhebammen in Bieblach-Ost und Lusan-Zentrum aufstocken",
                    "Zusätzliche Stunden für Familienhebammen und Familien-Gesundheits- und Kinderkrankenpflegerinnen "
                    "in den Stadtteilen mit den meisten belasteten Familien.",
                ),
                (
                    "Babylotsen in der Geburtsklinik",
                    "Lotsinnen sprechen Familien mit Belastungen schon in der Geburtsklinik an und vermitteln in "
                    "passende Angebote.",
                    GESUNDHEIT,
                ),
            ),
        ),
        Goal(
            "Kinder unter drei Jahren haben wohnortnah Zugang zu Kindertagesbetreuung",
            JUGENDAMT_OFFICE,
            (LIGA, KV),
            ("betreuungsquote_u3", "betreuungsquote_3_6"),
            (
                (
                    "Kita-Bedarfsplanung kleinräumig fortschreiben",
                    "Die Bedarfsplanung wird je Statistischem Bezirk mit der Bevölkerungsprognose abgeglichen.",
                ),
                (
                    "Krippenplätze in der Stadtmitte erweitern",
                    "Erweiterung einer bestehenden Einrichtung um zwei Krippengruppen.",
                ),
                (
                    "Kindertagespflege stärken: Qualifizierung und Vertretungsmodell",
                    "Neue Tagespflegepersonen werden qualifiziert; ein Vertretungspool sichert die Betreuung bei "
                    "Krankheit und Urlaub.",
                ),
            ),
            "betreuungsquote_u3",
            60.0,
            2028,
        ),
        Goal(
            "Alleinerziehende werden in ihrer Lebenssituation wirksam unterstützt",
            JUGENDAMT_OFFICE,
            (JC, LIGA),
            ("alleinerziehende", "sgb2_kinder_quote"),
            (
                (
                    "Netzwerk Alleinerziehende Gera aufbauen",
                    "Beratungsstellen, Jobcenter und Kitas bündeln ihre Angebote für Alleinerziehende.",
                ),
                (
                    "Randzeitenbetreuung für Kinder von Alleinerziehenden erproben",
                    "Modellprojekt für Betreuung am frühen Morgen und am Abend, zum Beispiel für Beschäftigte "
                    "in Pflege "
                    "und Handel.",
                ),
                (
                    "Teilzeitausbildung für Alleinerziehende",
                    "Gemeinsam mit dem Jobcenter werden Betriebe für Ausbildung in Teilzeit gewonnen.",
                    SOZIALAMT_OFFICE,
                ),
            ),
        ),
        Goal(
            "Die Vereinbarkeit von Familie, Pflege und Beruf wird verbessert",
            SOZIALAMT_OFFICE,
            (AA, LIGA),
            ("sv_beschaeftigtenquote",),
            (
                (
                    "Familienfreundliche Arbeitgeber in Gera auszeichnen",
                    "Ein jährlicher Preis macht gute Beispiele für flexible Arbeitszeiten und Pflegezeiten sichtbar.",
                ),
                (
                    "Beratung für pflegende Angehörige im Beruf",
                    "Sprechstunden des Pflegestützpunkts in Betrieben und am Abend.",
                    GESUNDHEIT,
                ),
            ),
        ),
        Goal(
            "Familienzentren sind Anlaufstellen in den Stadtteilen",
            JUGENDAMT_OFFICE,
            (KV, LIGA),
            ("sgb2_kinder_quote", "hze_je_1000_u21"),
            (
                (
                    "Kita in Lusan-Zentrum zum Familienzentrum weiterentwickeln",
                    "Beratung, Elternbildung und Begegnung unter einem Dach in einer Kita mit vielen belasteten "
                    "Familien.",
                ),
                (
                    "Familienzentrum Bieblach-Ost verstetigen",
                    "Das bisher projektfinanzierte Familienzentrum geht in die Regelförderung über.",
                ),
                (
                    "Standort für ein Familienzentrum in Debschwitz prüfen",
                    "Bedarfsanalyse und Suche nach einer geeigneten Kita oder Schule.",
                ),
            ),
        ),
        Goal(
            "Kinder und Jugendliche werden wirksam vor Gefährdungen geschützt",
            JUGENDAMT_OFFICE,
            (LIGA, SCHULAMT),
            ("hze_je_1000_u21",),
            (
                (
                    "Kinderschutz: Fortbildungen für Fachkräfte in Kitas und Schulen",
                    "Jährliches Fortbildungsprogramm zum Schutzauftrag nach § 8a SGB VIII.",
                ),
                (
                    "Beratung durch insoweit erfahrene Fachkräfte ausbauen",
                    "Mehr Beratungsstunden für Einrichtungen freier Träger und für Schulen.",
                ),
                (
                    "Ambulante Hilfen zur Erziehung sozialräumlich organisieren",
                    "Erprobung eines sozialraumorientierten Budgets für ambulante Hilfen in Lusan.",
                ),
            ),
        ),
        Goal(
            "Familien mit Zuwanderungsgeschichte finden Zugang zu den Angeboten",
            JUGENDAMT_OFFICE,
            (LIGA, KV),
            ("auslaenderanteil", "betreuungsquote_3_6"),
            (
                (
                    "Elterncafés mit Sprachmittlung in Kitas",
                    "Regelmäßige Treffen in Kitas mit vielen zugewanderten Familien, unterstützt durch "
                    "Sprachmittlerinnen.",
                ),
                (
                    "Mehrsprachige Familieninformation",
                    "Der Familienwegweiser erscheint auf Ukrainisch, Arabisch, Russisch und Englisch.",
                ),
            ),
        ),
        Goal(
            "Kinder wachsen gesund auf",
            GESUNDHEIT,
            (LIGA, KV),
            ("sgb2_kinder_quote",),
            (
                (
                    "Zahngesundheit und Vorsorge in Kitas der Stadtteile mit hohem Bedarf",
                    "Der Kinder- und Jugendzahnärztliche Dienst besucht Kitas zweimal jährlich; Eltern werden an die "
                    "U-Untersuchungen erinnert.",
                ),
                (
                    "Bewegungsförderung in Kitas „Fit von Anfang an“",
                    "Bewegungsangebote mit Sportvereinen in Kitas, zuerst in Lusan und Bieblach.",
                ),
            ),
        ),
    ),
    "3": (
        Goal(
            "Alle Schulen verfügen über die Voraussetzungen für digitale Bildung",
            BILDUNGSAMT,
            (SCHULAMT,),
            (),
            (
                (
                    "Breitbandanschluss und WLAN an allen städtischen Schulen",
                    "Ausbau mit Mitteln des DigitalPakts Schule und des Landes.",
                ),
                (
                    "Leihgeräte für Schülerinnen und Schüler aus einkommensschwachen Familien",
                    "Ein Gerätepool stellt Tablets und Laptops für den Unterricht und zu Hause bereit.",
                ),
                (
                    "IT-Betreuung der Schulen verstärken",
                    "Zusätzliche Stellen für Wartung und Support an den Schulen in städtischer Trägerschaft.",
                ),
            ),
        ),
        Goal(
            "Weniger junge Menschen verlassen die Schule ohne Abschluss",
            JUGENDAMT_OFFICE,
            (SCHULAMT, LIGA),
            ("abgaenger_ohne_abschluss", "jugendarbeitslosigkeit"),
            (
                (
                    "Ausbau der Schulsozialarbeit an Regelschulen in Lusan",
                    "Jede Regelschule in Lusan erhält eine volle Stelle für Schulsozialarbeit.",
                ),
                (
                    "Schulsozialarbeit an Grundschulen in Bieblach-Ost",
                    "Früh ansetzende Unterstützung von Kindern mit Lern- und Verhaltensschwierigkeiten.",
                ),
                (
                    "Praxislernklassen gegen Schulabbruch",
                    "Schülerinnen und Schüler mit hohem Fehlzeitenrisiko lernen an zwei Tagen pro Woche im Betrieb.",
                    BILDUNGSAMT,
                ),
            ),
            "abgaenger_ohne_abschluss",
            9.0,
            2028,
        ),
        Goal(
            "Der Übergang von der Schule in den Beruf gelingt aus einer Hand im JUGENDHAUS Gera",
            JUGENDAMT_OFFICE,
            (AA, JC, SCHULAMT),
            ("jugendarbeitslosigkeit",),
            (
                (
                    "JUGENDHAUS Gera als Jugendberufsagentur weiterentwickeln",
                    "Agentur für Arbeit, Jobcenter, Jugendamt und Schulamt beraten junge Menschen an einem Ort.",
                ),
                (
                    "Berufsorientierung ab Klasse 7 an allen Regelschulen",
                    "Verbindliche Praxistage und Betriebserkundungen mit regionalen Unternehmen.",
                    BILDUNGSAMT,
                ),
                (
                    "Aufsuchende Jugendsozialarbeit für junge Menschen ohne Anschluss",
                    "Streetwork erreicht junge Menschen, die weder in Schule, Ausbildung noch Arbeit sind.",
                ),
            ),
        ),
        Goal(
            "Langzeitarbeitslose Menschen erhalten Perspektiven auf Teilhabe am Arbeitsleben",
            SOZIALAMT_OFFICE,
            (JC, LIGA),
            ("anteil_langzeitarbeitslose", "sgb2_quote"),
            (
                (
                    "Einsatzstellen im Sozialen Arbeitsmarkt bei der Stadt",
                    "Die Stadt und ihre Gesellschaften bieten Stellen nach § 16i SGB II an.",
                ),
                (
                    "Ganzheitliches Coaching für Bedarfsgemeinschaften in Lusan",
                    "Coaching für alle Mitglieder einer Bedarfsgemeinschaft, einschließlich der Kinder.",
                ),
                (
                    "Gesundheitsorientierte Beratung für Langzeitarbeitslose",
                    "Gemeinsame Sprechstunden von Jobcenter und Gesundheitsamt.",
                    GESUNDHEIT,
                ),
            ),
            "anteil_langzeitarbeitslose",
            33.0,
            2028,
        ),
        Goal(
            "Die Arbeitslosigkeit sinkt weiter",
            SOZIALAMT_OFFICE,
            (JC, AA),
            ("arbeitslosenquote", "sv_beschaeftigtenquote"),
            (
                (
                    "Arbeitsmarktintegration von Geflüchteten beschleunigen",
                    "Gemeinsame Sprechstunden von Jobcenter, Ausländerbehörde und Sprachkursträgern.",
                ),
                (
                    "Ausbildungsbörse und Betriebsbesuche der Fachkräfteallianz",
                    "Jährliche Börse mit regionalen Betrieben und geführte Betriebsbesuche für Schulklassen.",
                    BILDUNGSAMT,
                ),
            ),
            "arbeitslosenquote",
            6.5,
            2028,
        ),
        Goal(
            "Kinder haben gleiche Chancen beim Übergang in weiterführende Schulen",
            BILDUNGSAMT,
            (SCHULAMT, KV),
            ("uebertrittsquote_gymnasium",),
            (
                (
                    "Lernförderung und Hausaufgabenhilfe in Stadtteilzentren",
                    "Kostenfreie Lernförderung am Nachmittag, ergänzend zur Förderung über Bildung und Teilhabe.",
                ),
                (
                    "Lesepatenschaften an Grundschulen in Lusan und Bieblach",
                    "Ehrenamtliche lesen wöchentlich mit Kindern der Klassen 1 bis 4.",
                ),
            ),
            "uebertrittsquote_gymnasium",
            43.0,
            2028,
        ),
        Goal(
            "Erwachsene haben Zugang zu Grundbildung und Weiterbildung",
            BILDUNGSAMT,
            (JC, LIGA),
            (),
            (
                (
                    "Grundbildungszentrum an der Volkshochschule",
                    "Kurse für Lesen, Schreiben, Rechnen und digitale Grundkenntnisse für Erwachsene.",
                ),
                (
                    "Sprachkurse mit Kinderbetreuung",
                    "Integrationskurse am Vormittag mit paralleler Betreuung für Kinder unter drei Jahren.",
                ),
                (
                    "Digitale Grundbildung in den Stadtteilbibliotheken",
                    "Offene Sprechstunden zu Smartphone, Online-Terminen und Behördenportalen.",
                ),
            ),
        ),
        Goal(
            "Kitas und Grundschulen arbeiten beim Übergang eng zusammen",
            JUGENDAMT_OFFICE,
            (SCHULAMT, KV),
            ("betreuungsquote_3_6",),
            (
                (
                    "Kooperationskalender Kita–Grundschule",
                    "Verbindliche Termine für Hospitationen und Elterngespräche im letzten Kita-Jahr.",
                ),
                (
                    "Sprachförderung vor der Einschulung",
                    "Sprachstandsbeobachtung und gezielte Förderung im letzten Kita-Jahr.",
                ),
            ),
        ),
        Goal(
            "Jugendliche mit Unterstützungsbedarf finden einen Ausbildungsplatz",
            JUGENDAMT_OFFICE,
            (AA, JC),
            ("jugendarbeitslosigkeit",),
            (
                (
                    "Assistierte Ausbildung ausbauen",
                    "Begleitung von Auszubildenden und Betrieben während der gesamten Ausbildung.",
                ),
                (
                    "Ausbildungsverbund Pflege und Soziales",
                    "Träger der Pflege und der Sozialen Arbeit bilden gemeinsam aus und teilen Praxisstellen.",
                    SOZIALAMT_OFFICE,
                ),
                (
                    "Azubi-Wohnen in der Innenstadt",
                    "Möblierte Kleinwohnungen für Auszubildende aus dem Umland.",
                    PLANUNG,
                ),
            ),
        ),
    ),
    "4": (
        Goal(
            "Beratung ist wohnortnah und leicht erreichbar",
            SOZIALAMT_OFFICE,
            (KV, LIGA),
            ("sgb2_quote",),
            (
                (
                    "Sozialberatung im Stadtteilbüro Lusan",
                    "Wöchentliche offene Sprechstunde zu Sozialleistungen, Wohnen und Schulden.",
                ),
                (
                    "Stadtteilbüro Bieblach-Ost verstetigen",
                    "Das Stadtteilbüro bleibt nach dem Ende der Städtebauförderung als Anlaufstelle erhalten.",
                    STADTERNEUERUNG,
                ),
                (
                    "Mobile Bürger- und Sozialberatung in den Ortsteilen",
                    "Ein Beratungsmobil fährt regelmäßig in die Ortsteile von Gera-Nord, Gera-West und Gera-Süd.",
                ),
            ),
        ),
        Goal(
            "Menschen kennen ihre Ansprüche auf Sozialleistungen und nehmen sie wahr",
            SOZIALAMT_OFFICE,
            (JC, LIGA),
            ("wohngeld_haushalte", "grundsicherung_65plus"),
            (
                (
                    "Sozialwegweiser Gera online und gedruckt",
                    "Alle Leistungen und Beratungsstellen auf einen Blick, jährlich aktualisiert.",
                ),
                (
                    "Wohngeld-Sprechstunden in Stadtteilen mit hohem Bedarf",
                    "Hilfe beim Antrag auf Wohngeld vor Ort, seit der Wohngeldreform 2023 stark nachgefragt.",
                ),
                (
                    "Antragsformulare in Leichter Sprache",
                    "Die häufigsten Anträge des Sozialamts werden in Leichter Sprache angeboten.",
                ),
            ),
        ),
        Goal(
            "Überschuldete Haushalte erhalten zeitnah Hilfe",
            SOZIALAMT_OFFICE,
            (LIGA, JC),
            ("sgb2_quote",),
            (
                (
                    "Wartezeiten in der Schuldnerberatung verkürzen",
                    "Eine zusätzliche Beratungsstelle und eine Kurzberatung für dringende Fälle.",
                ),
                (
                    "Budgetberatung für junge Erwachsene",
                    "Präventive Workshops zu Geld, Verträgen und Schulden in Berufsschulen.",
                ),
            ),
        ),
        Goal(
            "Zugewanderte werden beim Ankommen unterstützt",
            SOZIALAMT_OFFICE,
            (LIGA, JC),
            ("auslaenderanteil",),
            (
                (
                    "Integrationsmanagement für Geflüchtete fortführen",
                    "Integrationsmanagerinnen begleiten Geflüchtete in den ersten Jahren nach der Ankunft.",
                ),
                (
                    "Sprachmittlerpool für Ämter und Beratungsstellen",
                    "Geschulte Sprachmittlerinnen und Sprachmittler sind kurzfristig buchbar.",
                ),
                (
                    "Migrationsberatung in Bieblach-Ost und Lusan-Zentrum",
                    "Sprechstunden in den Stadtteilen mit dem höchsten Anteil zugewanderter Menschen.",
                ),
            ),
        ),
        Goal(
            "Menschen mit Behinderungen erhalten barrierefreie Information und Beratung",
            SOZIALAMT_OFFICE,
            (LIGA,),
            (),
            (
                (
                    "Ergänzende unabhängige Teilhabeberatung bekannt machen",
                    "Information über die EUTB in allen Bürgerbüros und Beratungsstellen.",
                ),
                (
                    "Barrierefreie Internetseiten der Stadtverwaltung",
                    "Überarbeitung der Seiten des Dezernats Jugend und Soziales nach BITV 2.0.",
                ),
            ),
        ),
        Goal(
            "Wohnungslosigkeit wird vermieden",
            SOZIALAMT_OFFICE,
            (WU, LIGA, JC),
            ("wohngeld_haushalte",),
            (
                (
                    "Fachstelle Wohnungssicherung einrichten",
                    "Eine Stelle bündelt Hilfen bei drohendem Wohnungsverlust.",
                ),
                (
                    "Frühwarnsystem bei Mietschulden mit den Wohnungsunternehmen",
                    "Mit Einwilligung der Mieter melden Vermieter Mietrückstände frühzeitig an die Fachstelle.",
                ),
                ("Notunterkunft modernisieren", "Sanierung und getrennte Bereiche für Frauen und Familien."),
            ),
        ),
        Goal(
            "Psychisch kranke und suchtkranke Menschen finden passende Hilfen",
            GESUNDHEIT,
            (LIGA,),
            (),
            (
                (
                    "Psychosoziale Kontaktstelle in der Innenstadt",
                    "Niedrigschwelliger Treffpunkt mit Beratung für psychisch kranke Menschen.",
                ),
                (
                    "Suchtprävention an Schulen und in Jugendclubs",
                    "Präventionsprogramm zu Alkohol, Cannabis und Mediensucht ab Klasse 7.",
                ),
            ),
        ),
    ),
    "5": (
        Goal(
            "Die Großwohnsiedlungen Lusan und Bieblach bleiben lebenswerte Wohnquartiere",
            STADTERNEUERUNG,
            (WU, KV),
            ("leerstandsquote", "wanderungssaldo"),
            (
                (
                    "Integriertes Entwicklungskonzept Lusan fortschreiben",
                    "Fortschreibung des IEK Lusan von 2017 mit Beteiligung des Bürgergremiums.",
                ),
                (
                    "Wohnumfeldaufwertung Bieblach-Ost: Grünzug und Spielflächen",
                    "Neugestaltung des zentralen Grünzugs mit Spiel- und Aufenthaltsflächen.",
                ),
                (
                    "Rückbau und Umbau leerstehender Plattenbauten in Lusan-Brüte abstimmen",
                    "Abgestimmtes Vorgehen der Wohnungsunternehmen bei Rückbau, Teilrückbau und Modernisierung.",
                ),
            ),
            "leerstandsquote",
            7.0,
            2028,
        ),
        Goal(
            "Bezahlbarer Wohnraum steht allen Bevölkerungsgruppen zur Verfügung",
            PLANUNG,
            (WU, SOZIALAMT_OFFICE),
            ("wohngeld_haushalte", "wohnflaeche_je_einwohner"),
            (
                (
                    "Wohnraumversorgungskonzept fortschreiben",
                    "Analyse von Angebot und Nachfrage nach Wohnungsgrößen, Preisen und Barrierefreiheit.",
                ),
                (
                    "Belegungsbindungen mit Wohnungsunternehmen vereinbaren",
                    "Kontingente für Haushalte mit Dringlichkeit, zum Beispiel nach Wohnungsverlust.",
                    SOZIALAMT_OFFICE,
                ),
                (
                    "Barrierearmer Umbau von Bestandswohnungen",
                    "Förderberatung für Vermieter zum Abbau von Barrieren in Bestandswohnungen.",
                ),
            ),
        ),
        Goal(
            "Die Innenstadt wird als Wohn- und Lebensort gestärkt",
            PLANUNG,
            (WU, STADTERNEUERUNG),
            ("leerstandsquote", "einwohner"),
            (
                (
                    "Quartiersmanagement für das Wohnquartier Innenstadt",
                    "Ein Quartiersmanagement koordiniert Akteure und Projekte in der Stadtmitte.",
                    STADTERNEUERUNG,
                ),
                (
                    "Leerstehende Erdgeschosse in der Innenstadt für soziale und kulturelle Nutzungen öffnen",
                    "Zwischennutzungen für Initiativen, Beratung und Kultur zu günstigen Mieten.",
                ),
            ),
        ),
        Goal(
            "Öffentliche Räume sind sicher, sauber und barrierefrei",
            PLANUNG,
            (SR, JR),
            (),
            (
                (
                    "Beleuchtungskonzept für Wege und Plätze in Lusan",
                    "Dunkle Wegeverbindungen werden mit der Bewohnerschaft erfasst und nachgerüstet.",
                ),
                (
                    "Barrierefreie Haltestellen und Querungen im Umfeld von Senioreneinrichtungen",
                    "Umbau nach Prioritätenliste des Seniorenbeirats und des Behindertenbeirats.",
                ),
                (
                    "Sitzbänke und öffentliche Toiletten entlang der Hauptwege",
                    "Ein Netz von Ruhepunkten für ältere Menschen und Familien.",
                ),
            ),
        ),
        Goal(
            "Junge Menschen in Gera finden öffentliche Freiräume vor, in denen sie sich aufhalten und ihren "
            "Interessen nachgehen können",
            JUGENDAMT_OFFICE,
            (JR, "Kinder- und Jugendbeauftragte", PLANUNG),
            (),
            (
                (
                    "Kriterien für öffentliche Freiräume festlegen und Öffnung von Parks am Abend prüfen",
                    "Gemeinsam mit Jugendlichen und Akteuren der Jugendarbeit wird festgehalten, welche Kriterien die "
                    "öffentlichen Freiräume erfüllen müssen. Es erfolgt eine Prüfung zur Öffnung von Parks oder "
                    "parkähnlichen Flächen auch in den Abendstunden.",
                ),
                (
                    "Freiräume mit Jugendlichen definieren (soziale Aneignungsflächen)",
                    "Mögliche Freiräume werden unter Beteiligung der Jugendlichen (Jugendrat, Kinder- und "
                    "Jugendbeauftragte etc.) definiert (soziale Aneignungsflächen).",
                ),
                (
                    "Überdachter Jugendtreffpunkt im Freien in Lusan-Zentrum",
                    "Ein wetterfester Treffpunkt mit Sitzgelegenheiten, geplant mit Jugendlichen aus Lusan.",
                    PLANUNG,
                ),
            ),
        ),
        Goal(
            "Spiel- und Bewegungsflächen sind in allen Stadtteilen gut erreichbar",
            PLANUNG,
            (JR, KV),
            ("anteil_u18",),
            (
                (
                    "Spielplatzkonzept fortschreiben",
                    "Bestandsaufnahme, Erreichbarkeitsanalyse und Prioritätenliste für Sanierungen.",
                ),
                ("Bewegungsparcours im Hofwiesenpark", "Outdoor-Fitnessgeräte für Jugendliche und Erwachsene."),
            ),
        ),
        Goal(
            "Mobilität ist für alle bezahlbar und erreichbar",
            PLANUNG,
            ("Verkehrsbetrieb GVB", SR),
            (),
            (
                (
                    "Sozialticket für den Nahverkehr prüfen",
                    "Prüfung eines ermäßigten Monatstickets für Menschen mit geringem Einkommen.",
                    SOZIALAMT_OFFICE,
                ),
                (
                    "Rufbus für die Ortsteile in Gera-Nord und Gera-West",
                    "Bedarfsverkehr für Ortsteile mit seltener Busanbindung.",
                ),
            ),
        ),
        Goal(
            "Nachbarschaften werden durch Begegnungsorte gestärkt",
            STADTERNEUERUNG,
            (LIGA, WU),
            (),
            (
                (
                    "Stadtteilzentrum Debschwitz als Treffpunkt entwickeln",
                    "Ein Nachbarschaftstreff mit offenen Angeboten für alle Generationen.",
                ),
                (
                    "Gemeinschaftsgärten in Bieblach-Ost und Lusan",
                    "Gärten auf Rückbauflächen, betreut von Bewohnerinnen und Bewohnern.",
                ),
            ),
        ),
    ),
    "6": (
        Goal(
            "Ältere Menschen leben möglichst lange selbstbestimmt in ihrer Wohnung",
            GESUNDHEIT,
            (SR, LIGA, WU),
            ("anteil_80plus", "anteil_65plus"),
            (
                (
                    "Pflegestützpunkt: aufsuchende Beratung für Hochaltrige",
                    "Beraterinnen des Pflegestützpunkts besuchen Menschen ab 80 Jahren auf Wunsch zu Hause.",
                ),
                (
                    "Präventive Hausbesuche ab 80 Jahren in Lusan-Laune",
                    "Modellprojekt mit Anschreiben aller Einwohner ab 80 Jahren im Bezirk.",
                ),
                (
                    "Wohnberatung und Alltagshilfen vernetzen",
                    "Wohnraumanpassung, Nachbarschaftshilfe und haushaltsnahe Dienste aus einer Hand.",
                ),
            ),
        ),
        Goal(
            "Ältere Menschen sind vor Einsamkeit geschützt und nehmen am gesellschaftlichen Leben teil",
            SOZIALAMT_OFFICE,
            (SR, LIGA),
            ("anteil_65plus", "grundsicherung_65plus"),
            (
                (
                    "Seniorentreffs in Lusan-Laune und Bieblach/Tinz stärken",
                    "Längere Öffnungszeiten und neue Angebote in den bestehenden Begegnungsstätten.",
                ),
                (
                    "Telefonpatenschaften gegen Einsamkeit",
                    "Ehrenamtliche rufen alleinlebende ältere Menschen regelmäßig an.",
                ),
                (
                    "Digitalpaten für Seniorinnen und Senioren",
                    "Jugendliche und Ehrenamtliche helfen beim Umgang mit Smartphone und Tablet.",
                ),
            ),
        ),
        Goal(
            "Die Interessen älterer Menschen werden dauerhaft vertreten",
            SOZIALAMT_OFFICE,
            (SR,),
            (),
            (
                (
                    "Seniorenbeirat und Seniorenbeauftragten dauerhaft sichern",
                    "Geschäftsstelle und Budget der Seniorenvertretung werden im Haushalt verankert.",
                ),
                (
                    "Seniorenpolitisches Konzept fortschreiben",
                    "Fortschreibung mit Befragung älterer Menschen in allen Statistischen Bezirken.",
                ),
            ),
        ),
        Goal(
            "Kinder und Jugendliche beteiligen sich an Entscheidungen, die sie betreffen",
            JUGENDAMT_OFFICE,
            (JR, KV),
            ("anteil_u18",),
            (
                (
                    "Beteiligungsstrukturen stärken: Jugendrat ausstatten",
                    "Eigenes Budget, Räume und pädagogische Begleitung für den Jugendrat.",
                ),
                (
                    "Kinder- und Jugendsprechstunde des Oberbürgermeisters",
                    "Zweimal jährlich in wechselnden Stadtteilen.",
                ),
                (
                    "Jugendbudget für selbstorganisierte Projekte",
                    "Jugendliche entscheiden selbst über die Vergabe von Mitteln für kleine Projekte.",
                ),
            ),
        ),
        Goal(
            "Generationen begegnen sich im Alltag",
            SOZIALAMT_OFFICE,
            (SR, KV, LIGA),
            ("durchschnittsalter",),
            (
                (
                    "Service.GEneRAtionen in der Heinrichstraße weiterführen",
                    "Der Treffpunkt für Jung und Alt in der Innenstadt wird fortgeführt und inhaltlich erweitert.",
                ),
                (
                    "Generationenprojekte zwischen Kitas und Pflegeeinrichtungen",
                    "Regelmäßige gemeinsame Aktivitäten von Kita-Gruppen und Bewohnern von Pflegeheimen.",
                ),
                (
                    "Mehrgenerationentreff in Gera-Ost prüfen",
                    "Bedarfsanalyse und Standortsuche für einen Treffpunkt aller Generationen.",
                ),
            ),
        ),
        Goal(
            "Pflegebedürftige Menschen und ihre Angehörigen werden gut versorgt",
            GESUNDHEIT,
            (LIGA, SR),
            ("anteil_80plus", "altenquotient"),
            (
                (
                    "Pflegebedarfsplanung nach Statistischen Bezirken",
                    "Vorausschätzung der Pflegebedürftigen und des Bedarfs an Pflegeplätzen je Bezirk.",
                    STATISTIK,
                ),
                (
                    "Entlastungsangebote für pflegende Angehörige ausbauen",
                    "Mehr Plätze in Tagespflege und Angebote zur stundenweisen Entlastung.",
                ),
            ),
        ),
        Goal(
            "Ehrenamtliches Engagement aller Generationen wird anerkannt und gefördert",
            SOZIALAMT_OFFICE,
            (LIGA, JR, SR),
            (),
            (
                (
                    "Ehrenamtsbörse und Ehrenamtskarte bekannter machen",
                    "Werbung in Schulen, Betrieben und Seniorentreffs.",
                ),
                (
                    "Jugendleiter-Card: Ausbildung und Anerkennung fördern",
                    "Zuschüsse für Juleica-Schulungen und Vergünstigungen für Jugendleiterinnen und Jugendleiter.",
                    JUGENDAMT_OFFICE,
                ),
            ),
        ),
    ),
}

# Keywords in a measure's title or description → Bezirke it acts in.
AREA_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Lusan-Zentrum", ("11",)),
    ("Lusan-Brüte", ("12",)),
    ("Lusan-Laune", ("10",)),
    ("Lusan", ("10", "11", "12")),
    ("Bieblach-Ost", ("05",)),
    ("Bieblach/Tinz", ("06",)),
    ("Bieblach", ("05", "06")),
    ("Innenstadt", ("01",)),
    ("Stadtmitte", ("01",)),
    ("Debschwitz", ("02",)),
    ("Gera-Ost", ("03",)),
    ("Hofwiesenpark", ("01", "07")),
    ("Ortsteile", ("04", "08", "09")),
    ("Gera-Nord", ("04",)),
    ("Gera-West", ("08",)),
    ("Stadtteilen mit hohem Bedarf", ("01", "05", "11", "12")),
    ("Stadtteile mit den meisten", ("05", "11")),
)

STATUS_MIX = (
    ("umgesetzt", 18),
    ("in Umsetzung", 53),
    ("verzögert", 10),
    ("in Vorbereitung", 15),
    ("geplant", 18),
    ("ausgesetzt", 2),
    ("entfallen", 2),
)
PLAN_START = date(2024, 1, 1)
STAND_FROM, STALE_UNTIL, STAND_RECENT = date(2025, 6, 2), date(2025, 9, 30), date(2025, 11, 3)
PLAN_END = date(2028, 12, 31)
NOTES = {
    "prepare": (
        "Konzept in Abstimmung mit den Trägern",
        "Fördermittelantrag gestellt",
        "Arbeitsgruppe gebildet",
        "Bedarfsanalyse abgeschlossen",
        "Ausschreibung vorbereitet",
    ),
    "start": (
        "Träger ausgewählt",
        "Fördermittelbescheid liegt vor",
        "Auftaktveranstaltung durchgeführt",
        "Personal eingestellt",
        "Kooperationsvereinbarung unterzeichnet",
    ),
    "middle": (
        "Erste Angebote laufen",
        "Zwischenbericht im Sozialausschuss",
        "Evaluation der ersten Phase",
        "Nachfrage höher als erwartet",
        "Zweiter Standort eröffnet",
    ),
    "in Umsetzung": (
        "Umsetzung planmäßig",
        "Umsetzung läuft",
        "Angebot gut angenommen",
        "Ausweitung auf weitere Stadtteile wird geprüft",
    ),
    "umgesetzt": (
        "Abgeschlossen, Angebot in die Regelstruktur überführt",
        "Abgeschlossen, Abschlussbericht liegt vor",
        "Maßnahme umgesetzt",
    ),
    "verzögert": (
        "Personalengpass",
        "Fördermittelbescheid steht noch aus",
        "Bauverzögerung",
        "Ausschreibung ohne Angebot, wird wiederholt",
        "Haushaltssperre",
    ),
    "ausgesetzt": ("Ausgesetzt bis zum Beschluss des Haushalts 2027", "Förderung ausgelaufen, Fortführung offen"),
    "entfallen": (
        "Entfällt: Aufgabe wird durch ein Landesprogramm abgedeckt",
        "Entfällt: in einer anderen Maßnahme des Sozialplans aufgegangen",
    ),
    "in Vorbereitung": ("Konzept liegt im Entwurf vor", "Fördermittelantrag gestellt", "Abstimmung mit Trägern läuft"),
    "geplant": ("Beginn nach Priorisierung im Steuerungskreis", "Noch nicht begonnen, Mittel für 2027 angemeldet"),
}


@dataclass
class Measure:
    """One row of massnahmen.csv plus its status history."""

    massnahme_id: str
    ziel_id: str
    titel: str
    beschreibung: str
    verantwortlich: str
    partner: str
    gebiete: str
    indikatoren: str
    status: str = "geplant"
    beginn_geplant: date = PLAN_START
    ende_geplant: date = PLAN_END
    beginn_ist: date | None = None
    ende_ist: date | None = None
    history: list[tuple[date, str, int, str]] | None = None


def random_day(rng: np.random.Generator, start: date, end: date) -> date:
    """A uniformly drawn day in [start, end]."""
    return start + timedelta(days=int(rng.integers(0, max((end - start).days, 0) + 1)))


def measure_areas(rng: np.random.Generator, text: str, field_id: str) -> str:
    """Bezirke named in the text; otherwise the whole city or a need-weighted draw of 2–3 Bezirke.

    Steering measures (Handlungsfeld 1) and city-wide topics (parks, all Bezirke) always act city-wide.
    """
    if field_id == "1" or any(word in text for word in ("Parks", "Freiräume", "Statistischen Bezirken")):
        return "gesamtstadt"
    found: set[str] = set()
    for keyword, ids in AREA_KEYWORDS:
        if (
            keyword in text
            and not (keyword == "Lusan" and found & {"10", "11", "12"})
            and not (keyword == "Bieblach" and found & {"05", "06"})
        ):
            found.update(ids)
    if found:
        return "|".join(sorted(found))
    if rng.random() < 0.6:
        return "gesamtstadt"
    weights = np.array([a.need for a in AREAS])
    picked = rng.choice(len(AREAS), size=int(rng.integers(2, 4)), replace=False, p=weights / weights.sum())
    return "|".join(sorted(AREAS[i].gebiet_id for i in picked))


def pick_partners(rng: np.random.Generator, goal: Goal, office: str) -> str:
    """A non-empty subset of the goal's partners (without the lead office), in the goal's order."""
    pool = [p for p in goal.partner if p != office]
    if not pool:
        return ""
    keep = [p for p in pool if rng.random() < 0.7] or [pool[0]]
    return ", ".join(keep)


def build_measures(rng: np.random.Generator) -> tuple[list[tuple[str, str, Goal]], list[Measure]]:
    """Goals (id, field, goal) and measures with texts, offices, partners, areas and indicators."""
    goals: list[tuple[str, str, Goal]] = []
    measures: list[Measure] = []
    for field_id, field_goals in GOALS.items():
        for n, goal in enumerate(field_goals, start=1):
            goal_id = f"{field_id}.{n}"
            goals.append((goal_id, field_id, goal))
            for m, text in enumerate(goal.measures, start=1):
                office = text[2] if len(text) == 3 else goal.verantwortlich
                links = goal.indikatoren or ((goal.zielindikator,) if goal.zielindikator else ())
                measures.append(
                    Measure(
                        f"{goal_id}.{m}",
                        goal_id,
                        text[0],
                        text[1],
                        office,
                        pick_partners(rng, goal, office),
                        measure_areas(rng, text[0] + " " + text[1], field_id),
                        "|".join(links),
                    )
                )
    return goals, measures


def assign_statuses(rng: np.random.Generator, measures: list[Measure]) -> None:
    """Distribute the status mix over the measures (seeded shuffle)."""
    statuses = [status for status, count in STATUS_MIX for _ in range(count)]
    assert len(statuses) == len(measures), (len(statuses), len(measures))
    for measure, index in zip(measures, rng.permutation(len(statuses)), strict=True):
        measure.status = statuses[int(index)]


def note(rng: np.random.Generator, kind: str) -> str:
    """A German status note of the given kind."""
    options = NOTES[kind]
    return options[int(rng.integers(len(options)))]


def stand_date(rng: np.random.Generator, stale: bool) -> date:
    """Date of the latest status report: recent, or older than 12 months for stale measures."""
    if stale:
        return random_day(rng, STAND_FROM, STALE_UNTIL)
    return random_day(rng, STAND_RECENT, REPORT_DATE)


def progress(rng: np.random.Generator, low: int, high: int) -> int:
    """Progress in steps of 5 %."""
    return int(rng.integers(low // 5, high // 5 + 1)) * 5


def schedule(rng: np.random.Generator, m: Measure, stand: date, overdue: bool) -> None:
    """Planned and actual dates and the status history of one measure, consistent with its status."""
    start_entry = (
        random_day(rng, PLAN_START, date(2024, 1, 15)),
        "geplant",
        0,
        "In den Sozialplan 2024–2028 aufgenommen",
    )
    history = [start_entry]
    if m.status == "geplant":
        m.beginn_geplant = random_day(rng, date(2026, 11, 1), date(2027, 9, 1))
        m.ende_geplant = min(m.beginn_geplant + timedelta(days=int(rng.integers(365, 730))), PLAN_END)
        history.append((stand, "geplant", 0, note(rng, "geplant")))
    elif m.status == "in Vorbereitung":
        m.beginn_geplant = random_day(rng, date(2026, 1, 1), date(2027, 6, 1))
        m.ende_geplant = min(
            max(m.beginn_geplant + timedelta(days=int(rng.integers(365, 900))), REPORT_DATE + timedelta(days=90)),
            PLAN_END,
        )
        if rng.random() < 0.5:
            history.append(
                (
                    random_day(rng, date(2024, 6, 1), stand - timedelta(days=120)),
                    "in Vorbereitung",
                    5,
                    note(rng, "prepare"),
                )
            )
        history.append((stand, "in Vorbereitung", progress(rng, 10, 20), note(rng, "in Vorbereitung")))
    else:
        history += started_history(rng, m, stand, overdue)
    m.history = history


def started_history(
    rng: np.random.Generator, m: Measure, stand: date, overdue: bool
) -> list[tuple[date, str, int, str]]:
    """History entries after the plan was adopted for measures that have begun (or were dropped)."""
    latest_start = min(stand - timedelta(days=150), date(2026, 3, 1))
    m.beginn_geplant = random_day(rng, date(2024, 2, 1), latest_start)
    delay = int(rng.integers(60, 240)) if m.status == "verzögert" else int(rng.integers(-20, 90))
    m.beginn_ist = min(max(m.beginn_geplant + timedelta(days=delay), date(2024, 3, 1)), stand - timedelta(days=90))
    prepare_day = random_day(rng, date(2024, 1, 20), m.beginn_ist - timedelta(days=30))
    entries = [(prepare_day, "in Vorbereitung", progress(rng, 5, 10), note(rng, "prepare"))]
    if m.status == "entfallen" and rng.random() < 0.5:
        m.beginn_ist = None
        m.ende_geplant = min(m.beginn_geplant + timedelta(days=int(rng.integers(365, 900))), PLAN_END)
        return entries + [(stand, "entfallen", entries[-1][2], note(rng, "entfallen"))]
    started = progress(rng, 10, 20)
    entries.append((m.beginn_ist, "in Umsetzung", started, note(rng, "start")))
    final = {
        "umgesetzt": 100,
        "in Umsetzung": progress(rng, 30, 90),
        "verzögert": progress(rng, 20, 50),
        "ausgesetzt": progress(rng, 20, 50),
        "entfallen": started,
    }[m.status]
    final = max(final, started)
    if (stand - m.beginn_ist).days > 240 and final - started >= 10 and rng.random() < 0.7:
        middle = random_day(rng, m.beginn_ist + timedelta(days=60), stand - timedelta(days=60))
        entries.append((middle, "in Umsetzung", started + (final - started) // 10 * 5, note(rng, "middle")))
    entries.append((stand, m.status, final, note(rng, m.status)))
    if m.status == "umgesetzt":
        m.ende_ist = stand
        m.ende_geplant = max(stand + timedelta(days=int(rng.integers(-120, 90))), m.beginn_geplant)
    elif overdue:
        m.ende_geplant = random_day(
            rng, max(date(2025, 6, 30), m.beginn_geplant + timedelta(days=180)), date(2026, 9, 30)
        )
    else:
        m.ende_geplant = random_day(rng, max(date(2027, 1, 31), m.beginn_geplant + timedelta(days=365)), PLAN_END)
    return entries


def schedule_all(rng: np.random.Generator, measures: list[Measure]) -> None:
    """Dates and histories for all measures; a few stale reports and a few overdue measures."""
    open_ids = [m.massnahme_id for m in measures if m.status not in ("umgesetzt", "entfallen", "geplant")]
    stale = set(rng.choice(open_ids, size=6, replace=False).tolist())
    in_progress = [m.massnahme_id for m in measures if m.status == "in Umsetzung"]
    overdue = set(rng.choice(in_progress, size=3, replace=False).tolist())
    for m in measures:
        stand = stand_date(rng, m.massnahme_id in stale)
        late = m.massnahme_id in overdue or (m.status == "verzögert" and rng.random() < 0.5)
        schedule(rng, m, stand, late)


def write_plan(folder: Path, goals: list[tuple[str, str, Goal]], measures: list[Measure]) -> None:
    """handlungsfelder.csv, ziele.csv, massnahmen.csv and massnahmen_verlauf.csv."""
    write_csv(folder / "handlungsfelder.csv", *field_rows(FIELDS))
    write_csv(
        folder / "ziele.csv",
        ("ziel_id", "handlungsfeld_id", "titel", "zielindikator", "zielwert", "zieljahr"),
        [(gid, fid, g.titel, g.zielindikator, number(g.zielwert, 1), g.zieljahr) for gid, fid, g in goals],
    )
    header = (
        "massnahme_id",
        "ziel_id",
        "titel",
        "beschreibung",
        "verantwortlich",
        "partner",
        "beginn_geplant",
        "ende_geplant",
        "beginn_ist",
        "ende_ist",
        "status",
        "fortschritt",
        "stand",
        "gebiete",
        "indikatoren",
    )
    rows = []
    for m in measures:
        last = (m.history or [])[-1]
        rows.append(
            (
                m.massnahme_id,
                m.ziel_id,
                m.titel,
                m.beschreibung,
                m.verantwortlich,
                m.partner,
                german_date(m.beginn_geplant),
                german_date(m.ende_geplant),
                german_date(m.beginn_ist),
                german_date(m.ende_ist),
                m.status,
                last[2],
                german_date(last[0]),
                m.gebiete,
                m.indikatoren,
            )
        )
    write_csv(folder / "massnahmen.csv", header, rows)
    write_csv(
        folder / "massnahmen_verlauf.csv",
        ("massnahme_id", "datum", "status", "fortschritt", "notiz"),
        [(m.massnahme_id, german_date(d), s, p, n) for m in measures for d, s, p, n in (m.history or [])],
    )


# --------------------------------------------------------------------------------------------------
# QUELLEN.md
# --------------------------------------------------------------------------------------------------

SOZIALPLAN_URL = (
    "https://gera.de/leben-in-gera/gesundheit-soziales/soziale-projekte/integrierte-kommunale-sozialplanung/"
    "der-integrierte-kommunale-sozialplan-2024-2028"
)
ZIELE_URL = SOZIALPLAN_URL + "/social-media-kampagne-zum-sozialplan/ziele-und-massnahmen-im-sozialplan"

REAL_FACTS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Nummern und Namen der 12 Statistischen Bezirke (01 Stadtmitte … 12 Lusan-Brüte)",
        "`gebiete.geojson`: `gebiet_id`, `name`",
        (
            ("dewiki: Liste der Stadtteile von Gera", "https://dewiki.de/Lexikon/Liste_der_Stadtteile_von_Gera"),
            ("findcity.de", "https://www.findcity.de/?m=stadt-gera-bauen-wohnen-07545ia&p=00000002"),
        ),
    ),
    (
        "Einwohner der Bezirke am 31.12.1997 und 31.12.2011",
        "nur als Ausgangspunkt für die synthetischen Einwohnerzahlen 2015–2024",
        (
            (
                "TLUG „Umwelt regional“, Bevölkerung in den Ortsteilen",
                "http://www.tlug-jena.de/uw_raum/umweltregional/g/g03.html",
            ),
        ),
    ),
    (
        "Einwohner der Stadt (Melderegister, Hauptwohnsitz): 96.954 (2015), 95.808 (2016), 94.564 (2019), 95.142 "
        "(2022)",
        "Eckwerte der Gesamtstadt; die Bezirkswerte summieren sich jedes Jahr zu einer Summe nahe diesen Zahlen",
        (
            ("findcity.de", "https://www.findcity.de/?m=stadt-gera-bauen-wohnen-07545ia&p=00000002"),
            ("gera.de 2016", "https://www.gera.de/sixcms/detail.php?id=214374&_lang=de"),
            ("OTZ 2020", "https://www.otz.de/regionen/gera/geras-ob-sucht-den-draht-zur-jugend-id228614927.html"),
            ("gera.de Bevölkerungsstatistik", "https://www.gera.de/sixcms/detail.php?id=102865"),
        ),
    ),
    (
        "Durchschnittsalter rund 48 Jahre (48,17 im Jahr 2016); Geburten 782 (2016) und 805 (2018, 2019)",
        "Eckwerte für Durchschnittsalter und Geburtenrate",
        (
            ("gera.de 2016", "https://www.gera.de/sixcms/detail.php?id=214374&_lang=de"),
            ("OTZ 2020", "https://www.otz.de/regionen/gera/geras-ob-sucht-den-draht-zur-jugend-id228614927.html"),
        ),
    ),
    (
        "Ausländeranteil 1,7 % (2012) und 6,9 % (2018); Zuzug Geflüchteter aus der Ukraine 2022",
        "Verlauf des Ausländeranteils",
        (
            ("OTZ 2020", "https://www.otz.de/regionen/gera/gera-ist-alt-und-jung-zugleich-id228555815.html"),
            (
                "studiogera 2023",
                "https://studiogera.de/001/2023/01/24/rueckblick-und-vorschau-des-dezernates-fuer-jugend-und-soziales",
            ),
        ),
    ),
    (
        "Wanderungssaldo −125 (2018) und −200 (2019)",
        "Vorzeichen und Größenordnung des Wanderungssaldos",
        (("OTZ 2020", "https://www.otz.de/regionen/gera/geras-ob-sucht-den-draht-zur-jugend-id228614927.html"),),
    ),
    (
        "Arbeitslosenquote rund 8–9 % (2019–2021)",
        "Größenordnung der Arbeitslosigkeit",
        (
            ("OTZ 2021", "https://www.otz.de/regionen/gera/in-gera-sind-3993-menschen-arbeitslos-id231938759.html"),
            ("TLZ 2020", "https://www.tlz.de/regionen/gera/etliche-branchen-stellen-wieder-ein-id230557584.html"),
        ),
    ),
    (
        "SGB-II-Quote der Kinder unter 15 rund 25 % (2017), in einzelnen Quartieren 40–50 %",
        "Größenordnung und räumliches Muster (Bieblach-Ost, Lusan, Stadtmitte hoch)",
        (
            (
                "thueringen24",
                "https://www.thueringen24.de/thueringen/article229163702/Thueringen-HIER-leben-besonders-viele-Kinder-in-Armut-die-Zahlen-sind-erschreckend-Gera-Eisenach-Erfurt.html",
            ),
            (
                "Welt 2019",
                "https://www.welt.de/regionales/thueringen/article199914762/Studie-Kinderarmut-und-Ueberalterung-als-Herausforderungen.html",
            ),
        ),
    ),
    (
        "Handlungsfelder 1–3 des Integrierten Kommunalen Sozialplans 2024–2028",
        "`handlungsfelder.csv`",
        (("gera.de: Sozialplan 2024–2028", SOZIALPLAN_URL),),
    ),
    (
        "Ziel 5.5 und die Maßnahmen 5.5.1 und 5.5.2 im Wortlaut",
        "`ziele.csv`, `massnahmen.csv` (Status und Termine sind synthetisch)",
        (("gera.de: Ziele und Maßnahmen im Sozialplan", ZIELE_URL),),
    ),
    (
        "Themen des Sozialplans (digitale Bildung an Schulen, Übergang Schule–Beruf im JUGENDHAUS Gera, Beteiligung "
        "von Kindern und Jugendlichen, Unterstützung älterer und pflegebedürftiger Menschen)",
        "Anregung für einzelne synthetische Ziele und Maßnahmen",
        (("gera.de: Ziele und Maßnahmen im Sozialplan", ZIELE_URL),),
    ),
    (
        "Service.GEneRAtionen (Heinrichstraße), Seniorenvertretung",
        "Anregung für Maßnahmen in Handlungsfeld 6",
        (
            (
                "studiogera 2022",
                "http://www.studiogera.de/001/2022/10/28/sozialplan-der-stadt-gera-wird-fortgeschrieben/",
            ),
        ),
    ),
    (
        "Ämter des Dezernats Jugend und Soziales, Stabsstelle Statistik und GIS",
        "Spalte `verantwortlich`",
        (
            (
                "studiogera 2023",
                "https://studiogera.de/001/2023/01/24/rueckblick-und-vorschau-des-dezernates-fuer-jugend-und-soziales",
            ),
            (
                "Bevölkerungsprognose 2013",
                "https://fdokument.com/document/bevoelkerungs-und-haushalteprognose-2013-stadt-gera-lkerungs-und-stadt.html",
            ),
        ),
    ),
    (
        "Stadtteilbüro Bieblach-Ost, IEK Lusan und Stadtteilbüro Lusan (Kindervereinigung Gera e.V.), Fachaustausch "
        "Wohnquartier Innenstadt",
        "Anregung für Maßnahmen in den Handlungsfeldern 4 und 5",
        (
            ("weeberpartner", "https://www.weeberpartner.de/de/ihk_gerabieblach"),
            (
                "gera.de IEK Lusan",
                "https://gera.de/bauen-stadtentwicklung/stadterneuerung/staedtebaufoerderung/stadtumbaugebiete-und-soziale-stadt-gebiete/integriertes-entwicklungskonzept-gera-lusan",
            ),
            (
                "gera.de 2023",
                "https://gera.de/meldung/wohnquartier-innenstadt-erster-fachaustausch-sucht-neue-perspektiven",
            ),
        ),
    ),
)

SOURCES_TEMPLATE = """# Quellen der Beispieldaten für Gera

Diese Dateien sind **Beispieldaten**. Sie zeigen, wie das Sozialraum-Dashboard mit echten Daten einer Stadt
arbeitet. Nur wenige Angaben sind echt; alle kleinräumigen Werte, alle Ziele außer Ziel 5.5 und alle
Maßnahmen außer 5.5.1 und 5.5.2 sind **synthetisch** (erfunden, aber plausibel und in sich stimmig). Für
Entscheidungen in Gera dürfen sie nicht verwendet werden.

Erzeugt von `scripts/generate_gera.py` (fester Zufallsstartwert {seed}). Stand der Erzeugung: Werte
{first_year}–{last_year}, Maßnahmenstand Herbst 2026.

## Was echt ist

{facts_table}

**Nicht belegt:** Die Namen der Handlungsfelder 4 „Beratung, Unterstützung und Information“, 5 „Wohnumfeld
und Lebensqualität“ und 6 „Dialog der Generationen“ wurden in keiner Quelle der Stadt für den Plan
2024–2028 gefunden. Sie sind aus den sechs Handlungsfeldern des Landesprogramms „Solidarisches Zusammenleben
der Generationen“ (LSZ) und aus Geras Plan 2018–2023 abgeleitet, deren Handlungsfelder 1–3 mit denen des
Plans 2024–2028 übereinstimmen ([LK Eichsfeld: LSZ](https://kreis-eic.de/landkreis-eichsfeld/aktuelle-projekte/landesprogramm-solidarisches-zusammenleben-der-generationen-lsz),
[studiogera 2018](https://studiogera.de/001/2018/08/24/sozialplan-fuer-die-stadt-gera-vorgelegt)). Ziel 5.5
passt zu „Wohnumfeld und Lebensqualität“.

## Was synthetisch ist

- **Gebietsflächen** (`gebiete.geojson`): Amtliche Grenzen der Statistischen Bezirke lagen nicht vor. Die
  Flächen sind **schematisch**: Voronoi-Zellen um ungefähre Lagepunkte der Bezirke (aus Wikipedia-Koordinaten
  der Stadtteile abgeleitet), zugeschnitten auf einen geglätteten Stadtumriss von etwa 13 km × 10 km. Die
  Nachbarschaften stimmen ungefähr, Grenzverläufe und Flächengrößen nicht (das echte Stadtgebiet ist rund
  152 km² groß). `einstellungen.toml` setzt deshalb `geometrie_schematisch = true`.
- **Einwohner je Bezirk 2015–2024**: fortgeschrieben von den echten Werten 2011 zu plausiblen Werten 2024,
  mit dem Zuzug Geflüchteter 2015/16 und 2022 vor allem in Stadtmitte, Bieblach-Ost und Lusan. Die Summe
  der Bezirke ergibt jedes Jahr den Gesamtstadtwert ({population_latest} Einwohner am 31.12.{last_year}).
- **Alle {indicator_count} Indikatoren je Bezirk und Jahr** (`werte.csv`): Zähler und Nenner sind ganze
  Zahlen, der Wert ist Zähler / Nenner × Faktor. Das räumliche Muster folgt dem bekannten Bild (höchste
  Belastung in Bieblach-Ost, Lusan-Zentrum, Lusan-Brüte und Stadtmitte; niedrig in Gera-Nord und den
  äußeren Bezirken), die Zeitreihen folgen den genannten gesamtstädtischen Eckwerten. Quellenangaben in
  `indikatoren.csv` tragen den Zusatz „(Beispieldaten)“.
- Bewusst enthalten, um Funktionen des Dashboards zu zeigen: kleine Fallzahlen (Jugendarbeitslosigkeit in
  Untermhaus, Fallzahl 1–2, werden nicht veröffentlicht), eine Erhebungslücke (Übertrittsquote Gymnasium 2020:
  „Pandemie: keine Erhebung“) und vorläufige Werte {last_year} (Hilfen zur Erziehung, Wanderungssaldo).
- **Ziele und Maßnahmen** ({goal_count} Ziele, {measure_count} Maßnahmen): bis auf Ziel 5.5 und die Maßnahmen
  5.5.1 und 5.5.2 frei formuliert; Status, Fortschritt, Termine, Gebiete und der Statusverlauf sind
  synthetisch.

## Eigene Daten einsetzen

Wie die Dateien aufgebaut sein müssen, steht in `README.md` in diesem Ordner. Amtliche Gebietsgrenzen
ersetzen die schematischen Flächen so: `gebiete.geojson` durch einen Export aus dem städtischen GIS mit den
Spalten `gebiet_id` (zweistellige Bezirksnummer) und `name` ersetzen, in `einstellungen.toml`
`geometrie_schematisch = false` setzen und mit `.venv/bin/python -m sozialraum check data` prüfen.

## Neu erzeugen

```bash
.venv/bin/python scripts/generate_gera.py
```

Das Skript schreibt alle Dateien dieses Ordners außer `README.md` und `einstellungen.toml` neu; bei
unverändertem Skript sind sie byteweise identisch.
"""


def facts_table() -> str:
    """Markdown table of the real facts with their sources."""
    lines = ["| Angabe | Verwendung | Quelle |", "|---|---|---|"]
    for fact, use, links in REAL_FACTS:
        sources = ", ".join(f"[{label}]({url})" for label, url in links)
        lines.append(f"| {fact} | {use} | {sources} |")
    return "\n".join(lines)


def write_sources(path: Path, population_latest: int, goal_count: int, measure_count: int) -> None:
    """QUELLEN.md: what is real (with sources), what is synthetic, how to replace and regenerate."""
    text = SOURCES_TEMPLATE.format(
        facts_table=facts_table(),
        seed=SEED,
        first_year=YEARS[0],
        last_year=LATEST,
        population_latest=f"{population_latest:,}".replace(",", "."),
        indicator_count=len(INDICATORS),
        goal_count=goal_count,
        measure_count=measure_count,
    )
    path.write_text(text, encoding="utf-8")


def main() -> None:
    """Generate every file of the Gera example data set."""
    rng = np.random.default_rng(SEED)
    population = population_by_year(rng)
    polygons = schematic_polygons(rng)
    write_indicators(DATA_DIR / "indikatoren.csv")
    values = build_values(rng, population)
    part_rng = np.random.default_rng(PART_SEED)
    shares, tilts = part_weights(part_rng)
    parts = part_features(part_rng, polygons, shares, population[LATEST])
    write_geojson(DATA_DIR / "gebiete.geojson", polygons, population[LATEST], parts)
    write_values(DATA_DIR / "werte.csv", [*values, *split_values(values, shares, tilts)])
    write_facilities(DATA_DIR / "einrichtungen.geojson", polygons, population[LATEST])
    goals, measures = build_measures(rng)
    assign_statuses(rng, measures)
    schedule_all(rng, measures)
    write_plan(DATA_DIR, goals, measures)
    write_sources(DATA_DIR / "QUELLEN.md", sum(population[LATEST].values()), len(goals), len(measures))


if __name__ == "__main__":
    main()
