"""Technical details (data folder, `check` command, file formats, database paths, settings keys) are for
the people who run the dashboard: shown in the internal view, never to the public."""

from __future__ import annotations

from sozialraum.auth import INTERNAL
from sozialraum.settings import Settings

from .auth import current_mode


def internal(settings: Settings) -> bool:
    """True in the internal view (behind the login), where technical hints help the staff."""
    return current_mode(settings) == INTERNAL
