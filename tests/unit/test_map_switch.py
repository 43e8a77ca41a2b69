"""Payloads of the other indicators for the map's switch ahead of the rerun (fastmap.switch_variants)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sozialraum import Bundle
from sozialraum.fastmap import class_colours, compact_payload, style_payload, switch_variants
from sozialraum.mapview import MapOptions, map_view
from sozialraum.sozialindex import INDEX_IDS


@pytest.fixture(scope="module")
def gera(gera_indexed: Bundle) -> Bundle:
    return gera_indexed


def _labels(bundle: Bundle) -> dict[str, str]:
    catalogue = bundle.catalogue
    return {str(i): f"{catalogue.at[i, 'thema']} · {catalogue.at[i, 'name']}" for i in catalogue.index}


def test_each_variant_is_the_payload_the_page_sends_for_that_indicator(gera: Bundle) -> None:
    options = MapOptions("werte", 2024, scheme="jenks", k=4)
    ids = list(gera.areas["gebiet_id"])[::-1]  # the geometry file's order, whatever it is
    data = switch_variants(gera, "sgb2_quote", options, ids, _labels(gera), legend_suffix="<p>Einrichtungen</p>")
    assert "arbeitslosenquote" in data["payloads"]
    for indikator, sent in data["payloads"].items():
        view = map_view(gera, indikator, options)
        meta = {**gera.catalogue.loc[indikator].to_dict(), "einheit": view.unit}
        page = style_payload(view.table, class_colours(view.table, view.classes), meta, view.value_title, view.legend)
        expected = compact_payload(page, ids)
        assert sent["k"] == expected["k"] and sent["pal"] == expected["pal"] and sent["w"] == expected["w"]
        assert sent["legende"] == expected["legende"] + "<p>Einrichtungen</p>"
        assert sent["indikator"] == indikator
    assert data["labels"]["Soziale Lage · SGB-II-Quote"] == "sgb2_quote"
    assert set(data["labels"].values()) == set(data["payloads"])


def test_only_indicators_the_rerun_shows_with_the_same_year_choice_and_layout(gera: Bundle) -> None:
    values = gera.values
    # one indicator has no values in the year shown: the page would show another year, so no variant for
    # it; another lost an older year: the page keeps 2024 for it, so it stays
    oldest = int(values.loc[values["indikator_id"] == "einwohner", "jahr"].min())
    gone = ((values["indikator_id"] == "arbeitslosenquote") & (values["jahr"] == 2024)) | (
        (values["indikator_id"] == "einwohner") & (values["jahr"] == oldest)
    )
    bundle = replace(gera, values=values[~gone])
    ids = list(bundle.areas["gebiet_id"])
    data = switch_variants(bundle, "sgb2_quote", MapOptions("vergleich", 2024, band=15), ids, _labels(bundle))
    assert "arbeitslosenquote" not in data["payloads"]
    assert "einwohner" in data["payloads"]
    assert not set(INDEX_IDS) & set(data["payloads"])  # the index moves the map into a column
    index_data = switch_variants(bundle, INDEX_IDS[0], MapOptions("werte", 2024), ids, _labels(bundle))
    assert set(index_data["payloads"]) <= set(INDEX_IDS)


def test_change_view_variants_use_the_same_years(gera: Bundle) -> None:
    options = MapOptions("veraenderung", 2024, start=2018, relative=True)
    ids = list(gera.areas["gebiet_id"])
    data = switch_variants(gera, "sgb2_quote", options, ids, _labels(gera))
    payload = data["payloads"]["sgb2_quote"]
    assert payload["titel"] == "Veränderung 2018–2024"
    assert "%" in payload["ws"][0]
