"""The dashboard's choropleth component (st.components.v2): drawn in the page, without an iframe.

`static/karte/karte.js` builds the fixed base map once (`sozialraum.fastmap.map_base`) and recolours
it from each rerun's style payload. `preload` starts the map's script, and through it Leaflet and a geometry
file, at the very start of a map page, before the map element arrives: the component then finds them
in the tab's caches (the module map, `window.__srLeaflet`, `window.__srGeo`).
"""

from __future__ import annotations

import hashlib
import json

import streamlit as st

from sozialraum.settings import LEAFLET_PREFIX, REPO_ROOT

from .streamlit_internals import html_with_script

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

# The map's module brings its own loaders (one copy of them, the tab's caches are the same ones). It
# is a module of its own, though, and only asks for Leaflet and the geometry once it has arrived:
# preload hints start both at once, and the loaders then find them in the browser's cache. (st.html
# drops <link> elements, so the script adds them.)
_PRELOAD = """<script>(function () {{
  {hints}.forEach(function (h) {{
    var link = document.createElement("link");
    link.rel = "preload"; link.href = h[0]; link.as = h[1]; link.fetchPriority = "high";
    if (h[1] === "fetch") {{ link.crossOrigin = "anonymous"; }}  // as fetch() asks for it
    document.head.appendChild(link);
  }});
  import(new URL({module}, window.location.origin).href)
    .then(function (m) {{ m.preload({prefix}, {url}); }}).catch(function () {{}});
}})();</script>"""


def preload(geometry_url: str | None) -> None:
    """Start loading Leaflet (and the geometry file, if given) now; call it early on a map page."""
    hints = [[f"{LEAFLET_PREFIX}/leaflet.js", "script"]]
    if geometry_url:  # the packed copy the map loads (static/karte/karte.js: staticJson)
        hints.append([f"{geometry_url}.gz", "fetch"])
    values = {"hints": hints, "module": SCRIPT_URL, "prefix": LEAFLET_PREFIX, "url": geometry_url}
    html_with_script(_PRELOAD.format(**{k: json.dumps(v) for k, v in values.items()}))


def mount(base: dict, payload: dict, key: str) -> dict | None:
    """Show the map; returns `gebiet_id` and `name` of an area clicked since the last run, else None."""
    # as tall as its content: the map's own height (base["height"]) and the legend, which goes below the
    # map on narrow screens; a fixed height would hide it in an inner scroll
    result = _COMPONENT(
        key=key, data={"base": base, "payload": payload}, height="content", on_klick_change=lambda: None
    )
    clicked = getattr(result, "klick", None)
    return clicked if isinstance(clicked, dict) else None
