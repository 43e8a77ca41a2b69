"""Settings and assumptions of the projection: ``prognose.toml`` in the data folder (optional).

Every key has a documented default (data/README.md, section „Bevölkerungsprognose“), so a folder
with only ``altersstruktur.csv`` gets a projection; a mistyped key is reported in German and the
default used instead.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..report import N_, Message, Report, msg

CONFIG_FILE = "prognose.toml"

# Destatis, Pflegestatistik 2021: Pflegebedürftige je 100 Einwohner der Altersgruppe, Deutschland,
# Stichtag 15./31.12.2021 (Tabelle „Pflegebedürftige (Anzahl und Quote)“ der Gesundheits-
# berichterstattung des Bundes, gbe-bund.de). Quoten in Prozent.
CARE_SOURCE = (
    "Statistisches Bundesamt (Destatis), Pflegestatistik 2021, Pflegequoten Deutschland nach Altersgruppen "
    "(Gesundheitsberichterstattung des Bundes, Tabelle „Pflegebedürftige (Anzahl und Quote)“)"
)
CARE_RATES: tuple[tuple[int, int | None, float], ...] = ((0, 75, 2.3), (75, 85, 23.9), (85, 90, 54.1), (90, None, 81.6))


@dataclass(frozen=True)
class Scenario:
    key: str
    name: str
    beschreibung: str
    wanderung: float = 0.0  # additional net migration per year, persons per 1,000 of each age group
    geburten: float = 1.0  # factor on the child–woman ratio


@dataclass(frozen=True)
class DerivedGroup:
    key: str
    name: str
    von: int
    bis: int | None


DEFAULT_SCENARIOS = (
    Scenario(
        "trend",
        "Trend",
        "Die Verhältnisse des Basiszeitraums (Alterung, Sterblichkeit, Wanderung, Kinder je Person im "
        "Alter von 15 bis unter 45) gelten unverändert weiter.",
    ),
    Scenario("hoch", "Mehr Zuzug", "Wie Trend, zusätzlich 5\u00a0Personen je 1.000 und Jahr Wanderungsgewinn.", 5.0),
    Scenario(
        "niedrig", "Weniger Zuzug", "Wie Trend, zusätzlich 5\u00a0Personen je 1.000 und Jahr Wanderungsverlust.", -5.0
    ),
)
DEFAULT_GROUPS = (
    DerivedGroup("krippe", "Kinder unter 3 Jahren (Krippenalter)", 0, 3),
    DerivedGroup("kita", "Kinder unter 6 Jahren (Kita-Alter)", 0, 6),
    DerivedGroup("grundschule", "Kinder von 6 bis unter 10 Jahren (Grundschulalter)", 6, 10),
    DerivedGroup("schulalter", "Kinder von 6 bis unter 15 Jahren (Schulalter)", 6, 15),
    DerivedGroup("ab65", "Menschen ab 65 Jahren", 65, None),
    DerivedGroup("ab80", "Menschen ab 80 Jahren", 80, None),
)


# catalogue indicators the projection continues: id → (figure, None) for a count, (numerator,
# denominator) for a share in % (sozialraum/prognose/indicators.py)
DEFAULT_INDICATORS: dict[str, tuple[str, str | None]] = {
    "einwohner": ("gesamt", None),
    "anteil_65plus": ("ab65", "gesamt"),
    "anteil_80plus": ("ab80", "gesamt"),
}


@dataclass(frozen=True)
class PrognoseConfig:
    basisjahre: tuple[int, int] | None = None  # None: the last five observed years (or all, if fewer)
    bis: int = 2040
    # k in persons (weight of the parent ratio) and φ (yearly decay of the base period's migration
    # below 65): chosen on the Berlin validation window 31.12.2022→31.12.2024, see docs/prognose.md
    daempfung: float = 20000.0
    wanderung_abklingen: float = 0.2
    # weight of the parent's constant-share projection in each area (0: Hamilton–Perry alone); the
    # simple mean of the two methods, kept because it won on the same validation window
    anteilsgewicht: float = 0.5
    fruchtbares_alter: tuple[int, int] = (15, 45)
    standard_szenario: str = "trend"
    szenarien: tuple[Scenario, ...] = DEFAULT_SCENARIOS
    gruppen: tuple[DerivedGroup, ...] = DEFAULT_GROUPS
    pflegequoten: tuple[tuple[int, int | None, float], ...] = CARE_RATES
    pflege_quelle: str = CARE_SOURCE
    indikatoren: dict[str, tuple[str, str | None]] = field(default_factory=lambda: dict(DEFAULT_INDICATORS))
    notes: list[str] = field(default_factory=list)

    def scenario(self, key: str | None = None) -> Scenario:
        wanted = key or self.standard_szenario
        return next((s for s in self.szenarien if s.key == wanted), self.szenarien[0])


def load_config(folder: Path, report: Report) -> PrognoseConfig:
    """``prognose.toml`` of ``folder``; defaults where it or a key is missing or wrong."""
    path = Path(folder) / CONFIG_FILE
    if not path.is_file():
        return PrognoseConfig()
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        report.error(
            CONFIG_FILE,
            msg(N_("Die Datei ist kein gültiges TOML ({grund}); es gelten die Standardannahmen."), grund=str(exc)),
        )
        return PrognoseConfig()
    values: dict[str, object] = {}
    main = raw.get("prognose", {})
    _years(main, values, report)
    _number(main, "bis", values, report, low=1990, high=2100, integer=True)
    _number(main, "daempfung", values, report, low=0, high=1e9)
    _number(main, "wanderung_abklingen", values, report, low=0, high=1)
    _number(main, "anteilsgewicht", values, report, low=0, high=1)
    if "fruchtbares_alter" in main:
        pair = _age_pair(main["fruchtbares_alter"])
        if pair is None or pair[1] is None:
            _bad(
                report,
                "[prognose] fruchtbares_alter",
                main["fruchtbares_alter"],
                msg(N_("zwei Alter wie [15, 45] erwartet")),
            )
        else:
            values["fruchtbares_alter"] = pair
    scenarios = _scenarios(raw.get("szenarien", {}), report)
    if scenarios:
        values["szenarien"] = scenarios
    if "standard_szenario" in main:
        keys = [s.key for s in scenarios or DEFAULT_SCENARIOS]
        if main["standard_szenario"] in keys:
            values["standard_szenario"] = main["standard_szenario"]
        else:
            _bad(
                report,
                "[prognose] standard_szenario",
                main["standard_szenario"],
                msg(N_("eines von {werte}"), werte=", ".join(keys)),
            )
    _care(raw.get("pflege", {}), values, report)
    groups = _groups(raw.get("gruppen", {}), report)
    if groups:
        values["gruppen"] = groups
    if "indikatoren" in raw:
        values["indikatoren"] = _indicators(raw["indikatoren"], report)
    return PrognoseConfig(**values)  # type: ignore[arg-type]


def _bad(report: Report, key: str, value: object, expected: Message) -> None:
    text = msg(N_("{schluessel}: {erwartet}; es gilt der Standardwert."), schluessel=key, erwartet=expected)
    report.error(CONFIG_FILE, text, value=str(value))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(
    section: dict, key: str, values: dict, report: Report, low: float, high: float, integer: bool = False
) -> None:
    if key not in section:
        return
    value = section[key]
    if not _is_number(value) or not low <= value <= high or (integer and value != int(value)):
        kind = (
            N_("eine ganze Zahl von {min} bis {max} erwartet")
            if integer
            else N_("eine Zahl von {min} bis {max} erwartet")
        )
        _bad(report, f"[prognose] {key}", value, msg(kind, min=f"{low:g}", max=f"{high:g}"))
        return
    values[key] = int(value) if integer else float(value)


def _years(section: dict, values: dict, report: Report) -> None:
    if "basisjahre" not in section:
        return
    value = section["basisjahre"]
    ok = isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)
    if not ok or value[0] >= value[1]:
        _bad(report, "[prognose] basisjahre", value, msg(N_("erstes und letztes Jahr wie [2019, 2024] erwartet")))
        return
    values["basisjahre"] = (value[0], value[1])


def _age_pair(value: object) -> tuple[int, int | None] | None:
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], int):
        return None
    low, high = value
    if high == "" or high is None:
        return (low, None)
    if not isinstance(high, int) or high <= low or low < 0:
        return None
    return (low, high)


def _scenarios(section: dict, report: Report) -> tuple[Scenario, ...]:
    found = []
    for key, entry in section.items():
        where = f"[szenarien.{key}]"
        if not isinstance(entry, dict):
            _bad(report, where, entry, msg(N_("ein Abschnitt mit name, beschreibung, wanderung erwartet")))
            continue
        wanderung, geburten = entry.get("wanderung", 0.0), entry.get("geburten", 1.0)
        if not _is_number(wanderung) or not -100 <= wanderung <= 100:
            _bad(
                report, f"{where} wanderung", wanderung, msg(N_("Personen je 1.000 und Jahr von -100 bis 100 erwartet"))
            )
            continue
        if not _is_number(geburten) or geburten < 0:
            _bad(report, f"{where} geburten", geburten, msg(N_("ein Faktor ab 0 erwartet (1 = wie im Basiszeitraum)")))
            continue
        name, text = str(entry.get("name", key)), str(entry.get("beschreibung", ""))
        found.append(Scenario(str(key), name, text, float(wanderung), float(geburten)))
    return tuple(found)


def _care(section: dict, values: dict, report: Report) -> None:
    if "quelle" in section:
        values["pflege_quelle"] = str(section["quelle"])
    if "quoten" not in section:
        return
    rates = []
    for entry in section["quoten"] if isinstance(section["quoten"], list) else [section["quoten"]]:
        pair = _age_pair([entry.get("von"), entry.get("bis")]) if isinstance(entry, dict) else None
        quote = entry.get("quote") if isinstance(entry, dict) else None
        if pair is None or not _is_number(quote) or not 0 <= quote <= 100:
            _bad(
                report,
                "[pflege] quoten",
                entry,
                msg(N_("Einträge wie {{ von = 75, bis = 85, quote = 23.9 }} (Prozent)")),
            )
            return
        rates.append((pair[0], pair[1], float(quote)))
    values["pflegequoten"] = tuple(rates)


def _groups(section: dict, report: Report) -> tuple[DerivedGroup, ...]:
    found = []
    for key, entry in section.items():
        pair = _age_pair([entry.get("von"), entry.get("bis")]) if isinstance(entry, dict) else None
        if pair is None:
            _bad(
                report,
                f"[gruppen] {key}",
                entry,
                msg(N_('{{ name = "…", von = 0, bis = 6 }} erwartet (bis leer = offen)')),
            )
            continue
        found.append(DerivedGroup(str(key), str(entry.get("name", key)), pair[0], pair[1]))
    return tuple(found)


def _indicators(section: object, report: Report) -> dict[str, tuple[str, str | None]]:
    """``id = "merkmal"`` (count) or ``id = ["zähler", "nenner"]`` (share in %); bad entries are reported."""
    found: dict[str, tuple[str, str | None]] = {}
    for key, entry in (section if isinstance(section, dict) else {}).items():
        if isinstance(entry, str):
            found[str(key)] = (entry, None)
        elif isinstance(entry, list) and len(entry) == 2 and all(isinstance(e, str) for e in entry):
            found[str(key)] = (entry[0], entry[1])
        else:
            _bad(report, f"[indikatoren] {key}", entry, msg(N_('"merkmal" oder ["zähler", "nenner"] erwartet')))
    return found
