"""Indicators of the catalogue that the projection covers, and their projected values (no streamlit).

An indicator is covered when it is a count of one projected figure (``einwohner`` = total) or a
share of two (``anteil_65plus`` = persons 65+ per 100 inhabitants). Default mapping below; a
folder sets its own in ``prognose.toml`` under ``[indikatoren]`` (``id = "merkmal"`` or
``id = ["zähler", "nenner"]``). Values come from the table after withholding, so a withheld count
leaves a gap, never a number.
"""

from __future__ import annotations

import pandas as pd

from .config import DEFAULT_INDICATORS

__all__ = ["DEFAULT_INDICATORS", "covered", "projected_values"]


def covered(mapping: dict[str, tuple[str, str | None]], table: pd.DataFrame, indikator: str) -> bool:
    """Whether ``indikator`` maps to figures that the projection table holds."""
    if indikator not in mapping:
        return False
    present = set(table["merkmal"].unique())
    numerator, denominator = mapping[indikator]
    return numerator in present and (denominator is None or denominator in present)


def projected_values(
    table: pd.DataFrame,
    mapping: dict[str, tuple[str, str | None]],
    indikator: str,
    szenario: str,
    gebiete: list[str] | None = None,
) -> pd.DataFrame:
    """gebiet_id, jahr, wert of ``indikator`` in the projected years (launch year included).

    Shares are numerator / denominator × 100 of the projected counts, per area and year (never a
    mean of area shares). ``gebiete`` limits the areas; NaN where a count is withheld.
    """
    numerator, denominator = mapping[indikator]
    rows = table[(table["szenario"] == szenario) & (table["art"] != "beobachtet")]
    if gebiete is not None:
        rows = rows[rows["gebiet_id"].isin(gebiete)]
    wide = rows.set_index(["gebiet_id", "jahr", "merkmal"])["anzahl"].unstack("merkmal")
    values = wide[numerator].astype(float)
    if denominator is not None:
        below = wide[denominator].astype(float)
        values = (values / below.where(below > 0)) * 100
    out = values.rename("wert").reset_index()
    return out.sort_values(["gebiet_id", "jahr"], kind="stable").reset_index(drop=True)
