"""The sentences of Entwicklung in every language of the public view (no streamlit).

Each sentence is one catalogue template with placeholders (docs/sprachen.md), chosen by sign, count and
tie, so it is true for every case; the German templates are the msgids and give the German text as before.
Years are passed as text (Babel would group 2020 as "2.020"), numbers through the Translator.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from babel.lists import format_list

from .compare import ABSOLUTE, CHANGE, FELL, IMPROVED, INDEXED, ROSE, UNCHANGED, WORSENED
from .i18n import N_, Translator
from .indicators import city_value
from .polarity import Polarity
from .schemas import CITY_ID

GERMAN = Translator("de")

# view names of the trend chart (compare.VIEWS), marked for the catalogue
VIEW_NAMES = {ABSOLUTE: N_("Absolut"), INDEXED: N_("Index"), CHANGE: N_("Veränderung")}
# the unit of a difference of percentages (Translator.signed, compare.change_unit)
PERCENTAGE_POINTS = N_("Prozentpunkte")
# ratings of compare.movers as shown in the movers chart and table
RATINGS = {
    IMPROVED: N_("verbessert"), WORSENED: N_("verschlechtert"), UNCHANGED: N_("unverändert"),
    ROSE: N_("gestiegen"), FELL: N_("gesunken"), "keine Angabe": N_("keine Angabe"),
}  # fmt: skip


def join(items: Sequence[str], t: Translator = GERMAN) -> str:
    """'A, B und C' in the language of `t` (Babel's list pattern)."""
    return format_list(list(items), locale=t.language.locale) if items else ""


def _one_period(text: str) -> str:
    """A sentence ending in an abbreviation ("в. п.", "Einw.") gets no second full stop."""
    return text[:-1] if text.endswith("..") else text


def polarity_text(polarity: str, t: Translator = GERMAN) -> str:
    return t(Polarity.of(polarity).words)


# (view, same year for all) → template of one area's part; (view, same year) → the whole sentence
_PIECES = {
    (INDEXED, True): N_("{name} bei {wert}"),
    (INDEXED, False): N_("{name} bei {wert} ({jahr})"),
    (CHANGE, True): N_("{name} {wert}"),
    (CHANGE, False): N_("{name} {wert} ({jahr})"),
    (ABSOLUTE, True): N_("{name} {wert}"),
    (ABSOLUTE, False): N_("{name} {wert} ({jahr})"),
}
_VIEW_SENTENCES = {
    (INDEXED, True): N_("Gemessen am Basisjahr {basis} (= 100) liegen {jahr}: {teile}."),
    (INDEXED, False): N_("Gemessen am Basisjahr {basis} (= 100) liegen im jeweils letzten Jahr mit Wert: {teile}."),
    (CHANGE, True): N_("Veränderung von {basis} bis {jahr}: {teile}."),
    (CHANGE, False): N_("Veränderung von {basis} bis im jeweils letzten Jahr mit Wert: {teile}."),
    (ABSOLUTE, True): N_("Werte {jahr}: {teile}."),
    (ABSOLUTE, False): N_("Werte im jeweils letzten Jahr mit Wert: {teile}."),
}


def view_summary(
    frame: pd.DataFrame,
    view: str,
    base_year: int,
    names: dict[str, str],
    unit: str,
    decimals: int,
    t: Translator = GERMAN,
) -> str:
    """One sentence on a rebased trend: where each series stands in its latest year."""
    present = frame.dropna(subset=["wert"])
    if present.empty:
        if view == ABSOLUTE:
            return t("Für diese Auswahl liegen keine Werte vor.")
        return t(
            "Für das Basisjahr {basis} liegen für diese Auswahl keine verwendbaren Werte vor.", basis=str(base_year)
        )
    last = present.sort_values("jahr").groupby("gebiet_id", sort=False).tail(1)
    last = last.sort_values("gebiet_id", key=lambda s: s == CITY_ID)  # the city last
    years = sorted(set(int(y) for y in last["jahr"]))
    same = len(years) == 1

    def shown(value: float) -> str:
        if view == INDEXED:
            return t.decimal(value, 1)
        return t.signed(value, unit, decimals) if view == CHANGE else t.value(value, unit, decimals)

    parts = [
        t(_PIECES[view, same], name=names.get(r["gebiet_id"], r["gebiet_id"]), wert=shown(r["wert"]),
           jahr=str(int(r["jahr"])))
        for _, r in last.iterrows()
    ]  # fmt: skip
    return _one_period(t(_VIEW_SENTENCES[view, same], basis=str(base_year), jahr=str(years[0]), teile=join(parts, t)))


# the groups of movers_summary: (rating when rated, when neutral, direction, templates by count 1 / more)
_MOVER_GROUPS = (
    (IMPROVED, ROSE, 1,
     (N_("verbessert hat sich {anzahl} ({staerkste})"), N_("verbessert haben sich {anzahl} ({staerkste})")),
     (N_("erhöht hat sich {anzahl} ({staerkste})"), N_("erhöht haben sich {anzahl} ({staerkste})"))),
    (WORSENED, FELL, -1,
     (N_("verschlechtert hat sich {anzahl} ({staerkste})"), N_("verschlechtert haben sich {anzahl} ({staerkste})")),
     (N_("verringert hat sich {anzahl} ({staerkste})"), N_("verringert haben sich {anzahl} ({staerkste})"))),
)  # fmt: skip


def movers_summary(
    table: pd.DataFrame, name: str, unit: str, decimals: int, start: int, end: int, t: Translator = GERMAN
) -> str:
    """How many areas improved, worsened or stayed the same, and who moved most (ties named together).
    The ratings of `compare.movers` decide, so the sentence agrees with the table for every sign."""
    span = {"name": name, "von": str(start), "bis": str(end)}
    present = table.dropna(subset=["veraenderung"])
    if present.empty:
        return t("Für {name} fehlen Werte für {von} oder {bis}: keine Veränderung darstellbar.", **span)
    missing = len(table) - len(present)
    gap = ""
    if missing:
        gap = " " + (
            t("Für 1 Gebiet fehlt ein Wert für {von} oder {bis}.", **span)
            if missing == 1
            else t("Für {anzahl} Gebiete fehlt ein Wert für {von} oder {bis}.", anzahl=str(missing), **span)
        )
    rated = present["verbesserung"].notna().any()
    parts = []
    for rating, neutral, direction, rated_texts, neutral_texts in _MOVER_GROUPS:
        group = present[present["bewertung"] == (rating if rated else neutral)]
        if len(group):
            count = _count_phrase(len(group), len(present), first=not parts, t=t)
            texts = rated_texts if rated else neutral_texts
            strongest = _strongest(group, unit, decimals, direction, rated, t)
            parts.append(t(texts[len(group) > 1], anzahl=count, staerkste=strongest))
    if not parts:
        return t("{name} {von}–{bis}: kein Gebiet hat sich verändert.", **span) + gap
    same = int((present["bewertung"] == UNCHANGED).sum())
    if same:
        template = N_("unverändert blieb {anzahl}") if same == 1 else N_("unverändert blieben {anzahl}")
        parts.append(t(template, anzahl=str(same)))
    text = t(", ").join(parts)
    return _one_period(t("{name} {von}–{bis}: {teile}.", teile=text[0].upper() + text[1:], **span)) + gap


def _count_phrase(count: int, total: int, first: bool, t: Translator) -> str:
    """'2 von 10 Gebieten' for the first group, 'alle 3 Gebiete' when it is every area, else the number."""
    if count == total > 1:
        return t("alle {anzahl} Gebiete", anzahl=str(count))
    if not first:
        return str(count)
    if total == 1:
        return t("{anzahl} von 1 Gebiet", anzahl=str(count))
    return t("{anzahl} von {gesamt} Gebieten", anzahl=str(count), gesamt=str(total))


def _strongest(group: pd.DataFrame, unit: str, decimals: int, direction: int, rated: bool, t: Translator) -> str:
    """'am stärksten A und B, je +1,0 %': the areas whose shown change is the largest of the group."""
    key = group["verbesserung"] if rated else group["veraenderung"]
    best = group.loc[(key * direction).idxmax(), "veraenderung"]
    shown = t.signed(best, unit, decimals)
    tied = sorted(
        str(n)
        for n, v in zip(group["name"], group["veraenderung"], strict=True)
        if t.signed(v, unit, decimals) == shown
    )
    names = join(tied, t)
    if len(group) == 1:
        return t("{namen}, {wert}", namen=names, wert=shown)
    if len(tied) > 1:
        return t("am stärksten {namen}, je {wert}", namen=names, wert=shown)
    return t("am stärksten {namen}, {wert}", namen=names, wert=shown)


# multiples_summary: (all areas the same value?) → beginning; (city: compared / none / not drawn) → sentence
_MULTIPLES = {
    (False, "vergleich"): N_(
        "{jahr} reichen die Werte von {min} ({min_gebiete}) bis {max} ({max_gebiete}); {ueber} von {anzahl} "
        "Gebieten liegen über dem Wert der Gesamtstadt ({stadt})."
    ),
    (True, "vergleich"): N_(
        "{jahr} haben alle {anzahl} Gebiete mit Wert denselben Wert: {wert}; {ueber} von {anzahl} Gebieten liegen "
        "über dem Wert der Gesamtstadt ({stadt})."
    ),
    (False, "ohne"): N_(
        "{jahr} reichen die Werte von {min} ({min_gebiete}) bis {max} ({max_gebiete}); einen Gesamtstadtwert gibt "
        "es nicht."
    ),
    (True, "ohne"): N_(
        "{jahr} haben alle {anzahl} Gebiete mit Wert denselben Wert: {wert}; einen Gesamtstadtwert gibt es nicht."
    ),
    (False, "nicht"): N_("{jahr} reichen die Werte von {min} ({min_gebiete}) bis {max} ({max_gebiete})."),
    (True, "nicht"): N_("{jahr} haben alle {anzahl} Gebiete mit Wert denselben Wert: {wert}."),
}


def multiples_summary(
    values: pd.DataFrame,
    city: pd.DataFrame,
    names: dict[str, str],
    indikator: str,
    unit: str,
    decimals: int,
    with_city: bool = True,
    t: Translator = GERMAN,
) -> str:
    """One sentence for the small multiples: range in the latest year and how many areas lie above the city."""
    subset = values[(values["indikator_id"] == indikator) & values["wert"].notna()]
    if subset.empty:
        return t("Für diesen Indikator liegen keine Werte vor.")
    year = int(subset["jahr"].max())
    latest = subset[subset["jahr"] == year].set_index("gebiet_id")["wert"].astype(float)
    shown = {g: t.value(v, unit, decimals) for g, v in latest.items()}

    def holders(value: float) -> str:  # every area showing this value: ties are named together
        text = t.value(value, unit, decimals)
        return join(sorted(names.get(g, g) for g, s in shown.items() if s == text), t)

    low, high = t.value(latest.min(), unit, decimals), t.value(latest.max(), unit, decimals)
    fields = {"jahr": str(year), "anzahl": str(len(latest)), "wert": low, "min": low, "max": high}
    if low != high:
        fields |= {"min_gebiete": holders(latest.min()), "max_gebiete": holders(latest.max())}
    reference = city_value(city, indikator, year) if with_city else None
    kind = "nicht" if not with_city else ("ohne" if reference is None else "vergleich")
    if reference is not None:
        fields |= {"ueber": str(int((latest > reference).sum())), "stadt": t.value(reference, unit, decimals)}
    return _one_period(t(_MULTIPLES[low == high, kind], **fields))
