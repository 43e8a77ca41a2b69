"""The social index in plain German: its method, the class scales, summary sentences and the type table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from ..formatting import NBSP, format_number
from .compute import _middle_class

if TYPE_CHECKING:
    from .config import IndexConfig

MINUS = "\u2212"


def describe_config(config: IndexConfig) -> str:
    """The method in plain German, for display next to the index."""
    direction = (
        "Hohe Indikatorwerte bedeuten eine ungünstige Lage (z. B. viel Arbeitslosigkeit = niedriger Status)."
        if config.higher_is_worse
        else "Hohe Indikatorwerte bedeuten eine günstige Lage."
    )
    parts = [
        f"{config.name}.",
        "Statusindex: " + _describe_weights(config, config.status_indicators),
        "Jeder Indikator wird in einen z-Wert umgerechnet: Abstand zum Mittelwert aller Gebiete in "
        "Standardabweichungen; jedes Gebiet zählt gleich, unabhängig von seiner Einwohnerzahl.",
        "Die z-Werte werden addiert und die Summe erneut standardisiert.",
        direction,
        "Klassen des Statusindex: "
        + _describe_classes(config.status_limits, config.status_labels, config.status_codes)
        + ".",
    ]
    if config.dynamics_indicators:
        parts += [
            "Dynamikindex: " + _describe_weights(config, config.dynamics_indicators),
            "Berechnung wie beim Statusindex."
            + (" Eine Zunahme der Anteile gilt als ungünstige Entwicklung." if config.higher_is_worse else "")
            + " Klassen: "
            + _describe_classes(config.dynamics_limits, config.dynamics_labels, config.dynamics_codes)
            + ".",
            "Der Gesamttyp verbindet beide, z. B. "
            f"„{config.status_codes[_middle_class(config.status_limits) - 1]}"
            f"{config.dynamics_codes[_middle_class(config.dynamics_limits) - 1]}“ für "
            f"Status {config.status_labels[_middle_class(config.status_limits) - 1]} und "
            f"Dynamik {config.dynamics_labels[_middle_class(config.dynamics_limits) - 1]}.",
        ]
    exclusion = "Gebiete mit fehlenden Werten"
    if config.min_population:
        exclusion = f"Gebiete mit weniger als {config.min_population} Einwohnerinnen und Einwohnern und " + exclusion
    parts.append(f"{exclusion} werden nicht eingestuft und gehen auch nicht in Mittelwert und Streuung ein.")
    return " ".join(parts)


def _describe_weights(config: IndexConfig, weights: Mapping[str, float]) -> str:
    names = [config.indicator_name(column) for column in weights]
    values = list(weights.values())
    if len(set(values)) == 1 and values[0] > 0:
        return f"{_join_german(names)}, gleich gewichtet."
    weighted = [
        f"{name} (Gewicht {format_number(w, 2).rstrip('0').rstrip(',')})" for name, w in zip(names, values, strict=True)
    ]
    note = " Ein negatives Gewicht kehrt die Richtung des Indikators um." if min(values) < 0 else ""
    return f"{_join_german(weighted)}.{note}"


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
