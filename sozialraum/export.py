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
from .i18n import N_, SOURCE, Translator

NOTE_PREFIX = "Geheimhaltung"
# the lines and sheet names every download carries; German is the key, the file speaks the page's language
CONFIDENTIALITY_KEY = N_("Geheimhaltung")
NOTE_TEMPLATE = N_(
    "Leere Werte in Zeilen mit der Anmerkung „{anmerkung}“ sind aus Gründen der statistischen "
    "Geheimhaltung gesperrt (in der Anzeige „{zeichen}“ = {text}); andere leere Werte: kein Wert vorhanden."
)
CONFIDENTIALITY_NOTE = NOTE_TEMPLATE.format(anmerkung=f"{NOTE_PREFIX}: …", zeichen=SIGN, text=SIGN_TEXT)
EXPORT_DATE = N_("Exportdatum")
NUMBER_FORMAT = N_("Zahlenformat")
NUMBER_FORMAT_NOTE = N_(
    "Dezimalkomma, Spalten durch Semikolon getrennt (wie im deutschen Excel). Die Excel-Datei enthält dieselben "
    "Werte als Zahlen."
)
META_SHEET, META_KEY, META_VALUE = N_("Metadaten"), N_("Angabe"), N_("Wert")


def confidentiality_entry(lang: str = SOURCE) -> tuple[str, str]:
    """The metadata line on withheld values in `lang`: key and text. The row notes it names stay German
    (they are data, shown so on every page)."""
    tr = Translator(lang)
    note = tr(NOTE_TEMPLATE, anmerkung=f"{NOTE_PREFIX}: …", zeichen=SIGN, text=tr(SIGN_TEXT))
    return tr(CONFIDENTIALITY_KEY), note


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


def with_confidentiality_note(meta: dict[str, str], *frames: pd.DataFrame, lang: str = SOURCE) -> dict[str, str]:
    """`meta` plus the note on withheld values (in `lang`) when one of `frames` has withheld rows."""
    key, note = confidentiality_entry(lang)
    if key in meta or not any(withheld_rows(f).any() for f in frames):
        return meta
    return {**meta, key: note}


def _closing_lines(today: date, lang: str) -> dict[str, str]:
    """Export date, and in a language whose numbers are not German how the CSV writes them (it keeps the
    German format, see `csv_with_metadata`)."""
    tr = Translator(lang)
    lines = {tr(EXPORT_DATE): today.strftime("%d.%m.%Y") if lang == SOURCE else tr.day(today)}
    return lines if tr.language.locale.startswith("de") else {tr(NUMBER_FORMAT): tr(NUMBER_FORMAT_NOTE), **lines}


def csv_with_metadata(
    frame: pd.DataFrame, meta: dict[str, str], today: date | None = None, lang: str = SOURCE
) -> bytes:
    """Semicolon CSV with decimal comma (opens directly in German Excel); metadata as `#` lines.

    In every language the numbers keep this one format, so a script reads every language's file alike
    and Excel set up for Germany (where the readers live) opens it as numbers; `lang` translates the lines
    this module writes, the caller gives headers and `meta` in the page's language."""
    today = today or date.today()
    meta = with_confidentiality_note(meta, frame, lang=lang)
    lines = [f"# {key}: {value}" for key, value in {**meta, **_closing_lines(today, lang)}.items()]
    body = frame.to_csv(sep=";", decimal=",", index=False)
    return ("\n".join(lines) + "\n" + body).encode("utf-8-sig")


def xlsx_with_metadata(
    sheets: dict[str, pd.DataFrame], meta: dict[str, str], today: date | None = None, lang: str = SOURCE
) -> bytes:
    """An Excel workbook: one sheet per table plus a sheet „Metadaten“ with source, licence,
    Datenstand and export date (openpyxl, nothing else needed), its texts in `lang`."""
    import io

    today = today or date.today()
    tr = Translator(lang)
    meta = {**with_confidentiality_note(meta, *sheets.values(), lang=lang), **_closing_lines(today, lang)}
    info = pd.DataFrame({tr(META_KEY): list(meta.keys()), tr(META_VALUE): list(meta.values())})
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
        info.to_excel(writer, sheet_name=tr(META_SHEET)[:31], index=False)
    return buffer.getvalue()
