"""Issue 22 (optional part): a conference may show a second language line on its slides. The agenda's
`zweitsprache` makes the projector repeat generated headings and the vote's hint, smaller, in that language
(`lang`/`dir` on the element, Arabic right to left, texts from the catalogues); German slides stay as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sozialraum.i18n import Translator
from sozialraum.konferenz.agenda import parse_agenda, to_toml
from sozialraum.konferenz.phone_page import HINT
from sozialraum.settings import DATA_DIR_ENV, DEFAULT_DATA_DIR
from tests.app.test_konferenz_pages import BIEBLACH, SHOW, as_moderator, db, internal_view  # noqa: F401

AGENDA = Path("konferenzen") / f"{BIEBLACH}.toml"


def with_second_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str) -> Path:
    folder = tmp_path / "daten"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    text = (folder / AGENDA).read_text(encoding="utf-8")
    (folder / AGENDA).write_text(text.replace('gebiet = "05"\n', f'gebiet = "05"\nzweitsprache = "{code}"\n', 1))
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


def second_lines(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if 'class="sr-zweitsprache"' in h.proto.body]


def test_the_agenda_keeps_a_known_second_language_and_names_an_unknown_one() -> None:
    text = (DEFAULT_DATA_DIR / AGENDA).read_text(encoding="utf-8")
    agenda = parse_agenda(text.replace('gebiet = "05"\n', 'gebiet = "05"\nzweitsprache = "uk"\n'), "k.toml").agenda
    assert agenda is not None and agenda.zweitsprache == "uk"
    assert parse_agenda(to_toml(agenda), "k.toml").agenda == agenda
    bad = parse_agenda(text.replace('gebiet = "05"\n', 'gebiet = "05"\nzweitsprache = "fr"\n'), "k.toml")
    assert bad.agenda is None
    assert [p.as_text() for p in bad.problems] == [
        "k.toml, Schlüssel „zweitsprache“: erwartet einen Sprachcode: ls, en, uk, ar (gefunden: „fr“)."
    ]


@pytest.mark.usefixtures("db")
def test_arabic_second_line_under_the_heading_of_a_map_slide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_second_language(tmp_path, monkeypatch, "ar")
    at = as_moderator(SHOW, konferenz=BIEBLACH, folie="2")  # karte sgb2_quote 2024
    assert not at.exception, at.exception
    assert at.title[0].value == "SGB-II-Quote 2024"  # German stays on the slide, as before
    [line] = second_lines(at)
    assert 'lang="ar" dir="rtl"' in line
    arabic_name = "نسبة المستفيدين من إعانة SGB II (الإعانة الأساسية للباحثين عن عمل)"
    assert f"<bdi>{arabic_name}</bdi> <bdi>2024</bdi>" in line


@pytest.mark.usefixtures("db")
def test_second_lines_of_the_generated_headings_and_the_vote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_second_language(tmp_path, monkeypatch, "en")
    first = as_moderator(SHOW, konferenz=BIEBLACH, folie="1")  # its own title is the generated heading
    assert first.title[0].value == "Bieblach-Ost auf einen Blick"
    assert any("<bdi>Bieblach-Ost</bdi> at a glance" in line for line in second_lines(first))
    changes = as_moderator(SHOW, konferenz=BIEBLACH, folie="7")  # the planner's own title: nothing to translate
    assert changes.title[0].value.startswith("Was ist seit der Konferenz") and not second_lines(changes)
    vote = as_moderator(SHOW, konferenz=BIEBLACH, folie="9")
    en = Translator("en")
    [hint] = second_lines(vote)
    assert 'lang="en" dir="ltr"' in hint and en(HINT) in hint and "points per person" in hint


@pytest.mark.usefixtures("db")
def test_without_a_second_language_the_slides_have_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(DEFAULT_DATA_DIR))
    for folie in ("2", "9"):
        assert not second_lines(as_moderator(SHOW, konferenz=BIEBLACH, folie=folie))
