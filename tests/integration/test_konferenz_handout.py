"""The Steckbrief handout on the bundled Gera data: one A4 page, no word broken inside, empty lists in words."""

from __future__ import annotations

import re
from datetime import date

import pytest
from reportlab.platypus import Paragraph, Table

from sozialraum import Bundle
from sozialraum.konferenz.handout import SIZES, handout_pdf, handout_story
from sozialraum.konferenz.pdf import PADDING, _p, _styles, _table, fit_widths, min_cell_width
from sozialraum.settings import DEFAULT_DATA_DIR

URL = "https://sozialraum.gera.de/Steckbrief?gebiet={}"
TODAY = date(2026, 12, 10)


@pytest.fixture(scope="module")
def gera(gera_bundle: Bundle) -> Bundle:
    return gera_bundle  # the session's bundled data (tests/conftest.py), read only


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


@pytest.mark.parametrize("gebiet", ["05", "11", "01"])
def test_handout_is_one_a4_page(gera, gebiet: str) -> None:
    """The docs promise one A4 page; with every indicator, six charts and 14 measures it took two."""
    pdf = handout_pdf(gera, gebiet, 2024, URL.format(gebiet), TODAY)
    assert _pages(pdf) == 1
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in pdf


def _tables(flowables: list) -> list[Table]:
    found = []
    for item in flowables:
        if isinstance(item, Table):
            found.append(item)
            found += _tables([c for row in item._cellvalues for c in row if isinstance(c, list | Table)])
        elif isinstance(item, list):
            found += _tables(item)
        elif hasattr(item, "_content"):  # KeepTogether
            found += _tables(item._content)
    return found


@pytest.mark.parametrize("size", [SIZES[0], SIZES[-1]])
def test_no_table_cell_breaks_a_word(gera, size) -> None:
    """ "Lusan-Zen|trum" in the handout's head row: every column is as wide as its longest unbreakable piece
    (a word, or the part of a word up to its hyphen)."""
    story = handout_story(gera, "11", 2024, URL.format("11"), TODAY, size)
    tables = [t for t in _tables(story) if any(isinstance(c, Paragraph) for row in t._cellvalues for c in row)]
    assert tables
    for table in tables:
        for row in table._cellvalues:
            for cell, width in zip(row, table._colWidths, strict=True):
                if not isinstance(cell, Paragraph):
                    continue
                assert min_cell_width(cell) <= width + 0.01, (cell.getPlainText(), width)
                words = set(cell.getPlainText().split())
                lines = _lines(cell, width)
                for line in lines[:-1]:  # each line ends with a whole word or at a word's own hyphen
                    last = line.split()[-1]
                    assert last in words or last.endswith("-"), (lines, width)


def _lines(cell: Paragraph, width: float) -> list[str]:
    """The lines ReportLab sets `cell` in at the column `width`."""
    cell.wrap(width - 2 * PADDING, 10_000)
    para = cell.blPara
    if para.kind == 0:
        return [" ".join(words) for _, words in para.lines]
    return ["".join(getattr(w, "text", "") for w in line.words) for line in para.lines]


def test_fit_widths_widens_a_short_column_from_the_widest() -> None:
    s = _styles()
    rows = [
        [
            _p("Indikator mit langem Namen", s["tinybold"]),
            _p("Lusan-Zentrum", s["tinybold"]),
            _p("Punkte", s["cellbold"]),
        ]
    ]
    fitted = fit_widths(rows, [300.0, 20.0, 20.0])
    assert sum(fitted) == pytest.approx(340.0)
    assert fitted[1] >= min_cell_width(rows[0][1]) and fitted[2] >= min_cell_width(rows[0][2])
    # "Lusan-" is the longest piece of "Lusan-Zentrum": it may break after its hyphen, not inside
    assert min_cell_width(rows[0][1]) < min_cell_width(_p("LusanZentrum", s["tinybold"]))
    assert min_cell_width(rows[0][2]) > 2 * PADDING
    assert _table(rows, [300.0, 20.0, 20.0])._colWidths == fitted


def _texts(flowables: list) -> str:
    out = []
    for item in flowables:
        if isinstance(item, Paragraph):
            out.append(item.getPlainText())
        elif isinstance(item, Table):
            out.append(_texts([c for row in item._cellvalues for c in row]))
        elif isinstance(item, list):
            out.append(_texts(item))
        elif hasattr(item, "_content"):
            out.append(_texts(item._content))
    return "\n".join(out)


def test_empty_strengths_are_said_in_words(gera) -> None:
    """Lusan-Zentrum has no strength: the handout said "Kein Indikator liegt deutlich günstiger." (against
    what?); it says what the slide says, and never lists the Sozialindex among its own inputs."""
    text = _texts(handout_story(gera, "11", 2024, URL.format("11"), TODAY))
    assert "Kein Indikator" not in text
    assert (
        "Bei keiner Kennzahl steht Lusan-Zentrum deutlich besser da als die Gebiete der Stadt im Durchschnitt." in text
    )
    assert "Statusindex:" not in text


def test_protocol_starts_a_long_list_below_its_slide_not_on_a_new_page(gera, tmp_path) -> None:
    """The measures slide's full list (81 rows) went with its caption to the next page and left the page of
    its slide almost blank (keepWithNext on a table longer than a page)."""
    import subprocess
    from pathlib import Path

    from sozialraum.konferenz.agenda import read_agenda
    from sozialraum.konferenz.pdf import protocol_pdf
    from sozialraum.konferenz.protocol import build_protocol
    from sozialraum.konferenz.store import Store

    agenda = read_agenda(DEFAULT_DATA_DIR / "konferenzen" / "bieblach-ost-2026.toml", root=DEFAULT_DATA_DIR).agenda
    store = Store(f"sqlite:///{tmp_path / 'k.sqlite'}")
    for number in range(1, len(agenda.slides) + 1):
        store.mark_shown(agenda.id, number)
    pdf = Path(tmp_path / "protokoll.pdf")
    pdf.write_bytes(protocol_pdf(build_protocol(gera, agenda, store)))
    pages = [
        subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True).stdout
        for n in range(1, _pages(pdf.read_bytes()) + 1)
    ]
    slide = next(i for i, text in enumerate(pages) if "Folie 6: Maßnahmen des Sozialplans" in text)
    assert "Vollständige Liste (" in pages[slide]
    assert all(len(text.split()) > 60 for text in pages[:-1]), [len(t.split()) for t in pages]
