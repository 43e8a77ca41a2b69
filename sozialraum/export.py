"""Downloads that carry their provenance: source, licence, Datenstand and export date."""

from __future__ import annotations

from datetime import date

import pandas as pd


def csv_with_metadata(frame: pd.DataFrame, meta: dict[str, str], today: date | None = None) -> bytes:
    """Semicolon CSV with decimal comma (opens directly in German Excel); metadata as `#` lines."""
    today = today or date.today()
    lines = [f"# {key}: {value}" for key, value in {**meta, "Exportdatum": today.strftime("%d.%m.%Y")}.items()]
    body = frame.to_csv(sep=";", decimal=",", index=False)
    return ("\n".join(lines) + "\n" + body).encode("utf-8-sig")


def xlsx_with_metadata(sheets: dict[str, pd.DataFrame], meta: dict[str, str], today: date | None = None) -> bytes:
    """An Excel workbook: one sheet per table plus a sheet „Metadaten“ with source, licence,
    Datenstand and export date (openpyxl, nothing else needed)."""
    import io

    today = today or date.today()
    info = pd.DataFrame({"Angabe": [*meta.keys(), "Exportdatum"], "Wert": [*meta.values(), today.strftime("%d.%m.%Y")]})
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
        info.to_excel(writer, sheet_name="Metadaten", index=False)
    return buffer.getvalue()
