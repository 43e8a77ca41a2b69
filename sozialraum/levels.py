"""Area levels (e.g. Bezirk → Gemeindeteil) and geometry versions of a level.

A geometry version is a level whose areas carry a validity interval (`gueltig_ab` / `gueltig_bis`,
years, empty = open), e.g. Berlin's "Planungsraum (bis 2020)" and "Planungsraum (ab 2021)". Levels
of the same depth in the hierarchy (same number of parents above them) whose intervals do not
overlap are versions of one another: a value belongs to the version valid in its year, the map
shows each year on the version valid then, and a time series breaks where the version changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from .aggregate import NOTE_INCOMPLETE
from .i18n import SOURCE, Translator
from .report import N_, Message, msg

Interval = tuple[int | None, int | None]
GERMAN = Translator("de")


def family(bundle, gebiet_id: str) -> tuple[tuple[str, str] | None, list[tuple[str, str]]]:
    """(parent id and name or None, [(child id, name) …]) of an area, across all levels."""
    frames = [areas for areas, _ in bundle.levels.values()] or [bundle.areas]
    every = pd.concat(frames, ignore_index=True)
    names = dict(zip(every["gebiet_id"], every["name"], strict=True))
    parents = dict(zip(every["gebiet_id"], every["uebergeordnet"].fillna("").astype(str), strict=True))
    parent_id = parents.get(gebiet_id, "")
    parent = (parent_id, names[parent_id]) if parent_id in names else None
    children = sorted(((g, names[g]) for g, p in parents.items() if p == gebiet_id), key=lambda item: item[1])
    return parent, children


# --- validity ---------------------------------------------------------------------------


def _year(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[arg-type]


def interval(areas: pd.DataFrame) -> Interval:
    """Validity of a level: earliest start and latest end of its areas (None = open)."""
    starts = [_year(v) for v in areas["gueltig_ab"]] if "gueltig_ab" in areas else [None]
    ends = [_year(v) for v in areas["gueltig_bis"]] if "gueltig_bis" in areas else [None]
    start = None if not starts or None in starts else min(starts)  # type: ignore[type-var]
    end = None if not ends or None in ends else max(ends)  # type: ignore[type-var]
    return start, end


def valid_in(span: Interval, year: int) -> bool:
    start, end = span
    return (start is None or year >= start) and (end is None or year <= end)


def span_text(span: Interval) -> str:
    """'2019–2020', 'ab 2021', 'bis 2020' or 'ohne Befristung'."""
    found = span_message(span)
    return found if isinstance(found, str) else found.render()


def span_message(span: Interval) -> str | Message:
    """A validity span for a message of the report: years as they are, words in the page's language."""
    start, end = span
    if start is not None and end is not None:
        return f"{start}–{end}" if start != end else str(start)
    if start is not None:
        return msg(N_("ab {von}"), von=str(start))
    if end is not None:
        return msg(N_("bis {bis}"), bis=str(end))
    return msg(N_("ohne Befristung"))


def area_validity(areas: pd.DataFrame) -> dict[str, Interval]:
    """gebiet_id → (gueltig_ab, gueltig_bis); an id used by several versions gets the span of all of them."""
    out: dict[str, Interval] = {}
    for gebiet, spans in area_validities(areas).items():
        starts, ends = [a for a, _ in spans], [b for _, b in spans]
        start = None if None in starts else min(starts)  # type: ignore[type-var]
        end = None if None in ends else max(ends)  # type: ignore[type-var]
        out[gebiet] = (start, end)
    return out


def area_validities(areas: pd.DataFrame) -> dict[str, list[Interval]]:
    """gebiet_id → validity of each area with that id (one per geometry version that uses the id)."""
    starts = areas["gueltig_ab"] if "gueltig_ab" in areas else pd.Series([None] * len(areas), index=areas.index)
    ends = areas["gueltig_bis"] if "gueltig_bis" in areas else pd.Series([None] * len(areas), index=areas.index)
    out: dict[str, list[Interval]] = {}
    for gebiet, start, end in zip(areas["gebiet_id"], starts, ends, strict=True):
        out.setdefault(gebiet, []).append((_year(start), _year(end)))
    return out


def level_rows(values: pd.DataFrame, areas: pd.DataFrame) -> pd.Series:
    """Mask of the value rows that belong to a level: its ids, and for a version its years only
    (an id may serve several versions; each value belongs to the version valid in its year)."""
    mask = values["gebiet_id"].isin(set(areas["gebiet_id"]))
    start, end = interval(areas)
    years = values["jahr"].astype("Float64")
    if start is not None:
        mask &= (years >= start).fillna(False)
    if end is not None:
        mask &= (years <= end).fillna(False)
    return mask.astype(bool)


# --- versions of a level ------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """One level as a geometry version: name, number of areas, validity."""

    level: str
    count: int
    span: Interval

    @property
    def dated(self) -> bool:
        return self.span != (None, None)

    def describe(self) -> str:
        """'„Planungsraum (bis 2020)“ mit 448 Gebieten (gültig 2019–2020)'."""
        return f"„{self.level}“ mit {self.count} Gebieten (gültig {span_text(self.span)})"


def _all_levels(bundle) -> dict[str, gpd.GeoDataFrame]:
    return {name: areas for name, (areas, _) in bundle.levels.items()} or {bundle.main_level: bundle.areas}


def depths(levels: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Number of parent levels above each level (0 = top level)."""
    level_of = {g: name for name, areas in levels.items() for g in areas["gebiet_id"]}
    parent_level: dict[str, str | None] = {}
    for name, areas in levels.items():
        parents = [level_of.get(str(p)) for p in areas["uebergeordnet"].fillna("").astype(str) if p]
        known = [p for p in parents if p is not None and p != name]
        parent_level[name] = max(set(known), key=known.count) if known else None
    out: dict[str, int] = {}
    for name in levels:
        depth, current, seen = 0, parent_level[name], {name}
        while current is not None and current not in seen:
            depth, seen = depth + 1, seen | {current}
            current = parent_level.get(current)
        out[name] = depth
    return out


def versions(levels: Mapping[str, pd.DataFrame], level: str) -> list[Version]:
    """The versions a level belongs to, oldest first; just the level itself when it is not dated."""
    if level not in levels:
        return []
    own = Version(level, len(levels[level]), interval(levels[level]))
    if not own.dated:
        return [own]
    depth = depths(levels)
    same = [
        Version(name, len(areas), interval(areas))
        for name, areas in levels.items()
        if depth[name] == depth[level] and interval(areas) != (None, None)
    ]
    return sorted(same, key=lambda v: (v.span[0] is not None, v.span[0] or 0))


def bundle_versions(bundle, level: str | None = None) -> list[Version]:
    return versions(_all_levels(bundle), level or bundle.main_level)


def level_for_year(bundle, level: str, year: int) -> str:
    """The version of `level` valid in `year` (the level itself if it is valid or nothing else is)."""
    series = bundle_versions(bundle, level)
    if any(v.level == level and valid_in(v.span, year) for v in series):
        return level
    return next((v.level for v in series if valid_in(v.span, year)), level)


def switch_sentence(bundle, chosen: str, shown: str, year: int, t: Translator | None = None) -> str:
    """Why the map shows another version than the chosen level: one German sentence, or in another language
    (`t`) one statement per sentence without plural forms."""
    by_name = {v.level: v for v in bundle_versions(bundle, chosen)}
    target, origin = by_name[shown], by_name[chosen]
    if t is not None and t.language.code != SOURCE:
        return " ".join(
            [
                t("Für {jahr} gilt die Gebietsversion „{version}“, gültig {zeit}.", jahr=str(year),
                  version=target.level, zeit=_span(target.span, t)),
                t("Gebiete in dieser Version: {anzahl}.", anzahl=t.decimal(target.count, 0)),
                t("Die Karte zeigt sie statt „{ebene}“, gültig {zeit}.", ebene=origin.level,
                  zeit=_span(origin.span, t)),
                t("Die Werte eines Jahres gehören zu den Grenzen, die in diesem Jahr gültig waren."),
            ]
        )  # fmt: skip
    return (
        f"Für {year} gilt die Gebietsversion {target.describe()}; die Karte zeigt sie statt „{origin.level}“ "
        f"(gültig {span_text(origin.span)}), denn die Werte eines Jahres gehören zu den damals gültigen Grenzen."
    )


def _span(span: Interval, t: Translator) -> str:
    start, end = span
    if start is not None and end is not None:
        return t("{von}–{bis}", von=str(start), bis=str(end)) if start != end else str(start)
    if start is not None:
        return t("ab {jahr}", jahr=str(start))
    if end is not None:
        return t("bis {jahr}", jahr=str(end))
    return t("ohne Befristung")


def breaks(series: list[Version]) -> list[tuple[int, Version, Version]]:
    """(first year of the new version, old, new) for every change between consecutive versions."""
    out = []
    for old, new in zip(series, series[1:], strict=False):
        if new.span[0] is not None:
            out.append((new.span[0], old, new))
    return out


def counterparts(levels: Mapping[str, pd.DataFrame], level: str, gebiet_id: str) -> list[tuple[str, str]]:
    """(gebiet_id, level) of the same area in the other versions, following 1:1 `vorgaenger` links.

    A link counts only when it is one to one: the predecessor has exactly one successor naming it.
    """
    series = [v.level for v in versions(levels, level)]
    if len(series) < 2:
        return []
    # the same id in another version: the same area with a changed boundary
    same = [(gebiet_id, other) for other in series if other != level and gebiet_id in set(levels[other]["gebiet_id"])]
    return same + [link for link in _predecessor_chain(levels, series, gebiet_id) if link not in same]


def _predecessor_chain(levels: Mapping[str, pd.DataFrame], series: list[str], gebiet_id: str) -> list[tuple[str, str]]:
    frames = [levels[name].assign(_level=name) for name in series]
    every = pd.concat(frames, ignore_index=True)
    if "vorgaenger" not in every:
        return []
    pred = every["vorgaenger"].fillna("").astype(str)
    successors = every.assign(_pred=pred)[pred != ""].groupby("_pred")["gebiet_id"].apply(list).to_dict()
    predecessor = dict(zip(every["gebiet_id"], pred, strict=True))
    level_of = dict(zip(every["gebiet_id"], every["_level"], strict=True))
    chain: list[str] = [gebiet_id]
    current = gebiet_id
    while (p := predecessor.get(current, "")) and p in level_of and successors.get(p) == [current] and p not in chain:
        chain.insert(0, p)
        current = p
    current = gebiet_id
    while (nxt := successors.get(current)) and len(nxt) == 1 and nxt[0] not in chain:
        chain.append(nxt[0])
        current = nxt[0]
    return [(g, level_of[g]) for g in chain if g != gebiet_id]


def across_versions(bundle, level: str):
    """The bundle at `level` with the values of all its versions (for choosing a year across them)."""
    from dataclasses import replace

    local = bundle.at_level(level)
    series = bundle_versions(bundle, level)
    if len(series) < 2:
        return local
    frames = [bundle.at_level(v.level).values for v in series]
    return replace(local, values=pd.concat(frames, ignore_index=True))


@dataclass(frozen=True)
class LinkedSeries:
    """Chosen areas plus their 1:1 counterparts in other versions: one series per area and version.

    Series keys are "gebiet_id|level", because one id may serve two versions (same area, new boundary).
    """

    keys: list[str]  # in drawing order: each chosen area, then its counterparts
    area: dict[str, tuple[str, str]]  # series key → (gebiet_id, level)
    group: dict[str, str]  # series key → chosen id (one colour per chosen area)
    breaks: list[tuple[int, Version, Version]]

    @property
    def linked(self) -> bool:
        """Does any chosen area continue in another version?"""
        return len(self.keys) > len(set(self.group.values()))


def linked_series(bundle, level: str, chosen: list[str]) -> LinkedSeries:
    """The chosen areas of `level` and, across geometry versions, their 1:1 predecessors/successors."""
    levels = _all_levels(bundle)
    series = versions(levels, level) if level in levels else []
    keys: list[str] = []
    area: dict[str, tuple[str, str]] = {}
    group: dict[str, str] = {}
    for gebiet in chosen:
        links = counterparts(levels, level, gebiet) if len(series) > 1 else []
        for gid, lvl in [(gebiet, level), *links]:
            key = f"{gid}|{lvl}"
            if key not in area:
                keys.append(key)
                area[key], group[key] = (gid, lvl), gebiet
    return LinkedSeries(keys, area, group, breaks(series))


def linked_trend(bundle, linked: LinkedSeries, indikator: str) -> pd.DataFrame:
    """Long table (gebiet_id = series key, jahr, wert): each series from its own version's values
    (so an id shared by two versions gives two series), plus the city (gebiet_id 'gesamt')."""
    from .schemas import CITY_ID

    frames = []
    for key in linked.keys:
        gebiet, level = linked.area[key]
        values = bundle.at_level(level).values
        rows = values[(values["indikator_id"] == indikator) & (values["gebiet_id"] == gebiet)]
        frames.append(rows.sort_values("jahr")[["jahr", "wert"]].assign(gebiet_id=key))
    city = bundle.city[bundle.city["indikator_id"] == indikator].sort_values("jahr")
    frames.append(city[["jahr", "wert"]].assign(gebiet_id=CITY_ID))
    return pd.concat(frames, ignore_index=True)[["gebiet_id", "jahr", "wert"]]


def series_names(bundle, linked: LinkedSeries) -> dict[str, str]:
    """Series key → 'Name (2019–2020)': the area's name and its version's years."""
    levels = _all_levels(bundle)
    spans = {name: span_text(interval(areas)) for name, areas in levels.items()}
    out = {}
    for key, (gebiet, level) in linked.area.items():
        areas = levels[level]
        name = areas.loc[areas["gebiet_id"] == gebiet, "name"]
        out[key] = f"{name.iloc[0] if len(name) else gebiet} ({spans[level]})"
    return out


def break_sentence(linked: LinkedSeries, any_counterpart: bool, t: Translator = GERMAN) -> str:
    """Below a trend chart: why the lines break at a boundary change (one sentence per change)."""
    parts = []
    for year, old, new in linked.breaks:
        parts.append(
            t(
                "Die Linien brechen zwischen {vorjahr} und {jahr}: ab {jahr} gilt die Gebietsversion „{neu}“ "
                "mit {neu_anzahl} Gebieten statt „{alt}“ mit {alt_anzahl}, und Werte auf verschiedenen Grenzen "
                "sind nicht vergleichbar.",
                vorjahr=str(year - 1),
                jahr=str(year),
                neu=new.level,
                neu_anzahl=str(new.count),
                alt=old.level,
                alt_anzahl=str(old.count),
            )  # fmt: skip
        )
    if parts:
        parts.append(
            t(
                "Ein Gebiet mit genau einem Vorgänger (gleiche Fläche, neue Kennung) zeigt beide Abschnitte in "
                "derselben Farbe; geteilte oder zusammengelegte Gebiete enden oder beginnen an der Grenze."
            )
            if any_counterpart
            else t(
                "Keines der gewählten Gebiete hat genau einen Vorgänger oder Nachfolger: "
                "seine Werte enden oder beginnen an der Grenze."
            )
        )
    return " ".join(parts)


def aggregation_sentence(values: pd.DataFrame, t: Translator = GERMAN) -> str:
    """When a stable level's values come from several versions of its parts, say so (one sentence)."""
    notes = values.sort_values("jahr")["anmerkung"].dropna().astype(str)  # older version first
    prefix, incomplete = "aggregiert aus ", f" ({NOTE_INCOMPLETE}"
    sources = list(dict.fromkeys(n.removeprefix(prefix).split(incomplete)[0] for n in notes if n.startswith(prefix)))
    if len(sources) < 2:
        return ""
    listed = t(" und ").join(f"„{s}“" for s in sources)
    return t(
        "Diese Ebene ist von der Gebietsreform nicht betroffen: ihre Werte sind aus {versionen} zusammengefasst "
        "(Anzahlen summiert, Quoten aus Zähler und Nenner), die Linien laufen darum durch.",
        versionen=listed,
    )
