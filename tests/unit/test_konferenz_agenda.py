"""The agenda file: the bundled examples read, bad files give German messages with place and expectation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sozialraum import Bundle
from sozialraum.konferenz.agenda import (
    Agenda,
    Known,
    Slide,
    parse_agenda,
    read_all,
    slug,
    to_toml,
    write_agenda,
)
from sozialraum.settings import DEFAULT_DATA_DIR

KNOWN = Known(
    areas=frozenset({"01", "05"}),
    indicators=frozenset({"sgb2_quote", "einwohner"}),
    years=frozenset({2023, 2024}),
    fields=frozenset({"1", "5"}),
)
GOOD = """
titel = "Konferenz Nord"
datum = 2026-12-10
ort = "Stadtteilzentrum"
gebiet = "05"

[[folie]]
art = "steckbrief"

[[folie]]
art = "karte"
indikator = "sgb2_quote"
jahr = 2024
titel = "Armut auf der Karte"

[[folie]]
art = "aenderungen"
seit = "20.11.2025"

[[folie]]
art = "abstimmung"
punkte = 5
haeufeln = false
"""


def messages(text: str, known: Known = KNOWN) -> list[str]:
    result = parse_agenda(text, "konferenzen/nord.toml", known)
    assert result.agenda is None
    return [p.as_text() for p in result.problems]


def test_a_good_file() -> None:
    result = parse_agenda(GOOD, "konferenzen/nord.toml", KNOWN)
    assert result.ok, result.problems
    agenda = result.agenda
    assert (agenda.id, agenda.titel, agenda.datum, agenda.gebiet) == (
        "nord",
        "Konferenz Nord",
        date(2026, 12, 10),
        "05",
    )
    assert [s.art for s in agenda.slides] == ["steckbrief", "karte", "aenderungen", "abstimmung"]
    assert agenda.slides[1].params == {"indikator": "sgb2_quote", "jahr": 2024}
    assert agenda.slides[1].titel == "Armut auf der Karte"
    assert agenda.slides[2].get("seit") == date(2025, 11, 20)
    assert agenda.slides[3].params == {"punkte": 5, "haeufeln": False}


def test_written_file_reads_back_the_same(tmp_path: Path) -> None:
    agenda = parse_agenda(GOOD, "nord.toml", KNOWN).agenda
    agenda = Agenda(**{**agenda.__dict__, "ort": 'Saal "Oben"\\Mitte', "beginn": "17:00"})
    path = write_agenda(agenda, tmp_path)
    assert path == tmp_path / "konferenzen" / "nord.toml"
    again = read_all(tmp_path, KNOWN)["nord"]
    assert again.ok and again.agenda == agenda
    assert parse_agenda(to_toml(agenda), "nord.toml", KNOWN).agenda == agenda


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('indikator = "sgb2_quote"', 'indikator = "sgb3"'),
            "konferenzen/nord.toml, Folie 2, Schlüssel „indikator“: erwartet eine Indikator-Kennung aus "
            "indikatoren.csv (gefunden: „sgb3“).",
        ),
        (
            ("jahr = 2024", "jahr = 1999"),
            "konferenzen/nord.toml, Folie 2, Schlüssel „jahr“: erwartet eine Jahreszahl wie 2024 (gefunden: „1999“).",
        ),
        (
            ('art = "steckbrief"', 'art = "diagramm"'),
            "konferenzen/nord.toml, Folie 1, Schlüssel „art“: erwartet art = eine von steckbrief, karte, entwicklung, "
            "vergleich, massnahmen, aenderungen, erfassung, abstimmung (gefunden: „diagramm“).",
        ),
        (
            ('seit = "20.11.2025"', 'seit = "gestern"'),
            "konferenzen/nord.toml, Folie 3, Schlüssel „seit“: erwartet ein Datum wie 2026-03-31 oder „31.03.2026“ "
            "(gefunden: „gestern“).",
        ),
        (
            ("punkte = 5", "punkte = 50"),
            "konferenzen/nord.toml, Folie 4, Schlüssel „punkte“: erwartet eine ganze Zahl von 1 bis 20 "
            "(gefunden: „50“).",
        ),
        (
            ("haeufeln = false", 'haeufeln = "nein"'),
            "konferenzen/nord.toml, Folie 4, Schlüssel „haeufeln“: erwartet true oder false (gefunden: „nein“).",
        ),
        (
            ('gebiet = "05"', "gebiet = 5"),
            'konferenzen/nord.toml, Schlüssel „gebiet“: erwartet die Kennung des Sozialraums als Text, z. B. "05" '
            "(gefunden: „5“).",
        ),
        (
            ('gebiet = "05"', 'gebiet = "99"'),
            "konferenzen/nord.toml, Schlüssel „gebiet“: erwartet eine gebiet_id aus der Gebietsdatei (gefunden: „99“).",
        ),
        (
            ("datum = 2026-12-10", 'datum = "bald"'),
            "konferenzen/nord.toml, Schlüssel „datum“: erwartet ein Datum wie 2026-03-31 oder „31.03.2026“ "
            "(gefunden: „bald“).",
        ),
        (
            ('ort = "Stadtteilzentrum"', ""),
            "konferenzen/nord.toml, Schlüssel „ort“: erwartet einen nicht leeren Text in Anführungszeichen "
            "(gefunden: „fehlt“).",
        ),
        (
            ('art = "steckbrief"', 'art = "steckbrief"\nfarbe = "rot"'),
            'konferenzen/nord.toml, Folie 1, Schlüssel „farbe“: erwartet bei art = "steckbrief" nur die Schlüssel '
            "jahr, titel (gefunden: „unbekannt“).",
        ),
    ],
)
def test_bad_values_name_file_slide_key_and_expectation(change: tuple[str, str], expected: str) -> None:
    assert GOOD.count(change[0]) == 1
    assert expected in messages(GOOD.replace(*change))


def test_missing_required_key_of_a_slide() -> None:
    text = GOOD.replace('indikator = "sgb2_quote"\n', "")
    assert (
        "konferenzen/nord.toml, Folie 2, Schlüssel „indikator“: erwartet eine Indikator-Kennung aus indikatoren.csv "
        "(gefunden: „fehlt“)." in messages(text)
    )


def test_all_problems_at_once() -> None:
    text = GOOD.replace('indikator = "sgb2_quote"', 'indikator = "x"').replace("punkte = 5", "punkte = 0")
    assert len(messages(text)) == 2


def test_not_toml_and_no_slides() -> None:
    assert messages("titel = ")[0].startswith("konferenzen/nord.toml: erwartet gültiges TOML (")
    only_head = GOOD.split("[[folie]]")[0]
    assert any("mindestens eine Folie" in m for m in messages(only_head))


def test_bad_file_name() -> None:
    result = parse_agenda(GOOD, "konferenzen/Nord Konferenz.toml", KNOWN)
    assert "Dateinamen aus Kleinbuchstaben" in result.problems[0].as_text()


def test_without_known_references_only_forms_are_checked() -> None:
    assert parse_agenda(GOOD.replace('"sgb2_quote"', '"anything"'), "nord.toml").ok


def test_slug_and_invalid_id(tmp_path: Path) -> None:
    assert slug("Konferenz Bieblach-Ost 2026: Größe & Zukunft") == "konferenz-bieblach-ost-2026-groesse-zukunft"
    agenda = Agenda("Nicht gültig", "T", date(2026, 1, 1), "O", "05", (Slide("steckbrief"),))
    with pytest.raises(ValueError, match="Ungültige Kennung"):
        write_agenda(agenda, tmp_path)


def test_bundled_conferences_read_against_the_bundled_data(gera_bundle: Bundle) -> None:
    bundle = gera_bundle
    results = read_all(DEFAULT_DATA_DIR, Known.from_bundle(bundle))
    assert {"bieblach-ost-2026", "lusan-zentrum-2026-03"} <= set(results)
    for cid, result in results.items():
        assert result.ok, (cid, [p.as_text() for p in result.problems])
    bieblach = results["bieblach-ost-2026"].agenda
    assert bundle.area_name(bieblach.gebiet) == "Bieblach-Ost"
    assert len(bieblach.slides) >= 5
    assert {s.art for s in bieblach.slides} >= {"steckbrief", "karte", "erfassung", "abstimmung"}
    lusan = results["lusan-zentrum-2026-03"].agenda
    assert bundle.area_name(lusan.gebiet) == "Lusan-Zentrum" and lusan.datum < bieblach.datum
