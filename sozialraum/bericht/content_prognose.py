"""Sozialbericht: the population projection of the city, if the data folder has an age structure."""

from __future__ import annotations

import pandas as pd

from ..confidentiality import SIGN
from ..formatting import format_number
from ..prognose.bundle import bundle_parents, withheld_projection
from ..prognose.data import AGE_FILE
from ..prognose.view import shown_features
from ..schemas import CITY_ID
from .context import Context
from .model import Block, Section, Table, generated

HORIZONS = (5, 10, 15)


def projection_section(ctx: Context) -> Section | None:
    """City figures in the launch year and 5, 10, 15 years on (default scenario); None without a projection."""
    settings = ctx.bundle.settings
    found = withheld_projection(
        ctx.bundle.folder, bundle_parents(ctx.bundle), settings.min_fallzahl, settings.min_einwohner
    )
    if found is None:
        return None
    projection, table = found
    scenario = projection.config.scenario()
    launch = projection.years[0]
    years = [launch, *dict.fromkeys(min(launch + h, projection.years[-1]) for h in HORIZONS)]
    features = shown_features(projection)
    city = table[(table["gebiet_id"] == CITY_ID) & (table["szenario"] == scenario.key)]
    value = {(m, int(j)): a for m, j, a in zip(city["merkmal"], city["jahr"], city["anzahl"], strict=True)}
    rows = []
    for key, name in features.items():
        cells = [_cell(value.get((key, year))) for year in years]
        rows.append({"Merkmal": name, **{_heading(y, launch): c for y, c in zip(years, cells, strict=True)}})
    base = f"{projection.base[0]}–{projection.base[1]}"
    source = f"eigene Berechnung aus {AGE_FILE} ({projection.method}), Szenario „{scenario.name}“, Basisjahre {base}"
    frame = pd.DataFrame(rows)
    caption = f"Bevölkerungsprognose {ctx.stadt} bis {years[-1]} (Personen; Prognose, Szenario „{scenario.name}“)"
    section = Section("Bevölkerungsprognose", "bevoelkerungsprognose")
    section.blocks.append(generated(_sentence(ctx.stadt, value, launch, years[-1], scenario.name, base)))
    section.blocks.append(
        Block(
            "table",
            table=Table(ctx.key("tabelle"), caption, source, f"31.12.{launch}", frame, right=tuple(frame.columns[1:])),
        )
    )
    return section


def _heading(year: int, launch: int) -> str:
    return f"{year} (beobachtet)" if year == launch else f"{year} (Prognose)"


def _cell(value: float | None) -> str:
    return SIGN if value is None or pd.isna(value) else format_number(float(value), 0)


def _sentence(stadt: str, value: dict, launch: int, last: int, scenario: str, base: str) -> str:
    start, end = value.get(("gesamt", launch)), value.get(("gesamt", last))
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return f"Für {stadt} ist keine Prognose der Einwohnerzahl ausweisbar (Geheimhaltung)."
    diff = float(end) - float(start)
    change = (
        f"gleich viele wie {launch}"
        if diff == 0
        else f"{format_number(abs(diff), 0)} {'mehr' if diff > 0 else 'weniger'} als {launch}"
    )
    return (
        f"Prognose (Szenario „{scenario}“, Basisjahre {base}): In {stadt} leben {last} voraussichtlich "
        f"{format_number(float(end), 0)} Menschen, {change} ({format_number(float(start), 0)}). "
        "Die Prognose schreibt die Entwicklung der Basisjahre fort; sie ist keine Messung."
    )
