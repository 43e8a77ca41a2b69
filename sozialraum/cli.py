"""Command line.

`python -m sozialraum check <folder>` prints the validation report of a data folder, with a warning per
language and file for data texts without a translation (only languages the folder translates at all).
`python -m sozialraum import <zuordnung.toml> [--quelle DIR] [--ziel DIR]` turns raw statistics-office
files into a data folder (see docs/import.md) and prints what it did, ending with the check report.
`python -m sozialraum prognose [DATENORDNER] --bis 2040` writes the population projection (altersstruktur.csv,
prognose.toml) as CSV with a second CSV of its assumptions (see docs/prognose.md).
`python -m sozialraum user add <name> --rolle planer` adds a local account for the internal view
(password asked twice, or one line on stdin with --passwort-stdin); `user list`, `user remove <name>`.
`python -m sozialraum bericht [folder] --ausgabe DIR` writes the Sozialbericht (PDF and web edition).
`python -m sozialraum konferenz probe <kennung>` rehearses a conference: every slide at 1920×1080 in
headless Chromium, checked for fit and text size, plus a contact sheet (see docs/konferenz.md).
`python -m sozialraum cookie-secret` prints the persistent cookie secret (created once in the secrets file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .contract import CATALOGUE_SPEC, FIELDS_SPEC, GOALS_SPEC, MEASURES_SPEC
from .loader import Bundle, load_bundle
from .settings import SETTINGS_FILE, missing_public_settings
from .sozialindex import with_index
from .structure_record import write_record
from .translations import Missing, check_translations, language_codes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sozialraum", description="Sozialraum-Dashboard: Werkzeuge")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="Datenordner prüfen und Prüfbericht ausgeben")
    check.add_argument("folder", nargs="?", default=None, help="Datenordner (Standard: data/)")
    check.add_argument(
        "--struktur-festschreiben",
        action="store_true",
        help="bei 0 Fehlern die Ebenenstruktur nach ebenenstruktur.csv schreiben; spätere Lieferungen werden damit "
        "verglichen",
    )
    imp = commands.add_parser(
        "import",
        help="Rohdaten der Statistikstelle nach einer Zuordnungsdatei (TOML) in einen Datenordner umwandeln",
        description="Wandelt Rohdaten (CSV, Excel, JSON, Geodaten) nach einer Zuordnungsdatei in einen Datenordner "
        "um. Anleitung: docs/import.md.",
    )
    imp.add_argument("mapping", help="Zuordnungsdatei (TOML), z. B. mappings/jena.toml")
    imp.add_argument("--quelle", default=None, help="Ordner mit den Rohdaten (Standard: [import] quelle der Datei)")
    imp.add_argument("--ziel", default=None, help="Zielordner (Standard: [import] ziel der Datei)")
    _add_user_parser(commands)
    _add_report_parser(commands)
    _add_prognose_parser(commands)
    _add_konferenz_parser(commands)
    args = parser.parse_args(argv)
    if args.command == "bericht":
        return run_report_command(args)
    if args.command == "prognose":
        return run_prognose_command(args.folder, args.bis, args.ziel)
    if args.command == "user":
        return run_user_command(args)
    if args.command == "check":
        loaded = load_bundle(args.folder)
        gaps = translation_gaps(loaded)  # before the Sozialindex adds catalogue rows that are not in the file
        bundle = with_index(loaded)  # as the app sees it, [sozialindex] checked too
        for gap in missing_public_settings(bundle.settings):
            bundle.report.warning(SETTINGS_FILE, gap)
        for missing in gaps:
            bundle.report.warning(missing.file, missing.text())
        print(f"Prüfbericht für {bundle.folder}")
        print(bundle.report.as_text())
        if args.struktur_festschreiben:
            if not bundle.report.ok:
                print("Ebenenstruktur nicht festgeschrieben: erst die Fehler beheben.")
                return 1
            areas = pd.concat([a for a, _ in bundle.levels.values()] if bundle.levels else [bundle.areas])
            print(f"Ebenenstruktur festgeschrieben: {write_record(areas, bundle.folder)}")
        return 0 if bundle.report.ok else 1
    if args.command == "import":
        return run_import_command(args.mapping, args.quelle, args.ziel)
    if args.command == "konferenz":
        return run_probe_command(args.kennung, args.ausgabe, args.daten)
    if args.command == "cookie-secret":
        from .cookie_secret import ensure_cookie_secret

        try:
            print(ensure_cookie_secret(args.datei))
        except ValueError as problem:
            print(problem, file=sys.stderr)
            return 1
        return 0
    return 2


def translation_gaps(bundle: Bundle) -> list[Missing]:
    """Missing data translations, for the languages the folder translates at all (data/README.md)."""
    plan = bundle.plan
    tables = [
        (bundle.catalogue, CATALOGUE_SPEC),
        (plan.fields, FIELDS_SPEC),
        (plan.goals, GOALS_SPEC),
        (plan.measures, MEASURES_SPEC),
    ]
    return check_translations([(frame, spec.file, spec.translatable) for frame, spec in tables], language_codes())


def _add_report_parser(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "bericht",
        help="Sozialbericht als PDF und statische Webfassung erzeugen",
        description="Schreibt ORDNER/sozialbericht.pdf und ORDNER/web/ (Anleitung: docs/sozialbericht.md).",
    )
    report.add_argument("folder", nargs="?", default=None, help="Datenordner (Standard: data/)")
    report.add_argument("--ausgabe", required=True, help="Zielordner; wird erst ersetzt, wenn alles fertig ist")
    report.add_argument("--jahr", type=int, default=None, help="Berichtsjahr (Standard: das neueste Jahr)")
    report.add_argument("--vergleichsjahr", type=int, default=None, help="Vergleichsjahr (Standard: Berichtsjahr − 2)")


def run_report_command(args: argparse.Namespace) -> int:
    """Build the report with progress lines; a German message and 1 when input is broken."""
    from .bericht import BerichtError, build_report

    def progress(share: float, message: str) -> None:
        print(f"[{share * 100:3.0f}\u00a0%] {message}", flush=True)

    try:
        result = build_report(args.folder, args.ausgabe, args.jahr, args.vergleichsjahr, progress=progress)
    except BerichtError as problem:
        print(f"Bericht nicht erzeugt, der Zielordner bleibt unverändert: {problem}")
        return 1
    for line in result.log:
        print(f"Hinweis: {line}")
    print(f"{result.pdf} ({result.pages} Seiten) und {result.web}/index.html in {result.seconds:.0f} s geschrieben.")
    return 0


def _add_prognose_parser(commands: argparse._SubParsersAction) -> None:
    prognose = commands.add_parser(
        "prognose",
        help="Bevölkerungsprognose je Gebiet und Altersgruppe als CSV schreiben",
        description="Kleinräumige Bevölkerungsprognose (Hamilton–Perry) aus altersstruktur.csv und prognose.toml "
        "des Datenordners; schreibt bevoelkerungsprognose.csv und bevoelkerungsprognose_annahmen.csv.",
    )
    prognose.add_argument("folder", nargs="?", default=None, help="Datenordner (Standard: data/)")
    prognose.add_argument("--bis", type=int, default=None, help="letztes Prognosejahr (Standard: prognose.toml, 2040)")
    prognose.add_argument("--ziel", default="build/prognose", help="Ausgabeordner (Standard: build/prognose)")


def run_prognose_command(folder: str | None, until: int | None, target: str) -> int:
    from dataclasses import replace

    from .prognose.components import ASSUMPTIONS_FILE, read_assumptions
    from .prognose.config import load_config
    from .prognose.data import AGE_FILE, read_age_file, to_age_data
    from .prognose.output import write_projection
    from .prognose.run import run_projection
    from .report import Report

    bundle = load_bundle(folder)
    report = Report()  # the bundle's report holds the same checks already; print each problem once
    frame = read_age_file(bundle.folder, report)
    if frame is None:
        print(f"{bundle.folder / AGE_FILE} fehlt: ohne Altersstruktur keine Prognose (siehe data/README.md).")
        return 1
    data = to_age_data(frame, report)
    config = load_config(bundle.folder, report)
    if until is not None:
        config = replace(config, bis=until)
    assumptions = None if data is None else read_assumptions(bundle.folder, data.groups, report)
    projection = None if data is None else run_projection(data, config, _parents(bundle), report, assumptions)
    for issue in report.issues:
        if issue.file in (AGE_FILE, "prognose.toml", ASSUMPTIONS_FILE):
            print(issue.as_text())
    if projection is None:
        return 1
    names = {}
    for areas, _ in bundle.levels.values() or [(bundle.areas, None)]:
        names |= dict(zip(areas["gebiet_id"], areas["name"], strict=True))
    settings = bundle.settings
    note = settings.hinweis if settings.beispieldaten else ""
    for path in write_projection(projection, Path(target), names, settings.gesamtstadt_name, note):
        print(f"geschrieben: {path}")
    return 0


def _parents(bundle) -> dict[str, str]:
    parents: dict[str, str] = {}
    for areas, _ in bundle.levels.values() or [(bundle.areas, None)]:
        if "uebergeordnet" in areas.columns:
            parents |= {a: p for a, p in zip(areas["gebiet_id"], areas["uebergeordnet"], strict=True) if p}
    return parents


def _add_user_parser(commands: argparse._SubParsersAction) -> None:
    from .auth import ROLES

    user = commands.add_parser(
        "user",
        help="Konten der internen Ansicht verwalten (.streamlit/secrets.toml)",
        description="Lokale Konten für die interne Ansicht. Die Passwörter stehen nur als gesalzener "
        "argon2-Hash in der Secrets-Datei (Standard: .streamlit/secrets.toml oder $SOZIALRAUM_SECRETS).",
    )
    actions = user.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="Konto anlegen")
    add.add_argument("name", help="Benutzername, z. B. a.schmidt")
    add.add_argument(
        "--rolle", action="append", required=True, choices=ROLES, help="Rolle (mehrfach möglich): " + ", ".join(ROLES)
    )
    add.add_argument("--passwort-stdin", action="store_true", help="Passwort als eine Zeile von der Standardeingabe")
    add.add_argument("--ersetzen", action="store_true", help="ein vorhandenes Konto überschreiben")
    add.add_argument("--datei", default=None, help="Secrets-Datei (Standard: .streamlit/secrets.toml)")
    remove = actions.add_parser("remove", help="Konto löschen")
    remove.add_argument("name")
    remove.add_argument("--datei", default=None)
    listing = actions.add_parser("list", help="Konten und Rollen auflisten (ohne Hashes)")
    listing.add_argument("--datei", default=None)
    secret = commands.add_parser(
        "cookie-secret",
        help="Cookie-Geheimnis ausgeben (einmal in der Secrets-Datei erzeugt; scripts/run.sh nutzt es)",
    )
    secret.add_argument("--datei", default=None, help="Secrets-Datei (Standard: .streamlit/secrets.toml)")


def _add_konferenz_parser(commands: argparse._SubParsersAction) -> None:
    konferenz = commands.add_parser("konferenz", help="Werkzeuge für Sozialraumkonferenzen")
    actions = konferenz.add_subparsers(dest="action", required=True)
    probe = actions.add_parser(
        "probe",
        help="Raumprobe: jede Folie bei 1920×1080 prüfen und einen Kontaktbogen (PNG) schreiben",
        description="Zeigt jede Folie der Konferenz in einem unsichtbaren Chromium bei 1920×1080, prüft, dass sie "
        "ohne Scrollen passt und kein sichtbarer Text kleiner als 24 px ist, und schreibt alle Folien als "
        "Kontaktbogen in eine PNG-Datei. Anleitung: docs/konferenz.md.",
    )
    probe.add_argument("kennung", help="Kennung der Konferenz (Dateiname ohne .toml), z. B. bieblach-ost-2026")
    probe.add_argument("--ausgabe", default=None, help="Ordner für Bilder (Standard: build/probe/<kennung>)")
    probe.add_argument("--daten", default=None, help="Datenordner (Standard: $SOZIALRAUM_DATA_DIR oder data/)")


def run_probe_command(kennung: str, ausgabe: str | None, daten: str | None) -> int:
    """Print one German line per slide and the contact sheet's path; 1 when a slide fails."""
    from pathlib import Path

    from .konferenz.probe import ProbeError, run_probe
    from .settings import REPO_ROOT

    output = Path(ausgabe) if ausgabe else REPO_ROOT / "build" / "probe" / kennung
    try:
        result = run_probe(kennung, output, daten)
    except ProbeError as problem:
        print(f"Probe nicht möglich: {problem}", file=sys.stderr)
        return 2
    for check in result.slides:
        print(check.line())
    for url in result.outside_requests:
        print(f"Blockierter Zugriff nach außen: {url}")
    failed = sum(not check.ok for check in result.slides)
    print(f"Kontaktbogen: {result.contact_sheet}")
    print("Alle Folien in Ordnung." if result.ok else f"{failed} von {len(result.slides)} Folien prüfen.")
    return 0 if result.ok else 1


def run_user_command(args: argparse.Namespace) -> int:
    from getpass import getpass

    from .auth import load_users, remove_user, secrets_path, write_user

    file = secrets_path(args.datei)
    if args.action == "list":
        users = load_users(file)
        for user in users.values():
            print(f"{user.name}: {', '.join(user.roles)}")
        if not users:
            print(f"Keine Konten in {file}.")
        return 0
    if args.action == "remove":
        if remove_user(args.name, file):
            print(f"Konto {args.name} aus {file} gelöscht.")
            return 0
        print(f"Kein Konto {args.name} in {file}.")
        return 1
    if args.passwort_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass("Passwort: ")
        if getpass("Passwort wiederholen: ") != password:
            print("Die Passwörter stimmen nicht überein; nichts geändert.")
            return 1
    try:
        written = write_user(args.name, password, args.rolle, file, replace=args.ersetzen)
    except ValueError as problem:
        print(f"Nicht angelegt: {problem}")
        return 1
    print(f"Konto {args.name} ({', '.join(args.rolle)}) in {written} gespeichert.")
    return 0


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
