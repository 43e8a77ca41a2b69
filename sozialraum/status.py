"""The status of a measure (`status` in massnahmen.csv and massnahmen_verlauf.csv) as a type.

A `StrEnum`: the data keeps its German words, which are also the msgids of their translations
(`tr(status)` where a status is shown). The groups below are the plan's questions about a status.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    PLANNED = "geplant"
    PREPARING = "in Vorbereitung"
    IN_PROGRESS = "in Umsetzung"
    DONE = "umgesetzt"
    DELAYED = "verzögert"
    SUSPENDED = "ausgesetzt"
    DROPPED = "entfallen"


STATUS_VOCABULARY = tuple(s.value for s in Status)  # in the plan's order: as tables and legends list them
CLOSED = (Status.DONE, Status.DROPPED)  # no more overdue or stale warnings
# the work has begun (or is over): no "not started yet" warning
BEGUN = (Status.IN_PROGRESS, Status.DONE, Status.DROPPED)
