"""Issue 18, items 13 and 15: the start page explains its words, offers three ways in, and its metric cards
show arrows only on changes, with the typographic minus."""

from __future__ import annotations

from pathlib import Path

from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import bundled, run_page, tiny  # noqa: F401  (fixtures)


def links(at: AppTest) -> dict[str, tuple[str, str]]:
    return {link.proto.label: (link.proto.page, link.proto.query_string) for link in at.get("page_link")}


def test_start_page_explains_and_offers_three_tasks(bundled: Path) -> None:  # noqa: F811
    at = run_page("app.py")
    assert not at.exception, at.exception
    intro = at.markdown[next(i for i, m in enumerate(at.markdown) if "**Sozialräume**" in m.value)].value
    for word in ("**Sozialräume** sind die 12 Stadtteile", "ein **Indikator** ist eine Kennzahl", "**Sozialplan**"):
        assert word in intro
    assert intro.count(". ") + intro.endswith(".") == 2, "two sentences"
    assert [s.value for s in at.subheader] == [
        "Wie steht mein Stadtteil da?",
        "Wo ist der Wert am höchsten?",
        "Was tut die Stadt?",
    ]
    offered = links(at)
    assert offered["Steckbrief öffnen"][0] == "Steckbrief"
    assert offered["Zur Karte"] == ("Karte", "indikator=sgb2_quote")
    assert offered["Zum Sozialplan"][0] == "Sozialplan"
    assert any("„SGB-II-Quote“" in m.value for m in at.markdown)


def test_counts_carry_no_arrow_and_changes_a_real_minus(bundled: Path) -> None:  # noqa: F811
    at = run_page("app.py")
    cards = {m.label: m.proto for m in at.metric}
    for label in ("Maßnahmen", "Mittlerer Fortschritt"):  # "18 umgesetzt", "6 überfällig": counts, not changes
        assert cards[label].direction == MetricProto.MetricDirection.NONE, label
    population = cards["Einwohner 2024"]
    assert population.delta.startswith("\u2212") and "-" not in population.delta  # "−510 Personen zu 2023"
    assert population.direction == MetricProto.MetricDirection.DOWN
    assert population.color == MetricProto.MetricColor.GRAY  # neutral indicator: no judgement by colour
    children = cards["SGB-II-Quote Kinder unter 15 2024"]  # a rise where higher is worse
    assert children.direction == MetricProto.MetricDirection.UP and children.color == MetricProto.MetricColor.RED


def test_start_page_on_a_small_folder(tiny: Path) -> None:  # noqa: F811
    at = run_page("app.py")
    assert not at.exception, at.exception
    assert "Wie steht mein Stadtteil da?" in [s.value for s in at.subheader]
