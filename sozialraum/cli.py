"""Command line.

`python -m sozialraum check <folder>` prints the validation report of a data folder.
`python -m sozialraum import <zuordnung.toml> [--quelle DIR] [--ziel DIR]` turns raw statistics-office
files into a data folder (see docs/import.md) and prints what it did, ending with the check report.
"""

from __future__ import annotations

import argparse
import sys

from .loader import load_bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sozialraum", description="Sozialraum-Dashboard: Werkzeuge")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="Datenordner prüfen und Prüfbericht ausgeben")
    check.add_argument("folder", nargs="?", default=None, help="Datenordner (Standard: data/)")
    imp = commands.add_parser(
        "import",
        help="Rohdaten der Statistikstelle nach einer Zuordnungsdatei (TOML) in einen Datenordner umwandeln",
        description="Wandelt Rohdaten (CSV, Excel, JSON, Geodaten) nach einer Zuordnungsdatei in einen Datenordner "
        "um. Anleitung: docs/import.md.",
    )
    imp.add_argument("mapping", help="Zuordnungsdatei (TOML), z. B. mappings/jena.toml")
    imp.add_argument("--quelle", default=None, help="Ordner mit den Rohdaten (Standard: [import] quelle der Datei)")
    imp.add_argument("--ziel", default=None, help="Zielordner (Standard: [import] ziel der Datei)")
    args = parser.parse_args(argv)
    if args.command == "check":
        bundle = load_bundle(args.folder)
        print(f"Prüfbericht für {bundle.folder}")
        print(bundle.report.as_text())
        return 0 if bundle.report.ok else 1
    if args.command == "import":
        return run_import_command(args.mapping, args.quelle, args.ziel)
    return 2


def run_import_command(mapping: str, quelle: str | None, ziel: str | None) -> int:
    """Run one import and print its report; 0 on success, 1 when nothing was written."""
    from .importer import ImportFailed, MappingError, run_import

    try:
        result = run_import(mapping, quelle=quelle, ziel=ziel)
    except ImportFailed as failed:
        if failed.result is not None:
            print(failed.result.as_text())
            print()
        print("Import abgebrochen, der Zielordner bleibt unverändert. Probleme:")
        print(failed.report.as_text())
        return 1
    except MappingError as failed:
        print("Import abgebrochen, der Zielordner bleibt unverändert. Probleme in der Zuordnungsdatei:")
        print(failed.report.as_text())
        return 1
    print(result.as_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
