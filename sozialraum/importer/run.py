"""The import: mapping file + raw files → a data folder of the contract, with a German report.

Steps: check the mapping; read the polygons (any format and CRS geopandas reads, invalid ones
repaired); read each source, sort its rows into areas, the city total and rows that are not areas;
join areas by code or by name; turn cells into values; derive rates from numerators and
denominators; write everything into a temporary folder, validate it with the dashboard's own
loader, and only then replace the target folder. Nothing half-written is ever left behind.
"""

from __future__ import annotations

from pathlib import Path

from ..datafolder import atomic_folder, write_catalogue, write_settings, write_values
from ..loader import load_bundle
from ..report import Report
from ..schemas import CITY_ID
from .areas import AreaLookup, read_areas
from .assembly import add_population, assemble, check_validity, settings_sections
from .catalogue import build_catalogue, indicator_row
from .join import process_source
from .mapping import read_mapping
from .raw import read_table
from .result import REPORT_FILE, ImportFailed, ImportReport, SourceResult
from .spec import Source


def _expand(source: Source) -> list[tuple[str, int | None]]:
    if not source.jahre:
        return [(source.datei, None)]
    return [(source.datei.replace("{jahr}", str(year)), year) for year in source.jahre]


def run_import(
    mapping_path: str | Path, quelle: str | Path | None = None, ziel: str | Path | None = None
) -> ImportReport:
    """Run the import described by `mapping_path`; raises ImportFailed (a MappingError) with every problem.

    `quelle` and `ziel` override the folders named in the mapping file.
    """
    mapping = read_mapping(
        Path(mapping_path), Path(quelle) if quelle is not None else None, Path(ziel) if ziel is not None else None
    )
    problems = Report()
    if mapping.ziel is None:
        problems.error(mapping.file, "Kein Zielordner: geben Sie --ziel an oder [import] ziel in der Zuordnung.")
        raise ImportFailed(problems)
    if not mapping.quelle.is_dir():
        problems.error(
            mapping.file,
            f"Quellordner {mapping.quelle} nicht gefunden. Geben Sie ihn mit --quelle an oder korrigieren Sie "
            "[import] quelle (relativ zur Zuordnungsdatei).",
        )
        raise ImportFailed(problems)
    result = ImportReport(mapping.path, mapping.quelle, mapping.ziel)
    catalogue = build_catalogue(mapping, problems)
    areas = read_areas(mapping, result, problems)
    if areas is None or problems.errors:
        raise ImportFailed(problems, result)
    records: list[tuple] = []
    for source in mapping.quellen:
        for name, year in _expand(source):
            table = read_table(mapping.quelle / name, name, source, problems)
            if table is None:
                continue
            source_result = SourceResult(name, table.detected, len(table))
            result.sources.append(source_result)
            lookup = AreaLookup.for_year(areas, year or source.stichtag)  # the geometry valid in that year
            records += process_source(source, table, year, lookup, catalogue, source_result, problems)
    check_validity(records, areas, problems)
    if problems.errors:
        raise ImportFailed(problems, result)
    values = assemble(records, catalogue, result, problems)
    if problems.errors:
        raise ImportFailed(problems, result)
    add_population(areas, values, mapping, result)
    result.years = sorted(int(y) for y in values["jahr"].unique())
    for indikator, group in values.groupby("indikator_id", sort=False):
        years = sorted(int(y) for y in group["jahr"].unique())
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        city = int((group["gebiet_id"] == CITY_ID).sum())
        extra = f", davon {city} Gesamtstadt" if city else ""
        result.indicators[str(indikator)] = f"{len(group)} Werte{extra}, Jahre {span}"
    indicators = [indicator_row(catalogue[i]) for i in catalogue if i in set(values["indikator_id"])]
    for entry in catalogue:
        if entry not in set(values["indikator_id"]):
            result.notes.append(f"Indikator {entry}: keine Werte, nicht in den Katalog übernommen.")
    with atomic_folder(mapping.ziel) as work:
        output = work / mapping.gebiete.ausgabe
        if output.suffix == ".gpkg":
            areas.to_file(output, driver="GPKG", layer="gebiete")
        else:
            areas.to_file(output, driver="GeoJSON")
        write_catalogue(indicators, work / "indikatoren.csv")
        result.values_written = write_values(values, work / "werte.csv")
        write_settings(settings_sections(mapping, catalogue, result.years), work / "einstellungen.toml")
        bundle = load_bundle(work)
        result.check = bundle.report
        if not bundle.report.ok:
            raise ImportFailed(bundle.report, result)
        (work / REPORT_FILE).write_text(result.as_text() + "\n", encoding="utf-8")
    return result
