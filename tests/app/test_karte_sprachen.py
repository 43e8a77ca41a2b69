"""The Karte page in another language (AppTest): sidebar labels and options, the sentence and the table
heading translated, option values (URL) unchanged, German as before."""

from __future__ import annotations

from pathlib import Path

from tests.app.test_pages import bundled, run_page  # noqa: F401  (fixtures)


def test_karte_in_english_keeps_ids_in_the_url(bundled: Path) -> None:  # noqa: F811
    at = run_page("pages/1_Karte.py", sprache="en")
    assert not at.exception, at.exception
    boxes = {box.label: box for box in at.selectbox}
    assert {"Indicator", "View", "Year", "Highlight area", "Classification", "Number of classes"} <= set(boxes)
    assert boxes["View"].options == ["Values", "Comparison with the city", "Change between two years"]
    assert boxes["Indicator"].value == "sgb2_quote"  # the id: the same URL in every language
    assert "Social situation · SGB II rate (basic income support for jobseekers)" in boxes["Indicator"].options
    texts = [m.value for m in at.markdown]
    assert any(t.startswith("The map shows “SGB II rate (basic income support for jobseekers)”.") for t in texts), texts
    assert "Table" in [h.value for h in at.header]

    change = run_page("pages/1_Karte.py", sprache="uk", ansicht="veraenderung")
    assert not change.exception, change.exception
    assert any(m.value.startswith("Карта показує зміну показника «Частка одержувачів") for m in change.markdown)
    assert any(c.value.startswith("Місце 1 = найсприятливіша зміна") for c in change.caption)


def test_karte_in_german_is_unchanged(bundled: Path) -> None:  # noqa: F811
    at = run_page("pages/1_Karte.py")
    assert not at.exception, at.exception
    assert {"Indikator", "Darstellung", "Jahr", "Gebiet hervorheben"} <= {box.label for box in at.selectbox}
    assert any(m.value.startswith("Beim Indikator „SGB-II-Quote“") for m in at.markdown)
    assert "Tabelle" in [h.value for h in at.header]
