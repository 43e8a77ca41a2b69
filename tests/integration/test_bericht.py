"""The Sozialbericht (PDF and web edition) of the Gera data, built once for this module."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from sozialraum import Bundle
from sozialraum.bericht import BerichtError, Result, build_report
from sozialraum.offline import find_external_urls
from sozialraum.settings import DEFAULT_DATA_DIR

# a withheld cell (case count 2 < 3) given an value that appears nowhere else in the report
SECRET_ROW = ("07;jugendarbeitslosigkeit;2024;0,87;2;2;230;", "07;jugendarbeitslosigkeit;2024;88,84;2;2;230;")
SECRET_TEXTS = ("88,8", "88.8", "88,84", "88.84")


def gera_copy(target: Path) -> Path:
    shutil.copytree(DEFAULT_DATA_DIR, target)
    values = target / "werte.csv"
    text = values.read_text(encoding="utf-8")
    assert SECRET_ROW[0] in text
    values.write_text(text.replace(SECRET_ROW[0], SECRET_ROW[1]), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Result:
    base = tmp_path_factory.mktemp("bericht")
    return build_report(gera_copy(base / "daten"), base / "ausgabe")


@pytest.fixture(scope="module")
def pages(built: Result) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(built.pdf), "-"], capture_output=True, check=True, text=True)
    return text.stdout.split("\f")[: built.pages]


def _pdf_objects(path: Path) -> bytes:
    raw = path.read_bytes()
    parts = [raw]
    for match in re.finditer(rb"stream\r?\n", raw):
        end = raw.find(b"endstream", match.end())
        try:
            parts.append(zlib.decompress(raw[match.end() : end]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_pdf_has_contents_every_bezirk_and_captions_with_source(
    gera_bundle: Bundle, built: Result, pages: list[str]
) -> None:
    text = "\n".join(pages)
    assert "Inhalt" in pages[1]
    names = gera_bundle.areas["name"].tolist()
    assert len(names) == 12
    contents = re.sub(r"\s+", " ", pages[1])
    for name in names:
        assert name in contents  # each profile is listed in the table of contents …
        assert re.search(rf"Bezirk \d\d: {re.escape(name)}", text)  # … and has its chapter
    assert re.search(r"Sozialraumprofile \(Bezirk\) \.+ ?\d+", contents)  # page numbers in the contents
    assert "Rangfolge: SGB-II-Quote 2024" in text
    assert re.search(r"Quelle: Statistik der Bundesagentur für Arbeit[^\n]*Datenstand: 31\.12\.2024", text)
    assert text.count("Quelle:") >= 100
    for heading in ("Methoden", "Anhang", "Glossar", "Indikatorenkatalog", "Umsetzungsstand des Sozialplans"):
        assert heading in text
    assert "Zu diesem Bericht" in text  # the planners' introduction from bericht/einleitung.md
    assert "ESF Plus" in pages[0]  # funding note from bericht.toml on the title page


def test_every_profile_spans_two_to_four_pages(pages: list[str]) -> None:
    headers = [page.strip().splitlines()[0] if page.strip() else "" for page in pages]
    counts: dict[str, int] = {}
    for header in headers:
        match = re.match(r"\s*(Bezirk \d\d: .+?)\s{2,}", header)
        if match:
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    assert len(counts) == 12
    assert all(2 <= n <= 4 for n in counts.values()), counts


def test_pdf_is_tagged_german_with_bookmarks(built: Result) -> None:
    info = subprocess.run(["pdfinfo", str(built.pdf)], capture_output=True, check=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    objects = _pdf_objects(built.pdf)
    assert b"/Lang (de)" in objects
    assert b"/StructTreeRoot" in objects
    titles = re.findall(rb"/Title \(([^)]*)\)", objects)
    assert b"Methoden" in titles and b"Anhang" in titles and b"Sozialindex" in titles


def test_web_edition_is_complete_and_offline(built: Result) -> None:
    web = built.web
    pages = sorted(web.glob("*.html"))
    names = {p.stem for p in pages}
    assert {"index", "gesamtstadt", "sozialindex", "umsetzung", "methoden", "anhang"} <= names
    assert {f"gebiet-{n:02d}" for n in range(1, 13)} <= names
    assert sum(1 for n in names if n.startswith("handlungsfeld-")) == 6
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<html lang="de">' in html
        assert find_external_urls(html) == [], page.name
        levels = [int(h) for h in re.findall(r"<h([1-6])[ >]", html)]
        assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), page.name
        for link in re.findall(r'href="daten/([^"]+)"', html):
            assert (web / "daten" / link).is_file()
    csvs = list((web / "daten").glob("*.csv"))
    tables = sum(len(re.findall(r'<figure class="tabelle', p.read_text(encoding="utf-8"))) for p in pages)
    assert len(csvs) == tables > 60
    assert (web / "assets" / "leaflet" / "leaflet.js").is_file()


def test_withheld_cell_is_nowhere(built: Result, pages: list[str]) -> None:
    pdf_text = "\n".join(pages)
    files = [*built.web.rglob("*.html"), *built.web.rglob("*.csv"), *built.web.rglob("*.js")]
    for secret in SECRET_TEXTS:
        pattern = re.compile(rf"(?<![\d.,]){re.escape(secret)}(?![\d])")  # not inside SVG coordinates
        assert not pattern.search(pdf_text)
        for path in files:
            assert not pattern.search(path.read_text(encoding="utf-8-sig")), (secret, path.name)
    # the cell itself is shown as withheld („.“) in the ranking of its indicator
    ranking = next(
        p
        for p in (built.web / "daten").glob("*.csv")
        if "Rangfolge: Arbeitslosigkeit junger" in p.read_text("utf-8-sig")
    )
    row = next(
        line for line in ranking.read_text("utf-8-sig").splitlines() if line.split(";")[1:2] == ["07 Untermhaus"]
    )
    assert row.split(";")[2] == "."


def _write(folder: Path, name: str, text: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bericht.toml", '[bericht]\ntitel = "Sozialbericht\n', "bericht.toml, Zeile 2: kein gültiges TOML"),
        ("bericht.toml", '[bericht]\n\njahr = "2024"\n', "bericht.toml, Zeile 3, Schlüssel „jahr“: gefunden „2024“"),
        ("bericht.toml", '[bericht]\nkapitel = ["profile", "extras"]\n', "Zeile 2, Schlüssel „kapitel“: unbekanntes"),
        ("bericht.toml", "[bericht]\nfarbe = 1\n", "bericht.toml, Zeile 2, Schlüssel „farbe“: unbekannt"),
        ("bericht/einleitung.md", "Text\n\nZeile <script>x</script>\n", "bericht/einleitung.md, Zeile 3: HTML"),
        ("bericht/gebiet-99.md", "Text\n", "bericht/gebiet-99.md: Gebiet „99“ gibt es in den Daten nicht"),
    ],
)
def test_broken_input_names_file_line_key_and_leaves_output_alone(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    folder = tmp_path / "daten"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    _write(folder, name, text)
    output = tmp_path / "ausgabe"
    output.mkdir()
    (output / "alt.txt").write_text("vorher", encoding="utf-8")
    with pytest.raises(BerichtError) as problem:
        build_report(folder, output)
    assert message in str(problem.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ausgabe", "daten"]
    assert [p.name for p in output.iterdir()] == ["alt.txt"]


def test_cli_reports_broken_input_in_german_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sozialraum.cli import main

    folder = tmp_path / "daten"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    _write(folder, "bericht.toml", "[bericht]\nvergleichsjahr = 2022.5\n")
    assert main(["bericht", str(folder), "--ausgabe", str(tmp_path / "aus")]) == 1
    out = capsys.readouterr().out
    assert "[  0\u00a0%] Daten laden" in out
    assert (
        "Bericht nicht erzeugt, der Zielordner bleibt unverändert: bericht.toml, Zeile 2, Schlüssel „vergleichsjahr“"
        in out
    )
    assert not (tmp_path / "aus").exists()


def test_missing_plan_leaves_its_chapter_out_with_a_note(tmp_path: Path) -> None:
    from tests.unit.conftest import write_folder

    folder = write_folder(
        tmp_path / "daten", massnahmen_csv=None, ziele_csv=None, massnahmen_verlauf_csv=None, handlungsfelder_csv=None
    )
    result = build_report(folder, tmp_path / "aus")
    log = (result.folder / "bericht-log.txt").read_text(encoding="utf-8")
    assert "Kapitel Umsetzungsstand ausgelassen: massnahmen.csv fehlt oder ist leer." in log
    assert not (result.web / "umsetzung.html").exists()
    assert (result.web / "gebiet-02.html").is_file() and result.pdf.is_file()
