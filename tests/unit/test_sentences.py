"""The generated sentences hold for every sign, tie and gap: generated cases (hypothesis) and the case of
issue 18 (every area fell, the old sentence said "Am stärksten gestiegen ist … (−0,4 Prozentpunkte)")."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from sozialraum.compare import movers, movers_summary
from sozialraum.formatting import MINUS, format_value
from sozialraum.mapview import map_summary
from sozialraum.sentences import change_sentence, join_names, value_sentence

NAMES = ["Bieblach-Ost", "Debschwitz", "Gera-Ost", "Gera-West", "Lusan", "Stadtmitte", "Untermhaus"]


def fmt(value: float) -> str:
    return format_value(value, "Prozentpunkte", 1, MINUS)


# small integers and tenths make ties likely; NaN stands for a withheld or missing value
cell = st.one_of(st.integers(-3, 3).map(lambda i: i / 10), st.integers(-30, 30).map(float), st.just(math.nan))
tables = st.lists(cell, min_size=1, max_size=len(NAMES)).map(
    lambda values: pd.DataFrame({"name": NAMES[: len(values)], "wert": values, "stadt": -0.3})
)


def shown_groups(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    present = table.dropna(subset=["wert"])
    zero = present["wert"].map(fmt) == fmt(0.0)
    return present[~zero & (present["wert"] > 0)], present[~zero & (present["wert"] < 0)], present[zero]


def named_extreme(sentence: str, group: pd.DataFrame, highest: bool) -> None:
    """The areas with the largest shown value of `group` are all named, with that value."""
    value = fmt(group["wert"].max() if highest else group["wert"].min())
    tied = sorted(group.loc[group["wert"].map(fmt) == value, "name"])
    assert join_names(tied) in sentence
    assert (f"je {value}" if len(tied) > 1 else value) in sentence


@settings(max_examples=300, deadline=None)
@given(tables)
def test_change_sentence_agrees_with_the_numbers(table: pd.DataFrame) -> None:
    text = change_sentence(table, "SGB-II-Quote", fmt)
    up, down, same = shown_groups(table)
    n = len(up) + len(down) + len(same)
    assert text.startswith("Beim Indikator „SGB-II-Quote“")
    assert ("gestiegen" in text) == (len(up) > 0)
    assert ("gesunken" in text) == (len(down) > 0)
    assert ("gleich geblieben" in text) == (len(same) > 0)
    if n > 1 and len(up) == n:
        assert f"in allen {n} Gebieten gestiegen, am stärksten in" in text
    if n > 1 and len(down) == n:
        assert f"in allen {n} Gebieten gesunken, am stärksten in" in text
    if len(up):
        named_extreme(text, up, highest=True)
    if len(down):
        named_extreme(text, down, highest=False)
    if 0 < max(len(up), len(down)) < n:  # mixed: the counts add up
        counts = [
            int(c) for c in re.findall(r"in (\d+) (?:von \d+ Gebiet(?:en)? )?(?:gestiegen|gesunken|gleich)", text)
        ]
        assert sum(counts) == n
    missing = len(table) - n
    assert (f"Für {missing} Gebiet" in text) == (missing > 0)
    assert text.endswith("Gesamtstadt: −0,3\u00a0Prozentpunkte.")


@settings(max_examples=300, deadline=None)
@given(tables)
def test_value_sentence_names_every_tied_area(table: pd.DataFrame) -> None:
    text = value_sentence(table, "SGB-II-Quote", fmt)
    present = table.dropna(subset=["wert"])
    if present.empty:
        assert "keine Werte" in text
        return
    top, low = fmt(present["wert"].max()), fmt(present["wert"].min())
    if len(present) == 1:
        assert f"liegt nur für {present['name'].iloc[0]} ein Wert vor: {top}." in text
    elif top == low:
        assert f"haben alle {len(present)} Gebiete denselben Wert: {top}." in text
    else:
        named_extreme(text, present, highest=True)
        named_extreme(text, present, highest=False)
        assert "den höchsten Wert" in text and "den niedrigsten" in text


def test_every_area_fell_is_said_so() -> None:
    """Issue 18: 2015–2020 every area's SGB-II-Quote fell; the sentence must not call anything a rise."""
    table = pd.DataFrame({"name": NAMES[:4], "wert": [-0.4, -1.2, -2.5, -0.1], "stadt": -1.0})
    assert map_summary(table, "SGB-II-Quote", fmt, "veraenderung") == (
        "Beim Indikator „SGB-II-Quote“ ist der Wert in allen 4 Gebieten gesunken, am stärksten in Gera-Ost "
        "(−2,5\u00a0Prozentpunkte). Gesamtstadt: −1,0\u00a0Prozentpunkte."
    )


def test_one_area_and_a_change_that_rounds_to_zero() -> None:
    one = pd.DataFrame({"name": ["Lusan"], "wert": [0.7], "stadt": np.nan})
    assert change_sentence(one, "SGB-II-Quote", fmt) == (
        "Beim Indikator „SGB-II-Quote“ ist der Wert in Lusan gestiegen (0,7\u00a0Prozentpunkte)."
    )
    tiny = pd.DataFrame({"name": NAMES[:2], "wert": [0.04, -0.02], "stadt": np.nan})
    assert change_sentence(tiny, "SGB-II-Quote", fmt) == (
        "Beim Indikator „SGB-II-Quote“ ist der Wert in allen 2 Gebieten gleich geblieben (0,0\u00a0Prozentpunkte)."
    )


changes = st.lists(st.one_of(st.integers(-3, 3).map(float), st.just(math.nan)), min_size=1, max_size=len(NAMES))


@settings(max_examples=200, deadline=None)
@given(changes, st.sampled_from(["hoeher_schlechter", "hoeher_besser", "neutral"]))
def test_movers_summary_agrees_with_the_ratings(deltas: list[float], polarity: str) -> None:
    ids = [f"{i:02d}" for i in range(len(deltas))]
    areas = pd.DataFrame({"gebiet_id": ids, "name": NAMES[: len(deltas)]})
    rows = [(g, 2020, 10.0) for g in ids] + [(g, 2023, 10.0 + d) for g, d in zip(ids, deltas, strict=True)]
    values = pd.DataFrame(rows, columns=["gebiet_id", "jahr", "wert"]).assign(indikator_id="alq")
    table = movers(values, areas, "alq", polarity, 2020, 2023, decimals=1)
    text = movers_summary(table, "Arbeitslosenquote", "%", 1, 2020, 2023)
    present = [d for d in deltas if not math.isnan(d)]
    if not present:
        assert "keine Veränderung darstellbar" in text
        return
    worse_up = polarity == "hoeher_schlechter"
    rises, falls = sum(d > 0 for d in present), sum(d < 0 for d in present)
    improved, worsened = (falls, rises) if worse_up else (rises, falls)
    good, bad = ("verbessert", "verschlechtert") if polarity != "neutral" else ("erhöht", "verringert")
    assert (good in text.lower()) == (improved > 0)
    assert (bad in text.lower()) == (worsened > 0)
    assert ("unverändert" in text) == (0 < present.count(0.0) < len(present))
    if not rises and not falls:
        assert "kein Gebiet hat sich verändert" in text
    missing = len(deltas) - len(present)
    assert ("fehlt ein Wert" in text) == (missing > 0)
