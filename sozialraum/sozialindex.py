"""Configurable social index (Sozialindex) after Berlin's Monitoring Soziale Stadtentwicklung (MSS).

The method, checked against the published MSS 2021 tables (all 536 status classes, dynamics classes and
combined types reproduced, see ``docs/sozialindex.md``):

1. Leave out areas below ``min_population`` inhabitants and areas with a missing input value.
2. Standardise every indicator over the remaining areas: z = (x − mean) / std, unweighted (every area
   counts once, not by population) and with the population standard deviation (``ddof=0``).
3. Add the z-scores with their weights (MSS: equal weights) and standardise this sum again.
4. Cut the second z-score at standard-deviation limits into classes (MSS status: −1 / +1 / +1.5,
   dynamics: −1 / +1). High shares of unemployment and transfer receipt mean a *low* status, so class 1
   ("hoch") holds the lowest z-scores. A value exactly on a limit belongs to the class nearer to 0.

Pure domain code: no streamlit here.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .confidentiality import NOTE_POPULATION
from .formatting import NBSP, format_number
from .levels import area_validity, valid_in
from .report import Report

if TYPE_CHECKING:
    from .loader import Bundle
    from .settings import Settings

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

RESULT_COLUMNS = ["summe", "z", "klasse", "code", "bezeichnung", "ausgeschlossen", "grund"]
MINUS = "\u2212"


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
        direction = (
            "Hohe Indikatorwerte bedeuten eine ungünstige Lage (z. B. viel Arbeitslosigkeit = niedriger Status)."
            if self.higher_is_worse
            else "Hohe Indikatorwerte bedeuten eine günstige Lage."
        )
        parts = [
            f"{self.name}.",
            "Statusindex: " + self._describe_weights(self.status_indicators),
            "Jeder Indikator wird in einen z-Wert umgerechnet: Abstand zum Mittelwert aller Gebiete in "
            "Standardabweichungen; jedes Gebiet zählt gleich, unabhängig von seiner Einwohnerzahl.",
            "Die z-Werte werden addiert und die Summe erneut standardisiert.",
            direction,
            "Klassen des Statusindex: "
            + _describe_classes(self.status_limits, self.status_labels, self.status_codes)
            + ".",
        ]
        if self.dynamics_indicators:
            parts += [
                "Dynamikindex: " + self._describe_weights(self.dynamics_indicators),
                "Berechnung wie beim Statusindex."
                + (" Eine Zunahme der Anteile gilt als ungünstige Entwicklung." if self.higher_is_worse else "")
                + " Klassen: "
                + _describe_classes(self.dynamics_limits, self.dynamics_labels, self.dynamics_codes)
                + ".",
                "Der Gesamttyp verbindet beide, z. B. "
                f"„{self.status_codes[_middle_class(self.status_limits) - 1]}"
                f"{self.dynamics_codes[_middle_class(self.dynamics_limits) - 1]}“ für "
                f"Status {self.status_labels[_middle_class(self.status_limits) - 1]} und "
                f"Dynamik {self.dynamics_labels[_middle_class(self.dynamics_limits) - 1]}.",
            ]
        exclusion = "Gebiete mit fehlenden Werten"
        if self.min_population:
            exclusion = f"Gebiete mit weniger als {self.min_population} Einwohnerinnen und Einwohnern und " + exclusion
        parts.append(f"{exclusion} werden nicht eingestuft und gehen auch nicht in Mittelwert und Streuung ein.")
        return " ".join(parts)

    def _describe_weights(self, weights: Mapping[str, float]) -> str:
        names = [self.indicator_name(column) for column in weights]
        values = list(weights.values())
        if len(set(values)) == 1 and values[0] > 0:
            return f"{_join_german(names)}, gleich gewichtet."
        weighted = [
            f"{name} (Gewicht {format_number(w, 2).rstrip('0').rstrip(',')})"
            for name, w in zip(names, values, strict=True)
        ]
        note = " Ein negatives Gewicht kehrt die Richtung des Indikators um." if min(values) < 0 else ""
        return f"{_join_german(weighted)}.{note}"


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


def _join_german(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]


def _sd(value: float) -> str:
    text = format_number(value, 1).replace("-", MINUS)
    return text if value <= 0 else "+" + text


def _describe_classes(limits: tuple[float, ...], labels: tuple[str, ...], codes: tuple[str, ...]) -> str:
    """'1 hoch (z unter −1,0), 2 mittel (−1,0 bis +1,0), …' with ties going to the class nearer 0."""
    pieces = []
    for i, (label, code) in enumerate(zip(labels, codes, strict=True)):
        lower = limits[i - 1] if i > 0 else None
        upper = limits[i] if i < len(limits) else None
        if lower is None and upper is None:
            span = "alle Werte"
        elif lower is None:
            span = f"z {'unter' if upper <= 0 else 'bis'} {_sd(upper)}"
        elif upper is None:
            span = f"z {'ab' if lower <= 0 else 'über'} {_sd(lower)}"
        else:
            start = _sd(lower) if lower <= 0 else f"über {_sd(lower)}"
            end = _sd(upper) if upper > 0 else f"unter {_sd(upper)}"
            span = f"{start} bis {end}"
        prefix = "" if code == label else f"{code} "
        pieces.append(f"{prefix}{label} ({span})")
    return ", ".join(pieces)


def zscores(frame: pd.DataFrame, columns: Iterable[str], ddof: int = 0) -> pd.DataFrame:
    """z-scores per column: (x − mean) / std over the rows, every row weighted equally.

    ``ddof=0`` (population standard deviation) reproduces the published MSS z-scores to their 5 decimals;
    ``ddof=1`` would be off by up to 0.004. Missing values stay missing and do not enter mean and std.
    A column without spread gets z = 0 everywhere.
    """
    out = {}
    for column in columns:
        values = pd.to_numeric(frame[column], errors="coerce").astype(float)
        std = values.std(ddof=ddof)
        if not np.isfinite(std) or std == 0:
            out[column] = values.where(values.isna(), 0.0)
        else:
            out[column] = (values - values.mean()) / std
    return pd.DataFrame(out, index=frame.index)


def cut_classes(z: pd.Series, limits: tuple[float, ...]) -> pd.Series:
    """Class numbers 1…len(limits)+1 for z at ascending ``limits``; missing z → <NA>.

    A value exactly on a limit goes to the class nearer to 0: with MSS limits −1/+1/+1.5 the middle class
    is −1.0 ≤ z ≤ +1.0, and "sehr niedrig" starts above +1.5.
    """
    values = z.astype(float)
    classes = pd.Series(1, index=z.index, dtype="Int64")
    for limit in limits:
        classes += (values >= limit if limit <= 0 else values > limit).astype(int)
    return classes.mask(values.isna())


def _exclusions(
    values: pd.DataFrame, columns: list[str], config: IndexConfig, population: pd.Series | None
) -> pd.Series:
    """Reason per area why it is left out ('' = included)."""
    # numpy arrays: boolean-mask assignment on a Series costs milliseconds, and the index runs once per year
    reasons = np.full(len(values), "", dtype=object)
    if population is not None and config.min_population:
        inhabitants = pd.to_numeric(population.reindex(values.index), errors="coerce").to_numpy(dtype=float)
        reasons[np.isnan(inhabitants)] = "Einwohnerzahl fehlt"
        reasons[inhabitants < config.min_population] = f"weniger als {config.min_population}{NBSP}Einwohner"
    missing = values[columns].apply(pd.to_numeric, errors="coerce").isna().to_numpy()
    for position in np.flatnonzero(missing.any(axis=1)):
        names = ", ".join(config.indicator_name(c) for c, gap in zip(columns, missing[position], strict=True) if gap)
        text = f"fehlende Werte: {names}"
        reasons[position] = f"{reasons[position]}; {text}" if reasons[position] else text
    return pd.Series(reasons, index=values.index, dtype=object)


def _composite(
    values: pd.DataFrame,
    weights: Mapping[str, float],
    limits: tuple[float, ...],
    labels: tuple[str, ...],
    codes: tuple[str, ...],
    config: IndexConfig,
    population: pd.Series | None,
) -> pd.DataFrame:
    columns = list(weights)
    absent = [c for c in columns if c not in values.columns]
    if absent:
        raise KeyError(f"Spalten fehlen: {', '.join(absent)}")
    if not values.index.is_unique:
        raise ValueError("Die Gebiets-IDs (Index) sind nicht eindeutig")
    reasons = _exclusions(values, columns, config, population)
    included = reasons == ""
    z_parts = zscores(values.loc[included], columns)
    total = sum(z_parts[c] * w for c, w in weights.items())
    if not config.higher_is_worse:
        total = -total
    total = pd.Series(total, index=z_parts.index, dtype=float).reindex(values.index)
    z_total = zscores(total.to_frame("summe"), ["summe"])["summe"]
    classes = cut_classes(z_total, limits)
    position = classes.astype("float").sub(1)

    def pick(names: tuple[str, ...]) -> pd.Series:
        return position.map(lambda p: names[int(p)] if pd.notna(p) else pd.NA).astype("string")

    result = pd.DataFrame(
        {
            "summe": total,
            "z": z_total,
            "klasse": classes,
            "code": pick(codes),
            "bezeichnung": pick(labels),
            "ausgeschlossen": ~included,
            "grund": reasons.astype("string"),
        },
        index=values.index,
    )
    return result[RESULT_COLUMNS]


def status_index(values: pd.DataFrame, config: IndexConfig, population: pd.Series | None = None) -> pd.DataFrame:
    """Status index per area (rows of ``values``, index = area ID).

    Columns: ``summe`` (weighted sum of the indicator z-scores), ``z`` (its z-score), ``klasse`` (1 = most
    favourable), ``code`` and ``bezeichnung`` of the class, ``ausgeschlossen`` and ``grund``. ``population``
    (aligned by index) enables the ``min_population`` rule; without it no area is left out for its size.
    """
    return _composite(
        values,
        config.status_indicators,
        config.status_limits,
        config.status_labels,
        config.status_codes,
        config,
        population,
    )


def dynamics_index(values: pd.DataFrame, config: IndexConfig, population: pd.Series | None = None) -> pd.DataFrame:
    """Dynamics index per area, built like :func:`status_index` from the change indicators.

    Positive changes of unemployment or transfer shares are a worsening, so with ``higher_is_worse`` the
    first class ("+", positiv) holds the lowest z-scores.
    """
    if not config.dynamics_indicators:
        raise ValueError(f"{config.name}: keine Dynamik-Indikatoren konfiguriert")
    return _composite(
        values,
        config.dynamics_indicators,
        config.dynamics_limits,
        config.dynamics_labels,
        config.dynamics_codes,
        config,
        population,
    )


def combined_type(status: pd.DataFrame, dynamics: pd.DataFrame) -> pd.DataFrame:
    """Status/dynamics type per area: ``typ`` like "2+/-" and ``bezeichnung`` "Status mittel, Dynamik stabil".

    Areas missing in either result, or left out there, get <NA>.
    """
    index = status.index.union(dynamics.index, sort=False)
    s = status.reindex(index)
    d = dynamics.reindex(index)
    typ = (s["code"] + d["code"]).astype("string")
    text = ("Status " + s["bezeichnung"] + ", Dynamik " + d["bezeichnung"]).astype("string")
    return pd.DataFrame({"typ": typ, "bezeichnung": text}, index=index)


def _middle_class(limits: tuple[float, ...]) -> int:
    """Number of the class that holds z = 0 (the average)."""
    return int(cut_classes(pd.Series([0.0]), limits).iloc[0])


def summary_sentence(
    result: pd.DataFrame,
    limits: tuple[float, ...],
    labels: tuple[str, ...],
    what: str = "den Status",
    areas: str = "Planungsräumen",
) -> str:
    """One plain German sentence on the unfavourable classes, e.g.

    "49 von 536 Planungsräumen (9,1 %) haben den Status „sehr niedrig“, 46 (8,6 %) „niedrig“."
    Counts refer to the classified areas; left-out areas are named in a second sentence.
    """
    rated = result[~result["ausgeschlossen"].astype(bool)]
    n = len(rated)
    left_out = len(result) - n
    tail = f" Nicht eingestuft: {left_out} (zu wenige Einwohner oder fehlende Werte)." if left_out else ""
    if n == 0:
        return f"Keines der {len(result)} Gebiete ist eingestuft.{tail}"
    counts = rated["klasse"].value_counts()
    worse = range(len(labels), _middle_class(limits), -1)
    pieces = []
    for number in worse:
        count = int(counts.get(number, 0))
        share = format_number(100 * count / n, 1)
        pieces.append((count, share, labels[number - 1]))
    if not pieces:
        return f"{n} {areas} eingestuft.{tail}"
    first, *rest = pieces
    verb = "hat" if first[0] == 1 else "haben"
    sentence = f"{first[0]} von {n} {areas} ({first[1]}{NBSP}%) {verb} {what} „{first[2]}“"
    sentence += "".join(f", {count} ({share}{NBSP}%) „{label}“" for count, share, label in rest)
    return sentence + "." + tail


def status_summary(result: pd.DataFrame, config: IndexConfig, areas: str = "Planungsräumen") -> str:
    """:func:`summary_sentence` for a :func:`status_index` result."""
    return summary_sentence(result, config.status_limits, config.status_labels, "den Status", areas)


def dynamics_summary(result: pd.DataFrame, config: IndexConfig, areas: str = "Planungsräumen") -> str:
    """:func:`summary_sentence` for a :func:`dynamics_index` result."""
    return summary_sentence(result, config.dynamics_limits, config.dynamics_labels, "die Dynamik", areas)


# --- from a data folder: inputs, configuration, defaults, types table ------------------------------------

DYNAMICS_SUFFIX = "__veraenderung"
# Status indicators offered first, in this order, when a data folder has them all (Gera, Berlin MSS).
KNOWN_STATUS_SETS = (
    ("sgb2_quote", "sgb2_kinder_quote", "arbeitslosenquote"),
    ("arbeitslose_anteil", "transferbezug_anteil", "transferbezug_u15_anteil"),
)
_POLARITY_SIGN = {"hoeher_schlechter": 1.0, "hoeher_besser": -1.0}


def dynamics_column(indikator: str) -> str:
    """Column of the change of ``indikator`` in the frame of :func:`index_inputs`."""
    return f"{indikator}{DYNAMICS_SUFFIX}"


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


def index_inputs(
    values: pd.DataFrame,
    area_ids: Iterable[str],
    status: Iterable[str],
    year: int,
    dynamics: Iterable[str] = (),
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """The wide frame the index needs, one row per area (index = gebiet_id).

    Status columns hold the value in ``year``; for every dynamics indicator the column
    :func:`dynamics_column` holds its change from ``start`` to ``end`` (in percentage points for shares).
    A missing value stays missing: the index then leaves that area out and says why.
    """
    ids = list(area_ids)
    frame = pd.DataFrame(index=pd.Index(ids, name="gebiet_id"))

    def column(indikator: str, jahr: int) -> pd.Series:
        rows = values[(values["indikator_id"] == indikator) & (values["jahr"] == jahr)]
        return rows.set_index("gebiet_id")["wert"].astype(float).reindex(ids)

    for indikator in status:
        frame[indikator] = column(indikator, year).to_numpy()
    dynamics = list(dynamics)
    if dynamics:
        if start is None or end is None or start >= end:
            raise ValueError("Für die Dynamik braucht es zwei Jahre: von < bis")
        for indikator in dynamics:
            frame[dynamics_column(indikator)] = (column(indikator, end) - column(indikator, start)).to_numpy()
    return frame


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
    names = {i: str(catalogue.at[i, "name"]) for i in status_weights}
    names.update({dynamics_column(i): f"Veränderung {catalogue.at[i, 'name']}{period}" for i in dynamics_weights})
    return IndexConfig(
        name=name,
        status_indicators=signed(status_weights, lambda i: i),
        dynamics_indicators=signed(dynamics_weights, dynamics_column),
        status_limits=tuple(status_limits),
        dynamics_limits=tuple(dynamics_limits),
        min_population=int(min_population),
        indicator_names=names,
    )


def type_table(
    status: pd.DataFrame, dynamics: pd.DataFrame, names: Mapping[str, str], config: IndexConfig
) -> pd.DataFrame:
    """Status classes as rows, dynamics classes as columns; each cell: the number of areas and their names,
    e.g. '2: Bieblach-Ost, Lusan-Brüte' (empty cell: '0'). The combined types at a glance."""
    rows = []
    for s_code, s_label in zip(config.status_codes, config.status_labels, strict=True):
        row = {"Status": f"{s_code} {s_label}" if s_code != s_label else s_label}
        in_status = status.index[(status["code"] == s_code).fillna(False).to_numpy()]
        for d_code, d_label in zip(config.dynamics_codes, config.dynamics_labels, strict=True):
            in_both = [g for g in in_status if g in dynamics.index and dynamics.at[g, "code"] == d_code]
            area_names = sorted(str(names.get(g, g)) for g in in_both)
            row[f"Dynamik {d_label} ({d_code})"] = f"{len(area_names)}: {', '.join(area_names)}" if area_names else "0"
        rows.append(row)
    return pd.DataFrame(rows)


# MSS 2021 (also 2019): s1, s3, s4 / d1, d3, d4 with equal weights, limits −1/+1/+1.5 and ±1, at least 300
# inhabitants. MSS 2013–2017 also used s2/d2 (long-term unemployed): replace the indicators to rebuild those.
MSS_2021 = IndexConfig(
    name="Sozialindex nach dem Monitoring Soziale Stadtentwicklung Berlin 2021 (MSS 2021)",
    status_indicators={S1: 1.0, S3: 1.0, S4: 1.0},
    dynamics_indicators={D1: 1.0, D3: 1.0, D4: 1.0},
    indicator_names=MSS_NAMES,
)


# --- the index as indicators of a data folder (`[sozialindex]` in einstellungen.toml) ---------------------

STATUS_ID = "sozialindex_status"
DYNAMICS_ID = "sozialindex_dynamik"
INDEX_IDS = (STATUS_ID, DYNAMICS_ID)
INDEX_THEME = "Sozialindex"
INDEX_UNIT = "Indexwert (z)"
SETTINGS_FILE = "einstellungen.toml"
NOTE_LEFT_OUT = "Nicht eingestuft"
NOTE_WITHHELD = "Geheimhaltung: nicht eingestuft, weil ein Eingangswert gesperrt ist"
NOTE_WITHHELD_SMALL = "Geheimhaltung: nicht eingestuft, zu wenige Einwohner"


def with_index(bundle: Bundle) -> Bundle:
    """The bundle with the configured social index added as indicators, or unchanged when not offered.

    ``sozialindex_status`` holds the re-standardised status index (column ``z`` of :func:`status_index`)
    per area and year, ``sozialindex_dynamik`` the dynamics index over ``dynamik_jahre`` years ending in
    that year. Every level is standardised on its own. Inputs are ``bundle.values`` after loading, i.e.
    published values only: a withheld input leaves the area out, so the index cannot reveal a withheld
    value. Left-out areas get a row without value and with the reason in ``anmerkung``; rated areas get
    their class there. There is no city value: a z-index measures areas against each other, its mean over
    the areas is 0 by construction, and the city as a whole has no place among its own areas.

    Problems with the configuration go into a copy of the report (file ``einstellungen.toml``, key named).
    """
    settings = bundle.settings
    if not settings.sozialindex_anbieten:
        return bundle
    report = Report(list(bundle.report.issues), dict(bundle.report.detected))
    catalogue = bundle.catalogue
    status = _usable_weights("status", settings.sozialindex_status, catalogue, report)
    dynamics = _usable_weights("dynamik", settings.sozialindex_dynamik, catalogue, report)
    taken = [i for i in INDEX_IDS if i in catalogue.index]
    if taken:
        report.error(
            SETTINGS_FILE,
            f"[sozialindex] anbieten: indikatoren.csv enthält schon {', '.join(taken)}; "
            "der Sozialindex wird nicht angeboten.",
        )
    if not status or taken:
        return replace(bundle, report=report)
    levels = bundle.levels or {bundle.main_level: (bundle.areas, bundle.values)}
    spec = _IndexSpec(
        status,
        dynamics or {},
        settings.sozialindex_dynamik_jahre,
        settings.sozialindex_grenzen_status,
        settings.sozialindex_grenzen_dynamik,
        settings.index_min_einwohner,
    )
    by_level = {
        name: (areas, _append(values, _index_rows(values, areas, catalogue, spec)))
        for name, (areas, values) in levels.items()
    }
    rows = [_catalogue_row(STATUS_ID, catalogue, spec, settings.min_fallzahl)]
    if spec.dynamics:
        rows.append(_catalogue_row(DYNAMICS_ID, catalogue, spec, settings.min_fallzahl))
    added = pd.DataFrame(rows, columns=catalogue.columns).astype(catalogue.dtypes.to_dict())
    new_catalogue = pd.concat([catalogue, added.set_index("indikator_id", drop=False)])
    return replace(
        bundle,
        catalogue=new_catalogue,
        values=by_level[bundle.main_level][1],
        levels=by_level if bundle.levels else {},
        report=report,
    )


@dataclass(frozen=True)
class _IndexSpec:
    """The validated `[sozialindex]` settings: weights as positive importances per catalogue indicator."""

    status: Mapping[str, float]
    dynamics: Mapping[str, float]
    years: int
    status_limits: tuple[float, ...]
    dynamics_limits: tuple[float, ...]
    min_population: int

    def config(self, catalogue: pd.DataFrame, start: int | None = None, end: int | None = None) -> IndexConfig:
        return catalogue_config(
            catalogue,
            self.status,
            self.dynamics if start is not None else {},
            start,
            end,
            status_limits=self.status_limits,
            dynamics_limits=self.dynamics_limits,
            min_population=self.min_population,
        )


def _usable_weights(
    key: str, weights: Mapping[str, float], catalogue: pd.DataFrame, report: Report
) -> dict[str, float] | None:
    """The weights when every indicator is in the catalogue and has a direction; else None and an error."""
    unknown = [i for i in weights if i not in catalogue.index]
    neutral = [i for i in weights if i in catalogue.index and catalogue.at[i, "polaritaet"] not in _POLARITY_SIGN]
    if unknown:
        report.error(
            SETTINGS_FILE,
            f"[sozialindex] {key}: nicht in indikatoren.csv: {', '.join(unknown)}; "
            f"der {'Status' if key == 'status' else 'Dynamik'}index wird nicht angeboten.",
            value=", ".join(unknown),
        )
    if neutral:
        report.error(
            SETTINGS_FILE,
            f"[sozialindex] {key}: ohne Richtung (polaritaet = neutral), kann nicht in den Index eingehen: "
            f"{', '.join(neutral)}; der {'Status' if key == 'status' else 'Dynamik'}index wird nicht angeboten.",
            value=", ".join(neutral),
        )
    return None if unknown or neutral or not weights else dict(weights)


def _withheld(values: pd.DataFrame, indicators: Iterable[str], years: Iterable[int]) -> dict[str, str]:
    """Areas with a withheld input value in these years → the confidentiality note to show instead."""
    if "gesperrt" not in values:
        return {}
    rows = values[values["indikator_id"].isin(list(indicators)) & values["jahr"].isin(list(years)) & values["gesperrt"]]
    notes = {}
    for gebiet, group in rows.groupby("gebiet_id"):
        # an area withheld for its size says so; the size is no secret, it is why nothing is shown
        small = (group["anmerkung"] == NOTE_POPULATION).any()
        notes[str(gebiet)] = NOTE_WITHHELD_SMALL if small else NOTE_WITHHELD
    return notes


class _Inputs:
    """The values of one level looked up by (indicator, year): building every year's index from the long
    table again would cost more than the index itself (same results as `index_inputs` and `population_at`)."""

    def __init__(self, values: pd.DataFrame, areas: pd.DataFrame, indicators: Iterable[str]) -> None:
        self.ids = [str(g) for g in areas["gebiet_id"]]
        self.validity = area_validity(areas)
        wanted = values[values["indikator_id"].isin({*indicators, "einwohner"})]
        wanted = wanted.assign(wert=wanted["wert"].astype(float))
        self.series = {
            (str(i), int(j)): group.set_index("gebiet_id")["wert"].reindex(self.ids)
            for (i, j), group in wanted.groupby(["indikator_id", "jahr"], sort=False)
        }
        self.withheld = wanted[wanted["gesperrt"]] if "gesperrt" in wanted else wanted.iloc[0:0]
        self.fallback = (
            pd.to_numeric(areas.set_index("gebiet_id")["einwohner"], errors="coerce").reindex(self.ids).astype(float)
            if "einwohner" in areas
            else None
        )

    def years_with_all(self, indicators: Iterable[str]) -> list[int]:
        """Years in which every indicator has at least one published area value."""
        wanted = set(indicators)
        years: dict[int, set[str]] = {}
        for (indikator, year), series in self.series.items():
            if indikator in wanted and series.notna().any():
                years.setdefault(year, set()).add(indikator)
        return sorted(y for y, found in years.items() if found == wanted)

    def valid(self, *years: int) -> list[str]:
        """Areas valid in all these years (geometry versions): others are no areas then, not left-out ones."""
        return [g for g in self.ids if all(valid_in(self.validity[g], y) for y in years)]

    def status(self, indicators: Iterable[str], year: int) -> pd.DataFrame:
        ids = self.valid(year)
        return pd.DataFrame({i: self.series[(i, year)].reindex(ids) for i in indicators}, index=ids)

    def changes(self, indicators: Iterable[str], start: int, end: int) -> pd.DataFrame:
        ids = self.valid(start, end)
        change = {dynamics_column(i): self.series[(i, end)] - self.series[(i, start)] for i in indicators}
        return pd.DataFrame({c: v.reindex(ids) for c, v in change.items()}, index=ids)

    def population(self, year: int) -> pd.Series | None:
        """Inhabitants in ``year`` or the latest earlier year with any (like `population_at`); None without any."""
        earlier = [y for (i, y), s in self.series.items() if i == "einwohner" and y <= year and s.notna().any()]
        series = self.series[("einwohner", max(earlier))] if earlier else self.fallback
        return None if series is None or series.isna().all() else series

    def withheld_notes(self, indicators: Iterable[str], years: Iterable[int]) -> dict[str, str]:
        return _withheld(self.withheld, indicators, years)


def _index_rows(
    values: pd.DataFrame, areas: pd.DataFrame, catalogue: pd.DataFrame, spec: _IndexSpec
) -> list[dict[str, object]]:
    """Value rows of both index indicators for one level, every year with all inputs."""
    inputs = _Inputs(values, areas, [*spec.status, *spec.dynamics])
    rows: list[dict[str, object]] = []
    status_config = spec.config(catalogue)
    for year in inputs.years_with_all(spec.status):
        result = status_index(inputs.status(spec.status, year), status_config, inputs.population(year))
        withheld = inputs.withheld_notes(spec.status, [year])
        rows += _rows(STATUS_ID, year, result, withheld, lambda r: f"Status {r['bezeichnung']} (Klasse {r['code']})")
    dyn_years = set(inputs.years_with_all(spec.dynamics)) if spec.dynamics else set()
    for end in sorted(dyn_years):
        start = end - spec.years
        if start not in dyn_years:
            continue
        frame = inputs.changes(spec.dynamics, start, end)
        result = dynamics_index(frame, spec.config(catalogue, start, end), inputs.population(end))
        withheld = inputs.withheld_notes(spec.dynamics, [start, end])
        rows += _rows(DYNAMICS_ID, end, result, withheld, lambda r: f"Dynamik {r['bezeichnung']} ({r['code']})")
    return rows


def _rows(
    indikator: str,
    year: int,
    result: pd.DataFrame,
    withheld: Mapping[str, str],
    rated_note: Callable[[Mapping[str, object]], str],
) -> list[dict[str, object]]:
    rows = []
    for gebiet, row in zip(result.index, result.to_dict("records"), strict=True):
        if not row["ausgeschlossen"]:
            note, value = rated_note(row), float(row["z"])
        elif gebiet in withheld:
            note, value = withheld[gebiet], None
        else:
            note, value = f"{NOTE_LEFT_OUT}: {row['grund']}", None
        rows.append(
            {
                "gebiet_id": gebiet,
                "indikator_id": indikator,
                "jahr": year,
                "wert": value,
                "anmerkung": note,
                # left out because an input is withheld: the empty cell is withheld too (shown ".")
                "gesperrt": gebiet in withheld,
            }
        )
    return rows


def _append(values: pd.DataFrame, rows: list[dict[str, object]]) -> pd.DataFrame:
    if not rows:
        return values
    added = pd.DataFrame(rows).reindex(columns=values.columns)
    if "gesperrt" in added:
        added["gesperrt"] = added["gesperrt"].fillna(False).astype(bool)
    added = added.astype(values.dtypes.to_dict())
    return pd.concat([values, added], ignore_index=True)


def _weights_text(weights: Mapping[str, float], catalogue: pd.DataFrame) -> str:
    """'SGB-II-Quote, … und Arbeitslosenquote, gleich gewichtet' or with '(Gewicht 2)' per indicator."""
    equal = len(set(weights.values())) == 1

    def item(indikator: str, weight: float) -> str:
        text = str(catalogue.at[indikator, "name"])
        extras = [] if equal else [f"Gewicht {format_number(weight, 2).rstrip('0').rstrip(',')}"]
        if catalogue.at[indikator, "polaritaet"] == "hoeher_besser":
            extras.append("umgekehrt, da höher günstiger")
        return f"{text} ({'; '.join(extras)})" if extras else text

    names = _join_german([item(i, w) for i, w in weights.items()])
    return f"{names}, gleich gewichtet" if equal and len(weights) > 1 else names


def _latest_stand(catalogue: pd.DataFrame, indicators: Iterable[str]) -> str:
    """The latest Datenstand of the inputs ('31.12.2024'); text that is no date is kept as it is."""
    stands = [str(catalogue.at[i, "datenstand"]) for i in indicators]
    dates = pd.to_datetime(pd.Series(stands), format="%d.%m.%Y", errors="coerce")
    if dates.notna().any():
        return stands[int(dates.idxmax())]
    return ", ".join(dict.fromkeys(stands))


def _catalogue_row(indikator: str, catalogue: pd.DataFrame, spec: _IndexSpec, min_fallzahl: int) -> dict[str, object]:
    status = indikator == STATUS_ID
    weights = spec.status if status else spec.dynamics
    config = spec.config(catalogue)  # carries both limits and the class labels
    method = "nach dem Verfahren des Berliner Monitorings Soziale Stadtentwicklung"
    if status:
        name, short = "Sozialindex: Statusindex", "Statusindex"
        first = (
            f"Statusindex {method} aus {_weights_text(weights, catalogue)}: je Indikator z-Werte über die Gebiete "
            "einer Ebene, gewichtet addiert und erneut standardisiert (0 = Mittel der Gebiete, positiv = ungünstigere "
            "Lage); Klassen " + _describe_classes(config.status_limits, config.status_labels, config.status_codes) + "."
        )
    else:
        years = "1 Jahr" if spec.years == 1 else f"{spec.years} Jahre"
        period = "gegenüber dem Vorjahr" if spec.years == 1 else f"in den {spec.years} Jahren bis zum angegebenen Jahr"
        name, short = f"Sozialindex: Dynamikindex ({years})", "Dynamikindex"
        first = (
            f"Dynamikindex {method} aus der Veränderung {period} (bei Anteilen in Prozentpunkten) von "
            f"{_weights_text(weights, catalogue)}; standardisiert wie der Statusindex (positiv = ungünstigere "
            "Entwicklung als im Mittel der Gebiete); Klassen "
            + _describe_classes(config.dynamics_limits, config.dynamics_labels, config.dynamics_codes)
            + "."
        )
    small = f"unter {spec.min_population} Einwohnern oder " if spec.min_population else ""
    second = (
        f"Gerechnet wird nur mit veröffentlichten Werten (nach der Geheimhaltung): Gebiete {small}mit fehlendem oder "
        "gesperrtem Eingangswert werden nicht eingestuft; einen Gesamtstadtwert gibt es nicht, weil der Index Gebiete "
        "untereinander vergleicht."
    )
    sources = dict.fromkeys(str(catalogue.at[i, "quelle"]) for i in weights)
    return {
        "indikator_id": indikator,
        "name": name,
        "kurzname": short,
        "einheit": INDEX_UNIT,
        "thema": INDEX_THEME,
        "polaritaet": "hoeher_schlechter",
        "definition": f"{first} {second}",
        "quelle": "Berechnet aus: " + "; ".join(sources),
        "datenstand": _latest_stand(catalogue, weights),
        "dezimalstellen": 2,
        "handlungsfeld_id": None,
        "min_fallzahl": min_fallzahl,
        "aggregation": "vorgegeben",
        "faktor": 100.0,
    }


@dataclass(frozen=True)
class AreaIndex:
    """One index indicator for one area, for the profile: value, class or why there is none, rank."""

    indikator: str
    year: int
    value: float | None
    code: str | None  # class code ("3", "-") from the configured limits; None without value
    label: str | None  # class label ("niedrig", "negativ")
    note: str  # `anmerkung` of the value: the class, or why the area is not rated
    rank: int | None  # 1 = most favourable (lowest z) among the rated areas of the level
    rated: int


def area_index(
    values: pd.DataFrame, catalogue: pd.DataFrame, settings: Settings, gebiet: str, jahr: int
) -> list[AreaIndex]:
    """The offered index indicators of ``gebiet`` in ``jahr`` or the latest earlier year with index values."""
    config = IndexConfig(
        name="",
        status_indicators={STATUS_ID: 1.0},
        dynamics_indicators={},
        status_limits=settings.sozialindex_grenzen_status,
        dynamics_limits=settings.sozialindex_grenzen_dynamik,
    )
    scales = {
        STATUS_ID: (config.status_limits, config.status_codes, config.status_labels),
        DYNAMICS_ID: (config.dynamics_limits, config.dynamics_codes, config.dynamics_labels),
    }
    entries = []
    for indikator in (i for i in INDEX_IDS if i in catalogue.index):
        rows = values[(values["indikator_id"] == indikator) & (values["jahr"] <= jahr)]
        if rows.empty:
            continue
        year = int(rows["jahr"].max())
        same = rows[rows["jahr"] == year].set_index("gebiet_id")
        if gebiet not in same.index:
            continue
        z = same["wert"].astype(float)
        value = None if pd.isna(z[gebiet]) else float(z[gebiet])
        limits, codes, labels = scales[indikator]
        number = int(cut_classes(pd.Series([value]), limits).iloc[0]) if value is not None else None
        note = same.at[gebiet, "anmerkung"]
        entries.append(
            AreaIndex(
                indikator,
                year,
                value,
                codes[number - 1] if number else None,
                labels[number - 1] if number else None,
                "" if pd.isna(note) else str(note),
                int(z.dropna().rank(method="min")[gebiet]) if value is not None else None,
                int(z.notna().sum()),
            )
        )
    return entries


def same_as_settings(
    settings: Settings,
    status_weights: Mapping[str, float],
    dynamics_weights: Mapping[str, float],
    span: int | None,
    status_limits: tuple[float, ...],
    dynamics_limits: tuple[float, ...],
    min_population: int,
) -> bool:
    """Whether choices (e.g. on the index page) give the index that `[sozialindex]` offers as indicators.

    Without dynamics (``span`` None) they match only a configuration without dynamics indicators.
    """
    same_dynamics = (
        dict(dynamics_weights) == dict(settings.sozialindex_dynamik) and span == settings.sozialindex_dynamik_jahre
        if span is not None
        else not settings.sozialindex_dynamik
    )
    return (
        list(status_weights.items()) == list(settings.sozialindex_status.items())
        and same_dynamics
        and tuple(status_limits) == tuple(settings.sozialindex_grenzen_status)
        and tuple(dynamics_limits) == tuple(settings.sozialindex_grenzen_dynamik)
        and min_population == settings.index_min_einwohner
    )
