"""Backtest of the population projection on Berlin's planning areas (real data in ../shared/realdata).

Fit on 31.12.2015 → 31.12.2016, project from 2016 to 2020 (four years, unchanged old geometry) and
compare with the observed register counts. Prints the MAPE table (total and 65+) against the two
naive baselines, for the default damping and for other values of k.

Run: .venv/bin/python -m benchmarks.prognose_backtest [path/to/realdata/berlin]
"""

from __future__ import annotations

import sys
from pathlib import Path

from sozialraum.prognose.backtest import backtest, read_berlin
from sozialraum.prognose.config import PrognoseConfig

DEFAULT_SOURCE = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "berlin"
BASE, TARGET = (2015, 2016), 2020


def main(source: Path = DEFAULT_SOURCE) -> None:
    series = read_berlin(source, list(range(BASE[0], TARGET + 1)))
    default_k = PrognoseConfig().daempfung
    result = backtest(series, BASE, TARGET, default_k)
    print(
        f"Berlin, {result.areas} Planungsräume (alte LOR, ≥ 300 Einwohner), Basis {BASE[0]}→{BASE[1]}, "
        f"Prognose {result.launch}→{result.target} ({result.target - result.launch} Jahre), k = {default_k:g}"
    )
    print("MAPE in % je Planungsraum:")
    print("| Verfahren | Gesamt | 65+ |\n|---|---:|---:|")
    for name, row in result.mape.iterrows():
        print(f"| {name} | {row['Gesamt']:.2f} | {row['65+']:.2f} |")
    print("\nEmpfindlichkeit der Dämpfung k (Hamilton–Perry, MAPE in %):")
    for k in (0, 200, 1000, 5000):
        row = backtest(series, BASE, TARGET, k).mape.iloc[0]
        print(f"k = {k:>5}: Gesamt {row['Gesamt']:.2f}, 65+ {row['65+']:.2f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
