"""Plausibility checks of the loaded tables that protect what is published: a level structure that
went missing, and counts that cannot be negative."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from .report import Report

BALANCE_WORDS = ("saldo", "veränderung", "veraenderung", "differenz")


def is_count(meta: pd.Series) -> bool:
    """A count that cannot be negative: summed, and not a balance (Wanderungssaldo, Veränderung …)."""
    text = f"{meta['indikator_id']} {meta['name']}".lower()
    return meta["aggregation"] == "summe" and not any(word in text for word in BALANCE_WORDS)


def negative_count(row: pd.Series, share: bool, count: bool) -> str | None:
    """The first column holding a negative count: case numbers and denominators always count people or
    households; the value of a count indicator and the numerator of a share too (a balance such as the
    migration balance is a rate that may be negative, with its numerator)."""
    columns = ["fallzahl", "nenner"] + (["wert"] if count else []) + (["zaehler"] if share or count else [])
    return next((c for c in columns if c in row and pd.notna(row[c]) and row[c] < 0), None)


def check_structure(areas: gpd.GeoDataFrame, file: str, report: Report) -> gpd.GeoDataFrame:
    """Several undated levels but not one parent link: the hierarchy was lost (e.g. a Shapefile cut
    `uebergeordnet`), and with it the sums that protect small areas. Only the first level is kept."""
    level = areas["ebene"].fillna("").astype(str)
    dated = areas["gueltig_ab"].notna() | areas["gueltig_bis"].notna()
    undated = list(dict.fromkeys(level[~dated]))
    if len(undated) < 2 or areas["uebergeordnet"].fillna("").astype(str).ne("").any():
        return areas
    report.error(
        file,
        f"Mehrere Ebenen ({', '.join(undated)}), aber kein Gebiet nennt ein übergeordnetes Gebiet: die "
        f"Ebenenstruktur fehlt. Angezeigt wird nur „{undated[0]}“. Erwartet: Spalte „uebergeordnet“ (im Shapefile "
        "„uebergeord“) mit der gebiet_id des übergeordneten Gebiets, oder eine Zuordnung unter [daten] spalten.",
        column="uebergeordnet",
    )
    return areas[dated | level.eq(undated[0])]
