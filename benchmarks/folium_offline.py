"""Keep the benchmark's folium contender (naive_app.py) offline: Leaflet from the app's own static folder,
nothing from a CDN. folium, branca and streamlit-folium are benchmark-only (benchmarks/requirements.txt).

folium 0.20 puts Leaflet 1.9.3, jQuery, Bootstrap, Leaflet.awesome-markers, Font Awesome
and the Bootstrap 3 glyphicons into ``folium.Map.default_js`` / ``default_css`` as public
CDN links. Offline (and in the dashboard's deployment) those requests fail and the map is
a grey box. ``use_local_leaflet()`` replaces them by the Leaflet copy vendored under
``static/vendor/leaflet`` (served by Streamlit at ``/app/static/vendor/leaflet`` with
``server.enableStaticServing = true``). The dashboard's maps need only Leaflet: GeoJson,
GeoJsonTooltip, GeoJsonPopup, Choropleth, Marker (default icon), FeatureGroup and
LayerControl carry no links of their own in folium 0.20 (``tests/e2e/test_offline_assets.py``
checks this, so a folium upgrade that adds some fails there). ``folium.Icon`` (awesome
markers) and most ``folium.plugins`` classes load further CDN scripts and must not be used
unless their files are vendored too.

How streamlit-folium 0.27.4 renders a map (read from its source and frontend build):

* Its frontend (``frontend/build/static/js/main.*.js``) bundles neither Leaflet nor any
  map library and has no hard-coded URLs. ``st_folium`` walks the map's element tree,
  collects ``default_js`` / ``default_css`` of every ``JSCSSMixin`` element (so the class
  attributes set here apply) and the frontend inserts them as ``<script src>`` /
  ``<link href>`` into the component iframe, one after another. If one script fails to
  load, the map is never drawn. Relative paths such as ``/app/static/...`` resolve against
  the Streamlit server, because the component iframe is served by it as well.
* It strips ``<script src>`` and stylesheet ``<link>`` tags from folium's header, so the
  asset lists above are the only external loads. The rest of the header is inserted with
  ``innerHTML``, so inline ``<script>`` there never runs.
* It adds the stylesheets and runs the map script without waiting for the CSS. Leaflet
  then guesses the marker image folder from the stylesheet URL and drops ``images/``
  (Leaflet issue #4968): the default marker icon 404s. ``icon-path.js``, a small
  script of ours beside the vendored Leaflet, sets ``L.Icon.Default.imagePath``.
* For every ``branca.colormap.ColorMap`` in the tree (a legend: ``Choropleth`` adds one
  whenever it has data, ``LinearColormap.add_to(map)`` too) it prepends two hard-coded
  d3 URLs (d3js.org v4 and cdnjs d3 3.5.5). These cannot be redirected without patching
  streamlit-folium, so map legends are plain HTML without a branca colormap (see
  ``sozialraum.legend``), and ``remove_colormaps()`` strips any colormap that slipped in
  (``Choropleth`` with data adds one).
"""

from __future__ import annotations

import branca.colormap
import branca.element
import folium

from sozialraum.settings import LEAFLET_PREFIX

__all__ = ["LEAFLET_PREFIX", "remove_colormaps", "use_local_leaflet"]


def use_local_leaflet(prefix: str = LEAFLET_PREFIX) -> None:
    """Point every folium map at the vendored Leaflet and drop the other CDN assets.

    Sets class attributes, so it affects maps created before and after the call.
    Idempotent; call it once before any map is rendered.
    """
    prefix = prefix.rstrip("/")
    # New lists rather than in-place edits: folium's JSCSSMixin.add_js_link mutates the
    # list it finds, which would otherwise be shared with folium's module default.
    folium.Map.default_js = [
        ("leaflet", f"{prefix}/leaflet.js"),
        # Sets L.Icon.Default.imagePath; without it the default marker icon 404s
        # under streamlit-folium (see static/vendor/leaflet/icon-path.js).
        ("leaflet_icon_path", f"{prefix}/icon-path.js"),
    ]
    folium.Map.default_css = [("leaflet_css", f"{prefix}/leaflet.css")]


def remove_colormaps(element: branca.element.Element) -> int:
    """Remove branca colormap legends from a map tree; returns how many were removed.

    streamlit-folium loads d3 from public CDNs for each colormap it finds (see the module
    docstring), so legends are drawn outside the map instead.
    """
    removed = 0
    for name, child in list(element._children.items()):
        if isinstance(child, branca.colormap.ColorMap):
            del element._children[name]
            removed += 1
        else:
            removed += remove_colormaps(child)
    if isinstance(getattr(element, "color_scale", None), branca.colormap.ColorMap):
        element.color_scale = None  # Choropleth.render would re-attach it otherwise
    return removed
