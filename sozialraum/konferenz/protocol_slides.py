"""What the room saw on each slide, as tables of text for the protocol (Markdown and PDF).

A list slide shows five rows and promises the rest in the protocol; a chart shows values the room
read off bars and lines. The protocol carries them in full: every row behind a list slide, every
value behind a map, comparison or trend chart (the same, already withheld values the slide drew).
"""

from __future__ import annotations

import pandas as pd

from ..formatting import format_value
from .slides import SlideContent

THIS_AREA = " (dieser Sozialraum)"


def slide_tables(content: SlideContent, cards: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """(caption, table of strings) for one shown slide; empty when the figures already say everything."""
    data = content.data
    if content.art in ("karte", "vergleich") and "ranked" in data:
        return [(f"Alle Werte der Gebiete ({data['unit']})", _values(data))]
    if content.art == "entwicklung" and "trend" in data:
        return [(f"Werte je Jahr ({data['unit']})", _trend(data))]
    if content.art in ("massnahmen", "aenderungen"):
        table = data.get("table", pd.DataFrame())
        if not table.empty:
            return [(f"Vollständige Liste ({len(table)})", table.astype(str).reset_index(drop=True))]
    if content.art == "erfassung" and not cards.empty:
        mine = cards[cards["folie"] == content.number]
        if len(mine):
            frame = pd.DataFrame({"Art": mine["art_text"].astype(str), "Karte": mine["text"].astype(str)})
            return [(f"Auf dieser Folie erfasste Karten ({len(mine)})", frame.reset_index(drop=True))]
    return []


def _values(data: dict) -> pd.DataFrame:
    """Every area of the map or comparison, in ranking order, with rank and value; the city last."""
    ranked: pd.DataFrame = data["ranked"]
    unit, decimals = data["unit"], data["decimals"]
    names = [n + (THIS_AREA if h else "") for n, h in zip(ranked["name"], ranked["hervorgehoben"], strict=True)]
    frame = pd.DataFrame(
        {
            "Rang": [str(int(r)) if pd.notna(r) else "–" for r in ranked["rang"]],
            "Gebiet": names,
            "Wert": [format_value(v, unit, decimals) if pd.notna(v) else "kein Wert" for v in ranked["wert"]],
        }
    )
    if not data.get("polar", True):
        frame = frame.drop(columns="Rang")
    reference = data.get("reference")
    if reference is not None and pd.notna(reference):
        city = {"Rang": "", "Gebiet": data["city_name"], "Wert": format_value(reference, unit, decimals)}
        frame = pd.concat([frame, pd.DataFrame([{k: v for k, v in city.items() if k in frame.columns}])])
    return frame.reset_index(drop=True)


def _trend(data: dict) -> pd.DataFrame:
    """One row per year: the conference's area and the city side by side."""
    trend: pd.DataFrame = data["trend"].dropna(subset=["wert"])
    names: dict[str, str] = data["names"]
    unit, decimals = data["unit"], data["decimals"]
    wide = trend.pivot_table(index="jahr", columns="gebiet_id", values="wert", aggfunc="first")
    frame = pd.DataFrame({"Jahr": [str(int(j)) for j in wide.index]})
    for gebiet, name in names.items():
        column = wide[gebiet] if gebiet in wide.columns else pd.Series(index=wide.index, dtype=float)
        frame[name] = [format_value(v, unit, decimals) if pd.notna(v) else "kein Wert" for v in column]
    return frame
