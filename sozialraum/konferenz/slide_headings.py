"""Slide headings from one template per kind of slide (issue 22): German on the slide and, where the conference
asks for a second language (`zweitsprache` in the agenda), once more below it in that language, for residents
who do not read German. Data texts (indicator and Handlungsfeld names) come from the translated columns; a name
without translation stays German and is marked `lang="de"`. Headings in the planner's own words (a slide's own
title, the guiding question, the question of a vote) have no second line: nobody translated them."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

from ..i18n import N_, SOURCE, Translator
from ..translations import LocalizedText, localized

TEMPLATES = {
    "steckbrief": N_("{gebiet} auf einen Blick"),
    "karte": N_("{indikator} {jahr}"),
    "entwicklung": N_("{indikator}: Entwicklung"),
    "vergleich": N_("{indikator} {jahr}: {gebiet} im Vergleich"),
    "massnahmen": N_("Maßnahmen des Sozialplans in {gebiet}"),
    "massnahmen_feld": N_("Maßnahmen in {gebiet}: {feld}"),
    "aenderungen": N_("Was sich seit dem {datum} geändert hat"),
    "abstimmung": N_("Punkteabstimmung: Welche Handlungsschwerpunkte setzen wir?"),
}


@dataclass(frozen=True)
class HeadingKey:
    """Which template and the values it names: `indikator` and `feld` as ids (their names depend on the
    language), `datum` as a date, `gebiet` and `jahr` as they are shown."""

    template: str
    values: dict[str, object] = field(default_factory=dict)


def _values(bundle, key: HeadingKey, code: str) -> dict[str, LocalizedText]:
    tr = Translator(code)
    found = {}
    for name, value in key.values.items():
        if name == "indikator":
            found[name] = localized(bundle.catalogue.loc[str(value)], "name", code)
        elif name == "feld":
            fields = bundle.plan.fields.set_index("handlungsfeld_id")
            found[name] = (
                localized(fields.loc[value], "name", code) if value in fields.index else LocalizedText(str(value), code)
            )
        elif isinstance(value, date):
            found[name] = LocalizedText(tr.day(value), code)
        else:  # the area's name and the year: the same in every language
            found[name] = LocalizedText(str(value), code)
    return found


def heading_text(bundle, key: HeadingKey, code: str = SOURCE) -> str:
    """The heading as plain text (German on the slide, in the protocol and the PDF)."""
    values = {name: text.text for name, text in _values(bundle, key, code).items()}
    return Translator(code)(TEMPLATES[key.template], **values)


def heading_html(bundle, key: HeadingKey, code: str) -> str:
    """The heading in `code` as HTML: German data texts marked `lang="de"`, each value isolated (`<bdi>`), so a
    name or year keeps its own direction inside an Arabic line."""
    tr = Translator(code)
    german = tr.language.html_lang != "de"
    values = {}
    for name, text in _values(bundle, key, code).items():
        mark = ' lang="de" dir="ltr"' if german and text.lang == SOURCE and name in ("indikator", "feld") else ""
        values[name] = f"<bdi{mark}>{html.escape(text.text)}</bdi>"
    # the translated template (no values given: not yet formatted), escaped, then the marked values put in
    return html.escape(tr(TEMPLATES[key.template]), quote=False).format(**values)
