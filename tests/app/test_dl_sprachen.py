"""The files behind the Karte's and Entwicklung's download buttons (AppTest, issue 22): in English with the
table's English headers and English provenance, in German byte for byte as before, and in every language
with the same withheld cells."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from sozialraum.i18n import Translator
from sozialraum.settings import DATA_DIR_ENV, DEFAULT_DATA_DIR
from tests.app.download_capture import captured_downloads
from tests.app.test_pages import run_page
from tests.unit.conftest import VALUES, write_folder

KARTE, ENTWICKLUNG = "pages/1_Karte.py", "pages/2_Entwicklung.py"
# Mitte (02) 2024: two cases, withheld
WITHHELD = VALUES.replace("02;quote;2024;20,0;200;200;1000;", "02;quote;2024;20,0;2;2;10;")
LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0, https://www.govdata.de/dl-de/by-2-0)"
NOTE = (
    "Leere Werte in Zeilen mit der Anmerkung „Geheimhaltung: …“ sind aus Gründen der statistischen Geheimhaltung "
    "gesperrt (in der Anzeige „.“ = keine Angabe); andere leere Werte: kein Wert vorhanden."
)
# the two files as main 5d9e37c wrote them for this folder (export date fixed), byte for byte
GERMAN_KARTE = f"""# Indikator: SGB-II-Quote
# Darstellung: Werte
# Jahr: 2024
# Einheit: %
# Gesamtstadt: 30,6\u00a0%
# Quelle: BA
# Datenstand: 31.12.2024
# Lizenz: {LICENCE}
# Namensnennung: \n# Geheimhaltung: {NOTE}
# Exportdatum: 07.12.2026
Gebiet;SGB II 2024 (%);Differenz zur Stadt (Prozentpunkte);Rang;Anmerkung
Süd;40,0;9,4;2;
Nord;12,0;-18,6;1;
Mitte;;;;Geheimhaltung: Fallzahl zu klein
"""
GERMAN_ENTWICKLUNG = f"""# Indikator: SGB-II-Quote
# Einheit: %
# Quelle: BA
# Datenstand: 31.12.2024
# Darstellung: Absolut
# Werte in: %
# Lizenz: {LICENCE}
# Namensnennung: \n# Geheimhaltung: {NOTE}
# Exportdatum: 07.12.2026
Gebiet;2023;2024
Nord;10,0;12,0
Mitte;30,0;
Süd;50,0;40,0
Gesamtstadt;35,0;30,631229235880397
"""


@pytest.fixture
def withheld(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = write_folder(tmp_path / "klein", werte_csv=WITHHELD)
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


def downloads(page: str, lang: str) -> dict[str, bytes]:
    with captured_downloads() as files:
        at = run_page(page, sprache=lang)
        assert not at.exception, at.exception
        return {name: make() for name, make in files.items()}


def text(data: bytes) -> str:
    return data.decode("utf-8-sig")


def rows(data: bytes) -> list[list[str]]:
    """The table of a CSV without its header and `#` lines: what the cells hold."""
    table = [line for line in text(data).splitlines() if not line.startswith("#")]
    return [line.split(";") for line in table[1:]]


def test_german_files_are_as_before(withheld: Path) -> None:
    karte = downloads(KARTE, "de")
    assert karte["quote_2024.csv"] == ("\ufeff" + GERMAN_KARTE).encode("utf-8")
    sheets = pd.read_excel(io.BytesIO(karte["quote_2024.xlsx"]), sheet_name=None)
    assert list(sheets) == ["Daten", "Metadaten"] and list(sheets["Metadaten"]) == ["Angabe", "Wert"]
    entwicklung = downloads(ENTWICKLUNG, "de")
    assert entwicklung["quote_entwicklung_absolut.csv"] == ("\ufeff" + GERMAN_ENTWICKLUNG).encode("utf-8")


def test_english_karte_and_entwicklung_files_are_english(withheld: Path) -> None:
    karte = downloads(KARTE, "en")
    csv = text(karte["quote_2024.csv"])
    assert "Area;SGB II 2024 (%);Difference from the city (percentage points);Rank;Note\n" in csv
    for line in ("# Indicator: SGB-II-Quote", "# View: Values", "# Year: 2024", "# Source: BA",
                 f"# Licence: {LICENCE}", "# Export date: 7 December 2026"):  # fmt: skip
        assert line + "\n" in csv
    assert "# Confidentiality: Empty values in rows with the note “Geheimhaltung: …” are withheld" in csv
    for german in ("Indikator", "Darstellung", "Jahr", "Lizenz", "Namensnennung", "Geheimhaltung", "Exportdatum"):
        assert f"# {german}:" not in csv  # the licence's own name stays German (a setting of the city)
    assert "Gebiet" not in csv.replace("Geheimhaltung: Fallzahl zu klein", "")  # the note of a row is data
    sheets = pd.read_excel(io.BytesIO(karte["quote_2024.xlsx"]), sheet_name=None)
    assert list(sheets) == ["Data", "Metadata"] and list(sheets["Metadata"]) == ["Item", "Value"]
    assert list(sheets["Data"]) == ["Area", "SGB II 2024 (%)", "Difference from the city (percentage points)",
                                    "Rank", "Note"]  # fmt: skip
    assert sheets["Data"]["SGB II 2024 (%)"].isna().tolist() == [False, False, True]  # Mitte withheld

    entwicklung = text(downloads(ENTWICKLUNG, "en")["quote_entwicklung_absolut.csv"])
    assert "\nArea;2023;2024\n" in entwicklung
    assert "# View: Actual values\n# Values in: %\n" in entwicklung and "Darstellung" not in entwicklung


@pytest.mark.parametrize("lang", ["ls", "en", "uk", "ar"])
def test_every_language_withholds_the_same_cells(withheld: Path, lang: str) -> None:
    """The cells of the German file, in the German file's order (no reordering for Arabic either); only the
    header and the `#` lines speak the language."""
    german = "\ufeff" + GERMAN_KARTE
    shown = downloads(KARTE, lang)["quote_2024.csv"]
    assert rows(shown) == rows(german.encode("utf-8"))
    assert rows(shown)[-1] == ["Mitte", "", "", "", "Geheimhaltung: Fallzahl zu klein"]
    t = Translator(lang)
    header = [line for line in text(shown).splitlines() if not line.startswith("#")][0].split(";")
    assert header[0] == t("Gebiet") and header[-1] == t("Anmerkung")
    assert f"# {t('Geheimhaltung')}: " in text(shown)


def test_the_projection_download_is_a_csv_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bevölkerungsprognose (bundled data, which has the age structure): a file name with its extension, the
    table's English headers and English provenance."""
    monkeypatch.setenv(DATA_DIR_ENV, str(DEFAULT_DATA_DIR))
    files = downloads("pages/14_Bevoelkerungsprognose.py", "en")
    assert {"prognose_gesamt_gesamt.csv", "prognose_gesamt_gesamt.xlsx"} <= set(files)
    csv = text(files["prognose_gesamt_gesamt.csv"])
    assert csv.startswith("# Group: Total residents\n# Area: Gera gesamt\n")
    assert "\nYear;observed;Projection: Trend;" in csv and "# Export date: 7 December 2026\n" in csv
