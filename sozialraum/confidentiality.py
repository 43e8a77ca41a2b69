"""Statistical confidentiality, applied once while loading, before any page sees the data.

Primary suppression: a value whose case count (`fallzahl`) is below the indicator's minimum,
or that belongs to an area with fewer inhabitants than the minimum, is withheld: value,
numerator, denominator and case count are blanked and the note says why. Secondary
suppression (so a withheld cell cannot be recovered by subtraction) is not done yet.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from .settings import Settings

NOTE_CASES = "Geheimhaltung: Fallzahl zu klein"
NOTE_POPULATION = "Geheimhaltung: zu wenige Einwohner"
SUPPRESSED_COLUMNS = ["wert", "fallzahl", "zaehler", "nenner"]


def suppress_small_cells(
    values: pd.DataFrame, areas: gpd.GeoDataFrame, catalogue: pd.DataFrame, settings: Settings
) -> pd.DataFrame:
    """Copy of `values` with small cells withheld; column `gesperrt` marks them."""
    values = values.copy()
    minimum = values["indikator_id"].map(catalogue["min_fallzahl"]).astype("Float64").fillna(settings.min_fallzahl)
    small_cases = values["fallzahl"].notna() & (values["fallzahl"] < minimum)
    population = dict(zip(areas["gebiet_id"], areas["einwohner"], strict=True))
    inhabitants = values["gebiet_id"].map(population).astype("Float64")
    small_area = inhabitants.notna() & (inhabitants < settings.min_einwohner)
    values["gesperrt"] = (small_cases | small_area).fillna(False).astype(bool)
    for column in SUPPRESSED_COLUMNS:
        values[column] = values[column].mask(values["gesperrt"])
    values["anmerkung"] = values["anmerkung"].astype("object")
    values.loc[small_cases.fillna(False).astype(bool), "anmerkung"] = NOTE_CASES
    values.loc[small_area.fillna(False).astype(bool), "anmerkung"] = NOTE_POPULATION
    return values.reset_index(drop=True)
