"""The start page of a local install shows the README's "Alles ausprobieren" section (issue 25)."""

from __future__ import annotations

from pathlib import Path

from sozialraum.demo import readme_section


def test_the_shipped_readme_has_the_section_the_start_page_shows() -> None:
    section = readme_section()
    assert "bash scripts/run.sh --demo" in section
    assert "## " not in section  # ends before the next section
    assert "](" not in section  # repository links become plain names


def test_section_is_cut_at_the_next_heading_and_links_become_names(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Titel\n\n## Alles ausprobieren\n\nStart mit `x`, siehe [Betrieb](docs/betrieb.md).\n\n## Weiter\n\nmehr\n",
        "utf-8",
    )
    assert readme_section(readme=readme) == "Start mit `x`, siehe Betrieb."
    assert readme_section("Fehlt", readme=readme) == ""
