"""The Streamlit vote page (/Abstimmung) in the visitor's language, from the first text to "Danke"."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum.i18n import Translator
from sozialraum.konferenz.store import Store
from sozialraum.konferenz.voting import VoteRules
from tests.app.test_konferenz_pages import BIEBLACH, VOTE, bundled, db, internal_view  # noqa: F401 (fixtures)
from tests.app.test_pages import run_page


@pytest.mark.parametrize("code", ["uk", "ar", "ls", "en"])
def test_vote_in_the_visitors_language_to_thanks(bundled: Path, db: str, code: str) -> None:  # noqa: F811
    t = Translator(code)
    store = Store(db)
    card = store.add_card(BIEBLACH, "idee", "Treffpunkt")
    poll = store.open_poll(BIEBLACH, VoteRules(dots=3))
    at = run_page(VOTE, konferenz=BIEBLACH, sprache=code)
    assert not at.exception, at.exception
    assert at.title[0].value == t("Ihre Punkte")
    assert at.radio[0].label == f"Treffpunkt ({t('Idee/Vorschlag')})"  # the room's words stay, the kind is translated
    assert t("Noch {rest} von {punkte} Punkten frei.", rest=3, punkte=3) in [m.value for m in at.markdown]
    at.radio[0].set_value(2).run()
    assert t("Noch {rest} von {punkte} Punkten frei.", rest=1, punkte=3) in [m.value for m in at.markdown]
    next(b for b in at.button if b.label == t("Stimme abgeben")).click().run()
    assert not at.exception, at.exception
    assert at.success[0].value == t("Danke! Ihre Punkte sind gezählt.")
    assert store.ballot(poll, _device(at)) == {card: 2}


def test_vote_page_without_conference_in_arabic(bundled: Path, db: str) -> None:  # noqa: F811
    at = run_page(VOTE, konferenz="gibt-es-nicht", sprache="ar")
    assert not at.exception, at.exception
    assert at.error[0].value == "لا يوجد مؤتمر باسم «gibt-es-nicht»."
    assert "QR" in at.info[0].value and "Scannen" not in at.info[0].value


def _device(at) -> str:
    return at.session_state["_geraet"]  # components.konferenz_karten.device_token
