"""The dashboard's choropleth component (st.components.v2): drawn in the page, without an iframe.

`components/karte.js` builds the fixed base map once (`sozialraum.fastmap.map_base`) and recolours
it from each rerun's style payload. `preload` starts Leaflet and a geometry file at the very start
of a map page, before the map element arrives: the component then finds both in the tab's caches
(`window.__srLeaflet`, `window.__srGeo`, the same names karte.js uses).
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from sozialraum.offline import LEAFLET_PREFIX

_COMPONENT = st.components.v2.component(
    "sozialraum_karte", js=(Path(__file__).parent / "karte.js").read_text(encoding="utf-8"), isolate_styles=False
)

_PRELOAD = """<script>(function () {
  var prefix = %s, url = %s;
  if (!window.L && !window.__srLeaflet) {
    window.__srLeaflet = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet"; css.href = prefix + "/leaflet.css";
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = prefix + "/leaflet.js";
      script.fetchPriority = "high";  // ahead of the table's modules in the browser's queue
      script.onload = function () { resolve(window.L); };
      script.onerror = function () { window.__srLeaflet = null; reject(new Error("leaflet.js")); };
      document.head.appendChild(script);
    });
    window.__srLeaflet.catch(function () {});
  }
  var cache = window.__srGeo = window.__srGeo || {};
  if (url && !cache[url]) {
    cache[url] = fetch(url, {priority: "high"}).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
    cache[url].catch(function () { delete cache[url]; });
  }
})();</script>"""


def preload(geometry_url: str | None) -> None:
    """Start loading Leaflet (and the geometry file, if given) now; call it early on a map page."""
    st.html(_PRELOAD % (json.dumps(LEAFLET_PREFIX), json.dumps(geometry_url)), unsafe_allow_javascript=True)


def mount(base: dict, payload: dict, key: str, height: int) -> dict | None:
    """Show the map; returns `gebiet_id` and `name` of an area clicked since the last run, else None."""
    result = _COMPONENT(key=key, data={"base": base, "payload": payload}, height=height, on_klick_change=lambda: None)
    clicked = getattr(result, "klick", None)
    return clicked if isinstance(clicked, dict) else None
