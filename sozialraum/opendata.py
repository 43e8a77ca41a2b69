"""`metadata.json` for the open-data downloads: licence with attribution, source, Datenstand per
indicator, export date and the confidentiality rules (what "." means)."""

from __future__ import annotations

import json
from datetime import date

from .confidentiality import EXPLANATION, SIGN
from .loader import Bundle

VALUE_COLUMNS = {
    "gebiet_id": "Kennung des Gebiets",
    "gebiet": "Name des Gebiets",
    "indikator_id": "Kennung des Indikators (siehe indikatoren.csv)",
    "jahr": "Jahr bzw. Stichtag",
    "wert": "Wert in der Einheit des Indikators; leer = keine Angabe",
    "fallzahl": "Zahl der Fälle hinter dem Wert",
    "anmerkung": "Anmerkung, z. B. Grund der Geheimhaltung",
}


def metadata(bundle: Bundle, today: date | None = None) -> dict[str, object]:
    """Machine-readable description of the downloads of a data folder."""
    today = today or date.today()
    s = bundle.settings
    publisher = s.namensnennung or s.stadt_name
    catalogue = bundle.catalogue
    withheld = int(bundle.values["gesperrt"].sum()) if "gesperrt" in bundle.values.columns else 0
    years = bundle.years
    return {
        "titel": s.titel,
        "beschreibung": f"Soziale Indikatoren je Sozialraum für {s.stadt_name}",
        "herausgeber": publisher,
        "lizenz": {"name": s.lizenz_name, "kennung": s.lizenz_kurz, "url": s.lizenz_url},
        "namensnennung": f"{publisher}, {s.lizenz_name} ({s.lizenz_kurz}, {s.lizenz_url})",
        "exportdatum": today.isoformat(),
        "beispieldaten": s.beispieldaten,
        "gebiete": len(bundle.areas),
        "zeitraum": [years[0], years[-1]] if years else [],
        "geheimhaltung": {
            "min_fallzahl": s.min_fallzahl,
            "min_einwohner": s.min_einwohner,
            "zeichen": SIGN,
            "erklaerung": EXPLANATION,
            "gesperrte_werte": withheld,
        },
        "dateien": [
            {"name": "werte.csv", "spalten": VALUE_COLUMNS},
            {"name": "indikatoren.csv", "spalten": {c: "" for c in catalogue.columns}},
        ],
        "indikatoren": [
            {
                "indikator_id": str(row["indikator_id"]),
                "name": str(row["name"]),
                "einheit": str(row["einheit"]),
                "definition": str(row["definition"]),
                "quelle": str(row["quelle"]),
                "datenstand": str(row["datenstand"]),
            }
            for _, row in catalogue.iterrows()
        ],
    }


def metadata_json(bundle: Bundle, today: date | None = None) -> bytes:
    return json.dumps(metadata(bundle, today), ensure_ascii=False, indent=2).encode("utf-8")
