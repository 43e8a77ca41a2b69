"""What every chapter builder needs: the bundle, the years, the display geometry and formatting
helpers that turn published values into text (a withheld value reads „.“, a missing one „–“)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import geopandas as gpd
import pandas as pd

from ..confidentiality import SIGN
from ..formatting import DASH, format_number, format_signed
from ..loader import Bundle
from ..polarity import Polarity
from .config import BerichtConfig


@dataclass
class Context:
    bundle: Bundle
    config: BerichtConfig
    jahr: int
    vergleichsjahr: int
    stichtag: date
    geometry: gpd.GeoDataFrame  # display geometry of the map level (`bundle` is seen at that level)
    texts: dict[str, str]
    home_level: str = ""  # the data folder's main level (the default level of the profiles)
    log: list[str] = field(default_factory=list)
    counter: dict[str, int] = field(default_factory=dict)

    @property
    def stadt(self) -> str:
        return self.bundle.settings.gesamtstadt_name

    def key(self, prefix: str) -> str:
        """A unique, readable file name for a table or figure (`tabelle-03-sgb2_quote`)."""
        self.counter[prefix] = self.counter.get(prefix, 0) + 1
        return f"{prefix}-{self.counter[prefix]:02d}"

    def meta(self, indikator: str) -> pd.Series:
        return self.bundle.catalogue.loc[indikator]

    def source(self, indikatoren: list[str]) -> tuple[str, str]:
        """„Quelle: …“ and „Datenstand: …“ of a set of indicators (each distinct entry once)."""
        cat = self.bundle.catalogue
        sources = list(dict.fromkeys(str(cat.at[i, "quelle"]) for i in indikatoren if i in cat.index))
        stands = list(dict.fromkeys(str(cat.at[i, "datenstand"]) for i in indikatoren if i in cat.index))
        return "; ".join(sources) or "eigene Berechnung", "; ".join(stands) or DASH


def slug(text: str) -> str:
    cleaned = text.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    return re.sub(r"[^a-z0-9]+", "-", cleaned).strip("-") or "x"


def is_withheld(flag: object) -> bool:
    """The row flag `gesperrt` (True, numpy bool or a missing cell of a pivot)."""
    return flag is not None and not (isinstance(flag, float) and pd.isna(flag)) and bool(flag)


def cell(value: object, decimals: int, withheld: object = False) -> str:
    """A published value as text; „.“ when withheld (flag `gesperrt`), „–“ when there is none."""
    if value is None or pd.isna(value):
        return SIGN if is_withheld(withheld) else DASH
    return format_number(float(value), decimals)


def signed_cell(value: object, unit: str, decimals: int) -> str:
    if value is None or pd.isna(value):
        return DASH
    return format_signed(float(value), unit, decimals)


def unit_text(unit: str) -> str:
    """The unit of a difference: percentage points for a percent value."""
    return "Prozentpunkte" if unit.strip() == "%" else unit


def direction(change: float, polarity: str) -> str:
    """„gestiegen (günstig)“ … for every sign, including no change at all."""
    if abs(change) < 1e-9:
        return "unverändert geblieben"
    word = "gestiegen" if change > 0 else "gesunken"
    good = Polarity.of(polarity).favourable(change)
    if good is None:
        return word
    return f"{word} ({'günstig' if good else 'ungünstig'})"
