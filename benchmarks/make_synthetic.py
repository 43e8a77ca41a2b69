"""Generate the benchmark's large data folder: about 11,000 areas covering Germany's bounding box.

    .venv/bin/python benchmarks/make_synthetic.py [--areas 11000] [--seed 20240901] [--out build/bench/synthetic11k]

The size of all German municipalities (10,800 in 2024), with realistic vertex counts: a Voronoi
tessellation of seeds (denser in a few "urban" clusters), whose shared borders are densified to
about 130 m and bent by a smooth, fold-free displacement field, so every polygon gets roughly
100–300 vertices and neighbours stay gap-free (a valid coverage, like a real GIS export).
Writes a valid data folder (data/README.md): einstellungen.toml, gebiete.gpkg, indikatoren.csv and
werte.csv with four indicators over three years. Deterministic for a given seed; a folder that
already holds the same parameters (stamp file) is left alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "bench" / "synthetic11k"
BBOX_WGS84 = (5.87, 47.27, 15.04, 55.06)  # Germany's bounding box (lon/lat)
METRIC = "EPSG:25832"
SPACING_M = 130.0  # vertex spacing along borders before bending
YEARS = (2022, 2023, 2024)
STAMP = "ERZEUGT.json"

SETTINGS = """[stadt]
name = "Synthetisches Deutschland"
titel = "Sozialraum-Dashboard (Last- und Messdaten, {n} synthetische Gebiete)"

[daten]
beispieldaten = true
hinweis = "Synthetische Messdaten: {n} erfundene Gebiete in Deutschlands Umriss (benchmarks/make_synthetic.py)."
geometrie_schematisch = true
gebiete = "gebiete.gpkg"

[anzeige]
standard_indikator = "sgb2_quote"
standard_jahr = {year}
gesamtstadt_name = "Alle Gebiete"

[lizenz]
name = "Creative Commons Zero 1.0"
kurz = "CC0 1.0"
url = "https://creativecommons.org/publicdomain/zero/1.0/"
namensnennung = "Sozialraum-Dashboard (synthetische Daten)"

[geheimhaltung]
min_fallzahl = 3
min_einwohner = 300
"""

CATALOGUE = (
    "indikator_id;name;kurzname;einheit;thema;polaritaet;definition;quelle;datenstand;dezimalstellen;"
    "handlungsfeld_id;min_fallzahl;aggregation;faktor\n"
    "einwohner;Einwohnerinnen und Einwohner;Einwohner;Personen;Bevölkerung;neutral;"
    "Einwohner mit Hauptwohnsitz am 31.12.;synthetisch;31.12.{year};0;;;summe;\n"
    "sgb2_quote;SGB-II-Quote;SGB II;%;Soziale Lage;hoeher_schlechter;"
    "Leistungsberechtigte nach SGB II je 100 Einwohner unter 65 Jahren;synthetisch;31.12.{year};1;;;quote;100\n"
    "alo_quote;Arbeitslosenquote;Arbeitslose;%;Arbeit;hoeher_schlechter;"
    "Arbeitslose je 100 Einwohner von 15 bis unter 65 Jahren;synthetisch;31.12.{year};1;;;quote;100\n"
    "anteil_65plus;Anteil 65 Jahre und älter;65+;%;Bevölkerung;neutral;"
    "Einwohner ab 65 Jahren je 100 Einwohner;synthetisch;31.12.{year};1;;;quote;100\n"
)

_SYLLABLES = [
    "berg",
    "dorf",
    "feld",
    "hausen",
    "heim",
    "ingen",
    "kirchen",
    "stedt",
    "tal",
    "wald",
    "au",
    "bach",
    "brück",
    "burg",
    "furt",
    "hagen",
    "hof",
    "horst",
    "leben",
    "rode",
    "see",
    "stein",
    "weiler",
    "wiese",
]
_STEMS = [
    "Alt",
    "Bad",
    "Birk",
    "Buch",
    "Eich",
    "Els",
    "Fried",
    "Gold",
    "Groß",
    "Hohen",
    "Kirch",
    "Klein",
    "Lind",
    "Mark",
    "Neu",
    "Nieder",
    "Ober",
    "Ost",
    "Rosen",
    "Sand",
    "Schön",
    "Stein",
    "Süd",
    "Unter",
    "Wein",
    "West",
    "Wolf",
]


def _seeds(rng: np.random.Generator, n: int, region: shapely.Polygon) -> np.ndarray:
    """n points in `region`: 60 % uniform, 40 % around 40 'urban' centres (smaller areas there)."""
    minx, miny, maxx, maxy = region.bounds
    centres = rng.uniform((minx, miny), (maxx, maxy), size=(40, 2))
    points: list[np.ndarray] = []
    while sum(len(p) for p in points) < n:
        uniform = rng.uniform((minx, miny), (maxx, maxy), size=(n, 2))
        clustered = centres[rng.integers(0, len(centres), n)] + rng.normal(0, 35_000, size=(n, 2))
        batch = np.where(rng.random(n)[:, None] < 0.6, uniform, clustered)
        inside = shapely.contains_xy(region, batch[:, 0], batch[:, 1])
        points.append(batch[inside])
    return np.concatenate(points)[:n]


class Bend:
    """A smooth displacement field: a sum of plane waves whose slopes add up to less than 0.9,
    so the map is one-to-one (no border crosses another) and neighbours stay gap-free."""

    def __init__(self, rng: np.random.Generator) -> None:
        waves = []
        for wavelength in (24_000, 9_000, 3_000, 1_000, 400):
            for _ in range(2):
                angle = rng.uniform(0, 2 * np.pi)
                k = 2 * np.pi / wavelength
                amplitude = 0.085 / k  # slope of each wave 0.085; 10 waves: at most 0.85
                direction = rng.uniform(0, 2 * np.pi)
                waves.append((k * np.cos(angle), k * np.sin(angle), rng.uniform(0, 2 * np.pi), amplitude, direction))
        self.waves = waves

    def __call__(self, xy: np.ndarray) -> np.ndarray:
        out = xy.astype(float).copy()
        for kx, ky, phase, amplitude, direction in self.waves:
            shift = amplitude * np.sin(xy[:, 0] * kx + xy[:, 1] * ky + phase)
            out[:, 0] += shift * np.cos(direction)
            out[:, 1] += shift * np.sin(direction)
        return out


def tessellate(n: int, seed: int) -> gpd.GeoDataFrame:
    """n gap-free polygons with bent, densified borders, in EPSG:25832 (index = seed order)."""
    rng = np.random.default_rng(seed)
    box = gpd.GeoSeries([shapely.box(*BBOX_WGS84)], crs="EPSG:4326").segmentize(0.05).to_crs(METRIC).iloc[0]
    seeds = _seeds(rng, n, box)
    cells = shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=box, ordered=True)
    cells = shapely.intersection(shapely.get_parts(cells), box)
    # unique shared edges: the union of all boundaries, noded and merged between junctions
    edges = shapely.get_parts(shapely.line_merge(shapely.union_all(shapely.boundary(cells))))
    edges = shapely.segmentize(edges, SPACING_M)
    bend = Bend(rng)
    # junction coordinates are identical in every edge that meets there, so they move identically
    edges = shapely.transform(edges, bend)
    polygons = shapely.get_parts(shapely.polygonize(edges))
    moved_seeds = shapely.points(bend(seeds))
    tree = shapely.STRtree(polygons)
    seed_idx, poly_idx = tree.query(moved_seeds, predicate="within")
    if len(set(seed_idx)) != n or len(set(poly_idx)) != n:
        raise RuntimeError(
            f"{n} seeds, {len(polygons)} polygons, {len(set(poly_idx))} matched: not a clean tessellation"
        )
    order = np.empty(n, dtype=int)
    order[seed_idx] = poly_idx
    return gpd.GeoDataFrame(geometry=polygons[order], crs=METRIC)


def _names(rng: np.random.Generator, n: int) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for _ in range(n):
        base = f"{rng.choice(_STEMS)}{rng.choice(_SYLLABLES)}"
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base} {seen[base]}")
    return names


def _smooth_field(rng: np.random.Generator, xy: np.ndarray, scale: float) -> np.ndarray:
    """A spatially smooth value in about [-1, 1] (a few long waves), for plausible maps."""
    out = np.zeros(len(xy))
    for _ in range(4):
        angle, phase = rng.uniform(0, 2 * np.pi, 2)
        k = 2 * np.pi / rng.uniform(scale / 2, scale * 2)
        out += np.sin(k * (xy[:, 0] * np.cos(angle) + xy[:, 1] * np.sin(angle)) + phase)
    return out / 2


def values_table(rng: np.random.Generator, ids: list[str], xy: np.ndarray) -> pd.DataFrame:
    n = len(ids)
    population0 = np.round(np.exp(rng.normal(7.9, 1.1, n))).astype(int) + 50
    poverty = np.clip(8 + 5 * _smooth_field(rng, xy, 300_000) + rng.normal(0, 2.5, n), 0.5, 40)
    jobless = np.clip(0.6 * poverty + rng.normal(0, 1.2, n), 0.3, 30)
    old = np.clip(24 + 4 * _smooth_field(rng, xy, 400_000) + rng.normal(0, 3, n), 8, 45)
    rows = []
    for step, year in enumerate(YEARS):
        population = np.maximum(20, np.round(population0 * (1 + rng.normal(0.002 * step, 0.01, n)))).astype(int)
        under65 = np.round(population * (1 - old / 100)).astype(int)
        working = np.round(under65 * 0.78).astype(int)
        for indikator, numerator, denominator in (
            ("sgb2_quote", np.round(under65 * poverty / 100 * (1 - 0.02 * step)), under65),
            ("alo_quote", np.round(working * jobless / 100 * (1 - 0.03 * step)), working),
            ("anteil_65plus", np.round(population * (old + 0.3 * step) / 100), population),
        ):
            numerator = numerator.astype(int)
            wert = np.round(100 * numerator / np.maximum(denominator, 1), 1)
            rows.append(
                pd.DataFrame(
                    {
                        "gebiet_id": ids,
                        "indikator_id": indikator,
                        "jahr": year,
                        "wert": wert,
                        "fallzahl": numerator,
                        "zaehler": numerator,
                        "nenner": denominator,
                    }
                )
            )
        rows.append(
            pd.DataFrame(
                {"gebiet_id": ids, "indikator_id": "einwohner", "jahr": year, "wert": population, "fallzahl": None}
            )
        )
    table = pd.concat(rows, ignore_index=True)
    table["anmerkung"] = ""
    for column in ("fallzahl", "zaehler", "nenner"):
        table[column] = table[column].astype("Int64")
    return table[["gebiet_id", "indikator_id", "jahr", "wert", "fallzahl", "zaehler", "nenner", "anmerkung"]]


def generate(out: Path, n: int = 11_000, seed: int = 20240901) -> Path:
    params = {"areas": n, "seed": seed, "spacing_m": SPACING_M, "version": 2}
    stamp = out / STAMP
    if stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")).get("params") == params:
        return out
    started = time.perf_counter()
    metric = tessellate(n, seed)
    rng = np.random.default_rng(seed + 1)
    ids = [f"{i + 1:05d}" for i in range(n)]
    centroids = shapely.get_coordinates(metric.geometry.centroid)
    table = values_table(rng, ids, centroids)
    population = table[(table["indikator_id"] == "einwohner") & (table["jahr"] == YEARS[-1])]["wert"].to_numpy()
    areas = gpd.GeoDataFrame(
        {"gebiet_id": ids, "name": _names(rng, n), "einwohner": population.astype(int)},
        geometry=metric.geometry.to_crs("EPSG:4326").values,
        crs="EPSG:4326",
    )
    out.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    (out / "einstellungen.toml").write_text(SETTINGS.format(n=f"{n:,}".replace(",", "."), year=YEARS[-1]), "utf-8")
    (out / "indikatoren.csv").write_text(CATALOGUE.format(year=YEARS[-1]), encoding="utf-8")
    table.to_csv(out / "werte.csv", sep=";", index=False, encoding="utf-8")
    (out / "gebiete.gpkg").unlink(missing_ok=True)
    areas.to_file(out / "gebiete.gpkg", driver="GPKG", engine="pyogrio")
    vertices = shapely.get_num_coordinates(areas.geometry.values)
    info = {"params": params, "valid_coverage": bool(shapely.coverage_is_valid(metric.geometry.values))}
    info["vertices"] = {
        "total": int(vertices.sum()),
        "min": int(vertices.min()),
        "median": int(np.median(vertices)),
        "p90": int(np.percentile(vertices, 90)),
        "max": int(vertices.max()),
    }
    info["seconds"] = round(time.perf_counter() - started, 1)
    stamp.write_text(json.dumps(info), encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=11_000)
    parser.add_argument("--seed", type=int, default=20240901)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    folder = generate(args.out, args.areas, args.seed)
    print(f"{folder}: {(folder / STAMP).read_text(encoding='utf-8')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
