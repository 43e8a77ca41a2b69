"""Map classes agree with mapclassify, which the app imports only for natural breaks."""

from __future__ import annotations

import subprocess
import sys

import mapclassify
import numpy as np
import pandas as pd
import pytest

from sozialraum.classify import classify

SAMPLES = {
    "gleichmäßig": np.linspace(0, 100, 542),
    "schief": np.random.default_rng(1).lognormal(2.0, 0.8, 300),
    "viele Gleiche": np.random.default_rng(2).integers(0, 6, 200).astype(float),
    "wenige": np.array([3.5, 1.0, 7.25, 2.0, 9.0, 4.0]),
    "Gera": np.array([14.1, 9.8, 22.6, 39.4, 8.7, 12.0, 17.3, 25.1, 6.9, 11.4, 19.9, 31.0]),
}
MODELS = {"quantile": mapclassify.Quantiles, "gleich": mapclassify.EqualInterval, "jenks": mapclassify.NaturalBreaks}


@pytest.mark.filterwarnings("ignore::UserWarning")  # mapclassify warns when ties collapse classes
@pytest.mark.parametrize("scheme", ["quantile", "gleich"])
@pytest.mark.parametrize("k", [3, 4, 5, 7])
@pytest.mark.parametrize("name", list(SAMPLES))
def test_classes_equal_mapclassify(name: str, k: int, scheme: str) -> None:
    values = SAMPLES[name]
    k = min(k, len(np.unique(values)))
    ours = classify(pd.Series(values), scheme, k)
    theirs = MODELS[scheme](values, k=k)
    np.testing.assert_allclose(ours.bounds, theirs.bins)
    np.testing.assert_array_equal(ours.labels, theirs.yb)
    assert ours.counts == list(theirs.counts)


def test_missing_values_keep_their_position() -> None:
    values = pd.Series([1.0, None, 3.0, 2.0, None, 5.0])
    result = classify(values, "quantile", 2)
    assert list(result.labels) == [0, -1, 1, 0, -1, 1]
    assert result.counts == [2, 2]


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("k", [3, 5])
@pytest.mark.parametrize("name", list(SAMPLES))
def test_natural_breaks_are_mapclassifys_with_a_fixed_seed(name: str, k: int) -> None:
    values = SAMPLES[name]
    k = min(k, len(np.unique(values)))
    ours = classify(pd.Series(values), "jenks", k)
    np.random.seed(0)  # mapclassify's k-means starts come from numpy's global generator
    theirs = mapclassify.NaturalBreaks(values, k=k)
    np.testing.assert_allclose(ours.bounds, theirs.bins)
    np.testing.assert_array_equal(ours.labels, theirs.yb)


def test_natural_breaks_are_the_same_on_every_run() -> None:
    """mapclassify alone draws other k-means starts each time: the map would change colour on a rerun."""
    values = pd.Series(np.arange(24.0))  # evenly spaced: many equally good partitions, the starts decide
    np.random.seed(1)  # mapclassify draws its starts from numpy's global generator: two states, two runs
    first = classify(values, "jenks", 5)
    np.random.seed(2)
    again = classify(values, "jenks", 5)
    np.testing.assert_array_equal(again.bounds, first.bounds)
    np.testing.assert_array_equal(again.labels, first.labels)


def test_map_classes_do_not_import_scikit_learn() -> None:
    """mapclassify pulls in scikit-learn and scipy (about 75 MB per server process): only natural breaks may."""
    code = (
        "import sys, pandas as pd; from sozialraum.classify import classify; "
        "classify(pd.Series([1.0, 2.0, 3.0, 4.0]), 'quantile', 2); classify(pd.Series([1.0, 5.0]), 'gleich', 2); "
        "print('sklearn' in sys.modules, 'mapclassify' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
