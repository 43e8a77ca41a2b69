"""Generate the example age structure of the bundled Gera data (data/altersstruktur.csv).

EXAMPLE DATA, not register counts. Each Bezirk and year gets 13 age groups that reproduce exactly
the counts already in data/werte.csv: Einwohner, under 3 and 3 to school entry (Betreuungsquoten),
under 15 (SGB-II-Quote Kinder), under 18, 15–25 (Jugendarbeitslosigkeit), 15–65
(Arbeitslosenquote), 65+ and 80+. Where werte.csv gives no split (6–15, 25–65, 65–80, 80+), the
count is divided by fixed, plausible shares for an old East German city (stated below). Integer
parts are rounded and the remainder goes to the last part, so every sum is exact.

Run: .venv/bin/python scripts/generate_altersstruktur.py (rewrites the file byte-identically).
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
TARGET = DATA / "altersstruktur.csv"

# indicator → which count of werte.csv gives the age group total
SOURCES = {
    "einwohner": ("einwohner", "wert"),
    "u3": ("betreuungsquote_u3", "nenner"),
    "a3_6": ("betreuungsquote_3_6", "nenner"),
    "u15": ("sgb2_kinder_quote", "nenner"),
    "u18": ("anteil_u18", "zaehler"),
    "a15_25": ("jugendarbeitslosigkeit", "nenner"),
    "a15_65": ("arbeitslosenquote", "nenner"),
    "ab65": ("anteil_65plus", "zaehler"),
    "ab80": ("anteil_80plus", "zaehler"),
}
# assumed splits where werte.csv has no count (shares of the parent range)
SPLIT_6_15 = ((6, 4 / 9), (10, 5 / 9))  # even spread over the single years
SPLIT_25_65 = ((25, 0.46), (45, 0.54))  # Gera: more people 45–65 than 25–45
SPLIT_65_80 = ((65, 0.57), (75, 0.43))
SPLIT_80 = ((80, 0.52), (85, 0.31), (90, 0.17))


def read_counts() -> dict[tuple[str, int], dict[str, int]]:
    counts: dict[tuple[str, int], dict[str, int]] = {}
    wanted = {indicator: (key, column) for key, (indicator, column) in SOURCES.items()}
    with (DATA / "werte.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if len(row["gebiet_id"]) != 2 or row["indikator_id"] not in wanted:
                continue  # Bezirke only: their counts are complete and consistent
            key, column = wanted[row["indikator_id"]]
            counts.setdefault((row["gebiet_id"], int(row["jahr"])), {})[key] = int(float(row[column].replace(",", ".")))
    return counts


def split(total: int, parts: tuple[tuple[int, float], ...]) -> list[tuple[int, int]]:
    out, left = [], total
    for i, (lower, share) in enumerate(parts):
        n = left if i == len(parts) - 1 else round(total * share)
        out.append((lower, n))
        left -= n
    return out


def age_groups(c: dict[str, int]) -> list[tuple[int, int]]:
    """(lower bound, count) of the 13 groups; raises if werte.csv is inconsistent."""
    groups = [(0, c["u3"]), (3, c["a3_6"])]
    groups += split(c["u15"] - c["u3"] - c["a3_6"], SPLIT_6_15)
    groups += [(15, c["u18"] - c["u15"]), (18, c["a15_25"] - (c["u18"] - c["u15"]))]
    groups += split(c["a15_65"] - c["a15_25"], SPLIT_25_65)
    groups += split(c["ab65"] - c["ab80"], SPLIT_65_80)
    groups += split(c["ab80"], SPLIT_80)
    if any(n < 0 for _, n in groups) or sum(n for _, n in groups) != c["einwohner"]:
        raise ValueError(f"werte.csv counts do not fit together: {c}")
    return groups


def main() -> None:
    rows = []
    for (area, year), c in sorted(read_counts().items()):
        groups = age_groups(c)
        for i, (lower, n) in enumerate(groups):
            upper = groups[i + 1][0] if i + 1 < len(groups) else ""
            rows.append((area, year, lower, upper, n))
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(["gebiet_id", "jahr", "alter_von", "alter_bis", "anzahl"])
        writer.writerows(rows)
    print(f"{TARGET}: {len(rows)} Zeilen")


if __name__ == "__main__":
    main()
