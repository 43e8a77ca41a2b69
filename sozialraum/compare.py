"""Comparisons over time and between areas (pure, no streamlit).

Trends: indexed (base year = 100) and change views of a trend table, the order of the small multiples,
the biggest movers between two years (polarity-aware). Areas: ranking, side by side, scatter with the
Pearson correlation and its plain-German reading, and the overview matrix ("tartan rug") that rates
every area × indicator cell as better / similar / worse than the city.

Inputs are the long tables of a `Bundle`: ``values`` (gebiet_id, indikator_id, jahr, wert, …), ``city``
(indikator_id, jahr, wert) and the ``catalogue`` indexed by indikator_id.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .formatting import NBSP, format_number, format_value
from .indicators import city_value
from .schemas import CITY_ID

MINUS = "\u2212"

# --- trend views ----------------------------------------------------------------------------------------

ABSOLUTE, INDEXED, CHANGE = "absolut", "index", "veraenderung"
VIEWS = {ABSOLUTE: "Absolut", INDEXED: "Index", CHANGE: "Veränderung"}


def change_unit(unit: str) -> str:
    """Unit of a difference: percentage points for shares in %, otherwise the unit itself."""
    return "Prozentpunkte" if unit.strip() == "%" else unit


def city_comparable(catalogue: pd.DataFrame, indikator: str) -> bool:
    """Whether the city value compares with area values: not for counts, whose city value is the sum of
    all areas (e.g. inhabitants). Their changes relative to a base year (index view) do compare."""
    return str(catalogue.at[indikator, "aggregation"]) != "summe" if "aggregation" in catalogue else True


def polarity_sign(polarity: str) -> int:
    """+1 when higher is better, −1 when higher is worse, 0 for neutral indicators."""
    return {"hoeher_besser": 1, "hoeher_schlechter": -1}.get(str(polarity), 0)


def rebase(trend: pd.DataFrame, view: str, base_year: int) -> pd.DataFrame:
    """A trend table (gebiet_id, jahr, wert) in one of the three views.

    ``absolut`` leaves the values; ``index`` gives 100 × value / value in the base year; ``veraenderung``
    gives value − value in the base year (in percentage points for % units). Column ``basis`` holds each
    series' base value. A series without a base value, and for the index one with a base value ≤ 0 (an
    index of a negative balance means nothing), stays empty: nothing is estimated.
    """
    frame = trend.copy()
    base = trend.loc[trend["jahr"] == base_year].set_index("gebiet_id")["wert"].astype(float)
    frame["basis"] = frame["gebiet_id"].map(base).astype(float)
    values = frame["wert"].astype(float)
    if view == INDEXED:
        frame["wert"] = values / frame["basis"].where(frame["basis"] > 0) * 100.0
    elif view == CHANGE:
        frame["wert"] = values - frame["basis"]
    elif view != ABSOLUTE:
        raise ValueError(f"unbekannte Darstellung: {view!r}")
    return frame


def view_unit(view: str, unit: str, base_year: int) -> str:
    """Axis and table label of a view, e.g. 'Index (2018 = 100)' or 'Prozentpunkte seit 2018'."""
    if view == INDEXED:
        return f"Index ({base_year} = 100)"
    if view == CHANGE:
        return f"{change_unit(unit)} seit {base_year}"
    return unit


def view_decimals(view: str, decimals: int) -> int:
    return 1 if view == INDEXED else decimals


def view_summary(
    frame: pd.DataFrame, view: str, base_year: int, names: dict[str, str], unit: str, decimals: int
) -> str:
    """One plain-German sentence on a rebased trend (`trend_text.view_summary`, every language)."""
    from .trend_text import view_summary as in_language  # trend_text builds on this module

    return in_language(frame, view, base_year, names, unit, decimals)


def _join(items: Sequence[str]) -> str:
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]


# --- biggest movers and the order of the small multiples --------------------------------------------------

IMPROVED, WORSENED, UNCHANGED, ROSE, FELL, NO_DATA = (
    "verbessert",
    "verschlechtert",
    "unverändert",
    "gestiegen",
    "gesunken",
    "keine Angabe",
)
_EPS = 1e-9


def movers(
    values: pd.DataFrame,
    areas: pd.DataFrame,
    indikator: str,
    polarity: str,
    start: int,
    end: int,
    decimals: int | None = None,
) -> pd.DataFrame:
    """Change of every area between two years, polarity-aware.

    Columns: gebiet_id, name, von, bis, veraenderung (bis − von), verbesserung (the change signed so that
    > 0 is an improvement: a fall when higher is worse; NaN for neutral indicators), bewertung. Sorted from
    the most improved to the most worsened (neutral: largest rise first); areas without both values last.
    With ``decimals`` (the indicator's display precision) a change that rounds to 0 counts as unchanged, so
    the rating never contradicts the shown number.
    """
    subset = values[values["indikator_id"] == indikator]
    first = subset[subset["jahr"] == start].set_index("gebiet_id")["wert"].astype(float)
    last = subset[subset["jahr"] == end].set_index("gebiet_id")["wert"].astype(float)
    table = areas[["gebiet_id", "name"]].copy()
    table["von"] = table["gebiet_id"].map(first).astype(float)
    table["bis"] = table["gebiet_id"].map(last).astype(float)
    table["veraenderung"] = table["bis"] - table["von"]
    sign = polarity_sign(polarity)
    table["verbesserung"] = table["veraenderung"] * sign if sign else np.nan
    judged = table["veraenderung"].round(decimals) if decimals is not None else table["veraenderung"]
    table["bewertung"] = [_judge_change(c, sign) for c in judged]
    key = table["verbesserung"] if sign else table["veraenderung"]
    order = key.sort_values(ascending=False, na_position="last").index
    return table.loc[order].reset_index(drop=True)


def _judge_change(change: float, sign: int) -> str:
    if pd.isna(change):  # NaN or pd.NA (nullable Float64 columns): `x != x` fails on pd.NA
        return NO_DATA
    if abs(change) < _EPS:
        return UNCHANGED
    if sign == 0:
        return ROSE if change > 0 else FELL
    return IMPROVED if change * sign > 0 else WORSENED


def top_movers(table: pd.DataFrame, n: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``n`` most improved and the ``n`` most worsened areas of a :func:`movers` table.

    For a neutral indicator: the largest rises and the largest falls.
    """
    rated = table["verbesserung"].notna().any()
    key = "verbesserung" if rated else "veraenderung"
    up = table[table["bewertung"].isin([IMPROVED, ROSE])].sort_values(key, ascending=False).head(n)
    down = table[table["bewertung"].isin([WORSENED, FELL])].sort_values(key, ascending=True).head(n)
    return up.reset_index(drop=True), down.reset_index(drop=True)


def movers_summary(table: pd.DataFrame, name: str, unit: str, decimals: int, start: int, end: int) -> str:
    """One plain-German sentence on the movers (`trend_text.movers_summary`, every language)."""
    from .trend_text import movers_summary as in_language

    return in_language(table, name, unit, decimals, start, end)


def order_areas(values: pd.DataFrame, areas: pd.DataFrame, indikator: str, polarity: str, by: str) -> list[str]:
    """Area IDs for the small multiples, the least favourable first.

    ``by="wert"``: by the latest value (highest first when higher is worse or neutral, lowest first when
    higher is better); ``by="veraenderung"``: by the change from the first to the latest year, the most
    worsened first (neutral: the largest rise first). Areas without a value come last, by name.
    """
    subset = values[(values["indikator_id"] == indikator) & values["wert"].notna()]
    if subset.empty:
        return sorted(areas["gebiet_id"], key=lambda g: str(g))
    years = sorted(int(y) for y in subset["jahr"].unique())
    table = movers(values, areas, indikator, polarity, years[0], years[-1])
    sign = polarity_sign(polarity)
    if by == "wert":
        key = table["bis"] * (1 if sign <= 0 else -1)
    elif by == "veraenderung":
        key = -table["verbesserung"] if sign else table["veraenderung"]
    else:
        raise ValueError(f"unbekannte Sortierung: {by!r}")
    table = table.assign(_key=key).sort_values(["_key", "name"], ascending=[False, True], na_position="last")
    return list(table["gebiet_id"])


def multiples_summary(
    values: pd.DataFrame,
    city: pd.DataFrame,
    names: dict[str, str],
    indikator: str,
    unit: str,
    decimals: int,
    with_city: bool = True,
) -> str:
    """One plain-German sentence for the small multiples (`trend_text.multiples_summary`, every language)."""
    from .trend_text import multiples_summary as in_language

    return in_language(values, city, names, indikator, unit, decimals, with_city)


# --- values of one year, population ------------------------------------------------------------------------


def values_at(values: pd.DataFrame, indikator: str, jahr: int) -> tuple[pd.Series, int | None]:
    """Area values of an indicator in ``jahr`` or, if it has none then, in the latest earlier year with values."""
    subset = values[(values["indikator_id"] == indikator) & (values["jahr"] <= jahr) & values["wert"].notna()]
    if subset.empty:
        return pd.Series(dtype=float), None
    year = int(subset["jahr"].max())
    series = subset[subset["jahr"] == year].set_index("gebiet_id")["wert"].astype(float)
    return series, year


def population_at(values: pd.DataFrame, areas: pd.DataFrame, jahr: int, indikator: str = "einwohner") -> pd.Series:
    """Inhabitants per area in ``jahr`` (or the latest earlier year) from the indicator ``einwohner``;
    without it, the ``einwohner`` column of the area file. Indexed by gebiet_id; missing → NaN."""
    series, _ = values_at(values, indikator, jahr)
    ids = areas["gebiet_id"]
    if series.empty and "einwohner" in areas:
        series = pd.to_numeric(areas.set_index("gebiet_id")["einwohner"], errors="coerce")
    return series.reindex(ids).astype(float)


# --- ranking and side by side --------------------------------------------------------------------------------


def ranking(table: pd.DataFrame, polarity: str, highlighted: Iterable[str] = ()) -> pd.DataFrame:
    """An `indicators.indicator_table` in ranking order: most favourable first (neutral: highest first),
    areas without a value last; column ``hervorgehoben`` marks the chosen areas."""
    sign = polarity_sign(polarity)
    ascending = sign < 0
    ranked = table.sort_values(["wert", "name"], ascending=[ascending, True], na_position="last")
    ranked = ranked.assign(hervorgehoben=ranked["gebiet_id"].isin(set(highlighted)))
    return ranked.reset_index(drop=True)


def ranking_summary(ranked: pd.DataFrame, name: str, unit: str, decimals: int, polarity: str, city_name: str) -> str:
    present = ranked.dropna(subset=["wert"])
    if present.empty:
        return f"Für {name} liegen in diesem Jahr keine Werte vor."
    first, last = present.iloc[0], present.iloc[-1]
    sign = polarity_sign(polarity)
    best, worst = ("günstigsten", "ungünstigsten") if sign else ("höchsten", "niedrigsten")
    text = (
        f"Den {best} Wert hat {first['name']} ({format_value(first['wert'], unit, decimals)}), "
        f"den {worst} {last['name']} ({format_value(last['wert'], unit, decimals)})"
    )
    reference = present["stadt"].iloc[0]
    if pd.isna(reference):
        return text + "."
    above = int((present["wert"] > reference).sum())
    return (
        text + f"; {above} von {len(present)} Gebieten liegen über dem Wert von {city_name} "
        f"({format_value(reference, unit, decimals)})."
    )


def side_by_side(
    values: pd.DataFrame,
    city: pd.DataFrame,
    catalogue: pd.DataFrame,
    indicators: Sequence[str],
    area_ids: Sequence[str],
    jahr: int,
) -> pd.DataFrame:
    """Long table: one row per indicator and chosen area, plus one for the city (gebiet_id 'gesamt').

    Columns: indikator_id, gebiet_id, jahr (the year used: ``jahr`` or the latest earlier), wert, stadt,
    differenz (to the city), bewertung (günstiger / ungünstiger / gleich / nicht bewertet / keine Angabe).
    Counts (city value = sum of the areas) get no difference and no rating.
    """
    rows = []
    for indikator in indicators:
        series, year = values_at(values, indikator, jahr)
        reference = city_value(city, indikator, year) if year is not None else None
        comparable = city_comparable(catalogue, indikator)
        sign = polarity_sign(catalogue.at[indikator, "polaritaet"]) if comparable else 0
        for gebiet in [*area_ids, CITY_ID]:
            value = reference if gebiet == CITY_ID else series.get(gebiet, np.nan)
            value = np.nan if pd.isna(value) else float(value)
            usable = reference is not None and comparable and gebiet != CITY_ID
            diff = value - reference if usable else np.nan
            rows.append(
                {
                    "indikator_id": indikator,
                    "gebiet_id": gebiet,
                    "jahr": year,
                    "wert": value,
                    "stadt": np.nan if reference is None else reference,
                    "differenz": diff,
                    "bewertung": _judge_difference(value, diff, sign) if gebiet != CITY_ID else "",
                }
            )
    frame = pd.DataFrame(rows, columns=["indikator_id", "gebiet_id", "jahr", "wert", "stadt", "differenz", "bewertung"])
    frame["jahr"] = frame["jahr"].astype("Int64")
    return frame


def _judge_difference(value: float, diff: float, sign: int) -> str:
    if pd.isna(value):
        return NO_DATA
    if sign == 0:
        return "nicht bewertet"
    if pd.isna(diff):
        return "ohne Gesamtstadtwert"
    if abs(diff) < _EPS:
        return "gleich"
    return "günstiger" if diff * sign > 0 else "ungünstiger"


def side_by_side_wide(long: pd.DataFrame, catalogue: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Indicators as rows, the chosen areas and the city as columns (numbers, rounded to each
    indicator's decimals): the table alternative of the side-by-side chart."""
    area_order = list(dict.fromkeys(long["gebiet_id"]))
    rows = []
    for indikator, group in long.groupby("indikator_id", sort=False):
        meta = catalogue.loc[indikator]
        decimals = int(meta["dezimalstellen"])
        by_area = group.set_index("gebiet_id")["wert"]
        row = {
            "Indikator": str(meta["name"]),
            "Einheit": str(meta["einheit"]),
            "Jahr": group["jahr"].iloc[0],
        }
        for gebiet in area_order:
            value = by_area.get(gebiet, np.nan)
            row[names.get(gebiet, gebiet)] = round(float(value), decimals) if pd.notna(value) else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def side_by_side_summary(long: pd.DataFrame, names: dict[str, str]) -> str:
    """Which chosen area is more often more favourable than the city."""
    rated = long[long["bewertung"].isin(["günstiger", "ungünstiger"])]
    if rated.empty:
        return "Für die gewählten Indikatoren gibt es keinen bewertbaren Vergleich mit der Gesamtstadt."
    counts = rated.groupby("gebiet_id")["bewertung"].value_counts().unstack(fill_value=0)
    parts = []
    for gebiet in dict.fromkeys(long["gebiet_id"]):
        if gebiet not in counts.index:
            continue
        better = int(counts.loc[gebiet].get("günstiger", 0))
        worse = int(counts.loc[gebiet].get("ungünstiger", 0))
        parts.append(f"{names.get(gebiet, gebiet)} {better} günstiger, {worse} ungünstiger")
    total = rated["indikator_id"].nunique()
    noun = "bewertbaren Indikator" if total == 1 else "bewertbaren Indikatoren"
    return f"Gegenüber der Gesamtstadt bei {total} {noun}: " + "; ".join(parts) + "."


def format_rows(frame: pd.DataFrame, decimals: Sequence[int], columns: Sequence[str]) -> pd.DataFrame:
    """A copy with ``columns`` as German number text, each row with its own number of decimals."""
    shown = frame.copy().astype({c: object for c in columns})
    for i, d in enumerate(decimals):
        for column in columns:
            shown.iat[i, shown.columns.get_loc(column)] = format_number(frame.iat[i, frame.columns.get_loc(column)], d)
    return shown


# --- scatter and correlation -----------------------------------------------------------------------------------


def scatter_table(
    values: pd.DataFrame, areas: pd.DataFrame, x: str, y: str, jahr: int
) -> tuple[pd.DataFrame, int | None, int | None]:
    """One row per area: gebiet_id, name, x, y, einwohner; plus the years used for x and y."""
    xs, x_year = values_at(values, x, jahr)
    ys, y_year = values_at(values, y, jahr)
    table = areas[["gebiet_id", "name"]].copy()
    table["x"] = table["gebiet_id"].map(xs).astype(float)
    table["y"] = table["gebiet_id"].map(ys).astype(float)
    table["einwohner"] = population_at(values, areas, jahr).to_numpy()
    return table.reset_index(drop=True), x_year, y_year


@dataclass(frozen=True)
class Correlation:
    """Pearson's r over the areas with both values (``n`` of them); r is NaN when not computable."""

    r: float
    n: int

    @property
    def valid(self) -> bool:
        return not math.isnan(self.r)


def pearson(x: pd.Series, y: pd.Series) -> Correlation:
    """Pearson correlation over the pairs where both values are present (at least 3, both varying)."""
    both = pd.concat(
        [pd.Series(x).astype(float).reset_index(drop=True), pd.Series(y).astype(float).reset_index(drop=True)], axis=1
    ).dropna()
    n = len(both)
    if n < 3:
        return Correlation(float("nan"), n)
    a, b = both.iloc[:, 0].to_numpy(), both.iloc[:, 1].to_numpy()
    if np.std(a) == 0 or np.std(b) == 0:
        return Correlation(float("nan"), n)
    r = float(np.corrcoef(a, b)[0, 1])
    return Correlation(max(-1.0, min(1.0, r)), n)


def correlation_strength(r: float) -> str:
    """Cohen's conventions: |r| < 0,1 none worth mentioning, < 0,3 weak, < 0,5 moderate, from 0,5 strong."""
    size = abs(r)
    if size < 0.1:
        return "kein nennenswerter"
    if size < 0.3:
        return "schwacher"
    if size < 0.5:
        return "mittlerer"
    return "starker"


def format_r(r: float) -> str:
    return format_number(r, 2).replace("-", MINUS)


CAUSATION_NOTE = (
    "Ein Zusammenhang ist kein Beleg für eine Ursache: Beide Werte können von Dritten abhängen, "
    "und er beschreibt Gebiete, nicht einzelne Menschen."
)


def correlation_reading(corr: Correlation, x_name: str, y_name: str) -> str:
    """Plain German, e.g. 'r = 0,82 bei 12 Gebieten: starker positiver Zusammenhang – …'."""
    if not corr.valid:
        return (
            f"Ein Korrelationskoeffizient lässt sich nicht berechnen: dafür braucht es mindestens 3 Gebiete "
            f"mit beiden Werten, die sich unterscheiden (vorhanden: {corr.n})."
        )
    strength = correlation_strength(corr.r)
    head = f"r = {format_r(corr.r)} bei {corr.n} Gebieten: "
    if strength == "kein nennenswerter":
        return head + f"kein nennenswerter Zusammenhang zwischen {x_name} und {y_name}. {CAUSATION_NOTE}"
    positive = corr.r > 0
    direction = "positiver" if positive else "negativer"
    tendency = "auch einen höheren" if positive else "einen niedrigeren"
    return (
        head + f"{strength} {direction} Zusammenhang. Gebiete mit einem höheren Wert bei „{x_name}“ haben "
        f"tendenziell {tendency} Wert bei „{y_name}“. {CAUSATION_NOTE}"
    )


# --- overview matrix ("tartan rug") -----------------------------------------------------------------------------

BETTER, SIMILAR, WORSE, NOT_RATED, MISSING = "günstiger", "ähnlich", "ungünstiger", "nicht bewertet", "keine Angabe"
MATRIX_CLASSES = (BETTER, SIMILAR, WORSE, NOT_RATED, MISSING)
SYMBOLS = {BETTER: "+", SIMILAR: "≈", WORSE: MINUS, NOT_RATED: "·", MISSING: "k. A."}
REFERENCE_CITY, REFERENCE_MEAN = "Gesamtstadt", "Mittel der Gebiete"


def overview_matrix(
    values: pd.DataFrame,
    areas: pd.DataFrame,
    city: pd.DataFrame,
    catalogue: pd.DataFrame,
    indicators: Sequence[str],
    jahr: int,
    band: float = 0.5,
) -> pd.DataFrame:
    """Every area × indicator cell rated against the city, polarity-aware.

    The distance to the city value is measured in standard deviations of the area values (so indicators
    with different units and signs compare alike); within ±``band`` the cell counts as similar. Where no
    city value exists, or it is a sum (counts), the unweighted mean of the areas is the reference (column
    ``referenz_art`` says so).
    Neutral indicators are shown but not rated. One row per cell: gebiet_id, name, indikator_id, jahr,
    wert, referenz, referenz_art, abstand (SD, > 0 = more favourable), klasse, symbol.
    """
    if band < 0:
        raise ValueError("band darf nicht negativ sein")
    frames = []
    for indikator in indicators:
        series, year = values_at(values, indikator, jahr)
        sign = polarity_sign(catalogue.at[indikator, "polaritaet"])
        reference = city_value(city, indikator, year) if year is not None else None
        kind = REFERENCE_CITY
        if reference is None or not city_comparable(catalogue, indikator):
            reference = float(series.mean()) if len(series) else np.nan
            kind = REFERENCE_MEAN
        std = float(series.std(ddof=0)) if len(series) else np.nan
        part = areas[["gebiet_id", "name"]].copy()
        part["indikator_id"] = indikator
        part["jahr"] = year
        part["wert"] = part["gebiet_id"].map(series).astype(float)
        part["referenz"] = reference
        part["referenz_art"] = kind
        if pd.notna(std) and std:
            part["abstand"] = (part["wert"] - reference) / std * sign
        else:
            part["abstand"] = np.where(part["wert"].notna(), 0.0, np.nan)
        part["klasse"] = [_matrix_class(w, a, sign, band) for w, a in zip(part["wert"], part["abstand"], strict=True)]
        frames.append(part)
    columns = ["gebiet_id", "name", "indikator_id", "jahr", "wert", "referenz", "referenz_art", "abstand", "klasse"]
    if not frames:
        return pd.DataFrame(columns=[*columns, "symbol"])
    frame = pd.concat(frames, ignore_index=True)[columns]
    frame.loc[frame["klasse"] == NOT_RATED, "abstand"] = np.nan
    frame["jahr"] = frame["jahr"].astype("Int64")
    frame["symbol"] = frame["klasse"].map(SYMBOLS)
    return frame


def _matrix_class(value: float, distance: float, sign: int, band: float) -> str:
    if pd.isna(value):
        return MISSING
    if sign == 0:
        return NOT_RATED
    if distance > band:
        return BETTER
    if distance < -band:
        return WORSE
    return SIMILAR


def matrix_order(matrix: pd.DataFrame) -> list[str]:
    """Area IDs, the areas with the most unfavourable cells first (then fewest favourable, then name)."""
    counts = matrix.pivot_table(index="gebiet_id", columns="klasse", values="indikator_id", aggfunc="count")
    counts = counts.reindex(columns=[WORSE, BETTER], fill_value=0).fillna(0)
    names = matrix.drop_duplicates("gebiet_id").set_index("gebiet_id")["name"]
    order = pd.DataFrame({"worse": counts[WORSE], "better": counts[BETTER], "name": names.reindex(counts.index)})
    order = order.sort_values(["worse", "better", "name"], ascending=[False, True, True])
    return list(order.index)


def matrix_label(meta: pd.Series, jahr: object) -> str:
    """Column label of an indicator in the matrix: short name, unit and year."""
    year = f", {int(jahr)}" if pd.notna(jahr) else ""
    return f"{meta['kurzname']} ({meta['einheit']}{year})"


def matrix_wide(matrix: pd.DataFrame, catalogue: pd.DataFrame, order: Sequence[str] | None = None) -> pd.DataFrame:
    """Areas as rows, one text column per indicator ('− 23,4': symbol and value), counts of favourable and
    unfavourable cells: the table alternative of the matrix chart (symbols carry the rating, not colour)."""
    order = list(order) if order is not None else matrix_order(matrix)
    wide = pd.DataFrame({"gebiet_id": order})
    names = matrix.drop_duplicates("gebiet_id").set_index("gebiet_id")["name"]
    wide["Gebiet"] = wide["gebiet_id"].map(names)
    for indikator, group in matrix.groupby("indikator_id", sort=False):
        meta = catalogue.loc[indikator]
        decimals = int(meta["dezimalstellen"])
        cells = group.set_index("gebiet_id")
        text = {
            g: (SYMBOLS[MISSING] if pd.isna(r["wert"]) else f"{r['symbol']} {format_number(r['wert'], decimals)}")
            for g, r in cells.iterrows()
        }
        wide[matrix_label(meta, group["jahr"].iloc[0])] = wide["gebiet_id"].map(text)
    counts = matrix.groupby("gebiet_id")["klasse"].value_counts().unstack(fill_value=0)
    wide["Ungünstiger"] = wide["gebiet_id"].map(counts.get(WORSE, pd.Series(dtype=int))).fillna(0).astype(int)
    wide["Günstiger"] = wide["gebiet_id"].map(counts.get(BETTER, pd.Series(dtype=int))).fillna(0).astype(int)
    return wide


def matrix_summary(matrix: pd.DataFrame, city_name: str) -> str:
    """Which area has the most unfavourable and which the most favourable cells."""
    rated = matrix[matrix["klasse"].isin([BETTER, SIMILAR, WORSE])]
    if rated.empty:
        return "Keiner der gewählten Indikatoren lässt sich bewerten (neutral oder ohne Werte)."
    n_ind = rated["indikator_id"].nunique()
    counts = (
        rated.groupby("name")["klasse"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=[BETTER, SIMILAR, WORSE], fill_value=0)
    )
    worst = counts.sort_values([WORSE, BETTER], ascending=[False, True]).index[0]
    best = counts.sort_values([BETTER, WORSE], ascending=[False, True]).index[0]
    share_worse = format_number(100 * counts[WORSE].sum() / counts.to_numpy().sum(), 0)
    kinds = set(rated["referenz_art"])
    reference = "das Mittel der Gebiete" if kinds == {REFERENCE_MEAN} else city_name
    note = (
        " Wo kein vergleichbarer Gesamtstadtwert vorliegt, ist das Mittel der Gebiete der Vergleichswert."
        if len(kinds) > 1
        else ""
    )
    return (
        f"Bei {n_ind} bewerteten Indikatoren liegt {worst} am häufigsten ungünstiger als {reference} "
        f"({int(counts.at[worst, WORSE])}-mal), {best} am häufigsten günstiger ({int(counts.at[best, BETTER])}-mal); "
        f"insgesamt sind {share_worse}{NBSP}% der Zellen ungünstiger.{note}"
    )


# --- provenance of downloads --------------------------------------------------------------------------------------


def provenance_meta(catalogue: pd.DataFrame, indicators: Iterable[str], **extra: object) -> dict[str, str]:
    """Indicator, unit, source and Datenstand for a download of one or more indicators (German keys)."""
    ids = [i for i in dict.fromkeys(indicators) if i in catalogue.index]
    meta = catalogue.loc[ids]
    if len(ids) == 1:
        row = meta.iloc[0]
        info = {
            "Indikator": str(row["name"]),
            "Einheit": str(row["einheit"]),
            "Quelle": str(row["quelle"]),
            "Datenstand": str(row["datenstand"]),
        }
    else:
        info = {
            "Indikatoren": "; ".join(f"{r['name']} ({r['einheit']})" for _, r in meta.iterrows()),
            "Quelle": "; ".join(dict.fromkeys(str(q) for q in meta["quelle"])),
            "Datenstand": "; ".join(f"{r['kurzname']}: {r['datenstand']}" for _, r in meta.iterrows()),
        }
    info.update({key: str(value) for key, value in extra.items()})
    return info


def source_caption(catalogue: pd.DataFrame, indicators: Iterable[str]) -> str:
    """'Quellen: … · Datenstand: …' for several indicators, for a caption next to a chart."""
    meta = provenance_meta(catalogue, indicators)
    if "Indikator" in meta:
        return f"Einheit: {meta['Einheit']} · Quelle: {meta['Quelle']} · Datenstand: {meta['Datenstand']}"
    return f"Quellen: {meta['Quelle']} · Datenstand: {meta['Datenstand']}"
