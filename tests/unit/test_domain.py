from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from sozialraum import load_bundle
from sozialraum.classify import MISSING_COLOUR, classify, palette
from sozialraum.export import csv_with_metadata
from sozialraum.figures import status_figure, trend_figure
from sozialraum.formatting import format_date, format_number, format_signed, format_value
from sozialraum.geo import display_geometry
from sozialraum.indicators import indicator_table, trend_summary, trend_table, trend_wide
from sozialraum.legend import legend_html
from sozialraum.offline import find_external_urls
from sozialraum.plan import field_overview, filter_measures, measures_in_area, overdue, plan_progress, stale
from sozialraum.sentences import value_sentence


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(1234.5, 1, "1.234,5"), (31.5, 1, "31,5"), (-0.25, 2, "-0,25"), (1_000_000, 0, "1.000.000"), (None, 1, "–")],
)
def test_format_number_german(value: float | None, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == expected


def test_format_value_and_signed() -> None:
    assert format_value(31.5, "%", 1) == "31,5\u00a0%"
    assert format_signed(2.26, "%", 1) == "+2,3\u00a0Prozentpunkte"
    assert format_signed(-3, "Personen", 0) == "−3\u00a0Personen"
    assert format_date(date(2024, 12, 31)) == "31.12.2024"


def test_quantile_classes_on_known_series() -> None:
    values = pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    classes = classify(values, "quantile", 5, "hoeher_schlechter")
    assert classes.bounds == pytest.approx([2.8, 4.6, 6.4, 8.2, 10.0])
    assert classes.counts == [2, 2, 2, 2, 2]
    assert classes.labels.tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]


def test_equal_interval_and_missing_values() -> None:
    values = pd.Series([0.0, None, 10, 5])
    classes = classify(values, "gleich", 2)
    assert classes.bounds == [5.0, 10.0]
    assert classes.labels.tolist() == [0, -1, 1, 0]


def test_palette_puts_problem_colour_at_the_problem_end() -> None:
    worse = palette("hoeher_schlechter", 5)
    better = palette("hoeher_besser", 5)
    assert worse[-1] == better[0]  # the darkest red marks high values or low values respectively
    assert worse == list(reversed(better))


def test_legend_has_limits_counts_and_missing_entry(valid_folder: Path) -> None:
    bundle = load_bundle(valid_folder)
    values = bundle.values[~((bundle.values["gebiet_id"] == "02") & (bundle.values["indikator_id"] == "quote"))]
    table = indicator_table(values, bundle.areas, bundle.city, bundle.catalogue, "quote", 2024)
    classes = classify(table["wert"], "quantile", 3, "hoeher_schlechter")
    html = legend_html("SGB-II-Quote", "%", classes, 1, int(table["wert"].isna().sum()))
    assert find_external_urls(html) == []
    assert html.startswith("<strong>SGB-II-Quote</strong><br><span>in\u00a0%</span>")
    assert "keine Angabe (1\u00a0Gebiet)" in html and MISSING_COLOUR in html and "repeating-linear-gradient" in html
    assert html.count("(1\u00a0Gebiet)") == 3  # two areas with a value, one class each, plus the missing one
    assert "12,0 bis" in html and "bis 40,0" in html  # German limits from the lowest to the highest value


def test_indicator_table_rank_and_difference(valid_folder: Path) -> None:
    bundle = load_bundle(valid_folder)
    table = indicator_table(bundle.values, bundle.areas, bundle.city, bundle.catalogue, "quote", 2024)
    row = table.set_index("gebiet_id").loc["01"]
    assert row["rang"] == 1  # lowest SGB II rate is the best (higher is worse)
    assert row["differenz"] == pytest.approx(12.0 - 28.0)
    sentence = value_sentence(table, "SGB-II-Quote", lambda v: format_value(v, "%", 1))
    assert sentence.startswith("Beim Indikator „SGB-II-Quote“ hat Süd den höchsten Wert (40,0\u00a0%), Nord den")
    assert "Gesamtstadt liegt bei 28,0\u00a0%" in sentence


def test_trend_keeps_gaps_and_summarises(valid_folder: Path) -> None:
    bundle = load_bundle(valid_folder)
    trend = trend_table(bundle.values, bundle.city, "quote", ["01", "03"])
    names = {"01": "Nord", "03": "Süd", "gesamt": "Stadt"}
    fig = trend_figure(trend, names, "Titel", "%", 1)
    assert {t.name for t in fig.data} == {"Nord", "Süd", "Stadt"}
    assert all(t.connectgaps is False for t in fig.data)
    text = trend_summary(trend, names, lambda v: format_value(v, "%", 1))
    assert "Nord: von 10,0\u00a0% (2023) auf 12,0\u00a0% (2024) gestiegen" in text
    wide = trend_wide(trend, names)
    assert list(wide.columns) == ["Gebiet", "2023", "2024"]


def test_plan_rollups(valid_folder: Path) -> None:
    bundle = load_bundle(valid_folder)
    plan = bundle.plan
    overview = field_overview(plan)
    assert overview.loc[0, "massnahmen"] == 2 and overview.loc[0, "ziele"] == 1
    assert overview.loc[0, "in Umsetzung"] == 1 and overview.loc[0, "geplant"] == 1
    assert plan_progress(plan.measures) == pytest.approx(25.0)
    late = overdue(plan.measures, date(2026, 11, 26))
    assert list(late["massnahme_id"]) == ["1.1.1"]  # planned end 31.12.2025 passed
    assert list(stale(plan.measures, date(2026, 11, 26))["massnahme_id"]) == []
    assert list(stale(plan.measures, date(2027, 8, 1))["massnahme_id"]) == ["1.1.1", "1.1.2"]
    in_area = measures_in_area(plan.measures, "03")
    assert dict(zip(in_area["massnahme_id"], in_area["gesamtstaedtisch"], strict=True)) == {
        "1.1.1": False,
        "1.1.2": True,
    }
    fig = status_figure(overview)
    assert {t.name for t in fig.data} == {"in Umsetzung", "geplant"}


def test_filter_measures(valid_folder: Path) -> None:
    from sozialraum.plan import measures_with_field

    measures = measures_with_field(load_bundle(valid_folder).plan)
    assert len(filter_measures(measures, status="geplant")) == 1
    assert len(filter_measures(measures, area="01")) == 1
    assert len(filter_measures(measures, text="büro")) == 1
    assert len(filter_measures(measures, feld="1", office="Jugendamt")) == 1


def test_csv_download_carries_provenance() -> None:
    frame = pd.DataFrame({"gebiet": ["Nord"], "wert": [31.5]})
    data = csv_with_metadata(frame, {"Quelle": "BA", "Datenstand": "31.12.2024"}, today=date(2026, 11, 26))
    text = data.decode("utf-8-sig")
    assert "# Quelle: BA" in text and "# Datenstand: 31.12.2024" in text and "# Exportdatum: 26.11.2026" in text
    assert "Nord;31,5" in text


def test_display_geometry_keeps_neighbours_closed(valid_folder: Path) -> None:
    areas = load_bundle(valid_folder).areas
    simplified = display_geometry(areas)
    assert len(simplified) == len(areas)
    assert simplified.geometry.is_valid.all()
    # shared borders stay shared: the union has as much area as the parts
    metric = simplified.to_crs("EPSG:25832")
    assert metric.union_all().area == pytest.approx(metric.area.sum(), rel=1e-6)


def test_xlsx_download_has_data_and_metadata_sheets() -> None:
    import io

    from sozialraum.export import xlsx_with_metadata

    frame = pd.DataFrame({"gebiet": ["Nord"], "wert": [31.5]})
    data = xlsx_with_metadata({"Werte": frame}, {"Quelle": "BA"}, today=date(2026, 11, 26))
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(sheets) == ["Werte", "Metadaten"]
    assert sheets["Werte"].iloc[0]["wert"] == 31.5
    assert "26.11.2026" in sheets["Metadaten"]["Wert"].tolist()
