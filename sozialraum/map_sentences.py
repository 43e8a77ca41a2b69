"""The Karte's generated sentences in the languages of the public view other than German.

German keeps its own sentences (`sentences`, `mapview`); every other language gets one statement per
sentence from the templates below, each a whole sentence with placeholders, so no language is glued from
German fragments and none depends on plural forms (Ukrainian and Arabic have three and six): counts
stand after a colon ("Gebiete mit Anstieg: 3 von 12."). Rise, fall and tie are decided on the numbers
as shown (`fmt`), as in German, so a sentence never contradicts the table beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from .i18n import ISOLATES, N_, Translator
from .sentences import Formatter


def join_names(items: Sequence[str], t: Translator) -> str:
    """'A', 'A and B', 'A, B and C' in the language of `t`."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    listed = items[0]
    for item in items[1:-1]:
        listed = t("{liste}, {name}", liste=listed, name=item)
    return t("{liste} und {name}", liste=listed, name=items[-1])


def _sentences(parts: list[str]) -> str:
    """The statements as one text; a unit ending in a full stop ("в. п.") takes the sentence's own."""
    return re.sub(r"\.\.(?=\s|$)", ".", " ".join(parts))


def isolated(text: str, t: Translator) -> str:
    """Names and values isolated (FSI … PDI) in a right-to-left sentence: "Lusan: 5.1 %" stays in its order."""
    return f"\u2068{text}\u2069" if t.language.direction == "rtl" else text


def _isolating(fmt: Formatter, t: Translator) -> Formatter:
    """Values left to right (LRI … PDI) in a right-to-left sentence: "39.4 %" as in the table."""
    if t.language.direction != "rtl":
        return fmt
    return lambda v: _left_to_right(fmt(v))


def _left_to_right(text: str) -> str:
    """LRI … PDI, unless the Translator's value already comes isolated."""
    return text if text[:1] in ISOLATES else f"\u2066{text}\u2069"


def _count(t: Translator, count: int) -> str:
    return t.decimal(count, 0)


def _city(table: pd.DataFrame, fmt: Formatter, message: str, t: Translator) -> list[str]:
    city = table["stadt"].iloc[0] if "stadt" in table.columns and len(table) else None
    return [t(message, wert=fmt(city))] if city is not None and pd.notna(city) else []


def _missing(table: pd.DataFrame, present: pd.DataFrame, message: str, t: Translator) -> list[str]:
    gone = len(table) - len(present)
    return [t(message, anzahl=_count(t, gone))] if gone else []


def _isolated_names(table: pd.DataFrame, t: Translator) -> pd.DataFrame:
    if t.language.direction != "rtl":
        return table
    return table.assign(name=[isolated(str(n), t) for n in table["name"]])


def _extreme_sentence(rows: pd.DataFrame, fmt: Formatter, highest: bool, single: str, tied: str, t: Translator) -> str:
    """The area (or the tied areas, named together) with the highest or lowest shown value."""
    shown = fmt(rows["wert"].max() if highest else rows["wert"].min())
    names = list(rows[[fmt(v) == shown for v in rows["wert"]]].sort_values("name")["name"])
    if len(names) == 1:
        return t(single, gebiet=str(names[0]), wert=shown)
    return t(tied, gebiete=join_names(names, t), wert=shown)


def value_sentence(table: pd.DataFrame, name: str, fmt: Formatter, t: Translator) -> str:
    """Highest and lowest value (ties named together), areas without a value, the city value."""
    fmt, name, table = _isolating(fmt, t), isolated(name, t), _isolated_names(table, t)
    present = table.dropna(subset=["wert"])
    if present.empty:
        parts = [t("Für „{name}“ gibt es in dieser Auswahl keine Werte.", name=name)]
    elif len(present) == 1:
        row = present.iloc[0]
        parts = [
            t(
                "Für „{name}“ hat nur ein Gebiet einen Wert: {gebiet} mit {wert}.",
                name=name,
                gebiet=str(row["name"]),
                wert=fmt(row["wert"]),
            )
        ]
    elif fmt(present["wert"].max()) == fmt(present["wert"].min()):
        parts = [
            t("Die Karte zeigt „{name}“.", name=name),
            t("Alle Gebiete haben denselben Wert: {wert}.", wert=fmt(present["wert"].max())),
        ]
    else:
        parts = [
            t("Die Karte zeigt „{name}“.", name=name),
            _extreme_sentence(
                present,
                fmt,
                True,
                N_("Den höchsten Wert hat {gebiet}: {wert}."),
                N_("Den höchsten Wert haben diese Gebiete, je {wert}: {gebiete}."),
                t,
            ),
            _extreme_sentence(
                present,
                fmt,
                False,
                N_("Den niedrigsten Wert hat {gebiet}: {wert}."),
                N_("Den niedrigsten Wert haben diese Gebiete, je {wert}: {gebiete}."),
                t,
            ),
        ]
    parts += _missing(table, present, N_("Gebiete ohne Wert: {anzahl}."), t)
    parts += _city(table, fmt, N_("Wert der ganzen Stadt: {wert}."), t)
    return _sentences(parts)


def change_sentence(table: pd.DataFrame, name: str, fmt: Formatter, t: Translator) -> str:
    """How many areas rose, fell or stayed the same, the largest rise and fall, the city's change."""
    fmt, name, table = _isolating(fmt, t), isolated(name, t), _isolated_names(table, t)
    present = table.dropna(subset=["wert"])
    if present.empty:
        parts = [t("Für „{name}“ lässt sich in dieser Auswahl keine Veränderung zeigen.", name=name)]
    else:
        parts = [t("Die Karte zeigt die Veränderung von „{name}“.", name=name), *_changes(present, fmt, t)]
    parts += _missing(table, present, N_("Gebiete ohne Angabe zur Veränderung: {anzahl}."), t)
    parts += _city(table, fmt, N_("Veränderung der ganzen Stadt: {wert}."), t)
    return _sentences(parts)


def _changes(present: pd.DataFrame, fmt: Formatter, t: Translator) -> list[str]:
    zero = fmt(0.0)
    same_mask = [fmt(v) == zero for v in present["wert"]]
    rest = present[[not s for s in same_mask]]
    up, down = rest[rest["wert"] > 0], rest[rest["wert"] < 0]
    if len(present) == 1:
        row = present.iloc[0]
        message = (
            N_("In {gebiet} ist der Wert gleich geblieben: {wert}.")
            if same_mask[0]
            else (
                N_("In {gebiet} ist der Wert gestiegen: {wert}.")
                if row["wert"] > 0
                else N_("In {gebiet} ist der Wert gesunken: {wert}.")
            )
        )
        return [t(message, gebiet=str(row["name"]), wert=fmt(row["wert"]))]
    total = _count(t, len(present))
    parts = []
    if len(up):
        parts.append(t("Gebiete mit Anstieg: {anzahl} von {gesamt}.", anzahl=_count(t, len(up)), gesamt=total))
        parts.append(
            _extreme_sentence(
                up,
                fmt,
                True,
                N_("Den stärksten Anstieg hat {gebiet}: {wert}."),
                N_("Den stärksten Anstieg haben diese Gebiete, je {wert}: {gebiete}."),
                t,
            )
        )
    if len(down):
        parts.append(t("Gebiete mit Rückgang: {anzahl} von {gesamt}.", anzahl=_count(t, len(down)), gesamt=total))
        parts.append(
            _extreme_sentence(
                down,
                fmt,
                False,
                N_("Den stärksten Rückgang hat {gebiet}: {wert}."),
                N_("Den stärksten Rückgang haben diese Gebiete, je {wert}: {gebiete}."),
                t,
            )
        )
    same = sum(same_mask)
    if same:
        parts.append(t("Gebiete ohne Veränderung: {anzahl} von {gesamt}.", anzahl=_count(t, same), gesamt=total))
    return parts


def comparison_sentence(counts: Sequence[int], labels: Sequence[str], band: str, t: Translator) -> str:
    """How many areas lie below, near and above the city value; `band` as shown ('10 %')."""
    if not counts:
        return t("Ohne Stadtwert ist kein Vergleich möglich.")
    listed = [
        t("{einordnung}: {anzahl}", einordnung=t(label), anzahl=_count(t, n))
        for n, label in zip(counts, labels, strict=True)
    ]
    return " ".join(
        [
            t("Anzahl der Gebiete im Vergleich mit der ganzen Stadt: {liste}.", liste=join_names(listed, t)),
            t("Ähnlich heißt: höchstens {abstand} über oder unter dem Wert der Stadt.", abstand=band),
        ]
    )
