"""metadata.json: licence with attribution, source and Datenstand per indicator, export date, confidentiality."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sozialraum import load_bundle
from sozialraum.opendata import metadata_json

from .conftest import VALUES, write_folder


def test_metadata_names_licence_sources_dates_and_withheld_cells(tmp_path: Path) -> None:
    values = VALUES.replace("01;quote;2024;12,0;120;120;1000;", "01;quote;2024;0,2;2;2;1000;")
    bundle = load_bundle(write_folder(tmp_path, werte_csv=values))
    meta = json.loads(metadata_json(bundle, today=date(2026, 11, 26)))
    assert meta["lizenz"]["kennung"] == "dl-de/by-2-0"
    assert "dl-de/by-2-0" in meta["namensnennung"] and "govdata.de" in meta["namensnennung"]
    assert meta["exportdatum"] == "2026-11-26"
    assert meta["zeitraum"] == [2023, 2024]
    quote = next(i for i in meta["indikatoren"] if i["indikator_id"] == "quote")
    assert quote["quelle"] == "BA" and quote["datenstand"] == "31.12.2024"
    assert meta["geheimhaltung"]["zeichen"] == "." and meta["geheimhaltung"]["gesperrte_werte"] == 1
    assert [f["name"] for f in meta["dateien"]] == ["werte.csv", "indikatoren.csv"]
