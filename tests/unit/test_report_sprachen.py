"""The validation report in the page's language (issue 22): every message carries its German template and
its values; German stays byte for byte what `check` printed before the messages became translatable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sozialraum.i18n import Translator
from sozialraum.loader import load_bundle
from sozialraum.report import Issue, Message, Number, Report, msg
from sozialraum.sozialindex import with_index

from .report_corpus import case_folders, check_text

GOLDEN = Path(__file__).with_name("report_de_golden.json")  # `check` output of the corpus before the change
LANGUAGES = ("en", "uk", "ar", "ls")
# German words no English message may keep outside its data values (whole words, case-sensitive)
GERMAN_WORDS = ("erwartet", "Erwartet", "nicht", "fehlt", "Datei", "Zeile", "Gebiet", "wird", "und", "oder", "ist")


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return case_folders(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def issues(folders: dict[str, Path]) -> list[Issue]:
    """Every issue the page can show for the corpus: the loader's report with the Sozialindex checked."""
    return [issue for folder in folders.values() for issue in with_index(load_bundle(folder)).report.issues]


def test_german_check_output_is_unchanged(folders: dict[str, Path]) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert set(golden) == set(folders)
    for case, folder in folders.items():
        assert check_text(folder) == golden[case], case


def test_every_message_the_page_shows_has_a_template(issues: list[Issue]) -> None:
    kinds = {issue.text.template for issue in issues if issue.text is not None}
    assert len(kinds) >= 40  # the corpus reaches most kinds of message (43 when written)
    assert [issue.message for issue in issues if issue.text is None] == []


def _data(value: str | Number | Message) -> list[str]:
    """The data values of a message (file and column names, what was found): they stay in every language."""
    if isinstance(value, str):
        return [value]
    return [] if isinstance(value, Number) else [v for _, part in value.values for v in _data(part)]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_message_renders_with_its_values_filled(issues: list[Issue], code: str) -> None:
    tr = Translator(code)
    for issue in issues:
        text = issue.render(tr)
        assert issue.render(Translator("de")) == issue.message  # German through the Translator: unchanged
        assert text != issue.message or code == "ls", (code, issue.message)
        assert not re.search(r"\{\w+\}", text), (code, text)  # no placeholder left unfilled
        assert issue.text is not None
        for value in _data(issue.text):
            assert value in text, (code, value, text)


def test_english_messages_keep_no_german_word_outside_their_data(issues: list[Issue]) -> None:
    tr = Translator("en")
    for issue in issues:
        text = issue.render(tr)
        for value in sorted(_data(issue.text), key=len, reverse=True):  # type: ignore[arg-type]
            text = text.replace(value, "")
        left = [w for w in GERMAN_WORDS if re.search(rf"(?<!\w){w}(?!\w)", text)]
        assert not left, (left, issue.render(tr))


def test_a_sample_of_kinds_in_each_language() -> None:
    report = Report()
    report.error("werte.csv", msg("Pflichtfeld ist leer."), row=5, column="jahr")
    report.warning("werte.csv", msg("Gebiete ohne einen einzigen Wert: {gebiete}.", gebiete="04, 05"))
    expected = {
        "en": ["Required field is empty.", "Areas without a single value: 04, 05."],
        "uk": ["Обов’язкове поле порожнє.", "Території без жодного значення: 04, 05."],
        "ar": ["حقل إلزامي فارغ.", "مناطق دون أي قيمة: 04, 05."],
        "ls": ["Dieses Feld darf nicht leer sein.", "Für diese Gebiete gibt es keinen einzigen Wert: 04, 05."],
        "de": ["Pflichtfeld ist leer.", "Gebiete ohne einen einzigen Wert: 04, 05."],
    }
    for code, texts in expected.items():
        records = report.as_records(Translator(code))
        assert [r["Erwartet / Problem"] for r in records] == texts, code
        assert [r["Art"] for r in records] == ["Fehler", "Warnung"]  # the page translates the kind itself


def test_nested_messages_and_numbers_follow_the_language() -> None:
    """A range inside a message is a message of its own; decimals are written per locale, German as before."""
    from sozialraum.checks import range_text

    text = msg("Indikator {indikator}: {spalte} außerhalb des Wertebereichs; erwartet: {bereich} "
               "(Wertebereich laut indikatoren.csv bzw. nach Einheit und Aggregation).",
               indikator="quote", spalte="wert", bereich=range_text(0.5, 100.0))  # fmt: skip
    assert text.render() == (
        "Indikator quote: wert außerhalb des Wertebereichs; erwartet: zwischen 0,5 und 100 "
        "(Wertebereich laut indikatoren.csv bzw. nach Einheit und Aggregation)."
    )
    english = text.render(Translator("en"))
    assert english.startswith("Indicator quote: wert outside the range of values; expected: between 0.5 and 100 (")
    assert "0,5" in text.render(Translator("ls")) and "0,5" in text.render(Translator("uk"))  # uk: decimal comma


def test_a_message_without_template_stays_german() -> None:
    report = Report()
    report.error("x.csv", "Nur deutsch.")
    assert report.issues[0].render(Translator("en")) == "Nur deutsch." and report.issues[0].text is None
