"""Page frame: config, access check, German navigation, notices, footer. Every page starts with
`setup_page("<its registry key>")` and ends with `footer`."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from sozialraum import Bundle
from sozialraum.confidentiality import EXPLANATION
from sozialraum.i18n import SOURCE
from sozialraum.pages import page_access, title
from sozialraum.settings import REPO_ROOT

from .auth import guard_page, user_box
from .data import get_bundle, get_geometry_url
from .grid import data_grid
from .karte import preload
from .navigation import footer_pages, offered_pages, page_link
from .pruefbericht import MESSAGE_COLUMN, report_html
from .sprache import TRANSLATED_PAGES, choose_language, code, format_day, german_data, show_language, t
from .state import expected_shared_params, install_history, shared_params

# a local file: a material icon as page_icon makes the browser fetch the favicon from Google
FAVICON = REPO_ROOT / "static" / "favicon.png"

_CSS = """
<style>
  /* larger base text and visible focus for keyboard users */
  html, body, [data-testid="stAppViewContainer"] { font-size: 17px; }
  /* Streamlit's page links set outline-style none on focus: keyboard users would not see where they are */
  a:focus-visible, button:focus-visible, [role="option"]:focus-visible, input:focus-visible,
  textarea:focus-visible, [tabindex]:focus-visible { outline: 3px solid #1f5f8b !important; outline-offset: 2px; }
  /* captions: Streamlit draws them at opacity 0.6 (3.1:1 on white); opaque #4a4a4a has 8.9:1 (WCAG 1.4.3) */
  [data-testid="stCaptionContainer"] { opacity: 1 !important; }
  [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #4a4a4a !important; }
  /* labels of disabled widgets: Streamlit's #a4a8ad has 2.4:1; #5c6670 stays visibly muted at 5.9:1 */
  label[data-testid="stWidgetLabel"][disabled] p { color: #5c6670 !important; }
  /* chosen entries of a multiselect: all of them, in full, on as many rows as needed (Streamlit keeps one
     scrolling row and cuts the names: "SGB-II-Quote" and "SGB-II-Quote der Kinder …" both read "SGB-II-Q…") */
  [data-testid="stMultiSelect"] div:has(> [data-testid="stMultiSelectTagsContainer"]) { max-height: none !important; }
  [data-testid="stMultiSelectTagsContainer"] { flex-wrap: wrap !important; overflow: visible !important; }
  [data-testid="stMultiSelectTagsContainer"] > span { flex-wrap: wrap; max-width: 100%; }
  [data-testid="stMultiSelectTagsContainer"] [data-tag] { max-width: 100%; height: auto; }
  [data-testid="stMultiSelectTagsContainer"] [data-tag] > span { white-space: normal; overflow: visible; }
  @page { size: A4; margin: 15mm; }
  @media print {
    [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
  }
  /* an st.html that only runs a script (language, map preload) takes no room in the layout */
  [data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) { display: none; }
</style>
"""


def setup_page(key: str, needs_data: bool = True, karte: bool = False) -> Bundle:
    """Set up the page registered as `key` (`sozialraum.pages`) and return the data bundle; shows the
    navigation and data notices. Every page file calls it (or `setup_projector`/`setup_phone`) first.

    Checks access before any content (on the server, at every run): in the public mode pages that
    write refuse to run, in the internal mode every page needs a login with a fitting role, as the
    registry says for `key`.

    Without areas, catalogue or values a page cannot show anything: it then shows the
    validation report (never a traceback) and stops, unless `needs_data` is False.

    `karte`: the page shows a map of the main level; Leaflet and the geometry start loading now,
    while the rest of the page is built (see `components.karte.preload`).
    """
    bundle = get_bundle()
    settings = bundle.settings
    public = page_access(key).public  # the internal pages stay German
    choose_language(public, translated=key in TRANSLATED_PAGES)
    page_title = t(title(key)) if public else title(key)
    st.set_page_config(page_title=f"{page_title} · {settings.titel}", page_icon=str(FAVICON), layout="wide")
    st.html(_CSS)
    show_language(public)
    install_history()  # before any widget writes the URL
    if karte and usable(bundle):
        # before the navigation: its links wait for a module of their own, the preload should not;
        # the files are public static files in every mode, so it may run before the access check
        preload(get_geometry_url())
    if settings.logo and (bundle.folder / settings.logo).is_file():
        st.logo(str(bundle.folder / settings.logo))
    _navigation(settings.titel)
    # a login form or a refusal shows no data: its footer has no confidentiality note
    guard_page(settings, key, on_refuse=lambda: footer(bundle, data_shown=False))
    user_box(settings)
    if settings.beispieldaten:
        # the city's own notice is German text from its settings; other languages get the general one
        german = code() == SOURCE and settings.hinweis
        st.info(german or t("Beispieldaten: die Werte sind nicht amtlich."), icon=":material/info:")
    if bundle.report.errors:
        st.warning(
            t(
                "Die Daten enthalten {anzahl} Fehler; betroffene Zeilen werden nicht angezeigt. "
                "Einzelheiten im Prüfbericht unter „Daten & Quellen“.",
                anzahl=len(bundle.report.errors),
            ),
            icon=":material/warning:",
        )
    if needs_data and not usable(bundle):
        _unusable(bundle)
    return bundle


def usable(bundle: Bundle) -> bool:
    return not (bundle.areas.empty or bundle.catalogue.empty or bundle.values.empty)


def _unusable(bundle: Bundle) -> None:
    st.error(
        t(
            "Die Daten in „{ordner}“ reichen nicht für diese Seite: es fehlen Gebiete, Indikatoren "
            "oder Werte. Der Prüfbericht nennt Datei, Zeile und Spalte jedes Problems.",
            ordner=str(bundle.folder),
        ),
        icon=":material/error:",
    )
    show_report(bundle)
    _fill_navigation()
    st.stop()


def show_report(bundle: Bundle) -> None:
    """The validation report as a table (all problems at once), its messages in the page's language
    (components/pruefbericht.py); German as a data grid, other languages as HTML that can mark German."""
    import pandas as pd

    report = bundle.report
    if report.ok:
        text = t("Keine Fehler. {hinweise} Hinweise.", hinweise=len(report.warnings))
        st.success(text, icon=":material/check_circle:")
    else:
        st.error(
            t(
                "{fehler} Fehler und {hinweise} Hinweise. Zeilen mit Fehlern werden nicht angezeigt.",
                fehler=len(report.errors),
                hinweise=len(report.warnings),
            ),
            icon=":material/error:",
        )
    if not report.issues:
        return
    if code() != SOURCE:
        st.html(report_html(report))
        return
    data_grid(
        pd.DataFrame(report.as_records()),
        hide_index=True,
        column_config={MESSAGE_COLUMN: st.column_config.TextColumn(width="large")},
    )


_NAV_SLOT = "_navigation_slot"


def _navigation(app_title: str) -> None:
    """The navigation at the top of the sidebar, drawn now, so every page has it, also one that stops early.

    The links carry the current selections (indicator, year, area); a widget of this run may still change
    them, so `footer()` draws the links again into the same place when they did.
    """
    with st.sidebar:
        # bold text, not a heading: a "###" here would be the first heading of every page, h3 before the h1
        st.markdown(f"**{app_title}**")  # the city's title: data, shown as given
        slot = st.empty()
        st.divider()
    params = expected_shared_params()
    _draw_navigation(slot, params)
    st.session_state[_NAV_SLOT] = (slot, params)


def _draw_navigation(slot: Any, params: dict[str, str]) -> None:
    with slot.container():
        # a deployment may leave pages out; pages the visitor may not open or without data are not offered
        for entry in offered_pages(get_bundle()):
            page_link(entry.key, query_params=params)


def _fill_navigation() -> None:
    """Draw the links again where this run's widgets changed the selections they carry."""
    slot, drawn = st.session_state.pop(_NAV_SLOT, (None, None))
    if slot is not None and shared_params() != drawn:
        _draw_navigation(slot, shared_params())


def footer(bundle: Bundle, sources: str = "", data_shown: bool = True) -> None:
    """Source, licence and data folder at the bottom of a page; completes the navigation.

    Every page ends with it (also before an early `st.stop()`). `data_shown` False (login, refusal):
    no note on withheld values, as the page shows none.
    """
    _fill_navigation()
    s = bundle.settings
    printed = t("Abgerufen am {datum}", datum=format_day(date.today()))
    # licence name and attribution are the city's German settings: marked lang="de" on other languages' pages
    licence = t("Lizenz: {name} ({kurz})", name=german_data(s.lizenz_name), kurz=s.lizenz_kurz)
    parts = [p for p in (sources, licence, german_data(s.namensnennung), printed) if p]
    st.divider()
    st.caption(" · ".join(parts), unsafe_allow_html=True)
    if data_shown and "gesperrt" in bundle.values.columns and bool(bundle.values["gesperrt"].any()):
        st.caption(t(EXPLANATION))
    links = footer_pages(bundle)
    for column, entry in zip(st.columns(len(links) or 1), links, strict=False):
        page_link(entry.key, column)
