"""The social index as indicators of a data folder (`[sozialindex]` in einstellungen.toml), and per area."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from ..confidentiality import NOTE_POPULATION
from ..formatting import format_number
from ..levels import area_validity, valid_in
from ..polarity import Polarity
from ..report import N_, Report, msg
from .compute import cut_classes, dynamics_column, dynamics_index, status_index
from .config import _POLARITY_SIGN, IndexConfig, catalogue_config
from .text import DYNAMICS_NOTE, STATUS_NOTE, _describe_classes, join

if TYPE_CHECKING:
    from ..loader import Bundle
    from ..settings import Settings

STATUS_ID = "sozialindex_status"
DYNAMICS_ID = "sozialindex_dynamik"
INDEX_IDS = (STATUS_ID, DYNAMICS_ID)
INDEX_THEME = "Sozialindex"
INDEX_UNIT = "Indexwert (z)"
SETTINGS_FILE = "einstellungen.toml"
NOTE_LEFT_OUT = "Nicht eingestuft"
NOTE_WITHHELD = "Geheimhaltung: nicht eingestuft, weil ein Eingangswert gesperrt ist"
NOTE_WITHHELD_SMALL = "Geheimhaltung: nicht eingestuft, zu wenige Einwohner"


def with_index(bundle: Bundle) -> Bundle:
    """The bundle with the configured social index added as indicators, or unchanged when not offered.

    ``sozialindex_status`` holds the re-standardised status index (column ``z`` of :func:`status_index`)
    per area and year, ``sozialindex_dynamik`` the dynamics index over ``dynamik_jahre`` years ending in
    that year. Every level is standardised on its own. Inputs are ``bundle.values`` after loading, i.e.
    published values only: a withheld input leaves the area out, so the index cannot reveal a withheld
    value. Left-out areas get a row without value and with the reason in ``anmerkung``; rated areas get
    their class there. There is no city value: a z-index measures areas against each other, its mean over
    the areas is 0 by construction, and the city as a whole has no place among its own areas.

    Problems with the configuration go into a copy of the report (file ``einstellungen.toml``, key named).
    """
    settings = bundle.settings
    if not settings.sozialindex_anbieten:
        return bundle
    report = Report(list(bundle.report.issues), dict(bundle.report.detected))
    catalogue = bundle.catalogue
    status = _usable_weights("status", settings.sozialindex_status, catalogue, report)
    dynamics = _usable_weights("dynamik", settings.sozialindex_dynamik, catalogue, report)
    taken = [i for i in INDEX_IDS if i in catalogue.index]
    if taken:
        report.error(
            SETTINGS_FILE,
            msg(
                N_(
                    "[sozialindex] anbieten: indikatoren.csv enthält schon {indikatoren}; "
                    "der Sozialindex wird nicht angeboten."
                ),
                indikatoren=", ".join(taken),
            ),
        )
    if not status or taken:
        return replace(bundle, report=report)
    levels = bundle.levels or {bundle.main_level: (bundle.areas, bundle.values)}
    spec = _IndexSpec(
        status,
        dynamics or {},
        settings.sozialindex_dynamik_jahre,
        settings.sozialindex_grenzen_status,
        settings.sozialindex_grenzen_dynamik,
        settings.index_min_einwohner,
    )
    by_level = {
        name: (areas, _append(values, _index_rows(values, areas, catalogue, spec)))
        for name, (areas, values) in levels.items()
    }
    rows = [_catalogue_row(STATUS_ID, catalogue, spec, settings.min_fallzahl)]
    if spec.dynamics:
        rows.append(_catalogue_row(DYNAMICS_ID, catalogue, spec, settings.min_fallzahl))
    added = pd.DataFrame(rows, columns=catalogue.columns).astype(catalogue.dtypes.to_dict())
    new_catalogue = pd.concat([catalogue, added.set_index("indikator_id", drop=False)])
    return replace(
        bundle,
        catalogue=new_catalogue,
        values=by_level[bundle.main_level][1],
        levels=by_level if bundle.levels else {},
        report=report,
    )


@dataclass(frozen=True)
class _IndexSpec:
    """The validated `[sozialindex]` settings: weights as positive importances per catalogue indicator."""

    status: Mapping[str, float]
    dynamics: Mapping[str, float]
    years: int
    status_limits: tuple[float, ...]
    dynamics_limits: tuple[float, ...]
    min_population: int

    def config(self, catalogue: pd.DataFrame, start: int | None = None, end: int | None = None) -> IndexConfig:
        return catalogue_config(
            catalogue,
            self.status,
            self.dynamics if start is not None else {},
            start,
            end,
            status_limits=self.status_limits,
            dynamics_limits=self.dynamics_limits,
            min_population=self.min_population,
        )


def _usable_weights(
    key: str, weights: Mapping[str, float], catalogue: pd.DataFrame, report: Report
) -> dict[str, float] | None:
    """The weights when every indicator is in the catalogue and has a direction; else None and an error."""
    unknown = [i for i in weights if i not in catalogue.index]
    neutral = [i for i in weights if i in catalogue.index and catalogue.at[i, "polaritaet"] not in _POLARITY_SIGN]
    if unknown:
        report.error(
            SETTINGS_FILE,
            msg(
                N_(
                    "[sozialindex] status: nicht in indikatoren.csv: {indikatoren}; "
                    "der Statusindex wird nicht angeboten."
                )
                if key == "status"
                else N_(
                    "[sozialindex] dynamik: nicht in indikatoren.csv: {indikatoren}; "
                    "der Dynamikindex wird nicht angeboten."
                ),
                indikatoren=", ".join(unknown),
            ),
            value=", ".join(unknown),
        )
    if neutral:
        report.error(
            SETTINGS_FILE,
            msg(
                N_(
                    "[sozialindex] status: ohne Richtung (polaritaet = neutral), kann nicht in den Index eingehen: "
                    "{indikatoren}; der Statusindex wird nicht angeboten."
                )
                if key == "status"
                else N_(
                    "[sozialindex] dynamik: ohne Richtung (polaritaet = neutral), kann nicht in den Index "
                    "eingehen: {indikatoren}; der Dynamikindex wird nicht angeboten."
                ),
                indikatoren=", ".join(neutral),
            ),
            value=", ".join(neutral),
        )
    return None if unknown or neutral or not weights else dict(weights)


def _withheld(values: pd.DataFrame, indicators: Iterable[str], years: Iterable[int]) -> dict[str, str]:
    """Areas with a withheld input value in these years → the confidentiality note to show instead."""
    if "gesperrt" not in values:
        return {}
    rows = values[values["indikator_id"].isin(list(indicators)) & values["jahr"].isin(list(years)) & values["gesperrt"]]
    notes = {}
    for gebiet, group in rows.groupby("gebiet_id"):
        # an area withheld for its size says so; the size is no secret, it is why nothing is shown
        small = (group["anmerkung"] == NOTE_POPULATION).any()
        notes[str(gebiet)] = NOTE_WITHHELD_SMALL if small else NOTE_WITHHELD
    return notes


class _Inputs:
    """The values of one level looked up by (indicator, year): building every year's index from the long
    table again would cost more than the index itself (same results as `index_inputs` and `population_at`)."""

    def __init__(self, values: pd.DataFrame, areas: pd.DataFrame, indicators: Iterable[str]) -> None:
        self.ids = [str(g) for g in areas["gebiet_id"]]
        self.validity = area_validity(areas)
        wanted = values[values["indikator_id"].isin({*indicators, "einwohner"})]
        wanted = wanted.assign(wert=wanted["wert"].astype(float))
        self.series = {
            (str(i), int(j)): group.set_index("gebiet_id")["wert"].reindex(self.ids)
            for (i, j), group in wanted.groupby(["indikator_id", "jahr"], sort=False)
        }
        self.withheld = wanted[wanted["gesperrt"]] if "gesperrt" in wanted else wanted.iloc[0:0]
        self.fallback = (
            pd.to_numeric(areas.set_index("gebiet_id")["einwohner"], errors="coerce").reindex(self.ids).astype(float)
            if "einwohner" in areas
            else None
        )

    def years_with_all(self, indicators: Iterable[str]) -> list[int]:
        """Years in which every indicator has at least one published area value."""
        wanted = set(indicators)
        years: dict[int, set[str]] = {}
        for (indikator, year), series in self.series.items():
            if indikator in wanted and series.notna().any():
                years.setdefault(year, set()).add(indikator)
        return sorted(y for y, found in years.items() if found == wanted)

    def valid(self, *years: int) -> list[str]:
        """Areas valid in all these years (geometry versions): others are no areas then, not left-out ones."""
        return [g for g in self.ids if all(valid_in(self.validity[g], y) for y in years)]

    def status(self, indicators: Iterable[str], year: int) -> pd.DataFrame:
        ids = self.valid(year)
        return pd.DataFrame({i: self.series[(i, year)].reindex(ids) for i in indicators}, index=ids)

    def changes(self, indicators: Iterable[str], start: int, end: int) -> pd.DataFrame:
        ids = self.valid(start, end)
        change = {dynamics_column(i): self.series[(i, end)] - self.series[(i, start)] for i in indicators}
        return pd.DataFrame({c: v.reindex(ids) for c, v in change.items()}, index=ids)

    def population(self, year: int) -> pd.Series | None:
        """Inhabitants in ``year`` or the latest earlier year with any (like `population_at`); None without any."""
        earlier = [y for (i, y), s in self.series.items() if i == "einwohner" and y <= year and s.notna().any()]
        series = self.series[("einwohner", max(earlier))] if earlier else self.fallback
        return None if series is None or series.isna().all() else series

    def withheld_notes(self, indicators: Iterable[str], years: Iterable[int]) -> dict[str, str]:
        return _withheld(self.withheld, indicators, years)


def _index_rows(
    values: pd.DataFrame, areas: pd.DataFrame, catalogue: pd.DataFrame, spec: _IndexSpec
) -> list[dict[str, object]]:
    """Value rows of both index indicators for one level, every year with all inputs."""
    inputs = _Inputs(values, areas, [*spec.status, *spec.dynamics])
    rows: list[dict[str, object]] = []
    status_config = spec.config(catalogue)
    for year in inputs.years_with_all(spec.status):
        result = status_index(inputs.status(spec.status, year), status_config, inputs.population(year))
        withheld = inputs.withheld_notes(spec.status, [year])
        rows += _rows(STATUS_ID, year, result, withheld, lambda r: _note(STATUS_NOTE, r))
    dyn_years = set(inputs.years_with_all(spec.dynamics)) if spec.dynamics else set()
    for end in sorted(dyn_years):
        start = end - spec.years
        if start not in dyn_years:
            continue
        frame = inputs.changes(spec.dynamics, start, end)
        result = dynamics_index(frame, spec.config(catalogue, start, end), inputs.population(end))
        withheld = inputs.withheld_notes(spec.dynamics, [start, end])
        rows += _rows(DYNAMICS_ID, end, result, withheld, lambda r: _note(DYNAMICS_NOTE, r))
    return rows


def _note(template: str, row: Mapping[str, object]) -> str:
    """The German note of a rated area (the data are German; pages translate it with `text.rated_note`)."""
    return template.format(klasse=row["bezeichnung"], code=row["code"])


def _rows(
    indikator: str,
    year: int,
    result: pd.DataFrame,
    withheld: Mapping[str, str],
    rated_note: Callable[[Mapping[str, object]], str],
) -> list[dict[str, object]]:
    rows = []
    for gebiet, row in zip(result.index, result.to_dict("records"), strict=True):
        if not row["ausgeschlossen"]:
            note, value = rated_note(row), float(row["z"])
        elif gebiet in withheld:
            note, value = withheld[gebiet], None
        else:
            note, value = f"{NOTE_LEFT_OUT}: {row['grund']}", None
        rows.append(
            {
                "gebiet_id": gebiet,
                "indikator_id": indikator,
                "jahr": year,
                "wert": value,
                "anmerkung": note,
                # left out because an input is withheld: the empty cell is withheld too (shown ".")
                "gesperrt": gebiet in withheld,
            }
        )
    return rows


def _append(values: pd.DataFrame, rows: list[dict[str, object]]) -> pd.DataFrame:
    if not rows:
        return values
    added = pd.DataFrame(rows).reindex(columns=values.columns)
    if "gesperrt" in added:
        added["gesperrt"] = added["gesperrt"].fillna(False).astype(bool)
    added = added.astype(values.dtypes.to_dict())
    return pd.concat([values, added], ignore_index=True)


def _weights_text(weights: Mapping[str, float], catalogue: pd.DataFrame) -> str:
    """'SGB-II-Quote, … und Arbeitslosenquote, gleich gewichtet' or with '(Gewicht 2)' per indicator."""
    equal = len(set(weights.values())) == 1

    def item(indikator: str, weight: float) -> str:
        text = str(catalogue.at[indikator, "name"])
        extras = [] if equal else [f"Gewicht {format_number(weight, 2).rstrip('0').rstrip(',')}"]
        if Polarity.of(catalogue.at[indikator, "polaritaet"]) is Polarity.HIGHER_BETTER:
            extras.append("umgekehrt, da höher günstiger")
        return f"{text} ({'; '.join(extras)})" if extras else text

    names = join([item(i, w) for i, w in weights.items()])
    return f"{names}, gleich gewichtet" if equal and len(weights) > 1 else names


def _latest_stand(catalogue: pd.DataFrame, indicators: Iterable[str]) -> str:
    """The latest Datenstand of the inputs ('31.12.2024'); text that is no date is kept as it is."""
    stands = [str(catalogue.at[i, "datenstand"]) for i in indicators]
    dates = pd.to_datetime(pd.Series(stands), format="%d.%m.%Y", errors="coerce")
    if dates.notna().any():
        return stands[int(dates.idxmax())]
    return ", ".join(dict.fromkeys(stands))


def _catalogue_row(indikator: str, catalogue: pd.DataFrame, spec: _IndexSpec, min_fallzahl: int) -> dict[str, object]:
    status = indikator == STATUS_ID
    weights = spec.status if status else spec.dynamics
    config = spec.config(catalogue)  # carries both limits and the class labels
    method = "nach dem Verfahren des Berliner Monitorings Soziale Stadtentwicklung"
    if status:
        name, short = "Sozialindex: Statusindex", "Statusindex"
        first = (
            f"Statusindex {method} aus {_weights_text(weights, catalogue)}: je Indikator z-Werte über die Gebiete "
            "einer Ebene, gewichtet addiert und erneut standardisiert (0 = Mittel der Gebiete, positiv = ungünstigere "
            "Lage); Klassen " + _describe_classes(config.status_limits, config.status_labels, config.status_codes) + "."
        )
    else:
        years = "1 Jahr" if spec.years == 1 else f"{spec.years} Jahre"
        period = "gegenüber dem Vorjahr" if spec.years == 1 else f"in den {spec.years} Jahren bis zum angegebenen Jahr"
        name, short = f"Sozialindex: Dynamikindex ({years})", "Dynamikindex"
        first = (
            f"Dynamikindex {method} aus der Veränderung {period} (bei Anteilen in Prozentpunkten) von "
            f"{_weights_text(weights, catalogue)}; standardisiert wie der Statusindex (positiv = ungünstigere "
            "Entwicklung als im Mittel der Gebiete); Klassen "
            + _describe_classes(config.dynamics_limits, config.dynamics_labels, config.dynamics_codes)
            + "."
        )
    small = f"unter {spec.min_population} Einwohnern oder " if spec.min_population else ""
    second = (
        f"Gerechnet wird nur mit veröffentlichten Werten (nach der Geheimhaltung): Gebiete {small}mit fehlendem oder "
        "gesperrtem Eingangswert werden nicht eingestuft; einen Gesamtstadtwert gibt es nicht, weil der Index Gebiete "
        "untereinander vergleicht."
    )
    sources = dict.fromkeys(str(catalogue.at[i, "quelle"]) for i in weights)
    return {
        "indikator_id": indikator,
        "name": name,
        "kurzname": short,
        **_translated_names(short),
        "einheit": INDEX_UNIT,
        "thema": INDEX_THEME,
        "polaritaet": Polarity.HIGHER_WORSE.value,
        "definition": f"{first} {second}",
        "quelle": "Berechnet aus: " + "; ".join(sources),
        "datenstand": _latest_stand(catalogue, weights),
        "dezimalstellen": 2,
        "handlungsfeld_id": None,
        "min_fallzahl": min_fallzahl,
        "aggregation": "vorgegeben",
        "faktor": 100.0,
    }


@dataclass(frozen=True)
class AreaIndex:
    """One index indicator for one area, for the profile: value, class or why there is none, rank."""

    indikator: str
    year: int
    value: float | None
    code: str | None  # class code ("3", "-") from the configured limits; None without value
    label: str | None  # class label ("niedrig", "negativ")
    note: str  # `anmerkung` of the value: the class, or why the area is not rated
    rank: int | None  # 1 = most favourable (lowest z) among the rated areas of the level
    rated: int


def area_index(
    values: pd.DataFrame, catalogue: pd.DataFrame, settings: Settings, gebiet: str, jahr: int
) -> list[AreaIndex]:
    """The offered index indicators of ``gebiet`` in ``jahr`` or the latest earlier year with index values."""
    config = IndexConfig(
        name="",
        status_indicators={STATUS_ID: 1.0},
        dynamics_indicators={},
        status_limits=settings.sozialindex_grenzen_status,
        dynamics_limits=settings.sozialindex_grenzen_dynamik,
    )
    scales = {
        STATUS_ID: (config.status_limits, config.status_codes, config.status_labels),
        DYNAMICS_ID: (config.dynamics_limits, config.dynamics_codes, config.dynamics_labels),
    }
    entries = []
    for indikator in (i for i in INDEX_IDS if i in catalogue.index):
        rows = values[(values["indikator_id"] == indikator) & (values["jahr"] <= jahr)]
        if rows.empty:
            continue
        year = int(rows["jahr"].max())
        same = rows[rows["jahr"] == year].set_index("gebiet_id")
        if gebiet not in same.index:
            continue
        z = same["wert"].astype(float)
        value = None if pd.isna(z[gebiet]) else float(z[gebiet])
        limits, codes, labels = scales[indikator]
        number = int(cut_classes(pd.Series([value]), limits).iloc[0]) if value is not None else None
        note = same.at[gebiet, "anmerkung"]
        entries.append(
            AreaIndex(
                indikator,
                year,
                value,
                codes[number - 1] if number else None,
                labels[number - 1] if number else None,
                "" if pd.isna(note) else str(note),
                int(z.dropna().rank(method="min")[gebiet]) if value is not None else None,
                int(z.notna().sum()),
            )
        )
    return entries


def same_as_settings(
    settings: Settings,
    status_weights: Mapping[str, float],
    dynamics_weights: Mapping[str, float],
    span: int | None,
    status_limits: tuple[float, ...],
    dynamics_limits: tuple[float, ...],
    min_population: int,
) -> bool:
    """Whether choices (e.g. on the index page) give the index that `[sozialindex]` offers as indicators.

    Without dynamics (``span`` None) they match only a configuration without dynamics indicators.
    """
    same_dynamics = (
        dict(dynamics_weights) == dict(settings.sozialindex_dynamik) and span == settings.sozialindex_dynamik_jahre
        if span is not None
        else not settings.sozialindex_dynamik
    )
    return (
        list(status_weights.items()) == list(settings.sozialindex_status.items())
        and same_dynamics
        and tuple(status_limits) == tuple(settings.sozialindex_grenzen_status)
        and tuple(dynamics_limits) == tuple(settings.sozialindex_grenzen_dynamik)
        and min_population == settings.index_min_einwohner
    )


def _translated_names(short: str) -> dict[str, str]:
    """`name_<code>` and `kurzname_<code>` of an index row the app adds, from the catalogues (its German name
    is a msgid there), so the public view in another language need not show it in German."""
    from ..i18n import N_, Translator  # lazy: the index itself needs no Babel
    from ..translations import language_codes

    names = {}
    for code in language_codes():
        tr = Translator(code)
        names[f"kurzname_{code}"] = tr(short)
        names[f"name_{code}"] = tr(N_("{index}: {teil}"), index=tr(N_("Sozialindex")), teil=tr(short))
    return names
