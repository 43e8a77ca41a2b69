"""The optional age-structure file ``altersstruktur.csv``: read, check, and turn into arrays.

Columns: ``gebiet_id``, ``jahr``, ``alter_von``, ``alter_bis`` (exclusive, empty = open-ended),
optionally ``geschlecht``, ``anzahl``. With a ``geschlecht`` column that gives every area, year and
group for each of two or more sexes, the projection runs per sex (``AgeData.by_sex``); otherwise the
rows of one group are added up. All rows of the file
must use the same contiguous age groups starting at 0; every problem is reported with file, row,
column, what was found and what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..csvio import line_number, read_text_table
from ..report import N_, Report, msg
from ..schemas import YEAR_RANGE, Col, TableSpec, parse_table
from .agegroups import AgeGroups, age_label

AGE_FILE = "altersstruktur.csv"
FEMALE_LABELS = {"w", "weiblich", "f", "frauen", "frau"}
AGE_SPEC = TableSpec(
    AGE_FILE,
    (
        Col("gebiet_id"),
        Col("jahr", "int", low=YEAR_RANGE[0], high=YEAR_RANGE[1]),
        Col("alter_von", "int", low=0, high=120),
        Col("alter_bis", "int", nonempty=False, low=1, high=121),
        Col("geschlecht", required=False, nonempty=False),
        Col("anzahl", "int", low=0, high=100_000_000),
    ),
)


@dataclass(frozen=True)
class AgeData:
    """Counts per year × area × age group (sexes added up) and the groups.

    ``by_sex``: sex label → counts of that sex (same shape), when the file gives every cell by sex.
    """

    groups: AgeGroups
    years: list[int]
    areas: list[str]
    counts: np.ndarray
    by_sex: dict[str, np.ndarray] | None = None

    @property
    def female(self) -> str | None:
        """The label of the women (for the child–woman ratio), if the file uses a known one."""
        found = [s for s in (self.by_sex or {}) if s.strip().lower() in FEMALE_LABELS]
        return found[0] if len(found) == 1 else None

    def series(self, first: int, last: int) -> np.ndarray:
        return self.counts[self.years.index(first) : self.years.index(last) + 1]


def read_age_file(folder: Path, report: Report) -> pd.DataFrame | None:
    """The checked rows of ``altersstruktur.csv``; None when the file is absent."""
    path = Path(folder) / AGE_FILE
    if not path.is_file():
        return None
    try:
        text, fmt = read_text_table(path, {"jahr", "alter_von", "alter_bis", "anzahl"})
    except Exception as exc:  # malformed CSV: one message, no projection
        report.error(AGE_FILE, msg(N_("Datei kann nicht als CSV gelesen werden ({grund})."), grund=str(exc)))
        return pd.DataFrame(columns=[c.name for c in AGE_SPEC.columns])
    report.detected[AGE_FILE] = f"{len(text)} Zeilen, {fmt.describe()}"
    frame = parse_table(text, AGE_SPEC, fmt.decimal_comma, report)
    frame["geschlecht"] = frame["geschlecht"].fillna("")
    return _check_rows(frame, report)


def _check_rows(frame: pd.DataFrame, report: Report) -> pd.DataFrame:
    bad: set[int] = set()
    for index, row in frame.iterrows():
        upper = row["alter_bis"]
        if pd.notna(upper) and upper <= row["alter_von"]:
            report.error(
                AGE_FILE,
                msg(
                    N_("alter_bis muss größer als alter_von ({alter_von}) sein (bis unter, leer = offen)."),
                    alter_von=str(row["alter_von"]),
                ),
                row=line_number(index),
                column="alter_bis",
                value=str(upper),
            )
            bad.add(index)
    key = ["gebiet_id", "jahr", "alter_von", "geschlecht"]
    for index in frame.index[frame.duplicated(key, keep="first")]:
        row = frame.loc[index]
        report.error(
            AGE_FILE,
            msg(
                N_(
                    "Doppelte Zeile für Gebiet {gebiet}, Jahr {jahr}, Altersgruppe ab {alter_von}: je Gebiet, Jahr, "
                    "Altersgruppe und Geschlecht eine Zeile erwartet."
                ),
                gebiet=str(row["gebiet_id"]),
                jahr=str(row["jahr"]),
                alter_von=str(row["alter_von"]),
            ),
            row=line_number(index),
            column="alter_von",
            value=str(row["alter_von"]),
        )
        bad.add(index)
    return frame.drop(index=sorted(bad))


def to_age_data(frame: pd.DataFrame, report: Report) -> AgeData | None:
    """Arrays for the method; None (with a German error) when the groups do not fit together."""
    if frame.empty:
        report.error(AGE_FILE, msg(N_("Keine gültigen Zeilen; eine Prognose ist nicht möglich.")))
        return None
    bounds = frame[["alter_von", "alter_bis"]].drop_duplicates().sort_values("alter_von")
    lowers = [int(v) for v in bounds["alter_von"]]
    uppers = [None if pd.isna(v) else int(v) for v in bounds["alter_bis"]]
    expected = [*lowers[1:], None]
    if lowers[0] != 0 or len(set(lowers)) != len(lowers) or uppers != expected:
        shown = ", ".join(age_label(a, b) for a, b in zip(lowers, uppers, strict=True))
        report.error(
            AGE_FILE,
            msg(
                N_(
                    "Die Altersgruppen müssen lückenlos bei 0 beginnen, sich nicht überschneiden, in allen Zeilen "
                    "gleich sein und mit einer offenen Gruppe (alter_bis leer) enden."
                )
            ),
            column="alter_von/alter_bis",
            value=shown,
        )
        return None
    groups = AgeGroups(tuple(lowers))
    table = frame.pivot_table(index=["jahr", "gebiet_id"], columns="alter_von", values="anzahl", aggfunc="sum")
    table = table.reindex(columns=lowers)
    years = sorted(int(y) for y in frame["jahr"].unique())
    areas = sorted(str(a) for a in frame["gebiet_id"].unique())
    full = pd.MultiIndex.from_product([years, areas], names=["jahr", "gebiet_id"])
    table = table.reindex(full)
    gaps = table.isna().any(axis=1)
    for year, area in table.index[gaps][:20]:
        report.error(
            AGE_FILE,
            msg(
                N_(
                    "Für Gebiet {gebiet} fehlen im Jahr {jahr} Altersgruppen; erwartet: alle Gruppen ({gruppen}) "
                    "in jedem Jahr."
                ),
                gebiet=str(area),
                jahr=str(year),
                gruppen=", ".join(groups.labels()),
            ),
            column="gebiet_id",
            value=str(area),
        )
    if gaps.any():
        return None
    counts = table.to_numpy(dtype=float).reshape(len(years), len(areas), len(lowers))
    return AgeData(groups, years, areas, counts, _by_sex(frame, full, lowers, report))


def _by_sex(
    frame: pd.DataFrame, full: pd.MultiIndex, lowers: list[int], report: Report
) -> dict[str, np.ndarray] | None:
    """Counts per sex when every row names a sex and every cell exists for each; else None."""
    sexes = sorted(s for s in frame["geschlecht"].astype(str).str.strip().unique() if s)
    if len(sexes) < 2:
        return None
    out = {}
    for sex in sexes:
        rows = frame[frame["geschlecht"].astype(str).str.strip() == sex]
        table = rows.pivot_table(index=["jahr", "gebiet_id"], columns="alter_von", values="anzahl", aggfunc="sum")
        table = table.reindex(index=full, columns=lowers)
        if table.isna().any(axis=None) or (frame["geschlecht"].astype(str).str.strip() == "").any():
            report.warning(
                AGE_FILE,
                msg(
                    N_(
                        "Die Spalte geschlecht ist nicht für jedes Gebiet, Jahr und jede Altersgruppe vollständig "
                        "(erwartet: je eine Zeile für {werte}); die Prognose rechnet ohne Geschlecht."
                    ),
                    werte=", ".join(sexes),
                ),
                column="geschlecht",
                value=sex,
            )
            return None
        out[sex] = table.to_numpy(dtype=float).reshape(len(full.levels[0]), len(full.levels[1]), len(lowers))
    return out


def check_age_structure(folder: Path, areas: pd.DataFrame, report: Report) -> None:
    """Load-time check of the optional files (``check`` and the app's report list every problem)."""
    from .config import load_config  # the settings file belongs to the same optional feature

    frame = read_age_file(folder, report)
    if frame is None:
        return
    load_config(folder, report)
    known = set(areas["gebiet_id"]) if "gebiet_id" in areas.columns else set()
    for index, row in frame[~frame["gebiet_id"].isin(known)].drop_duplicates("gebiet_id").iterrows():
        report.error(
            AGE_FILE,
            msg(N_("Unbekanntes Gebiet: erwartet wird eine gebiet_id aus der Gebietsdatei.")),
            row=line_number(index),
            column="gebiet_id",
            value=str(row["gebiet_id"]),
        )
    data = to_age_data(frame[frame["gebiet_id"].isin(known)], report)  # the unknown area is reported once, above
    if data is not None:
        from .components import read_assumptions

        read_assumptions(folder, data.groups, report)
