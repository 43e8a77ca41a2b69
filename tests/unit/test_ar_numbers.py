"""Arabic numbers keep their order inside right-to-left text (issue 22): the Translator isolates a number with
its sign and unit (LRI/RLI … PDI), so "37 %" does not show as "% 37" nor "−4.0" as "4.0−"; German, Leichte
Sprache, English and Ukrainian stay without isolates. The data grid mirrors its columns in Arabic."""

from __future__ import annotations

import math

import pytest

from components.grid import mirrored_order
from sozialraum.formatting import NBSP, format_signed, format_value
from sozialraum.i18n import LRI, PDI, RLI, Translator

AR = Translator("ar")


def test_a_value_with_a_symbol_unit_is_one_left_to_right_run() -> None:
    assert AR.value(37.2, "%", 0) == f"{LRI}37{NBSP}%{PDI}"
    assert AR.value(-4.04, "%", 1) == f"{LRI}−4.0{NBSP}%{PDI}"  # the minus inside, before the digits
    assert AR.value(1234.5, "km²", 1) == f"{LRI}1,234.5{NBSP}km²{PDI}"


def test_a_german_unit_stays_right_of_the_number() -> None:
    assert AR.value(12.0, "je 1.000 Einw.", 1) == f"{LRI}12.0{NBSP}je 1.000 Einw.{PDI}"


def test_an_arabic_unit_reads_right_to_left_with_the_number_left_to_right_inside() -> None:
    assert AR.value(-510, "نسمة", 0) == f"{RLI}{LRI}−510{PDI}{NBSP}نسمة{PDI}"
    assert AR.value(510, "نسمة", 0) == f"{RLI}{LRI}510{PDI}{NBSP}نسمة{PDI}"


@pytest.mark.parametrize(("amount", "sign"), [(2.34, "+"), (-4.0, "−"), (0.04, "±"), (-0.04, "±")])
def test_signed_keeps_the_sign_before_the_digits_for_every_sign_and_tie(amount: float, sign: str) -> None:
    shown = f"{abs(round(amount, 1)):.1f}"
    assert AR.signed(amount, "%", 1) == f"{RLI}{LRI}{sign}{shown}{PDI}{NBSP}نقطة مئوية{PDI}"
    assert AR.signed(amount, "km", 1) == f"{LRI}{sign}{shown}{NBSP}km{PDI}"


def test_bare_numbers_isolate_only_a_minus() -> None:
    assert AR.decimal(-4.04, 1) == f"{LRI}−4.0{PDI}"
    assert AR.decimal(4.04, 1) == "4.0"
    assert AR.decimal(-0.04, 1) == "0.0"  # rounds to zero: no sign, nothing to isolate
    assert AR.number(-3) == f"{LRI}-3{PDI}" and AR.number(3) == "3"
    assert AR("Noch {rest} von {punkte} Punkten frei.", rest=-2, punkte=3) == f"النقاط المتبقية: {LRI}-2{PDI} من 3."


def test_missing_values_stay_a_dash() -> None:
    assert AR.value(None, "%") == AR.signed(math.nan, "%") == AR.decimal(None) == "–"


@pytest.mark.parametrize("code", ["de", "ls", "en", "uk"])
def test_left_to_right_languages_get_no_isolates(code: str) -> None:
    t = Translator(code)
    texts = [t.value(-4.04, "%"), t.signed(-4.0, "%"), t.signed(2.0, "km"), t.decimal(-1.5), t.left_to_right("+1")]
    assert not any(ch in text for text in texts for ch in (LRI, RLI, PDI)), texts


def test_german_is_byte_identical_to_the_german_formatter() -> None:
    de = Translator("de")
    for amount in (-4.04, 0.0, 0.04, 1234.5, 37.2):
        assert de.value(amount, "%", 1) == format_value(amount, "%", 1, "−")
        assert de.signed(amount, "%", 1) == format_signed(amount, "%", 1)


def test_the_grid_mirrors_the_shown_columns() -> None:
    assert mirrored_order(["Gebiet", "Wert", "Rang"]) == ["Rang", "Wert", "Gebiet"]
    # a given column order (which may hide columns) is mirrored, not replaced
    assert mirrored_order(["Gebiet", "Wert", "Rang", "id"], ["Gebiet", "Rang"]) == ["Rang", "Gebiet"]


def test_horizontal_bars_mirror_in_arabic_and_time_axes_do_not() -> None:
    import plotly.graph_objects as go

    from sozialraum.plot_config import right_to_left

    bars = go.Figure(go.Bar(x=[1.0, 2.0], y=["Lusan", "Gera-Ost"], orientation="h"))
    bars.update_layout(margin={"l": 150, "r": 10})
    mirrored = right_to_left(bars, "ar")
    assert (mirrored.layout.xaxis.autorange, mirrored.layout.yaxis.side) == ("reversed", "right")
    assert (mirrored.layout.margin.l, mirrored.layout.margin.r) == (10, 150)  # the names' room moves along
    assert bars.layout.xaxis.autorange is None  # the (cached) original stays as it was
    assert right_to_left(bars, "de") is bars and right_to_left(bars, "en") is bars
    # a diverging chart keeps its number line (negative left), only the names move to the right
    diverging = right_to_left(go.Figure(go.Bar(x=[1.0, -2.0], y=["a", "b"], orientation="h")), "ar")
    assert (diverging.layout.xaxis.autorange, diverging.layout.yaxis.side) == (None, "right")
    years = go.Figure(go.Scatter(x=[2020, 2021], y=[1.0, 2.0]))
    assert right_to_left(years, "ar").layout.xaxis.autorange is None  # time runs left to right


def test_a_german_title_with_its_number_is_isolated_by_its_first_letter() -> None:
    assert AR.isolated("1.1.1 Sozialbericht") == "\u20681.1.1 Sozialbericht\u2069"
    assert Translator("de").isolated("1.1.1 Sozialbericht") == "1.1.1 Sozialbericht"
