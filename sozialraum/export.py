"""Downloads that carry their provenance: source, licence, Datenstand and export date.

Withheld values (statistical confidentiality) stay **empty** in CSV and Excel, so number columns
stay numbers for spreadsheets and scripts (a "." would be read as text, or in German CSV as a
thousands separator); the row's `anmerkung` says why ("Geheimhaltung: …"). A file with withheld
rows carries the line `Geheimhaltung` in its metadata explaining this. On screen the same cells
show the official sign "." (`components.views.german_table`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from .confidentiality import SIGN, SIGN_TEXT

NOTE_PREFIX = "Geheimhaltung"
CONFIDENTIALITY_KEY = "Geheimhaltung"
CONFIDENTIALITY_NOTE = (
    f"Leere Werte in Zeilen mit der Anmerkung „{NOTE_PREFIX}: …“ sind aus Gründen der statistischen "
    f"Geheimhaltung gesperrt (in der Anzeige „{SIGN}“ = {SIGN_TEXT}); andere leere Werte: kein Wert vorhanden."
)


def withheld_rows(frame: pd.DataFrame) -> pd.Series:
    """Rows whose values are withheld: the boolean column `gesperrt`, set where the data are made (loader,
    social index). The note in `anmerkung` only explains; a frame without the flag has no withheld rows."""
    if "gesperrt" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["gesperrt"].fillna(False).astype(bool)


def at_decimals(frame: pd.DataFrame, decimals: Mapping[str, int]) -> pd.DataFrame:
    """Copy of `frame` with these number columns rounded as the page shows them (`format_number`'s
    rounding), so a download carries what people read, not float noise or more digits than the source."""
    out = frame.copy()
    for column, places in decimals.items():
        if column in out.columns:
            numbers = pd.to_numeric(out[column], errors="coerce").astype(float)
            out[column] = [round(v, places) + 0.0 if pd.notna(v) else float("nan") for v in numbers]
    return out


def with_confidentiality_note(meta: dict[str, str], *frames: pd.DataFrame) -> dict[str, str]:
    """`meta` plus the note on withheld values when one of `frames` has withheld rows."""
    if CONFIDENTIALITY_KEY in meta or not any(withheld_rows(f).any() for f in frames):
        return meta
    return {**meta, CONFIDENTIALITY_KEY: CONFIDENTIALITY_NOTE}


def csv_with_metadata(frame: pd.DataFrame, meta: dict[str, str], today: date | None = None) -> bytes:
    """Semicolon CSV with decimal comma (opens directly in German Excel); metadata as `#` lines."""
    today = today or date.today()
    meta = with_confidentiality_note(meta, frame)
    lines = [f"# {key}: {value}" for key, value in {**meta, "Exportdatum": today.strftime("%d.%m.%Y")}.items()]
    body = frame.to_csv(sep=";", decimal=",", index=False)
    return ("\n".join(lines) + "\n" + body).encode("utf-8-sig")


def xlsx_with_metadata(sheets: dict[str, pd.DataFrame], meta: dict[str, str], today: date | None = None) -> bytes:
    """An Excel workbook: one sheet per table plus a sheet „Metadaten“ with source, licence,
    Datenstand and export date (openpyxl, nothing else needed)."""
    import io

    today = today or date.today()
    meta = with_confidentiality_note(meta, *sheets.values())
    info = pd.DataFrame({"Angabe": [*meta.keys(), "Exportdatum"], "Wert": [*meta.values(), today.strftime("%d.%m.%Y")]})
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
        info.to_excel(writer, sheet_name="Metadaten", index=False)
    return buffer.getvalue()
