"""Computation of the social index: z-scores, classes, status and dynamics index, their inputs.

The method (docs/sozialindex.md): leave out small areas and areas with a missing value, standardise every
indicator over the remaining areas (every area counts once, ``ddof=0``), add with weights, standardise the
sum again and cut it at standard-deviation limits; a value exactly on a limit belongs to the class nearer 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..formatting import NBSP

if TYPE_CHECKING:
    from .config import IndexConfig

RESULT_COLUMNS = ["summe", "z", "klasse", "code", "bezeichnung", "ausgeschlossen", "grund"]
DYNAMICS_SUFFIX = "__veraenderung"


def zscores(frame: pd.DataFrame, columns: Iterable[str], ddof: int = 0) -> pd.DataFrame:
    """z-scores per column: (x − mean) / std over the rows, every row weighted equally.

    ``ddof=0`` (population standard deviation) reproduces the published MSS z-scores to their 5 decimals;
    ``ddof=1`` would be off by up to 0.004. Missing values stay missing and do not enter mean and std.
    A column without spread gets z = 0 everywhere.
    """
    out = {}
    for column in columns:
        values = pd.to_numeric(frame[column], errors="coerce").astype(float)
        std = values.std(ddof=ddof)
        if not np.isfinite(std) or std == 0:
            out[column] = values.where(values.isna(), 0.0)
        else:
            out[column] = (values - values.mean()) / std
    return pd.DataFrame(out, index=frame.index)


def cut_classes(z: pd.Series, limits: tuple[float, ...]) -> pd.Series:
    """Class numbers 1…len(limits)+1 for z at ascending ``limits``; missing z → <NA>.

    A value exactly on a limit goes to the class nearer to 0: with MSS limits −1/+1/+1.5 the middle class
    is −1.0 ≤ z ≤ +1.0, and "sehr niedrig" starts above +1.5.
    """
    values = z.astype(float)
    classes = pd.Series(1, index=z.index, dtype="Int64")
    for limit in limits:
        classes += (values >= limit if limit <= 0 else values > limit).astype(int)
    return classes.mask(values.isna())


def _exclusions(
    values: pd.DataFrame, columns: list[str], config: IndexConfig, population: pd.Series | None
) -> pd.Series:
    """Reason per area why it is left out ('' = included)."""
    # numpy arrays: boolean-mask assignment on a Series costs milliseconds, and the index runs once per year
    reasons = np.full(len(values), "", dtype=object)
    if population is not None and config.min_population:
        inhabitants = pd.to_numeric(population.reindex(values.index), errors="coerce").to_numpy(dtype=float)
        reasons[np.isnan(inhabitants)] = "Einwohnerzahl fehlt"
        reasons[inhabitants < config.min_population] = f"weniger als {config.min_population}{NBSP}Einwohner"
    missing = values[columns].apply(pd.to_numeric, errors="coerce").isna().to_numpy()
    for position in np.flatnonzero(missing.any(axis=1)):
        names = ", ".join(config.indicator_name(c) for c, gap in zip(columns, missing[position], strict=True) if gap)
        text = f"fehlende Werte: {names}"
        reasons[position] = f"{reasons[position]}; {text}" if reasons[position] else text
    return pd.Series(reasons, index=values.index, dtype=object)


def _composite(
    values: pd.DataFrame,
    weights: Mapping[str, float],
    limits: tuple[float, ...],
    labels: tuple[str, ...],
    codes: tuple[str, ...],
    config: IndexConfig,
    population: pd.Series | None,
) -> pd.DataFrame:
    columns = list(weights)
    absent = [c for c in columns if c not in values.columns]
    if absent:
        raise KeyError(f"Spalten fehlen: {', '.join(absent)}")
    if not values.index.is_unique:
        raise ValueError("Die Gebiets-IDs (Index) sind nicht eindeutig")
    reasons = _exclusions(values, columns, config, population)
    included = reasons == ""
    z_parts = zscores(values.loc[included], columns)
    total = sum(z_parts[c] * w for c, w in weights.items())
    if not config.higher_is_worse:
        total = -total
    total = pd.Series(total, index=z_parts.index, dtype=float).reindex(values.index)
    z_total = zscores(total.to_frame("summe"), ["summe"])["summe"]
    classes = cut_classes(z_total, limits)
    position = classes.astype("float").sub(1)

    def pick(names: tuple[str, ...]) -> pd.Series:
        return position.map(lambda p: names[int(p)] if pd.notna(p) else pd.NA).astype("string")

    result = pd.DataFrame(
        {
            "summe": total,
            "z": z_total,
            "klasse": classes,
            "code": pick(codes),
            "bezeichnung": pick(labels),
            "ausgeschlossen": ~included,
            "grund": reasons.astype("string"),
        },
        index=values.index,
    )
    return result[RESULT_COLUMNS]


def status_index(values: pd.DataFrame, config: IndexConfig, population: pd.Series | None = None) -> pd.DataFrame:
    """Status index per area (rows of ``values``, index = area ID).

    Columns: ``summe`` (weighted sum of the indicator z-scores), ``z`` (its z-score), ``klasse`` (1 = most
    favourable), ``code`` and ``bezeichnung`` of the class, ``ausgeschlossen`` and ``grund``. ``population``
    (aligned by index) enables the ``min_population`` rule; without it no area is left out for its size.
    """
    return _composite(
        values,
        config.status_indicators,
        config.status_limits,
        config.status_labels,
        config.status_codes,
        config,
        population,
    )


def dynamics_index(values: pd.DataFrame, config: IndexConfig, population: pd.Series | None = None) -> pd.DataFrame:
    """Dynamics index per area, built like :func:`status_index` from the change indicators.

    Positive changes of unemployment or transfer shares are a worsening, so with ``higher_is_worse`` the
    first class ("+", positiv) holds the lowest z-scores.
    """
    if not config.dynamics_indicators:
        raise ValueError(f"{config.name}: keine Dynamik-Indikatoren konfiguriert")
    return _composite(
        values,
        config.dynamics_indicators,
        config.dynamics_limits,
        config.dynamics_labels,
        config.dynamics_codes,
        config,
        population,
    )


def combined_type(status: pd.DataFrame, dynamics: pd.DataFrame) -> pd.DataFrame:
    """Status/dynamics type per area: ``typ`` like "2+/-" and ``bezeichnung`` "Status mittel, Dynamik stabil".

    Areas missing in either result, or left out there, get <NA>.
    """
    index = status.index.union(dynamics.index, sort=False)
    s = status.reindex(index)
    d = dynamics.reindex(index)
    typ = (s["code"] + d["code"]).astype("string")
    text = ("Status " + s["bezeichnung"] + ", Dynamik " + d["bezeichnung"]).astype("string")
    return pd.DataFrame({"typ": typ, "bezeichnung": text}, index=index)


def _middle_class(limits: tuple[float, ...]) -> int:
    """Number of the class that holds z = 0 (the average)."""
    return int(cut_classes(pd.Series([0.0]), limits).iloc[0])


def dynamics_column(indikator: str) -> str:
    """Column of the change of ``indikator`` in the frame of :func:`index_inputs`."""
    return f"{indikator}{DYNAMICS_SUFFIX}"


def index_inputs(
    values: pd.DataFrame,
    area_ids: Iterable[str],
    status: Iterable[str],
    year: int,
    dynamics: Iterable[str] = (),
    start: int | None = None,
    end: int | None = None,
) -> pd.DataFrame:
    """The wide frame the index needs, one row per area (index = gebiet_id).

    Status columns hold the value in ``year``; for every dynamics indicator the column
    :func:`dynamics_column` holds its change from ``start`` to ``end`` (in percentage points for shares).
    A missing value stays missing: the index then leaves that area out and says why.
    """
    ids = list(area_ids)
    frame = pd.DataFrame(index=pd.Index(ids, name="gebiet_id"))

    def column(indikator: str, jahr: int) -> pd.Series:
        rows = values[(values["indikator_id"] == indikator) & (values["jahr"] == jahr)]
        return rows.set_index("gebiet_id")["wert"].astype(float).reindex(ids)

    for indikator in status:
        frame[indikator] = column(indikator, year).to_numpy()
    dynamics = list(dynamics)
    if dynamics:
        if start is None or end is None or start >= end:
            raise ValueError("Für die Dynamik braucht es zwei Jahre: von < bis")
        for indikator in dynamics:
            frame[dynamics_column(indikator)] = (column(indikator, end) - column(indikator, start)).to_numpy()
    return frame
