"""Map classes (mapclassify) and colour-blind-safe, polarity-aware ColorBrewer palettes."""

from __future__ import annotations

from dataclasses import dataclass

import mapclassify
import numpy as np
import pandas as pd

# ColorBrewer sequential palettes (colour-blind safe), light → dark, 3–7 classes.
_ORANGE_RED = ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"]
_BLUES = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"]
_PURPLE_BLUE = ["#f1eef6", "#d0d1e6", "#a6bddb", "#74a9cf", "#3690c0", "#0570b0", "#034e7b"]
MISSING_COLOUR = "#d9d9d9"

SCHEMES = {
    "quantile": "Quantile (gleich viele Gebiete je Klasse)",
    "gleich": "Gleiche Intervalle",
    "jenks": "Natürliche Brüche (Jenks)",
}


@dataclass(frozen=True)
class Classes:
    """Upper bounds per class, class of each value (-1 = missing), colours per class."""

    bounds: list[float]
    lower: float
    labels: np.ndarray
    colours: list[str]
    counts: list[int]


def _pick(palette: list[str], k: int) -> list[str]:
    idx = np.linspace(0, len(palette) - 1, k).round().astype(int)
    return [palette[i] for i in idx]


def palette(polarity: str, k: int) -> list[str]:
    """Colours from class 1 (lowest values) to class k.

    The darkest, most alarming colour always marks the problem end: high values when higher
    is worse, low values when higher is better. Neutral indicators use a calm blue scale.
    """
    if polarity == "hoeher_schlechter":
        return _pick(_ORANGE_RED, k)
    if polarity == "hoeher_besser":
        return list(reversed(_pick(_ORANGE_RED, k)))
    return _pick(_PURPLE_BLUE, k)


def classify(values: pd.Series, scheme: str = "quantile", k: int = 5, polarity: str = "neutral") -> Classes:
    present = values.dropna().astype(float)
    labels = np.full(len(values), -1)
    if present.empty:
        return Classes([], float("nan"), labels, [], [])
    k = max(1, min(k, present.nunique()))
    if k == 1:
        bounds = [float(present.max())]
        cls = np.zeros(len(present), dtype=int)
    else:
        model = {
            "quantile": mapclassify.Quantiles,
            "gleich": mapclassify.EqualInterval,
            "jenks": mapclassify.NaturalBreaks,
        }[scheme](present.to_numpy(), k=k)
        bounds, cls = [float(b) for b in model.bins], np.asarray(model.yb)
    k = len(bounds)
    positions = np.flatnonzero(values.notna().to_numpy())
    labels[positions] = cls
    counts = [int((cls == i).sum()) for i in range(k)]
    return Classes(bounds, float(present.min()), labels, palette(polarity, k), counts)
