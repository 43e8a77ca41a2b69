"""Map classes (as mapclassify computes them) and colour-blind-safe, polarity-aware ColorBrewer palettes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .i18n import N_
from .polarity import Polarity

# ColorBrewer sequential palettes (colour-blind safe), light → dark, 3–7 classes.
_ORANGE_RED = ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"]
_BLUES = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"]
_PURPLE_BLUE = ["#f1eef6", "#d0d1e6", "#a6bddb", "#74a9cf", "#3690c0", "#0570b0", "#034e7b"]
MISSING_COLOUR = "#d9d9d9"

# ColorBrewer diverging palettes, class 1 → k (colour-blind safe): red … blue, orange … purple
_RED_BLUE = ["#b2182b", "#d6604d", "#f4a582", "#f7f7f7", "#92c5de", "#4393c3", "#2166ac"]
_ORANGE_PURPLE = ["#b35806", "#e08214", "#fdb863", "#f7f7f7", "#b2abd2", "#8073ac", "#542788"]

SCHEMES = {
    "quantile": N_("Quantile (gleich viele Gebiete je Klasse)"),
    "gleich": N_("Gleiche Intervalle"),
    "jenks": N_("Natürliche Brüche (Jenks)"),
    "stdabw": N_("Standardabweichungen um den Stadtwert"),
    "stetig": N_("Stetige Farbskala"),
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
    if Polarity.of(polarity) is Polarity.HIGHER_WORSE:
        return _pick(_ORANGE_RED, k)
    if Polarity.of(polarity) is Polarity.HIGHER_BETTER:
        return list(reversed(_pick(_ORANGE_RED, k)))
    return _pick(_PURPLE_BLUE, k)


def diverging_palette(polarity: str, k: int) -> list[str]:
    """Diverging colours from the lowest to the highest class; the problem side is red."""
    if Polarity.of(polarity) is Polarity.HIGHER_WORSE:
        return list(reversed(_pick(_RED_BLUE, k)))
    if Polarity.of(polarity) is Polarity.HIGHER_BETTER:
        return _pick(_RED_BLUE, k)
    return _pick(_ORANGE_PURPLE, k)


def classify(
    values: pd.Series, scheme: str = "quantile", k: int = 5, polarity: str = "neutral", center: float | None = None
) -> Classes:
    """Classes for a choropleth. `stdabw` needs `center` (the city value); `stetig` gives 7 fine
    equal steps on a sequential scale, which reads as a continuous scale on the map."""
    if scheme == "stdabw":
        return _std_classes(values, k, polarity, center)
    if scheme == "stetig":
        return classify(values, "gleich", 7, polarity)
    present = values.dropna().astype(float)
    labels = np.full(len(values), -1)
    if present.empty:
        return Classes([], float("nan"), labels, [], [])
    k = max(1, min(k, present.nunique()))
    if k == 1:
        bounds = [float(present.max())]
        cls = np.zeros(len(present), dtype=int)
    else:
        bins, cls = _bin(present.to_numpy(), scheme, k)
        bounds = [float(b) for b in bins]
    k = len(bounds)
    positions = np.flatnonzero(values.notna().to_numpy())
    labels[positions] = cls
    counts = [int((cls == i).sum()) for i in range(k)]
    return Classes(bounds, float(present.min()), labels, palette(polarity, k), counts)


def _bin(y: np.ndarray, scheme: str, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Upper class bounds and the class of each value, exactly as mapclassify's Quantiles,
    EqualInterval and NaturalBreaks give them (the unit tests compare). They are computed here
    because importing mapclassify also imports scikit-learn and scipy: about 75 MB more resident
    memory and 1.3 s per server process, which only natural breaks need, so scikit-learn is
    imported when they are chosen."""
    if scheme == "jenks":
        return _natural_breaks(y, k)
    if scheme == "quantile":
        step = 100.0 / k
        percents = np.arange(step, 100 + step, step)
        percents[-1] = min(percents[-1], 100.0)
        bins = np.unique(np.percentile(y, percents))
    elif scheme == "gleich":
        low, high = float(y.min()), float(y.max())
        width = (high - low) / k
        bins = np.arange(low + width, high + width, width)[:k]
        bins[-1] = high
    else:
        raise ValueError(f"Unbekannte Klassenbildung: {scheme}")
    return bins, np.searchsorted(bins, y, side="left")


def _natural_breaks(y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """mapclassify's NaturalBreaks (k-means in one dimension, best of 10 starts) with a fixed seed:
    mapclassify draws its starts at random, so the same data could get other classes on the next
    rerun or in another session; a map must not change colour by chance."""
    from sklearn.cluster import KMeans  # imported only when natural breaks are chosen (see above)

    unique = np.unique(y)
    if len(unique) < k:
        bins = unique.astype(float)
    else:
        model = KMeans(n_clusters=k, init="k-means++", n_init=10, random_state=0).fit(y.reshape(-1, 1))
        bins = np.sort([float(y[model.labels_ == c].max()) for c in range(k)])
    return bins, np.searchsorted(bins, y, side="left")


def _std_classes(values: pd.Series, k: int, polarity: str, center: float | None) -> Classes:
    """Classes in standard deviations around the city value: ±0.5, ±1.5, ±2.5 SD (odd k)."""
    present = values.dropna().astype(float)
    labels = np.full(len(values), -1)
    if present.empty:
        return Classes([], float("nan"), labels, [], [])
    middle = float(present.mean()) if center is None or pd.isna(center) else float(center)
    sd = float(present.std(ddof=0)) or 1.0
    half = max(1, k // 2)
    inner = [middle + (i - 0.5) * sd for i in range(-half + 1, half + 1)]
    top = max(float(present.max()), inner[-1] + sd)
    bounds = [*inner, top]
    cls = np.searchsorted(np.array(inner), present.to_numpy(), side="left")
    positions = np.flatnonzero(values.notna().to_numpy())
    labels[positions] = cls
    counts = [int((cls == i).sum()) for i in range(len(bounds))]
    lower = min(float(present.min()), inner[0] - sd)
    return Classes(bounds, lower, labels, diverging_palette(polarity, len(bounds)), counts)


COMPARISON_LABELS = {
    Polarity.HIGHER_WORSE: (
        N_("günstiger als die Stadt"),
        N_("ähnlich wie die Stadt"),
        N_("ungünstiger als die Stadt"),
    ),
    Polarity.HIGHER_BETTER: (
        N_("ungünstiger als die Stadt"),
        N_("ähnlich wie die Stadt"),
        N_("günstiger als die Stadt"),
    ),
    Polarity.NEUTRAL: (N_("niedriger als die Stadt"), N_("ähnlich wie die Stadt"), N_("höher als die Stadt")),
}


def compare_to_city(values: pd.Series, city: float | None, polarity: str, band_pct: float = 10.0) -> Classes:
    """Three classes: below / similar / above the city value; within ±`band_pct` % of it is similar.

    Labels and colours are polarity-aware (red = the unfavourable side). Bounds hold the band.
    """
    labels = np.full(len(values), -1)
    if city is None or pd.isna(city):
        return Classes([], float("nan"), labels, [], [])
    band = abs(city) * band_pct / 100
    for i, value in enumerate(values):
        if pd.isna(value):
            continue
        labels[i] = 0 if value < city - band else (2 if value > city + band else 1)
    palette3 = diverging_palette(polarity, 3)
    counts = [int((labels == i).sum()) for i in range(3)]
    return Classes([city - band, city + band, float("inf")], float("-inf"), labels, palette3, counts)


def change_classes(diffs: pd.Series, polarity: str, k: int = 5) -> Classes:
    """Symmetric classes around zero for a change map; increases of a 'worse' indicator are red."""
    present = diffs.dropna().astype(float)
    labels = np.full(len(diffs), -1)
    if present.empty:
        return Classes([], float("nan"), labels, [], [])
    k = k if k % 2 else k + 1
    reach = float(present.abs().max()) or 1.0
    step = 2 * reach / k
    inner = [-reach + step * i for i in range(1, k)]
    cls = np.searchsorted(np.array(inner), present.to_numpy(), side="left")
    labels[np.flatnonzero(diffs.notna().to_numpy())] = cls
    counts = [int((cls == i).sum()) for i in range(k)]
    return Classes([*inner, reach], -reach, labels, diverging_palette(polarity, k), counts)
