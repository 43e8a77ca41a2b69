"""Trends and comparisons: index and change views, movers (polarity), correlation and its reading,
the overview matrix, provenance of downloads, and the figure builders (German formats, gaps, export)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sozialraum.compare import (
    ABSOLUTE,
    BETTER,
    CHANGE,
    INDEXED,
    MISSING,
    NOT_RATED,
    REFERENCE_CITY,
    REFERENCE_MEAN,
    SIMILAR,
    WORSE,
    Correlation,
    change_unit,
    city_comparable,
    correlation_reading,
    correlation_strength,
    format_r,
    format_rows,
    matrix_order,
    matrix_summary,
    matrix_wide,
    movers,
    movers_summary,
    multiples_summary,
    order_areas,
    overview_matrix,
    pearson,
    population_at,
    provenance_meta,
    ranking,
    ranking_summary,
    rebase,
    scatter_table,
    side_by_side,
    side_by_side_summary,
    side_by_side_wide,
    source_caption,
    top_movers,
    values_at,
    view_decimals,
    view_summary,
    view_unit,
)
from sozialraum.compare_figures import (
    area_multiples,
    diverging,
    index_payload,
    matrix_figure,
    movers_figure,
    ordered_classes,
    ranking_figure,
    scatter_figure,
    side_by_side_figure,
    trend_lines,
)
from sozialraum.indicators import indicator_table, trend_table
from sozialraum.plot_config import plot_config
from sozialraum.schemas import CITY_ID

# --- a small city: three areas, three indicators, 2020–2023 -----------------------------------------------

AREAS = pd.DataFrame(
    {"gebiet_id": ["01", "02", "03"], "name": ["Nord", "Mitte", "Süd"], "einwohner": [1000, 500, 2000]}
)
NAMES = {"01": "Nord", "02": "Mitte", "03": "Süd", CITY_ID: "Stadt"}
CATALOGUE = pd.DataFrame(
    {
        "name": ["Arbeitslosenquote", "Beschäftigtenquote", "Einwohner"],
        "kurzname": ["Arbeitslose", "Beschäftigte", "Einw."],
        "einheit": ["%", "%", "Personen"],
        "thema": ["Arbeit", "Arbeit", "Bevölkerung"],
        "polaritaet": ["hoeher_schlechter", "hoeher_besser", "neutral"],
        "quelle": ["BA", "BA", "Melderegister"],
        "datenstand": ["31.12.2023", "30.06.2023", "31.12.2023"],
        "dezimalstellen": [1, 1, 0],
        "aggregation": ["quote", "quote", "summe"],
    },
    index=pd.Index(["alq", "beschq", "einwohner"], name="indikator_id"),
)


def _values() -> pd.DataFrame:
    rows = []
    alq = {"01": [10.0, 9.0, np.nan, 8.0], "02": [5.0, 5.5, 6.0, 7.0], "03": [20.0, 18.0, 16.0, 15.0]}
    beschq = {"01": [50.0, 52.0, 53.0, 55.0], "02": [60.0, 59.0, 58.0, 57.0], "03": [40.0, 40.0, 40.0, 40.02]}
    pop = {"01": [1000, 1010, 1020, 1030], "02": [500, 490, 480, 470], "03": [2000, 2000, 2000, 2000]}
    for indikator, table in (("alq", alq), ("beschq", beschq), ("einwohner", pop)):
        for gebiet, series in table.items():
            for jahr, wert in zip(range(2020, 2024), series, strict=True):
                rows.append(
                    {"gebiet_id": gebiet, "indikator_id": indikator, "jahr": jahr, "wert": wert, "anmerkung": ""}
                )
    return pd.DataFrame(rows)


VALUES = _values()
CITY = pd.DataFrame(
    [
        {"indikator_id": "alq", "jahr": y, "wert": w}
        for y, w in zip(range(2020, 2024), [12.0, 11.0, 10.5, 10.0], strict=True)
    ]
    + [{"indikator_id": "beschq", "jahr": y, "wert": 50.0} for y in range(2020, 2024)]
    + [{"indikator_id": "einwohner", "jahr": 2023, "wert": 3500.0}]
)


# --- index and change views --------------------------------------------------------------------------------


def test_index_view_sets_the_base_year_to_100() -> None:
    trend = trend_table(VALUES, CITY, "alq", ["02", "03"])
    shown = rebase(trend, INDEXED, 2020)
    mitte = shown[shown["gebiet_id"] == "02"].set_index("jahr")["wert"]
    assert mitte[2020] == pytest.approx(100.0)
    assert mitte[2023] == pytest.approx(140.0)
    city = shown[shown["gebiet_id"] == CITY_ID].set_index("jahr")["wert"]
    assert city[2023] == pytest.approx(10.0 / 12.0 * 100)


def test_change_view_is_the_difference_to_the_base_year() -> None:
    shown = rebase(trend_table(VALUES, CITY, "alq", ["03"]), CHANGE, 2021)
    sued = shown[shown["gebiet_id"] == "03"].set_index("jahr")["wert"]
    assert sued.tolist() == pytest.approx([2.0, 0.0, -2.0, -3.0])
    assert view_unit(CHANGE, "%", 2021) == "Prozentpunkte seit 2021"
    assert view_unit(CHANGE, "Personen", 2021) == "Personen seit 2021"
    assert view_unit(INDEXED, "%", 2021) == "Index (2021 = 100)"
    assert view_unit(ABSOLUTE, "%", 2021) == "%"
    assert view_decimals(INDEXED, 0) == 1 and view_decimals(CHANGE, 2) == 2


def test_a_gap_stays_a_gap_and_a_missing_base_gives_no_line() -> None:
    trend = trend_table(VALUES, CITY, "alq", ["01"])
    nord = rebase(trend, CHANGE, 2020).query("gebiet_id == '01'").set_index("jahr")["wert"]
    assert math.isnan(nord[2022])  # not interpolated
    assert nord[2023] == pytest.approx(-2.0)
    without_base = rebase(trend, INDEXED, 2022).query("gebiet_id == '01'")["wert"]
    assert without_base.isna().all()


def test_index_needs_a_positive_base() -> None:
    trend = pd.DataFrame({"gebiet_id": ["a", "a", "b", "b"], "jahr": [1, 2, 1, 2], "wert": [-2.0, 4.0, 0.0, 3.0]})
    assert rebase(trend, INDEXED, 1)["wert"].isna().all()
    assert rebase(trend, CHANGE, 1)["wert"].tolist() == [0.0, 6.0, 0.0, 3.0]
    with pytest.raises(ValueError):
        rebase(trend, "quatsch", 1)


def test_view_summaries_are_german_sentences() -> None:
    trend = trend_table(VALUES, CITY, "alq", ["03"])
    text = view_summary(rebase(trend, CHANGE, 2020), CHANGE, 2020, NAMES, "%", 1)
    assert text == "Veränderung von 2020 bis 2023: Süd −5,0\u00a0Prozentpunkte und Stadt −2,0\u00a0Prozentpunkte."
    text = view_summary(rebase(trend, INDEXED, 2020), INDEXED, 2020, NAMES, "%", 1)
    assert text == "Gemessen am Basisjahr 2020 (= 100) liegen 2023: Süd bei 75,0 und Stadt bei 83,3."
    assert view_summary(rebase(trend, ABSOLUTE, 2020), ABSOLUTE, 2020, NAMES, "%", 1).startswith(
        "Werte 2023: Süd 15,0\u00a0%"
    )


# --- movers ----------------------------------------------------------------------------------------------------


def test_movers_when_higher_is_worse_a_fall_is_an_improvement() -> None:
    table = movers(VALUES, AREAS, "alq", "hoeher_schlechter", 2020, 2023)
    assert table["gebiet_id"].tolist() == ["03", "01", "02"]  # most improved first
    assert table["bewertung"].tolist() == ["verbessert", "verbessert", "verschlechtert"]
    assert table.loc[0, "veraenderung"] == pytest.approx(-5.0)
    assert table.loc[0, "verbesserung"] == pytest.approx(5.0)


def test_movers_when_higher_is_better_a_rise_is_an_improvement() -> None:
    table = movers(VALUES, AREAS, "beschq", "hoeher_besser", 2020, 2023, decimals=1)
    assert table["gebiet_id"].tolist() == ["01", "03", "02"]
    # Süd rose by 0,02: at one decimal that reads 0,0, so it is rated unchanged, not improved
    assert table["bewertung"].tolist() == ["verbessert", "unverändert", "verschlechtert"]
    exact = movers(VALUES, AREAS, "beschq", "hoeher_besser", 2020, 2023)
    assert exact.set_index("gebiet_id").at["03", "bewertung"] == "verbessert"


def test_movers_of_a_neutral_indicator_are_not_rated() -> None:
    table = movers(VALUES, AREAS, "einwohner", "neutral", 2020, 2023)
    assert table["verbesserung"].isna().all()
    assert table["bewertung"].tolist() == ["gestiegen", "unverändert", "gesunken"]
    up, down = top_movers(table, 5)
    assert up["gebiet_id"].tolist() == ["01"] and down["gebiet_id"].tolist() == ["02"]


def test_movers_missing_values_come_last_and_say_so() -> None:
    table = movers(VALUES, AREAS, "alq", "hoeher_schlechter", 2022, 2023)
    assert table.iloc[-1]["gebiet_id"] == "01"
    assert table.iloc[-1]["bewertung"] == "keine Angabe"


def test_top_movers_and_summary() -> None:
    table = movers(VALUES, AREAS, "alq", "hoeher_schlechter", 2020, 2023, decimals=1)
    up, down = top_movers(table, 1)
    assert up["name"].tolist() == ["Süd"] and down["name"].tolist() == ["Mitte"]
    assert movers_summary(table, "Arbeitslosenquote", "%", 1, 2020, 2023) == (
        "Arbeitslosenquote 2020–2023: Verbessert haben sich 2 von 3 Gebieten (am stärksten Süd, "
        "−5,0\u00a0Prozentpunkte), verschlechtert hat sich 1 (Mitte, +2,0\u00a0Prozentpunkte)."
    )


def test_order_of_small_multiples_is_polarity_aware() -> None:
    assert order_areas(VALUES, AREAS, "alq", "hoeher_schlechter", "wert") == ["03", "01", "02"]
    assert order_areas(VALUES, AREAS, "beschq", "hoeher_besser", "wert") == ["03", "01", "02"]  # lowest first
    # by change: the most worsened first
    assert order_areas(VALUES, AREAS, "alq", "hoeher_schlechter", "veraenderung") == ["02", "01", "03"]
    assert order_areas(VALUES, AREAS, "einwohner", "neutral", "veraenderung") == ["01", "03", "02"]
    with pytest.raises(ValueError):
        order_areas(VALUES, AREAS, "alq", "hoeher_schlechter", "name")


def test_multiples_summary() -> None:
    text = multiples_summary(VALUES, CITY, NAMES, "alq", "%", 1)
    assert text == (
        "2023 reichen die Werte von 7,0\u00a0% (Mitte) bis 15,0\u00a0% (Süd); "
        "1 von 3 Gebieten liegen über dem Wert der Gesamtstadt (10,0\u00a0%)."
    )
    counts = multiples_summary(
        VALUES, CITY, NAMES, "einwohner", "Personen", 0, with_city=city_comparable(CATALOGUE, "einwohner")
    )
    assert counts == "2023 reichen die Werte von 470\u00a0Personen (Mitte) bis 2.000\u00a0Personen (Süd)."


# --- one year, population ----------------------------------------------------------------------------------------


def test_values_at_falls_back_to_the_latest_earlier_year() -> None:
    series, year = values_at(VALUES, "alq", 2030)
    assert year == 2023 and series["03"] == 15.0
    series, year = values_at(VALUES, "alq", 1999)
    assert year is None and series.empty


def test_population_from_the_indicator_or_the_area_file() -> None:
    assert population_at(VALUES, AREAS, 2021).tolist() == [1010, 490, 2000]
    no_indicator = VALUES[VALUES["indikator_id"] != "einwohner"]
    assert population_at(no_indicator, AREAS, 2021).tolist() == [1000, 500, 2000]


# --- ranking and side by side ---------------------------------------------------------------------------------------


def test_ranking_most_favourable_first_and_highlighted() -> None:
    table = indicator_table(VALUES, AREAS, CITY, CATALOGUE, "alq", 2023)
    ranked = ranking(table, "hoeher_schlechter", ["03"])
    assert ranked["name"].tolist() == ["Mitte", "Nord", "Süd"]
    assert ranked["hervorgehoben"].tolist() == [False, False, True]
    assert ranking_summary(ranked, "Arbeitslosenquote", "%", 1, "hoeher_schlechter", "Stadt") == (
        "Den günstigsten Wert hat Mitte (7,0\u00a0%), den ungünstigsten Süd (15,0\u00a0%); "
        "1 von 3 Gebieten liegen über dem Wert von Stadt (10,0\u00a0%)."
    )
    better = ranking(indicator_table(VALUES, AREAS, CITY, CATALOGUE, "beschq", 2023), "hoeher_besser")
    assert better["name"].tolist() == ["Mitte", "Nord", "Süd"]


def test_side_by_side_rates_against_the_city() -> None:
    long = side_by_side(VALUES, CITY, CATALOGUE, ["alq", "beschq", "einwohner"], ["01", "03"], 2023)
    rated = long.set_index(["indikator_id", "gebiet_id"])["bewertung"]
    assert rated[("alq", "01")] == "günstiger"  # 8 < 10, lower is better
    assert rated[("alq", "03")] == "ungünstiger"
    assert rated[("beschq", "01")] == "günstiger"  # 55 > 50, higher is better
    assert rated[("einwohner", "01")] == "nicht bewertet"
    assert pd.isna(long.set_index(["indikator_id", "gebiet_id"]).at[("einwohner", "01"), "differenz"])  # a sum
    assert rated[("alq", CITY_ID)] == ""
    assert long.set_index(["indikator_id", "gebiet_id"]).at[("alq", CITY_ID), "wert"] == 10.0
    wide = side_by_side_wide(long, CATALOGUE, NAMES)
    assert list(wide.columns) == ["Indikator", "Einheit", "Jahr", "Nord", "Süd", "Stadt"]
    assert wide.loc[2, "Stadt"] == 3500
    assert side_by_side_summary(long, NAMES) == (
        "Gegenüber der Gesamtstadt bei 2 bewertbaren Indikatoren: Nord 2 günstiger, 0 ungünstiger; "
        "Süd 0 günstiger, 2 ungünstiger."
    )


def test_format_rows_uses_each_rows_decimals() -> None:
    frame = pd.DataFrame({"a": ["x", "y"], "v": [1234.56, 0.5], "w": [np.nan, 2.0]})
    shown = format_rows(frame, [0, 2], ["v", "w"])
    assert shown["v"].tolist() == ["1.235", "0,50"]
    assert shown["w"].tolist() == ["–", "2,00"]


# --- correlation ---------------------------------------------------------------------------------------------------


def test_pearson_over_complete_pairs() -> None:
    assert pearson(pd.Series([1, 2, 3, 4.0]), pd.Series([2, 4, 6, 8.0])).r == pytest.approx(1.0)
    assert pearson(pd.Series([1, 2, 3, 4.0]), pd.Series([8, 6, 4, 2.0])).r == pytest.approx(-1.0)
    corr = pearson(pd.Series([1, 2, 3, np.nan, 5.0]), pd.Series([1, 3, 2, 4, np.nan]))
    assert corr.n == 3 and corr.r == pytest.approx(0.5)
    assert not pearson(pd.Series([1, 2.0]), pd.Series([1, 2.0])).valid  # too few
    assert not pearson(pd.Series([1, 1, 1.0]), pd.Series([1, 2, 3.0])).valid  # no spread


@pytest.mark.parametrize(
    ("r", "strength"),
    [(0.05, "kein nennenswerter"), (-0.099, "kein nennenswerter"), (0.1, "schwacher"), (-0.29, "schwacher"),
     (0.3, "mittlerer"), (-0.49, "mittlerer"), (0.5, "starker"), (-0.95, "starker")],
)  # fmt: skip
def test_correlation_strength_after_cohen(r: float, strength: str) -> None:
    assert correlation_strength(r) == strength


def test_correlation_reading_in_plain_german() -> None:
    text = correlation_reading(Correlation(0.82, 12), "SGB-II-Quote", "Arbeitslosenquote")
    assert text.startswith("r = 0,82 bei 12 Gebieten: starker positiver Zusammenhang.")
    assert "tendenziell auch einen höheren Wert bei „Arbeitslosenquote“" in text
    assert "kein Beleg für eine Ursache" in text
    text = correlation_reading(Correlation(-0.45, 30), "A", "B")
    assert "r = −0,45 bei 30 Gebieten: mittlerer negativer Zusammenhang" in text
    assert "einen niedrigeren Wert" in text
    assert "kein nennenswerter Zusammenhang" in correlation_reading(Correlation(0.02, 30), "A", "B")
    assert "lässt sich nicht berechnen" in correlation_reading(Correlation(float("nan"), 2), "A", "B")
    assert format_r(-0.456) == "−0,46"


def test_scatter_table_with_years_and_population() -> None:
    table, x_year, y_year = scatter_table(VALUES, AREAS, "alq", "beschq", 2022)
    assert (x_year, y_year) == (2022, 2022)
    assert math.isnan(table.set_index("gebiet_id").at["01", "x"])
    assert table["einwohner"].tolist() == [1020, 480, 2000]


# --- overview matrix ----------------------------------------------------------------------------------------------


def test_matrix_classes_are_polarity_aware_with_a_band() -> None:
    matrix = overview_matrix(VALUES, AREAS, CITY, CATALOGUE, ["alq", "beschq", "einwohner"], 2023, band=0.6)
    cells = matrix.set_index(["gebiet_id", "indikator_id"])
    # alq 2023: 8 / 7 / 15 against the city's 10, SD of the areas 3.56: Süd 1.40 SD worse, Mitte 0.84 better,
    # Nord 0.56 better, which is within the band of ±0.6
    assert cells.at[("03", "alq"), "klasse"] == WORSE
    assert cells.at[("02", "alq"), "klasse"] == BETTER
    assert cells.at[("01", "alq"), "klasse"] == SIMILAR
    assert cells.at[("01", "alq"), "abstand"] == pytest.approx(2 / np.std([8, 7, 15]))
    narrow = overview_matrix(VALUES, AREAS, CITY, CATALOGUE, ["alq"], 2023, band=0.5)
    assert narrow.set_index("gebiet_id").at["01", "klasse"] == BETTER
    assert cells.at[("03", "beschq"), "klasse"] == WORSE  # 40 < 50, higher is better
    assert cells.at[("01", "einwohner"), "klasse"] == NOT_RATED
    assert math.isnan(cells.at[("01", "einwohner"), "abstand"])
    assert cells.at[("03", "alq"), "symbol"] == "−" and cells.at[("02", "alq"), "symbol"] == "+"
    assert (matrix.loc[matrix["indikator_id"] != "einwohner", "referenz_art"] == REFERENCE_CITY).all()
    # a count: the city value 3,500 is the sum of the areas, so the mean of the areas is the reference
    assert cells.at[("01", "einwohner"), "referenz_art"] == REFERENCE_MEAN
    assert cells.at[("01", "einwohner"), "referenz"] == pytest.approx(3500 / 3)


def test_matrix_band_is_configurable_and_missing_cells_are_marked() -> None:
    wide_band = overview_matrix(VALUES, AREAS, CITY, CATALOGUE, ["alq"], 2023, band=2.0)
    assert set(wide_band["klasse"]) == {SIMILAR}
    gap = overview_matrix(VALUES, AREAS, CITY, CATALOGUE, ["alq"], 2022)
    assert gap.set_index("gebiet_id").at["01", "klasse"] == MISSING
    assert gap.set_index("gebiet_id").at["01", "symbol"] == "k. A."
    with pytest.raises(ValueError):
        overview_matrix(VALUES, AREAS, CITY, CATALOGUE, ["alq"], 2023, band=-1)


def test_matrix_without_city_value_compares_with_the_mean_of_the_areas() -> None:
    no_city = CITY[CITY["indikator_id"] != "alq"]
    matrix = overview_matrix(VALUES, AREAS, no_city, CATALOGUE, ["alq"], 2023)
    assert (matrix["referenz_art"] == REFERENCE_MEAN).all()
    assert matrix["referenz"].iloc[0] == pytest.approx(10.0)
    assert "ungünstiger als das Mittel der Gebiete" in matrix_summary(matrix, "Stadt")
    mixed = overview_matrix(VALUES, AREAS, no_city, CATALOGUE, ["alq", "beschq"], 2023)
    assert matrix_summary(mixed, "Stadt").endswith(
        "Wo kein vergleichbarer Gesamtstadtwert vorliegt, ist das Mittel der Gebiete der Vergleichswert."
    )


def test_matrix_order_table_and_summary() -> None:
    matrix = overview_matrix(VALUES, AREAS, CITY, CATALOGUE, ["alq", "beschq", "einwohner"], 2023)
    order = matrix_order(matrix)
    assert order[0] == "03"  # two unfavourable cells
    wide = matrix_wide(matrix, CATALOGUE, order)
    assert list(wide.columns) == [
        "gebiet_id", "Gebiet", "Arbeitslose (%, 2023)", "Beschäftigte (%, 2023)", "Einw. (Personen, 2023)",
        "Ungünstiger", "Günstiger",
    ]  # fmt: skip
    sued = wide.set_index("gebiet_id").loc["03"]
    assert sued["Arbeitslose (%, 2023)"] == "− 15,0"
    assert sued["Einw. (Personen, 2023)"] == "· 2.000"
    assert sued["Ungünstiger"] == 2
    assert matrix_summary(matrix, "Stadt").startswith(
        "Bei 2 bewerteten Indikatoren liegt Süd am häufigsten ungünstiger"
    )


# --- provenance -----------------------------------------------------------------------------------------------------


def test_provenance_for_one_and_several_indicators() -> None:
    one = provenance_meta(CATALOGUE, ["alq"], Jahr=2023)
    assert one == {
        "Indikator": "Arbeitslosenquote",
        "Einheit": "%",
        "Quelle": "BA",
        "Datenstand": "31.12.2023",
        "Jahr": "2023",
    }
    several = provenance_meta(CATALOGUE, ["alq", "beschq", "einwohner"])
    assert several["Quelle"] == "BA; Melderegister"
    assert several["Datenstand"] == "Arbeitslose: 31.12.2023; Beschäftigte: 30.06.2023; Einw.: 31.12.2023"
    assert source_caption(CATALOGUE, ["alq"]) == "Einheit: % · Quelle: BA · Datenstand: 31.12.2023"
    assert change_unit("%") == "Prozentpunkte" and change_unit(" % ") == "Prozentpunkte"


# --- figures ----------------------------------------------------------------------------------------------------------


def test_trend_lines_keep_gaps_and_german_separators() -> None:
    trend = rebase(trend_table(VALUES, CITY, "alq", ["01"]), ABSOLUTE, 2020)
    fig = trend_lines(trend, NAMES, "Titel", "%", 1)
    nord = next(t for t in fig.data if t.name == "Nord")
    assert nord.connectgaps is False
    assert math.isnan(nord.y[2])
    assert fig.data[-1].name == "Stadt" and fig.data[-1].line.dash == "dash"
    assert fig.layout.separators is None  # the chart config carries the separators of the page language
    ref = trend_lines(rebase(trend, INDEXED, 2020), NAMES, "T", "Index", 1, reference=100.0, reference_text="Basis")
    assert ref.layout.shapes[0].y0 == 100.0


def test_plot_config_exports_png_offline_without_logo() -> None:
    config = plot_config("alq 2023/Rangfolge")
    assert config["displaylogo"] is False
    assert config["toImageButtonOptions"]["format"] == "png"
    assert config["toImageButtonOptions"]["filename"] == "alq_2023_Rangfolge"


def test_ranking_figure_marks_highlighted_areas_and_the_city() -> None:
    ranked = ranking(indicator_table(VALUES, AREAS, CITY, CATALOGUE, "alq", 2023), "hoeher_schlechter", ["03"])
    fig = ranking_figure(ranked, 10.0, "Titel", "%", 1, "Stadt")
    assert list(fig.data[0].y) == ["Mitte", "Nord", "▶ Süd"]
    assert fig.layout.shapes[0].x0 == 10.0
    assert "Stadt: 10,0\u00a0%" in fig.layout.annotations[0].text
    many = pd.DataFrame(
        {
            "gebiet_id": [f"{i:03d}" for i in range(100)],
            "name": [f"G{i}" for i in range(100)],
            "wert": np.arange(100.0),
            "stadt": 50.0,
            "rang": range(1, 101),
            "hervorgehoben": [i == 7 for i in range(100)],
        }
    )
    compact = ranking_figure(many, 50.0, "Titel", "%", 1, "Stadt")
    assert compact.data[0].orientation != "h"
    assert [a.text for a in compact.layout.annotations if "G7" in a.text] == ["▶ G7"]


def test_movers_figure_signs_and_colours() -> None:
    table = movers(VALUES, AREAS, "alq", "hoeher_schlechter", 2020, 2023, decimals=1)
    up, down = top_movers(table, 3)
    fig = movers_figure(up, down, "%", 1, 2020, 2023)
    assert list(fig.data[0].text) == ["−5,0", "−2,0", "+2,0"]
    assert list(fig.data[0].y) == ["Süd (verbessert)", "Nord (verbessert)", "Mitte (verschlechtert)"]
    assert fig.layout.xaxis.title.text == "Veränderung in Prozentpunkte"


def test_small_multiples_one_panel_per_area_with_the_city() -> None:
    trend = trend_table(VALUES, CITY, "alq", ["01", "02", "03"])
    fig = area_multiples(trend, ["03", "01", "02"], NAMES, "%", 1, "Stadt", cols=2)
    titles = [a.text for a in fig.layout.annotations]
    assert titles == ["Süd", "Nord", "Mitte"]
    assert sum(t.name == "Stadt" for t in fig.data) == 3
    assert all(t.connectgaps is False for t in fig.data)


def test_side_by_side_figure_and_scatter() -> None:
    long = side_by_side(VALUES, CITY, CATALOGUE, ["alq", "beschq"], ["01", "03"], 2023)
    fig = side_by_side_figure(long, CATALOGUE, NAMES, "Stadt")
    assert list(fig.data[0].y) == ["Nord", "Süd", "Stadt"]
    assert fig.data[0].x[-1] == 10.0
    counts = side_by_side_figure(
        side_by_side(VALUES, CITY, CATALOGUE, ["einwohner"], ["01"], 2023), CATALOGUE, NAMES, "Stadt"
    )
    assert list(counts.data[0].y) == ["Nord"]  # a sum of all areas is no comparison: no city bar
    assert [a.text for a in fig.layout.annotations][:2] == ["Arbeitslose (%, 2023)", "Beschäftigte (%, 2023)"]
    table, _, _ = scatter_table(VALUES, AREAS, "alq", "beschq", 2023)
    scatter = scatter_figure(table, "x", "y", 1, 1, ["02"], r=0.5)
    assert list(scatter.data[0].text) == ["Nord", "▶ Mitte", "Süd"]
    assert list(scatter.data[0].marker.size) == [1030, 470, 2000]
    assert scatter.layout.title.text == "Streudiagramm (r = 0,50)"


def test_matrix_figure_cells_carry_symbols() -> None:
    matrix = overview_matrix(VALUES, AREAS, CITY, CATALOGUE, ["alq", "einwohner"], 2023)
    fig = matrix_figure(matrix, CATALOGUE, matrix_order(matrix), "Stadt")
    heat = fig.data[0]
    assert list(heat.x) == ["Arbeitslose", "Einw."]
    assert heat.text[0][0] == "−" and heat.text[0][1] == "·"
    assert "Wert: 15,0\u00a0%" in heat.customdata[0][0]
    assert [t.name for t in fig.data[1:]] == ["+ günstiger", "≈ ähnlich", "− ungünstiger", "· nicht bewertet",
                                              "k. A. keine Angabe"]  # fmt: skip


def test_index_payload_counts_classes_and_marks_left_out_areas() -> None:
    classes = ordered_classes(("hoch", "niedrig"), ("1", "2"), ["#eee", "#900"])
    assert classes == [("1 hoch", "#eee"), ("2 niedrig", "#900")]
    frame = pd.DataFrame(
        {"gebiet_id": ["a", "b", "c"], "klasse": ["1 hoch", "2 niedrig", pd.NA], "rang": ["1 von 2", "2 von 2", "–"],
         "zweit": ["z = −1,00", "z = +1,00", "weniger als 300\u00a0Einwohner"]}
    )  # fmt: skip
    payload = index_payload(frame, classes, "Statusklasse", "Indexwert", "Status 2023", "Statusindex", "Klassen")
    assert payload["farben"] == {"a": "#eee", "b": "#900"}
    assert payload["werte"]["c"] == ["nicht eingestuft", "–", "weniger als 300\u00a0Einwohner"]
    assert "1 hoch (1\u00a0Gebiet)" in payload["legende"] and "nicht eingestuft (1\u00a0Gebiet)" in payload["legende"]
    assert diverging(3) == ["#67A9CF", "#F7F7F7", "#EF8A62"]
    assert len(diverging(7)) == 7 and diverging(1) == ["#F7F7F7"]


@pytest.mark.parametrize("missing", [pd.NA, np.nan, None])
def test_missing_values_are_recognised_also_as_pd_na(missing: object) -> None:
    """Nullable columns (Float64) hold pd.NA, where `x != x` raises instead of saying "missing"."""
    from sozialraum.compare import NO_DATA, _judge_change, _judge_difference, _matrix_class

    assert _judge_change(missing, -1) == NO_DATA  # type: ignore[arg-type]
    assert _judge_difference(missing, missing, 1) == NO_DATA  # type: ignore[arg-type]
    assert _judge_difference(2.0, missing, 1) == "ohne Gesamtstadtwert"  # type: ignore[arg-type]
    assert _matrix_class(missing, missing, 1, 0.5) == MISSING  # type: ignore[arg-type]
    assert _judge_change(1.0, -1) != NO_DATA and _matrix_class(1.0, 1.0, 1, 0.5) == BETTER
