"""What each slide shows, as plain data (no Streamlit): heading, source line, key figures in
German sentences (which the protocol repeats) and the tables or payloads the page draws."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from ..classify import classify
from ..compare import ranking
from ..fastmap import class_colours, style_payload
from ..formatting import format_number, format_percent, format_signed, format_value
from ..indicators import city_value, indicator_table, trend_table
from ..mapview import value_legend
from ..plan import measures_in_area, measures_with_field
from ..plan_changes import changes_sentence, changes_since
from ..profile import profile_table, strengths_and_challenges
from ..sozialindex import INDEX_IDS, INDEX_UNIT
from .agenda import Agenda, Slide
from .slide_headings import HeadingKey, heading_text
from .store import KINDS
from .voting import VoteRules

DEFAULT_DOTS = 3


@dataclass
class SlideContent:
    number: int  # 1-based
    total: int
    art: str
    heading: str
    source: str
    figures: list[str] = field(default_factory=list)  # key figures, one German sentence each
    data: dict[str, Any] = field(default_factory=dict)
    heading_key: HeadingKey | None = None  # the template of the heading; None: the planner's own words


def area_bundle(bundle, gebiet: str):
    """The bundle at the level of the conference's area (a Gemeindeteil is compared with Gemeindeteile)."""
    return bundle.at_level(bundle.level_of(gebiet))


def latest_year(bundle, indikator: str | None = None) -> int:
    values = bundle.values
    if indikator:
        values = values[(values["indikator_id"] == indikator) & values["wert"].notna()]
    years = sorted(int(y) for y in values["jahr"].dropna().unique())
    standard = bundle.settings.standard_jahr
    if standard in years and indikator is None:
        return int(standard)
    return years[-1] if years else 0


def vote_rules(slide: Slide) -> VoteRules:
    return VoteRules(int(slide.get("punkte", DEFAULT_DOTS)), bool(slide.get("haeufeln", True)))


def build_slide(bundle, agenda: Agenda, index: int, today: date | None = None) -> SlideContent:
    """Content of slide `index` (0-based) of the agenda."""
    slide = agenda.slides[index]
    local = area_bundle(bundle, agenda.gebiet)
    name = bundle.area_name(agenda.gebiet)
    content = SlideContent(index + 1, len(agenda.slides), slide.art, slide.titel or "", "")
    builder = _BUILDERS[slide.art]
    builder(local, agenda, slide, name, content)
    if content.heading_key is not None:
        content.heading = heading_text(bundle, content.heading_key)
    if slide.titel and slide.titel != content.heading:  # the planner's own words: no second language for them
        content.heading, content.heading_key = slide.titel, None
    notice = "Beispieldaten" if bundle.settings.beispieldaten else ""
    content.source = " · ".join(p for p in (content.source, notice) if p)
    return content


def _meta(bundle, indikator: str) -> pd.Series:
    return bundle.catalogue.loc[indikator]


def _source(meta: pd.Series) -> str:
    return f"Quelle: {meta['quelle']} · Datenstand: {meta['datenstand']}"


def index_in_words(z: float) -> str:
    """The Statusindex (a z-score among the areas, higher = less favourable) said for a room of residents;
    half and one and a half standard deviations mark "ungünstiger" and "weit ungünstiger"."""
    if pd.isna(z):
        return "–"
    if abs(z) < 0.5:
        return "etwa durchschnittlich"
    degree = "weit " if abs(z) >= 1.5 else ""
    return degree + ("ungünstiger" if z > 0 else "günstiger")


def _tile(row: pd.Series) -> dict:
    unit, dec = str(row["einheit"]), int(row["dezimalstellen"])
    tile = {
        "label": str(row["kurzname"]),
        "wert": format_value(row["wert"], unit, dec),
        # no city value (e.g. the Sozialindex, 0 by construction): say nothing rather than "–"
        "stadt": format_value(row["stadt"], unit, dec) if pd.notna(row["stadt"]) else "",
        "bewertung": str(row["bewertung"]),
        "jahr": int(row["jahr"]),
        "hinweis": "",
    }
    if unit == INDEX_UNIT and pd.notna(row["wert"]):  # "1,98 Indexwert (z)" means nothing to residents
        tile["wert"] = index_in_words(float(row["wert"]))
        average = tile["wert"] == "etwa durchschnittlich"
        lead = "im Vergleich der Gebiete" if average else "als der Durchschnitt der Gebiete"
        tile["hinweis"] = f"{lead} (Indexwert {format_number(row['wert'], dec)}; 0 = Durchschnitt)"
    return tile


def empty_list_text(name: str, better: bool) -> str:
    """What the overview says when no indicator stands out, in plain words."""
    way = "besser" if better else "schlechter"
    return f"Bei keiner Kennzahl steht {name} deutlich {way} da als die Gebiete der Stadt im Durchschnitt."


def _steckbrief(bundle, agenda: Agenda, slide: Slide, name: str, content: SlideContent) -> None:
    jahr = int(slide.get("jahr") or latest_year(bundle))
    profile = profile_table(bundle, agenda.gebiet, jahr)
    # the Sozialindex would count its own inputs twice among strengths and challenges (as in the Steckbrief)
    rated_inputs = profile[~profile["indikator_id"].isin(INDEX_IDS)] if not profile.empty else profile
    # two of each fit the projector at 32 px with the tiles; the Steckbrief and the handout list more
    strengths, challenges = strengths_and_challenges(rated_inputs, name, n=2)
    tiles = []
    if not profile.empty:
        population = profile[profile["indikator_id"] == "einwohner"]
        rated = profile.dropna(subset=["z_gut"]).assign(a=lambda f: f["z_gut"].abs())
        chosen = pd.concat([population, rated.sort_values("a", ascending=False).head(5 - len(population))])
        tiles = [_tile(row) for _, row in chosen.iterrows()]
    content.heading_key = HeadingKey("steckbrief", {"gebiet": name})
    content.source = f"Quellen: Indikatorenkatalog (Daten & Quellen) · Werte bis {jahr}"
    city = bundle.settings.gesamtstadt_name
    content.figures = [
        f"{t['label']} {t['jahr']}: {t['wert']}"
        + (f" ({city}: {t['stadt']})" if t["stadt"] else "")
        + (f" {t['hinweis']}" if t["hinweis"] else "")
        for t in tiles
    ]
    content.figures += [f"Stärke: {s}" for s in strengths] + [f"Herausforderung: {c}" for c in challenges]
    content.data = {
        "tiles": tiles,
        "staerken": strengths,
        "herausforderungen": challenges,
        "jahr": jahr,
        "keine_staerken": empty_list_text(name, better=True),
        "keine_herausforderungen": empty_list_text(name, better=False),
    }


def _karte(bundle, agenda: Agenda, slide: Slide, name: str, content: SlideContent) -> None:
    indikator = slide.get("indikator")
    meta = _meta(bundle, indikator)
    jahr = int(slide.get("jahr") or latest_year(bundle, indikator))
    table = indicator_table(bundle.values, bundle.areas, bundle.city, bundle.catalogue, indikator, jahr)
    unit, decimals, polarity = str(meta["einheit"]), int(meta["dezimalstellen"]), str(meta["polaritaet"])
    city = table["stadt"].iloc[0] if len(table) else None
    classes = classify(table["wert"], "quantile", 5, polarity, center=city)
    legend = value_legend(str(meta["kurzname"]), unit, classes, decimals, int(table["wert"].isna().sum()), "quantile")
    title = f"{meta['kurzname']} {jahr}"
    payload = style_payload(
        table, class_colours(table, classes), meta, title, legend, selected=agenda.gebiet, dim_others=True
    )
    content.heading_key = HeadingKey("karte", {"indikator": indikator, "jahr": jahr})
    content.source = _source(meta)
    content.figures = [_standing(table, agenda.gebiet, name, meta, jahr, bundle.settings.gesamtstadt_name)]
    content.data = {
        "payload": payload,
        "level": bundle.main_level or None,
        "indikator": indikator,
        "jahr": jahr,
        # the values behind the colours, for the protocol (protocol_slides.py)
        "ranked": ranking(table, polarity, [agenda.gebiet]),
        "reference": city,
        "unit": unit,
        "decimals": decimals,
        "city_name": bundle.settings.gesamtstadt_name,
        "polar": polarity != "neutral",
    }


def _standing(table: pd.DataFrame, gebiet: str, name: str, meta: pd.Series, jahr: int, city_name: str) -> str:
    unit, decimals = str(meta["einheit"]), int(meta["dezimalstellen"])
    row = table[table["gebiet_id"] == gebiet]
    city = table["stadt"].iloc[0] if len(table) else None
    city_text = f"; {city_name}: {format_value(city, unit, decimals)}" if city is not None and city == city else ""
    if row.empty or pd.isna(row["wert"].iloc[0]):
        return f"{meta['name']} {jahr}: für {name} kein Wert{city_text}."
    r = row.iloc[0]
    rank = f", Rang {int(r['rang'])} von {int(r['anzahl'])} (1 = günstigster Wert)" if pd.notna(r["rang"]) else ""
    if meta["polaritaet"] == "neutral":
        rank = ""
    return f"{meta['name']} {jahr}: {format_value(r['wert'], unit, decimals)} in {name}{rank}{city_text}."


def _entwicklung(bundle, agenda: Agenda, slide: Slide, name: str, content: SlideContent) -> None:
    indikator = slide.get("indikator")
    meta = _meta(bundle, indikator)
    unit, decimals = str(meta["einheit"]), int(meta["dezimalstellen"])
    trend = trend_table(bundle.values, bundle.city, indikator, [agenda.gebiet])
    content.heading_key = HeadingKey("entwicklung", {"indikator": indikator})
    content.source = _source(meta)
    sentences = []
    for gebiet, label in ((agenda.gebiet, name), ("gesamt", bundle.settings.gesamtstadt_name)):
        series = trend[(trend["gebiet_id"] == gebiet)].dropna(subset=["wert"]).sort_values("jahr")
        if len(series) >= 2:
            first, last = series.iloc[0], series.iloc[-1]
            sentences.append(
                f"{label}: von {format_value(first['wert'], unit, decimals)} ({int(first['jahr'])}) auf "
                f"{format_value(last['wert'], unit, decimals)} ({int(last['jahr'])}), "
                f"{format_signed(last['wert'] - first['wert'], unit, decimals)}"
            )
    content.figures = [f"{meta['name']} – " + "; ".join(sentences) + "."] if sentences else []
    content.data = {
        "trend": trend,
        "names": {agenda.gebiet: name, "gesamt": bundle.settings.gesamtstadt_name},
        "unit": unit,
        "decimals": decimals,
        "title": str(meta["name"]),
    }


def _vergleich(bundle, agenda: Agenda, slide: Slide, name: str, content: SlideContent) -> None:
    indikator = slide.get("indikator")
    meta = _meta(bundle, indikator)
    jahr = int(slide.get("jahr") or latest_year(bundle, indikator))
    table = indicator_table(bundle.values, bundle.areas, bundle.city, bundle.catalogue, indikator, jahr)
    ranked = ranking(table, str(meta["polaritaet"]), [agenda.gebiet])
    content.heading_key = HeadingKey("vergleich", {"indikator": indikator, "jahr": jahr, "gebiet": name})
    content.source = _source(meta)
    content.figures = [_standing(table, agenda.gebiet, name, meta, jahr, bundle.settings.gesamtstadt_name)]
    content.data = {
        "ranked": ranked,
        "reference": city_value(bundle.city, indikator, jahr),
        "unit": str(meta["einheit"]),
        "decimals": int(meta["dezimalstellen"]),
        "title": f"{meta['kurzname']} {jahr}",
        "city_name": bundle.settings.gesamtstadt_name,
        "polar": str(meta["polaritaet"]) != "neutral",
    }


def _massnahmen(bundle, agenda: Agenda, slide: Slide, name: str, content: SlideContent) -> None:
    content.heading_key = HeadingKey("massnahmen", {"gebiet": name})
    content.source = "Quelle: Sozialplan (massnahmen.csv), Stand der Statusmeldungen"
    if bundle.plan.empty:
        content.figures = ["Kein Sozialplan im Datenordner."]
        content.data = {"table": pd.DataFrame()}
        return
    here = measures_in_area(measures_with_field(bundle.plan), agenda.gebiet)
    field_id = slide.get("handlungsfeld")
    if field_id:
        here = here[here["handlungsfeld_id"].astype(str) == str(field_id)]
        content.heading_key = HeadingKey("massnahmen_feld", {"gebiet": name, "feld": field_id})
    local, city = int((~here["gesamtstaedtisch"]).sum()), int(here["gesamtstaedtisch"].sum())
    status = here["status"].value_counts()
    parts = ", ".join(f"{n} {s}" for s, n in status.items())
    content.figures = [f"{local} Maßnahmen wirken in {name}, dazu {city} gesamtstädtische ({parts})."]
    ordered = here.assign(lokal=~here["gesamtstaedtisch"]).sort_values(["lokal", "fortschritt"], ascending=False)
    table = pd.DataFrame(
        {
            "Nr.": ordered["massnahme_id"],
            "Maßnahme": ordered["titel"],
            "Handlungsfeld": ordered["handlungsfeld"],
            "Wirkt": ["gesamtstädtisch" if c else "im Gebiet" for c in ordered["gesamtstaedtisch"]],
            "Status": ordered["status"],
            "Fortschritt": [format_percent(v) for v in ordered["fortschritt"]],
        }
    )
    content.data = {"table": table.reset_index(drop=True), "lokal": local, "gesamtstaedtisch": city}


def _aenderungen(bundle, agenda: Agenda, slide: Slide, name: str, content: SlideContent) -> None:
    since: date = slide.get("seit")
    content.heading_key = HeadingKey("aenderungen", {"datum": since})
    content.source = "Quelle: Statusverlauf der Maßnahmen (massnahmen_verlauf.csv)"
    if bundle.plan.empty:
        content.figures = ["Kein Sozialplan im Datenordner."]
        content.data = {"table": pd.DataFrame()}
        return
    total = len(measures_in_area(bundle.plan.measures, agenda.gebiet))
    changes = changes_since(bundle.plan, since)
    changes = measures_in_area(changes, agenda.gebiet) if not changes.empty else changes
    content.figures = [changes_sentence(changes, since, total).replace("Maßnahmen", f"Maßnahmen für {name}", 1)]
    table = pd.DataFrame(
        {
            "Nr.": changes.get("massnahme_id", pd.Series(dtype=str)),
            "Maßnahme": changes.get("titel", pd.Series(dtype=str)),
            "Änderung": changes.get("aenderung", pd.Series(dtype=str)),
            "Status jetzt": changes.get("status_jetzt", pd.Series(dtype=str)),
        }
    )
    content.data = {"table": table.reset_index(drop=True)}


def _erfassung(bundle, agenda: Agenda, slide: Slide, name: str, content: SlideContent) -> None:
    content.heading = slide.get("leitfrage")
    content.source = f"Erfassung: {', '.join(KINDS.values())}"
    content.data = {"leitfrage": slide.get("leitfrage")}


def _abstimmung(bundle, agenda: Agenda, slide: Slide, name: str, content: SlideContent) -> None:
    rules = vote_rules(slide)
    content.heading = slide.get("frage") or heading_text(bundle, HeadingKey("abstimmung"))
    content.heading_key = None if slide.get("frage") else HeadingKey("abstimmung")
    content.source = f"Punkteabstimmung: {rules.describe()}"
    # the ranking stays hidden while the vote runs unless the agenda asks for it: no bandwagon
    content.data = {"rules": rules, "frage": content.heading, "live": bool(slide.get("rangliste", False))}


_BUILDERS = {
    "steckbrief": _steckbrief,
    "karte": _karte,
    "entwicklung": _entwicklung,
    "vergleich": _vergleich,
    "massnahmen": _massnahmen,
    "aenderungen": _aenderungen,
    "erfassung": _erfassung,
    "abstimmung": _abstimmung,
}
