"""Languages of the public view: catalogues complete, Leichte Sprache rules, choice of language, RTL."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from sozialraum.i18n import LOCALES_DIR, SOURCE, Translator, choose, languages
from sozialraum.konferenz.phone_page import PageState, render
from sozialraum.settings import REPO_ROOT

SHIPPED = ("de", "ls", "en", "uk", "ar")
KEYWORDS = {"t": None, "N_": None}


def _public_sources() -> list[Path]:
    """The translated files, from the `[python: …]` sections of babel.cfg (what `pybabel extract` reads)."""
    patterns = re.findall(r"^\[python: (.+)\]$", (REPO_ROOT / "babel.cfg").read_text(encoding="utf-8"), re.M)
    return sorted({path for pattern in patterns for path in REPO_ROOT.glob(pattern)})


PUBLIC_SOURCES = _public_sources()


def _used_msgids() -> set[str]:
    """Every text the translated pages can show, read from their source as `pybabel extract` does."""
    found = set()
    for path in PUBLIC_SOURCES:
        for _, message, _, _ in extract_from_file("python", str(path), keywords=KEYWORDS, comment_tags=()):
            found.add(message)
    return found


def test_the_translated_sources_are_the_phone_page_and_the_public_frame() -> None:
    names = {p.relative_to(REPO_ROOT).as_posix() for p in PUBLIC_SOURCES}
    assert {"sozialraum/konferenz/phone_page.py", "app.py", "components/layout.py", "components/start.py"} <= names
    assert "Kennzahlen der Gesamtstadt" in _used_msgids() and "Abgerufen am {datum}" in _used_msgids()


def _catalogue(code: str) -> dict[str, str]:
    with (LOCALES_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def test_the_five_languages_are_shipped_german_first() -> None:
    assert tuple(languages()) == SHIPPED
    assert languages()["ar"].direction == "rtl" and languages()["uk"].direction == "ltr"
    assert languages()["uk"].name == "Українська" and languages()["ls"].html_lang == "de"


def test_the_phone_page_uses_texts_the_extraction_finds() -> None:
    used = _used_msgids()
    assert "Danke! Ihre Punkte sind gezählt." in used and "Noch {rest} von {punkte} Punkten frei." in used
    assert len(used) >= 30


@pytest.mark.parametrize("code", [c for c in SHIPPED if c != SOURCE])
def test_every_text_of_the_public_pages_is_translated(code: str) -> None:
    catalogue = _catalogue(code)
    missing = sorted(m for m in _used_msgids() if not catalogue.get(m, "").strip())
    assert not missing, f"{code}: ohne Übersetzung: {missing}"
    for msgid in _used_msgids():  # a placeholder lost or renamed would raise KeyError or show "{rest}"
        assert set(re.findall(r"\{(\w+)\}", catalogue[msgid])) == set(re.findall(r"\{(\w+)\}", msgid)), (code, msgid)


LS_MAX_WORDS = 15
LS_ABBREVIATIONS = re.compile(
    r"\b(z\.\s?B\.|bzw\.|usw\.|ca\.|d\.\s?h\.|u\.\s?a\.|etc\.|evtl\.|ggf\.|inkl\.|Nr\.)", re.IGNORECASE
)
LS_PASSIVE = re.compile(r"\b(wurden?|worden|wird ge\w+|werden ge\w+)\b", re.I)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def test_leichte_sprache_short_sentences_no_abbreviations_no_passive() -> None:
    problems = []
    for text in _catalogue("ls").values():
        long = [s for s in _sentences(text) if len(s.split()) > LS_MAX_WORDS]
        problems += [f"zu lang ({len(s.split())} Wörter): {s}" for s in long]
        problems += [f"Abkürzung „{m}“: {text}" for m in LS_ABBREVIATIONS.findall(text)]
        problems += [f"Passiv: {text}" for _ in LS_PASSIVE.findall(text)]
        problems += [f"Klammer: {text}" for _ in re.findall(r"\(", text)]  # asides in brackets are hard to read
    assert not problems, "\n".join(problems)


def test_the_leichte_sprache_check_finds_what_it_forbids() -> None:
    assert LS_ABBREVIATIONS.findall("Das ist z. B. eine Karte bzw. ein Vorschlag.") == ["z. B.", "bzw."]
    assert LS_PASSIVE.findall("Die Seite wird gleich geladen. Sie wird geladen.") == ["wird geladen"]
    long = "Das ist eine Abstimmung, die von der Moderation heute Abend im großen Saal der Schule geöffnet ist."
    assert [len(s.split()) for s in _sentences(long + " Danke!")] == [17, 1]


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        ("uk", "de-DE,de;q=0.9", "uk"),  # the URL wins over the browser
        ("AR", None, "ar"),
        ("ls", "en", "ls"),
        (None, "uk-UA,uk;q=0.9,de;q=0.5", "uk"),
        (None, "fr-FR, en;q=0.3, ar;q=0.8", "ar"),  # by quality, not by position
        (None, "en;q=0, de", "de"),  # q=0 means "not this one"
        ("xx", "fr, pl", "de"),  # nothing shipped asked for: German
        (None, None, "de"),
        (None, "ls", "de"),  # no browser sends Leichte Sprache; "ls" is no language tag
    ],
)
def test_language_from_url_then_browser_then_german(query: str | None, header: str | None, expected: str) -> None:
    assert choose(query, header) == expected


def test_html_lang_and_direction_follow_the_language() -> None:
    for code, lang, direction in (("ar", "ar", "rtl"), ("uk", "uk", "ltr"), ("ls", "de", "ltr"), ("de", "de", "ltr")):
        page = render(PageState(t=Translator(code), message="x"), "n")
        assert page.startswith(f"<!doctype html><html lang='{lang}' dir='{direction}'>"), code
    assert "border-inline-start" in render(PageState(), "n")  # the message's bar moves to the right in Arabic


def test_numbers_per_locale_with_western_digits_in_arabic() -> None:
    assert Translator("de").number(1234.5) == "1.234,5"
    assert Translator("en").number(1234.5) == "1,234.5"
    assert Translator("uk").number(1234.5) == "1\xa0234,5"
    assert Translator("ar").number(1234.5) == "1,234.5"
    assert Translator("ar")("Noch {rest} von {punkte} Punkten frei.", rest=2, punkte=3) == "النقاط المتبقية: 2 من 3."


def test_a_new_language_is_a_catalogue_file_only(tmp_path: Path) -> None:
    folder = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, folder)
    target = folder / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    po = (LOCALES_DIR / "en" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    target.joinpath("messages.po").write_text(
        po.replace("Language: en", "Language: fr").replace('msgstr "Your points"', 'msgstr "Vos points"'),
        encoding="utf-8",
    )
    assert list(languages(folder)) == [*SHIPPED, "fr"]
    assert choose(None, "fr-FR,fr", folder) == "fr"
    assert Translator("fr", folder)("Ihre Punkte") == "Vos points"
    assert languages(folder)["fr"].name == "fr" and languages(folder)["fr"].direction == "ltr"


def test_the_listed_frame_texts_match_their_sources() -> None:
    """Texts translated away from where they are written (components.sprache_texte) stay in step."""
    from components.german import LABELS, PATTERNS
    from components.sprache_texte import CONFIDENTIALITY_TEXTS, PAGE_TITLES, STREAMLIT_PATTERNS, STREAMLIT_TEXTS
    from sozialraum.confidentiality import EXPLANATION, SIGN_TEXT
    from sozialraum.pages import FOOTER, NAVIGATION, REGISTRY

    listed = {p.title for p in REGISTRY.values() if p.menu in (NAVIGATION, FOOTER)}
    assert listed <= set(PAGE_TITLES), "a new page: add its title to PAGE_TITLES"
    assert set(STREAMLIT_TEXTS) == set(LABELS.values())
    assert set(STREAMLIT_PATTERNS) == {german.replace("$1", "{name}") for _, german in PATTERNS}
    assert set(CONFIDENTIALITY_TEXTS) == {SIGN_TEXT, EXPLANATION}


def test_numbers_and_dates_of_the_public_view_per_locale() -> None:
    from datetime import date

    from components import sprache

    cases = {"de": ("1.234,5\xa0%", "−0,3\xa0Prozentpunkte", "07.12.2026"),
             "en": ("1,234.5\xa0%", "−0.3\xa0percentage points", "7 December 2026"),
             "uk": ("1\xa0234,5\xa0%", "−0,3\xa0в. п.", "7 грудня 2026\u202fр."),
             # right to left: isolated, so "%" stays right of the number and "−" before the digits (LRI/RLI … PDI)
             "ar": ("\u20661,234.5\xa0%\u2069", "\u2067\u2066−0.3\u2069\xa0نقطة مئوية\u2069",
                    "7 ديسمبر 2026")}  # fmt: skip
    try:
        for code, (value, signed, day) in cases.items():
            sprache.st.session_state[sprache._ACTIVE] = code
            assert (sprache.value(1234.5, "%"), sprache.signed(-0.3, "%"), sprache.format_day(date(2026, 12, 7))) == (
                value, signed, day
            ), code  # fmt: skip
    finally:  # the session state outside a script run is shared by every later test in this process
        sprache.st.session_state.pop(sprache._ACTIVE, None)
