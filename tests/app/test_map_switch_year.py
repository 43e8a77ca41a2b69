"""AppTest: what the map page does with the year when the indicator changes.

The map recolours ahead of the rerun only for indicators with values in the year shown
(fastmap.switch_variants); that relies on the page keeping such a year, which is checked here.
"""

from __future__ import annotations

from pathlib import Path

from tests.app.test_pages import run_page, tiny  # noqa: F401  (fixture)


def _pick_indicator(at, indikator: str):
    box = next(s for s in at.selectbox if s.label == "Indikator")
    return box.set_value(indikator).run()


def test_a_year_the_new_indicator_has_too_is_kept(tiny: Path) -> None:  # noqa: F811
    at = run_page("pages/1_Karte.py", indikator="einwohner", jahr="2024")
    assert at.title[0].value == "Einwohner 2024"
    at = _pick_indicator(at, "quote")  # quote has 2023 and 2024
    assert not at.exception, at.exception
    assert at.title[0].value == "SGB-II-Quote 2024"


def test_a_year_the_new_indicator_lacks_is_replaced(tiny: Path) -> None:  # noqa: F811
    at = run_page("pages/1_Karte.py", indikator="quote", jahr="2023")
    assert at.title[0].value == "SGB-II-Quote 2023"
    at = _pick_indicator(at, "einwohner")  # only 2024: no variant is made for it from 2023
    assert not at.exception, at.exception
    assert at.title[0].value == "Einwohner 2024"
