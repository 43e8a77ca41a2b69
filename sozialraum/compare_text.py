"""Plain-language sentences about the comparisons between areas (pure, no streamlit): ranking, side by side,
correlation and overview matrix.

One whole template per language and case (`sozialraum.i18n.Translator`, German when none is given), never
glued fragments, so each language can order its words itself; every template is true for every sign and
tie. German and Leichte Sprache numbers are written as before (`sozialraum.formatting`), the other languages
per locale (`Translator.value`).
"""

from __future__ import annotations

import pandas as pd

from .compare_areas import BETTER, REFERENCE_MEAN, SIMILAR, WORSE, Correlation
from .compare_base import MINUS, polarity_sign
from .formatting import format_number, format_value
from .i18n import N_, Translator


def _german(t: Translator) -> bool:
    return t.language.locale.startswith("de")


def _value(t: Translator, amount: float, unit: str, decimals: int) -> str:
    """A value with its unit: German as in the tables (`format_value`), other languages per locale."""
    return format_value(amount, unit, decimals) if _german(t) else t.value(amount, unit, decimals)  # isolated in RTL


def _isolated(t: Translator, text: object) -> str:
    """In a right-to-left sentence, a German name or a number with its unit kept as one left-to-right run
    (Unicode first-strong isolate), so '(2.1 %)' does not turn into '(% 2.1)'."""
    return f"\u2068{text}\u2069" if t.language.direction == "rtl" else str(text)


def _count(t: Translator, count: int) -> str:
    """A count: German as before (no grouping, as `str`), the other languages per locale."""
    return str(count) if _german(t) else t.number(count)


def ranking_summary(
    ranked: pd.DataFrame,
    name: str,
    unit: str,
    decimals: int,
    polarity: str,
    city_name: str,
    t: Translator | None = None,
) -> str:
    """Who has the most favourable (neutral: highest) and the least favourable value, and how many areas
    lie above the city."""
    t = t or Translator("de")
    present = ranked.dropna(subset=["wert"])
    if present.empty:
        return t("Für {name} liegen in diesem Jahr keine Werte vor.", name=name)
    first, last = present.iloc[0], present.iloc[-1]
    values = {
        "erstes": _isolated(t, first["name"]),
        "erster_wert": _value(t, first["wert"], unit, decimals),
        "letztes": _isolated(t, last["name"]),
        "letzter_wert": _value(t, last["wert"], unit, decimals),
    }
    reference = present["stadt"].iloc[0]
    rated = bool(polarity_sign(polarity))
    if pd.isna(reference):
        if rated:
            return t(
                "Den günstigsten Wert hat {erstes} ({erster_wert}), den ungünstigsten {letztes} ({letzter_wert}).",
                **values,
            )
        return t(
            "Den höchsten Wert hat {erstes} ({erster_wert}), den niedrigsten {letztes} ({letzter_wert}).", **values
        )
    values |= {
        "ueber": _count(t, int((present["wert"] > reference).sum())),
        "anzahl": _count(t, len(present)),
        "stadt": _isolated(t, city_name),
        "stadtwert": _value(t, reference, unit, decimals),
    }
    if rated:
        return t(
            "Den günstigsten Wert hat {erstes} ({erster_wert}), den ungünstigsten {letztes} ({letzter_wert}); "
            "{ueber} von {anzahl} Gebieten liegen über dem Wert von {stadt} ({stadtwert}).",
            **values,
        )
    return t(
        "Den höchsten Wert hat {erstes} ({erster_wert}), den niedrigsten {letztes} ({letzter_wert}); "
        "{ueber} von {anzahl} Gebieten liegen über dem Wert von {stadt} ({stadtwert}).",
        **values,
    )


def side_by_side_summary(long: pd.DataFrame, names: dict[str, str], t: Translator | None = None) -> str:
    """Which chosen area is more often more favourable than the city."""
    t = t or Translator("de")
    rated = long[long["bewertung"].isin(["günstiger", "ungünstiger"])]
    if rated.empty:
        return t("Für die gewählten Indikatoren gibt es keinen bewertbaren Vergleich mit der Gesamtstadt.")
    counts = rated.groupby("gebiet_id")["bewertung"].value_counts().unstack(fill_value=0)
    parts = []
    for gebiet in dict.fromkeys(long["gebiet_id"]):
        if gebiet not in counts.index:
            continue
        better = int(counts.loc[gebiet].get("günstiger", 0))
        worse = int(counts.loc[gebiet].get("ungünstiger", 0))
        parts.append(
            t(
                "{gebiet} {guenstiger} günstiger, {unguenstiger} ungünstiger",
                gebiet=_isolated(t, names.get(gebiet, gebiet)),
                guenstiger=_count(t, better),
                unguenstiger=_count(t, worse),
            )
        )
    total = rated["indikator_id"].nunique()
    listed = t("; ").join(parts)
    if total == 1:
        return t(
            "Gegenüber der Gesamtstadt bei {anzahl} bewertbaren Indikator: {teile}.",
            anzahl=_count(t, total),
            teile=listed,
        )
    return t(
        "Gegenüber der Gesamtstadt bei {anzahl} bewertbaren Indikatoren: {teile}.",
        anzahl=_count(t, total),
        teile=listed,
    )


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


CAUSATION_NOTE = N_(
    "Ein Zusammenhang ist kein Beleg für eine Ursache: Beide Werte können von Dritten abhängen, "
    "und er beschreibt Gebiete, nicht einzelne Menschen."
)


def _strength_sentence(t: Translator, strength: str, positive: bool, r: str, n: str) -> str:
    """'r = 0,82 bei 12 Gebieten: starker positiver Zusammenhang.', one template per strength and direction."""
    if strength == "schwacher":
        if positive:
            return t("r = {r} bei {n} Gebieten: schwacher positiver Zusammenhang.", r=r, n=n)
        return t("r = {r} bei {n} Gebieten: schwacher negativer Zusammenhang.", r=r, n=n)
    if strength == "mittlerer":
        if positive:
            return t("r = {r} bei {n} Gebieten: mittlerer positiver Zusammenhang.", r=r, n=n)
        return t("r = {r} bei {n} Gebieten: mittlerer negativer Zusammenhang.", r=r, n=n)
    if positive:
        return t("r = {r} bei {n} Gebieten: starker positiver Zusammenhang.", r=r, n=n)
    return t("r = {r} bei {n} Gebieten: starker negativer Zusammenhang.", r=r, n=n)


def correlation_reading(corr: Correlation, x_name: str, y_name: str, t: Translator | None = None) -> str:
    """Plain language, e.g. 'r = 0,82 bei 12 Gebieten: starker positiver Zusammenhang. …'."""
    t = t or Translator("de")
    if not corr.valid:
        return t(
            "Ein Korrelationskoeffizient lässt sich nicht berechnen: dafür braucht es mindestens 3 Gebiete "
            "mit beiden Werten, die sich unterscheiden (vorhanden: {n}).",
            n=_count(t, corr.n),
        )
    r = format_r(corr.r) if _german(t) else t.decimal(corr.r, 2)
    strength = correlation_strength(corr.r)
    note = t(CAUSATION_NOTE)
    if strength == "kein nennenswerter":
        head = t(
            "r = {r} bei {n} Gebieten: kein nennenswerter Zusammenhang zwischen {x} und {y}.",
            r=r,
            n=_count(t, corr.n),
            x=x_name,
            y=y_name,
        )
        return f"{head} {note}"
    positive = corr.r > 0
    head = _strength_sentence(t, strength, positive, r, _count(t, corr.n))
    if positive:
        tendency = t(
            "Gebiete mit einem höheren Wert bei „{x}“ haben tendenziell auch einen höheren Wert bei „{y}“.",
            x=x_name,
            y=y_name,
        )
    else:
        tendency = t(
            "Gebiete mit einem höheren Wert bei „{x}“ haben tendenziell einen niedrigeren Wert bei „{y}“.",
            x=x_name,
            y=y_name,
        )
    return f"{head} {tendency} {note}"


def matrix_summary(matrix: pd.DataFrame, city_name: str, t: Translator | None = None) -> str:
    """Which area has the most unfavourable and which the most favourable cells."""
    t = t or Translator("de")
    rated = matrix[matrix["klasse"].isin([BETTER, SIMILAR, WORSE])]
    if rated.empty:
        return t("Keiner der gewählten Indikatoren lässt sich bewerten (neutral oder ohne Werte).")
    counts = (
        rated.groupby("name")["klasse"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=[BETTER, SIMILAR, WORSE], fill_value=0)
    )
    worst = counts.sort_values([WORSE, BETTER], ascending=[False, True]).index[0]
    best = counts.sort_values([BETTER, WORSE], ascending=[False, True]).index[0]
    values = {
        "anzahl": _count(t, rated["indikator_id"].nunique()),
        "schlechtestes": _isolated(t, worst),
        "ungunstig": _count(t, int(counts.at[worst, WORSE])),
        "bestes": _isolated(t, best),
        "guenstig": _count(t, int(counts.at[best, BETTER])),
        "anteil": _value(t, 100 * counts[WORSE].sum() / counts.to_numpy().sum(), "%", 0),
        "stadt": _isolated(t, city_name),
    }
    kinds = set(rated["referenz_art"])
    if kinds == {REFERENCE_MEAN}:
        text = t(
            "Bei {anzahl} bewerteten Indikatoren liegt {schlechtestes} am häufigsten ungünstiger als das Mittel der "
            "Gebiete ({ungunstig}-mal), {bestes} am häufigsten günstiger ({guenstig}-mal); insgesamt sind "
            "{anteil} der Zellen ungünstiger.",
            **values,
        )
    else:
        text = t(
            "Bei {anzahl} bewerteten Indikatoren liegt {schlechtestes} am häufigsten ungünstiger als {stadt} "
            "({ungunstig}-mal), {bestes} am häufigsten günstiger ({guenstig}-mal); insgesamt sind {anteil} der "
            "Zellen ungünstiger.",
            **values,
        )
    if len(kinds) > 1:
        text += " " + t(
            "Wo kein vergleichbarer Gesamtstadtwert vorliegt, ist das Mittel der Gebiete der Vergleichswert."
        )
    return text
