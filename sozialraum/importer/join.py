"""Join of one source file: its rows sorted into areas (by code or by name), the city total and rows that are
not areas, with the statistics of the match; then handed to the value step."""

from __future__ import annotations

import pandas as pd

from ..report import Report
from ..schemas import CITY_ID
from .areas import AreaLookup
from .raw import RawTable, cell_text, code_key, find_column, missing_column_message, normalize_name
from .result import JoinResult, SourceResult, dropped
from .spec import CatalogueEntry, NonAreaRule, Source
from .values import condition_mask, source_values


def _rule_masks(
    rules: tuple[NonAreaRule, ...],
    table: RawTable,
    raw_keys: pd.Series,
    keys: pd.Series,
    columns: dict[str, str],
    by_name: bool,
) -> pd.Series:
    """Number of the first rule each row matches (0 = none): all conditions of a rule must hold."""
    first = pd.Series(0, index=table.frame.index)
    lines = pd.Series(table.lines, index=table.frame.index)
    normalized = raw_keys.map(normalize_name) if by_name and any(r.werte for r in rules) else None
    for rule in rules:
        mask = pd.Series(True, index=table.frame.index)
        if rule.werte:
            if normalized is not None:
                mask &= normalized.isin({normalize_name(w) for w in rule.werte})
            else:
                mask &= raw_keys.isin(rule.werte) | keys.isin(rule.werte)
        if rule.muster is not None:
            mask &= raw_keys.str.fullmatch(rule.muster.pattern) | keys.str.fullmatch(rule.muster.pattern)
        if rule.zeilen:
            mask &= pd.concat([lines.between(low, high) for low, high in rule.zeilen], axis=1).any(axis=1)
        for column, allowed in rule.wo.items():
            mask &= table.frame[columns[column]].map(cell_text).isin(allowed)
        first = first.where((first != 0) | ~mask, rule.number)
    return first


def _needed_columns(source: Source) -> list[tuple[str, str]]:
    """(where the mapping names it, column name) of every column the source refers to."""
    needed = [("Schlüssel „gebiet“", source.gebiet)]
    for key, value in (("name", source.name), ("jahr", source.jahr), ("wert", source.wert)):
        if value is not None:
            needed.append((f"Schlüssel „{key}“", value))
    needed += [("Schlüssel „auswahl“", c) for c in source.auswahl]
    for rule in source.nicht_gebiete:
        needed += [(f"Schlüssel „wo“ in [[quellen.nicht_gebiete]] Nr. {rule.number}", c) for c in rule.wo]
    for use in source.indikatoren:
        where = f"in [[quellen.indikatoren]] Nr. {use.number}"
        if use.spalte is not None:
            needed.append((f"Schlüssel „spalte“ {where}", use.spalte))
        needed += [(f"Schlüssel „auswahl“ {where}", c) for c in use.auswahl]
    return needed


def process_source(
    source: Source,
    table: RawTable,
    fixed_year: int | None,
    lookup: AreaLookup,
    catalogue: dict[str, CatalogueEntry],
    result: SourceResult,
    problems: Report,
) -> list[tuple]:
    """Rows of one source file → value records (gebiet_id, indikator_id, jahr, wert, anmerkung, file, line, column)."""
    file = table.file
    columns: dict[str, str] = {}
    for key, wanted in _needed_columns(source):
        actual = find_column(table, wanted)
        if actual is None:
            problems.error(file, f"{source.label()}: {missing_column_message(table, wanted, key)}", column=wanted)
        else:
            columns[wanted] = actual
    if any(wanted not in columns for _, wanted in _needed_columns(source)):
        return []
    frame = table.frame
    by_name = source.schluessel == "name"
    selected = condition_mask(table, source.auswahl, columns)
    if (~selected).sum():
        shown = "; ".join(f"{c} = {', '.join(v)}" for c, v in source.auswahl.items())
        result.dropped.append(dropped(file, f"nicht in der Auswahl ({shown})", int((~selected).sum())))
    key_col = columns[source.gebiet]
    raw_keys = frame[key_col].map(cell_text)
    keys = raw_keys if by_name else frame[key_col].map(lambda c: code_key(c, source.stellen))
    if by_name and source.umbenennen:
        renames = {normalize_name(k): v for k, v in source.umbenennen.items()}
        keys = keys.map(lambda k: renames.get(normalize_name(k), k))
    names = frame[columns[source.name]].map(cell_text) if source.name else None

    def label(index: int) -> str:
        key = raw_keys[index]
        if names is not None and names[index] and names[index] != key:
            return f"{key} „{names[index]}“"
        return f"„{key}“" if by_name else key

    target: dict[int, str] = {}  # row index → gebiet_id or CITY_ID
    non_area: dict[str, str] = {}  # label → action (distinct)
    empty_keys: list[int] = []
    unmatched: dict[str, int] = {}  # label → number of rows
    ambiguous: dict[str, int] = {}
    area_keys: set[str] = set()
    matched_keys: set[str] = set()
    first_rule = _rule_masks(source.nicht_gebiete, table, raw_keys, keys, columns, by_name)
    for rule in source.nicht_gebiete:
        hits = frame.index[selected & (first_rule == rule.number)]
        if not len(hits):
            continue
        action = "gesamt" if rule.als == "gesamt" else "weggelassen"
        if rule.als == "gesamt":
            target.update(dict.fromkeys(hits, CITY_ID))
        with_key = [i for i in hits if raw_keys[i]]
        for index in with_key:
            non_area.setdefault(label(index), action)
        without_key = len(hits) - len(with_key)
        if without_key:
            non_area[f"{without_key} Zeilen ohne Eintrag in „{key_col}“ ({rule.label()})"] = action
        if rule.als != "gesamt":
            ids = tuple(dict.fromkeys(raw_keys[i] for i in with_key))
            result.dropped.append(
                dropped(file, f"kein Gebiet: {rule.label()}", len(hits), ids=ids[:20], by_name=by_name)
            )
    for index in frame.index[selected & (first_rule == 0)]:
        if not raw_keys[index]:
            empty_keys.append(table.lines[index])
            continue
        area_keys.add(keys[index])
        if by_name:
            gid, is_ambiguous = lookup.find_name(keys[index])
            if is_ambiguous:
                ambiguous[label(index)] = ambiguous.get(label(index), 0) + 1
                continue
        else:
            gid = keys[index] if keys[index] in lookup.id_set else None
        if gid is None:
            unmatched[label(index)] = unmatched.get(label(index), 0) + 1
            continue
        matched_keys.add(keys[index])
        target[index] = gid
    if empty_keys:
        result.dropped.append(
            dropped(file, f"Gebietsspalte „{key_col}“ leer (erste: Zeile {empty_keys[0]})", len(empty_keys))
        )
    if unmatched:
        what = "diesem Namen" if by_name else "dieser Kennung"
        result.dropped.append(
            dropped(
                file, f"keine Fläche mit {what}", sum(unmatched.values()), ids=tuple(unmatched)[:50], by_name=by_name
            )
        )
    if ambiguous:
        result.dropped.append(
            dropped(file, "Name passt auf mehrere Flächen", sum(ambiguous.values()), ids=tuple(ambiguous), by_name=True)
        )
    if area_keys and not matched_keys:
        problems.error(file, _no_match_message(source, sorted(area_keys), lookup), column=key_col)
    with_rows = set(target.values()) - {CITY_ID}
    # with several levels, only those the table reaches count as its polygons
    pool = lookup.in_levels({lookup.level_of[g] for g in with_rows}) or lookup.ids
    result.join = JoinResult(
        table=file,
        by="Name" if by_name else "Kennung",
        column=key_col,
        area_keys=len(area_keys),
        matched=len(matched_keys),
        non_area=[f"{k} → {v}" for k, v in non_area.items()],
        unmatched=list(unmatched),
        ambiguous=list(ambiguous),
        polygons=len(pool),
        polygons_matched=len(with_rows),
        polygons_without=[lookup.label(g) for g in pool if g not in with_rows],
    )
    if table.empty_rows:
        result.notes.append(f"{table.empty_rows} leere Zeilen übersprungen.")
    result.notes += table.notes
    return source_values(source, table, fixed_year, target, columns, catalogue, result, problems)


def _no_match_message(source: Source, keys: list[str], lookup: AreaLookup) -> str:
    """Why not a single row found a polygon: show both sides, name the usual causes."""
    table = ", ".join(f"„{k}“" for k in keys[:4])
    polygons = ", ".join(f"„{g}“" for g in lookup.ids[:4])
    if source.schluessel == "name":
        polygons = ", ".join(f"„{lookup.names[g]}“" for g in lookup.ids[:4])
        cause = "Ist „gebiet“ die Spalte mit den Namen, und gehört die Tabelle zu diesen Flächen?"
    else:
        cause = (
            "Stimmt die Stellenzahl („stellen“ bei Quelle und [gebiete]), ist „gebiet“ die richtige Spalte, und "
            "gehört die Tabelle zu diesen Flächen (gleicher Gebietsstand)? Stehen in der Tabelle Namen, setzen Sie "
            'schluessel = "name".'
        )
    return (
        f"{source.label()}: keine einzige Zeile fand eine Fläche. Tabelle z. B. {table}; "
        f"Flächen z. B. {polygons}. {cause}"
    )
