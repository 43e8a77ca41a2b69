"""Age-structure file and prognose.toml: German messages; levels add up; derived groups; CLI output."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sozialraum.cli import main
from sozialraum.prognose.agegroups import AgeGroups
from sozialraum.prognose.backtest import BERLIN_GROUPS
from sozialraum.prognose.config import CARE_RATES, DEFAULT_GROUPS, load_config
from sozialraum.prognose.data import read_age_file, to_age_data
from sozialraum.prognose.derived import care_rates, derived_members
from sozialraum.prognose.run import long_table, projection_for_folder, run_projection
from sozialraum.report import Report

HEADER = "gebiet_id;jahr;alter_von;alter_bis;anzahl\n"


def _rows(area: str, year: int, counts: tuple[int, int, int]) -> str:
    return f"{area};{year};0;15;{counts[0]}\n{area};{year};15;65;{counts[1]}\n{area};{year};65;;{counts[2]}\n"


def test_bad_rows_are_named_with_file_row_column_value_and_expectation(tmp_path: Path) -> None:
    text = HEADER + _rows("01", 2023, (10, 20, 30)) + "01;2023;15;65;7\n02;2023;65;60;-4\n"
    (tmp_path / "altersstruktur.csv").write_text(text, encoding="utf-8")
    report = Report()
    read_age_file(tmp_path, report)
    messages = [(i.row, i.column, i.value, i.message) for i in report.errors]
    assert any(row == 5 and col == "alter_von" and "Doppelte Zeile" in msg for row, col, _, msg in messages)
    assert any(row == 6 and col == "anzahl" and value == "-4" for row, col, value, _ in messages)
    assert all(i.file == "altersstruktur.csv" for i in report.errors)


def test_groups_that_differ_between_rows_are_refused_with_the_groups_found(tmp_path: Path) -> None:
    text = HEADER + "01;2023;0;15;1\n01;2023;15;65;2\n01;2023;65;;3\n02;2023;0;18;1\n02;2023;18;;5\n"
    (tmp_path / "altersstruktur.csv").write_text(text, encoding="utf-8")
    report = Report()
    assert to_age_data(read_age_file(tmp_path, report), report) is None
    (issue,) = report.errors
    assert "lückenlos bei 0 beginnen" in issue.message
    assert issue.file == "altersstruktur.csv" and issue.column == "alter_von/alter_bis"
    assert "unter 15" in issue.value and "unter 18" in issue.value


def test_mistyped_settings_fall_back_to_defaults_with_a_german_message(tmp_path: Path) -> None:
    (tmp_path / "prognose.toml").write_text(
        '[prognose]\ndaempfung = "viel"\nbasisjahre = [2020, 2018]\n[szenarien.hoch]\nwanderung = 5\n',
        encoding="utf-8",
    )
    report = Report()
    config = load_config(tmp_path, report)
    assert config.daempfung == 20000.0 and config.basisjahre is None
    assert [s.key for s in config.szenarien] == ["hoch"]
    texts = [i.as_text() for i in report.errors]
    assert any("[prognose] daempfung: eine Zahl von 0 bis 1e+09 erwartet" in t and "„viel“" in t for t in texts)
    assert any("[prognose] basisjahre" in t for t in texts)


def test_children_areas_add_up_to_parent_and_city_after_rounding(tmp_path: Path) -> None:
    text = HEADER
    for year, shift in ((2022, 0), (2023, 7)):
        text += _rows("011", year, (103 + shift, 411, 97)) + _rows("012", year, (55, 233 - shift, 301))
        text += _rows("021", year, (17, 80 + shift, 44))
    (tmp_path / "altersstruktur.csv").write_text(text, encoding="utf-8")
    report = Report()
    data = to_age_data(read_age_file(tmp_path, report), report)
    config = load_config(tmp_path, report)
    parents = {"011": "01", "012": "01", "021": "02"}
    projection = run_projection(data, config, parents, report)
    table = long_table(projection).set_index(["gebiet_id", "jahr", "szenario", "merkmal"])["anzahl"]
    for year in (2024, 2035):
        for feature in ("gesamt", "unter 15", "65 und älter"):
            at = (year, "trend", feature)
            assert table[("01", *at)] == table[("011", *at)] + table[("012", *at)]
            assert table[("gesamt", *at)] == table[("01", *at)] + table[("02", *at)]
            assert table[("02", *at)] == table[("021", *at)]
    assert (long_table(projection)["anzahl"] >= 0).all()


def test_derived_groups_only_where_the_data_groups_allow_them() -> None:
    berlin = derived_members(BERLIN_GROUPS, DEFAULT_GROUPS)
    assert berlin == {"kita": [0], "schulalter": [1], "ab65": [7]}  # no 80+, Krippe or Grundschule in Berlin
    assert care_rates(BERLIN_GROUPS, CARE_RATES) is None  # 65+ spans several care bands
    gera = AgeGroups((0, 3, 6, 10, 15, 18, 25, 45, 65, 75, 80, 85, 90))
    assert derived_members(gera, DEFAULT_GROUPS)["ab80"] == [10, 11, 12]
    rates = care_rates(gera, CARE_RATES)
    assert rates is not None and np.allclose(rates[-4:], [0.239, 0.239, 0.541, 0.816])


def test_cli_writes_projection_and_assumptions_for_the_bundled_data(tmp_path: Path, capsys) -> None:
    assert main(["prognose", "data", "--bis", "2035", "--ziel", str(tmp_path)]) == 0
    result = pd.read_csv(tmp_path / "bevoelkerungsprognose.csv", sep=";", dtype={"gebiet_id": str})
    assert result["jahr"].max() == 2035 and result["jahr"].min() == 2024
    city = result[(result["gebiet_id"] == "gesamt") & (result["merkmal"] == "Einwohner gesamt")]
    assert set(city["szenario"]) == {"Trend", "Mehr Zuzug", "Weniger Zuzug"}
    last = city[city["jahr"] == 2035].set_index("szenario")["anzahl"]
    assert last["Weniger Zuzug"] < last["Trend"] < last["Mehr Zuzug"]
    observed = result[(result["jahr"] == 2024) & (result["merkmal"] == "Einwohner gesamt")]
    assert observed.set_index("gebiet_id").loc["gesamt", "anzahl"].iloc[0] == 94210  # = einwohner 2024 in werte.csv
    assumptions = pd.read_csv(tmp_path / "bevoelkerungsprognose_annahmen.csv", sep=";")
    by_key = assumptions.set_index("annahme")
    assert "Pflegestatistik 2021" in by_key.loc["Pflegequoten", "erlaeuterung"]
    assert by_key.loc["Abklingen der Wanderung φ", "wert"] == "0,2"
    assert by_key.loc["Anteilsgewicht", "wert"] == "0,5"
    assert "geschrieben:" in capsys.readouterr().out


def test_check_of_a_data_folder_names_an_unknown_area_in_the_age_file(tmp_path: Path) -> None:
    import shutil

    from sozialraum.loader import load_bundle

    folder = tmp_path / "daten"
    shutil.copytree("data", folder, ignore=shutil.ignore_patterns("konferenzen"))
    with (folder / "altersstruktur.csv").open("a", encoding="utf-8") as handle:
        handle.write("99;2024;0;3;5\n")
    bundle = load_bundle(folder)
    (issue,) = [i for i in bundle.report.errors if i.file == "altersstruktur.csv"]
    assert (issue.row, issue.column, issue.value) == (1562, "gebiet_id", "99")
    assert "Unbekanntes Gebiet" in issue.message


def test_assumptions_file_switches_to_cohort_component_mode_and_names_bad_groups(tmp_path: Path) -> None:
    text = HEADER + _rows("01", 2022, (100, 500, 200)) + _rows("01", 2023, (100, 500, 200))
    (tmp_path / "altersstruktur.csv").write_text(text, encoding="utf-8")
    (tmp_path / "annahmen.csv").write_text(
        "alter_von;alter_bis;ueberleben;wanderung;geburten\n0;15;1;0;0\n15;65;0,99;0,01;0,01\n65;;0,95;0;0\n",
        encoding="utf-8",
    )
    report = Report()
    projection = projection_for_folder(tmp_path, {}, report)
    assert report.ok and projection.method.startswith("Kohorten-Komponenten")
    # one step: aged 100·14/15 | 500·49/50 + 100/15 | 200 + 10; births 0.01 × 500 = 5
    first = projection.counts["trend"][1, 0]
    assert first.tolist() == [round(100 * 14 / 15 + 5), round((490 + 100 / 15) * 1.0), round(210 * 0.95)]
    (tmp_path / "annahmen.csv").write_text(
        "alter_von;alter_bis;ueberleben;wanderung;geburten\n0;18;1;0;0\n", encoding="utf-8"
    )
    report = Report()
    projection_for_folder(tmp_path, {}, report)
    texts = [i.as_text() for i in report.errors]
    assert any("annahmen.csv, Zeile 2, Spalte „alter_von“: Altersgruppe passt nicht" in t for t in texts)
    assert any("fehlen Annahmen: unter 15, 15 bis unter 65, 65 und älter" in t for t in texts)


def test_gera_example_age_structure_matches_totals_and_65_80_counts_of_werte_csv() -> None:
    values = pd.read_csv("data/werte.csv", sep=";", dtype={"gebiet_id": str}, decimal=",")
    bezirke = values[values["gebiet_id"].str.len() == 2].set_index(["gebiet_id", "jahr", "indikator_id"])
    ages = pd.read_csv("data/altersstruktur.csv", sep=";", dtype={"gebiet_id": str})
    for (area, year), rows in ages.groupby(["gebiet_id", "jahr"]):
        assert rows["anzahl"].sum() == bezirke.loc[(area, year, "einwohner"), "wert"]
        assert (
            rows.loc[rows["alter_von"] >= 65, "anzahl"].sum() == bezirke.loc[(area, year, "anteil_65plus"), "zaehler"]
        )
        assert (
            rows.loc[rows["alter_von"] >= 80, "anzahl"].sum() == bezirke.loc[(area, year, "anteil_80plus"), "zaehler"]
        )
        assert rows.loc[rows["alter_von"] < 18, "anzahl"].sum() == bezirke.loc[(area, year, "anteil_u18"), "zaehler"]
    assert len(ages) == 12 * 10 * 13  # 12 Bezirke, 2015–2024, 13 age groups


def _sex_folder(tmp_path: Path, women_children: int) -> Path:
    """One area, groups 0–2 | 2–4 | 4+, two years, by sex; the men have no persons of fertile age."""
    rows = ["gebiet_id;jahr;alter_von;alter_bis;geschlecht;anzahl"]
    for jahr in (2023, 2024):
        for sex, counts in (("w", (women_children, 10, 20)), ("m", (women_children, 0, 20))):
            for (von, bis), n in zip(((0, "2"), (2, "4"), (4, "")), counts, strict=True):
                rows.append(f"A;{jahr};{von};{bis};{sex};{n}")
    (tmp_path / "altersstruktur.csv").write_text("\n".join(rows) + "\n", "utf-8")
    (tmp_path / "prognose.toml").write_text(
        "[prognose]\nbis = 2026\nanteilsgewicht = 0\nfruchtbares_alter = [2, 4]\n", "utf-8"
    )
    return tmp_path


def test_projection_by_sex_uses_children_per_woman_and_sums_the_sexes(tmp_path: Path) -> None:
    from sozialraum.prognose.run import long_table, projection_for_folder

    projection = projection_for_folder(_sex_folder(tmp_path, 4), {}, Report())
    assert projection is not None and projection.by_sex is not None
    trend = projection.by_sex["trend"]
    assert list(trend) == ["w", "m"]  # the women first: their projection bears the children
    # children per woman 2–4: (4 + 4) / (10 + 10) = 0.4 for girls and for boys alike; although men have no
    # persons of fertile age, boys are born: summed over both sexes the CWR would be 8 / 10 per person
    assert trend["w"][1:, 0, 0].tolist() == trend["m"][1:, 0, 0].tolist()
    assert trend["m"][1, 0, 0] > 0
    assert abs(trend["m"][1, 0, 0] - 0.4 * trend["w"][1, 0, 1]) <= 0.5 + 0.4 * 0.5  # both rounded
    assert (projection.counts["trend"] == trend["w"] + trend["m"]).all()
    table = long_table(projection, by_sex=True)
    rows = table[(table["jahr"] == 2026) & (table["merkmal"] == "gesamt") & (table["szenario"] == "trend")]
    by = dict(zip(rows["geschlecht"], rows["anzahl"], strict=False))
    assert by[""] == by["w"] + by["m"]


def test_sex_column_with_gaps_falls_back_to_summed_counts_with_a_warning(tmp_path: Path) -> None:
    from sozialraum.prognose.data import read_age_file, to_age_data

    folder = _sex_folder(tmp_path, 4)
    lines = (folder / "altersstruktur.csv").read_text("utf-8").splitlines()
    (folder / "altersstruktur.csv").write_text("\n".join(lines[:-1]) + "\n", "utf-8")  # drop one male row
    report = Report()
    data = to_age_data(read_age_file(folder, report), report)
    assert data is not None and data.by_sex is None
    assert any("geschlecht" in w.as_text() and "ohne Geschlecht" in w.as_text() for w in report.warnings)
