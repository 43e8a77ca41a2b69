"""The vectorised pre-filter flags every row the row-by-row range check objects to, and no other."""

from __future__ import annotations

import math

import pandas as pd

from sozialraum.checks import maybe_out_of_range, out_of_range, value_range

CATALOGUE = pd.DataFrame(
    {
        "indikator_id": ["quote", "einwohner", "saldo"],
        "einheit": ["%", "Personen", "Personen"],
        "aggregation": ["quote", "summe", "summe"],
        "wertebereich_min": [math.nan, math.nan, -math.inf],  # the balance declares „offen“
        "wertebereich_max": [math.nan, math.nan, math.nan],
    }
).set_index("indikator_id", drop=False)

ROWS = [
    ("quote", 10.0, 5.0, 50.0, 5.0),
    ("quote", 140.0, None, None, None),  # wert above 100
    ("quote", -1.0, None, None, None),  # wert below 0
    ("quote", 10.0, -3.0, None, None),  # negative fallzahl
    ("quote", 10.0, None, -1.0, None),  # negative nenner
    ("quote", 10.0, None, None, -2.0),  # negative zaehler where the value cannot be negative
    ("einwohner", None, None, None, None),
    ("saldo", -50.0, None, None, -4.0),  # a balance may be negative, and so may its numerator
    ("saldo", -50.0, -1.0, None, None),
]


def test_prefilter_flags_exactly_the_rows_out_of_range_objects_to() -> None:
    values = pd.DataFrame(ROWS, columns=["indikator_id", "wert", "fallzahl", "nenner", "zaehler"])
    flagged = maybe_out_of_range(values, CATALOGUE)
    expected = [
        out_of_range(row, *value_range(CATALOGUE.loc[row["indikator_id"]])) is not None
        for _, row in values.iterrows()
    ]
    assert flagged.tolist() == expected == [False, True, True, True, True, True, False, False, True]
