"""Command line: `python -m sozialraum check <folder>` prints the validation report."""

from __future__ import annotations

import argparse
import sys

from .loader import load_bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sozialraum", description="Sozialraum-Dashboard: Werkzeuge")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="Datenordner prüfen und Prüfbericht ausgeben")
    check.add_argument("folder", nargs="?", default=None, help="Datenordner (Standard: data/)")
    args = parser.parse_args(argv)
    if args.command == "check":
        bundle = load_bundle(args.folder)
        print(f"Prüfbericht für {bundle.folder}")
        print(bundle.report.as_text())
        return 0 if bundle.report.ok else 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
