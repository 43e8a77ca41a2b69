"""AppTest of the Sozialplan pages: overview tabs, filters, the measure page, the progress report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sozialraum.settings import DATA_DIR_ENV
from tests.app.test_pages import bundled, run_page, tiny, widget  # noqa: F401 - fixtures
from tests.unit.conftest import MEASURES, write_folder

PLAN = "pages/3_Sozialplan.py"
MEASURE = "pages/6_Massnahme.py"
REPORT = "pages/7_Fortschrittsbericht.py"


def texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def shows(at: AppTest, text: str) -> bool:
    return any(text in t for t in texts(at))


def count_line(at: AppTest) -> str:
    return next(t for t in texts(at) if "Maßnahmen** entsprechen der Auswahl" in t)


@pytest.mark.parametrize("tab", ["", "Überblick", "Maßnahmen", "Zeitplan", "Änderungen"])
def test_every_view_of_the_plan_runs(bundled: Path, tab: str) -> None:  # noqa: F811
    at = run_page(PLAN, **({"ansicht": tab} if tab else {}))
    assert not at.exception, at.exception
    assert at.title[0].value == "Sozialplan: Umsetzungsstand"
    assert "**118 von 118 Maßnahmen**" in count_line(at)
    if tab in ("", "Überblick"):
        assert shows(at, "Am weitesten ist das Handlungsfeld")
        assert len(at.expander) >= 7  # the status table and one per Handlungsfeld
        assert shows(at, "**Ziel 2.1: Weniger Kinder in Gera wachsen in Armut auf**")
    if tab == "Zeitplan":
        assert shows(at, "Von 14 Maßnahmen sollen laut Plan heute")
        assert widget(at, "selectbox", "Handlungsfeld im Zeitplan").value == "1"
    if tab == "Änderungen":
        assert any(s.value.startswith("Änderungen seit dem ") for s in at.header)


def test_measures_tab_offers_csv_and_excel_with_history(bundled: Path) -> None:  # noqa: F811
    at = run_page(PLAN, ansicht="Maßnahmen", hf="2")
    assert not at.exception, at.exception
    assert "**24 von 118 Maßnahmen**" in count_line(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Maßnahmen als CSV", "Statusverlauf als CSV", "Beides als Excel (zwei Tabellenblätter)"]


def test_changes_since_a_chosen_date(bundled: Path) -> None:  # noqa: F811
    at = run_page(PLAN, ansicht="Änderungen", seit="2026-01-01")
    assert not at.exception, at.exception
    assert any(s.value == "Änderungen seit dem 01.01.2026" for s in at.header)
    assert shows(at, "Seit dem 01.01.2026 hat sich bei ")
    at.date_input(key="seit").set_value(date(2026, 10, 1)).run()
    assert any(s.value == "Änderungen seit dem 01.10.2026" for s in at.header)


def test_filters_narrow_the_plan(tiny: Path) -> None:  # noqa: F811
    at = run_page(PLAN)
    assert "**2 von 2 Maßnahmen**" in count_line(at)
    widget(at, "selectbox", "Verzug").select("ende_ueberschritten").run()
    assert "**1 von 2 Maßnahmen**" in count_line(at)  # 1.1.1: planned end 31.12.2025
    widget(at, "selectbox", "Verzug").select("").run()
    widget(at, "selectbox", "Gebiet").select("gesamtstadt").run()
    assert "**1 von 2 Maßnahmen**" in count_line(at)
    widget(at, "selectbox", "Gebiet").select("").run()
    at.date_input(key="zeitraum").set_value((date(2026, 1, 1), date(2026, 3, 31))).run()
    assert "**2 von 2 Maßnahmen**" in count_line(at)  # 1.1.1 still runs after its planned end
    at.date_input(key="zeitraum").set_value((date(2024, 1, 1), date(2024, 1, 31))).run()
    assert "**2 von 2 Maßnahmen**" in count_line(at)
    widget(at, "selectbox", "Verantwortlich").select("Jugendamt").run()
    assert "**1 von 2 Maßnahmen**" in count_line(at)
    assert not at.exception, at.exception


def test_stale_period_is_configurable(tiny: Path) -> None:  # noqa: F811
    at = run_page(PLAN)
    stale = next(m for m in at.metric if m.label.startswith("Ohne Meldung seit"))
    assert stale.label == "Ohne Meldung seit 12 Monaten" and stale.value == "0"
    at.number_input(key="monate").set_value(1).run()
    stale = next(m for m in at.metric if m.label.startswith("Ohne Meldung seit"))
    assert stale.label == "Ohne Meldung seit 1 Monaten" and int(stale.value) >= 1


@pytest.mark.parametrize("massnahme", ["1.1.2", "2.1.2", "5.5.1", "6.7.2"])
def test_measure_page(bundled: Path, massnahme: str) -> None:  # noqa: F811
    at = run_page(MEASURE, massnahme=massnahme)
    assert not at.exception, at.exception
    assert at.title[0].value.startswith(f"Maßnahme {massnahme}: ")
    assert any(s.value == "Statusverlauf" for s in at.header)
    assert any(s.value == "Wo die Maßnahme wirkt" for s in at.header)
    assert not at.warning or all("gibt es im Sozialplan nicht" not in w.value for w in at.warning)
    if massnahme == "2.1.2":
        assert any(t.startswith("**Ziel:** Der Wert für „SGB-II-Quote der Kinder") for t in texts(at))


@pytest.mark.parametrize("bad", ["9.9.9", "<script>", "1.1"])
def test_measure_page_with_unknown_id_explains(bundled: Path, bad: str) -> None:  # noqa: F811
    at = run_page(MEASURE, massnahme=bad)
    assert not at.exception, at.exception
    assert any(f"„{bad}“ gibt es im Sozialplan nicht" in w.value for w in at.warning)
    assert at.title[0].value == "Maßnahme"
    assert len(at.expander) == 6  # the measures to choose from, per Handlungsfeld


def test_measure_page_without_id_and_on_tiny_folder(tiny: Path) -> None:  # noqa: F811
    at = run_page(MEASURE)
    assert not at.exception and at.title[0].value == "Maßnahme" and not at.warning
    at = run_page(MEASURE, massnahme="1.1.1")
    assert not at.exception, at.exception
    assert at.title[0].value == "Maßnahme 1.1.1: Stadtteilbüro"
    assert any("Verzug: Ende war für 31.12.2025 geplant" in w.value for w in at.warning)
    assert any(t.startswith("**Ziel:** Der Wert für „SGB-II-Quote“") for t in texts(at))


@pytest.mark.parametrize("hf", ["", "2"])
def test_progress_report(bundled: Path, hf: str) -> None:  # noqa: F811
    at = run_page(REPORT, **({"hf": hf} if hf else {}))
    assert not at.exception, at.exception
    assert at.title[0].value == "Fortschrittsbericht Gera"
    headers = [h.value for h in at.header if h.value.startswith("Handlungsfeld ")]
    assert len(headers) == (1 if hf else 6)
    if hf:
        assert headers == ["Handlungsfeld 2: Familie und Sorgearbeit"]
    assert shows(at, "**Stand der Statusmeldungen:**")


def test_plan_pages_without_a_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_folder(tmp_path / "ohne_plan", massnahmen_csv=None, massnahmen_verlauf_csv=None)
    (folder / "massnahmen.csv").unlink(missing_ok=True)
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    for page in (PLAN, MEASURE, REPORT):
        at = run_page(page, massnahme="1.1.1")
        assert not at.exception, (page, at.exception)
        assert any("kein Sozialplan" in i.value for i in at.info), page


def test_bad_measure_rows_leave_the_rest_visible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = MEASURES.replace("in Umsetzung;50", "fertig;50")  # 1.1.1 has an unknown status
    monkeypatch.setenv(DATA_DIR_ENV, str(write_folder(tmp_path / "kaputt", massnahmen_csv=broken)))
    at = run_page(PLAN)
    assert not at.exception, at.exception
    assert "**1 von 1 Maßnahmen**" in count_line(at)
    assert any("Fehler" in w.value for w in at.warning)
    at = run_page(MEASURE, massnahme="1.1.1")
    assert not at.exception and any("gibt es im Sozialplan nicht" in w.value for w in at.warning)
    at = run_page(MEASURE, massnahme="1.1.2")
    assert not at.exception and at.title[0].value == "Maßnahme 1.1.2: Beratung"


def test_key_figures_follow_the_selection(bundled: Path) -> None:  # noqa: F811
    """Issue 18, item 11: HF 1 + "mit Verzug" – the cards count the selection, not all 118 measures."""
    from sozialraum import load_bundle
    from sozialraum.plan import delay_flags, measures_with_field
    from sozialraum.settings import DEFAULT_DATA_DIR

    at = run_page(PLAN, hf="1", verzug="verzug")
    assert not at.exception, at.exception
    plan = load_bundle(DEFAULT_DATA_DIR).plan
    flagged = delay_flags(measures_with_field(plan), date.today())
    chosen = flagged[(flagged["handlungsfeld_id"] == "1") & flagged["verzug"]]
    assert 0 < len(chosen) < 118
    assert f"**{len(chosen)} von 118 Maßnahmen**" in count_line(at)
    cards = {m.label: m.value for m in at.metric}
    assert cards["Maßnahmen in der Auswahl"] == f"{len(chosen)} von 118"
    assert cards["Umgesetzt"] == str(int((chosen["status"] == "umgesetzt").sum()))
    assert cards["Geplantes Ende überschritten"] == str(int(chosen["ende_ueberschritten"].sum()))
    assert cards["Verspätet oder nicht begonnen"] == str(int(chosen["spaet_begonnen"].sum()))
    unfiltered = {m.label: m.value for m in run_page(PLAN).metric}
    assert unfiltered["Maßnahmen"] == "118"
