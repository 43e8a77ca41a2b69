"""Indicator computations: city reference values, one indicator's area table, trends."""

from __future__ import annotations

import pandas as pd

from .export import withheld_rows
from .i18n import N_, Translator
from .polarity import Polarity
from .report import Report, msg
from .schemas import CITY_ID

GERMAN = Translator("de")

METHOD_GIVEN = "vorgegeben (Zeile „gesamt“)"
METHOD_SUM = "Summe der Gebiete"
METHOD_RATIO = "Summe der Zähler / Summe der Nenner"


def city_values(values: pd.DataFrame, catalogue: pd.DataFrame, report: Report | None = None) -> pd.DataFrame:
    """Reference value of the whole city per indicator and year.

    Given rows (`gebiet_id == "gesamt"`) win; otherwise sums for counts and sum(zähler)/sum(nenner)
    for rates. Never an unweighted mean of area rates: where neither is possible there is no
    city value, and that is reported once per indicator.
    """
    rows: list[dict[str, object]] = []
    given = values[values["gebiet_id"] == CITY_ID]
    areas = values[values["gebiet_id"] != CITY_ID]
    missing: set[str] = set()
    for (indikator, jahr), group in areas.groupby(["indikator_id", "jahr"], sort=True):
        if group["wert"].isna().all():
            continue  # not collected that year: no city value either, and nothing to warn about
        explicit = given[(given["indikator_id"] == indikator) & (given["jahr"] == jahr)]
        if len(explicit) and pd.notna(explicit["wert"].iloc[0]):
            rows.append(_row(indikator, jahr, float(explicit["wert"].iloc[0]), METHOD_GIVEN))
            continue
        method = catalogue.at[indikator, "aggregation"] if indikator in catalogue.index else ""
        value = _aggregate(group, method, float(catalogue.at[indikator, "faktor"]) if method == "quote" else 1.0)
        if value is None:
            missing.add(str(indikator))
            continue
        rows.append(_row(indikator, jahr, value, METHOD_SUM if method == "summe" else METHOD_RATIO))
    if report is not None:
        for indikator in sorted(missing):
            report.warning(
                "werte.csv",
                msg(
                    N_(
                        "Indikator {indikator}: kein Gesamtstadtwert für mindestens ein Jahr. Geben Sie ihn als "
                        "Zeile „gesamt“ an oder liefern Sie zaehler und nenner für alle Gebiete."
                    ),
                    indikator=str(indikator),
                ),
                column="gebiet_id",
            )
    return pd.DataFrame(rows, columns=["indikator_id", "jahr", "wert", "methode"])


def _row(indikator: object, jahr: object, wert: float, methode: str) -> dict[str, object]:
    return {"indikator_id": indikator, "jahr": int(jahr), "wert": wert, "methode": methode}


def _aggregate(group: pd.DataFrame, method: str, factor: float) -> float | None:
    if method == "summe":
        present = group["wert"].dropna()
        return float(present.sum()) if len(present) == len(group) and len(group) else None
    if method == "quote":
        complete = group["zaehler"].notna() & group["nenner"].notna()
        if not complete.all() or not len(group):
            return None
        denominator = float(group["nenner"].sum())
        return float(group["zaehler"].sum()) / denominator * factor if denominator else None
    return None


def city_value(city: pd.DataFrame, indikator: str, jahr: int) -> float | None:
    match = city[(city["indikator_id"] == indikator) & (city["jahr"] == jahr)]
    return float(match["wert"].iloc[0]) if len(match) else None


def indicator_table(
    values: pd.DataFrame, areas: pd.DataFrame, city: pd.DataFrame, catalogue: pd.DataFrame, indikator: str, jahr: int
) -> pd.DataFrame:
    """One row per area: value, rank (1 = best, polarity-aware), difference to the city value."""
    rows = values[(values["indikator_id"] == indikator) & (values["jahr"] == jahr)]
    subset = rows[["gebiet_id", "wert", "anmerkung"]].assign(gesperrt=withheld_rows(rows))
    table = areas[["gebiet_id", "name"]].merge(subset, on="gebiet_id", how="left")
    table["gesperrt"] = table["gesperrt"].fillna(False).astype(bool)
    reference = city_value(city, indikator, jahr)
    table["stadt"] = reference
    table["differenz"] = (table["wert"] - reference) if reference is not None else float("nan")
    table["differenz"] = table["differenz"].astype(float)
    ascending = Polarity.of(catalogue.at[indikator, "polaritaet"]).rank_ascending
    table["rang"] = table["wert"].rank(ascending=ascending, method="min").astype("Int64")
    table["anzahl"] = int(table["wert"].notna().sum())
    return table.sort_values("wert", ascending=False, na_position="last").reset_index(drop=True)


def trend_table(values: pd.DataFrame, city: pd.DataFrame, indikator: str, area_ids: list[str]) -> pd.DataFrame:
    """Long table (gebiet_id, jahr, wert) of the chosen areas plus the city (gebiet_id 'gesamt')."""
    chosen = values[(values["indikator_id"] == indikator) & (values["gebiet_id"].isin(area_ids))]
    town = city[city["indikator_id"] == indikator].assign(gebiet_id=CITY_ID)
    frame = pd.concat([chosen[["gebiet_id", "jahr", "wert"]], town[["gebiet_id", "jahr", "wert"]]])
    return frame.sort_values(["gebiet_id", "jahr"]).reset_index(drop=True)


def trend_wide(trend: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Areas as rows, years as columns: the table alternative of a trend chart."""
    wide = trend.pivot_table(index="gebiet_id", columns="jahr", values="wert", aggfunc="first", dropna=False)
    wide.columns = [str(c) for c in wide.columns]
    wide.insert(0, "Gebiet", [names.get(g, g) for g in wide.index])
    return wide.reset_index(drop=True)


def trend_summary(trend: pd.DataFrame, names: dict[str, str], fmt, tr: Translator = GERMAN) -> str:
    """One sentence per chart: how the city and the chosen areas moved from first to last year."""
    present = trend.dropna(subset=["wert"])
    if present.empty:
        return tr(N_("Für diese Auswahl liegen keine Werte vor."))
    parts = []
    for gebiet, group in present.groupby("gebiet_id", sort=False):
        group = group.sort_values("jahr")
        first, last = group.iloc[0], group.iloc[-1]
        if first["jahr"] == last["jahr"]:
            continue
        # judged on the numbers as shown: "von 12,3 auf 12,3 gestiegen" would contradict itself
        same = fmt(first["wert"]) == fmt(last["wert"])
        kind = 0 if same else 1 if last["wert"] > first["wert"] else -1
        parts.append(
            tr(
                _TREND_PARTS[kind],
                gebiet=names.get(gebiet, gebiet),
                erst=fmt(first["wert"]),
                erstjahr=str(int(first["jahr"])),
                letzt=fmt(last["wert"]),
                letztjahr=str(int(last["jahr"])),
            )
        )
    if not parts:
        return tr(N_("Nur ein Jahr mit Werten: keine Entwicklung darstellbar."))
    return tr(N_("Entwicklung – {teile}."), teile=tr(N_("; ")).join(parts))


# one area's movement in trend_summary, whole per language (years as text: no thousands separator)
_TREND_PARTS = {
    1: N_("{gebiet}: von {erst} ({erstjahr}) auf {letzt} ({letztjahr}) gestiegen"),
    -1: N_("{gebiet}: von {erst} ({erstjahr}) auf {letzt} ({letztjahr}) gesunken"),
    0: N_("{gebiet}: von {erst} ({erstjahr}) auf {letzt} ({letztjahr}) gleich geblieben"),
}


def change_table(
    values: pd.DataFrame,
    areas: pd.DataFrame,
    city: pd.DataFrame,
    indikator: str,
    start: int,
    end: int,
    relative: bool = False,
    polarity: str = "neutral",
) -> pd.DataFrame:
    """Change per area from `start` to `end`: absolute (percentage points for % units) or in %.

    Columns like `indicator_table` (wert = the change) so maps and tables can share code; the
    city's own change is in `stadt`, and `differenz` is the area's change minus the city's.
    """

    def rows_at(year: int) -> pd.DataFrame:
        return values[(values["indikator_id"] == indikator) & (values["jahr"] == year)].set_index("gebiet_id")

    def at(year: int) -> pd.Series:
        return rows_at(year)["wert"].astype(float)

    def locked(year: int) -> pd.Series:
        rows = rows_at(year)
        return withheld_rows(rows).set_axis(rows.index)

    before, after = at(start), at(end)
    change = (after - before) / before.abs() * 100 if relative else after - before
    table = areas[["gebiet_id", "name"]].copy()
    table["wert_start"] = table["gebiet_id"].map(before)
    table["wert_ende"] = table["gebiet_id"].map(after)
    table["wert"] = table["gebiet_id"].map(change)
    city_start, city_end = city_value(city, indikator, start), city_value(city, indikator, end)
    if city_start is None or city_end is None:
        city_change = None
    else:
        city_change = (city_end - city_start) / abs(city_start) * 100 if relative else city_end - city_start
    table["stadt"] = city_change
    table["differenz"] = table["wert"] - city_change if city_change is not None else float("nan")
    # rank 1 = the most favourable change (largest fall where higher is worse)
    table["rang"] = table["wert"].rank(ascending=Polarity.of(polarity).rank_ascending, method="min").astype("Int64")
    table["anzahl"] = int(table["wert"].notna().sum())
    table["anmerkung"] = None
    # a change with a withheld start or end value is withheld itself
    either = (table["gebiet_id"].map(locked(start)).eq(True)) | (table["gebiet_id"].map(locked(end)).eq(True))
    table["gesperrt"] = either.to_numpy(dtype=bool)
    return table.sort_values("wert", ascending=False, na_position="last").reset_index(drop=True)
