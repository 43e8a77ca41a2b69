"""Backtest of the population projection on Berlin's planning areas (real data in ../shared/realdata).

1. Validation (new planning areas 2021–2024): fit 31.12.2021 → 31.12.2022, project to 2024, pick
   the damping k and the migration decay φ from a fixed grid by MAPE(total) + MAPE(65+).
2. Test (old planning areas, unchanged geometry 2015–2020): fit 2015 → 2016, project four years
   from 2016 to 2020 with the chosen (k, φ) and with the defaults, compare with the observed counts
   and with the two naive baselines (unchanged; linear trend per area).

Run: .venv/bin/python -m benchmarks.prognose_backtest [path/to/realdata/berlin]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from sozialraum.prognose.backtest import backtest, read_berlin, select_parameters
from sozialraum.prognose.config import PrognoseConfig

DEFAULT_SOURCE = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "berlin"
TEST_BASE, TEST_TARGET = (2015, 2016), 2020
VALIDATION_BASE, VALIDATION_TARGET = (2021, 2022), 2024


def print_table(mape: pd.DataFrame) -> None:
    print("| Verfahren | MAPE Gesamt (%) | MAPE 65+ (%) | Median APE Gesamt | Median APE 65+ |")
    print("|---|---:|---:|---:|---:|")
    for name, row in mape.iterrows():
        cells = " | ".join(f"{value:.2f}" for value in row)
        print(f"| {name} | {cells} |")


def main(source: Path = DEFAULT_SOURCE) -> None:
    validation = read_berlin(source, list(range(VALIDATION_BASE[0], VALIDATION_TARGET + 1)))
    k, decay, grid = select_parameters(validation, VALIDATION_BASE, VALIDATION_TARGET)
    print(f"Validierung (neue LOR, {VALIDATION_BASE[1]}→{VALIDATION_TARGET}): gewählt k = {k:g}, φ = {decay:g}")
    print(grid[grid["phi"].isin([1.0, 0.7, 0.3, 0.0])].round(2).to_string(index=False))
    test = read_berlin(source, list(range(TEST_BASE[0], TEST_TARGET + 1)))
    config = PrognoseConfig()
    for label, (kk, phi) in {"gewählt": (k, decay), "Standard": (config.daempfung, config.wanderung_abklingen)}.items():
        result = backtest(test, TEST_BASE, TEST_TARGET, kk, phi)
        print(
            f"\nTest ({label}, k = {kk:g}, φ = {phi:g}): {result.areas} Planungsräume (alte LOR, ≥ 300 Einwohner), "
            f"Basis {TEST_BASE[0]}→{TEST_BASE[1]}, Prognose {result.launch}→{result.target}"
        )
        print_table(result.mape)
    classic = backtest(test, TEST_BASE, TEST_TARGET, config.daempfung, 1.0).mape.iloc[0]
    print(f"\nklassisch (φ = 1, k = {config.daempfung:g}): Gesamt {classic['Gesamt']:.2f}, 65+ {classic['65+']:.2f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
