"""Plain-German sentences for one indicator across areas: highest and lowest value, and the change
between two years. True for every sign and tie: what counts as a rise, a fall or a tie is decided on the
numbers as shown (`fmt`), so a sentence never contradicts the table next to it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

Formatter = Callable[[float], str]


def join_names(items: Sequence[str]) -> str:
    """'A', 'A und B', 'A, B und C'."""
    items = [str(i) for i in items]
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]


def areas(count: int) -> str:
    return f"{count} Gebiet" if count == 1 else f"{count} Gebieten"


def _subject(name: str) -> str:
    return f"Beim Indikator „{name}“"


def _extreme(rows: pd.DataFrame, fmt: Formatter, highest: bool) -> tuple[str, str, int]:
    """Names (joined), shown value and number of the areas that share the highest (lowest) shown value."""
    value = rows["wert"].max() if highest else rows["wert"].min()
    shown = fmt(value)
    tied = rows[[fmt(v) == shown for v in rows["wert"]]].sort_values("name")
    return join_names(list(tied["name"])), shown, len(tied)


def _each(shown: str, count: int) -> str:
    return f"je {shown}" if count > 1 else shown


def _missing(count: int, what: str) -> str:
    if not count:
        return ""
    verb = "liegt" if count == 1 else "liegen"
    return f" Für {'1 Gebiet' if count == 1 else f'{count} Gebiete'} {verb} {what} vor."


def _city(table: pd.DataFrame, text: Callable[[str], str], fmt: Formatter) -> str:
    city = table["stadt"].iloc[0] if "stadt" in table.columns and len(table) else None
    return text(fmt(city)) if city is not None and pd.notna(city) else ""


def value_sentence(table: pd.DataFrame, name: str, fmt: Formatter) -> str:
    """Which areas have the highest and the lowest value (ties named together) and the city value.

    `table` has the columns name, wert and optionally stadt (the same city value on every row)."""
    present = table.dropna(subset=["wert"])
    missing = _missing(len(table) - len(present), "kein Wert")
    city = _city(table, lambda v: f" Die Gesamtstadt liegt bei {v}.", fmt)
    if present.empty:
        return f"{_subject(name)} liegen für diese Auswahl keine Werte vor.{city}"
    top, top_shown, n_top = _extreme(present, fmt, highest=True)
    low, low_shown, n_low = _extreme(present, fmt, highest=False)
    if len(present) == 1:
        text = f"{_subject(name)} liegt nur für {top} ein Wert vor: {top_shown}."
    elif top_shown == low_shown:
        text = f"{_subject(name)} haben alle {len(present)} Gebiete denselben Wert: {top_shown}."
    else:
        verb = "hat" if n_top == 1 else "haben"
        text = (
            f"{_subject(name)} {verb} {top} den höchsten Wert ({_each(top_shown, n_top)}), "
            f"{low} den niedrigsten ({_each(low_shown, n_low)})."
        )
    return text + missing + city


def change_sentence(table: pd.DataFrame, name: str, fmt: Formatter) -> str:
    """How many areas rose, fell or stayed the same, and where the rise and the fall were largest.

    `table["wert"]` holds each area's change; a change that `fmt` shows like zero counts as unchanged."""
    present = table.dropna(subset=["wert"])
    missing = _missing(len(table) - len(present), "keine Veränderung")
    city = _city(table, lambda v: f" Gesamtstadt: {v}.", fmt)
    if present.empty:
        return f"{_subject(name)} lässt sich für diese Auswahl keine Veränderung darstellen.{missing}{city}"
    zero = fmt(0.0)
    same_mask = [fmt(v) == zero for v in present["wert"]]
    same = present[same_mask]
    rest = present[[not s for s in same_mask]]
    up, down = rest[rest["wert"] > 0], rest[rest["wert"] < 0]
    n = len(present)
    head = f"{_subject(name)} ist der Wert"
    if len(same) == n:
        where = f"in {join_names(list(present['name']))}" if n == 1 else f"in allen {n} Gebieten"
        return f"{head} {where} gleich geblieben ({zero}).{missing}{city}"
    if n == 1:
        row = present.iloc[0]
        verb = "gestiegen" if row["wert"] > 0 else "gesunken"
        return f"{head} in {row['name']} {verb} ({fmt(row['wert'])}).{missing}{city}"
    for group, verb, highest in ((up, "gestiegen", True), (down, "gesunken", False)):
        if len(group) == n:
            names, shown, count = _extreme(group, fmt, highest)
            return (
                f"{head} in allen {n} Gebieten {verb}, am stärksten in {names} ({_each(shown, count)}).{missing}{city}"
            )
    parts: list[tuple[int, str]] = []
    for group, verb, highest in ((up, "gestiegen", True), (down, "gesunken", False)):
        if len(group):
            names, shown, count = _extreme(group, fmt, highest)
            where = "in" if len(group) == 1 else "am stärksten in"
            parts.append((len(group), f"{verb} ({where} {names}: {_each(shown, count)})"))
    if len(same):
        parts.append((len(same), "gleich geblieben"))
    texts = [f"in {c} von {areas(n)} {t}" if i == 0 else f"in {c} {t}" for i, (c, t) in enumerate(parts)]
    return f"{head} {join_names(texts)}.{missing}{city}"
