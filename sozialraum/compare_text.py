"""Plain-language sentences about the comparisons between areas (pure, no streamlit): ranking, side by side,
correlation and overview matrix. One template per language (`sozialraum.i18n.Translator`, German by default),
true for every sign and tie; the numbers are formatted by the translator."""

from __future__ import annotations

import pandas as pd

from .compare_areas import BETTER, REFERENCE_MEAN, SIMILAR, WORSE, Correlation
from .compare_base import MINUS, polarity_sign
from .formatting import NBSP, format_number, format_value


def ranking_summary(ranked: pd.DataFrame, name: str, unit: str, decimals: int, polarity: str, city_name: str) -> str:
    present = ranked.dropna(subset=["wert"])
    if present.empty:
        return f"Für {name} liegen in diesem Jahr keine Werte vor."
    first, last = present.iloc[0], present.iloc[-1]
    sign = polarity_sign(polarity)
    best, worst = ("günstigsten", "ungünstigsten") if sign else ("höchsten", "niedrigsten")
    text = (
        f"Den {best} Wert hat {first['name']} ({format_value(first['wert'], unit, decimals)}), "
        f"den {worst} {last['name']} ({format_value(last['wert'], unit, decimals)})"
    )
    reference = present["stadt"].iloc[0]
    if pd.isna(reference):
        return text + "."
    above = int((present["wert"] > reference).sum())
    return (
        text + f"; {above} von {len(present)} Gebieten liegen über dem Wert von {city_name} "
        f"({format_value(reference, unit, decimals)})."
    )


def side_by_side_summary(long: pd.DataFrame, names: dict[str, str]) -> str:
    """Which chosen area is more often more favourable than the city."""
    rated = long[long["bewertung"].isin(["günstiger", "ungünstiger"])]
    if rated.empty:
        return "Für die gewählten Indikatoren gibt es keinen bewertbaren Vergleich mit der Gesamtstadt."
    counts = rated.groupby("gebiet_id")["bewertung"].value_counts().unstack(fill_value=0)
    parts = []
    for gebiet in dict.fromkeys(long["gebiet_id"]):
        if gebiet not in counts.index:
            continue
        better = int(counts.loc[gebiet].get("günstiger", 0))
        worse = int(counts.loc[gebiet].get("ungünstiger", 0))
        parts.append(f"{names.get(gebiet, gebiet)} {better} günstiger, {worse} ungünstiger")
    total = rated["indikator_id"].nunique()
    noun = "bewertbaren Indikator" if total == 1 else "bewertbaren Indikatoren"
    return f"Gegenüber der Gesamtstadt bei {total} {noun}: " + "; ".join(parts) + "."


def correlation_strength(r: float) -> str:
    """Cohen's conventions: |r| < 0,1 none worth mentioning, < 0,3 weak, < 0,5 moderate, from 0,5 strong."""
    size = abs(r)
    if size < 0.1:
        return "kein nennenswerter"
    if size < 0.3:
        return "schwacher"
    if size < 0.5:
        return "mittlerer"
    return "starker"


def format_r(r: float) -> str:
    return format_number(r, 2).replace("-", MINUS)


CAUSATION_NOTE = (
    "Ein Zusammenhang ist kein Beleg für eine Ursache: Beide Werte können von Dritten abhängen, "
    "und er beschreibt Gebiete, nicht einzelne Menschen."
)


def correlation_reading(corr: Correlation, x_name: str, y_name: str) -> str:
    """Plain German, e.g. 'r = 0,82 bei 12 Gebieten: starker positiver Zusammenhang – …'."""
    if not corr.valid:
        return (
            f"Ein Korrelationskoeffizient lässt sich nicht berechnen: dafür braucht es mindestens 3 Gebiete "
            f"mit beiden Werten, die sich unterscheiden (vorhanden: {corr.n})."
        )
    strength = correlation_strength(corr.r)
    head = f"r = {format_r(corr.r)} bei {corr.n} Gebieten: "
    if strength == "kein nennenswerter":
        return head + f"kein nennenswerter Zusammenhang zwischen {x_name} und {y_name}. {CAUSATION_NOTE}"
    positive = corr.r > 0
    direction = "positiver" if positive else "negativer"
    tendency = "auch einen höheren" if positive else "einen niedrigeren"
    return (
        head + f"{strength} {direction} Zusammenhang. Gebiete mit einem höheren Wert bei „{x_name}“ haben "
        f"tendenziell {tendency} Wert bei „{y_name}“. {CAUSATION_NOTE}"
    )


def matrix_summary(matrix: pd.DataFrame, city_name: str) -> str:
    """Which area has the most unfavourable and which the most favourable cells."""
    rated = matrix[matrix["klasse"].isin([BETTER, SIMILAR, WORSE])]
    if rated.empty:
        return "Keiner der gewählten Indikatoren lässt sich bewerten (neutral oder ohne Werte)."
    n_ind = rated["indikator_id"].nunique()
    counts = (
        rated.groupby("name")["klasse"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=[BETTER, SIMILAR, WORSE], fill_value=0)
    )
    worst = counts.sort_values([WORSE, BETTER], ascending=[False, True]).index[0]
    best = counts.sort_values([BETTER, WORSE], ascending=[False, True]).index[0]
    share_worse = format_number(100 * counts[WORSE].sum() / counts.to_numpy().sum(), 0)
    kinds = set(rated["referenz_art"])
    reference = "das Mittel der Gebiete" if kinds == {REFERENCE_MEAN} else city_name
    note = (
        " Wo kein vergleichbarer Gesamtstadtwert vorliegt, ist das Mittel der Gebiete der Vergleichswert."
        if len(kinds) > 1
        else ""
    )
    return (
        f"Bei {n_ind} bewerteten Indikatoren liegt {worst} am häufigsten ungünstiger als {reference} "
        f"({int(counts.at[worst, WORSE])}-mal), {best} am häufigsten günstiger ({int(counts.at[best, BETTER])}-mal); "
        f"insgesamt sind {share_worse}{NBSP}% der Zellen ungünstiger.{note}"
    )
