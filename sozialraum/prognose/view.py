"""What the app shows of a projection: withheld cells, the chart series, sentences (no streamlit).

Withholding (primary and secondary) is in ``withholding.py``. Only totals and derived groups are
shown, not single age groups.
"""

from __future__ import annotations

import pandas as pd

from ..formatting import format_number
from ..i18n import N_, Translator
from .derived import CARE_KEY, CARE_NAME
from .run import TOTAL_KEY, Projection

PROGNOSE = "Prognose"
LAUNCH = "Ausgangsjahr (beobachtet)"
GERMAN = Translator("de")


def shown_features(projection: Projection) -> dict[str, str]:
    """Key → German label of the figures the page offers (only those the data allow)."""
    present = set(projection_table_keys(projection))
    labels = {TOTAL_KEY: "Einwohner gesamt"}
    labels |= {g.key: g.name for g in projection.config.gruppen}
    labels[CARE_KEY] = CARE_NAME
    order = [TOTAL_KEY, "ab65", "ab80", CARE_KEY, "krippe", "kita", "grundschule", "schulalter"]
    order += [g.key for g in projection.config.gruppen if g.key not in order]
    return {key: labels[key] for key in order if key in present}


def projection_table_keys(projection: Projection) -> list[str]:
    from .derived import care_rates, derived_members

    groups = projection.data.groups
    keys = [TOTAL_KEY, *derived_members(groups, projection.config.gruppen)]
    if care_rates(groups, projection.config.pflegequoten) is not None:
        keys.append(CARE_KEY)
    return keys


def series(table: pd.DataFrame, gebiet_id: str, merkmal: str, szenario: str) -> pd.DataFrame:
    """Observed years and the projection of one scenario for one area and figure, by year."""
    rows = table[(table["gebiet_id"] == gebiet_id) & (table["merkmal"] == merkmal)]
    rows = rows[(rows["szenario"] == szenario) | (rows["art"] == "beobachtet")]
    # the launch year is both observed and the projection's first row: keep the latter
    rows = rows.assign(_launch=rows["art"] == LAUNCH).sort_values(["jahr", "_launch"], kind="stable")
    return rows.drop_duplicates("jahr", keep="last").drop(columns="_launch").reset_index(drop=True)


def change_sentence(
    rows: pd.DataFrame, area: str, what: str, scenario_name: str, year: int, t: Translator = GERMAN
) -> str:
    """Sentence on the change from the launch year to ``year`` in the language of ``t``; true for every sign
    and tie (one template each: more, fewer, the same, no value)."""
    launch = rows[rows["art"] == LAUNCH]
    target = rows[rows["jahr"] == year]
    if launch.empty or target.empty or launch["anzahl"].isna().any() or target["anzahl"].isna().any():
        return t(
            "Für {gebiet} ist für {jahr} keine Angabe möglich (Geheimhaltung oder keine Altersstruktur).",
            gebiet=area,
            jahr=str(year),
        )
    start_year, start = int(launch["jahr"].iloc[0]), float(launch["anzahl"].iloc[0])
    end = float(target["anzahl"].iloc[0])
    diff = end - start
    fields = {
        "szenario": scenario_name, "gebiet": area, "jahr": str(year), "anzahl": t.decimal(end, 0), "was": what,
        "start": str(start_year), "start_anzahl": t.decimal(start, 0), "differenz": t.decimal(abs(diff), 0),
    }  # fmt: skip
    if diff == 0:
        template = N_("Prognose, Szenario „{szenario}“: In {gebiet} leben {jahr} voraussichtlich {anzahl} {was}, "
                      "gleich viele wie {start}.")  # fmt: skip
    elif diff > 0:
        template = N_("Prognose, Szenario „{szenario}“: In {gebiet} leben {jahr} voraussichtlich {anzahl} {was}, "
                      "{differenz} mehr als {start} ({start_anzahl}).")  # fmt: skip
    else:
        template = N_("Prognose, Szenario „{szenario}“: In {gebiet} leben {jahr} voraussichtlich {anzahl} {was}, "
                      "{differenz} weniger als {start} ({start_anzahl}).")  # fmt: skip
    return t(template, **fields)


# the Steckbrief line per figure: one template each, the count after the words (no plural to agree with)
PROFILE_TEMPLATES = {
    "ab80": N_("{jahr}: voraussichtlich {anzahl} Menschen ab 80 (Prognose, Szenario „{szenario}“, Basisjahre {basis})"),
    "ab65": N_("{jahr}: voraussichtlich {anzahl} Menschen ab 65 (Prognose, Szenario „{szenario}“, Basisjahre {basis})"),
}  # fmt: skip


def profile_line(
    table: pd.DataFrame,
    gebiet_id: str,
    projection: Projection,
    year: int = 2035,
    t: Translator = GERMAN,
    scenario_name: str | None = None,
) -> str | None:
    """Steckbrief line „2035: voraussichtlich … Menschen ab 80 (Prognose …)“ in the language of `t`; None if
    not available. `scenario_name`: the scenario's name as the page shows it (default: translated by `t`)."""
    keys = shown_features(projection)
    merkmal = "ab80" if "ab80" in keys else "ab65" if "ab65" in keys else None
    if merkmal is None:
        return None
    year = min(year, projection.years[-1])
    scenario = projection.config.scenario()
    row = table[
        (table["gebiet_id"] == gebiet_id)
        & (table["merkmal"] == merkmal)
        & (table["jahr"] == year)
        & (table["szenario"] == scenario.key)
    ]
    if row.empty or row["anzahl"].isna().any():
        return None
    count = float(row["anzahl"].iloc[0])
    return t(
        PROFILE_TEMPLATES[merkmal],
        jahr=str(year),
        # German as it always was (format_number); other languages per locale
        anzahl=format_number(count, 0) if t.language.code == "de" else t.decimal(count, 0),
        szenario=t(scenario.name) if scenario_name is None else scenario_name,
        basis=f"{projection.base[0]}–{projection.base[1]}",
    )
