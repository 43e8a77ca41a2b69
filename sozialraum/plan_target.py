"""A goal's target against its indicator's trend, in one sentence per language."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .i18n import N_, Translator
from .plan import GERMAN
from .polarity import Polarity


@dataclass(frozen=True)
class TargetCheck:
    """Where an indicator stands against a goal's target value and year.

    `status`: erreicht | auf_kurs | zu_langsam | entfernt | unveraendert | verfehlt | unklar.
    `projection`: the value the recent linear trend gives for the target year (if computed).
    """

    status: str
    sentence: str
    projection: float | None = None


TREND_YEARS = 3  # the trend is fitted over the last values spanning this many years
STILL = 0.002  # a yearly change below this share of the latest value counts as „kaum bewegt“


def target_check(
    series: pd.DataFrame,
    zielwert: float,
    zieljahr: int,
    polaritaet: str,
    name: str,
    fmt: Callable[[float], str],
    place: str = N_("in der Gesamtstadt"),
    tr: Translator = GERMAN,
) -> TargetCheck:
    """Is the indicator (`series`: jahr, wert) moving towards the goal's target? One sentence.

    The wished direction comes from the polarity (down for „höher ist ungünstiger“, up for
    „höher ist besser“); for neutral indicators it is from the latest value towards the target.
    The trend is the least-squares slope over the last `TREND_YEARS` years, projected to the
    target year. A slope of less than 0,2 % of the latest value per year counts as unchanged.
    """
    present = series.dropna(subset=["wert"]).sort_values("jahr")
    # years as text: a placeholder number would get a thousands separator ("2.028")
    words = {"name": name, "ort": tr(place), "ziel": fmt(zielwert), "jahr": str(int(zieljahr))}
    if present.empty:
        return TargetCheck(
            "unklar",
            tr(
                N_(
                    "Für „{name}“ liegen keine Werte vor; ob der Zielwert von {ziel} bis {jahr} erreicht wird, "
                    "ist offen."
                ),
                **words,
            ),
        )
    last_year, last = int(present["jahr"].iloc[-1]), float(present["wert"].iloc[-1])
    words |= {"letzt": fmt(last), "letztjahr": str(last_year)}
    direction = Polarity.of(polaritaet).sign or _sign(zielwert - last)
    reached = direction == 0 or (last - zielwert) * direction >= 0
    recent = present[present["jahr"] >= last_year - TREND_YEARS]
    if len(recent) < 2:
        if reached:
            return TargetCheck("erreicht", tr(_TARGET_ONE_YEAR_REACHED, **words))
        return TargetCheck("unklar", tr(_TARGET_ONE_YEAR, **words))
    first_year, first = int(recent["jahr"].iloc[0]), float(recent["wert"].iloc[0])
    slope = _slope(recent)
    words |= {"erst": fmt(first), "erstjahr": str(first_year)}
    words["verlauf"] = tr(_MOVED[_sign(last - first)], **words)
    trend = 0 if abs(slope) < STILL * abs(last) or slope == 0 else _sign(slope)
    projection = last + slope * (int(zieljahr) - last_year) if int(zieljahr) >= last_year else None
    if reached:
        against = bool(trend and direction and trend != direction)
        return TargetCheck("erreicht", tr(_TARGET_REACHED[against], **words), projection)
    if int(zieljahr) < last_year:
        return TargetCheck("verfehlt", tr(_TARGET_MISSED, **words), None)
    if trend == 0:
        return TargetCheck("unveraendert", tr(_TARGET_STILL, **words), projection)
    if trend != direction:
        return TargetCheck("entfernt", tr(_TARGET_AWAY, **words), projection)
    assert projection is not None
    words["prognose"] = fmt(projection)
    on_course = (projection - zielwert) * direction >= 0
    return TargetCheck("auf_kurs" if on_course else "zu_langsam", tr(_TARGET_TOWARDS[on_course], **words), projection)


# target_check's sentences, whole per language; {verlauf} is one of _MOVED
_TARGET_ONE_YEAR_REACHED = N_(
    "Der Wert für „{name}“ {ort} liegt mit {letzt} ({letztjahr}) beim Ziel: der Zielwert von {ziel} bis {jahr} "
    "ist erreicht."
)
_TARGET_ONE_YEAR = N_(
    "Der Wert für „{name}“ {ort} liegt bei {letzt} ({letztjahr}); mit nur einem Jahr lässt sich nicht sagen, ob er "
    "sich auf den Zielwert von {ziel} bis {jahr} zubewegt."
)
_MOVED = {
    1: N_("Der Wert für „{name}“ {ort} ist von {erst} ({erstjahr}) auf {letzt} ({letztjahr}) gestiegen"),
    -1: N_("Der Wert für „{name}“ {ort} ist von {erst} ({erstjahr}) auf {letzt} ({letztjahr}) gesunken"),
    0: N_("Der Wert für „{name}“ {ort} ist von {erst} ({erstjahr}) auf {letzt} ({letztjahr}) gleich geblieben"),
}
_TARGET_REACHED = {
    False: N_("{verlauf}; damit ist der Zielwert von {ziel} bis {jahr} erreicht."),
    True: N_(
        "{verlauf}; damit ist der Zielwert von {ziel} bis {jahr} erreicht; die Entwicklung geht aber in die "
        "Gegenrichtung."
    ),
}
_TARGET_MISSED = N_("{verlauf}; der Zielwert von {ziel} bis {jahr} wurde nicht erreicht.")
_TARGET_STILL = N_("{verlauf} und hat sich damit kaum bewegt: der Zielwert von {ziel} bis {jahr} rückt so nicht näher.")
_TARGET_AWAY = N_("{verlauf} und entfernt sich damit vom Zielwert von {ziel} bis {jahr}.")
_TARGET_TOWARDS = {
    True: N_(
        "{verlauf} und bewegt sich damit auf den Zielwert von {ziel} bis {jahr} zu; hält die Entwicklung an, wird "
        "er erreicht (fortgeschrieben {jahr}: etwa {prognose})."
    ),
    False: N_(
        "{verlauf} und bewegt sich damit auf den Zielwert von {ziel} bis {jahr} zu, aber zu langsam: fortgeschrieben "
        "wären es {jahr} etwa {prognose}."
    ),
}


def _sign(value: float) -> int:
    return 0 if value == 0 or math.isnan(value) else (1 if value > 0 else -1)


def _slope(points: pd.DataFrame) -> float:
    x = points["jahr"].astype(float)
    y = points["wert"].astype(float)
    dx = x - x.mean()
    denominator = float((dx * dx).sum())
    return float((dx * (y - y.mean())).sum()) / denominator if denominator else 0.0


def goal_of(plan, massnahme_id: str) -> pd.Series | None:
    """The goal row of a measure (with zielindikator, zielwert, zieljahr), or None."""
    match = plan.measures.loc[plan.measures["massnahme_id"] == massnahme_id, "ziel_id"]
    if match.empty:
        return None
    goals = plan.goals[plan.goals["ziel_id"] == match.iloc[0]]
    return goals.iloc[0] if len(goals) else None
