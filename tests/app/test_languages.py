"""Issue 22: the public Streamlit view in the language of `?sprache=`; links keep the language,
internal pages stay German."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.sprache import TRANSLATED_PAGES
from tests.app.test_pages import bundled, run_page  # noqa: F401  (fixtures)

NAMES = {"en": "English", "uk": "Українська", "ar": "العربية", "ls": "Leichte Sprache"}


def _links(at) -> dict[str, str]:
    return {link.proto.label: link.proto.query_string for link in at.get("page_link")}


@pytest.mark.parametrize(
    ("code", "heading", "task", "nav"),
    [
        ("en", "Key figures for the whole city", "How is my neighbourhood doing?", "Map"),
        ("uk", "Показники міста загалом", "Як справи в моєму районі?", "Карта"),
        ("ar", "المؤشرات الرئيسية للمدينة كلها", "كيف حال حيّي؟", "الخريطة"),
        ("ls", "Zahlen für die ganze Stadt", "Wie geht es meinem Stadtteil?", "Karte"),
    ],
)
def test_start_page_in_the_chosen_language(bundled: Path, code: str, heading: str, task: str, nav: str) -> None:  # noqa: F811
    at = run_page("app.py", sprache=code)
    assert not at.exception, at.exception
    assert heading in [h.value for h in at.header]
    assert at.subheader[0].value == task
    links = _links(at)
    assert f"sprache={code}" in links[nav]  # every link carries the language
    bodies = [h.proto.body for h in at.get("html")]
    switcher = next(b for b in bodies if "sr-sprachen" in b)
    assert f'aria-current="true">{NAMES[code]}</a>' in switcher
    assert any('__srDir = "rtl"' in b for b in bodies) == (code == "ar")


def test_german_by_default_and_links_without_a_language(bundled: Path) -> None:  # noqa: F811
    at = run_page("app.py")
    assert "Kennzahlen der Gesamtstadt" in [h.value for h in at.header]
    assert "sprache" not in _links(at)["Karte"]
    assert any('__srLang = "de"; window.__srDir = "ltr"' in h.proto.body for h in at.get("html"))


def test_the_language_stays_when_a_link_lacks_it(bundled: Path) -> None:  # noqa: F811
    """A link without ?sprache= (e.g. an old bookmark inside the tab) keeps the tab's chosen language."""
    at = run_page("app.py", sprache="en")
    at.query_params.pop("sprache", None)
    at.run()
    assert "Key figures for the whole city" in [h.value for h in at.header]
    assert at.query_params["sprache"] == "en"


def test_a_page_not_translated_yet_runs_german_says_so_and_keeps_the_language(
    bundled: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # every public page is translated by now: Daten & Quellen plays one that is not
    monkeypatch.setattr("components.layout.TRANSLATED_PAGES", TRANSLATED_PAGES - {"daten"})
    at = run_page("pages/4_Daten_und_Quellen.py", sprache="ar")
    assert not at.exception, at.exception
    bodies = [h.proto.body for h in at.get("html")]
    assert any('__srLang = "de"; window.__srDir = "ltr"' in b for b in bodies)  # German content, read as German
    assert any('lang="ar" dir="rtl">هذه الصفحة متوفرة بالألمانية فقط حتى الآن.</p>' in b for b in bodies)
    assert 'aria-current="true">العربية</a>' in next(b for b in bodies if "sr-sprachen" in b)
    assert "sprache=ar" in _links(at)["Übersicht"]  # the way back leads to the Arabic start page
