"""The sidebar navigation stands on every page, also on one that stops before its footer (issue 20), and
its links carry the selections this run's widgets made."""

from __future__ import annotations

import pytest

from sozialraum import auth
from tests.app.test_navigation import sidebar_links
from tests.app.test_pages import run_page


def test_a_page_that_stops_without_footer_has_the_navigation(monkeypatch: pytest.MonkeyPatch) -> None:
    import components.layout

    monkeypatch.delenv(auth.MODE_ENV, raising=False)
    monkeypatch.setattr(components.layout, "footer", lambda *args, **kwargs: None)  # a page that never gets there
    at = run_page("pages/4_Daten_und_Quellen.py")
    assert not at.exception, at.exception
    assert sidebar_links(at)[:3] == ["Übersicht", "Karte", "Steckbrief"]


def test_navigation_links_carry_the_choice_made_in_this_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(auth.MODE_ENV, raising=False)
    at = run_page("pages/1_Karte.py", indikator="sgb2_quote")
    chooser = next(s for s in at.selectbox if s.label == "Jahr")
    chooser.set_value(2020).run()
    assert not at.exception, at.exception
    links = {link.proto.label: link.proto.query_string for link in at.sidebar.get("page_link")}
    assert "jahr=2020" in links["Steckbrief"], links
    assert len(at.sidebar.get("page_link")) == len(set(links))  # drawn again in place, not a second list
