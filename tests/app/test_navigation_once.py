"""A choice on the Karte draws the sidebar navigation once: its links already carry the new choice when
`setup_page` draws them (state.expected_shared_params), so the footer need not draw them again (issue 24)."""

from __future__ import annotations

import pytest

from sozialraum import auth
from tests.app.test_pages import run_page


def test_indicator_switch_draws_the_navigation_once_with_the_new_indicator(monkeypatch: pytest.MonkeyPatch) -> None:
    import components.layout

    monkeypatch.delenv(auth.MODE_ENV, raising=False)
    drawn: list[dict[str, str]] = []
    original = components.layout._draw_navigation

    def counting(slot: object, params: dict[str, str]) -> None:
        drawn.append(dict(params))
        original(slot, params)

    monkeypatch.setattr(components.layout, "_draw_navigation", counting)
    at = run_page("pages/1_Karte.py", indikator="sgb2_quote", jahr="2024")
    assert not at.exception, at.exception
    drawn.clear()
    chooser = next(s for s in at.selectbox if s.label == "Indikator")
    other = next(o for o in chooser.options if o != chooser.value)
    chooser.set_value(other).run()
    assert not at.exception, at.exception
    assert len(drawn) == 1, drawn  # not drawn a second time by the footer
    links = {link.proto.label: link.proto.query_string for link in at.sidebar.get("page_link")}
    new_id = at.query_params["indikator"][0]
    assert new_id != "sgb2_quote" and f"indikator={new_id}" in links["Steckbrief"], links
