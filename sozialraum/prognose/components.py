"""Cohort-component mode: age-specific survival, migration and birth assumptions from ``annahmen.csv``.

One row per age group of ``altersstruktur.csv`` (same ``alter_von``/``alter_bis``), rates per person and
year, the same for every area:

* ``ueberleben``: share of the group alive one year later (1 − death rate), 0 to 1;
* ``wanderung``: net migration per person (0.004 = 4 per 1,000 gain; negative = loss);
* ``geburten``: live births per person of the group in a year that survive to the year's end
  (only the fertile groups have values above 0).

One step: everyone ages one year (as in Hamilton–Perry), each group is multiplied by
``ueberleben + wanderung`` (cut at 0), and the youngest group gains the births of the year before
the step. Scenario shifts add to ``wanderung`` and multiply ``geburten``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..csvio import line_number, read_text_table
from ..report import N_, Report, msg
from ..schemas import Col, TableSpec, parse_table
from .agegroups import AgeGroups, age_one_year

ASSUMPTIONS_FILE = "annahmen.csv"
ASSUMPTIONS_SPEC = TableSpec(
    ASSUMPTIONS_FILE,
    (
        Col("alter_von", "int", low=0, high=120),
        Col("alter_bis", "int", nonempty=False, low=1, high=121),
        Col("ueberleben", "number", low=0, high=1),
        Col("wanderung", "number", low=-1, high=1),
        Col("geburten", "number", low=0, high=1),
    ),
)


@dataclass(frozen=True)
class Assumptions:
    """Rates per age group (arrays in the order of the groups)."""

    survival: np.ndarray
    migration: np.ndarray
    births: np.ndarray


def read_assumptions(folder: Path, groups: AgeGroups, report: Report) -> Assumptions | None:
    """``annahmen.csv`` matched to the age groups; None if absent or unusable (with German errors)."""
    path = Path(folder) / ASSUMPTIONS_FILE
    if not path.is_file():
        return None
    text, fmt = read_text_table(path, {c.name for c in ASSUMPTIONS_SPEC.columns})
    frame = parse_table(text, ASSUMPTIONS_SPEC, fmt.decimal_comma, report)
    rates = np.full((3, len(groups)), np.nan)
    for index, row in frame.iterrows():
        upper = None if pd.isna(row["alter_bis"]) else int(row["alter_bis"])
        i = groups.index_of(int(row["alter_von"]), upper)
        if i is None:
            report.error(
                ASSUMPTIONS_FILE,
                msg(
                    N_("Altersgruppe passt nicht zur Altersstruktur; erwartet: eine von {gruppen}."),
                    gruppen=", ".join(groups.labels()),
                ),
                row=line_number(index),
                column="alter_von",
                value=f"{row['alter_von']} bis {row['alter_bis'] if upper else 'offen'}",
            )
            continue
        rates[:, i] = [row["ueberleben"], row["wanderung"], row["geburten"]]
    missing = [groups.label(i) for i in range(len(groups)) if np.isnan(rates[0, i])]
    if missing:
        report.error(
            ASSUMPTIONS_FILE, msg(N_("Für diese Altersgruppen fehlen Annahmen: {gruppen}."), gruppen=", ".join(missing))
        )
        return None
    return Assumptions(rates[0], rates[1], rates[2])


def project_components(
    launch: np.ndarray,
    assumptions: Assumptions,
    groups: AgeGroups,
    years: int,
    migration: float = 0.0,
    births: float = 1.0,
) -> np.ndarray:
    """Project ``years`` one-year steps from ``launch`` (areas × groups); returns steps+1 × areas × groups."""
    factor = np.maximum(assumptions.survival + assumptions.migration + migration, 0.0)
    birth_rates = assumptions.births * max(births, 0.0)
    out = np.zeros((years + 1, *launch.shape))
    out[0] = launch
    for step in range(1, years + 1):
        previous = out[step - 1]
        out[step] = age_one_year(previous, groups) * factor
        out[step, :, 0] += previous @ birth_rates
    return out
