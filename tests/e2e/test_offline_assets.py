"""Maps work without the internet: vendored Leaflet, no CDN link, nothing fetched from outside.

The render checks need no browser; the tests using `page` run headless Chromium against
a real Streamlit server (marked e2e by tests/conftest.py).
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
import urllib.request
from collections.abc import Callable
from typing import Any

import folium
import pytest
import streamlit_folium
from playwright.sync_api import Page, expect

from benchmarks.folium_offline import LEAFLET_PREFIX, remove_colormaps, use_local_leaflet
from sozialraum.offline import find_external_urls
from tests.e2e.conftest import (
    REPO_ROOT,
    assert_no_exception,
    count_polygons,
    folium_content_frame,
    folium_frame,
    goto_app,
    screenshot,
)

VENDOR = REPO_ROOT / "static" / "vendor"
LEAFLET_DIR = VENDOR / "leaflet"
LEAFLET_FILES = [
    "leaflet.js",
    "icon-path.js",
    "leaflet.css",
    "LICENSE",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
]
LOCAL_JS = [f"{LEAFLET_PREFIX}/leaflet.js", f"{LEAFLET_PREFIX}/icon-path.js"]
# Elements the dashboard's maps are built from; none may bring its own CDN link.
MAP_ELEMENTS = [
    folium.GeoJson,
    folium.GeoJsonTooltip,
    folium.GeoJsonPopup,
    folium.Choropleth,
    folium.Marker,
    folium.DivIcon,
    folium.Tooltip,
    folium.Popup,
    folium.FeatureGroup,
    folium.LayerControl,
]

AREAS = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"gebiet_id": gebiet_id, "name": name},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[x, 50.92], [x + 0.02, 50.92], [x + 0.02, 50.94], [x, 50.94],
                                 [x, 50.92]]],
            },
        }
        for gebiet_id, name, x in [("01", "Nord", 11.56), ("02", "Süd", 11.59)]
    ],
}  # fmt: skip

PROBE_APP_HEAD = """\
from __future__ import annotations

import folium
from streamlit_folium import st_folium

from benchmarks.folium_offline import use_local_leaflet

"""
PROBE_APP_TAIL = """
use_local_leaflet()
st_folium(sample_map(), height=420, width=700, returned_objects=[], key="probe")
"""


def sample_map() -> folium.Map:
    """A map with every element kind the dashboard uses, and no tiles."""
    fmap = folium.Map(tiles=None, location=[50.93, 11.59], zoom_start=12)
    group = folium.FeatureGroup(name="Gebiete").add_to(fmap)
    folium.GeoJson(
        AREAS,
        name="Sozialräume",
        style_function=lambda _: {"fillColor": "#1f5f8b", "color": "#333", "weight": 1},
        tooltip=folium.GeoJsonTooltip(fields=["name"], aliases=["Gebiet"]),
    ).add_to(group)
    folium.Marker([50.93, 11.58], tooltip="Stadtteilbüro").add_to(fmap)  # default icon
    folium.LayerControl().add_to(fmap)
    return fmap


@pytest.fixture(autouse=True)
def _local_leaflet() -> None:
    use_local_leaflet()


# --- files -----------------------------------------------------------------------


@pytest.mark.parametrize("name", LEAFLET_FILES)
def test_vendored_file_exists_and_is_not_empty(name: str) -> None:
    path = LEAFLET_DIR / name
    assert path.is_file(), f"{path} fehlt"
    assert path.stat().st_size > 0, f"{path} ist leer"


def test_vendored_leaflet_is_the_documented_version() -> None:
    assert 'version="1.9.4"' in (LEAFLET_DIR / "leaflet.js").read_text(encoding="utf-8")
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert "Leaflet" in readme and "1.9.4" in readme and "BSD-2-Clause" in readme


# --- rendering without a browser -------------------------------------------------


def test_find_external_urls_reports_script_and_link_sources() -> None:
    html = """
        <script src="https://cdn.example.org/a.js"></script>
        <script src="/app/static/vendor/leaflet/leaflet.js"></script>
        <script>var x = "https://not-a-load.example.org";</script>
        <link rel="stylesheet" href="//cdn.example.org/b.css"/>
        <link rel="stylesheet" href="http://cdn.example.org/c.css"/>
        <a href="https://example.org">Quelle</a>
    """
    assert find_external_urls(html) == [
        "https://cdn.example.org/a.js",
        "//cdn.example.org/b.css",
        "http://cdn.example.org/c.css",
    ]


def test_rendered_map_loads_only_vendored_leaflet() -> None:
    html = sample_map().get_root().render()
    assert find_external_urls(html) == []
    assert f'src="{LEAFLET_PREFIX}/leaflet.js"' in html
    assert f'href="{LEAFLET_PREFIX}/leaflet.css"' in html


def test_use_local_leaflet_takes_a_prefix_and_is_idempotent() -> None:
    use_local_leaflet("/base/app/static/vendor/leaflet/")
    use_local_leaflet("/base/app/static/vendor/leaflet/")
    assert folium.Map.default_js == [
        ("leaflet", "/base/app/static/vendor/leaflet/leaflet.js"),
        ("leaflet_icon_path", "/base/app/static/vendor/leaflet/icon-path.js"),
    ]
    assert folium.Map.default_css == [("leaflet_css", "/base/app/static/vendor/leaflet/leaflet.css")]


@pytest.mark.parametrize("element", MAP_ELEMENTS, ids=lambda cls: cls.__name__)
def test_map_elements_bring_no_links_of_their_own(element: type) -> None:
    links = [url for _, url in getattr(element, "default_js", [])]
    links += [url for _, url in getattr(element, "default_css", [])]
    assert links == []


def _st_folium_args(monkeypatch: pytest.MonkeyPatch, fmap: folium.Map) -> dict[str, Any]:
    """The arguments st_folium would send to its frontend."""
    captured: dict[str, Any] = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: captured.update(kw))
    streamlit_folium.st_folium(fmap, returned_objects=[])
    return captured


def test_st_folium_loads_only_vendored_assets(monkeypatch: pytest.MonkeyPatch) -> None:
    args = _st_folium_args(monkeypatch, sample_map())
    assert args["js_links"] == LOCAL_JS
    assert args["css_links"] == [f"{LEAFLET_PREFIX}/leaflet.css"]
    assert find_external_urls(args["header"]) == []


def _choropleth_map() -> folium.Map:
    fmap = folium.Map(tiles=None)
    folium.Choropleth(
        AREAS,
        data={"01": 1.0, "02": 2.0},
        key_on="feature.properties.gebiet_id",
        legend_name="Quote",
    ).add_to(fmap)
    return fmap


def test_colormap_legend_makes_st_folium_load_d3_from_a_cdn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Documents the streamlit-folium behaviour that remove_colormaps() works around.
    args = _st_folium_args(monkeypatch, _choropleth_map())
    assert any("d3" in url for url in find_external_urls_in(args["js_links"]))


def test_remove_colormaps_keeps_st_folium_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    fmap = _choropleth_map()
    assert remove_colormaps(fmap) == 1
    args = _st_folium_args(monkeypatch, fmap)
    assert args["js_links"] == LOCAL_JS
    assert find_external_urls(fmap.get_root().render()) == []


def find_external_urls_in(urls: list[str]) -> list[str]:
    return [url for url in urls if url.startswith(("http://", "https://", "//"))]


def test_offline_module_imports_neither_streamlit_nor_folium() -> None:
    code = (
        "import sys, sozialraum.offline; "
        "sys.exit(', '.join(sorted({'streamlit', 'folium', 'branca'} & set(sys.modules))) or 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=False, capture_output=True, text=True)
    assert result.returncode == 0, f"sozialraum.offline zieht nach: {result.stderr}"


# --- in the browser --------------------------------------------------------------


@pytest.fixture(scope="module")
def probe_url(start_server: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    """A one-map Streamlit script served with the repository's static folder.

    Streamlit serves static/ beside the main script; a symlink makes that the repo's
    folder, and the server runs in the repo root, so .streamlit/config.toml applies.
    """
    folder = tmp_path_factory.mktemp("map-probe")
    (folder / "static").symlink_to(REPO_ROOT / "static", target_is_directory=True)
    script = folder / "map_probe.py"
    # The same map as the render tests: AREAS and sample_map's source, copied over.
    source = f"{PROBE_APP_HEAD}AREAS = {json.dumps(AREAS)}\n\n\n"
    source += inspect.getsource(sample_map) + PROBE_APP_TAIL
    script.write_text(source, encoding="utf-8")
    return start_server(script=script, extra_env={"PYTHONPATH": str(REPO_ROOT)})


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("leaflet.js", "javascript"),
        ("leaflet.css", "text/css"),
        ("images/marker-icon.png", "image/png"),
    ],
)
def test_streamlit_serves_vendored_files(probe_url: str, name: str, content_type: str) -> None:
    with urllib.request.urlopen(f"{probe_url}{LEAFLET_PREFIX}/{name}", timeout=10) as response:
        assert response.status == 200
        assert content_type in response.headers["Content-Type"]
        assert response.read() == (LEAFLET_DIR / name).read_bytes()


def test_st_folium_map_draws_offline(probe_url: str, page: Page) -> None:
    goto_app(page, probe_url)
    assert_no_exception(page)
    assert count_polygons(page, minimum=2) == 2
    frame = folium_content_frame(page)
    assert frame.evaluate("() => L.version") == "1.9.4"
    marker = folium_frame(page).locator("img.leaflet-marker-icon")
    expect(marker).to_have_count(1)
    assert marker.evaluate("img => img.complete && img.naturalWidth > 0"), "Markerbild fehlt"
    expect(folium_frame(page).locator(".leaflet-control-layers")).to_have_count(1)
    folium_frame(page).locator("path.leaflet-interactive").first.hover()
    expect(folium_frame(page).locator(".leaflet-tooltip")).to_contain_text("Nord")
    screenshot(page, "offline-map-probe")


def test_start_page_loads_nothing_from_outside(app_server: str, page: Page) -> None:
    # The page fixture fails the test on any outside request or console error.
    goto_app(page, f"{app_server}/")
    assert_no_exception(page)
    expect(page.locator("h1")).to_have_text("Sozialraum-Dashboard Gera")  # the start page, not an error page
    expect(page.get_by_test_id("stMetric")).to_have_count(8)  # its key figures drew
    screenshot(page, "start-page")
