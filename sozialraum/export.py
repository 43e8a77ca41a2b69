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
