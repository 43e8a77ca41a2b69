"""The mapping file (TOML): reading and checking it into the typed description of an import (`spec`).

Every problem becomes one German message that names the place in the mapping file
(`[[quellen]] Nr. 2, Schlüssel „layout“`) and says what is allowed, so a planner can fix the
file without reading Python. All problems are collected before anything is read or written.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path

from ..report import Report
from ..settings import documented_keys
from .catalogue import indicator_from_fields
from .keys import (
    AREA_KEYS,
    CATALOGUE_KEYS,
    CORRECTION_KEYS,
    IMPORT_KEYS,
    INDICATOR_KEYS,
    NON_AREA_KEYS,
    SOURCE_KEYS,
    TOP_KEYS,
    USE_KEYS,
    Checker,
    line_ranges,
    quote,
    read_conditions,
    regex,
)
from .spec import (
    INDICATOR_ID,
    AreaSource,
    CatalogueEntry,
    IdCorrection,
    IndicatorUse,
    Mapping,
    MappingError,
    NonAreaRule,
    NumberFormat,
    Source,
)

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def toml_problem(file: str, exc: tomllib.TOMLDecodeError) -> Report:
    """A TOML syntax error as a German message with line and column."""
    report = Report()
    text = str(exc)
    match = _TOML_POSITION.search(text)
    reason = _TOML_POSITION.sub("", text).strip()
    hint = (
        "Ist die Datei gültiges TOML? Häufige Ursachen: Text ohne Anführungszeichen, fehlendes "
        "Gleichheitszeichen, ein Schlüssel doppelt im selben Abschnitt, Komma statt Punkt in Zahlen."
    )
    if match:
        report.error(
            file,
            f"Die Zuordnungsdatei ist kein gültiges TOML ({reason}). {hint}",
            row=int(match[1]),
            column=f"Zeichen {match[2]}",
        )
    else:
        report.error(file, f"Die Zuordnungsdatei ist kein gültiges TOML ({reason}). {hint}")
    return report


def read_mapping(path: Path, quelle: Path | None = None, ziel: Path | None = None) -> Mapping:
    """Read and check a mapping file; raises MappingError listing every problem."""
    path = Path(path)
    checker = Checker(path.name)
    if not path.is_file():
        checker.error("", f"Zuordnungsdatei nicht gefunden: {path}.")
        raise MappingError(checker.report)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        checker.error("", "Die Zuordnungsdatei ist nicht UTF-8-kodiert. Speichern Sie sie als UTF-8.")
        raise MappingError(checker.report) from None
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(toml_problem(path.name, exc)) from None
    top = checker.take(raw, "", TOP_KEYS)
    base = path.resolve().parent
    imp = checker.take(top.get("import", {}), "[import]", IMPORT_KEYS)
    quelle_dir = quelle if quelle is not None else base / str(imp.get("quelle", "."))
    ziel_dir = ziel if ziel is not None else (base / str(imp["ziel"]) if "ziel" in imp else None)
    settings = _settings(top.get("einstellungen", {}), checker)
    raw_areas = top.get("gebiete", {})
    entries = raw_areas if isinstance(raw_areas, list) else [raw_areas]
    levels = [_areas(entry, checker, i + 1 if isinstance(raw_areas, list) else 0) for i, entry in enumerate(entries)]
    if not levels:
        checker.error("[[gebiete]]", "Mindestens eine Gebietsdatei angeben.")
        levels = [AreaSource(datei="", id="", name="")]
    areas = levels[0]
    catalogue_raw = checker.take(top.get("katalog", {}), "[katalog]", CATALOGUE_KEYS)
    catalogue_file = catalogue_raw.pop("datei", None)
    entries = _catalogue(top.get("indikatoren", {}), catalogue_raw, checker)
    sources = [_source(i + 1, s, checker) for i, s in enumerate(top.get("quellen", []))]
    if "quellen" in top and not sources:
        checker.error("[[quellen]]", "Mindestens eine Quelle angeben.")
    mapping = Mapping(
        path=path,
        quelle=Path(quelle_dir).resolve(),
        ziel=Path(ziel_dir).resolve() if ziel_dir is not None else None,
        einstellungen=settings,
        gebiete=areas,
        katalog_datei=str(catalogue_file) if catalogue_file else None,
        katalog=entries,
        quellen=sources,
        ebenen=levels,
    )
    _cross_check(mapping, checker)
    _check_levels(levels, checker)
    if checker.report.errors:
        raise MappingError(checker.report)
    return mapping


def _settings(raw: object, checker: Checker) -> dict[str, dict[str, object]]:
    if not isinstance(raw, dict):
        checker.error("[einstellungen]", "Tabelle erwartet.")
        return {}
    allowed = set(documented_keys())
    out: dict[str, dict[str, object]] = {}
    for section, content in raw.items():
        where = f"[einstellungen.{section}]"
        if not isinstance(content, dict):
            checker.error(where, 'Tabelle erwartet, z. B. [einstellungen.stadt] mit name = "…".')
            continue
        for key, value in content.items():
            if (section, key) not in allowed:
                names = ", ".join(f"{s}.{k}" for s, k in sorted(allowed))
                checker.error(where, f"Unbekannte Einstellung „{key}“. Bekannt sind: {names} (siehe data/README.md).")
            elif not isinstance(value, str | int | bool):
                checker.error(where, f"Einstellung „{key}“: Text, ganze Zahl oder true/false erwartet.")
            else:
                out.setdefault(section, {})[key] = value
    return out


def _areas(raw: object, checker: Checker, number: int = 0) -> AreaSource:
    where = f"[[gebiete]] Nr. {number}" if number else "[gebiete]"
    values = checker.take(raw, where, AREA_KEYS)
    corrections = tuple(
        _correction(i + 1, c, f"{where}, [[gebiete.korrekturen]] Nr. {i + 1}", checker)
        for i, c in enumerate(values.pop("korrekturen", []))  # type: ignore[arg-type]
    )
    names = values.pop("namen", {})
    if not all(isinstance(v, str) for v in names.values()):  # type: ignore[union-attr]
        checker.error(where, 'Schlüssel „namen“: { "Kennung" = "Name" } erwartet.')
        names = {}
    derived = bool(values.get("aus_ebene"))
    needed = ("ebene",) if derived else ("datei", "id", "name")
    for key in needed:
        if key not in values:
            example = next(k.example for k in AREA_KEYS if k.name == key) or f'{key} = "Bezirk"'
            why = " (abgeleitete Ebene mit „aus_ebene“)" if derived else ""
            checker.error(where, f"Schlüssel „{key}“ fehlt{why} (z. B. {example}).")
    if derived and "datei" in values:
        checker.error(where, "Eine abgeleitete Ebene („aus_ebene“) hat keine eigene „datei“.")
    start, end = values.get("gueltig_ab"), values.get("gueltig_bis")
    if start is not None and end is not None and start > end:  # type: ignore[operator]
        checker.error(where, f"gueltig_ab ({start}) liegt nach gueltig_bis ({end}).")
    if any(k not in values for k in needed):
        return AreaSource(datei="", id="", name="", number=number)
    values.setdefault("datei", "")
    values.setdefault("id", "")
    values.setdefault("name", "")
    return AreaSource(number=number, namen=dict(names), korrekturen=corrections, **values)  # type: ignore[arg-type]


def _correction(number: int, raw: object, where: str, checker: Checker) -> IdCorrection:
    values = checker.take(raw, where, CORRECTION_KEYS)
    return IdCorrection(
        number=number,
        id=str(values.get("id", "")),
        neue_id=str(values.get("neue_id", "")),
        wo=read_conditions(values.get("wo", {}), where, "wo", checker),
        grund=str(values.get("grund", "")),
    )


def _check_levels(levels: list[AreaSource], checker: Checker) -> None:
    """Several [[gebiete]]: each names its level; derived levels and predecessors refer to known ones."""
    if len(levels) < 2:
        return
    names = [a.ebene for a in levels]
    for area in levels:
        if not area.ebene:
            checker.error(area.label(), "Bei mehreren [[gebiete]] braucht jede Gebietsdatei „ebene“ (ihren Namen).")
        for key, ref in (("aus_ebene", area.aus_ebene), ("vorgaenger_aus", area.vorgaenger_aus)):
            if ref and ref not in names:
                checker.error(area.label(), f"{key} = „{ref}“: keine [[gebiete]] mit dieser ebene ({quote(names)}).")
    for name in sorted({n for n in names if n and names.count(n) > 1}):
        checker.error("[[gebiete]]", f"Die ebene „{name}“ kommt mehrfach vor; jede Ebene und Version einmal.")


def _catalogue(raw: object, defaults: dict[str, object], checker: Checker) -> dict[str, CatalogueEntry]:
    if not isinstance(raw, dict):
        checker.error("[indikatoren]", 'Tabelle erwartet, z. B. [indikatoren.einwohner] mit name = "…".')
        return {}
    out: dict[str, CatalogueEntry] = {}
    for indikator_id, content in raw.items():
        where = f"[indikatoren.{indikator_id}]"
        if not INDICATOR_ID.match(indikator_id):
            checker.error(where, "Die Kennung eines Indikators besteht nur aus Kleinbuchstaben, Ziffern und „_“.")
        values = checker.take(content, where, INDICATOR_KEYS)
        zaehler = values.pop("zaehler", None)
        nenner = values.pop("nenner", None)
        fallzahl = str(values.pop("fallzahl", ""))
        fields = {**defaults, **values}
        fields.setdefault("kurzname", fields.get("name", ""))
        missing = [
            k
            for k in ("name", "einheit", "thema", "polaritaet", "definition", "quelle", "dezimalstellen", "aggregation")
            if k not in fields or fields[k] == ""
        ]
        if missing:
            checker.error(
                where,
                f"Es fehlen: {', '.join(missing)}. Tragen Sie sie hier oder als Vorgabe unter [katalog] ein.",
            )
        if (zaehler is None) != (nenner is None):
            checker.error(where, "„zaehler“ und „nenner“ nur gemeinsam angeben.")
        if fields.get("aggregation") == "quote" and zaehler is None:
            checker.error(
                where,
                'aggregation = "quote" braucht zaehler und nenner (Kennungen anderer Indikatoren). Liefert die '
                'Quelle nur den fertigen Anteil und eine Gesamtstadtzeile, schreiben Sie aggregation = "vorgegeben".',
            )
        row = None if missing else indicator_from_fields(indikator_id, fields)
        out[indikator_id] = CatalogueEntry(indikator_id, row, zaehler, nenner, fallzahl)  # type: ignore[arg-type]
    return out


def _source(number: int, raw: object, checker: Checker) -> Source:
    where = f"[[quellen]] Nr. {number}"
    values = checker.take(raw, where, SOURCE_KEYS)
    rules = tuple(
        _non_area(i + 1, r, f"{where}, [[quellen.nicht_gebiete]] Nr. {i + 1}", checker)
        for i, r in enumerate(values.pop("nicht_gebiete", []))  # type: ignore[arg-type]
    )
    uses = tuple(
        _use(i + 1, u, f"{where}, [[quellen.indikatoren]] Nr. {i + 1}", checker)
        for i, u in enumerate(values.pop("indikatoren", []))  # type: ignore[arg-type]
    )
    if "indikatoren" in (raw or {}) and not uses:  # type: ignore[operator]
        checker.error(where, 'Mindestens einen Indikator angeben ([[quellen.indikatoren]] mit id = "…").')
    numbers = NumberFormat(
        dezimalzeichen=str(values.pop("dezimalzeichen", ",")),
        tausender=str(values.pop("tausender", "")),
        geheim=tuple(values.pop("geheim", ())),  # type: ignore[arg-type]
        fehlend=tuple(values.pop("fehlend", ())),  # type: ignore[arg-type]
        null=tuple(values.pop("null", ())),  # type: ignore[arg-type]
    )
    if numbers.dezimalzeichen == numbers.tausender:
        checker.error(where, "Dezimalzeichen und Tausendertrennzeichen müssen verschieden sein.")
    markers = [m for group in (numbers.geheim, numbers.fehlend, numbers.null) for m in group]
    if len(markers) != len(set(markers)):
        checker.error(where, "Ein Zeichen steht in mehreren der Listen „geheim“, „fehlend“, „null“.")
    years = values.pop("jahre", None)
    year_list = tuple(y for low, high in line_ranges(years) for y in range(low, high + 1)) if years is not None else ()
    auswahl = read_conditions(values.pop("auswahl", {}), where, "auswahl", checker)
    rename = values.pop("umbenennen", {})
    if not all(isinstance(v, str) for v in rename.values()):  # type: ignore[union-attr]
        checker.error(where, 'Schlüssel „umbenennen“: { "Name in der Tabelle" = "Name in der Gebietsdatei" } erwartet.')
        rename = {}
    pattern = regex(values.pop("spalten", None), where, "spalten", checker)
    if not all(k in values for k in ("datei", "layout", "gebiet")):
        return Source(number, "", "lang", "", indikatoren=uses)
    source = Source(
        number=number,
        jahre=year_list,
        zahlen=numbers,
        auswahl=auswahl,
        umbenennen=dict(rename),  # type: ignore[arg-type]
        spalten=pattern,
        nicht_gebiete=rules,
        indikatoren=uses,
        **values,  # type: ignore[arg-type]
    )
    _check_source(source, where, checker)
    return source


def _check_source(source: Source, where: str, checker: Checker) -> None:
    if source.jahre and "{jahr}" not in source.datei:
        checker.error(where, "Mit „jahre“ muss der Dateiname den Platzhalter {jahr} enthalten.")
    if source.layout == "lang":
        if source.jahr is None and source.stichtag is None and not source.jahre:
            needs = [u.number for u in source.indikatoren if u.stichtag is None]
            if needs:
                checker.error(
                    where,
                    'Bei layout = "lang" fehlt das Jahr: „jahr“ (Spalte mit Jahr oder Datum) oder „stichtag“ '
                    "(fester Stichtag für die ganze Datei) angeben.",
                )
        for use in source.indikatoren:
            if use.spalte is None and source.wert is None:
                checker.error(
                    where,
                    f"[[quellen.indikatoren]] Nr. {use.number} ({use.indikator_id}): keine Wertspalte. Geben Sie "
                    "„spalte“ beim Indikator oder „wert“ bei der Quelle an.",
                )
    else:
        for key, value in (("jahr", source.jahr), ("wert", source.wert), ("stichtag", source.stichtag)):
            if value is not None:
                checker.error(
                    where,
                    f'Schlüssel „{key}“ gibt es nur bei layout = "lang"; bei "breit" stehen die Stichtage in '
                    "den Spaltenköpfen (Auswahl mit „spalten“).",
                )
        for use in source.indikatoren:
            if use.spalte is not None or use.stichtag is not None:
                checker.error(
                    where,
                    f"[[quellen.indikatoren]] Nr. {use.number}: „spalte“ und „stichtag“ gibt es nur bei "
                    'layout = "lang". Bei "breit" wählen Sie Zeilen mit „auswahl“.',
                )
    if source.datenbeginn is not None and source.datenbeginn <= source.kopfzeile:
        checker.error(where, "„datenbeginn“ muss nach der Kopfzeile liegen.")
    if source.schluessel == "name" and source.stellen is not None:
        checker.error(where, '„stellen“ gilt nur für schluessel = "kennung".')
    if source.kodierung:
        try:
            "".encode(source.kodierung)
        except LookupError:
            checker.error(where, f'Unbekannte Kodierung „{source.kodierung}“; üblich sind "utf-8" und "cp1252".')


def _non_area(number: int, raw: object, where: str, checker: Checker) -> NonAreaRule:
    values = checker.take(raw, where, NON_AREA_KEYS)
    conditions = [k for k in ("werte", "muster", "zeilen", "wo") if k in values]
    if not conditions:
        checker.error(where, "Mindestens eine Bedingung angeben: „werte“, „muster“, „zeilen“ oder „wo“.")
    return NonAreaRule(
        number=number,
        werte=tuple(v.strip() for v in values.get("werte", ())),  # type: ignore[union-attr]
        muster=regex(values.get("muster"), where, "muster", checker),
        zeilen=line_ranges(values["zeilen"]) if "zeilen" in values else (),
        wo=read_conditions(values.get("wo", {}), where, "wo", checker),
        als=str(values.get("als", "weglassen")),
        grund=str(values.get("grund", "")),
    )


def _use(number: int, raw: object, where: str, checker: Checker) -> IndicatorUse:
    values = checker.take(raw, where, USE_KEYS)
    return IndicatorUse(
        number=number,
        indikator_id=str(values.get("id", "")),
        spalte=values.get("spalte"),  # type: ignore[arg-type]
        auswahl=read_conditions(values.get("auswahl", {}), where, "auswahl", checker),
        stichtag=values.get("stichtag"),  # type: ignore[arg-type]
        summieren=bool(values.get("summieren", False)),
    )


def _cross_check(mapping: Mapping, checker: Checker) -> None:
    """References between sections: indicators used must be in the catalogue, formulas must resolve."""
    known = set(mapping.katalog)
    from_file = mapping.katalog_datei is not None
    provided: set[str] = set()
    for source in mapping.quellen:
        for use in source.indikatoren:
            provided.add(use.indikator_id)
            if use.indikator_id and use.indikator_id not in known and not from_file:
                close = difflib.get_close_matches(use.indikator_id, sorted(known), n=1)
                hint = f" Meinten Sie „{close[0]}“?" if close else ""
                checker.error(
                    f"{source.label()}, [[quellen.indikatoren]] Nr. {use.number}",
                    f"Indikator „{use.indikator_id}“ steht nicht im Katalog.{hint} Legen Sie "
                    f"[indikatoren.{use.indikator_id}] an oder verweisen Sie mit [katalog] datei auf eine "
                    "indikatoren.csv.",
                )
    for entry in mapping.katalog.values():
        for role, ref in (("zaehler", entry.zaehler), ("nenner", entry.nenner)):
            if ref is None:
                continue
            if ref not in provided:
                checker.error(
                    f"[indikatoren.{entry.indikator_id}]",
                    f"„{role}“ = „{ref}“: kein Indikator dieses Namens wird aus einer Quelle gelesen.",
                )
            elif ref in mapping.katalog and mapping.katalog[ref].zaehler is not None:
                checker.error(
                    f"[indikatoren.{entry.indikator_id}]",
                    f"„{role}“ = „{ref}“ ist selbst eine berechnete Quote; Zähler und Nenner müssen Anzahlen "
                    "aus einer Quelle sein.",
                )
        if entry.indikator_id not in provided and entry.zaehler is None:
            checker.error(
                f"[indikatoren.{entry.indikator_id}]",
                "Dieser Indikator wird aus keiner Quelle gelesen und hat keinen zaehler/nenner. Ordnen Sie ihn in "
                "[[quellen.indikatoren]] zu oder entfernen Sie ihn.",
            )
    for area in mapping.ebenen or [mapping.gebiete]:
        if area.einwohner and area.einwohner not in provided:
            checker.error(
                area.label(), f"„einwohner“ = „{area.einwohner}“: dieser Indikator wird aus keiner Quelle gelesen."
            )
    standard = mapping.einstellungen.get("anzeige", {}).get("standard_indikator")
    if standard and standard not in known and not from_file:
        checker.error("[einstellungen.anzeige]", f"standard_indikator „{standard}“ steht nicht im Katalog.")
