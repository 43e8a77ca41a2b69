"""Chapters on indicators: Gesamtstadt and one chapter per Handlungsfeld (map, ranking, trend and
what changed since the previous report)."""

from __future__ import annotations

import pandas as pd

from ..formatting import MINUS, format_number, format_value
from ..indicators import city_value, indicator_table
from ..mapview import MapOptions, map_summary, map_view
from ..polarity import Polarity
from ..sozialindex import INDEX_IDS
from .content_prognose import projection_section
from .context import Context, cell, direction, is_withheld, signed_cell, slug, unit_text
from .model import Block, Chapter, Figure, MapData, Section, Table, generated
from .svg import map_svg, trend_svg

PRINT_ROWS = 40  # longer tables show their first and last rows in print; the CSV has all


def indicators_of(ctx: Context) -> list[str]:
    return [i for i in ctx.bundle.catalogue.index if i not in INDEX_IDS]


def planner(ctx: Context, key: str) -> list[Block]:
    return [Block("planner", ctx.texts[key])] if key in ctx.texts else []


def gesamtstadt(ctx: Context) -> Chapter:
    """Key figures of the whole city in the report year and the comparison year."""
    chapter = Chapter("gesamtstadt", f"{ctx.bundle.settings.stadt_name} im Überblick", planner(ctx, "gesamtstadt"))
    chosen = list(ctx.config.kennzahlen) or indicators_of(ctx)
    unknown = [i for i in chosen if i not in ctx.bundle.catalogue.index]
    if unknown:
        ctx.log.append(f"bericht.toml: Kennzahl „{unknown[0]}“ gibt es im Indikatorenkatalog nicht; ausgelassen.")
    rows, better, worse, same = [], 0, 0, 0
    for indikator in [i for i in chosen if i in ctx.bundle.catalogue.index]:
        meta = ctx.meta(indikator)
        now = city_value(ctx.bundle.city, indikator, ctx.jahr)
        before = city_value(ctx.bundle.city, indikator, ctx.vergleichsjahr)
        if now is None and before is None:
            continue
        dec, unit = int(meta["dezimalstellen"]), str(meta["einheit"])
        change = now - before if now is not None and before is not None else None
        if change is not None and Polarity.of(meta["polaritaet"]).rated:
            if abs(change) < 1e-9:
                same += 1
            elif Polarity.of(meta["polaritaet"]).favourable(change):
                better += 1
            else:
                worse += 1
        rows.append(
            {
                "Kennzahl": str(meta["name"]),
                "Einheit": unit,
                str(ctx.vergleichsjahr): cell(before, dec),
                str(ctx.jahr): cell(now, dec),
                "Veränderung": signed_cell(change, unit_text(unit), dec),
                "Datenstand": str(meta["datenstand"]),
            }
        )
    source, stand = ctx.source(chosen)
    table = Table(
        ctx.key("tabelle"),
        f"Kennzahlen der Gesamtstadt {ctx.vergleichsjahr} und {ctx.jahr}",
        source,
        stand,
        pd.DataFrame(rows),
        right=(str(ctx.vergleichsjahr), str(ctx.jahr), "Veränderung"),
    )
    section = Section("Kennzahlen und Veränderung seit dem letzten Bericht", "kennzahlen")
    section.blocks.append(
        generated(
            f"Gegenüber dem letzten Bericht ({ctx.vergleichsjahr}) hat sich die Gesamtstadt bei {better} "
            f"{'Kennzahl' if better == 1 else 'Kennzahlen'} günstig und bei {worse} ungünstig entwickelt; "
            f"{same} {'blieb' if same == 1 else 'blieben'} unverändert. Kennzahlen ohne Richtung "
            "(z. B. Altersanteile) sind nicht mitgezählt."
        )
    )
    section.blocks.append(Block("table", table=table))
    chapter.sections.append(section)
    if "einwohner" in ctx.bundle.catalogue.index:
        chapter.sections.append(_population(ctx))
    if (prognose := projection_section(ctx)) is not None:  # only with an age structure in the folder
        chapter.sections.append(prognose)
    return chapter


def _population(ctx: Context) -> Section:
    meta = ctx.meta("einwohner")
    now = city_value(ctx.bundle.city, "einwohner", ctx.jahr)
    before = city_value(ctx.bundle.city, "einwohner", ctx.vergleichsjahr)
    section = Section("Bevölkerung", "bevoelkerung")
    if now is not None and before is not None:
        section.blocks.append(
            generated(
                f"{ctx.stadt} hatte {ctx.jahr} {format_value(now, 'Personen', 0)}; {ctx.vergleichsjahr} waren es "
                f"{format_value(before, 'Personen', 0)}. Die Zahl ist damit {direction(now - before, 'neutral')}"
                f"{'' if abs(now - before) < 1e-9 else ' (' + format_number(now - before, 0, minus=MINUS) + ')'}."
            )
        )
    section.blocks.extend(indicator_blocks(ctx, "einwohner", with_map=False))
    del meta
    return section


def field_chapters(ctx: Context) -> list[Chapter]:
    """One chapter per Handlungsfeld (or, without a plan, per theme of the catalogue)."""
    cat = ctx.bundle.catalogue[~ctx.bundle.catalogue.index.isin(INDEX_IDS)]
    fields = ctx.bundle.plan.fields
    chapters = []
    if len(fields):
        groups = [
            (str(f), str(n), cat.index[cat["handlungsfeld_id"].astype(str) == str(f)].tolist())
            for f, n in zip(fields["handlungsfeld_id"], fields["name"], strict=True)
        ]
        loose = cat.index[~cat["handlungsfeld_id"].astype(str).isin({g[0] for g in groups})].tolist()
        if loose:
            ctx.log.append(f"{len(loose)} Indikatoren ohne Handlungsfeld stehen im Kapitel „Weitere Indikatoren“.")
            groups.append(("weitere", "Weitere Indikatoren", loose))
    else:
        groups = [(slug(t), str(t), cat.index[cat["thema"] == t].tolist()) for t in dict.fromkeys(cat["thema"])]
        ctx.log.append("Kein Sozialplan (handlungsfelder.csv): Kapitel nach Themen des Indikatorenkatalogs.")
    for ident, name, indikatoren in groups:
        title = f"Handlungsfeld {ident}: {name}" if len(fields) and ident != "weitere" else name
        chapter = Chapter(f"handlungsfeld-{slug(ident)}", title, planner(ctx, f"handlungsfeld-{ident}"))
        description = fields.loc[fields["handlungsfeld_id"].astype(str) == ident, "beschreibung"] if len(fields) else []
        if len(description) and isinstance(description.iloc[0], str):
            chapter.blocks.insert(0, Block("text", description.iloc[0]))
        if not indikatoren:
            chapter.blocks.append(Block("note", "Diesem Handlungsfeld ist kein Indikator zugeordnet."))
        for indikator in indikatoren:
            section = Section(str(ctx.meta(indikator)["name"]), slug(indikator), new_page=False)
            section.blocks.extend(indicator_blocks(ctx, indikator))
            chapter.sections.append(section)
        chapters.append(chapter)
    return chapters


def indicator_blocks(ctx: Context, indikator: str, with_map: bool = True) -> list[Block]:
    """Map of the report year, ranking, trend against the city, and the change in sentences."""
    meta = ctx.meta(indikator)
    unit, dec, polarity = str(meta["einheit"]), int(meta["dezimalstellen"]), str(meta["polaritaet"])
    source, stand = ctx.source([indikator])
    bundle = ctx.bundle
    table = indicator_table(bundle.values, bundle.areas, bundle.city, bundle.catalogue, indikator, ctx.jahr)
    if table["wert"].notna().sum() == 0:
        return [Block("note", f"Für {ctx.jahr} liegen keine veröffentlichten Werte vor.")]
    blocks: list[Block] = []
    fmt = lambda v: format_value(v, unit, dec)  # noqa: E731
    blocks.append(generated(map_summary(table, str(meta["kurzname"]), fmt, "werte")))
    blocks.append(generated(_change_sentence(ctx, indikator, unit, dec, polarity)))
    ranking = _ranking(ctx, indikator, table, unit, dec, source, stand)
    if with_map:
        view = map_view(bundle, indikator, MapOptions("werte", ctx.jahr))
        colours = {
            str(g): view.classes.colours[c]
            for g, c in zip(view.table["gebiet_id"], view.classes.labels, strict=True)
            if c >= 0
        }
        labels = {
            str(g): f"{n}: {_label(v, a, unit, dec)}"
            for g, n, v, a in zip(
                view.table["gebiet_id"], view.table["name"], view.table["wert"], view.table["gesperrt"], strict=True
            )
        }
        legend = _legend(view.classes, dec, unit)
        caption = f"{meta['name']} {ctx.jahr} je {bundle.main_level or 'Gebiet'} ({unit})"
        svg = map_svg(ctx.geometry, colours, labels, caption)
        blocks.append(
            Block(
                "figure",
                figure=Figure(
                    ctx.key("karte"),
                    caption,
                    source,
                    stand,
                    svg,
                    f"Karte: {caption}. Die Werte stehen in der Tabelle darunter.",
                    legend,
                    ranking,
                    MapData(colours, labels),
                ),
            )
        )
    else:
        blocks.append(Block("table", table=ranking))
    blocks.append(_trend(ctx, indikator, dec, unit, source, stand))
    return blocks


def _label(value: object, withheld: object, unit: str, dec: int) -> str:
    if value is None or pd.isna(value):
        return "keine Angabe" if is_withheld(withheld) else "kein Wert"
    return format_value(float(value), unit, dec)


def _legend(classes, dec: int, unit: str) -> list[tuple[str, str]]:
    entries = []
    lower = classes.lower
    for colour, upper, count in zip(classes.colours, classes.bounds, classes.counts, strict=True):
        entries.append((colour, f"{format_number(lower, dec)} bis {format_number(upper, dec)} {unit} ({count})"))
        lower = upper
    entries.append(("#d9d9d9", "kein Wert oder keine Angabe"))
    return entries


def _change_sentence(ctx: Context, indikator: str, unit: str, dec: int, polarity: str) -> str:
    values = ctx.bundle.values
    rows = values[values["indikator_id"] == indikator]
    now = rows[rows["jahr"] == ctx.jahr].set_index("gebiet_id")["wert"]
    before = rows[rows["jahr"] == ctx.vergleichsjahr].set_index("gebiet_id")["wert"]
    change = (now - before).dropna()
    city_now = city_value(ctx.bundle.city, indikator, ctx.jahr)
    city_before = city_value(ctx.bundle.city, indikator, ctx.vergleichsjahr)
    if city_now is not None and city_before is not None:
        diff = city_now - city_before
        city = (
            f"Seit dem letzten Bericht ({ctx.vergleichsjahr}) ist der Wert der Gesamtstadt von "
            f"{format_value(city_before, unit, dec)} auf {format_value(city_now, unit, dec)} "
            f"{direction(diff, polarity)}."
        )
    else:
        city = f"Für die Gesamtstadt ist kein Vergleich mit {ctx.vergleichsjahr} möglich."
    if change.empty:
        return city + f" Für die einzelnen Gebiete liegt kein Vergleich mit {ctx.vergleichsjahr} vor."
    up, down = int((change > 1e-9).sum()), int((change < -1e-9).sum())
    flat = len(change) - up - down
    missing = len(ctx.bundle.areas) - len(change)
    tail = f"; für {missing} ohne Vergleichswert" if missing else ""
    return (
        f"{city} In {up} {'Gebiet' if up == 1 else 'Gebieten'} ist der Wert gestiegen, in {down} gesunken, "
        f"in {flat} unverändert{tail}."
    )


def _ranking(ctx: Context, indikator: str, table: pd.DataFrame, unit: str, dec: int, source: str, stand: str) -> Table:
    values = ctx.bundle.values
    earlier = values[(values["indikator_id"] == indikator) & (values["jahr"] == ctx.vergleichsjahr)]
    before = dict(zip(earlier["gebiet_id"], earlier["wert"], strict=True))
    before_locked = dict(zip(earlier["gebiet_id"], earlier["gesperrt"], strict=True))
    ordered = table.sort_values(["rang", "name"], na_position="last")
    frame = pd.DataFrame(
        {
            "Rang": [str(r) if pd.notna(r) else "–" for r in ordered["rang"]],
            "Gebiet": [f"{g} {n}" for g, n in zip(ordered["gebiet_id"], ordered["name"], strict=True)],
            str(ctx.jahr): [cell(v, dec, w) for v, w in zip(ordered["wert"], ordered["gesperrt"], strict=True)],
            str(ctx.vergleichsjahr): [cell(before.get(g), dec, before_locked.get(g)) for g in ordered["gebiet_id"]],
            f"Abstand zur Stadt ({unit_text(unit)})": [signed_cell(d, "", dec).strip() for d in ordered["differenz"]],
        }
    )
    name = str(ctx.meta(indikator)["name"])
    polarity = str(ctx.meta(indikator)["polaritaet"])
    order = "Rang 1 = günstigster Wert" if polarity != "neutral" else "ohne Wertung, absteigend"
    return Table(
        ctx.key("tabelle"),
        f"Rangfolge: {name} {ctx.jahr} ({unit}; {order})",
        source,
        stand,
        frame,
        right=(str(ctx.jahr), str(ctx.vergleichsjahr), frame.columns[-1]),
    )


def _trend(ctx: Context, indikator: str, dec: int, unit: str, source: str, stand: str) -> Block:
    values = ctx.bundle.values
    rows = values[(values["indikator_id"] == indikator) & (values["jahr"] <= ctx.jahr)]
    names = dict(zip(ctx.bundle.areas["gebiet_id"], ctx.bundle.areas["name"], strict=True))
    series = {
        names.get(g, g): [(int(y), float(v)) for y, v in zip(grp["jahr"], grp["wert"], strict=True) if pd.notna(v)]
        for g, grp in rows.sort_values("jahr").groupby("gebiet_id")
    }
    town = ctx.bundle.city[(ctx.bundle.city["indikator_id"] == indikator) & (ctx.bundle.city["jahr"] <= ctx.jahr)]
    city = [
        (int(y), float(v))
        for y, v in zip(town.sort_values("jahr")["jahr"], town.sort_values("jahr")["wert"], strict=True)
    ]
    name = str(ctx.meta(indikator)["name"])
    caption = f"Entwicklung: {name} ({unit}), {ctx.stadt} (schwarz) und Gebiete (hellblau)"
    svg = trend_svg(series, city, caption, dec, ctx.stadt)
    years = sorted({int(y) for y in rows["jahr"]} | {y for y, _ in city})
    wide = rows.pivot_table(index="gebiet_id", columns="jahr", values="wert", aggfunc="first", dropna=False)
    locked = rows.assign(gesperrt=rows["gesperrt"].astype(float))
    notes = (
        locked.pivot_table(index="gebiet_id", columns="jahr", values="gesperrt", aggfunc="max", dropna=False)
        if bool(rows["gesperrt"].any())
        else None
    )
    records = [{"Gebiet": ctx.stadt, **{str(y): cell(dict(city).get(y), dec) for y in years}}]
    for gebiet in wide.index:
        records.append(
            {
                "Gebiet": f"{gebiet} {names.get(gebiet, gebiet)}",
                **{
                    str(y): cell(
                        wide.at[gebiet, y] if y in wide.columns else None,
                        dec,
                        notes.at[gebiet, y]
                        if notes is not None and y in notes.columns and gebiet in notes.index
                        else None,
                    )
                    for y in years
                },
            }
        )
    table = Table(
        ctx.key("tabelle"),
        f"Tabelle zur Abbildung: {name} ({unit}) je Jahr",
        source,
        stand,
        pd.DataFrame(records),
        right=tuple(str(y) for y in years),
    )
    figure = Figure(
        ctx.key("abbildung"),
        caption,
        source,
        stand,
        svg,
        f"Liniendiagramm: {caption}. Die Werte stehen in der Tabelle zur Abbildung.",
        table=table,
    )
    return Block("figure", figure=figure)
