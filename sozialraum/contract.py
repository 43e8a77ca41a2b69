"""The data contract: every column of every table, declared once.

Type, rules and the German description of a column live here; the loader's checks (`schemas.parse_table`
builds pandera schemas from them), the column tables of `data/README.md` (`contract_doc`, checked by a
test) and the writers (`datafolder`) all read these declarations.
"""

from __future__ import annotations

from .schemas import (
    AGGREGATIONS,
    INDICATOR_ID,
    INDICATOR_ID_TEXT,
    POLARITIES,
    YEAR_RANGE,
    Col,
    TableSpec,
)
from .status import STATUS_VOCABULARY

AREA_SPEC = TableSpec(
    "gebiete",
    (
        Col(
            "gebiet_id",
            description="Stabile Kennung, z. B. `01` oder `011`. Führende Nullen bleiben erhalten. Eindeutig "
            "(außer in Gebietsversionen mit getrennten Jahren, siehe unten).",
        ),
        Col("name", description="Name des Gebiets, z. B. `Bieblach-Ost`"),
        Col(
            "ebene",
            required=False,
            nonempty=False,
            description="Gebietsebene, z. B. `Bezirk` oder `Gemeindeteil`",
        ),
        Col(
            "uebergeordnet",
            required=False,
            nonempty=False,
            description="`gebiet_id` des übergeordneten Gebiets (Gemeindeteil → Bezirk)",
        ),
        Col(
            "einwohner",
            "int",
            required=False,
            nonempty=False,
            low=0,
            high=10_000_000,
            description="Einwohnerzahl (für Geheimhaltung und Gewichtung)",
        ),
        # geometry versions: first and last year the area is valid (empty = open); a level whose
        # areas share one interval is a version of the levels of the same depth (see levels.py)
        Col(
            "gueltig_ab",
            "int",
            required=False,
            nonempty=False,
            low=YEAR_RANGE[0],
            high=YEAR_RANGE[1],
            description="erstes Jahr, in dem die Fläche gilt (leer = schon immer); siehe „Gebietsversionen“",
        ),
        Col(
            "gueltig_bis",
            "int",
            required=False,
            nonempty=False,
            low=YEAR_RANGE[0],
            high=YEAR_RANGE[1],
            description="letztes Jahr, in dem die Fläche gilt (leer = weiterhin)",
        ),
        Col(
            "vorgaenger",
            required=False,
            nonempty=False,
            description="`gebiet_id` der Fläche der älteren Version, der dieses Gebiet 1:1 entspricht",
        ),
    ),
    key=("gebiet_id",),
)

CATALOGUE_SPEC = TableSpec(
    "indikatoren.csv",
    (
        Col("indikator_id", pattern=INDICATOR_ID, pattern_text=INDICATOR_ID_TEXT, description="Kennung des Indikators"),
        Col("name", description="Vollständiger Name, z. B. `SGB-II-Quote`"),
        Col("kurzname", description="Kurzname für Achsen und Legenden"),
        Col("einheit", description="z. B. `%`, `Personen`, `Jahre`, `je 1.000 Einw.`"),
        Col("thema", description="Themenbereich, z. B. `Soziale Lage`"),
        Col(
            "polaritaet",
            choices=POLARITIES,
            description="Bedeutung eines höheren Werts: besser, schlechter oder neutral",
        ),
        Col("definition", description="Wie der Wert berechnet wird (Zähler, Nenner, Stichtag)"),
        Col("quelle", description="Datenquelle, z. B. `Statistik der Bundesagentur für Arbeit`"),
        Col(
            "datenstand",
            required=False,
            nonempty=False,
            description="Stand der Daten, z. B. `31.12.2024` (fehlt er, warnt die Prüfung)",
        ),
        Col("dezimalstellen", "int", low=0, high=3, description="Nachkommastellen in der Anzeige"),
        Col(
            "handlungsfeld_id",
            required=False,
            nonempty=False,
            description="Handlungsfeld des Sozialplans, zu dem der Indikator gehört",
        ),
        Col(
            "min_fallzahl",
            "int",
            required=False,
            nonempty=False,
            low=0,
            high=1000,
            description="Mindestfallzahl für die Veröffentlichung (leer: Wert aus den Einstellungen)",
        ),
        Col("aggregation", choices=AGGREGATIONS, description="Wie der **Gesamtstadtwert** entsteht (s. u.)"),
        Col(
            "faktor",
            "number",
            required=False,
            nonempty=False,
            low=0,
            high=1_000_000,
            description="Bei `quote`: Wert = Zähler / Nenner × Faktor (Standard 100)",
        ),
        # declared range of `wert` (empty = by kind: % → 0 to 100, aggregation summe → 0 or more, else open);
        # a balance that may be negative declares it here, e.g. wertebereich_min = offen
        Col(
            "wertebereich_min",
            "lower",
            required=False,
            nonempty=False,
            description="Kleinster zulässiger Wert (leer: nach Einheit und Aggregation, siehe „Wertebereich“ unter "
            "`werte.csv`)",
        ),
        Col(
            "wertebereich_max",
            "upper",
            required=False,
            nonempty=False,
            description="Größter zulässiger Wert (leer: nach Einheit und Aggregation, siehe „Wertebereich“ unter "
            "`werte.csv`)",
        ),
    ),
    key=("indikator_id",),
    translatable=("name", "kurzname", "einheit", "definition", "thema"),
)

VALUES_SPEC = TableSpec(
    "werte.csv",
    (
        Col("gebiet_id", description="Kennung aus `gebiete.geojson`, oder `gesamt` für den Gesamtstadtwert"),
        Col("indikator_id", description="Kennung aus `indikatoren.csv`"),
        Col("jahr", "year", low=YEAR_RANGE[0], high=YEAR_RANGE[1], description="Jahr der Daten (Stichtag)"),
        Col(
            "wert",
            "number",
            nonempty=False,
            description="Der Wert in der Einheit des Indikators (leer = fehlt, z. B. nicht erhoben)",
        ),
        Col(
            "fallzahl",
            "count",
            required=False,
            nonempty=False,
            low=0,
            high=1e9,
            description="Zahl der Fälle hinter dem Wert (für die Geheimhaltung)",
        ),
        Col("zaehler", "number", required=False, nonempty=False, description="Zähler der Quote"),
        Col("nenner", "number", required=False, nonempty=False, description="Nenner der Quote"),
        Col("anmerkung", required=False, nonempty=False, description="z. B. `vorläufig`"),
    ),
    key=("gebiet_id", "indikator_id", "jahr"),
)

FIELDS_SPEC = TableSpec(
    "handlungsfelder.csv",
    (
        Col("handlungsfeld_id", description="z. B. `1`"),
        Col("name", description="z. B. `Familie und Sorgearbeit`"),
        Col("beschreibung", required=False, nonempty=False, description="Kurzbeschreibung"),
    ),
    key=("handlungsfeld_id",),
    translatable=("name", "beschreibung"),
)

GOALS_SPEC = TableSpec(
    "ziele.csv",
    (
        Col("ziel_id", description="z. B. `5.5` (Handlungsfeld.laufende Nummer)"),
        Col("handlungsfeld_id", description="Handlungsfeld aus `handlungsfelder.csv`"),
        Col("titel", description="Formulierung des Ziels"),
        Col(
            "zielindikator",
            required=False,
            nonempty=False,
            description="`indikator_id` aus dem Katalog, an dem das Ziel gemessen wird",
        ),
        Col(
            "zielwert",
            "number",
            required=False,
            nonempty=False,
            description="angestrebter Wert des Zielindikators (Gesamtstadt)",
        ),
        Col(
            "zieljahr",
            "int",
            required=False,
            nonempty=False,
            low=YEAR_RANGE[0],
            high=YEAR_RANGE[1],
            description="Jahr, bis zu dem der Zielwert erreicht sein soll",
        ),
    ),
    key=("ziel_id",),
    translatable=("titel",),
)

MEASURES_SPEC = TableSpec(
    "massnahmen.csv",
    (
        Col("massnahme_id", description="z. B. `5.5.1`"),
        Col("ziel_id", description="Ziel aus `ziele.csv`"),
        Col("titel", description="Kurztitel"),
        Col("beschreibung", required=False, nonempty=False, description="Beschreibung"),
        Col("verantwortlich", description="federführendes Amt"),
        Col("partner", required=False, nonempty=False, description="Beteiligte"),
        Col("beginn_geplant", "date", description="geplanter Beginn"),
        Col("ende_geplant", "date", description="geplantes Ende"),
        Col("beginn_ist", "date", required=False, nonempty=False, description="tatsächlicher Beginn"),
        Col("ende_ist", "date", required=False, nonempty=False, description="tatsächliches Ende"),
        Col("status", choices=STATUS_VOCABULARY, description="Stand der Umsetzung"),
        Col("fortschritt", "number", low=0, high=100, description="Fortschritt in Prozent"),
        Col("stand", "date", description="Datum der letzten Statusmeldung"),
        Col("gebiete", "list", description="`gebiet_id` der Gebiete, oder `gesamtstadt`"),
        Col(
            "indikatoren",
            "list",
            required=False,
            nonempty=False,
            description="`indikator_id`, an denen die Wirkung beobachtet wird",
        ),
    ),
    key=("massnahme_id",),
    translatable=("titel", "beschreibung"),
)

HISTORY_SPEC = TableSpec(
    "massnahmen_verlauf.csv",
    (
        Col("massnahme_id", description="Maßnahme aus `massnahmen.csv`"),
        Col("datum", "date", description="Datum der Statusmeldung"),
        Col("status", choices=STATUS_VOCABULARY, description="Stand der Umsetzung zu diesem Datum"),
        Col("fortschritt", "number", low=0, high=100, description="Fortschritt in Prozent"),
        Col("notiz", required=False, nonempty=False, description="Bemerkung"),
    ),
)

ALL_SPECS = (AREA_SPEC, CATALOGUE_SPEC, VALUES_SPEC, FIELDS_SPEC, GOALS_SPEC, MEASURES_SPEC, HISTORY_SPEC)
