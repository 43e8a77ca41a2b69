"""The one list of pages: file, German title, URL path, icon, who may open it, where it is listed.

Navigation, every link and every access decision come from `REGISTRY`. A page file names its own
key in its first call (`setup_page("karte")`, `setup_projector(...)`, `setup_phone(...)`), which runs
the access check in the page itself: Streamlit runs a page file straight from its URL, without
`app.py`, so no check elsewhere could stand in for it. A page without an access rule (`access` None)
or a key that is not registered is internal only (fail closed). Nothing here depends on a file name:
renaming a file changes `file`, never the rule. `tests/unit/test_page_registry.py` checks every file
in `pages/` against this list from its syntax tree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .auth import CAPTURE, INTERNAL, INTERNAL_ONLY, MODES, OPEN, PRESENT, READ, VOTE, Access

NAVIGATION = "navigation"  # the sidebar list, in reading order
FOOTER = "footer"  # the footer of every page (the legal pages, reachable in every mode)
UNLISTED = ""  # reached by a link or a QR code only (the vote)


@dataclass(frozen=True)
class Page:
    """One page of the dashboard.

    key: what the page file passes to its guard and what links name.
    file: the script, relative to the repository (Streamlit's `page_link`/`switch_page` take it).
    title: German title (browser tab, navigation label).
    url: URL path after the host ("" for the start page); Streamlit derives it from the file name,
        the registry test checks the two agree.
    access: who may open it; None: internal only (logged-in staff of any role).
    menu: where it is listed (`NAVIGATION`, `FOOTER` or `UNLISTED`).
    shown: the modes whose menu lists it (access and data still decide for the visitor).
    """

    key: str
    file: str
    title: str
    url: str
    icon: str
    access: Access | None
    menu: str = NAVIGATION
    shown: frozenset[str] = frozenset(MODES)

    @property
    def rule(self) -> Access:
        return self.access or INTERNAL_ONLY


def _pages(*pages: Page) -> dict[str, Page]:
    return {p.key: p for p in pages}


# in the order a visitor reads the navigation
REGISTRY: dict[str, Page] = _pages(
    Page("uebersicht", "app.py", "Übersicht", "", ":material/home:", READ),
    Page("karte", "pages/1_Karte.py", "Karte", "Karte", ":material/map:", READ),
    Page("steckbrief", "pages/5_Steckbrief.py", "Steckbrief", "Steckbrief", ":material/location_city:", READ),
    Page("entwicklung", "pages/2_Entwicklung.py", "Entwicklung", "Entwicklung", ":material/show_chart:", READ),
    Page(
        "prognose",
        "pages/14_Bevoelkerungsprognose.py",
        "Bevölkerungsprognose",
        "Bevoelkerungsprognose",
        ":material/trending_up:",
        READ,
    ),
    Page("vergleich", "pages/8_Vergleich.py", "Vergleich", "Vergleich", ":material/compare_arrows:", READ),
    Page("sozialindex", "pages/9_Sozialindex.py", "Sozialindex", "Sozialindex", ":material/stacked_bar_chart:", READ),
    Page("sozialplan", "pages/3_Sozialplan.py", "Sozialplan", "Sozialplan", ":material/checklist:", READ),
    Page("massnahme", "pages/6_Massnahme.py", "Maßnahme", "Massnahme", ":material/task_alt:", READ),
    Page(
        "fortschritt",
        "pages/7_Fortschrittsbericht.py",
        "Fortschrittsbericht",
        "Fortschrittsbericht",
        ":material/print:",
        READ,
    ),
    # the internal view builds the report; the public view only offers the published files
    Page("sozialbericht", "pages/14_Sozialbericht.py", "Sozialbericht", "Sozialbericht", ":material/menu_book:", READ),
    Page(
        "konferenz_vorbereiten",
        "pages/10_Konferenz_vorbereiten.py",
        "Konferenz vorbereiten",
        "Konferenz_vorbereiten",
        ":material/edit_note:",
        CAPTURE,
        shown=frozenset({INTERNAL}),
    ),
    Page(
        "praesentation",
        "pages/11_Praesentation.py",
        "Präsentation",
        "Praesentation",
        ":material/slideshow:",
        PRESENT,
        shown=frozenset({INTERNAL}),
    ),
    Page(
        "konferenz_ergebnisse",
        "pages/13_Konferenz_Ergebnisse.py",
        "Konferenz-Ergebnisse",
        "Konferenz_Ergebnisse",
        ":material/fact_check:",
        CAPTURE,
        shown=frozenset({INTERNAL}),
    ),
    Page(
        "daten", "pages/4_Daten_und_Quellen.py", "Daten & Quellen", "Daten_und_Quellen", ":material/description:", READ
    ),
    # open to everyone in the room; accepts a ballot only while a moderator has a vote open
    Page("abstimmung", "pages/12_Abstimmung.py", "Abstimmung", "Abstimmung", ":material/how_to_vote:", VOTE, UNLISTED),
    # always reachable (Thuringian accessibility law): linked in every footer, no login
    Page(
        "barrierefreiheit",
        "pages/20_Barrierefreiheit.py",
        "Erklärung zur Barrierefreiheit",
        "Barrierefreiheit",
        ":material/accessibility_new:",
        OPEN,
        FOOTER,
    ),
    Page("feedback", "pages/21_Feedback.py", "Feedback und Kontakt", "Feedback", ":material/mail:", OPEN, FOOTER),
)


def page(key: str) -> Page:
    """The registered page; a `KeyError` names an unknown key at once (links are written by hand)."""
    return REGISTRY[key]


def page_access(key: str) -> Access:
    """The access rule of a page: its registered rule; no rule or an unknown key is internal only."""
    entry = REGISTRY.get(key)
    return INTERNAL_ONLY if entry is None else entry.rule


def title(key: str) -> str:
    """The page's German title; an unknown key gets none (its guard refuses it anyway)."""
    entry = REGISTRY.get(key)
    return "" if entry is None else entry.title


def listed(menu: str, mode: str) -> list[Page]:
    """The pages a menu lists in a mode, in registry order (before access and data are checked)."""
    return [p for p in REGISTRY.values() if p.menu == menu and mode in p.shown]


def by_file(file: str) -> Page | None:
    """The page registered for a script path ('pages/1_Karte.py'), None if there is none."""
    return next((p for p in REGISTRY.values() if p.file == file), None)
