"""The social index in words: its method, the class scales, summary sentences, reasons and the type table.

Every text is a template in German (the msgid) and is written in the language of the `Translator` `t`
(default German): one template per sentence, so no language is glued from German fragments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from ..formatting import NBSP, format_number
from ..i18n import N_, Translator
from .compute import _middle_class

if TYPE_CHECKING:
    from .config import IndexConfig

MINUS = "\u2212"
GERMAN = Translator("de")
# the default class labels of IndexConfig, for extraction: shown through t(label), other labels stay as set
CLASS_LABELS = (N_("hoch"), N_("mittel"), N_("niedrig"), N_("sehr niedrig"), N_("positiv"), N_("stabil"),
                N_("negativ"))  # fmt: skip


def class_label(label: str, t: Translator = GERMAN) -> str:
    """A class label ('niedrig') in the language of `t`; a label set in the settings stays as it is."""
    return t(label) if label in CLASS_LABELS else label


# the note of a rated area (column `anmerkung` of the index rows), one template per index
STATUS_NOTE = N_("Status {klasse} (Klasse {code})")
DYNAMICS_NOTE = N_("Dynamik {klasse} ({code})")


def describe_config(config: IndexConfig, t: Translator = GERMAN) -> str:
    """The method in plain words, for display next to the index."""
    direction = (
        t("Hohe Indikatorwerte bedeuten eine ungünstige Lage (z. B. viel Arbeitslosigkeit = niedriger Status).")
        if config.higher_is_worse
        else t("Hohe Indikatorwerte bedeuten eine günstige Lage.")
    )
    parts = [
        f"{config.name}.",
        _describe_weights(config, config.status_indicators, t, dynamics=False),
        t(
            "Jeder Indikator wird in einen z-Wert umgerechnet: Abstand zum Mittelwert aller Gebiete in "
            "Standardabweichungen; jedes Gebiet zählt gleich, unabhängig von seiner Einwohnerzahl."
        ),
        t("Die z-Werte werden addiert und die Summe erneut standardisiert."),
        direction,
        t(
            "Klassen des Statusindex: {klassen}.",
            klassen=_describe_classes(config.status_limits, config.status_labels, config.status_codes, t),
        ),
    ]
    if config.dynamics_indicators:
        s_mid, d_mid = _middle_class(config.status_limits) - 1, _middle_class(config.dynamics_limits) - 1
        parts += [
            _describe_weights(config, config.dynamics_indicators, t, dynamics=True),
            t("Berechnung wie beim Statusindex."),
            *([t("Eine Zunahme der Anteile gilt als ungünstige Entwicklung.")] if config.higher_is_worse else []),
            t(
                "Klassen: {klassen}.",
                klassen=_describe_classes(config.dynamics_limits, config.dynamics_labels, config.dynamics_codes, t),
            ),
            t(
                "Der Gesamttyp verbindet beide, z. B. „{typ}“ für Status {status} und Dynamik {dynamik}.",
                typ=config.status_codes[s_mid] + config.dynamics_codes[d_mid],
                status=class_label(config.status_labels[s_mid], t),
                dynamik=class_label(config.dynamics_labels[d_mid], t),
            ),
        ]
    if config.min_population:
        parts.append(
            t(
                "Gebiete mit weniger als {anzahl} Einwohnerinnen und Einwohnern und Gebiete mit fehlenden Werten "
                "werden nicht eingestuft und gehen auch nicht in Mittelwert und Streuung ein.",
                anzahl=str(config.min_population),
            )
        )
    else:
        parts.append(
            t(
                "Gebiete mit fehlenden Werten werden nicht eingestuft und gehen auch nicht in Mittelwert und "
                "Streuung ein."
            )
        )
    return " ".join(parts)


def _describe_weights(config: IndexConfig, weights: Mapping[str, float], t: Translator, dynamics: bool) -> str:
    names = [config.indicator_name(column) for column in weights]
    values = list(weights.values())
    if len(set(values)) == 1 and values[0] > 0:
        if dynamics:
            return t("Dynamikindex: {indikatoren}, gleich gewichtet.", indikatoren=join(names, t))
        return t("Statusindex: {indikatoren}, gleich gewichtet.", indikatoren=join(names, t))
    weighted = [
        t("{indikator} (Gewicht {gewicht})", indikator=name, gewicht=weight_text(w, t))
        for name, w in zip(names, values, strict=True)
    ]
    text = (
        t("Dynamikindex: {indikatoren}.", indikatoren=join(weighted, t))
        if dynamics
        else t("Statusindex: {indikatoren}.", indikatoren=join(weighted, t))
    )
    if min(values) < 0:
        text += " " + t("Ein negatives Gewicht kehrt die Richtung des Indikators um.")
    return text


def weight_text(value: float, t: Translator = GERMAN) -> str:
    """A weight without trailing zeros: 1.5 → '1,5', 2.0 → '2' (German as it always was, with '-')."""
    if _german(t):
        return format_number(value, 2).rstrip("0").rstrip(",")
    return t.decimal(value, 0) if float(value).is_integer() else t.decimal(value, 2).rstrip("0")


def _german(t: Translator) -> bool:
    return t.language.locale.startswith("de")


def _count(n: int, t: Translator) -> str:
    """A count in a sentence: German without grouping (as always: '1070'), the others per locale."""
    return str(n) if _german(t) else t.number(n)


def join(items: list[str], t: Translator = GERMAN) -> str:
    """'a, b und c' in the language of `t`."""
    if len(items) == 1:
        return items[0]
    return t("{liste} und {letzter}", liste=_listed(items[:-1], t), letzter=items[-1])


def _listed(items: list[str], t: Translator) -> str:
    """'a, b, c' with the list template (Arabic '،'), not a bare ', '."""
    listed = items[0]
    for item in items[1:]:
        listed = t("{liste}, {name}", liste=listed, name=item)
    return listed


def _sd(value: float, t: Translator) -> str:
    text = t.decimal(value, 1)
    return text if value <= 0 else t.left_to_right("+" + text)  # "+1.0", not "1.0+", right to left


def _describe_classes(
    limits: tuple[float, ...], labels: tuple[str, ...], codes: tuple[str, ...], t: Translator = GERMAN
) -> str:
    """'1 hoch (z unter −1,0), 2 mittel (−1,0 bis +1,0), …' with ties going to the class nearer 0."""
    pieces = []
    for i, (label, code) in enumerate(zip(labels, codes, strict=True)):
        lower = limits[i - 1] if i > 0 else None
        upper = limits[i] if i < len(limits) else None
        if lower is None and upper is None:
            span = t("alle Werte")
        elif lower is None:
            span = (
                t("z unter {grenze}", grenze=_sd(upper, t)) if upper <= 0 else t("z bis {grenze}", grenze=_sd(upper, t))
            )
        elif upper is None:
            span = (
                t("z ab {grenze}", grenze=_sd(lower, t)) if lower <= 0 else t("z über {grenze}", grenze=_sd(lower, t))
            )
        else:
            span = _range(lower, upper, t)
        name = class_label(label, t)
        pieces.append(t("{klasse} ({bereich})", klasse=name if code == label else f"{code} {name}", bereich=span))
    return _listed(pieces, t)


def _range(lower: float, upper: float, t: Translator) -> str:
    """A closed class range, one template per kind of end (ties go to the class nearer 0: "über" above 0,
    "unter" below 0), so no language nests its word for "über" inside its own "von … bis"."""
    if lower > 0:  # then upper > 0 too
        return t("über {von} bis {bis}", von=_sd(lower, t), bis=_sd(upper, t))
    if upper <= 0:
        return t("{von} bis unter {bis}", von=_sd(lower, t), bis=_sd(upper, t))
    return t("{von} bis {bis}", von=_sd(lower, t), bis=_sd(upper, t))


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
    (German only, for any `areas` word; `index_summary` writes the page's sentence in every language.)
    """
    rated = result[~result["ausgeschlossen"].astype(bool)]
    n = len(rated)
    left_out = len(result) - n
    tail = f" Nicht eingestuft: {left_out} (zu wenige Einwohner oder fehlende Werte)." if left_out else ""
    if n == 0:
        return f"Keines der {len(result)} Gebiete ist eingestuft.{tail}"
    pieces = _unfavourable(rated, limits, labels, GERMAN)
    if not pieces:
        return f"{n} {areas} eingestuft.{tail}"
    first, *rest = pieces
    verb = "hat" if first[0] == 1 else "haben"
    sentence = f"{first[0]} von {n} {areas} ({first[1]}) {verb} {what} „{first[2]}“"
    sentence += "".join(f", {count} ({share}) „{label}“" for count, share, label in rest)
    return sentence + "." + tail


def _unfavourable(
    rated: pd.DataFrame, limits: tuple[float, ...], labels: tuple[str, ...], t: Translator
) -> list[tuple[int, str, str]]:
    """(count, share, label) of each class worse than the middle one, the worst first."""
    counts = rated["klasse"].value_counts()
    pieces = []
    for number in range(len(labels), _middle_class(limits), -1):
        count = int(counts.get(number, 0))
        pieces.append((count, t.value(100 * count / len(rated), "%", 1), class_label(labels[number - 1], t)))
    return pieces


# one template per kind of index and case; the German ones give the sentence of `summary_sentence`
_FIRST = {
    ("status", True): N_("{anzahl} von {gesamt} Gebieten ({anteil}) hat den Status „{klasse}“"),
    ("status", False): N_("{anzahl} von {gesamt} Gebieten ({anteil}) haben den Status „{klasse}“"),
    ("dynamik", True): N_("{anzahl} von {gesamt} Gebieten ({anteil}) hat die Dynamik „{klasse}“"),
    ("dynamik", False): N_("{anzahl} von {gesamt} Gebieten ({anteil}) haben die Dynamik „{klasse}“"),
}


def index_summary(result: pd.DataFrame, limits: tuple[float, ...], labels: tuple[str, ...], kind: str,
                  t: Translator = GERMAN) -> str:  # fmt: skip
    """The sentence of `summary_sentence` (areas: 'Gebieten') in the language of `t`; `kind`: status or dynamik."""
    rated = result[~result["ausgeschlossen"].astype(bool)]
    n = len(rated)
    left_out = len(result) - n
    tail = (
        " " + t("Nicht eingestuft: {anzahl} (zu wenige Einwohner oder fehlende Werte).", anzahl=_count(left_out, t))
        if left_out
        else ""
    )
    if n == 0:
        return t("Keines der {gesamt} Gebiete ist eingestuft.", gesamt=_count(len(result), t)) + tail
    pieces = _unfavourable(rated, limits, labels, t)
    if not pieces:
        return t("{anzahl} Gebieten eingestuft.", anzahl=_count(n, t)) + tail
    (count, share, label), *rest = pieces
    sentence = t(_FIRST[(kind, count == 1)], anzahl=_count(count, t), gesamt=_count(n, t), anteil=share, klasse=label)
    more = [t("{anzahl} ({anteil}) „{klasse}“", anzahl=_count(c, t), anteil=s, klasse=label) for c, s, label in rest]
    return _listed([sentence, *more], t) + "." + tail


def status_summary(result: pd.DataFrame, config: IndexConfig, areas: str = "Planungsräumen") -> str:
    """:func:`summary_sentence` for a :func:`status_index` result."""
    return summary_sentence(result, config.status_limits, config.status_labels, "den Status", areas)


def dynamics_summary(result: pd.DataFrame, config: IndexConfig, areas: str = "Planungsräumen") -> str:
    """:func:`summary_sentence` for a :func:`dynamics_index` result."""
    return summary_sentence(result, config.dynamics_limits, config.dynamics_labels, "die Dynamik", areas)


_SMALL = re.compile(rf"weniger als (\d+){NBSP}Einwohner")
_MISSING_PREFIX = "fehlende Werte: "


def exclusion_reason(reason: str, t: Translator = GERMAN) -> str:
    """The reason `compute` gives for leaving an area out ('weniger als 300 Einwohner; fehlende Werte: …'), in
    the language of `t`; its parts are the three fixed forms of `compute._exclusions`."""
    parts = []
    for part in str(reason).split("; "):
        if part == "Einwohnerzahl fehlt":
            parts.append(t("Einwohnerzahl fehlt"))
        elif small := _SMALL.fullmatch(part):
            parts.append(t("weniger als {anzahl} Einwohner", anzahl=small.group(1)))  # no-break space
        elif part.startswith(_MISSING_PREFIX):
            parts.append(t("fehlende Werte: {indikatoren}", indikatoren=part.removeprefix(_MISSING_PREFIX)))
        else:
            parts.append(part)
    return t("; ").join(parts)  # Arabic: "؛ "


def type_table(
    status: pd.DataFrame, dynamics: pd.DataFrame, names: Mapping[str, str], config: IndexConfig, t: Translator = GERMAN
) -> pd.DataFrame:
    """Status classes as rows, dynamics classes as columns; each cell: the number of areas and their names,
    e.g. '2: Bieblach-Ost, Lusan-Brüte' (empty cell: '0'). The combined types at a glance."""
    rows = []
    for s_code, s_label in zip(config.status_codes, config.status_labels, strict=True):
        s_name = class_label(s_label, t)
        row = {t("Status"): f"{s_code} {s_name}" if s_code != s_label else s_name}
        in_status = status.index[(status["code"] == s_code).fillna(False).to_numpy()]
        for d_code, d_label in zip(config.dynamics_codes, config.dynamics_labels, strict=True):
            in_both = [g for g in in_status if g in dynamics.index and dynamics.at[g, "code"] == d_code]
            area_names = sorted(str(names.get(g, g)) for g in in_both)
            column = t("Dynamik {klasse} ({code})", klasse=class_label(d_label, t), code=d_code)
            row[column] = f"{len(area_names)}: {', '.join(area_names)}" if area_names else "0"
        rows.append(row)
    return pd.DataFrame(rows)
