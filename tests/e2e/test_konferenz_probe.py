"""The room rehearsal `python -m sozialraum konferenz probe` on the bundled conference: one German
line per slide, exit code 1 exactly when a slide fails, and a contact sheet of all slides."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from sozialraum.konferenz.agenda import read_agenda
from sozialraum.konferenz.probe import sheet_size
from tests.e2e.conftest import REPO_ROOT

KONFERENZ = "bieblach-ost-2026"


@pytest.mark.e2e
def test_probe_checks_every_slide_and_writes_a_contact_sheet(tmp_path: Path) -> None:
    kinds = [s.art for s in read_agenda(REPO_ROOT / "data" / "konferenzen" / f"{KONFERENZ}.toml").agenda.slides]
    run = subprocess.run(
        [sys.executable, "-m", "sozialraum", "konferenz", "probe", KONFERENZ, "--ausgabe", str(tmp_path)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "SOZIALRAUM_DATA_DIR": ""},  # the bundled data, whatever the shell says
    )  # fmt: skip
    lines = run.stdout.splitlines()
    slide_lines = [line for line in lines if line.startswith("Folie ")]
    assert len(slide_lines) == len(kinds) == 9, run.stdout + run.stderr
    for number, (kind, line) in enumerate(zip(kinds, slide_lines, strict=True), start=1):
        assert re.fullmatch(rf"Folie {number} \({kind}\): (ok|.*(Scrollen|Weiter-Schaltfläche|unter 24 px).*)", line)
    failed = [line for line in slide_lines if not line.endswith(": ok")]
    assert run.returncode == (1 if failed else 0), run.stdout + run.stderr
    assert not any(line.startswith("Blockierter Zugriff") for line in lines), run.stdout
    # the bundled conference passes its own rehearsal: map names, source lines, the `adresse` hint and
    # the mode badge all at 24 px or more (they were 12, 22, 19,5 and 16 px), and every slide fits
    assert not failed, run.stdout
    assert "Alle Folien in Ordnung." in lines
    sheet = tmp_path / "kontaktbogen.png"
    assert f"Kontaktbogen: {sheet}" in lines
    with Image.open(sheet) as image:
        assert image.size == sheet_size(9) == (1984, 1276)
    assert sorted(p.name for p in tmp_path.glob("folie-*.png")) == [f"folie-{n:02d}.png" for n in range(1, 10)]
    with Image.open(tmp_path / "folie-01.png") as first:
        assert first.size == (1920, 1080)
