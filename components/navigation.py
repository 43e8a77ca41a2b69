"""Which pages a visitor is offered: those that exist in this deployment, that the visitor may open
(mode and roles, `sozialraum.auth`) and whose data the folder has (`sozialraum.contents`)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from sozialraum import Bundle
from sozialraum.auth import INTERNAL, decide, page_access
from sozialraum.contents import folder_summary, missing_data
from sozialraum.settings import REPO_ROOT

from .auth import current_mode, current_roles

# (file, label, icon): the navigation in the order a visitor reads it
PAGES: list[tuple[str, str, str]] = [
    ("app.py", "Übersicht", ":material/home:"),
    ("pages/1_Karte.py", "Karte", ":material/map:"),
    ("pages/5_Steckbrief.py", "Steckbrief", ":material/location_city:"),
    ("pages/2_Entwicklung.py", "Entwicklung", ":material/show_chart:"),
    ("pages/14_Bevoelkerungsprognose.py", "Bevölkerungsprognose", ":material/trending_up:"),
    ("pages/8_Vergleich.py", "Vergleich", ":material/compare_arrows:"),
    ("pages/9_Sozialindex.py", "Sozialindex", ":material/stacked_bar_chart:"),
    ("pages/3_Sozialplan.py", "Sozialplan", ":material/checklist:"),
    ("pages/6_Massnahme.py", "Maßnahme", ":material/task_alt:"),
    ("pages/7_Fortschrittsbericht.py", "Fortschrittsbericht", ":material/print:"),
    ("pages/14_Sozialbericht.py", "Sozialbericht", ":material/menu_book:"),
    ("pages/10_Konferenz_vorbereiten.py", "Konferenz vorbereiten", ":material/edit_note:"),
    ("pages/11_Praesentation.py", "Präsentation", ":material/slideshow:"),
    ("pages/13_Konferenz_Ergebnisse.py", "Konferenz-Ergebnisse", ":material/fact_check:"),
    ("pages/4_Daten_und_Quellen.py", "Daten & Quellen", ":material/description:"),
]


def may_open(file: str, bundle: Bundle) -> bool:
    """The page exists, the current visitor may open it and the data folder has what it shows."""
    settings = bundle.settings
    mode = current_mode(settings)
    return (
        (REPO_ROOT / file).is_file()
        and decide(page_access(file), mode, current_roles(settings)).allowed
        and missing_data(file, bundle, internal=mode == INTERNAL) is None
    )


def offered_pages(bundle: Bundle) -> list[tuple[str, str, str]]:
    """The navigation entries this visitor is offered, in reading order."""
    return [entry for entry in PAGES if may_open(entry[0], bundle)]


def link_if_offered(bundle: Bundle, file: str, container: Any = st, **link: Any) -> None:
    """`st.page_link` only when the visitor may open the page (never a link to "Kein Zugang")."""
    if may_open(file, bundle):
        container.page_link(file, **link)


def folder_note(bundle: Bundle) -> None:
    """On the Übersicht, when the folder lacks parts: what it holds and what a city could add."""
    summary = folder_summary(bundle)
    if summary:
        st.caption(summary)
