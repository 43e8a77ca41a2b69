"""What a data folder holds, and which pages have data to show.

A folder need not have everything: the Berlin example has no Sozialplan, most cities start without
conferences or facilities. Pages whose data is absent are not offered in the navigation; opened by
a link anyway, they say in one sentence which file is missing (`missing_data`).
"""

from __future__ import annotations

from pathlib import Path

from .i18n import N_
from .konferenz.agenda import FOLDER as CONFERENCE_FOLDER
from .loader import Bundle
from .prognose.data import AGE_FILE
from .sozialindex import INDEX_IDS, rated_indicators

PLAN_MISSING = "Für diesen Datenordner liegt kein Sozialplan vor (massnahmen.csv fehlt)."
CONFERENCES_MISSING = (
    f"Für diesen Datenordner ist noch keine Sozialraumkonferenz vorbereitet (Ordner {CONFERENCE_FOLDER}/ "
    "ohne Konferenzdatei)."
)
RATED_MISSING = (
    "Für den Sozialindex nennt indikatoren.csv keinen Indikator mit Richtung (Spalte polaritaet: "
    "hoeher_besser oder hoeher_schlechter)."
)

PROJECTION_MISSING = (
    "Für diesen Datenordner gibt es keine Bevölkerungsprognose (altersstruktur.csv mit der Bevölkerung nach "
    "Altersgruppen fehlt)."
)

PUBLISHED_REPORT = "bericht/veroeffentlicht"  # the Sozialbericht edition the public view offers
REPORT_MISSING = N_("Es ist noch kein Sozialbericht veröffentlicht.")

# page key (`sozialraum.pages`) → what it needs (the pages show these sentences when opened by a link)
PLAN_PAGES = frozenset({"sozialplan", "massnahme", "fortschritt"})
CONFERENCE_PAGES = frozenset({"praesentation", "konferenz_ergebnisse", "abstimmung"})


def conference_files(folder: Path) -> list[Path]:
    sub = folder / CONFERENCE_FOLDER
    return sorted(sub.glob("*.toml")) if sub.is_dir() else []


def _rated(bundle: Bundle) -> list[str]:
    return [i for i in rated_indicators(bundle.catalogue) if i not in INDEX_IDS]


def published_report(folder: Path) -> bool:
    """Whether the folder holds a published Sozialbericht (PDF or web edition) for the public view."""
    published = folder / PUBLISHED_REPORT
    return (published / "sozialbericht.pdf").is_file() or (published / "web" / "index.html").is_file()


def missing_data(key: str, bundle: Bundle, internal: bool = False) -> str | None:
    """None when the page has data to show, else one German sentence naming what is missing.

    "Konferenz vorbereiten" needs no conference: it makes the first one. The Sozialbericht is built in
    the internal view; the public view has it only once an edition is published.
    """
    if key in PLAN_PAGES and bundle.plan.empty:
        return PLAN_MISSING
    if key in CONFERENCE_PAGES and not conference_files(bundle.folder):
        return CONFERENCES_MISSING
    if key == "sozialindex" and not _rated(bundle):
        return RATED_MISSING
    if key == "prognose" and not (bundle.folder / AGE_FILE).is_file():
        return PROJECTION_MISSING
    if key == "sozialbericht" and not internal and not published_report(bundle.folder):
        return REPORT_MISSING
    return None


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,}".replace(",", ".") + "\u00a0" + (one if n == 1 else many)


def _areas(bundle: Bundle) -> str:
    """'448 Gebieten der Ebene „Planungsraum“ und 12 der Ebene „Bezirk“' (dative, after 'zu')."""
    levels = {name: len(areas) for name, (areas, _) in bundle.levels.items()} or {bundle.main_level: len(bundle.areas)}
    parts = []
    for i, (name, n) in enumerate(levels.items()):
        noun = ("Gebiet" if n == 1 else "Gebieten") if i == 0 else ""
        count = f"{n:,}".replace(",", ".") + ("\u00a0" + noun if noun else "")
        parts.append(count + (f" der Ebene „{name}“" if name else ""))
    return _join(parts)


def _extras(bundle: Bundle) -> list[str]:
    parts = []
    if not bundle.plan.empty:
        parts.append(f"den Sozialplan mit {_count(len(bundle.plan.measures), 'Maßnahme', 'Maßnahmen')}")
    if conferences := conference_files(bundle.folder):
        parts.append(_count(len(conferences), "Sozialraumkonferenz", "Sozialraumkonferenzen"))
    if bundle.facilities is not None and len(bundle.facilities):
        parts.append(_count(len(bundle.facilities), "Einrichtung", "Einrichtungen"))
    if bundle.settings.sozialindex_anbieten:
        parts.append("Einstellungen für den Sozialindex")
    return parts


def _additions(bundle: Bundle) -> list[str]:
    additions = []
    if bundle.plan.empty:
        additions.append("einen Sozialplan (massnahmen.csv mit handlungsfelder.csv und ziele.csv)")
    if not conference_files(bundle.folder):
        additions.append(f"Sozialraumkonferenzen (Ordner {CONFERENCE_FOLDER}/)")
    if bundle.facilities is None or not len(bundle.facilities):
        additions.append("Einrichtungen für die Karte (einrichtungen.geojson)")
    if len(bundle.levels) < 2:
        additions.append("eine zweite Gebietsebene (Spalten ebene und uebergeordnet in gebiete.geojson)")
    if not bundle.settings.sozialindex_anbieten:
        additions.append("Einstellungen für den Sozialindex ([sozialindex] in einstellungen.toml)")
    return additions


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " und " + parts[-1]


def folder_summary(bundle: Bundle) -> str | None:
    """One sentence: what the folder holds and what a city could add; None when nothing is missing."""
    additions = _additions(bundle)
    if not additions:
        return None
    years = bundle.years
    span = f" für {years[0]}–{years[-1]}" if len(years) > 1 else (f" für {years[0]}" if years else "")
    indicators = _count(len(bundle.catalogue), "Indikator", "Indikatoren") + span
    extras = _extras(bundle)
    also = f", außerdem {_join(extras)}" if extras else ""
    return (
        f"Dieser Datenordner enthält {indicators} zu {_areas(bundle)}{also}; "
        f"ergänzen kann eine Stadt {_join(additions)}."
    )
