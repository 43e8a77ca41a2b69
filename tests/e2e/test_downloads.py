"""Browser test: the table downloads are made when clicked (not on every rerun) and carry provenance."""

from __future__ import annotations

import io

import pandas as pd
from playwright.sync_api import Page

from sozialraum import load_bundle
from sozialraum.settings import DEFAULT_DATA_DIR
from tests.e2e.conftest import goto_app

SHOWN = ["Gebiet", "SGB-II-Quote 2024 (%)", "Differenz zur Stadt (Prozentpunkte)", "Rang", "Anmerkung"]


def _download(page: Page, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def test_map_table_downloads_as_csv_and_xlsx_with_provenance(page: Page, app_server: str) -> None:
    bundle = load_bundle(DEFAULT_DATA_DIR)
    meta = bundle.catalogue.loc["sgb2_quote"]
    goto_app(page, app_server + "/Karte?indikator=sgb2_quote&jahr=2024")

    text = _download(page, "Tabelle als CSV herunterladen").decode("utf-8-sig")
    header = [line for line in text.splitlines() if line.startswith("# ")]
    assert f"# Quelle: {meta['quelle']}" in header
    assert any(line.startswith("# Lizenz: ") for line in header)
    assert any(line.startswith("# Exportdatum: ") for line in header)
    body = pd.read_csv(io.StringIO(text), sep=";", decimal=",", comment="#")
    # what the table on the page shows: its headings, order and decimals (here one), not field names
    assert list(body.columns) == SHOWN
    assert sorted(body["Gebiet"]) == sorted(bundle.areas["name"])
    rows = [line.split(";") for line in text.splitlines() if line and not line.startswith("#")][1:]
    decimals = {len(cell.split(",")[1]) for row in rows for cell in row[1:3] if "," in cell}
    assert decimals == {int(meta["dezimalstellen"])}, decimals
    assert all(row[3].isdigit() for row in rows)  # ranks as whole numbers
    assert "# Gera gesamt: 14,5\u00a0%" in header  # the city value from the caption under the table

    workbook = pd.read_excel(io.BytesIO(_download(page, "Tabelle als Excel herunterladen")), sheet_name=None)
    assert set(workbook) == {"Daten", "Metadaten"}
    assert len(workbook["Daten"]) == len(bundle.areas)
    assert list(workbook["Daten"].columns) == SHOWN
    assert "Datenstand" in set(workbook["Metadaten"]["Angabe"])
