"""The Sozialraum profile (Steckbrief): every indicator of one area against the city."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .confidentiality import SIGN, SIGN_TEXT
from .export import withheld_rows
from .formatting import format_number, format_signed, format_value
from .i18n import N_, SOURCE, Translator
from .indicators import city_value
from .polarity import Polarity
from .withheld import withheld_city_years

BETTER, WORSE, SIMILAR, NEUTRAL = N_("günstiger"), N_("ungünstiger"), N_("ähnlich"), N_("neutral")
GERMAN = Translator(SOURCE)
WITHHELD = SIGN_TEXT  # the rating of a withheld value: "keine Angabe"


def _latest_year(values: pd.DataFrame, indikator: str, jahr: int, gebiet: str | None = None) -> int | None:
    """The latest year up to `jahr` with a value, or with `gebiet`'s own value withheld: a withheld newest
    value is shown as withheld, not silently replaced by an older year."""
    rows = values[(values["indikator_id"] == indikator) & (values["jahr"] <= jahr)]
    own_withheld = (rows["gebiet_id"] == gebiet) & withheld_rows(rows) if gebiet is not None else False
    years = rows.loc[rows["wert"].notna() | own_withheld, "jahr"]
    return int(years.max()) if len(years) else None


def profile_table(bundle, gebiet: str, jahr: int, band: float = 0.5) -> pd.DataFrame:
    """One row per indicator for `gebiet` in `jahr` (or the latest earlier year with data).

    `z` is the area's z-score among all areas; `z_gut` the same turned so that positive
    always means "better than average" (polarity-aware); within ±`band` it counts as similar.
    A withheld value (statistical confidentiality) keeps its row: no value, rank or rating,
    `gesperrt` true and the reason in `anmerkung`; `stadt_gesperrt` marks a withheld city value.
    An area without any published value gets an empty table.
    """
    rows = []
    values = bundle.values
    for indikator, meta in bundle.catalogue.iterrows():
        year = _latest_year(values, indikator, jahr, gebiet)
        if year is None:
            continue
        rows_year = values[(values["indikator_id"] == indikator) & (values["jahr"] == year)]
        own = rows_year[rows_year["gebiet_id"] == gebiet]
        note = own["anmerkung"].iloc[0] if len(own) and "anmerkung" in own.columns else None
        note = str(note) if isinstance(note, str) and note.strip() else None
        city = city_value(bundle.city, indikator, year)
        city_withheld = city is None and year in withheld_city_years(values, bundle.city, indikator)
        if len(own) and bool(withheld_rows(own).iloc[0]):
            rows.append(
                {
                    "indikator_id": indikator,
                    "thema": meta["thema"],
                    "name": meta["name"],
                    "kurzname": meta["kurzname"],
                    "einheit": meta["einheit"],
                    "dezimalstellen": int(meta["dezimalstellen"]),
                    "jahr": year,
                    "wert": np.nan,
                    "stadt": city,
                    "rang": None,
                    "anzahl": int(rows_year["wert"].notna().sum()),
                    "z": np.nan,
                    "z_gut": np.nan,
                    "bewertung": WITHHELD,
                    "veraenderung": np.nan,
                    "polaritaet": meta["polaritaet"],
                    "gesperrt": True,
                    "stadt_gesperrt": city_withheld,
                    "anmerkung": note,
                }
            )
            continue
        same = rows_year.set_index("gebiet_id")["wert"].dropna().astype(float)
        if gebiet not in same.index:
            continue
        value = float(same[gebiet])
        std = float(same.std(ddof=0))
        z = (value - float(same.mean())) / std if std > 0 else 0.0
        polarity = Polarity.of(meta["polaritaet"])
        sign = polarity.sign
        rank = int(same.rank(ascending=polarity.rank_ascending, method="min")[gebiet]) if sign else None
        rows.append(
            {
                "indikator_id": indikator,
                "thema": meta["thema"],
                "name": meta["name"],
                "kurzname": meta["kurzname"],
                "einheit": meta["einheit"],
                "dezimalstellen": int(meta["dezimalstellen"]),
                "jahr": year,
                "wert": value,
                "stadt": city,
                "rang": rank,
                "anzahl": len(same),
                "z": z,
                "z_gut": z * sign if sign else np.nan,
                "bewertung": _judge(z * sign, band) if sign else NEUTRAL,
                "veraenderung": _change(values, indikator, gebiet, year),
                "polaritaet": meta["polaritaet"],
                "gesperrt": False,
                "stadt_gesperrt": city_withheld,
                "anmerkung": note,
            }
        )
    frame = pd.DataFrame(rows)
    if not frame.empty and frame["gesperrt"].all():
        # nothing published for this area (e.g. too few inhabitants): no table of dots, the page says why
        frame = frame.iloc[0:0]
    if not frame.empty:
        frame["rang"] = frame["rang"].astype("Int64")
    return frame


def display_table(profile: pd.DataFrame, tr: Translator = GERMAN) -> pd.DataFrame:
    """The profile as text for people: each value with its own indicator's decimals, words in `tr`'s language.

    A withheld value reads "." (keine Angabe, the sign of the official statistics), not "–" (no value),
    and the column "Anmerkung" (only when a row has a note) says why.
    """
    withheld = _flag(profile, "gesperrt")
    city_withheld = _flag(profile, "stadt_gesperrt")

    def fmt(column: str, hidden: pd.Series) -> list[str]:
        return [
            SIGN if h else _number(tr, v, d)
            for v, d, h in zip(profile[column], profile["dezimalstellen"], hidden, strict=True)
        ]

    shown = pd.DataFrame(
        {
            "thema": profile["thema"],
            "name": profile["name"],
            "einheit": profile["einheit"],
            "jahr": profile["jahr"],
            "wert": fmt("wert", withheld),
            "stadt": fmt("stadt", city_withheld),
            "rang": [
                SIGN if h else tr(N_("{rank} von {count}"), rank=str(r), count=str(n)) if pd.notna(r) else "–"
                for r, n, h in zip(profile["rang"], profile["anzahl"], withheld, strict=True)
            ],
            "bewertung": [tr(b) for b in profile["bewertung"]],
            "trend": [
                SIGN if h else trend_arrow(c, p, tr)
                for c, p, h in zip(profile["veraenderung"], profile["polaritaet"], withheld, strict=True)
            ],
        }
    )
    notes = profile["anmerkung"] if "anmerkung" in profile.columns else pd.Series(None, index=profile.index)
    notes = notes.where(notes.notna(), "").astype(str)
    if city_withheld.any():
        city_note = tr(N_("Gesamtstadt: {text} (Geheimhaltung)"), text=tr(SIGN_TEXT))
        notes = pd.Series(
            ["; ".join(p for p in (n, city_note if c else "") if p) for n, c in zip(notes, city_withheld, strict=True)],
            index=profile.index,
        )
    if (notes != "").any():
        shown["Anmerkung"] = notes.to_numpy()
    return shown


def _flag(profile: pd.DataFrame, column: str) -> pd.Series:
    if column not in profile.columns:
        return pd.Series(False, index=profile.index)
    return profile[column].fillna(False).astype(bool)


def _judge(z_good: float, band: float) -> str:
    if z_good > band:
        return BETTER
    if z_good < -band:
        return WORSE
    return SIMILAR


def _change(values: pd.DataFrame, indikator: str, gebiet: str, year: int) -> float:
    """Change to the previous year with a value (NaN if none)."""
    series = values[(values["indikator_id"] == indikator) & (values["gebiet_id"] == gebiet) & values["wert"].notna()]
    earlier = series[series["jahr"] < year].sort_values("jahr")
    now = series[series["jahr"] == year]
    if earlier.empty or now.empty:
        return float("nan")
    return float(now["wert"].iloc[0]) - float(earlier["wert"].iloc[-1])


def trend_arrow(change: float, polarity: str, tr: Translator = GERMAN) -> str:
    """↑/↓/→ with a word, so the direction is not told by colour alone."""
    if pd.isna(change) or abs(change) < 1e-9:
        return tr(N_("→ unverändert"))
    good = Polarity.of(polarity).favourable(change)
    if good is None:
        return tr(N_("↑ gestiegen")) if change > 0 else tr(N_("↓ gesunken"))
    texts = {
        (True, True): N_("↑ gestiegen (günstig)"),
        (True, False): N_("↑ gestiegen (ungünstig)"),
        (False, True): N_("↓ gesunken (günstig)"),
        (False, False): N_("↓ gesunken (ungünstig)"),
    }
    return tr(texts[(change > 0, good)])


def strengths_and_challenges(
    profile: pd.DataFrame, area_name: str, n: int = 3, tr: Translator = GERMAN, mark=str
) -> tuple[list[str], list[str]]:
    """Plain sentences in `tr`'s language: the area's best and worst standing indicators relative to the
    city; `mark` wraps an indicator name (e.g. as German where it has no translation)."""
    rated = profile.dropna(subset=["z_gut"])
    strengths = rated[rated["bewertung"] == BETTER].sort_values("z_gut", ascending=False).head(n)
    challenges = rated[rated["bewertung"] == WORSE].sort_values("z_gut").head(n)
    return (
        [_sentence(row, area_name, tr, mark) for _, row in strengths.iterrows()],
        [_sentence(row, area_name, tr, mark) for _, row in challenges.iterrows()],
    )


def rating_counts(profile: pd.DataFrame) -> tuple[int, int]:
    """How many indicators rate as strengths and as challenges: all of them, not only the ones listed."""
    if profile.empty:
        return 0, 0
    rated = profile.dropna(subset=["z_gut"])
    return int((rated["bewertung"] == BETTER).sum()), int((rated["bewertung"] == WORSE).sum())


# what the lists of strengths and challenges begin with: (none, one, all of several, the greatest of several,
# the `shown` greatest of several) — whole sentences per kind, so every language writes its own grammar
INTROS = {
    "staerken": (
        N_("Keine Stärken."), N_("1 Stärke:"), N_("{count} Stärken:"), N_("{count} Stärken, die größte:"),
        N_("{count} Stärken, die {shown} größten:"),
    ),
    "herausforderungen": (
        N_("Keine Herausforderungen."), N_("1 Herausforderung:"), N_("{count} Herausforderungen:"),
        N_("{count} Herausforderungen, die größte:"), N_("{count} Herausforderungen, die {shown} größten:"),
    ),
}  # fmt: skip


def listing_intro(count: int, shown: int, kind: str, tr: Translator = GERMAN) -> str:
    """'16 Herausforderungen, die 3 größten:' — says how many there are and which of them follow;
    `kind` is "staerken" or "herausforderungen"."""
    none, one, every, greatest, several = INTROS[kind]
    if count == 0:
        return tr(none)
    if count == 1:
        return tr(one)
    if shown >= count:
        return tr(every, count=count)
    return tr(greatest, count=count) if shown == 1 else tr(several, count=count, shown=shown)


def _number(tr: Translator, value: float, decimals: int) -> str:
    """German as `format_number` always wrote it (hyphen-minus), the other languages per locale."""
    return format_number(value, decimals) if tr.language.code == SOURCE else tr.decimal(value, decimals)


def _sentence(row: pd.Series, area_name: str, tr: Translator = GERMAN, mark=str) -> str:
    unit, dec = str(row["einheit"]), int(row["dezimalstellen"])
    german = tr.language.code == SOURCE
    value = format_value(row["wert"], unit, dec) if german else tr.value(row["wert"], mark(unit), dec)
    parts = {
        "name": mark(str(row["name"])), "value": value, "area": area_name, "rank": str(int(row["rang"])),
        "count": str(int(row["anzahl"])), "year": str(int(row["jahr"])),
    }  # fmt: skip
    if row["stadt"] is None or pd.isna(row["stadt"]):
        return tr(N_("{name}: {value} in {area} (Rang {rank} von {count}, {year})."), **parts)
    diff = row["wert"] - row["stadt"]
    signed_unit = unit if unit.strip() == "%" else mark(unit)  # "%" becomes the translated "percentage points"
    parts["diff"] = format_signed(diff, unit, dec) if german else tr.signed(diff, signed_unit, dec)
    parts["city"] = format_value(row["stadt"], unit, dec) if german else tr.value(row["stadt"], mark(unit), dec)
    return tr(
        N_("{name}: {value} in {area} gegenüber {city} in der Gesamtstadt ({diff}; Rang {rank} von {count}, {year})."),
        **parts,
    )
