"""Generate the bundled Gera example data (data/*.csv, data/gebiete.geojson, data/QUELLEN.md).

Real: the names and numbers of the 12 Statistische Bezirke, their populations 1997 and 2011 (used as
anchors), a few city-wide figures and the Handlungsfelder / Ziel 5.5 of the Sozialplan 2024–2028.
Everything else is synthetic but consistent: seeded (numpy default_rng), deterministic, so running

    .venv/bin/python scripts/generate_gera.py

rewrites all files byte-identically (tests/unit/test_generate_gera.py). The file format is the contract in
data/README.md. The example's texts and profiles are data beside this script, in scripts/gera/: the Bezirke
(bezirke.csv), the indicator catalogue (indikatoren.toml), Handlungsfelder, goals and measures (plan.toml), how
their progress is invented (umsetzung.toml), facilities and Gemeindeteile (orte.toml), the real facts with
their sources and the QUELLEN.md template. This file holds the models; the plan is in gera_plan.py.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from gera_common import AREAS, DATA_DIR, LATEST, SEED, YEARS, Area, _rows, _toml, number, write_csv
from gera_plan import assign_statuses, build_measures, schedule_all, write_plan, write_sources
from gera_translations import translated_cells, translated_header
from shapely.geometry import MultiPoint, Polygon, mapping

from sozialraum.datafolder import CATALOGUE_COLUMNS, Indicator, format_number

# --------------------------------------------------------------------------------------------------
# Areas
# --------------------------------------------------------------------------------------------------


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


INDICATORS: tuple[Indicator, ...] = tuple(_rows(Indicator, _toml("indikatoren.toml")["indikator"]))

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
PART_NAMES: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _toml("orte.toml")["gemeindeteile_namen"].items()}
PART_COUNTS: dict[str, int] = _toml("orte.toml")["gemeindeteile_anzahl"]
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
FACILITY_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (kind, tuple(names)) for kind, names in _toml("orte.toml")["einrichtungen"].items()
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


def write_indicators(path: Path) -> None:
    """indikatoren.csv: the contract's columns (the example declares no value ranges), then the translations."""
    columns = [c for c in CATALOGUE_COLUMNS if c not in ("wertebereich_min", "wertebereich_max")]
    rows = [
        [format_number(v) if isinstance(v, int | float) else v for v in (getattr(i, c) for c in columns)]
        + list(translated_cells(i.indikator_id))
        for i in INDICATORS
    ]
    write_csv(path, (*columns, *translated_header()), rows)


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
    write_sources(DATA_DIR / "QUELLEN.md", sum(population[LATEST].values()), len(INDICATORS), len(goals), len(measures))


if __name__ == "__main__":
    main()
