"""Configuration of the social index: which indicators with which weights, class limits and labels."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from ..i18n import Translator
from ..polarity import Polarity
from ..translations import localized
from .compute import dynamics_column
from .text import describe_config

# Column names of the MSS index indicators in the Open Lifeworlds tables (`…-2-1.csv`).
S1 = "s1_percentage_unemployed"
S2 = "s2_percentage_long_term_unemployed"
S3 = "s3_percentage_transfer_payments_recipients"
S4 = "s4_percentage_transfer_payments_recipients_below_15_years"
D1 = "d1_percentage_unemployed"
D2 = "d2_percentage_long_term_unemployed"
D3 = "d3_percentage_transfer_payments_recipients"
D4 = "d4_percentage_transfer_payments_recipients_below_15_years"

MSS_NAMES = {
    S1: "Anteil Arbeitslose",
    S2: "Anteil Langzeitarbeitslose",
    S3: "Anteil Transferbezug (ohne Arbeitslose)",
    S4: "Anteil Transferbezug unter 15 Jahren (Kinderarmut)",
    D1: "Veränderung Anteil Arbeitslose",
    D2: "Veränderung Anteil Langzeitarbeitslose",
    D3: "Veränderung Anteil Transferbezug (ohne Arbeitslose)",
    D4: "Veränderung Anteil Transferbezug unter 15 Jahren",
}


@dataclass(frozen=True)
class IndexConfig:
    """How to build a status and a dynamics index from indicator columns.

    ``*_indicators`` map a column of the input frame to its weight; a negative weight turns an indicator
    round ("höher ist günstiger"). ``*_limits`` are ascending limits in standard deviations of the
    combined score; there is one label and one code more than limits, listed from the favourable to the
    unfavourable end. With ``higher_is_worse=False`` the combined score is negated before cutting, so
    class 1 is always the favourable end.
    """

    name: str
    status_indicators: Mapping[str, float]
    dynamics_indicators: Mapping[str, float]
    status_limits: tuple[float, ...] = (-1.0, 1.0, 1.5)
    status_labels: tuple[str, ...] = ("hoch", "mittel", "niedrig", "sehr niedrig")
    status_codes: tuple[str, ...] = ("1", "2", "3", "4")
    dynamics_limits: tuple[float, ...] = (-1.0, 1.0)
    dynamics_labels: tuple[str, ...] = ("positiv", "stabil", "negativ")
    dynamics_codes: tuple[str, ...] = ("+", "+/-", "-")
    min_population: int = 300
    higher_is_worse: bool = True
    indicator_names: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for attr in ("status_indicators", "dynamics_indicators", "indicator_names"):
            object.__setattr__(self, attr, dict(getattr(self, attr)))  # detach from the caller's dict
        _check_weights("status_indicators", self.status_indicators, allow_empty=False)
        _check_weights("dynamics_indicators", self.dynamics_indicators, allow_empty=True)
        _check_scale("status", self.status_limits, self.status_labels, self.status_codes)
        _check_scale("dynamics", self.dynamics_limits, self.dynamics_labels, self.dynamics_codes)
        if self.min_population < 0:
            raise ValueError("min_population darf nicht negativ sein")

    def __hash__(self) -> int:
        return hash(
            (
                self.name,
                tuple(self.status_indicators.items()),
                tuple(self.dynamics_indicators.items()),
                self.status_limits,
                self.status_labels,
                self.status_codes,
                self.dynamics_limits,
                self.dynamics_labels,
                self.dynamics_codes,
                self.min_population,
                self.higher_is_worse,
                tuple(self.indicator_names.items()),
            )
        )

    def renamed(self, columns: Mapping[str, str]) -> IndexConfig:
        """The same configuration for input columns with other names (``old → new``)."""

        def rename(weights: Mapping[str, float]) -> dict[str, float]:
            return {columns.get(key, key): weight for key, weight in weights.items()}

        names = {columns.get(key, key): text for key, text in self.indicator_names.items()}
        return IndexConfig(
            name=self.name,
            status_indicators=rename(self.status_indicators),
            dynamics_indicators=rename(self.dynamics_indicators),
            status_limits=self.status_limits,
            status_labels=self.status_labels,
            status_codes=self.status_codes,
            dynamics_limits=self.dynamics_limits,
            dynamics_labels=self.dynamics_labels,
            dynamics_codes=self.dynamics_codes,
            min_population=self.min_population,
            higher_is_worse=self.higher_is_worse,
            indicator_names=names,
        )

    def indicator_name(self, column: str) -> str:
        """Readable name of an indicator column (the column itself when no name is configured)."""
        return self.indicator_names.get(column, column)

    def describe(self) -> str:
        """The method in plain German, for display next to the index."""
        return describe_config(self)


def _check_weights(what: str, weights: Mapping[str, float], allow_empty: bool) -> None:
    if not weights and not allow_empty:
        raise ValueError(f"{what}: mindestens ein Indikator nötig")
    for column, weight in weights.items():
        if isinstance(weight, bool) or not isinstance(weight, numbers.Real) or not math.isfinite(weight) or weight == 0:
            raise ValueError(f"{what}: Gewicht von {column!r} muss eine endliche Zahl ungleich 0 sein")


def _check_scale(what: str, limits: tuple[float, ...], labels: tuple[str, ...], codes: tuple[str, ...]) -> None:
    if any(b <= a for a, b in zip(limits, limits[1:], strict=False)):
        raise ValueError(f"{what}_limits müssen streng aufsteigend sein: {limits}")
    if len(labels) != len(limits) + 1 or len(codes) != len(limits) + 1:
        raise ValueError(f"{what}: {len(limits)} Grenzen brauchen {len(limits) + 1} Bezeichnungen und Codes")


KNOWN_STATUS_SETS = (
    ("sgb2_quote", "sgb2_kinder_quote", "arbeitslosenquote"),
    ("arbeitslose_anteil", "transferbezug_anteil", "transferbezug_u15_anteil"),
)
# the index adds up disadvantage: higher is worse counts as it is, higher is better reversed
_POLARITY_SIGN = {Polarity.HIGHER_WORSE: 1.0, Polarity.HIGHER_BETTER: -1.0}


def rated_indicators(catalogue: pd.DataFrame) -> list[str]:
    """Indicators with a direction (higher is better or worse): only these can enter an index."""
    return [i for i in catalogue.index if catalogue.at[i, "polaritaet"] in _POLARITY_SIGN]


def default_status_indicators(catalogue: pd.DataFrame) -> list[str]:
    """A known set (Gera: SGB-II-Quote, SGB-II-Quote Kinder unter 15, Arbeitslosenquote; Berlin: the MSS
    indicators) when all are present, otherwise up to three rated indicators of the themes „Soziale Lage“
    and „Arbeit“, otherwise the first three rated indicators."""
    for known in KNOWN_STATUS_SETS:
        if all(i in catalogue.index for i in known):
            return list(known)
    rated = rated_indicators(catalogue)
    social = [i for i in rated if catalogue.at[i, "thema"] in ("Soziale Lage", "Arbeit")]
    return (social or rated)[:3]


def catalogue_config(
    catalogue: pd.DataFrame,
    status_weights: Mapping[str, float],
    dynamics_weights: Mapping[str, float] | None = None,
    start: int | None = None,
    end: int | None = None,
    status_limits: tuple[float, ...] = (-1.0, 1.0, 1.5),
    dynamics_limits: tuple[float, ...] = (-1.0, 1.0),
    min_population: int = 300,
    name: str = "Sozialindex",
    t: Translator | None = None,
) -> IndexConfig:
    """An :class:`IndexConfig` for indicators of a catalogue, polarity-aware.

    Weights are given as positive importances; an indicator where higher is better (e.g. the employment
    rate) enters with the negative weight, so a high value still means a favourable status. Neutral
    indicators are rejected: they have no direction.
    """
    dynamics_weights = dict(dynamics_weights or {})

    def signed(weights: Mapping[str, float], column: Callable[[str], str]) -> dict[str, float]:
        out = {}
        for indikator, weight in weights.items():
            polarity = catalogue.at[indikator, "polaritaet"]
            if polarity not in _POLARITY_SIGN:
                raise ValueError(f"{catalogue.at[indikator, 'name']} ist neutral und kann nicht in den Index eingehen")
            out[column(indikator)] = _POLARITY_SIGN[polarity] * float(weight)
        return out

    period = f" {start}–{end}" if start is not None and end is not None else ""
    if t is None:
        names = {i: str(catalogue.at[i, "name"]) for i in status_weights}
        names.update({dynamics_column(i): f"Veränderung {catalogue.at[i, 'name']}{period}" for i in dynamics_weights})
    else:  # names from the translated columns, the change as one template per language
        lang = t.language.code

        def name_of(i: str) -> str:
            return localized(catalogue.loc[i], "name", lang).text

        names = {i: name_of(i) for i in status_weights}
        names.update(
            {
                dynamics_column(i): t("Veränderung {indikator} {von}–{bis}", indikator=name_of(i), von=str(start),
                                      bis=str(end)) if period else t("Veränderung {indikator}", indikator=name_of(i))
                for i in dynamics_weights
            }
        )  # fmt: skip
    return IndexConfig(
        name=name,
        status_indicators=signed(status_weights, lambda i: i),
        dynamics_indicators=signed(dynamics_weights, dynamics_column),
        status_limits=tuple(status_limits),
        dynamics_limits=tuple(dynamics_limits),
        min_population=int(min_population),
        indicator_names=names,
    )


# MSS 2021 (also 2019): s1, s3, s4 / d1, d3, d4 with equal weights, limits −1/+1/+1.5 and ±1, at least 300
# inhabitants. MSS 2013–2017 also used s2/d2 (long-term unemployed): replace the indicators to rebuild those.
MSS_2021 = IndexConfig(
    name="Sozialindex nach dem Monitoring Soziale Stadtentwicklung Berlin 2021 (MSS 2021)",
    status_indicators={S1: 1.0, S3: 1.0, S4: 1.0},
    dynamics_indicators={D1: 1.0, D3: 1.0, D4: 1.0},
    indicator_names=MSS_NAMES,
)
