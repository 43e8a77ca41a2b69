"""The Sozialplan's downloads in the page's language: headers and status words translated.

German files keep the columns of the data contract (`massnahmen.csv`, `massnahmen_verlauf.csv`), byte for
byte as before; in another language the headers are the labels the page shows (German is the key) and the
status words are translated. Titles, descriptions and notes are data without translated columns: German.
"""

from __future__ import annotations

import pandas as pd

from .i18n import N_, SOURCE, Translator
from .plan_changes import CHANGE_FLAGS

HEADERS = {
    "massnahme_id": N_("Nummer"),
    "ziel_id": N_("Nummer des Ziels"),
    "titel": N_("Maßnahme"),
    "beschreibung": N_("Beschreibung"),
    "verantwortlich": N_("Verantwortlich"),
    "partner": N_("Partner"),
    "beginn_geplant": N_("Beginn geplant"),
    "ende_geplant": N_("Ende geplant"),
    "beginn_ist": N_("Beginn tatsächlich"),
    "ende_ist": N_("Ende tatsächlich"),
    "status": N_("Status"),
    "fortschritt": N_("Fortschritt"),
    "stand": N_("Stand der Meldung"),
    "gebiete": N_("Gebiete"),
    "gebiete_text": N_("Gebietsnamen"),
    "indikatoren": N_("Indikatoren"),
    "handlungsfeld_id": N_("Nummer des Handlungsfelds"),
    "ziel_titel": N_("Ziel"),
    "handlungsfeld": N_("Handlungsfeld"),
    "ende_ueberschritten": N_("Ende überschritten"),
    "spaet_begonnen": N_("Beginn verspätet"),
    "ohne_meldung": N_("Ohne aktuelle Meldung"),
    "verzug": N_("Im Verzug"),
    "hinweis": N_("Verzug"),  # the page's column of that text
    "datum": N_("Datum"),
    "notiz": N_("Notiz"),
    "status_vorher": N_("Status vorher"),
    "status_jetzt": N_("Status jetzt"),
    "statusfolge": N_("Statusfolge"),
    "fortschritt_vorher": N_("Fortschritt vorher"),
    "fortschritt_jetzt": N_("Fortschritt jetzt"),
    "fortschritt_delta": N_("Änderung des Fortschritts (Prozentpunkte)"),
    "meldungen": N_("Meldungen"),
    "letzte_meldung": N_("Letzte Meldung"),
    "aenderung": N_("Was sich geändert hat"),
    **CHANGE_FLAGS,
}
STATUS_COLUMNS = ("status", "status_vorher", "status_jetzt")
PATH = " → "


def plan_export_in_language(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`frame` (measures, history or changes) for a download in `lang`; German returns it unchanged."""
    if lang == SOURCE:
        return frame
    t = Translator(lang)
    out = frame.copy()
    for column in STATUS_COLUMNS:
        if column in out.columns:
            out[column] = [t(s) if isinstance(s, str) and s else s for s in out[column]]
    if "statusfolge" in out.columns:
        out["statusfolge"] = [
            PATH.join(t(s) for s in path.split(PATH)) if isinstance(path, str) else path for path in out["statusfolge"]
        ]
    return out.rename(columns={column: t(label) for column, label in HEADERS.items() if column in out.columns})
