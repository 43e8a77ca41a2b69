"""Build the real-data example folders ``build/examples/jena``, ``berlin2021`` and ``berlin``.

``berlin`` holds both geometry versions (448 planning areas until 2020, 542 from 2021) and the 12
Bezirke; it is made by the import command from ``mappings/berlin.toml``.

    .venv/bin/python scripts/build_examples.py [REALDATA_DIR] [--ziel build/examples]

REALDATA_DIR defaults to ``../shared/realdata`` beside the checkout. The output lies in the
git-ignored ``build/`` folder: real data and anything derived from them are never committed.
Prints each conversion report and the dashboard's check summary of the result. Exits 0 with a
message when the real data are absent (fresh clone), 1 when a converted folder has errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a plain script from any directory
    sys.path.insert(0, str(REPO_ROOT))

from sozialraum import load_bundle  # noqa: E402
from sozialraum.importer import ImportReport, MappingError, run_import  # noqa: E402
from sozialraum.realdata import ConversionReport, convert_berlin_2021, convert_jena  # noqa: E402

DEFAULT_REALDATA = REPO_ROOT.parent / "shared" / "realdata"
DEFAULT_TARGET = REPO_ROOT / "build" / "examples"

BERLIN_MAPPING = REPO_ROOT / "mappings" / "berlin.toml"

Converter = Callable[[Path, Path], ConversionReport | ImportReport]


def import_berlin(source: Path, target: Path) -> ImportReport:
    """Both Berlin geometry versions and the Bezirke, through the import command's mapping."""
    return run_import(BERLIN_MAPPING, quelle=source, ziel=target)


EXAMPLES: tuple[tuple[str, str, Converter], ...] = (
    ("jena", "jena", convert_jena),
    ("berlin2021", "berlin", convert_berlin_2021),
    ("berlin", "berlin", import_berlin),
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Beispielordner aus echten Daten bauen (nach build/examples).")
    parser.add_argument(
        "realdata",
        nargs="?",
        type=Path,
        default=DEFAULT_REALDATA,
        help=f"Ordner mit den echten Daten ({DEFAULT_REALDATA})",
    )
    parser.add_argument("--ziel", type=Path, default=DEFAULT_TARGET, help=f"Ausgabeordner ({DEFAULT_TARGET})")
    return parser.parse_args(argv)


def build_one(name: str, source: Path, target: Path, convert: Converter) -> bool:
    """Convert one example, print both reports; True when the result loads without errors."""
    print(f"=== {name} ===")
    try:
        report = convert(source, target)
    except MappingError as exc:  # the import names every problem; the target folder is left as it was
        print(exc.report.as_text())
        return False
    print(report.as_text())
    bundle = load_bundle(target)
    print(f"--- Prüfbericht des Dashboards für {target}")
    print(bundle.report.as_text())
    print()
    return bundle.report.ok


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    realdata: Path = args.realdata
    if not realdata.is_dir():
        print(
            f"Keine echten Daten gefunden ({realdata}): nichts zu bauen. Die Beispielordner entstehen nur, "
            "wenn ../shared/realdata neben dem Klon liegt (oder als Argument angegeben wird)."
        )
        return 0
    ok = True
    for name, folder, convert in EXAMPLES:
        ok = build_one(name, realdata / folder, args.ziel / name, convert) and ok
    print("Fertig." if ok else "Fertig, aber mindestens ein Ordner hat Fehler (siehe oben).")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
