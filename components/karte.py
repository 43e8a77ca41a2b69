"""The dashboard's choropleth component (st.components.v2): drawn in the page, without an iframe.

`static/karte/karte.js` builds the fixed base map once (`sozialraum.fastmap.map_base`) and recolours
it from each rerun's style payload. `preload` starts the map's script, Leaflet and a geometry file at
the very start of a map page, before the map element arrives: the component then finds them in the
tab's caches (the module map, `window.__srLeaflet`, `window.__srGeo`: the same names karte.js uses).
"""

from __future__ import annotations

import hashlib
import json

import streamlit as st

from sozialraum.settings import LEAFLET_PREFIX, REPO_ROOT

# The map's script is a static module, fetched once per tab; the component itself is a loader of a few
# bytes. Inline, the 12 KB script would travel in the map element of every rerun whose colours change.
_SCRIPT = REPO_ROOT / "static" / "karte" / "karte.js"
SCRIPT_URL = f"/app/static/karte/karte.js?v={hashlib.sha256(_SCRIPT.read_bytes()).hexdigest()[:12]}"
_LOADER = f"""export default function (component) {{
  return import(new URL({json.dumps(SCRIPT_URL)}, window.location.origin).href).then(function (m) {{
    return m.default(component);
  }});
}}"""
_COMPONENT = st.components.v2.component("sozialraum_karte", js=_LOADER, isolate_styles=False)

_PRELOAD = """<script>(function () {
  var prefix = %s, url = %s, module = %s;
  import(new URL(module, window.location.origin).href).catch(function () {});
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
    values = (json.dumps(LEAFLET_PREFIX), json.dumps(geometry_url), json.dumps(SCRIPT_URL))
    st.html(_PRELOAD % values, unsafe_allow_javascript=True)


def mount(base: dict, payload: dict, key: str, height: int) -> dict | None:
    """Show the map; returns `gebiet_id` and `name` of an area clicked since the last run, else None."""
    result = _COMPONENT(key=key, data={"base": base, "payload": payload}, height=height, on_klick_change=lambda: None)
    clicked = getattr(result, "klick", None)
    return clicked if isinstance(clicked, dict) else None
