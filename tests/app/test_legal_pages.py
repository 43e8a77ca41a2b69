"""Issue 18, item 6: Barrierefreiheit and Feedback show no placeholders; the Feedback page opens the mail program."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.test_pages import bundled, run_page, tiny  # noqa: F401  (fixtures)

FEEDBACK, STATEMENT = "pages/21_Feedback.py", "pages/20_Barrierefreiheit.py"


def visible(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "warning", "info") for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def mail_buttons(at: AppTest) -> list[str]:
    return [b.proto.url for b in at.get("link_button") if b.proto.url.startswith("mailto:")]


def test_feedback_page_of_gera_has_address_and_mail_button(bundled: Path) -> None:  # noqa: F811
    at = run_page(FEEDBACK)
    assert not at.exception, at.exception
    text = visible(at)
    assert "Schreiben Sie uns (Stadt Gera, Fachdienst Sozialplanung)." in text
    assert "[sozialplanung@example.org](mailto:sozialplanung@example.org)" in text
    assert not at.warning
    assert mail_buttons(at) and mail_buttons(at)[0].startswith("mailto:sozialplanung@example.org?subject=")


def test_statement_of_gera_has_date_and_enforcement_body(bundled: Path) -> None:  # noqa: F811
    at = run_page(STATEMENT)
    text = visible(at)
    assert "Diese Erklärung wurde am 07.12.2026 erstellt." in text
    assert "Landesdurchsetzungsstelle für digitale Barrierefreiheit beim Beauftragten" in text
    assert "Einstellungen" not in text and "[barrierefreiheit]" not in text


def test_public_pages_without_settings_show_no_placeholders(tiny: Path) -> None:  # noqa: F811
    for page in (FEEDBACK, STATEMENT):
        at = run_page(page)
        text = visible(at)
        assert "Einstellungen" not in text and "eintragen" not in text, page
        assert "Schreiben Sie an Teststadt." not in text and "uns (Teststadt)" not in text
    at = run_page(FEEDBACK)
    assert "Schreiben Sie uns (Stadtverwaltung Teststadt)." in visible(at)
    assert not mail_buttons(at) and "Schaltfläche" not in visible(at)  # no promise of a button that is not there
