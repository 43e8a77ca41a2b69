"""Sozialindex: z-scores, weighting, class limits, exclusions (Berlin's published classes: tests/realdata/)."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest

from sozialraum.sozialindex import (
    MSS_2021,
    S1,
    S3,
    S4,
    IndexConfig,
    catalogue_config,
    combined_type,
    cut_classes,
    default_status_indicators,
    dynamics_column,
    dynamics_index,
    dynamics_summary,
    index_inputs,
    rated_indicators,
    status_index,
    status_summary,
    type_table,
    zscores,
)

SIMPLE = IndexConfig(
    name="Test",
    status_indicators={"a": 1.0},
    dynamics_indicators={"d": 1.0},
    indicator_names={"a": "Indikator A", "d": "Veränderung A"},
)


def _frame(**columns: list[float]) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    return pd.DataFrame(columns, index=[f"g{i:02d}" for i in range(n)])


# --- z-scores ---------------------------------------------------------------------------------------------


def test_zscores_use_population_std_by_default() -> None:
    z = zscores(_frame(a=[1.0, 2.0, 3.0]), ["a"])["a"]
    assert z.tolist() == pytest.approx([-math.sqrt(1.5), 0.0, math.sqrt(1.5)])


def test_zscores_sample_std_on_request() -> None:
    z = zscores(_frame(a=[1.0, 2.0, 3.0]), ["a"], ddof=1)["a"]
    assert z.tolist() == pytest.approx([-1.0, 0.0, 1.0])


def test_zscores_keep_missing_and_ignore_it_in_mean_and_std() -> None:
    z = zscores(_frame(a=[1.0, np.nan, 3.0]), ["a"])["a"]
    assert z.iloc[0] == pytest.approx(-1.0) and z.iloc[2] == pytest.approx(1.0)
    assert pd.isna(z.iloc[1])


def test_zscores_of_a_constant_column_are_zero() -> None:
    assert zscores(_frame(a=[5.0, 5.0, 5.0]), ["a"])["a"].tolist() == [0.0, 0.0, 0.0]


# --- weighting --------------------------------------------------------------------------------------------


def test_weighted_sum_of_zscores_is_standardised_again() -> None:
    values = _frame(a=[1.0, 2.0, 3.0, 4.0], b=[4.0, 1.0, 1.0, 2.0])
    config = dataclasses.replace(SIMPLE, status_indicators={"a": 2.0, "b": 1.0})
    result = status_index(values, config)
    z = zscores(values, ["a", "b"])
    expected_sum = 2 * z["a"] + z["b"]
    assert result["summe"].tolist() == pytest.approx(expected_sum.tolist())
    expected_z = (expected_sum - expected_sum.mean()) / expected_sum.std(ddof=0)
    assert result["z"].tolist() == pytest.approx(expected_z.tolist())
    assert result["z"].mean() == pytest.approx(0.0, abs=1e-12)
    assert result["z"].std(ddof=0) == pytest.approx(1.0)


def test_equal_weights_ignore_their_scale() -> None:
    values = _frame(a=[1.0, 2.0, 3.0, 9.0], b=[4.0, 1.0, 1.0, 2.0])
    one = status_index(values, dataclasses.replace(SIMPLE, status_indicators={"a": 1.0, "b": 1.0}))
    five = status_index(values, dataclasses.replace(SIMPLE, status_indicators={"a": 5.0, "b": 5.0}))
    assert one["z"].tolist() == pytest.approx(five["z"].tolist())


def test_negative_weight_turns_an_indicator_round() -> None:
    values = _frame(a=[1.0, 2.0, 3.0, 4.0])
    plus = status_index(values, SIMPLE)
    minus = status_index(values, dataclasses.replace(SIMPLE, status_indicators={"a": -1.0}))
    assert minus["z"].tolist() == pytest.approx((-plus["z"]).tolist())


def test_higher_is_better_flips_the_classes() -> None:
    values = _frame(a=[0.0] * 9 + [10.0])
    worse = status_index(values, SIMPLE)
    better = status_index(values, dataclasses.replace(SIMPLE, higher_is_worse=False))
    assert worse.loc["g09", "bezeichnung"] == "sehr niedrig"
    assert better.loc["g09", "bezeichnung"] == "hoch"


# --- class limits -----------------------------------------------------------------------------------------


def test_cut_classes_at_mss_limits_ties_go_towards_zero() -> None:
    z = pd.Series([-1.5, -1.0, -0.999, 0.0, 1.0, 1.0001, 1.5, 1.5001, np.nan])
    classes = cut_classes(z, (-1.0, 1.0, 1.5))
    assert classes.tolist()[:-1] == [1, 2, 2, 2, 2, 3, 3, 4]
    assert pd.isna(classes.iloc[-1])
    assert str(classes.dtype) == "Int64"


def test_status_classes_codes_and_labels() -> None:
    # one outlier: z of the outlier is 3, all others −1/3 → classes 4 and 2
    values = _frame(a=[0.0] * 9 + [10.0])
    result = status_index(values, SIMPLE)
    assert result.loc["g09", "z"] == pytest.approx(3.0)
    assert result.loc["g00", "z"] == pytest.approx(-1 / 3)
    assert result.loc["g09", ["klasse", "code", "bezeichnung"]].tolist() == [4, "4", "sehr niedrig"]
    assert result.loc["g00", ["klasse", "code", "bezeichnung"]].tolist() == [2, "2", "mittel"]
    assert list(result.columns) == ["summe", "z", "klasse", "code", "bezeichnung", "ausgeschlossen", "grund"]


def test_custom_limits_and_labels() -> None:
    config = dataclasses.replace(
        SIMPLE, status_limits=(0.0,), status_labels=("gut", "schlecht"), status_codes=("A", "B")
    )
    result = status_index(_frame(a=[1.0, 2.0, 3.0, 4.0]), config)
    assert result["code"].tolist() == ["A", "A", "B", "B"]


# --- exclusion --------------------------------------------------------------------------------------------


def test_areas_below_min_population_are_left_out_before_standardising() -> None:
    values = _frame(a=[1.0, 2.0, 3.0, 100.0])
    population = pd.Series([300, 1000, 5000, 299], index=values.index)
    result = status_index(values, SIMPLE, population)
    assert result["ausgeschlossen"].tolist() == [False, False, False, True]
    assert result.loc["g03", "grund"] == "weniger als 300\u00a0Einwohner"
    assert result.loc["g03", ["summe", "z", "klasse", "code"]].isna().all()
    # the outlier with 299 inhabitants did not enter mean and std
    assert result["z"].iloc[:3].tolist() == pytest.approx([-math.sqrt(1.5), 0.0, math.sqrt(1.5)])
    assert (result.loc[~result["ausgeschlossen"], "grund"] == "").all()


def test_missing_values_and_population_are_reasons_too() -> None:
    values = _frame(a=[1.0, np.nan, 3.0, 4.0, 5.0])
    population = pd.Series([500, 500, np.nan, 500], index=values.index[:4])  # g04 has no population row
    result = status_index(values, SIMPLE, population)
    assert result.loc["g01", "grund"] == "fehlende Werte: Indikator A"
    assert result.loc["g02", "grund"] == "Einwohnerzahl fehlt"
    assert result.loc["g04", "grund"] == "Einwohnerzahl fehlt"
    assert result["ausgeschlossen"].sum() == 3


def test_without_population_no_area_is_left_out_for_its_size() -> None:
    result = status_index(_frame(a=[1.0, 2.0, 3.0]), SIMPLE, None)
    assert not result["ausgeschlossen"].any()


def test_min_population_zero_switches_the_rule_off() -> None:
    values = _frame(a=[1.0, 2.0, 3.0])
    result = status_index(
        values, dataclasses.replace(SIMPLE, min_population=0), pd.Series([1, 2, 3], index=values.index)
    )
    assert not result["ausgeschlossen"].any()


def test_missing_column_and_duplicate_ids_raise() -> None:
    with pytest.raises(KeyError, match="a"):
        status_index(pd.DataFrame({"b": [1.0]}), SIMPLE)
    with pytest.raises(ValueError, match="eindeutig"):
        status_index(pd.DataFrame({"a": [1.0, 2.0]}, index=["x", "x"]), SIMPLE)


# --- dynamics and combined type ---------------------------------------------------------------------------


def test_dynamics_classes_rising_shares_are_negative() -> None:
    values = _frame(a=[1.0] * 10, d=[-3.0] + [0.0] * 8 + [3.0])
    result = dynamics_index(values, SIMPLE)
    assert result.loc["g09", "z"] == pytest.approx(math.sqrt(5))
    assert result["code"].tolist() == ["+"] + ["+/-"] * 8 + ["-"]
    assert result["bezeichnung"].tolist() == ["positiv"] + ["stabil"] * 8 + ["negativ"]


def test_combined_type_joins_codes_and_labels() -> None:
    values = _frame(a=[0.0] * 9 + [10.0, 1.0], d=[-3.0] + [0.0] * 8 + [3.0, np.nan])
    status = status_index(values, SIMPLE)
    typ = combined_type(status, dynamics_index(values, SIMPLE))
    assert typ.loc["g00", "typ"] == "2+"
    assert typ.loc["g09", "typ"] == "4-"
    assert typ.loc["g05", "bezeichnung"] == "Status mittel, Dynamik stabil"
    assert pd.isna(typ.loc["g10", "typ"])  # no dynamics value → no type
    assert not status.loc["g10", "ausgeschlossen"]  # it has a status, only the type is missing


def test_dynamics_need_configured_indicators() -> None:
    config = dataclasses.replace(SIMPLE, dynamics_indicators={})
    with pytest.raises(ValueError, match="Dynamik"):
        dynamics_index(_frame(a=[1.0, 2.0]), config)


# --- configuration, text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"status_indicators": {}},
        {"status_indicators": {"a": 0.0}},
        {"status_indicators": {"a": float("nan")}},
        {"status_limits": (1.0, -1.0, 1.5)},
        {"status_labels": ("hoch", "mittel")},
        {"dynamics_codes": ("+", "-")},
        {"min_population": -1},
    ],
)
def test_invalid_configuration_is_rejected(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        dataclasses.replace(SIMPLE, **changes)


def test_config_is_detached_hashable_and_renamable() -> None:
    weights = {"a": 1.0}
    config = dataclasses.replace(SIMPLE, status_indicators=weights)
    weights["b"] = 2.0
    assert config.status_indicators == {"a": 1.0}
    assert hash(config) == hash(dataclasses.replace(SIMPLE))
    renamed = MSS_2021.renamed({S1: "arbeitslose_anteil"})
    assert list(renamed.status_indicators) == ["arbeitslose_anteil", S3, S4]
    assert renamed.indicator_name("arbeitslose_anteil") == "Anteil Arbeitslose"


def test_describe_mss_in_plain_german() -> None:
    text = MSS_2021.describe()
    for part in (
        "gleich gewichtet",
        "erneut standardisiert",
        "1 hoch (z unter −1,0), 2 mittel (−1,0 bis +1,0), 3 niedrig (über +1,0 bis +1,5), 4 sehr niedrig (z über +1,5)",
        "+ positiv (z unter −1,0), +/- stabil (−1,0 bis +1,0), - negativ (z über +1,0)",
        "„2+/-“",
        "weniger als 300 Einwohnerinnen und Einwohnern",
        "Anteil Transferbezug unter 15 Jahren",
    ):
        assert part in text


def test_describe_names_unequal_weights() -> None:
    config = dataclasses.replace(SIMPLE, status_indicators={"a": 2.0, "b": 0.5}, dynamics_indicators={})
    text = config.describe()
    assert "Indikator A (Gewicht 2) und b (Gewicht 0,5)" in text
    assert "Dynamikindex" not in text


def test_summary_sentences() -> None:
    values = _frame(a=[0.0] * 9 + [10.0, 1.0], d=[-3.0] + [0.0] * 8 + [3.0, 0.0])
    population = pd.Series([500] * 10 + [10], index=values.index)
    status = status_index(values, SIMPLE, population)
    assert status_summary(status, SIMPLE) == (
        "1 von 10 Planungsräumen (10,0\u00a0%) hat den Status „sehr niedrig“, 0 (0,0\u00a0%) „niedrig“."
        " Nicht eingestuft: 1 (zu wenige Einwohner oder fehlende Werte)."
    )
    dynamics = dynamics_index(values, SIMPLE, population)
    assert dynamics_summary(dynamics, SIMPLE, "Gebieten") == (
        "1 von 10 Gebieten (10,0\u00a0%) hat die Dynamik „negativ“. Nicht eingestuft: 1 (zu wenige Einwohner oder "
        "fehlende Werte)."
    )



# --- from a data folder: inputs, polarity-aware configuration, defaults, types table ------------------------------

CATALOGUE = pd.DataFrame(
    {
        "name": ["SGB-II-Quote", "SGB-II-Quote der Kinder unter 15 Jahren", "Arbeitslosenquote", "Beschäftigtenquote",
                 "Einwohner"],
        "kurzname": ["SGB II", "SGB II Kinder", "Arbeitslose", "Beschäftigte", "Einw."],
        "thema": ["Soziale Lage", "Soziale Lage", "Arbeit", "Arbeit", "Bevölkerung"],
        "polaritaet": ["hoeher_schlechter", "hoeher_schlechter", "hoeher_schlechter", "hoeher_besser", "neutral"],
    },
    index=["sgb2_quote", "sgb2_kinder_quote", "arbeitslosenquote", "sv_beschaeftigtenquote", "einwohner"],
)  # fmt: skip


def _long(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["gebiet_id", "indikator_id", "jahr", "wert"])


def test_default_status_indicators_gera_berlin_and_others() -> None:
    assert default_status_indicators(CATALOGUE) == ["sgb2_quote", "sgb2_kinder_quote", "arbeitslosenquote"]
    berlin = pd.DataFrame(
        {"polaritaet": ["hoeher_schlechter"] * 3, "thema": ["Soziale Lage"] * 3},
        index=["arbeitslose_anteil", "transferbezug_anteil", "transferbezug_u15_anteil"],
    )
    assert default_status_indicators(berlin) == list(berlin.index)
    other = CATALOGUE.drop(index=["sgb2_kinder_quote"])
    assert default_status_indicators(other) == ["sgb2_quote", "arbeitslosenquote", "sv_beschaeftigtenquote"]
    assert rated_indicators(CATALOGUE) == list(CATALOGUE.index[:4])


def test_index_inputs_status_values_and_changes() -> None:
    values = _long(
        [("a", "sgb2_quote", 2022, 10.0), ("a", "sgb2_quote", 2024, 12.5), ("b", "sgb2_quote", 2022, 20.0),
         ("b", "sgb2_quote", 2024, 18.0), ("c", "sgb2_quote", 2024, 5.0)]
    )  # fmt: skip
    frame = index_inputs(values, ["a", "b", "c"], ["sgb2_quote"], 2024, ["sgb2_quote"], 2022, 2024)
    assert frame["sgb2_quote"].tolist() == [12.5, 18.0, 5.0]
    change = frame[dynamics_column("sgb2_quote")]
    assert change.tolist()[:2] == [2.5, -2.0] and pd.isna(change["c"])  # no value 2022: no change, no estimate
    with pytest.raises(ValueError):
        index_inputs(values, ["a"], ["sgb2_quote"], 2024, ["sgb2_quote"], 2024, 2022)


def test_catalogue_config_turns_higher_is_better_round_and_rejects_neutral() -> None:
    config = catalogue_config(
        CATALOGUE, {"sgb2_quote": 2.0, "sv_beschaeftigtenquote": 1.0}, {"sgb2_quote": 1.0}, 2022, 2024
    )
    assert config.status_indicators == {"sgb2_quote": 2.0, "sv_beschaeftigtenquote": -1.0}
    assert config.dynamics_indicators == {dynamics_column("sgb2_quote"): 1.0}
    assert config.indicator_name(dynamics_column("sgb2_quote")) == "Veränderung SGB-II-Quote 2022–2024"
    assert "SGB-II-Quote (Gewicht 2)" in config.describe()
    with pytest.raises(ValueError, match="neutral"):
        catalogue_config(CATALOGUE, {"einwohner": 1.0})
    # a high employment rate is a favourable status: the area with the most employment gets class 1
    values = _frame(sv_beschaeftigtenquote=[10.0] + [50.0] * 8 + [90.0])
    result = status_index(values, catalogue_config(CATALOGUE, {"sv_beschaeftigtenquote": 1.0}))
    assert result.loc["g09", "bezeichnung"] == "hoch" and result.loc["g00", "bezeichnung"] == "sehr niedrig"


def test_type_table_lists_areas_per_status_and_dynamics_class() -> None:
    values = _frame(a=[0.0] * 9 + [10.0], d=[-3.0] + [0.0] * 8 + [3.0])
    status, dynamics = status_index(values, SIMPLE), dynamics_index(values, SIMPLE)
    table = type_table(status, dynamics, {"g00": "Nord", "g09": "Süd"}, SIMPLE)
    assert list(table.columns) == ["Status", "Dynamik positiv (+)", "Dynamik stabil (+/-)", "Dynamik negativ (-)"]
    assert table["Status"].tolist() == ["1 hoch", "2 mittel", "3 niedrig", "4 sehr niedrig"]
    assert table.loc[3, "Dynamik negativ (-)"] == "1: Süd"
    assert table.loc[1, "Dynamik positiv (+)"] == "1: Nord"
    assert table.loc[1, "Dynamik stabil (+/-)"].startswith("8: ")
    assert table.loc[0, "Dynamik stabil (+/-)"] == "0"
