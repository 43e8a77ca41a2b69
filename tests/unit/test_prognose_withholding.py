"""Secondary withholding between derived age groups and across areas (projection tables)."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from sozialraum.prognose.derived import derived_members
from sozialraum.prognose.run import long_table, observed_table, projection_for_folder
from sozialraum.prognose.withholding import NOTE_SECONDARY, withhold_projection_table, withhold_table
from sozialraum.report import Report

LABELS = ["unter 65", "65 bis unter 80", "80 und älter"]
MEMBERS = {"ab65": [1, 2], "ab80": [2]}
LAUNCH = "Ausgangsjahr (beobachtet)"


def _table(counts: dict[str, tuple[int, int, int]]) -> pd.DataFrame:
    rows = []
    for gebiet, (young, mid, old) in counts.items():
        values = dict(zip(LABELS, (young, mid, old), strict=True))
        values |= {"gesamt": young + mid + old, "ab65": mid + old, "ab80": old}
        rows += [(gebiet, 2030, "trend", m, float(v), LAUNCH) for m, v in values.items()]
    return pd.DataFrame(rows, columns=["gebiet_id", "jahr", "szenario", "merkmal", "anzahl", "art"])


def _shown(out: pd.DataFrame) -> dict[tuple[str, str], float | None]:
    return {
        (g, m): (None if pd.isna(a) else a)
        for g, m, a in zip(out["gebiet_id"], out["merkmal"], out["anzahl"], strict=True)
    }


def test_withheld_80_plus_is_not_recoverable_from_65_plus_and_neighbour_areas() -> None:
    # A: 80+ = 3 persons (< 5) → withheld; 65+ = 203 stays; so 65–80 (200) must go, else 203 − 200 = 3.
    # Across areas: city 80+ = A + B, so B's 80+ goes too (and the same for the group 80+).
    counts = {"A": (1000, 200, 3), "B": (900, 150, 40)}
    table = _table(counts)
    city = {m: table.loc[table["merkmal"] == m, "anzahl"].sum() for m in table["merkmal"].unique()}
    table = pd.concat(
        [
            table,
            pd.DataFrame(
                [("gesamt_stadt", 2030, "trend", m, v, LAUNCH) for m, v in city.items()], columns=table.columns
            ),
        ],
        ignore_index=True,
    )
    out = withhold_table(table, 5, 100, MEMBERS, LABELS, {"A": "gesamt_stadt", "B": "gesamt_stadt"}, "gesamt_stadt")
    shown = _shown(out)
    assert shown[("A", "ab80")] is None and shown[("A", "80 und älter")] is None  # primary
    assert shown[("A", "65 bis unter 80")] is None  # secondary: 65+ − 65–80 would give 80+
    assert shown[("B", "ab80")] is None and shown[("B", "80 und älter")] is None  # city − B would give A
    assert shown[("A", "ab65")] == 203 and shown[("A", "gesamt")] == 1203 and shown[("gesamt_stadt", "ab80")] == 43
    notes = dict(zip(zip(out["gebiet_id"], out["merkmal"], strict=True), out["anmerkung"], strict=True))
    assert notes[("A", "65 bis unter 80")] == NOTE_SECONDARY
    assert notes[("A", "ab80")] == "weniger als 5\u00a0Personen"
    # every equation with a withheld cell has at least two: no single withheld cell is left in a sum
    for gebiet in ("A", "B"):
        hidden = [m for m in ("ab65", "65 bis unter 80", "80 und älter") if shown[(gebiet, m)] is None]
        assert len(hidden) != 1


def test_withheld_65_to_80_withholds_80_plus_where_65_plus_is_shown() -> None:
    out = withhold_table(_table({"A": (1000, 2, 300)}), 5, 100, MEMBERS, LABELS, {}, "gesamt_stadt")
    shown = _shown(out)
    assert shown[("A", "65 bis unter 80")] is None
    assert shown[("A", "ab80")] is None and shown[("A", "80 und älter")] is None
    assert shown[("A", "ab65")] == 302


def test_bundled_projection_leaves_no_withheld_cell_alone_in_a_sum(tmp_path: Path) -> None:
    projection = projection_for_folder(Path("data"), {}, Report())
    assert projection is not None
    table = pd.concat([observed_table(projection), long_table(projection)], ignore_index=True)
    started = time.perf_counter()
    out = withhold_projection_table(table, projection, 600, 300)
    print(f"withholding {len(table)} cells: {time.perf_counter() - started:.2f} s")
    assert out["anmerkung"].eq(NOTE_SECONDARY).any()
    labels = projection.data.groups.labels()
    sums = {"gesamt": list(range(len(labels))), **derived_members(projection.data.groups, projection.config.gruppen)}
    checked = 0
    for where, rows in out.groupby(["gebiet_id", "jahr", "szenario", "art"]):
        hidden = dict(zip(rows["merkmal"], rows["anzahl"].isna(), strict=True))
        for key, members in sums.items():
            cells = [hidden[key], *(hidden[labels[i]] for i in members)]
            assert sum(cells) != 1, (where, key)
            checked += 1
    assert checked > 1000
