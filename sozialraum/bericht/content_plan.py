"""Chapters on the plan and the back matter: Umsetzungsstand, Methoden, Anhang, Glossar."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..confidentiality import EXPLANATION
from ..formatting import format_date, format_number
from ..plan import delay_flags, field_overview, measures_with_field, plan_progress, sort_by_id, status_text
from ..plan_changes import changes_sentence, changes_since
from .content import planner
from .context import Context
from .model import Block, Chapter, Section, Table, generated

PLAN_SOURCE = "Sozialplanung (massnahmen.csv, massnahmen_verlauf.csv)"


def umsetzung(ctx: Context) -> Chapter | None:
    plan = ctx.bundle.plan
    if plan.empty:
        ctx.log.append("Kapitel Umsetzungsstand ausgelassen: massnahmen.csv fehlt oder ist leer.")
        return None
    chapter = Chapter("umsetzung", "Umsetzungsstand des Sozialplans", planner(ctx, "umsetzung"))
    measures = delay_flags(measures_with_field(plan), ctx.stichtag)
    stand = format_date(max(measures["stand"]))
    overview = field_overview(plan)
    chapter.blocks.append(
        generated(
            f"Von {len(measures)} Maßnahmen sind {int((measures['status'] == 'umgesetzt').sum())} "
            "umgesetzt; der mittlere "
            f"Fortschritt liegt bei {format_number(plan_progress(measures), 0)}\u00a0% (Stand der Meldungen: {stand})."
        )
    )
    frame = pd.DataFrame(
        {
            "Handlungsfeld": [f"{i}: {n}" for i, n in zip(overview["handlungsfeld_id"], overview["name"], strict=True)],
            "Ziele": overview["ziele"].astype(int).astype(str),
            "Maßnahmen": overview["massnahmen"].astype(int).astype(str),
            "Fortschritt": [f"{format_number(v, 0)}\u00a0%" for v in overview["fortschritt"]],
            "Status": [status_text(row) for _, row in overview.iterrows()],
        }
    )
    per_field = Section("Stand je Handlungsfeld", "stand-je-handlungsfeld")
    per_field.blocks.append(
        Block(
            "table",
            table=Table(
                ctx.key("tabelle"),
                "Umsetzungsstand je Handlungsfeld",
                PLAN_SOURCE,
                stand,
                frame,
                right=("Ziele", "Maßnahmen", "Fortschritt"),
            ),
        )
    )
    late = sort_by_id(measures[measures["ende_ueberschritten"]])
    overdue = Section("Überfällige Maßnahmen", "ueberfaellig")
    overdue.blocks.append(
        generated(
            f"Am {format_date(ctx.stichtag)} ist bei {len(late)} Maßnahmen das geplante Ende "
            "überschritten, ohne dass sie "
            "umgesetzt oder entfallen sind."
        )
    )
    if len(late):
        overdue.blocks.append(
            Block(
                "table",
                table=Table(
                    ctx.key("tabelle"),
                    "Überfällige Maßnahmen",
                    PLAN_SOURCE,
                    stand,
                    pd.DataFrame(
                        {
                            "Nr.": late["massnahme_id"],
                            "Maßnahme": late["titel"],
                            "Status": late["status"],
                            "Geplantes Ende": [format_date(d) for d in late["ende_geplant"]],
                            "Verantwortlich": late["verantwortlich"],
                        }
                    ),
                    print_all=True,
                ),
            )
        )
    since = _previous_report(ctx)
    changes = changes_since(plan, since)
    changed = Section("Was hat sich seit dem letzten Bericht geändert?", "aenderungen")
    changed.blocks.append(generated(changes_sentence(changes, since, len(measures))))
    if len(changes):
        changed.blocks.append(
            Block(
                "table",
                table=Table(
                    ctx.key("tabelle"),
                    f"Änderungen seit dem {format_date(since)}",
                    PLAN_SOURCE,
                    stand,
                    pd.DataFrame(
                        {"Nr.": changes["massnahme_id"], "Maßnahme": changes["titel"], "Änderung": changes["aenderung"]}
                    ),
                    print_all=True,
                ),
            )
        )
    chapter.sections.extend([per_field, overdue, changed])
    return chapter


def _previous_report(ctx: Context) -> date:
    day = ctx.stichtag
    try:
        return day.replace(year=day.year - (ctx.jahr - ctx.vergleichsjahr))
    except ValueError:  # 29 February
        return day.replace(year=day.year - (ctx.jahr - ctx.vergleichsjahr), day=28)


def einleitung(ctx: Context) -> Chapter | None:
    if "einleitung" not in ctx.texts:
        ctx.log.append("Keine Einleitung (bericht/einleitung.md fehlt); der Bericht beginnt mit der Gesamtstadt.")
        return None
    return Chapter("einleitung", "Einleitung", planner(ctx, "einleitung"))


def methoden(ctx: Context) -> Chapter:
    s = ctx.bundle.settings
    chapter = Chapter("methoden", "Methoden")
    chapter.sections = [
        Section(
            "Datengrundlage",
            "datengrundlage",
            [
                Block(
                    "text",
                    "Alle Zahlen stammen aus dem Datenordner des Sozialraum-Dashboards "
                    f"{s.stadt_name}. Berichtsjahr ist "
                    f"{ctx.jahr}, Vergleichsjahr (letzter Bericht) {ctx.vergleichsjahr}. Quelle und "
                    "Datenstand stehen unter "
                    "jeder Abbildung und Tabelle, die Definitionen im Anhang.",
                )
            ],
        ),
        Section(
            "Werte der Gesamtstadt",
            "gesamtstadtwerte",
            [
                Block(
                    "text",
                    "Werte der Gesamtstadt werden aus Zählern und Nennern aller Gebiete berechnet "
                    "(Summe der Zähler durch Summe "
                    "der Nenner), als Summe der Gebiete oder amtlich vorgegeben übernommen – nie als "
                    "ungewichteter Mittelwert "
                    "der Gebietsquoten.",
                )
            ],
        ),
        Section(
            "Karten und Rangfolgen",
            "karten",
            [
                Block(
                    "text",
                    "Die Karten teilen die Gebiete in fünf Klassen mit gleich vielen Gebieten "
                    "(Quantile). Rang 1 ist der "
                    "günstigste Wert, wenn der Indikator eine Richtung hat („höher ist besser“ oder "
                    "„höher ist ungünstiger“); "
                    "sonst sind die Gebiete absteigend geordnet. Stärken und Herausforderungen eines "
                    "Gebiets sind die Indikatoren, "
                    "bei denen es um mehr als eine halbe Standardabweichung günstiger oder "
                    "ungünstiger als der Durchschnitt "
                    "der Gebiete liegt.",
                )
            ],
        ),
        Section(
            "Automatisch erzeugte Sätze",
            "saetze",
            [
                generated(
                    "Sätze mit dieser Kennzeichnung sind aus den Daten erzeugt und stimmen für jedes "
                    "Vorzeichen und jeden "
                    "Gleichstand; Texte ohne Kennzeichnung hat die Sozialplanung geschrieben."
                )
            ],
        ),
    ]
    return chapter


def anhang(ctx: Context) -> Chapter:
    s = ctx.bundle.settings
    cat = ctx.bundle.catalogue
    chapter = Chapter("anhang", "Anhang", planner(ctx, "anhang"))
    frame = pd.DataFrame(
        {
            "Indikator": cat["name"].astype(str),
            "Einheit": cat["einheit"].astype(str),
            "Definition": cat["definition"].astype(str),
            "Quelle": cat["quelle"].astype(str),
            "Datenstand": cat["datenstand"].astype(str),
        }
    )
    source, stand = ctx.source(cat.index.tolist())
    catalogue = Section(
        "Indikatorenkatalog",
        "katalog",
        [
            Block(
                "table",
                table=Table(
                    ctx.key("tabelle"),
                    "Indikatoren mit Definition, Quelle und Datenstand",
                    "Indikatorenkatalog (indikatoren.csv)",
                    "siehe Spalte Datenstand",
                    frame,
                    style="katalog",
                ),
            )
        ],
    )
    del source, stand
    secrecy = Section(
        "Geheimhaltung",
        "geheimhaltung",
        [
            Block(
                "text",
                f"{EXPLANATION} Gesperrt wird ein Wert, wenn seine Fallzahl unter {s.min_fallzahl} "
                "liegt oder das Gebiet weniger als "
                f"{format_number(s.min_einwohner, 0)}\u00a0Einwohner hat. Die Regeln gelten für jede Zahl "
                "dieses Berichts, seiner Karten, "
                "Tabellen, Sätze und Downloads.",
            )
        ],
    )
    licence = Section(
        "Lizenz",
        "lizenz",
        [
            Block(
                "text",
                f"Die Daten dieses Berichts stehen unter der Lizenz „{s.lizenz_name}“ "
                f"({s.lizenz_kurz}, {s.lizenz_url}). "
                f"Namensnennung: {s.namensnennung or s.stadt_name}.",
            )
        ],
    )
    glossary = Section("Glossar", "glossar", [Block("glossary")])
    chapter.sections.extend([catalogue, secrecy, licence, glossary])
    return chapter


GLOSSARY = {
    "Sozialraum, Gebiet": "Räumliche Einheit der Planung, für die Werte berichtet werden.",
    "Gesamtstadt": "Wert der ganzen Stadt, berechnet aus Zählern und Nennern aller Gebiete oder amtlich vorgegeben.",
    "Indikator": "Messgröße mit Einheit, Definition, Quelle und Datenstand.",
    "Datenstand": "Stichtag oder Stand, auf den sich die Daten eines Indikators beziehen.",
    "Prozentpunkte": "Differenz zweier Prozentwerte (von 10 % auf 12 % sind es 2\u00a0Prozentpunkte).",
    "Quote": "Anteil einer Gruppe an einer Bezugsgruppe, meist in Prozent.",
    "Handlungsfeld": "Oberste Gliederung des Sozialplans, mit Zielen und Maßnahmen.",
    "Maßnahme": "Konkretes Vorhaben zu einem Ziel des Sozialplans, mit Status und Fortschritt.",
    "Statusindex": "Zusammengefasste soziale Lage eines Gebiets im Vergleich zu den anderen Gebieten (Sozialindex).",
    "Dynamikindex": "Zusammengefasste Veränderung der sozialen Lage über zwei Jahre (Sozialindex).",
    "Keine Angabe (.)": "Der Wert wird wegen statistischer Geheimhaltung nicht veröffentlicht.",
    "Kein Wert (–)": "Für dieses Gebiet und Jahr liegt kein Wert vor.",
}


def glossary(ctx: Context) -> list[tuple[str, str]]:
    entries = {**GLOSSARY, **ctx.config.glossar}
    return sorted(entries.items(), key=lambda item: item[0].lower())
