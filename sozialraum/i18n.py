"""Languages of the public view: gettext catalogues read at run time, the choice of language, numbers.

A language is a folder `locales/<code>/LC_MESSAGES/messages.po` (German `de` is the source);
`locales/sprachen.toml` may add its own name, writing direction and Babel locale. The .po files
are compiled in memory on first use, so there is no build step and adding a language needs no code.
See docs/sprachen.md.
"""

from __future__ import annotations

import gettext
import io
import math
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from .formatting import DASH, MINUS, format_number, with_unit
from .report import N_ as N_  # re-exported: pages mark texts with sozialraum.i18n.N_
from .settings import REPO_ROOT

LOCALES_DIR = REPO_ROOT / "locales"
SOURCE = "de"
QUERY_PARAM = "sprache"
DOMAIN = "messages"


PERCENTAGE_POINTS = N_("Prozentpunkte")  # the unit of a difference of percentages

# Unicode isolates (UAX #9): inside right-to-left text a number keeps its own order. Without them the
# no-break space before "%" lets the unit flip to the left of the number ("% 37") and a minus lands behind
# the digits ("4.0−"). LRI … PDI lays its content out left to right, RLI … PDI right to left; both are
# invisible and leave the text around them alone.
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
ISOLATES = (LRI, RLI, FSI, PDI)


@dataclass(frozen=True)
class Language:
    code: str  # as in the URL: ?sprache=<code>
    name: str  # in the language itself, for the switcher
    locale: str  # Babel locale for numbers
    direction: str = "ltr"
    numbering: str = "latn"

    @property
    def html_lang(self) -> str:
        """BCP 47 tag for `<html lang>`: Leichte Sprache is German (`de`), the rest their code."""
        return "de" if self.code == "ls" else self.code


@cache
def languages(folder: Path = LOCALES_DIR) -> dict[str, Language]:
    """The shipped languages, German first, then in the order of sprachen.toml, then by code."""
    meta_file = folder / "sprachen.toml"
    meta = tomllib.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    codes = sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    order = {code: i for i, code in enumerate(meta)}
    codes.sort(key=lambda c: (c != SOURCE, order.get(c, len(order)), c))
    found = {}
    for code in codes:
        entry = meta.get(code, {})
        found[code] = Language(
            code, entry.get("name", code), entry.get("locale", code), entry.get("richtung", "ltr"),
            entry.get("ziffern", "latn"),
        )  # fmt: skip
    return found


def language(code: str, folder: Path = LOCALES_DIR) -> Language:
    shipped = languages(folder)
    return shipped.get(code) or shipped.get(SOURCE) or Language(SOURCE, "Deutsch", "de_DE")


@cache
def translations(code: str, folder: Path = LOCALES_DIR) -> gettext.NullTranslations:
    """The catalogue of `code`, compiled in memory; German and unknown codes return the msgids."""
    po = folder / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == SOURCE or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=_babel_locale(language(code, folder).locale), domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def choose(query_value: str | None, accept_language: str | None, folder: Path = LOCALES_DIR) -> str:
    """The language code: `?sprache=` if shipped, else the browser's best shipped language, else German."""
    shipped = languages(folder)
    if query_value and query_value.strip().lower() in shipped:
        return query_value.strip().lower()
    for tag in _accepted(accept_language or ""):
        primary = tag.split("-")[0]
        if primary in shipped and primary != "ls":  # browsers have no tag for Leichte Sprache
            return primary
    return SOURCE


def _accepted(header: str) -> list[str]:
    """Language tags of an Accept-Language header, best first (q=0 dropped, order kept on ties)."""
    weighted = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, position, tag.lower()))
    return [tag for *_, tag in sorted(weighted)]


class Translator:
    """Texts and numbers in one language: `t("Noch {rest} …", rest=3)`."""

    def __init__(self, code: str, folder: Path = LOCALES_DIR) -> None:
        self.language = language(code, folder)
        self._catalogue = translations(self.language.code, folder)

    def __call__(self, message: str, **values: object) -> str:
        text = self._catalogue.gettext(message)
        if not values:
            return text
        return text.format(**{k: self.number(v) if isinstance(v, int | float) else v for k, v in values.items()})

    @property
    def rtl(self) -> bool:
        return self.language.direction == "rtl"

    def number(self, value: float) -> str:
        """A placeholder value as Babel writes it (no fixed decimals): counts in sentences."""
        lang = self.language
        text = format_decimal(value, locale=_babel_locale(lang.locale), numbering_system=lang.numbering)
        return self.left_to_right(text) if text.startswith("-") else text

    def decimal(self, value: float | None, decimals: int = 1) -> str:
        """A number with fixed decimals: German (and Leichte Sprache) as `sozialraum.formatting`, the others
        with Babel (grouping and decimal sign per locale, Western digits unless sprachen.toml says otherwise);
        the typographic minus, a dash for a missing value."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return DASH
        lang = self.language
        if lang.locale.startswith("de"):
            return format_number(value, decimals, MINUS)
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        rounded = round(float(value), decimals) + 0.0  # + 0.0: no "-0"
        text = format_decimal(
            rounded, format=pattern, locale=_babel_locale(lang.locale), numbering_system=lang.numbering
        )
        text = text.replace("-", MINUS).replace(MINUS + MINUS, MINUS)
        return self.left_to_right(text) if text.startswith(MINUS) else text

    def value(self, amount: float | None, unit: str, decimals: int = 1) -> str:
        """Value and unit joined by the no-break space ('31.5 %', '1,234 Personen'); in right-to-left
        languages isolated, see `_with_unit`."""
        if amount is None or (isinstance(amount, float) and math.isnan(amount)):
            return DASH
        return self._with_unit(self._plain(amount, decimals), unit)

    def signed(self, amount: float | None, unit: str, decimals: int = 1) -> str:
        """A difference with its sign (+, −, ±); a difference of percentages in percentage points."""
        if amount is None or (isinstance(amount, float) and math.isnan(amount)):
            return DASH
        unit = self(PERCENTAGE_POINTS) if unit.strip() == "%" else unit
        amount = round(float(amount), decimals) + 0.0
        sign = "+" if amount > 0 else (MINUS if amount < 0 else "±")
        return self._with_unit(sign + self._plain(abs(amount), decimals), unit)

    def _plain(self, amount: float, decimals: int) -> str:
        """`decimal` without isolates, to be isolated together with its sign and unit."""
        return self.decimal(amount, decimals).strip("".join(ISOLATES))

    def isolated(self, text: str) -> str:
        """`text` in its own direction (FSI … PDI) in a right-to-left language: a German title with its number
        ("1.1.1 Sozialbericht …") keeps its order among Arabic text; unchanged otherwise."""
        return f"{FSI}{text}{PDI}" if self.rtl and text else text

    def left_to_right(self, text: str) -> str:
        """`text` as one left-to-right run in a right-to-left language ("+1.0"); unchanged otherwise."""
        return f"{LRI}{text}{PDI}" if self.rtl and text != DASH else text

    def _with_unit(self, number: str, unit: str) -> str:
        """Number (with its sign) and unit. Right to left, a unit in that script follows the number as the
        script reads ("−510 نسمة": the number on the right, the minus before its digits): the whole in
        RLI … PDI, the number in LRI … PDI. Any other unit ("%", "km²", German data) stays on the number's
        right: the whole in LRI … PDI ("37 %", "−4.0 %"). Either way the result reads the same wherever it
        stands (a sentence, a table cell, a chart that runs left to right)."""
        if not self.rtl or number == DASH:
            return with_unit(number, unit)
        if not unit.strip() or not _right_to_left_script(unit):
            return f"{LRI}{with_unit(number, unit)}{PDI}"
        return f"{RLI}{with_unit(self.left_to_right(number), unit)}{PDI}"

    def day(self, when: date) -> str:
        """A date: German and Leichte Sprache 07.12.2026, the others per locale in words (Babel)."""
        lang = self.language
        if lang.locale.startswith("de"):
            return f"{when:%d.%m.%Y}"
        return format_date(when, format="long", locale=_babel_locale(lang.locale))


def _right_to_left_script(text: str) -> bool:
    """Whether the first letter of `text` is of a right-to-left script (Arabic, Hebrew, …)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


def _babel_locale(name: str) -> Locale:
    try:
        return Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("de_DE")
