"""The Sozialraum profile (Steckbrief): every indicator of one area against the city."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .formatting import format_signed, format_value
from .indicators import city_value

BETTER, WORSE, SIMILAR, NEUTRAL = "günstiger", "ungünstiger", "ähnlich", "neutral"


def _latest_year(values: pd.DataFrame, indikator: str, jahr: int) -> int | None:
    years = values.loc[
        (values["indikator_id"] == indikator) & (values["jahr"] <= jahr) & values["wert"].notna(), "jahr"
    ]
    return int(years.max()) if len(years) else None


def profile_table(bundle, gebiet: str, jahr: int, band: float = 0.5) -> pd.DataFrame:  # noqa: ANN001
    """One row per indicator for `gebiet` in `jahr` (or the latest earlier year with data).

    `z` is the area's z-score among all areas; `z_gut` the same turned so that positive
    always means "better than average" (polarity-aware); within ±`band` it counts as similar.
    """
    rows = []
    values = bundle.values
    for indikator, meta in bundle.catalogue.iterrows():
        year = _latest_year(values, indikator, jahr)
        if year is None:
            continue
        same = values[(values["indikator_id"] == indikator) & (values["jahr"] == year)].set_index("gebiet_id")["wert"]
        same = same.dropna().astype(float)
        if gebiet not in same.index:
            continue
        value = float(same[gebiet])
        std = float(same.std(ddof=0))
        z = (value - float(same.mean())) / std if std > 0 else 0.0
        sign = {"hoeher_besser": 1, "hoeher_schlechter": -1}.get(meta["polaritaet"], 0)
        ascending = meta["polaritaet"] == "hoeher_schlechter"
        rank = int(same.rank(ascending=ascending, method="min")[gebiet]) if sign else None
        rows.append(
            {
                "indikator_id": indikator,
                "thema": meta["thema"],
                "name": meta["name"],
                "kurzname": meta["kurzname"],
                "einheit": meta["einheit"],
                "dezimalstellen": int(meta["dezimalstellen"]),
                "jahr": year,
                "wert": value,
                "stadt": city_value(bundle.city, indikator, year),
                "rang": rank,
                "anzahl": len(same),
                "z": z,
                "z_gut": z * sign if sign else np.nan,
                "bewertung": _judge(z * sign, band) if sign else NEUTRAL,
                "veraenderung": _change(values, indikator, gebiet, year),
                "polaritaet": meta["polaritaet"],
            }
        )
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["rang"] = frame["rang"].astype("Int64")
    return frame


def display_table(profile: pd.DataFrame) -> pd.DataFrame:
    """The profile as text for people: each value with its own indicator's decimals."""
    from .formatting import format_number

    def fmt(column: str) -> list[str]:
        return [format_number(v, d) for v, d in zip(profile[column], profile["dezimalstellen"], strict=True)]

    return pd.DataFrame(
        {
            "thema": profile["thema"],
            "name": profile["name"],
            "einheit": profile["einheit"],
            "jahr": profile["jahr"],
            "wert": fmt("wert"),
            "stadt": fmt("stadt"),
            "rang": [
                f"{r} von {n}" if pd.notna(r) else "–" for r, n in zip(profile["rang"], profile["anzahl"], strict=True)
            ],
            "bewertung": profile["bewertung"],
            "trend": [trend_arrow(c, p) for c, p in zip(profile["veraenderung"], profile["polaritaet"], strict=True)],
        }
    )


def _judge(z_good: float, band: float) -> str:
    if z_good > band:
        return BETTER
    if z_good < -band:
        return WORSE
    return SIMILAR


def _change(values: pd.DataFrame, indikator: str, gebiet: str, year: int) -> float:
    """Change to the previous year with a value (NaN if none)."""
    series = values[(values["indikator_id"] == indikator) & (values["gebiet_id"] == gebiet) & values["wert"].notna()]
    earlier = series[series["jahr"] < year].sort_values("jahr")
    now = series[series["jahr"] == year]
    if earlier.empty or now.empty:
        return float("nan")
    return float(now["wert"].iloc[0]) - float(earlier["wert"].iloc[-1])


def trend_arrow(change: float, polarity: str) -> str:
    """↑/↓/→ with a word, so the direction is not told by colour alone."""
    if pd.isna(change) or abs(change) < 1e-9:
        return "→ unverändert"
    arrow = "↑ gestiegen" if change > 0 else "↓ gesunken"
    good = (change > 0) == (polarity == "hoeher_besser")
    if polarity == "neutral":
        return arrow
    return f"{arrow} ({'günstig' if good else 'ungünstig'})"


def strengths_and_challenges(profile: pd.DataFrame, area_name: str, n: int = 3) -> tuple[list[str], list[str]]:
    """Plain-German sentences: the area's best and worst standing indicators relative to the city."""
    rated = profile.dropna(subset=["z_gut"])
    strengths = rated[rated["bewertung"] == BETTER].sort_values("z_gut", ascending=False).head(n)
    challenges = rated[rated["bewertung"] == WORSE].sort_values("z_gut").head(n)
    return (
        [_sentence(row, area_name) for _, row in strengths.iterrows()],
        [_sentence(row, area_name) for _, row in challenges.iterrows()],
    )


def _sentence(row: pd.Series, area_name: str) -> str:
    unit, dec = str(row["einheit"]), int(row["dezimalstellen"])
    rank = f"Rang {int(row['rang'])} von {int(row['anzahl'])}, {int(row['jahr'])}"
    value = format_value(row["wert"], unit, dec)
    if row["stadt"] is None or pd.isna(row["stadt"]):
        return f"{row['name']}: {value} in {area_name} ({rank})."
    diff = format_signed(row["wert"] - row["stadt"], unit, dec)
    city = format_value(row["stadt"], unit, dec)
    return f"{row['name']}: {value} in {area_name} gegenüber {city} in der Gesamtstadt ({diff}; {rank})."
