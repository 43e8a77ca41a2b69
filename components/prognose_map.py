"""Projected years on the Karte: a „Prognosejahr“ choice and a bundle whose values hold that year."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from sozialraum import Bundle
from sozialraum.prognose.indicators import covered, projected_values
from sozialraum.schemas import CITY_ID

from .prognose import get_projection
from .sprache import code, t
from .state import url_selectbox

NONE = "keine"


@dataclass(frozen=True)
class ProjectedYear:
    bundle: Bundle
    year: int
    label: str  # „Szenario „Trend“, Basisjahre 2019–2024“
    scenario: str = ""  # the scenario's name („Trend“), for the note in another language
    base: tuple[int, int] | None = None  # the base years


def prognose_year_select(bundle: Bundle, indikator: str) -> int | None:
    """Sidebar choice of a projected year, offered only where the projection covers the indicator and level."""
    shown = get_projection(bundle)
    if shown is None or not covered(shown.projection.config.indikatoren, shown.table, indikator):
        return None
    if shown.area_ids.isdisjoint(bundle.areas["gebiet_id"]):
        return None  # a level without age structure (e.g. Gemeindeteile)
    years = shown.projection.years[1:]
    choice = url_selectbox(
        t("Prognosejahr"),
        [NONE, *years],
        "prognosejahr",
        default=NONE,
        format_func={
            y: t("– (beobachtete Werte)") if y == NONE else t("{jahr} (Prognose)", jahr=str(y)) for y in [NONE, *years]
        }.get,  # fmt: skip
        help=t("Zeigt statt eines beobachteten Jahres die Bevölkerungsprognose (Standardszenario) auf der Karte."),
    )
    return None if choice in (None, NONE) else int(choice)


def with_projected_year(bundle: Bundle, indikator: str, year: int) -> ProjectedYear:
    """``bundle`` with the projected values of ``indikator`` in ``year`` (areas and city) added.

    Withheld projected counts become empty values flagged `gesperrt` (with a note), as the loader marks
    withheld data, so the map and the table show them the same way.
    """
    shown = get_projection(bundle)
    assert shown is not None  # prognose_year_select offered the year
    projection = shown.projection
    scenario = projection.config.scenario()
    label = f"Szenario „{scenario.name}“, Basisjahre {projection.base[0]}–{projection.base[1]}"
    ids = [*bundle.areas["gebiet_id"], CITY_ID]
    values = projected_values(shown.table, projection.config.indikatoren, indikator, scenario.key, ids)
    values = values[values["jahr"] == year]
    areas = values[values["gebiet_id"] != CITY_ID]
    rows = pd.DataFrame(
        {
            "gebiet_id": areas["gebiet_id"],
            "indikator_id": indikator,
            "jahr": year,
            "wert": areas["wert"],
            "gesperrt": areas["wert"].isna(),  # the flag, not the note, is what every table and export reads
            "anmerkung": [
                f"Prognose ({label})" if pd.notna(v) else "Geheimhaltung: Prognose nicht ausgewiesen"
                for v in areas["wert"]
            ],
        }
    )
    city = values.loc[values["gebiet_id"] == CITY_ID, "wert"]
    city_rows = pd.DataFrame(
        {"indikator_id": [indikator], "jahr": [year], "wert": [city.iloc[0] if len(city) else float("nan")]}
    )
    if "methode" in bundle.city.columns:
        city_rows["methode"] = f"Prognose ({label})"
    new_values = pd.concat([bundle.values, rows.reindex(columns=bundle.values.columns)], ignore_index=True)
    new_city = pd.concat([bundle.city, city_rows.reindex(columns=bundle.city.columns)], ignore_index=True)
    return ProjectedYear(
        replace(bundle, values=new_values, city=new_city), year, label, scenario.name, tuple(projection.base)
    )


def projection_note(projected: ProjectedYear) -> str:
    """The sentence beside the map: which year is projected, how, and that it is no measurement."""
    if code() != "de" and projected.base:
        return t(
            "**Prognose** für {jahr}: Szenario „{szenario}“, Basisjahre {von}–{bis}. Quelle: eigene Berechnung "
            "aus der Altersstruktur, Verfahren Hamilton–Perry. Das sind keine Messwerte. Mehr dazu steht auf der "
            "Seite Bevölkerungsprognose.",
            jahr=str(projected.year),
            szenario=projected.scenario,
            von=str(projected.base[0]),
            bis=str(projected.base[1]),
        )
    return (
        f"**Prognose** für {projected.year} ({projected.label}; Quelle: eigene Berechnung aus der Altersstruktur, "
        "Verfahren Hamilton–Perry). Keine Messwerte; Einzelheiten auf der Seite Bevölkerungsprognose."
    )
