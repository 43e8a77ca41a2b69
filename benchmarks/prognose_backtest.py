"""Backtest of the population projection on Berlin's planning areas (real data in ../shared/realdata).

Half-yearly register counts (30.06. and 31.12.) give three base periods before a four-year horizon.

1. Validation (new planning areas, from 30.06.2021): fit 30.06.2021 → 31.12.2022, project to
   31.12.2024, pick the damping k and the migration decay φ from a fixed grid by
   MAPE(total) + MAPE(65+), with the Bezirk-share weight of the app (0.5).
2. Test (old planning areas, unchanged geometry 2015–2020): fit 30.06.2015 → 31.12.2016, project
   four years to 31.12.2020 with the chosen (k, φ) and with the defaults, compare with the observed
   counts and with the two naive baselines (unchanged; linear trend per area).
3. For the record: the variants before this one (annual base, no blending; classic φ = 1).

Run: .venv/bin/python -m benchmarks.prognose_backtest [path/to/realdata/berlin]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from sozialraum.prognose.backtest import backtest, period_label, periods, read_berlin, select_parameters
from sozialraum.prognose.config import PrognoseConfig

DEFAULT_SOURCE = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "berlin"
TEST_BASE, TEST_TARGET = ((2015, 1), (2016, 2)), (2020, 2)
VALIDATION_BASE, VALIDATION_TARGET = ((2021, 1), (2022, 2)), (2024, 2)


def print_table(mape: pd.DataFrame) -> None:
    print("| Verfahren | MAPE Gesamt (%) | MAPE 65+ (%) | Median APE Gesamt | Median APE 65+ |")
    print("|---|---:|---:|---:|---:|")
    for name, row in mape.iterrows():
        cells = " | ".join(f"{value:.2f}" for value in row)
        print(f"| {name} | {cells} |")


def main(source: Path = DEFAULT_SOURCE) -> None:
    config = PrognoseConfig()
    weight = config.anteilsgewicht
    validation = read_berlin(source, periods(VALIDATION_BASE[0], VALIDATION_TARGET))
    k, decay, grid = select_parameters(validation, VALIDATION_BASE, VALIDATION_TARGET, weight)
    print(
        f"Validierung (neue LOR, {period_label(VALIDATION_BASE[1])}→{period_label(VALIDATION_TARGET)}, "
        f"Anteilsgewicht {weight:g}): gewählt k = {k:g}, φ = {decay:g}"
    )
    grid["Summe"] = grid["Gesamt"] + grid["65+"]
    print(grid.sort_values("Summe").head(6).round(3).to_string(index=False))
    test = read_berlin(source, periods(TEST_BASE[0], TEST_TARGET))
    for label, (kk, phi) in {"gewählt": (k, decay), "Standard": (config.daempfung, config.wanderung_abklingen)}.items():
        result = backtest(test, TEST_BASE, TEST_TARGET, kk, phi, weight)
        print(
            f"\nTest ({label}, k = {kk:g}, φ = {phi:g}, Anteilsgewicht {weight:g}): {result.areas} Planungsräume "
            f"(alte LOR, ≥ 300 Einwohner), Basis {period_label(TEST_BASE[0])}→{period_label(TEST_BASE[1])}, "
            f"Prognose {period_label(result.launch)}→{period_label(result.target)}"
        )
        print_table(result.mape)
    annual = read_berlin(source, periods((2015, 2), TEST_TARGET, half_yearly=False))
    earlier = {
        "jährliche Basis 2015→2016, ohne Anteile (k = 5000, φ = 0,3; Stand vorher)": (annual, 5000.0, 0.3, 0.0),
        "halbjährliche Basis, ohne Anteile (k = 5000, φ = 0,3)": (test, 5000.0, 0.3, 0.0),
        "klassisch, jährlich (k = 5000, φ = 1, ohne Anteile)": (annual, 5000.0, 1.0, 0.0),
    }
    print()
    for name, (series, kk, phi, w) in earlier.items():
        row = backtest(series, (series.periods[0], (2016, 2)), TEST_TARGET, kk, phi, w).mape.iloc[0]
        print(f"{name}: Gesamt {row['Gesamt']:.2f}, 65+ {row['65+']:.2f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
