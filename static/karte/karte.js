// The dashboard's choropleth as a Streamlit component (st.components.v2): drawn in the page itself,
// without an iframe. The fixed part of the map (geometry by URL, bounds, labels, facilities) is
// built once; every rerun only brings a small style payload (see sozialraum/fastmap.py), which
// recolours the existing areas. Clicks on an area go back to Python as the trigger "klick".
//
// Served as a static module: components/karte.py registers a loader of a few bytes that imports it
// (and may have imported it already, together with Leaflet, before the map element arrived).
// State lives on the component's host element, so a rerun with new data reuses the map; Streamlit
// calls the returned cleanup only when the component leaves the page.

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const LITERAL = "~";

// Leaflet from the app's own static folder, loaded once per browser tab.
function leaflet(prefix) {
  if (window.L) { return Promise.resolve(window.L); }
  if (!window.__srLeaflet) {
    window.__srLeaflet = new Promise(function (resolve, reject) {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = prefix + "/leaflet.css";
      document.head.appendChild(css);
      const script = document.createElement("script");
      script.src = prefix + "/leaflet.js";
      script.fetchPriority = "high";
      script.onload = function () { resolve(window.L); };
      script.onerror = function () { window.__srLeaflet = null; reject(new Error("leaflet.js")); };
      document.head.appendChild(script);
    });
  }
  return window.__srLeaflet;
}

// A static JSON file (geometry, facilities), fetched and parsed once per tab: the profile's locator
// reuses the map's geometry, and `preload` may have started it before the map arrived. Each file has
// a gzip-packed copy beside it (sozialraum/fastmap.write_static) that Streamlit serves as it is,
// unpacked here; where that fails (no DecompressionStream, no copy), the plain file.
function staticJson(url) {
  const cache = window.__srGeo = window.__srGeo || {};
  if (!cache[url]) {
    cache[url] = window.DecompressionStream
      ? fetchJson(url + ".gz", true).catch(function () { return fetchJson(url, false); })
      : fetchJson(url, false);
    cache[url].catch(function () { delete cache[url]; });
  }
  return cache[url];
}

function fetchJson(url, packed) {
  return fetch(url, {priority: "high"}).then(function (r) {
    if (!r.ok) { throw new Error(url + ": " + r.status); }
    return packed ? new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).json() : r.json();
  });
}

// Started by components/karte.py at the very start of a map page, before the map element arrives:
// the map then finds Leaflet and its geometry loaded or on the way.
export function preload(prefix, url) {
  leaflet(prefix).catch(function () {});
  if (url) { staticJson(url).catch(function () {}); }
}

// The next slice of work ahead of the page's other work (Streamlit's table modules), still after
// input: the page stays usable, the map is not kept waiting.
const later = window.scheduler && window.scheduler.postTask
  ? function (f) { window.scheduler.postTask(f, {priority: "user-blocking"}); }
  : function (f) { setTimeout(f, 0); };

function escape(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c];
  });
}

function table(rows) {
  return "<table>" + rows.map(function (r) {
    return "<tr><th style='text-align:left;padding-right:8px'>" + r[0] + "</th><td>" + r[1] + "</td></tr>";
  }).join("") + "</table>";
}

// The compact payload (fastmap.compact_payload) becomes the plain one once the feature order is known.
function expand(p, ids) {
  if (!p || !p.kompakt) { return p; }
  if (!ids) { return null; }
  const farben = {}, werte = {}, cols = p.w.map(function (c) { return c.split("|"); });
  function text(c, i) {
    const t = cols[c][i];
    return t.charAt(0) === LITERAL ? t.slice(1) : t + p.ws[c];
  }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i], k = p.k.charAt(i);
    if (k !== ".") { farben[id] = p.pal[ALPHABET.indexOf(k)]; }
    if (cols[0][i] !== "") { werte[id] = [text(0, i), text(1, i), text(2, i)]; }
  }
  return Object.assign({}, p, {farben: farben, werte: werte});
}

function createMap(host, base, L) {
  const sr = {base: base, raw: null, payload: null, ids: null, applied: 0, cleanups: []};
  // The legend sits beside the map (below it where the page is narrow, as on phones), never on it:
  // inside the map it covered whole areas (Gera-West, Lusan-Zentrum; 70 % of a phone's map).
  const frame = document.createElement("div");
  frame.className = "sr-karte";
  frame.style.cssText = "display:flex;flex-wrap:wrap;align-items:flex-start;gap:8px 12px;width:100%";
  const box = document.createElement("div");
  box.className = "sr-karte-flaeche";
  box.style.cssText = "flex:1 1 480px;min-width:0;height:" + base.height + "px;";
  const legendDiv = document.createElement("div");
  legendDiv.className = "sr-legend";
  legendDiv.setAttribute("role", "group");
  // the page's language (fastmap.MAP_TEXTS, translated by the page); German when the base brings none
  const T = Object.assign({legende: "Legende", vergroessern: "Vergrößern", verkleinern: "Verkleinern",
    gebiet: "Gebiet", rang: "Rang", stand: "Datenstand", keine: "keine Angabe",
    fehler: "Die Gebietsgrenzen konnten nicht geladen werden. Bitte die Seite neu laden.",
    einrichtung: "Einrichtung", art: "Art"}, base.texte || {});
  sr.T = T;
  legendDiv.setAttribute("aria-label", T.legende);
  legendDiv.style.cssText = "flex:1 1 220px;max-width:320px;box-sizing:border-box;background:#fff;padding:8px 10px;"
    + "border:1px solid #767676;border-radius:4px;font:14px/1.35 sans-serif;color:#1a1a1a";
  frame.appendChild(box);
  frame.appendChild(legendDiv);
  host.appendChild(frame);
  // fractional zoom: the area fills the frame (a tall city in a wide projector frame used a third of it)
  const map = L.map(box, {preferCanvas: base.canvas, zoomSnap: 0.25, zoomControl: false});
  // Leaflet's own titles ("Zoom in") are read by screen readers and shown as tooltips: German ones
  L.control.zoom({zoomInTitle: T.vergroessern, zoomOutTitle: T.verkleinern}).addTo(map);
  sr.map = map;
  sr.box = frame;
  sr.legendDiv = legendDiv;
  // Leaflet focuses the map on mousedown and then restores only the window's scroll; Streamlit's page
  // scrolls in its own element, which jumped (~200 px) to show the whole map, so the mouseup landed on
  // another area and no click came. Focused first, without scrolling, Leaflet leaves the focus alone.
  function focusInPlace() {
    if (document.activeElement !== box) { box.focus({preventScroll: true}); }
  }
  box.addEventListener("pointerdown", focusInPlace, true);
  sr.cleanups.push(function () { box.removeEventListener("pointerdown", focusInPlace, true); });
  L.control.scale({imperial: false}).addTo(map);
  if (base.kacheln) {
    L.tileLayer(base.kacheln, {attribution: base.kacheln_attribution || "Hintergrundkarte"}).addTo(map);
  }
  const b = base.bounds;
  // the areas fit into what the controls leave free: zoom buttons top left, layer switch top right,
  // scale and attribution at the bottom
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]], {paddingTopLeft: [52, 50], paddingBottomRight: [12, 26]});
  sr.home = map.getBounds();
  sr.labels = L.layerGroup().addTo(map);
  // the facilities' legend entries only while their layer is shown
  sr.facilitiesShown = false;
  map.on("overlayadd", function () { sr.facilitiesShown = true; showFacilitiesLegend(sr); });
  map.on("overlayremove", function () { sr.facilitiesShown = false; showFacilitiesLegend(sr); });

  function style(feature) {
    const p = sr.payload, id = feature.properties.gebiet_id;
    const colour = p && p.farben[id] ? p.farben[id] : (p && p.grund) || base.fehlend;
    const missing = !p || (!p.farben[id] && !p.grund);
    const selected = p && p.auswahl === id;
    return {fillColor: colour, fillOpacity: p && p.dimmen && !selected ? 0.35 : 0.85,
            color: selected ? "#000" : "#4d4d4d", weight: selected ? 4 : 1,
            dashArray: missing ? "4 3" : null};
  }
  function tip(layer) {
    const p = sr.payload, props = layer.feature.properties, name = escape(props.name);
    if (!p || p.nur_name) { return name; }
    const v = p.werte[props.gebiet_id] || [p.hinweise[props.gebiet_id] || T.keine, "–", "–"];
    return table([[T.gebiet, name], [p.titel, v[0]], [T.rang, v[1]], [p.diff_titel, v[2]], [T.stand, p.stand]]);
  }
  sr.layer = L.geoJSON(null, {style: style}).addTo(map);
  // one tooltip and one click handler on the group, for whichever area the pointer is on: one per
  // area cost about 50 ms at 11,000 areas before the map could show
  sr.layer.bindTooltip(tip, {sticky: true});
  sr.layer.on("click", function (event) {
    const p = event.propagatedFrom.feature.properties;
    if (sr.trigger) { sr.trigger("klick", {gebiet_id: p.gebiet_id, name: p.name}); }
  });
  if (base.einrichtungen) { addFacilities(sr, base.einrichtungen, L); }

  sr.apply = function (payload) {
    if (payload) { sr.raw = payload; }
    const expanded = expand(sr.raw, sr.ids);
    if (expanded) { sr.payload = expanded; }
    sr.layer.setStyle(style);
    if (sr.legendDiv && sr.payload) {
      sr.legendDiv.innerHTML = sr.payload.legende;
      sr.legendDiv.style.display = sr.payload.legende ? "" : "none";
      showFacilitiesLegend(sr);
    }
    if (sr.payload && sr.payload.auswahl) {
      sr.layer.eachLayer(function (l) {
        if (l.feature.properties.gebiet_id !== sr.payload.auswahl) { return; }
        l.bringToFront();
        // a locator among thousands of areas: show the area with its surroundings, not a speck
        const lb = l.getBounds(), home = sr.home;
        const share = (lb.getNorth() - lb.getSouth()) / (home.getNorth() - home.getSouth());
        if (sr.payload.zoom && share < 0.1) { map.fitBounds(lb.pad(3), {animate: false}); }
      });
    }
    if (sr.ids) { sr.applied += 1; }
    if (sr.raw && sr.raw.varianten) { follow(sr, sr.raw); }
  };

  staticJson(base.url).then(function (data) {
    if (sr.gone) { return; }
    const features = data.features;
    const ids = features.map(function (f) { return f.properties.gebiet_id; });
    // coloured from the start: each area is drawn once, not first as "no value" and then again
    if (sr.raw) { sr.payload = expand(sr.raw, ids); }
    let i = 0;
    // in slices of about 25 ms, so the page stays responsive while thousands of areas are added
    function slice() {
      if (sr.gone) { return; }
      const until = performance.now() + 25;
      while (i < features.length && (i % 50 !== 0 || performance.now() < until)) {
        sr.layer.addData(features[i]);
        i += 1;
      }
      if (i < features.length) { later(slice); return; }
      sr.ids = ids;
      if (base.namen) { addLabels(sr, features, L); }
      sr.apply(null);
      frame.setAttribute("data-sr-loaded", "true");
    }
    slice();
  }).catch(function (error) {
    frame.setAttribute("data-sr-fehler", String(error));
    const note = L.control({position: "topleft"});
    note.onAdd = function () {
      const div = L.DomUtil.create("div", "sr-legend");
      div.setAttribute("role", "alert");
      div.style.cssText = "background:#fff;padding:8px 10px;border:1px solid #767676;font:14px sans-serif";
      div.textContent = T.fehler;
      return div;
    };
    note.addTo(map);
  });

  sr.destroy = function () {
    sr.gone = true;
    sr.cleanups.forEach(function (f) { f(); });
    map.remove();
    frame.remove();
  };
  return sr;
}

function showFacilitiesLegend(sr) {
  const part = sr.legendDiv.querySelector(".sr-legende-einrichtungen");
  if (part) { part.style.display = sr.facilitiesShown ? "" : "none"; }
}

function addLabels(sr, features, L) {
  features.forEach(function (f) {
    const c = f.properties.label;
    L.marker([c[1], c[0]], {interactive: false, keyboard: false, icon: L.divIcon({
      className: "sr-label", iconSize: [0, 0],
      html: "<div style='width:max-content;font:600 12px sans-serif;color:#111;white-space:nowrap;transform:translate(-50%,-50%);"
        + "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 3px #fff;pointer-events:none'>" + escape(f.properties.name) + "</div>"
    })}).addTo(sr.labels);
  });
  declutter(sr);
  sr.map.on("zoomend", function () { declutter(sr); });
}

// Names written over each other ("Untermhaus" under "Stadtmitte") are unreadable: a label that would
// touch one placed before it moves up or down by its height, else it waits for a closer zoom (the
// tooltip names every area).
function declutter(sr) {
  const placed = [];
  sr.labels.eachLayer(function (marker) {
    const el = marker.getElement() && marker.getElement().firstChild;
    if (!el) { return; }
    el.style.marginTop = "";
    el.style.visibility = "";
    const r = el.getBoundingClientRect();
    if (!r.width) { return; }  // not laid out (map hidden): nothing to compare
    for (const step of [0, -1, 1]) {
      const dy = step * (r.height + 1), box = [r.left - 2, r.top + dy, r.right + 2, r.bottom + dy];
      const free = placed.every(function (p) {
        return box[2] <= p[0] || p[2] <= box[0] || box[3] <= p[1] || p[3] <= box[1];
      });
      if (free) { el.style.marginTop = dy + "px"; placed.push(box); return; }
    }
    el.style.visibility = "hidden";
  });
}

// Facilities: circle markers coloured by kind from their static file, off at first (the areas stay
// the subject); the layer control switches them on.
function addFacilities(sr, data, L) {
  const group = L.geoJSON(null, {
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, {radius: 6, weight: 1.5, color: "#ffffff", fillOpacity: 1,
                                     fillColor: data.farben[feature.properties.art] || "#000"});
    },
    onEachFeature: function (feature, layer) {
      const p = feature.properties;
      layer.bindTooltip(table([[sr.T.einrichtung, escape(p.name)], [sr.T.art, escape(p.art)]]), {sticky: true});
    }
  });
  const overlays = {};
  overlays[data.name] = group;
  L.control.layers(null, overlays, {collapsed: false}).addTo(sr.map);
  staticJson(data.url).then(function (points) { if (!sr.gone) { group.addData(points); } }).catch(function () {});
}

// Recolour the moment the page's indicator picker shows another indicator, from the payloads of the
// same view fetched beforehand (fastmap.switch_variants); the rerun then brings the same ones.
function follow(sr, raw) {
  if (sr.variantsUrl !== raw.varianten) {
    sr.variantsUrl = raw.varianten;
    sr.variants = null;  // made for other options: never apply them to this view
    fetchVariants(sr, raw.varianten, 0);
  }
  if (sr.picker === raw.wahl) { return; }
  sr.picker = raw.wahl;
  const root = document.querySelector('[data-testid="stSidebar"]') || document.body;
  let last = null;
  function check() {
    const box = document.querySelector(sr.picker);
    const shown = box && box.querySelector('input, [data-baseweb="select"]');
    show(shown ? (shown.tagName === "INPUT" ? shown.value : shown.textContent) : "");
  }
  // a pointer on one of the picker's options: a few frames before the picker itself shows it
  function picked(event) {
    const option = event.target.closest && event.target.closest('[role="option"]');
    const input = option && document.querySelector(sr.picker + " input");
    const list = option && option.closest('[role="listbox"]');
    if (input && list && list.id && input.getAttribute("aria-controls") === list.id) { show(option.textContent); }
  }
  function show(text) {
    if (!text || text === last) { return; }
    last = text;
    const v = sr.variants, id = v && v.labels[text.trim()];
    if (!id || !sr.raw || id === sr.raw.indikator || !v.payloads[id]) { return; }
    const app = document.querySelector('[data-testid="stApp"]');
    if (app && app.getAttribute("data-test-script-state") === "running") { return; }  // options in flux
    const p = Object.assign({}, v.payloads[id]);
    ["auswahl", "dimmen", "varianten", "wahl"].forEach(function (k) { p[k] = sr.raw[k]; });
    sr.apply(p);
    sr.box.setAttribute("data-sr-vorab", id);  // recoloured ahead of the rerun
  }
  if (sr.unfollow) { sr.unfollow(); }
  const observer = new MutationObserver(check);
  observer.observe(root, {subtree: true, childList: true, characterData: true,
                          attributes: true, attributeFilter: ["value"]});
  document.addEventListener("pointerup", picked, true);
  sr.unfollow = function () {
    observer.disconnect();
    document.removeEventListener("pointerup", picked, true);
  };
  sr.cleanups.push(sr.unfollow);
  check();
}

function fetchVariants(sr, url, tries) {
  fetch(url).then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(function (data) { if (sr.variantsUrl === url) { sr.variants = data; } })
    .catch(function () {  // e.g. removed as old meanwhile: the rerun recolours as without the file
      if (tries < 2 && sr.variantsUrl === url && !sr.gone) {
        setTimeout(function () { fetchVariants(sr, url, tries + 1); }, 500);
      }
    });
}

export default function (component) {
  const {data, parentElement, setTriggerValue} = component;
  const host = parentElement;
  const key = JSON.stringify(data.base);
  host.style.minHeight = data.base.height + "px";  // the map's room, before Leaflet and the geometry arrive
  // the geometry file starts loading together with Leaflet, not after it
  preload(data.base.leaflet, data.base.url);
  leaflet(data.base.leaflet).then(function (L) {
    let sr = host.__srKarte;
    if (sr && sr.key !== key) { sr.destroy(); sr = null; }
    if (!sr) {
      sr = createMap(host, data.base, L);
      sr.key = key;
      host.__srKarte = sr;
    }
    sr.trigger = setTriggerValue;
    window.__sr = sr;  // the page's map (benchmarks and tests read its counters)
    sr.apply(data.payload);
  });
  return function () {
    const sr = host.__srKarte;
    if (sr) { sr.destroy(); host.__srKarte = null; }
  };
}
