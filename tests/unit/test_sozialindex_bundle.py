"""The social index as indicators of a bundle (`with_index`) and its `[sozialindex]` settings."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from sozialraum import Bundle, Plan, Report, load_bundle
from sozialraum.settings import Settings, load_settings
from sozialraum.sozialindex import DYNAMICS_ID, STATUS_ID, with_index

CATALOGUE_COLUMNS = [
    "indikator_id", "name", "kurzname", "einheit", "thema", "polaritaet", "definition", "quelle", "datenstand",
    "dezimalstellen", "handlungsfeld_id", "min_fallzahl", "aggregation", "faktor",
]  # fmt: skip
INDEX_SETTINGS = {
    "sozialindex_anbieten": True,
    "sozialindex_status": {"a": 1.0, "b": 1.0},
    "sozialindex_dynamik": {"a": 1.0},
    "sozialindex_dynamik_jahre": 1,
    "sozialindex_min_einwohner": 300,
}


def _catalogue() -> pd.DataFrame:
    rows = [
        ("a", "Quote A", "A", "%", "Soziale Lage", "hoeher_schlechter", "", "Quelle A", "31.12.2023", 1, None, 3,
         "quote", 100.0),
        ("b", "Quote B", "B", "%", "Arbeit", "hoeher_besser", "", "Quelle B", "30.06.2024", 1, None, 3, "quote", 100.0),
        ("einwohner", "Einwohner", "Einw.", "Personen", "Bevölkerung", "neutral", "", "Melderegister", "31.12.2024", 0,
         None, 3, "summe", 100.0),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=CATALOGUE_COLUMNS).astype({"dezimalstellen": "Int64", "min_fallzahl": "Int64"})
    return frame.set_index("indikator_id", drop=False)


def _values() -> pd.DataFrame:
    """Six areas; 06 has 200 inhabitants. b mirrors a (b = 60 − a), so once b is turned round (higher is
    better) both z-scores agree and the index equals the z-score of a. In 2024, b of area 04 is withheld."""
    a = {2023: [10, 20, 30, 40, 50, 5], 2024: [6, 18, 30, 42, 54, 5]}
    rows = []
    for year, series in a.items():
        for i, value in enumerate(series):
            gebiet = f"0{i + 1}"
            withheld = year == 2024 and gebiet == "04"
            rows.append((gebiet, "a", year, float(value), None, False))
            rows.append((gebiet, "b", year, None if withheld else 60.0 - value, "Geheimhaltung" if withheld else None,
                         withheld))  # fmt: skip
            rows.append((gebiet, "einwohner", year, 200.0 if gebiet == "06" else 1000.0, None, False))
    frame = pd.DataFrame(rows, columns=["gebiet_id", "indikator_id", "jahr", "wert", "anmerkung", "gesperrt"])
    for column in ("fallzahl", "zaehler", "nenner"):
        frame[column] = pd.NA
    return frame.astype({"jahr": "Int64", "wert": "Float64", "fallzahl": "Float64"})


def _bundle(**settings: object) -> Bundle:
    areas = pd.DataFrame({"gebiet_id": [f"0{i}" for i in range(1, 7)], "name": list("ABCDEF")})
    city = pd.DataFrame({"indikator_id": ["a"], "jahr": [2024], "wert": [30.0], "methode": ["x"]})
    empty = pd.DataFrame()
    plan = Plan(empty, empty, empty, empty)
    return Bundle(Path("."), Settings(**{**INDEX_SETTINGS, **settings}), areas, _catalogue(), _values(), city, plan)


def _index(bundle: Bundle, indikator: str, year: int) -> pd.DataFrame:
    rows = bundle.values[(bundle.values["indikator_id"] == indikator) & (bundle.values["jahr"] == year)]
    return rows.set_index("gebiet_id")


def test_status_index_by_hand_with_a_polarity_turned_round() -> None:
    status = _index(with_index(_bundle()), STATUS_ID, 2023)
    # a over 01–05 = 10 … 50: mean 30, population sd √200; 06 is left out before standardising
    root = math.sqrt(2) / 2
    assert status.loc[["01", "02", "03", "04", "05"], "wert"].tolist() == pytest.approx(
        [-2 * root, -root, 0.0, root, 2 * root]
    )
    assert status.loc["01", "anmerkung"] == "Status hoch (Klasse 1)"  # z = −1,41 < −1
    assert status.loc["05", "anmerkung"] == "Status niedrig (Klasse 3)"  # +1 < 1,41 ≤ +1,5
    assert status.loc["03", "anmerkung"] == "Status mittel (Klasse 2)"


def test_area_below_min_population_has_no_value_but_a_note() -> None:
    status = _index(with_index(_bundle()), STATUS_ID, 2023)
    assert pd.isna(status.loc["06", "wert"])
    assert status.loc["06", "anmerkung"] == "Nicht eingestuft: weniger als 300\u00a0Einwohner"
    rated = _index(with_index(_bundle(sozialindex_min_einwohner=0)), STATUS_ID, 2023)
    assert pd.notna(rated.loc["06", "wert"])


def test_withheld_input_gives_no_value_and_stays_out_of_mean_and_sd() -> None:
    bundle = with_index(_bundle())
    status = _index(bundle, STATUS_ID, 2024)
    assert pd.isna(status.loc["04", "wert"])
    assert status.loc["04", "anmerkung"].startswith("Geheimhaltung: nicht eingestuft")
    # the flag, not the note, says withheld: only the area with the withheld input
    assert status.index[status["gesperrt"]].tolist() == ["04"]
    # a over 01, 02, 03, 05 = 6, 18, 30, 54: mean 27, population sd √315
    expected = [(v - 27) / math.sqrt(315) for v in (6, 18, 30, 54)]
    assert status.loc[["01", "02", "03", "05"], "wert"].tolist() == pytest.approx(expected)
    assert status.loc["05", "anmerkung"] == "Status sehr niedrig (Klasse 4)"  # 1,52 > 1,5


def test_dynamics_index_over_the_configured_years() -> None:
    bundle = with_index(_bundle())
    assert _index(bundle, DYNAMICS_ID, 2023).empty  # no year before 2023
    dynamics = _index(bundle, DYNAMICS_ID, 2024)
    root = math.sqrt(2) / 2  # changes −4, −2, 0, +2, +4
    assert dynamics.loc[["01", "02", "03", "04", "05"], "wert"].tolist() == pytest.approx(
        [-2 * root, -root, 0.0, root, 2 * root]
    )
    assert dynamics.loc["01", "anmerkung"] == "Dynamik positiv (+)"
    assert dynamics.loc["05", "anmerkung"] == "Dynamik negativ (-)"


def test_catalogue_rows_carry_method_sources_and_no_city_value() -> None:
    before = _bundle()
    bundle = with_index(before)
    meta = bundle.catalogue.loc[STATUS_ID]
    assert (meta["einheit"], meta["thema"], meta["polaritaet"]) == ("Indexwert (z)", "Sozialindex", "hoeher_schlechter")
    assert "Quote A und Quote B (umgekehrt, da höher günstiger), gleich gewichtet" in meta["definition"]
    assert "1 hoch (z unter −1,0)" in meta["definition"] and "nach der Geheimhaltung" in meta["definition"]
    assert meta["quelle"] == "Berechnet aus: Quelle A; Quelle B"
    assert meta["datenstand"] == "30.06.2024"  # the latest input
    assert meta["aggregation"] == "vorgegeben"
    assert bundle.catalogue.at[DYNAMICS_ID, "name"] == "Sozialindex: Dynamikindex (1 Jahr)"
    assert (
        "Veränderung gegenüber dem Vorjahr (bei Anteilen in Prozentpunkten) von Quote A;"
        in bundle.catalogue.at[DYNAMICS_ID, "definition"]
    )
    assert bundle.city.equals(before.city)  # a z-index has no city value: none is made up
    assert len(before.catalogue) == 3 and STATUS_ID not in before.catalogue.index  # the input is not changed


def _z(values: list[float]) -> list[float]:
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    return [(v - mean) / sd for v in values]


def test_weights_enter_the_index() -> None:
    bundle = _bundle(sozialindex_status={"a": 1.0, "b": 3.0})
    values = bundle.values
    b_2023 = (values["indikator_id"] == "b") & (values["jahr"] == 2023)
    values.loc[b_2023, "wert"] = [50.0, 20.0, 40.0, 30.0, 10.0, 55.0]  # no longer the mirror of a
    status = _index(with_index(bundle), STATUS_ID, 2023)
    total = [za - 3 * zb for za, zb in zip(_z([10, 20, 30, 40, 50]), _z([50, 20, 40, 30, 10]), strict=True)]
    assert status.loc[["01", "02", "03", "04", "05"], "wert"].tolist() == pytest.approx(_z(total))
    assert (
        "Quote A (Gewicht 1) und Quote B (Gewicht 3; umgekehrt"
        in with_index(bundle).catalogue.at[STATUS_ID, "definition"]
    )


def test_not_offered_unless_configured() -> None:
    bundle = _bundle(sozialindex_anbieten=False)
    assert with_index(bundle) is bundle


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ({"a": 1.0, "x": 1.0}, "[sozialindex] status: nicht in indikatoren.csv: x"),
        ({"einwohner": 1.0}, "[sozialindex] status: ohne Richtung (polaritaet = neutral)"),
    ],
)
def test_unusable_indicators_are_reported_with_file_and_key(status: dict[str, float], message: str) -> None:
    before = _bundle(sozialindex_status=status)
    bundle = with_index(before)
    assert STATUS_ID not in bundle.catalogue.index
    texts = [i.as_text() for i in bundle.report.errors]
    assert any(t.startswith("Fehler: einstellungen.toml: ") and message in t for t in texts), texts
    assert before.report.errors == []  # the report is copied, not changed


def test_unusable_dynamics_keep_the_status_index() -> None:
    bundle = with_index(_bundle(sozialindex_dynamik={"nope": 1.0}))
    assert STATUS_ID in bundle.catalogue.index and DYNAMICS_ID not in bundle.catalogue.index
    assert any("[sozialindex] dynamik: nicht in indikatoren.csv: nope" in i.message for i in bundle.report.errors)


# --- settings ---------------------------------------------------------------------------------------------------


def _settings(tmp_path: Path, section: str) -> tuple[Settings, list[str]]:
    (tmp_path / "einstellungen.toml").write_text(f"[sozialindex]\n{section}\n", encoding="utf-8")
    report = Report()
    settings = load_settings(tmp_path, report)
    return settings, [i.as_text() for i in report.errors]


def test_valid_index_settings(tmp_path: Path) -> None:
    settings, errors = _settings(
        tmp_path,
        "anbieten = true\nstatus = { a = 2, b = 0.5 }\ndynamik = { a = 1 }\ndynamik_jahre = 3\n"
        "grenzen_status = [-1, 0.5, 2]\ngrenzen_dynamik = [-0.5, 0.5]\nmin_einwohner = 0",
    )
    assert errors == []
    assert settings.sozialindex_status == {"a": 2.0, "b": 0.5} and settings.sozialindex_dynamik_jahre == 3
    assert settings.sozialindex_grenzen_status == (-1.0, 0.5, 2.0) and settings.index_min_einwohner == 0


def test_index_min_population_defaults_to_the_confidentiality_setting() -> None:
    assert Settings(min_einwohner=150).index_min_einwohner == 150
    assert Settings(min_einwohner=150, sozialindex_min_einwohner=300).index_min_einwohner == 300


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("status = { a = 0 }", "[sozialindex] status: Gewicht von „a“ muss eine Zahl größer als 0 sein"),
        ('status = { a = "hoch" }', "[sozialindex] status: Gewicht von „a“ muss eine Zahl größer als 0 sein"),
        ("dynamik = { a = true }", "[sozialindex] dynamik: Gewicht von „a“ muss eine Zahl größer als 0 sein"),
        ('status = "a"', "[sozialindex] status: Tabelle erwartet"),
        ("grenzen_status = [1.0, -1.0, 1.5]", "[sozialindex] grenzen_status: 3 aufsteigende Zahlen"),
        ("grenzen_status = [-1.0, 1.0]", "[sozialindex] grenzen_status: 3 aufsteigende Zahlen"),
        ('grenzen_dynamik = ["-1", 1]', "[sozialindex] grenzen_dynamik: 2 aufsteigende Zahlen"),
        ("dynamik_jahre = 0", "[sozialindex] dynamik_jahre: ganze Zahl ab 1 erwartet"),
        ("dynamik_jahre = 1.5", "[sozialindex] dynamik_jahre: ganze Zahl erwartet"),
        ("min_einwohner = -5", "[sozialindex] min_einwohner: ganze Zahl ab 0 erwartet"),
        ("anbieten = true", "[sozialindex] status: mindestens ein Indikator mit Gewicht nötig"),
    ],
)
def test_bad_index_settings_get_a_german_message_with_file_and_key(tmp_path: Path, section: str, expected: str) -> None:
    settings, errors = _settings(tmp_path, section)
    assert any(e.startswith("Fehler: einstellungen.toml: ") and expected in e for e in errors), errors
    defaults = Settings()
    assert settings.sozialindex_grenzen_status == defaults.sozialindex_grenzen_status
    assert settings.sozialindex_dynamik_jahre == defaults.sozialindex_dynamik_jahre
    assert not settings.sozialindex_anbieten


# --- the bundled Gera data ----------------------------------------------------------------------------------------


def test_gera_offers_the_index_on_both_levels_without_errors(gera_indexed: Bundle) -> None:
    bundle = gera_indexed
    assert bundle.report.errors == []
    assert bundle.catalogue.at[STATUS_ID, "definition"].startswith(
        "Statusindex nach dem Verfahren des Berliner Monitorings Soziale Stadtentwicklung aus SGB-II-Quote, "
        "SGB-II-Quote der Kinder unter 15 Jahren und Arbeitslosenquote (Einwohnerbezug), gleich gewichtet"
    )
    for name in bundle.level_names:
        level = bundle.at_level(name)
        rows = level.values[(level.values["indikator_id"] == STATUS_ID) & (level.values["jahr"] == 2024)]
        assert len(rows) == len(level.areas)
        rated = rows["wert"].dropna().astype(float)
        # standardised within its own level: mean 0, population sd 1
        assert rated.mean() == pytest.approx(0.0, abs=1e-9) and rated.std(ddof=0) == pytest.approx(1.0)
        assert rows.loc[rows["wert"].isna(), "anmerkung"].str.contains("nicht eingestuft").all()
    assert bundle.values is bundle.levels[bundle.main_level][1]


def test_index_comes_from_published_values_only(tmp_path: Path) -> None:
    """Through the loader: a cell withheld for its small case count leaves its area without an index value."""
    from .conftest import VALUES, write_folder

    settings = (
        '[stadt]\nname = "T"\n[geheimhaltung]\nmin_fallzahl = 3\nmin_einwohner = 0\n'
        "[sozialindex]\nanbieten = true\nstatus = { quote = 1 }\ndynamik = { quote = 1 }\ndynamik_jahre = 1\n"
        "min_einwohner = 0\n"
    )
    values = VALUES.replace("01;quote;2024;12,0;120;120;1000;", "01;quote;2024;12,0;2;120;1000;")
    bundle = with_index(load_bundle(write_folder(tmp_path, einstellungen_toml=settings, werte_csv=values)))
    assert bundle.report.errors == [], [i.as_text() for i in bundle.report.errors]
    status = _index(bundle, STATUS_ID, 2024)
    assert pd.isna(status.loc["01", "wert"]) and status.loc["01", "anmerkung"].startswith("Geheimhaltung")
    dynamics = _index(bundle, DYNAMICS_ID, 2024)
    assert pd.isna(dynamics.loc["01", "wert"])
    assert list(bundle.catalogue.index) == ["quote", "einwohner", STATUS_ID, DYNAMICS_ID]
    assert bundle.catalogue.at[STATUS_ID, "quelle"] == "Berechnet aus: BA"


# --- the profile and the index page --------------------------------------------------------------------------------


def test_area_index_value_class_rank_and_reason() -> None:
    from sozialraum.sozialindex import area_index

    bundle = with_index(_bundle())
    status, dynamics = area_index(bundle.values, bundle.catalogue, bundle.settings, "05", 2024)
    assert (status.year, status.code, status.label, status.rank, status.rated) == (2024, "4", "sehr niedrig", 4, 4)
    assert (dynamics.code, dynamics.label, dynamics.rank, dynamics.rated) == ("-", "negativ", 5, 5)
    small = area_index(bundle.values, bundle.catalogue, bundle.settings, "06", 2030)[0]
    assert small.year == 2024 and small.value is None and small.code is None and small.rank is None
    assert small.note == "Nicht eingestuft: weniger als 300\u00a0Einwohner"
    assert area_index(bundle.values, bundle.catalogue, bundle.settings, "05", 2020) == []  # no index that early


def test_same_as_settings() -> None:
    from sozialraum.sozialindex import same_as_settings

    settings = Settings(**INDEX_SETTINGS)
    limits = ((-1.0, 1.0, 1.5), (-1.0, 1.0))
    assert same_as_settings(settings, {"a": 1.0, "b": 1.0}, {"a": 1.0}, 1, *limits, 300)
    assert not same_as_settings(settings, {"a": 1.0, "b": 2.0}, {"a": 1.0}, 1, *limits, 300)
    assert not same_as_settings(settings, {"b": 1.0, "a": 1.0}, {"a": 1.0}, 1, *limits, 300)  # order names the index
    assert not same_as_settings(settings, {"a": 1.0, "b": 1.0}, {"a": 1.0}, 2, *limits, 300)
    assert not same_as_settings(settings, {"a": 1.0, "b": 1.0}, {}, None, *limits, 300)
    assert not same_as_settings(settings, {"a": 1.0, "b": 1.0}, {"a": 1.0}, 1, (-1.0, 1.0, 2.0), limits[1], 300)
    assert not same_as_settings(settings, {"a": 1.0, "b": 1.0}, {"a": 1.0}, 1, *limits, 0)


def test_gera_index_equals_the_index_page_computation(gera_indexed: Bundle) -> None:
    """with_index looks values up its own way; the index page uses index_inputs and population_at: same numbers."""
    from sozialraum.compare import population_at
    from sozialraum.sozialindex import catalogue_config, dynamics_index, index_inputs, status_index

    bundle = gera_indexed
    status_ids = ["sgb2_quote", "sgb2_kinder_quote", "arbeitslosenquote"]
    for name in bundle.level_names:
        level = bundle.at_level(name)
        ids = list(level.areas["gebiet_id"])
        config = catalogue_config(
            bundle.catalogue, dict.fromkeys(status_ids, 1.0), dict.fromkeys(status_ids, 1.0), 2020, 2022
        )
        population = population_at(level.values, level.areas, 2022)
        frame = index_inputs(level.values, ids, status_ids, 2022, status_ids, 2020, 2022)
        for indikator, expected in (
            (STATUS_ID, status_index(frame, config, population)["z"]),
            (DYNAMICS_ID, dynamics_index(frame, config, population)["z"]),
        ):
            ours = _index(level, indikator, 2022)["wert"].astype(float).reindex(ids)
            pd.testing.assert_series_equal(ours, expected.reindex(ids), check_names=False, check_index=False)


def test_areas_outside_their_validity_get_no_row() -> None:
    """Geometry versions: an area valid until 2023 is no area in 2024, not a left-out one."""
    bundle = _bundle(sozialindex_min_einwohner=0)
    bundle.areas["gueltig_ab"] = [None] * 6
    bundle.areas["gueltig_bis"] = [None] * 5 + [2023]
    indexed = with_index(bundle)
    assert "06" in _index(indexed, STATUS_ID, 2023).index
    assert "06" not in _index(indexed, STATUS_ID, 2024).index
    assert "06" not in _index(indexed, DYNAMICS_ID, 2024).index  # needs both 2023 and 2024
