"""Page frame: config, German navigation, notices, footer. Every page starts with `setup_page`."""

from __future__ import annotations

import streamlit as st

from sozialraum import Bundle
from sozialraum.settings import REPO_ROOT

from .data import get_bundle
from .state import shared_params

# (file, label, icon): the navigation in the order a visitor reads it
PAGES: list[tuple[str, str, str]] = [
    ("app.py", "Übersicht", ":material/home:"),
    ("pages/1_Karte.py", "Karte", ":material/map:"),
    ("pages/2_Entwicklung.py", "Entwicklung", ":material/show_chart:"),
    ("pages/3_Sozialplan.py", "Sozialplan", ":material/checklist:"),
    ("pages/4_Daten_und_Quellen.py", "Daten & Quellen", ":material/description:"),
]

# a local file: a material icon as page_icon makes the browser fetch the favicon from Google
FAVICON = REPO_ROOT / "static" / "favicon.png"

_CSS = """
<style>
  /* larger base text and visible focus for keyboard users */
  html, body, [data-testid="stAppViewContainer"] { font-size: 17px; }
  a:focus-visible, button:focus-visible, [role="option"]:focus-visible { outline: 3px solid #1f5f8b; }
  [data-testid="stCaptionContainer"] { color: #444 !important; }
  @media print {
    [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
  }
</style>
"""


def setup_page(title: str) -> Bundle:
    """Set up a page and return the data bundle; shows the navigation and data notices."""
    bundle = get_bundle()
    settings = bundle.settings
    st.set_page_config(page_title=f"{title} · {settings.titel}", page_icon=str(FAVICON), layout="wide")
    st.html(_CSS)
    _navigation(settings.titel)
    if settings.beispieldaten:
        st.info(settings.hinweis or "Beispieldaten: die Werte sind nicht amtlich.", icon=":material/info:")
    if bundle.report.errors:
        st.warning(
            f"Die Daten enthalten {len(bundle.report.errors)} Fehler; betroffene Zeilen werden nicht angezeigt. "
            "Einzelheiten im Prüfbericht unter „Daten & Quellen“.",
            icon=":material/warning:",
        )
    return bundle


def _navigation(app_title: str) -> None:
    params = shared_params()
    with st.sidebar:
        st.markdown(f"### {app_title}")
        for file, label, icon in PAGES:
            st.page_link(file, label=label, icon=icon, query_params=params)
        st.divider()


def footer(bundle: Bundle, sources: str = "") -> None:
    """Source, licence and data folder at the bottom of a page."""
    s = bundle.settings
    parts = [p for p in (sources, f"Lizenz: {s.lizenz_name} ({s.lizenz_kurz})", s.namensnennung) if p]
    st.divider()
    st.caption(" · ".join(parts))
