"""AppTest: the Bevölkerungsprognose page and the Steckbrief line on the bundled Gera data."""

from __future__ import annotations

from pathlib import Path

from tests.app.test_pages import bundled, run_page, tiny, widget  # noqa: F401 - fixtures

PAGE = "pages/14_Bevoelkerungsprognose.py"


def test_page_shows_sentence_marked_prognose_with_scenario_and_base_years(bundled: Path) -> None:  # noqa: F811
    at = run_page(PAGE)
    assert not at.exception, at.exception
    assert at.title[0].value == "Bevölkerungsprognose"
    caption = " ".join(c.value for c in at.caption)
    assert "**Prognose** ab 2024 bis 2040" in caption and "Basisjahre 2019–2024" in caption
    sentence = next(m.value for m in at.markdown if m.value.startswith("Prognose, Szenario"))
    assert sentence.startswith("Prognose, Szenario „Trend“: In Gera gesamt leben 2035 voraussichtlich ")
    assert "als 2024 (94.210)" in sentence  # the observed launch total of werte.csv


def test_choosing_80_plus_and_another_scenario_changes_the_sentence(bundled: Path) -> None:  # noqa: F811
    at = run_page(PAGE)
    widget(at, "selectbox", "Merkmal").set_value("ab80")
    widget(at, "radio", "Szenario").set_value("hoch")
    at.run()
    assert not at.exception, at.exception
    sentence = next(m.value for m in at.markdown if m.value.startswith("Prognose, Szenario"))
    assert "„Mehr Zuzug“" in sentence and "Menschen ab 80 Jahren" in sentence and "(9.461)" in sentence


def test_steckbrief_shows_the_2035_line(bundled: Path) -> None:  # noqa: F811
    at = run_page("pages/5_Steckbrief.py", gebiet="01")
    assert not at.exception, at.exception
    line = next(m.value for m in at.markdown if "voraussichtlich" in m.value)
    assert line.startswith("**2035: voraussichtlich ") and "Menschen ab 80 (Prognose, Szenario „Trend“" in line


def test_page_without_age_structure_says_so(tiny: Path) -> None:  # noqa: F811
    at = run_page(PAGE)
    assert not at.exception, at.exception
    assert any("altersstruktur.csv" in i.value for i in at.info)
