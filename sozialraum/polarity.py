"""Polarity: in which direction an indicator's value is favourable (`polaritaet` in indikatoren.csv).

One type instead of string comparisons spread over the package: ranks, colours, arrows, sentences and the
Sozialindex all ask it the same questions. It is a `StrEnum`, so the catalogue column keeps its text values
and `Polarity.of(row["polaritaet"])` turns a cell into the type.
"""

from __future__ import annotations

from enum import StrEnum

from .i18n import N_


class Polarity(StrEnum):
    HIGHER_BETTER = "hoeher_besser"
    HIGHER_WORSE = "hoeher_schlechter"
    NEUTRAL = "neutral"

    @classmethod
    def of(cls, value: object) -> Polarity:
        """The polarity of a catalogue cell; anything unknown counts as neutral (it rates nothing)."""
        try:
            return cls(str(value))
        except ValueError:
            return cls.NEUTRAL

    @property
    def sign(self) -> int:
        """+1 when higher is better, −1 when higher is worse, 0 for neutral."""
        return {Polarity.HIGHER_BETTER: 1, Polarity.HIGHER_WORSE: -1}.get(self, 0)

    @property
    def rated(self) -> bool:
        """Whether a value is good or bad at all (neutral indicators are only described)."""
        return self is not Polarity.NEUTRAL

    @property
    def rank_ascending(self) -> bool:
        """Rank 1 is the most favourable value: the lowest when higher is worse, else the highest."""
        return self is Polarity.HIGHER_WORSE

    def favourable(self, change: float) -> bool | None:
        """Whether a (non-zero) change is good news; None for neutral indicators."""
        return (change > 0) == (self.sign > 0) if self.rated else None

    @property
    def words(self) -> str:
        """The German words for it (a msgid: translate with the page's Translator)."""
        return POLARITY_WORDS[self]


POLARITY_WORDS = {
    Polarity.HIGHER_BETTER: N_("höher ist günstiger"),
    Polarity.HIGHER_WORSE: N_("höher ist ungünstiger"),
    Polarity.NEUTRAL: N_("neutral"),
}
