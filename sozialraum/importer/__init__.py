"""Import of statistics-office exports: `python -m sozialraum import <zuordnung.toml>`.

A mapping file (TOML, documented in ``docs/import.md``) says where the raw files are, how they are
laid out and written, and which catalogue indicator each column becomes. `run_import` turns them
into a data folder of the contract (``data/README.md``) and reports what it did.
"""

from .mapping import read_mapping
from .raw import normalize_name, parse_cell, parse_year
from .result import ImportFailed, ImportReport, JoinResult
from .run import run_import
from .spec import Mapping, MappingError

__all__ = [
    "ImportFailed",
    "ImportReport",
    "JoinResult",
    "Mapping",
    "MappingError",
    "normalize_name",
    "parse_cell",
    "parse_year",
    "read_mapping",
    "run_import",
]
