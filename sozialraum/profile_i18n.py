"""The Steckbrief's data texts in the visitor's language: indicator names, short names and units, measure titles,
Handlungsfeld names and status words (docs/sprachen.md). Data texts come from translated columns
(`sozialraum.translations.localized`); where a column has no translation the German text stays and the
page marks it `lang="de"` (`german` lists those texts).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .i18n import N_, SOURCE, Translator
from .status import STATUS_VOCABULARY
from .translations import localized

# the status words of the plan (schemas.STATUS_VOCABULARY), here for extraction
STATUS_WORDS = (
    N_("geplant"), N_("in Vorbereitung"), N_("in Umsetzung"), N_("umgesetzt"), N_("verzögert"), N_("ausgesetzt"),
    N_("entfallen"),
)  # fmt: skip


@dataclass
class Localized:
    """Data texts of one language, and which of them stayed German (no translation in the data)."""

    lang: str
    german: set[str] = field(default_factory=set)

    def text(self, row: pd.Series | dict, column: str) -> str:
        found = localized(row, column, self.lang)
        if self.lang != SOURCE and found.lang == SOURCE and found.text:
            self.german.add(found.text)
        return found.text


def localize_profile(profile: pd.DataFrame, catalogue: pd.DataFrame, texts: Localized) -> pd.DataFrame:
    """`profile` with thema, name, kurzname and einheit of each indicator in `texts.lang` (German: unchanged)."""
    if texts.lang == SOURCE or profile.empty:
        return profile
    rows = [catalogue.loc[i] for i in profile["indikator_id"]]
    return profile.assign(
        thema=[texts.text(r, "thema") for r in rows],
        name=[texts.text(r, "name") for r in rows],
        kurzname=[texts.text(r, "kurzname") for r in rows],
        einheit=[texts.text(r, "einheit") for r in rows],
    )


def localize_measures(
    measures: pd.DataFrame, fields: pd.DataFrame, plan_fields: pd.DataFrame, texts: Localized
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Measures in an area and their Handlungsfeld summary with titles, field names and status in `texts.lang`."""
    if texts.lang == SOURCE:
        return measures, fields
    tr = Translator(texts.lang)
    by_field = plan_fields.set_index(plan_fields["handlungsfeld_id"].astype(str))
    field_name = {i: texts.text(row, "name") for i, row in by_field.iterrows()}

    def names(frame: pd.DataFrame) -> list[str]:
        pairs = zip(frame["handlungsfeld_id"], frame["handlungsfeld"], strict=True)
        return [field_name.get(str(i), n) for i, n in pairs]

    field_of = measures["handlungsfeld_id"].astype(str)
    statuses = [status_line(measures.loc[field_of == str(f), "status"].value_counts(), tr)
                for f in fields["handlungsfeld_id"]]  # fmt: skip
    fields = fields.assign(handlungsfeld=names(fields), status_text=statuses)
    measures = measures.assign(
        titel=[texts.text(row, "titel") for _, row in measures.iterrows()],
        handlungsfeld=names(measures),
        status=[tr(s) for s in measures["status"]],
    )
    return measures, fields


def status_line(counts: pd.Series, tr: Translator) -> str:
    """'in Umsetzung: 3, geplant: 1' — the word first, so no language needs a plural after the number."""
    parts = [tr(N_("{status}: {count}"), status=tr(s), count=int(counts[s])) for s in STATUS_VOCABULARY
             if s in counts and counts[s]]  # fmt: skip
    return ", ".join(parts) or tr(N_("keine Maßnahmen"))


# the unit of a signed difference of percentages (`Translator.signed`), here for extraction: the sentences use it
PERCENTAGE_POINTS = N_("Prozentpunkte")
