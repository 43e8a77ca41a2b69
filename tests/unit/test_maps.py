from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

from sozialraum import fastmap, load_bundle
from sozialraum.classify import change_classes, classify, compare_to_city, diverging_palette
from sozialraum.fastmap import class_colours, map_base, payload_size, style_payload, write_geometry
from sozialraum.geo import display_geometry
from sozialraum.indicators import change_table, indicator_table
from sozialraum.mapview import comparison_sentence, map_summary


def test_std_classes_are_centred_on_the_city_value() -> None:
    values = pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    classes = classify(values, "stdabw", 5, "hoeher_schlechter", center=5.0)
    sd = values.std(ddof=0)
    assert classes.bounds[:4] == pytest.approx([5 - 1.5 * sd, 5 - 0.5 * sd, 5 + 0.5 * sd, 5 + 1.5 * sd])
    assert classes.colours[0] == "#2166ac" and classes.colours[-1] == "#b2182b"  # low = good = blue
    assert sum(classes.counts) == 10


def test_continuous_scale_uses_seven_fine_steps() -> None:
    classes = classify(pd.Series([float(v) for v in range(15)]), "stetig", 3, "neutral")
    assert len(classes.bounds) == 7


def test_comparison_with_band_and_polarity() -> None:
    values = pd.Series([8.0, 9.5, 10.5, 12.0, None])
    classes = compare_to_city(values, 10.0, "hoeher_schlechter", band_pct=10)
    assert classes.labels.tolist() == [0, 1, 1, 2, -1]
    assert classes.counts == [1, 2, 1]
    assert classes.colours[2] == diverging_palette("hoeher_schlechter", 3)[2] == "#b2182b"
    sentence = comparison_sentence(classes, "hoeher_schlechter", 10)
    assert "1 Gebiet liegt günstiger" in sentence and "2 Gebiete liegen ähnlich" in sentence


def test_change_classes_are_symmetric_around_zero() -> None:
    classes = change_classes(pd.Series([-2.0, -0.1, 0.2, 1.0]), "hoeher_schlechter", 5)
    assert classes.lower == -2.0 and classes.bounds[-1] == 2.0
    assert classes.labels.tolist() == [0, 2, 2, 3]  # small changes fall into the middle class


def test_change_table_absolute_relative_and_city(valid_folder: Path) -> None:
    bundle = load_bundle(valid_folder)
    table = change_table(bundle.values, bundle.areas, bundle.city, "quote", 2023, 2024, polarity="hoeher_schlechter")
    by_area = table.set_index("gebiet_id")
    assert by_area.loc["01", "wert"] == pytest.approx(2.0)
    assert by_area.loc["03", "wert"] == pytest.approx(-10.0)
    assert by_area.loc["03", "rang"] == 1  # the largest fall of a 'worse' indicator ranks first
    assert table["stadt"].iloc[0] == pytest.approx(28.0 - 35.0)
    relative = change_table(bundle.values, bundle.areas, bundle.city, "quote", 2023, 2024, relative=True)
    assert relative.set_index("gebiet_id").loc["01", "wert"] == pytest.approx(20.0)
    text = map_summary(table, "SGB-II-Quote", lambda v: f"{v:.1f}", "veraenderung")
    assert text == (
        "Beim Indikator „SGB-II-Quote“ ist der Wert in 1 von 3 Gebieten gestiegen (in Nord: 2.0) "
        "und in 2 gesunken (am stärksten in Mitte und Süd: je -10.0). Gesamtstadt: -7.0."
    )


def test_geometry_is_written_once_and_the_payload_is_small(valid_folder: Path, tmp_path: Path) -> None:
    bundle = load_bundle(valid_folder)
    display = display_geometry(bundle.areas)
    name = write_geometry(display, tmp_path)
    assert write_geometry(display, tmp_path) == name  # same content, same file
    data = json.loads((tmp_path / name).read_text())
    assert [f["properties"]["gebiet_id"] for f in data["features"]] == ["01", "02", "03"]
    # the maps load the packed copy; it unpacks to the same bytes
    assert gzip.decompress((tmp_path / f"{name}.gz").read_bytes()) == (tmp_path / name).read_bytes()
    assert sorted(p.name for p in tmp_path.glob("gebiete-*")) == [name, f"{name}.gz"]  # no temporary file left
    table = indicator_table(bundle.values, bundle.areas, bundle.city, bundle.catalogue, "quote", 2024)
    classes = classify(table["wert"], "quantile", 3, "hoeher_schlechter")
    payload = style_payload(
        table, class_colours(table, classes), bundle.catalogue.loc["quote"], "Quote", "<b>L</b>", "02"
    )
    assert set(payload["farben"]) == {"01", "02", "03"}
    assert payload["werte"]["03"] == ["40,0\u00a0%", "3 von 3", "+12,0\u00a0Prozentpunkte"]
    assert payload["auswahl"] == "02"
    assert "coordinates" not in json.dumps(payload)  # never geometry in the per-change part
    assert payload_size(payload) < 1000


def test_map_base_is_plain_data_with_local_assets_only() -> None:
    base = map_base("/app/static/cache/gebiete-x.json", (12.0, 50.0, 12.1, 50.1), 560)
    assert base["url"] == "/app/static/cache/gebiete-x.json"
    assert base["bounds"] == [12.0, 50.0, 12.1, 50.1] and base["height"] == 560
    assert base["leaflet"] == "/app/static/vendor/leaflet" and base["kacheln"] == ""  # no tiles unless configured
    assert [v for v in base.values() if isinstance(v, str) and "//" in v] == []  # nothing from another host
    json.dumps(base)  # goes to the browser as JSON


def test_map_script_decodes_the_compact_payload_with_the_same_alphabet() -> None:
    script = (Path(__file__).parents[2] / "static" / "karte" / "karte.js").read_text(encoding="utf-8")
    assert f'const ALPHABET = "{fastmap._ALPHABET}";' in script
    assert f'const LITERAL = "{fastmap._LITERAL}";' in script


def test_areas_payload_shows_where_and_the_locator_outlines_one_area() -> None:
    where = fastmap.areas_payload(["01", "03"])
    assert where["farben"] == {"01": "#1f5f8b", "03": "#1f5f8b"} and where["grund"] == "#e0e0e0"
    assert where["nur_name"] and not where["zoom"] and where["auswahl"] is None and not where["legende"]
    compact = fastmap.compact_payload(where, ["01", "02", "03"])
    assert compact["pal"] == ["#1f5f8b"] and compact["k"][1] == "." and compact["k"][0] == compact["k"][2] != "."
    citywide = fastmap.areas_payload(["01"], citywide=True)
    assert citywide["farben"] == {} and citywide["grund"] == "#1f5f8b"
    locator = fastmap.locator_payload("02")
    assert locator["farben"] == {"02": "#1f5f8b"} and locator["auswahl"] == "02" and locator["zoom"]
