"""Chapters on areas: the Sozialindex and one profile per Sozialraum (strengths first)."""

from __future__ import annotations

import re

import pandas as pd

from ..formatting import format_date, format_number, format_value
from ..plan import measures_in_area, sort_by_id
from ..profile import display_table, profile_table, strengths_and_challenges
from ..sozialindex import DYNAMICS_ID, STATUS_ID
from .content import planner
from .context import Context
from .model import Block, Chapter, Figure, MapData, Section, Table, bullet_list, generated
from .svg import map_svg

STATUS_COLOURS = ["#2166ac", "#92c5de", "#f4a582", "#b2182b", "#67001f"]
_CLASS = re.compile(r"^Status (.+) \(Klasse (\d+)\)$")


def _class_of(note: object) -> tuple[int, str] | None:
    match = _CLASS.match(note) if isinstance(note, str) else None
    return (int(match.group(2)), match.group(1)) if match else None


def sozialindex(ctx: Context) -> Chapter | None:
    cat = ctx.bundle.catalogue
    if STATUS_ID not in cat.index:
        ctx.log.append("Kapitel Sozialindex ausgelassen: der Sozialindex ist in einstellungen.toml nicht eingerichtet.")
        return None
    chapter = Chapter("sozialindex", "Sozialindex", planner(ctx, "sozialindex"))
    chapter.blocks.append(Block("text", "Methode: " + str(cat.at[STATUS_ID, "definition"])))
    if DYNAMICS_ID in cat.index:
        chapter.blocks.append(Block("text", str(cat.at[DYNAMICS_ID, "definition"])))
    values = ctx.bundle.values
    status = values[values["indikator_id"] == STATUS_ID]
    now = dict(
        zip(
            status.loc[status["jahr"] == ctx.jahr, "gebiet_id"],
            status.loc[status["jahr"] == ctx.jahr, "anmerkung"],
            strict=True,
        )
    )
    before = dict(
        zip(
            status.loc[status["jahr"] == ctx.vergleichsjahr, "gebiet_id"],
            status.loc[status["jahr"] == ctx.vergleichsjahr, "anmerkung"],
            strict=True,
        )
    )
    dyn = values[(values["indikator_id"] == DYNAMICS_ID) & (values["jahr"] == ctx.jahr)]
    dynamics = dict(zip(dyn["gebiet_id"], dyn["anmerkung"], strict=True))
    areas = ctx.bundle.areas
    colours, labels, rows, moved = {}, {}, [], []
    for gebiet, name in zip(areas["gebiet_id"], areas["name"], strict=True):
        cls = _class_of(now.get(gebiet))
        old = _class_of(before.get(gebiet))
        shown = f"{cls[1]} ({cls[0]})" if cls else "nicht eingestuft"
        labels[str(gebiet)] = f"{name}: Status {shown}"
        if cls:
            colours[str(gebiet)] = STATUS_COLOURS[min(cls[0] - 1, len(STATUS_COLOURS) - 1)]
        if cls and old and cls[0] != old[0]:
            moved.append(f"{name}: von „{old[1]}“ ({ctx.vergleichsjahr}) nach „{cls[1]}“ ({ctx.jahr})")
        rows.append(
            {
                "Gebiet": f"{gebiet} {name}",
                f"Status {ctx.jahr}": shown,
                f"Status {ctx.vergleichsjahr}": f"{old[1]} ({old[0]})" if old else "nicht eingestuft",
                f"Dynamik {ctx.jahr}": str(dynamics.get(gebiet) or "–").removeprefix("Dynamik "),
            }
        )
    source, stand = ctx.source([STATUS_ID])
    table = Table(
        ctx.key("tabelle"),
        f"Sozialindex je Gebiet {ctx.vergleichsjahr} und {ctx.jahr}",
        source,
        stand,
        pd.DataFrame(rows),
    )
    classes = sorted({c for c in (_class_of(n) for n in now.values()) if c})
    legend = [(STATUS_COLOURS[min(k - 1, 4)], f"Status {label} ({k})") for k, label in classes]
    legend.append(("#d9d9d9", "nicht eingestuft"))
    caption = f"Statusindex {ctx.jahr} je {ctx.bundle.main_level or 'Gebiet'}"
    svg = map_svg(ctx.geometry, colours, labels, caption)
    section = Section(f"Statusindex {ctx.jahr}", "statusindex")
    counts = pd.Series([c[1] for c in (_class_of(n) for n in now.values()) if c]).value_counts()
    section.blocks.append(
        generated(
            f"{ctx.jahr} sind {sum(counts)} von {len(areas)} Gebieten eingestuft: "
            + ", ".join(f"{n} mit Status „{k}“" for k, n in counts.items())
            + "."
        )
    )
    section.blocks.append(
        Block(
            "figure",
            figure=Figure(
                ctx.key("karte"),
                caption,
                source,
                stand,
                svg,
                f"Karte: {caption}.",
                legend,
                table,
                MapData(colours, labels),
            ),
        )
    )
    changed = Section("Gebiete, die die Klasse gewechselt haben", "klassenwechsel")
    if moved:
        changed.blocks.append(
            generated(
                f"{len(moved)} {'Gebiet hat' if len(moved) == 1 else 'Gebiete haben'} seit "
                f"{ctx.vergleichsjahr} die Statusklasse gewechselt:"
            )
        )
        changed.blocks.append(bullet_list(moved))
    else:
        changed.blocks.append(generated(f"Kein Gebiet hat seit {ctx.vergleichsjahr} die Statusklasse gewechselt."))
    chapter.sections.extend([section, changed])
    return chapter


def profile_level(ctx: Context) -> str:
    """`profil_ebene` of bericht.toml, else the data folder's main level (Gera: Bezirk)."""
    wanted = ctx.config.profil_ebene
    if wanted and wanted not in ctx.bundle.level_names:
        ctx.log.append(f"bericht.toml: Ebene „{wanted}“ gibt es nicht; Profile für „{ctx.home_level}“.")
        return ctx.home_level
    return wanted or ctx.home_level


def _inside(ctx: Context, gebiet: str) -> set[str]:
    """The map-level areas that make up `gebiet` (itself when it is on the map level)."""
    areas = ctx.bundle.areas
    if gebiet in set(areas["gebiet_id"]):
        return {gebiet}
    return {str(g) for g, p in zip(areas["gebiet_id"], areas["uebergeordnet"], strict=True) if p == gebiet}


def profiles(ctx: Context) -> list[Chapter]:
    level = profile_level(ctx)
    bundle = ctx.bundle.at_level(level)
    measures = ctx.bundle.plan.measures
    chapters = []
    for gebiet, name in zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True):
        chapters.append(_profile(ctx, bundle, str(gebiet), str(name), level, measures))
    return chapters


def _profile(ctx: Context, bundle, gebiet: str, name: str, level: str, measures: pd.DataFrame) -> Chapter:
    chapter = Chapter(f"gebiet-{gebiet}", f"{level} {gebiet}: {name}", profile=True)
    profile = profile_table(bundle, gebiet, ctx.jahr)
    profile = profile[~profile["indikator_id"].astype(str).str.startswith("sozialindex")] if len(profile) else profile
    population = profile[profile["indikator_id"] == "einwohner"] if len(profile) else profile
    if len(population) and not population["gesperrt"].iloc[0]:
        chapter.blocks.append(
            generated(
                f"{name} hatte {int(population['jahr'].iloc[0])} "
                f"{format_value(population['wert'].iloc[0], 'Einwohnerinnen und Einwohner', 0)}."
            )
        )
    inside = _inside(ctx, gebiet)
    if inside:
        colours = dict.fromkeys(inside, "#1f5f8b")
        svg = map_svg(
            ctx.geometry,
            colours,
            {g: n for g, n in zip(ctx.geometry["gebiet_id"], ctx.geometry["name"], strict=True)},
            f"Lage von {name}",
        )
        chapter.blocks.append(
            Block(
                "figure",
                figure=Figure(
                    ctx.key("karte"),
                    f"Lage von {name} in {ctx.bundle.settings.stadt_name}",
                    "Gebietsgrenzen des Datenordners",
                    str(ctx.jahr),
                    svg,
                    f"Karte: {name} ist dunkelblau hervorgehoben.",
                    [("#1f5f8b", name), ("#d9d9d9", "übrige Gebiete")],
                    None,
                    MapData(colours, dict.fromkeys(inside, name)),
                    small=True,
                ),
            )
        )
    chapter.blocks.extend(planner(ctx, f"gebiet-{gebiet}"))
    if profile.empty:
        chapter.blocks.append(Block("note", "Für dieses Gebiet werden keine Werte veröffentlicht (Geheimhaltung)."))
        return chapter
    strengths, challenges = strengths_and_challenges(profile, name)
    strong = Section("Stärken", f"staerken-{gebiet}")
    strong.blocks.append(
        bullet_list(strengths)
        if strengths
        else generated(f"Kein Indikator liegt in {name} deutlich günstiger als im Durchschnitt der Gebiete.")
    )
    weak = Section("Herausforderungen", f"herausforderungen-{gebiet}")
    weak.blocks.append(
        bullet_list(challenges)
        if challenges
        else generated(f"Kein Indikator liegt in {name} deutlich ungünstiger als im Durchschnitt der Gebiete.")
    )
    shown = display_table(profile)
    frame = pd.DataFrame(
        {
            "Indikator": shown["name"],
            "Einheit": shown["einheit"],
            "Jahr": shown["jahr"].astype(str),
            "Wert": shown["wert"],
            ctx.stadt: shown["stadt"],
            "Rang": shown["rang"],
            "Einordnung": shown["bewertung"],
        }
    )
    source, stand = ctx.source(profile["indikator_id"].tolist())
    table = Table(
        ctx.key("tabelle"),
        f"Alle Indikatoren: {name} und {ctx.stadt} (Rang 1 = günstigster Wert)",
        source,
        stand,
        frame,
        right=("Wert", ctx.stadt, "Rang"),
    )
    everything = Section("Alle Indikatoren", f"indikatoren-{gebiet}", [Block("table", table=table)])
    chapter.sections.extend([strong, weak, everything, _measures(ctx, gebiet, name, measures)])
    return chapter


def _measures(ctx: Context, gebiet: str, name: str, measures: pd.DataFrame) -> Section:
    section = Section("Maßnahmen des Sozialplans", f"massnahmen-{gebiet}")
    if measures.empty:
        section.blocks.append(Block("note", "Kein Sozialplan im Datenordner."))
        return section
    acting = measures_in_area(measures, gebiet)
    local = sort_by_id(acting[~acting["gesamtstaedtisch"]])
    citywide = int(acting["gesamtstaedtisch"].sum())
    section.blocks.append(
        generated(
            f"In {name} wirken {len(local)} Maßnahmen gezielt, dazu {citywide} gesamtstädtische Maßnahmen "
            "(im Kapitel Umsetzungsstand)."
        )
    )
    if len(local):
        frame = pd.DataFrame(
            {
                "Nr.": local["massnahme_id"],
                "Maßnahme": local["titel"],
                "Status": local["status"],
                "Fortschritt": [f"{format_number(v, 0)}\u00a0%" for v in local["fortschritt"]],
            }
        )
        section.blocks.append(
            Block(
                "table",
                table=Table(
                    ctx.key("tabelle"),
                    f"Maßnahmen in {name}",
                    "Sozialplanung (massnahmen.csv)",
                    format_date(max(local["stand"])),
                    frame,
                    right=("Fortschritt",),
                ),
            )
        )
    return section
