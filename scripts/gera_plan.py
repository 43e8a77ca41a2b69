"""The Sozialplan of the Gera example (handlungsfelder.csv, ziele.csv, massnahmen.csv,
massnahmen_verlauf.csv) and data/QUELLEN.md; the texts live in scripts/gera/plan.toml, umsetzung.toml,
fakten.toml and QUELLEN.md.vorlage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from gera_common import (
    AREAS,
    LATEST,
    REPORT_DATE,
    SEED,
    SOURCE_DIR,
    YEARS,
    _rows,
    _toml,
    german_date,
    number,
    write_csv,
)
from gera_translations import cells, field_rows, header

# --------------------------------------------------------------------------------------------------
# Sozialplan 2024–2028: Handlungsfelder, Ziele, Maßnahmen
# --------------------------------------------------------------------------------------------------


MeasureText = tuple[str, str] | tuple[str, str, str]  # (titel, beschreibung[, verantwortlich])


@dataclass(frozen=True)
class Goal:
    """One Ziel with its default office, partners, linked indicators, optional target and its measures."""

    titel: str
    verantwortlich: str
    partner: tuple[str, ...]
    indikatoren: tuple[str, ...]
    measures: tuple[MeasureText, ...]
    zielindikator: str = ""
    zielwert: float | None = None
    zieljahr: int | None = None


def _plan(fields: list[dict]) -> tuple[tuple[tuple[str, str, str], ...], dict[str, tuple[Goal, ...]]]:
    """Handlungsfelder (id, name, beschreibung) and their goals with the measures' texts."""
    names = tuple((f["id"], f["name"], f["beschreibung"]) for f in fields)
    goals = {}
    for field in fields:
        listed = []
        for goal in field.get("ziel", []):
            measures = tuple(
                (m["titel"], m["beschreibung"], m["verantwortlich"])
                if "verantwortlich" in m
                else (m["titel"], m["beschreibung"])
                for m in goal["massnahme"]
            )
            (made,) = _rows(Goal, [{**goal, "measures": measures}])
            listed.append(made)
        if listed:
            goals[field["id"]] = tuple(listed)
    return names, goals


FIELDS, GOALS = _plan(_toml("plan.toml")["handlungsfeld"])

# Keywords in a measure's title or description → Bezirke it acts in.
AREA_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (word, tuple(ids)) for word, ids in _toml("umsetzung.toml")["gebiete_nach_stichwort"].items()
)

STATUS_MIX = tuple(_toml("umsetzung.toml")["status_anzahl"].items())
PLAN_START = date(2024, 1, 1)
STAND_FROM, STALE_UNTIL, STAND_RECENT = date(2025, 6, 2), date(2025, 9, 30), date(2025, 11, 3)
PLAN_END = date(2028, 12, 31)
NOTES = {kind: tuple(texts) for kind, texts in _toml("umsetzung.toml")["notizen"].items()}


@dataclass
class Measure:
    """One row of massnahmen.csv plus its status history."""

    massnahme_id: str
    ziel_id: str
    titel: str
    beschreibung: str
    verantwortlich: str
    partner: str
    gebiete: str
    indikatoren: str
    status: str = "geplant"
    beginn_geplant: date = PLAN_START
    ende_geplant: date = PLAN_END
    beginn_ist: date | None = None
    ende_ist: date | None = None
    history: list[tuple[date, str, int, str]] | None = None


def random_day(rng: np.random.Generator, start: date, end: date) -> date:
    """A uniformly drawn day in [start, end]."""
    return start + timedelta(days=int(rng.integers(0, max((end - start).days, 0) + 1)))


def measure_areas(rng: np.random.Generator, text: str, field_id: str) -> str:
    """Bezirke named in the text; otherwise the whole city or a need-weighted draw of 2–3 Bezirke.

    Steering measures (Handlungsfeld 1) and city-wide topics (parks, all Bezirke) always act city-wide.
    """
    if field_id == "1" or any(word in text for word in ("Parks", "Freiräume", "Statistischen Bezirken")):
        return "gesamtstadt"
    found: set[str] = set()
    for keyword, ids in AREA_KEYWORDS:
        if (
            keyword in text
            and not (keyword == "Lusan" and found & {"10", "11", "12"})
            and not (keyword == "Bieblach" and found & {"05", "06"})
        ):
            found.update(ids)
    if found:
        return "|".join(sorted(found))
    if rng.random() < 0.6:
        return "gesamtstadt"
    weights = np.array([a.need for a in AREAS])
    picked = rng.choice(len(AREAS), size=int(rng.integers(2, 4)), replace=False, p=weights / weights.sum())
    return "|".join(sorted(AREAS[i].gebiet_id for i in picked))


def pick_partners(rng: np.random.Generator, goal: Goal, office: str) -> str:
    """A non-empty subset of the goal's partners (without the lead office), in the goal's order."""
    pool = [p for p in goal.partner if p != office]
    if not pool:
        return ""
    keep = [p for p in pool if rng.random() < 0.7] or [pool[0]]
    return ", ".join(keep)


def build_measures(rng: np.random.Generator) -> tuple[list[tuple[str, str, Goal]], list[Measure]]:
    """Goals (id, field, goal) and measures with texts, offices, partners, areas and indicators."""
    goals: list[tuple[str, str, Goal]] = []
    measures: list[Measure] = []
    for field_id, field_goals in GOALS.items():
        for n, goal in enumerate(field_goals, start=1):
            goal_id = f"{field_id}.{n}"
            goals.append((goal_id, field_id, goal))
            for m, text in enumerate(goal.measures, start=1):
                office = text[2] if len(text) == 3 else goal.verantwortlich
                links = goal.indikatoren or ((goal.zielindikator,) if goal.zielindikator else ())
                measures.append(
                    Measure(
                        f"{goal_id}.{m}",
                        goal_id,
                        text[0],
                        text[1],
                        office,
                        pick_partners(rng, goal, office),
                        measure_areas(rng, text[0] + " " + text[1], field_id),
                        "|".join(links),
                    )
                )
    return goals, measures


def assign_statuses(rng: np.random.Generator, measures: list[Measure]) -> None:
    """Distribute the status mix over the measures (seeded shuffle)."""
    statuses = [status for status, count in STATUS_MIX for _ in range(count)]
    assert len(statuses) == len(measures), (len(statuses), len(measures))
    for measure, index in zip(measures, rng.permutation(len(statuses)), strict=True):
        measure.status = statuses[int(index)]


def note(rng: np.random.Generator, kind: str) -> str:
    """A German status note of the given kind."""
    options = NOTES[kind]
    return options[int(rng.integers(len(options)))]


def stand_date(rng: np.random.Generator, stale: bool) -> date:
    """Date of the latest status report: recent, or older than 12 months for stale measures."""
    if stale:
        return random_day(rng, STAND_FROM, STALE_UNTIL)
    return random_day(rng, STAND_RECENT, REPORT_DATE)


def progress(rng: np.random.Generator, low: int, high: int) -> int:
    """Progress in steps of 5 %."""
    return int(rng.integers(low // 5, high // 5 + 1)) * 5


def schedule(rng: np.random.Generator, m: Measure, stand: date, overdue: bool) -> None:
    """Planned and actual dates and the status history of one measure, consistent with its status."""
    start_entry = (
        random_day(rng, PLAN_START, date(2024, 1, 15)),
        "geplant",
        0,
        "In den Sozialplan 2024–2028 aufgenommen",
    )
    history = [start_entry]
    if m.status == "geplant":
        m.beginn_geplant = random_day(rng, date(2026, 11, 1), date(2027, 9, 1))
        m.ende_geplant = min(m.beginn_geplant + timedelta(days=int(rng.integers(365, 730))), PLAN_END)
        history.append((stand, "geplant", 0, note(rng, "geplant")))
    elif m.status == "in Vorbereitung":
        m.beginn_geplant = random_day(rng, date(2026, 1, 1), date(2027, 6, 1))
        m.ende_geplant = min(
            max(m.beginn_geplant + timedelta(days=int(rng.integers(365, 900))), REPORT_DATE + timedelta(days=90)),
            PLAN_END,
        )
        if rng.random() < 0.5:
            history.append(
                (
                    random_day(rng, date(2024, 6, 1), stand - timedelta(days=120)),
                    "in Vorbereitung",
                    5,
                    note(rng, "prepare"),
                )
            )
        history.append((stand, "in Vorbereitung", progress(rng, 10, 20), note(rng, "in Vorbereitung")))
    else:
        history += started_history(rng, m, stand, overdue)
    m.history = history


def started_history(
    rng: np.random.Generator, m: Measure, stand: date, overdue: bool
) -> list[tuple[date, str, int, str]]:
    """History entries after the plan was adopted for measures that have begun (or were dropped)."""
    latest_start = min(stand - timedelta(days=150), date(2026, 3, 1))
    m.beginn_geplant = random_day(rng, date(2024, 2, 1), latest_start)
    delay = int(rng.integers(60, 240)) if m.status == "verzögert" else int(rng.integers(-20, 90))
    m.beginn_ist = min(max(m.beginn_geplant + timedelta(days=delay), date(2024, 3, 1)), stand - timedelta(days=90))
    prepare_day = random_day(rng, date(2024, 1, 20), m.beginn_ist - timedelta(days=30))
    entries = [(prepare_day, "in Vorbereitung", progress(rng, 5, 10), note(rng, "prepare"))]
    if m.status == "entfallen" and rng.random() < 0.5:
        m.beginn_ist = None
        m.ende_geplant = min(m.beginn_geplant + timedelta(days=int(rng.integers(365, 900))), PLAN_END)
        return entries + [(stand, "entfallen", entries[-1][2], note(rng, "entfallen"))]
    started = progress(rng, 10, 20)
    entries.append((m.beginn_ist, "in Umsetzung", started, note(rng, "start")))
    final = {
        "umgesetzt": 100,
        "in Umsetzung": progress(rng, 30, 90),
        "verzögert": progress(rng, 20, 50),
        "ausgesetzt": progress(rng, 20, 50),
        "entfallen": started,
    }[m.status]
    final = max(final, started)
    if (stand - m.beginn_ist).days > 240 and final - started >= 10 and rng.random() < 0.7:
        middle = random_day(rng, m.beginn_ist + timedelta(days=60), stand - timedelta(days=60))
        entries.append((middle, "in Umsetzung", started + (final - started) // 10 * 5, note(rng, "middle")))
    entries.append((stand, m.status, final, note(rng, m.status)))
    if m.status == "umgesetzt":
        m.ende_ist = stand
        m.ende_geplant = max(stand + timedelta(days=int(rng.integers(-120, 90))), m.beginn_geplant)
    elif overdue:
        m.ende_geplant = random_day(
            rng, max(date(2025, 6, 30), m.beginn_geplant + timedelta(days=180)), date(2026, 9, 30)
        )
    else:
        m.ende_geplant = random_day(rng, max(date(2027, 1, 31), m.beginn_geplant + timedelta(days=365)), PLAN_END)
    return entries


def schedule_all(rng: np.random.Generator, measures: list[Measure]) -> None:
    """Dates and histories for all measures; a few stale reports and a few overdue measures."""
    open_ids = [m.massnahme_id for m in measures if m.status not in ("umgesetzt", "entfallen", "geplant")]
    stale = set(rng.choice(open_ids, size=6, replace=False).tolist())
    in_progress = [m.massnahme_id for m in measures if m.status == "in Umsetzung"]
    overdue = set(rng.choice(in_progress, size=3, replace=False).tolist())
    for m in measures:
        stand = stand_date(rng, m.massnahme_id in stale)
        late = m.massnahme_id in overdue or (m.status == "verzögert" and rng.random() < 0.5)
        schedule(rng, m, stand, late)


def write_plan(folder: Path, goals: list[tuple[str, str, Goal]], measures: list[Measure]) -> None:
    """handlungsfelder.csv, ziele.csv, massnahmen.csv and massnahmen_verlauf.csv."""
    write_csv(folder / "handlungsfelder.csv", *field_rows(FIELDS))
    write_csv(
        folder / "ziele.csv",
        ("ziel_id", "handlungsfeld_id", "titel", "zielindikator", "zielwert", "zieljahr", *header("ziele")),
        [
            (gid, fid, g.titel, g.zielindikator, number(g.zielwert, 1), g.zieljahr, *cells("ziele", gid))
            for gid, fid, g in goals
        ],
    )
    columns = (
        "massnahme_id",
        "ziel_id",
        "titel",
        "beschreibung",
        "verantwortlich",
        "partner",
        "beginn_geplant",
        "ende_geplant",
        "beginn_ist",
        "ende_ist",
        "status",
        "fortschritt",
        "stand",
        "gebiete",
        "indikatoren",
        *header("massnahmen"),
    )
    rows = []
    for m in measures:
        last = (m.history or [])[-1]
        rows.append(
            (
                m.massnahme_id,
                m.ziel_id,
                m.titel,
                m.beschreibung,
                m.verantwortlich,
                m.partner,
                german_date(m.beginn_geplant),
                german_date(m.ende_geplant),
                german_date(m.beginn_ist),
                german_date(m.ende_ist),
                m.status,
                last[2],
                german_date(last[0]),
                m.gebiete,
                m.indikatoren,
                *cells("massnahmen", m.massnahme_id),
            )
        )
    write_csv(folder / "massnahmen.csv", columns, rows)
    write_csv(
        folder / "massnahmen_verlauf.csv",
        ("massnahme_id", "datum", "status", "fortschritt", "notiz"),
        [(m.massnahme_id, german_date(d), s, p, n) for m in measures for d, s, p, n in (m.history or [])],
    )


# --------------------------------------------------------------------------------------------------
# QUELLEN.md
# --------------------------------------------------------------------------------------------------

REAL_FACTS = tuple(
    (fact["angabe"], fact["verwendung"], tuple(tuple(link) for link in fact["quellen"]))
    for fact in _toml("fakten.toml")["fakt"]
)

SOURCES_TEMPLATE = (SOURCE_DIR / "QUELLEN.md.vorlage").read_text(encoding="utf-8")


def facts_table() -> str:
    """Markdown table of the real facts with their sources."""
    lines = ["| Angabe | Verwendung | Quelle |", "|---|---|---|"]
    for fact, use, links in REAL_FACTS:
        sources = ", ".join(f"[{label}]({url})" for label, url in links)
        lines.append(f"| {fact} | {use} | {sources} |")
    return "\n".join(lines)


def write_sources(
    path: Path, population_latest: int, indicator_count: int, goal_count: int, measure_count: int
) -> None:
    """QUELLEN.md: what is real (with sources), what is synthetic, how to replace and regenerate."""
    text = SOURCES_TEMPLATE.format(
        facts_table=facts_table(),
        seed=SEED,
        first_year=YEARS[0],
        last_year=LATEST,
        population_latest=f"{population_latest:,}".replace(",", "."),
        indicator_count=indicator_count,
        goal_count=goal_count,
        measure_count=measure_count,
    )
    path.write_text(text, encoding="utf-8")
