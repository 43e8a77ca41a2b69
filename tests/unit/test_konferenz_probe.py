"""Verdicts of the room rehearsal from a page measurement, and the contact sheet's layout."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from sozialraum.konferenz.probe import SlideCheck, contact_sheet, judge, sheet_size


def test_fitting_slide_with_large_text_is_ok() -> None:
    check = judge(3, "karte", {"scrolls": False, "bottom": 1040.0, "small": []})
    assert check.ok
    assert check.line() == "Folie 3 (karte): ok"


def test_each_problem_is_named_in_german() -> None:
    small = [["Gera-Nord", 12.0], ["Quelle: Statistik", 22.0], ["a", 20], ["b", 21], ["c", 23]]
    check = judge(2, "karte", {"scrolls": True, "bottom": 1086.4, "small": small})
    assert not check.ok
    assert check.line() == (
        "Folie 2 (karte): passt nicht ohne Scrollen; Weiter-Schaltfläche endet bei 1086 px (unter 1080 px); "
        "5 Texte unter 24 px: „Gera-Nord“ 12 px, „a“ 20 px, „b“ 21 px, „Quelle: Statistik“ 22 px und 1 weitere"
    )


def test_missing_button_fails() -> None:
    assert judge(1, "steckbrief", {"scrolls": False, "bottom": None, "small": []}).problems == [
        "keine Weiter-Schaltfläche gefunden"
    ]


def test_contact_sheet_is_a_grid_of_three_columns(tmp_path: Path) -> None:
    shots = []
    for number in range(1, 5):
        path = tmp_path / f"folie-{number}.png"
        Image.new("RGB", (1920, 1080), (0, 0, 200)).save(path)
        shots.append(path)
    checks = [SlideCheck(n, "karte", [] if n != 2 else ["passt nicht"]) for n in range(1, 5)]
    sheet = contact_sheet(shots, checks, tmp_path / "bogen.png")
    with Image.open(sheet) as image:
        assert image.size == sheet_size(4) == (3 * 640 + 4 * 16, 2 * (360 + 44) + 3 * 16)
        # the fourth slide starts a second row: its thumbnail's centre is blue
        assert image.getpixel((16 + 320, 16 + 360 + 44 + 16 + 44 + 180)) == (0, 0, 200)
