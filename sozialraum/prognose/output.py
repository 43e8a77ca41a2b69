"""Write a projection as CSV, with a second CSV that states every assumption it rests on."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..schemas import CITY_ID
from .derived import CARE_KEY, CARE_NAME
from .run import METHOD_NAME, TOTAL_KEY, Projection, long_table

RESULT_FILE = "bevoelkerungsprognose.csv"
ASSUMPTIONS_FILE = "bevoelkerungsprognose_annahmen.csv"
CONSISTENCY_RULE = (
    "Gerechnet wird auf den kleinsten Gebieten der Altersstruktur; jede Altersgruppe wird auf ganze Personen "
    "gerundet. Summen (Gebiet gesamt, abgeleitete Gruppen, übergeordnete Gebiete, Gesamtstadt) sind Summen dieser "
    "gerundeten Zahlen, daher addieren sich die Gebiete genau zur übergeordneten Ebene und zur Gesamtstadt."
)
DAMPING_RULE = (
    "Veränderungsrate eines Gebiets = (Zähler + k × Rate der übergeordneten Ebene) / (Nenner + k); kleine "
    "Altersgruppen stützen sich so auf die übergeordnete Ebene, große behalten ihre eigene Rate."
)


def result_frame(projection: Projection, names: dict[str, str], city_name: str) -> pd.DataFrame:
    table = long_table(projection, CITY_ID, by_sex=True)
    labels = {TOTAL_KEY: "Einwohner gesamt", CARE_KEY: CARE_NAME}
    labels |= {g.key: g.name for g in projection.config.gruppen}
    scenarios = {s.key: s.name for s in projection.config.szenarien}
    base = f"{projection.base[0]}–{projection.base[1]}"
    return pd.DataFrame(
        {
            "gebiet_id": table["gebiet_id"],
            "gebiet": table["gebiet_id"].map(lambda g: city_name if g == CITY_ID else names.get(g, g)),
            "jahr": table["jahr"],
            "art": table["art"],
            "szenario": table["szenario"].map(scenarios),
            "basisjahre": base,
            "merkmal": table["merkmal"].map(lambda m: labels.get(m, f"{m} Jahre")),
            "geschlecht": table["geschlecht"].replace("", "alle"),
            "anzahl": table["anzahl"].round().astype(int),
        }
    )


def assumptions_frame(projection: Projection, data_note: str = "") -> pd.DataFrame:
    config = projection.config
    rows = [("Datengrundlage", "Beispieldaten" if data_note else "Altersstruktur des Datenordners", data_note)]
    rows += [
        ("Methode", projection.method, _method_note(projection)),
        ("Basisjahre", f"{projection.base[0]}–{projection.base[1]}", "Raten aus allen Jahrespaaren dieses Zeitraums"),
        ("Ausgangsjahr", str(projection.years[0]), "letztes beobachtetes Jahr"),
        ("Prognose bis", str(projection.years[-1]), ""),
        ("Altersgruppen", ", ".join(projection.data.groups.labels()), "Personen gleichmäßig über die Einzeljahre"),
        ("Dämpfung k", f"{config.daempfung:g}\u00a0Personen", DAMPING_RULE),
        (
            "Abklingen der Wanderung φ",
            f"{config.wanderung_abklingen:g}".replace(".", ","),
            "Unter 65 Jahren gilt der Abstand einer Rate von 1 als Wanderung; ihr Niveau im Gebiet schrumpft im t-ten "
            "Prognosejahr auf das φ^t-fache, das Altersmuster der Umzüge bleibt (φ = 1: klassisches Hamilton–Perry).",
        ),
        (
            "Anteilsgewicht",
            f"{config.anteilsgewicht:g}".replace(".", ","),
            "Jedes Gebiet endet je Altersgruppe beim gewichteten Mittel aus seiner eigenen Prognose und seinem Anteil "
            "im Ausgangsjahr an der Prognose der obersten Ebene unter der Gesamtstadt (0 = nur Hamilton–Perry).",
        ),
        (
            "Kinder",
            f"Kinder der jüngsten Gruppe je Person von {config.fruchtbares_alter[0]} bis unter "
            f"{config.fruchtbares_alter[1]} Jahren",
            "Kind-Frau-Verhältnis ohne Geschlecht (Personen beider Geschlechter)",
        ),
        ("Konsistenz", "Summe der Teilgebiete", CONSISTENCY_RULE),
        ("Nie negativ", "Raten ab 0", "Szenario-Zuschläge werden bei einer Rate von 0 abgeschnitten"),
    ]
    for s in config.szenarien:
        rows.append(
            (
                f"Szenario {s.name}",
                f"Wanderung {s.wanderung:+g} je 1.000 und Jahr, Kinder × {s.geburten:g}",
                s.beschreibung,
            )
        )
    rates = "; ".join(f"{_band(von, bis)}: {q:g}\u00a0%".replace(".", ",") for von, bis, q in config.pflegequoten)
    rows.append(("Pflegequoten", rates, config.pflege_quelle))
    return pd.DataFrame(rows, columns=["annahme", "wert", "erlaeuterung"])


def _method_note(projection: Projection) -> str:
    if projection.method == METHOD_NAME:
        return "Kohorten-Veränderungsraten je Gebiet und Altersgruppe, jährliche Schritte"
    return "Raten je Altersgruppe aus annahmen.csv, für alle Gebiete gleich, jährliche Schritte; Basisjahre ungenutzt"


def _band(von: int, bis: int | None) -> str:
    return f"ab {von}" if bis is None else f"{von} bis unter {bis}"


def write_projection(
    projection: Projection, target: Path, names: dict[str, str], city_name: str, data_note: str = ""
) -> list[Path]:
    """Both CSV files; ``data_note`` (the folder's example-data notice) goes into the assumptions."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    result, assumptions = target / RESULT_FILE, target / ASSUMPTIONS_FILE
    result_frame(projection, names, city_name).to_csv(result, sep=";", index=False)
    assumptions_frame(projection, data_note).to_csv(assumptions, sep=";", index=False)
    return [result, assumptions]
