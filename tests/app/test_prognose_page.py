"""AppTest: the Bevölkerungsprognose page and the Steckbrief line on the bundled Gera data."""

from __future__ import annotations

from pathlib import Path

from tests.app.test_pages import bundled, run_page, tiny, widget  # noqa: F401 - fixtures

PAGE = "pages/14_Bevoelkerungsprognose.py"


def test_page_shows_sentence_marked_prognose_with_scenario_and_base_years(bundled: Path) -> None:  # noqa: F811
    at = run_page(PAGE)
    assert not at.exception, at.exception
    assert at.title[0].value.replace("\u00ad", "") == "Bevölkerungsprognose"
    caption = " ".join(c.value for c in at.caption)
    assert "**Prognose** ab 2024 bis 2040" in caption and "Basisjahre 2019–2024" in caption
    sentence = next(m.value for m in at.markdown if m.value.startswith("Prognose, Szenario"))
    assert sentence.startswith("Prognose, Szenario „Trend“: In Gera gesamt leben 2035 voraussichtlich ")
    assert " Menschen, " in sentence
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


def test_counts_below_min_fallzahl_are_withheld_in_sentence_and_table(tmp_path: Path, monkeypatch) -> None:
    import shutil

    from sozialraum.settings import DATA_DIR_ENV

    folder = tmp_path / "daten"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", folder)
    settings = folder / "einstellungen.toml"
    settings.write_text(settings.read_text("utf-8").replace("min_fallzahl = 3", "min_fallzahl = 5000"), "utf-8")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    at = run_page(PAGE)
    widget(at, "selectbox", "Gebiet").set_value("01")
    widget(at, "selectbox", "Merkmal").set_value("ab80")
    at.run()
    assert not at.exception, at.exception
    sentence = next(m.value for m in at.markdown if "keine Angabe möglich" in m.value)
    assert sentence.startswith("Für Stadtmitte ist für 2035 keine Angabe möglich")
    assert any("weniger als 5000\u00a0Personen" in c.value for c in at.caption)
    assert "1.581" not in " ".join(m.value for m in at.markdown)
