"""Slides' key figures, the protocol (Markdown, CSV, PDF) and the Steckbrief handout, on a tiny folder."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from sozialraum import Bundle, load_bundle
from sozialraum.konferenz.agenda import Known, parse_agenda
from sozialraum.konferenz.handout import handout_pdf
from sozialraum.konferenz.pdf import protocol_pdf
from sozialraum.konferenz.protocol import build_protocol, cards_csv, to_markdown, votes_csv
from sozialraum.konferenz.qr import qr_matrix, qr_png, qr_svg
from sozialraum.konferenz.slides import build_slide
from sozialraum.konferenz.store import Store
from sozialraum.konferenz.voting import VoteRules

AGENDA = """
titel = "Konferenz Nord"
datum = 2026-12-10
beginn = "17:00"
ort = "Bürgerhaus Nord"
gebiet = "01"

[[folie]]
art = "steckbrief"
[[folie]]
art = "karte"
indikator = "quote"
jahr = 2024
[[folie]]
art = "entwicklung"
indikator = "quote"
[[folie]]
art = "vergleich"
indikator = "quote"
[[folie]]
art = "massnahmen"
[[folie]]
art = "aenderungen"
seit = 2025-01-01
[[folie]]
art = "erfassung"
leitfrage = "Was ist gut in Nord?"
[[folie]]
art = "abstimmung"
punkte = 2
haeufeln = false
"""


@pytest.fixture
def bundle(valid_folder: Path):
    return load_bundle(valid_folder)


@pytest.fixture
def agenda(bundle):
    result = parse_agenda(AGENDA, "konferenzen/nord.toml", Known.from_bundle(bundle))
    assert result.ok, result.problems
    return result.agenda


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'k.sqlite'}")


def test_every_slide_has_heading_source_and_figures(bundle, agenda) -> None:
    contents = [build_slide(bundle, agenda, i) for i in range(len(agenda.slides))]
    assert [c.number for c in contents] == list(range(1, 9)) and {c.total for c in contents} == {8}
    steckbrief, karte, entwicklung, vergleich, massnahmen, aenderungen, erfassung, abstimmung = contents
    assert steckbrief.heading == "Nord auf einen Blick"
    assert karte.figures == [
        "SGB-II-Quote 2024: 12,0\u00a0% in Nord, Rang 1 von 3 (1 = günstigster Wert); Gesamtstadt: 28,0\u00a0%."
    ]
    assert karte.data["payload"]["auswahl"] == "01" and karte.data["payload"]["dimmen"] is True
    assert karte.source == "Quelle: BA · Datenstand: 31.12.2024"
    assert entwicklung.figures == [
        "SGB-II-Quote – Nord: von 10,0\u00a0% (2023) auf 12,0\u00a0% (2024), +2,0\u00a0Prozentpunkte; "
        "Gesamtstadt: von 35,0\u00a0% (2023) auf 28,0\u00a0% (2024), −7,0\u00a0Prozentpunkte."
    ]
    assert vergleich.data["ranked"]["hervorgehoben"].sum() == 1
    assert massnahmen.figures[0].startswith("1 Maßnahmen wirken in Nord, dazu 1 gesamtstädtische")
    assert list(massnahmen.data["table"]["Nr."]) == ["1.1.1", "1.1.2"]
    assert aenderungen.heading == "Was sich seit dem 01.01.2025 geändert hat"
    assert erfassung.heading == "Was ist gut in Nord?"
    assert abstimmung.data["rules"] == VoteRules(2, False)
    assert abstimmung.source == "Punkteabstimmung: 2 Punkte je Person, höchstens einen je Karte"


def test_protocol_says_everything(bundle, agenda, store: Store) -> None:
    a = store.add_card(agenda.id, "staerke", "Gute Nachbarschaft", folie=7)
    b = store.add_card(agenda.id, "herausforderung", "Leerstand | Ecke Markt", handlungsfeld_id="1")
    c = store.add_card(agenda.id, "idee", "Spielplatz", massnahme_id="1.1.1")
    d = store.add_card(agenda.id, "idee", "Noch ein Spielplatz")
    store.merge_cards(c, [d])
    poll = store.open_poll(agenda.id, VoteRules(2, False))
    store.submit_ballot(poll, "x", {b: 1, c: 1})
    store.submit_ballot(poll, "y", {b: 1, a: 1})
    store.close_poll(poll)
    store.set_participants(agenda.id, 19)
    store.set_priorities(agenda.id, [(b, "Leerstand angehen"), (None, "Treffpunkt schaffen")])
    for slide in (1, 2, 7, 8):
        store.mark_shown(agenda.id, slide)
    protocol = build_protocol(bundle, agenda, store, now=datetime(2026, 12, 10, 19, 30))
    text = to_markdown(protocol)
    for expected in (
        "# Protokoll: Konferenz Nord",
        "- **Datum:** 10.12.2026, 17:00 Uhr",
        "- **Ort:** Bürgerhaus Nord",
        "- **Sozialraum:** Nord (01)",
        "- **Teilnehmende:** 19",
        "- **Erstellt:** 10.12.2026 19:30 mit dem Test",
        "1. Leerstand angehen\n2. Treffpunkt schaffen",
        "### Abstimmung 1\n\n2 Punkte je Person, höchstens einen je Karte; 2 Stimmzettel bei 19 Teilnehmenden; "
        "Abstimmung geschlossen.",
        "| 1 | Leerstand \\| Ecke Markt | Herausforderung | 2 | 2 |",
        "| 2 | Gute Nachbarschaft | Stärke | 1 | 1 |",
        "### Stärke (1)\n\n- Gute Nachbarschaft",
        "- Leerstand \\| Ecke Markt _(Handlungsfeld 1: Familie)_",
        "- Spielplatz / Noch ein Spielplatz _(Maßnahme 1.1.1)_",
        "### Chance (0)\n\n- keine",
        f"- Noch ein Spielplatz → Karte {c}",
        "## Gezeigte Folien (nicht alle der Tagesordnung)",
        "### Folie 2: SGB-II-Quote 2024",
        "- SGB-II-Quote 2024: 12,0\u00a0% in Nord",
        "### Folie 7: Was ist gut in Nord?",
    ):
        assert expected in text, expected
    assert "### Folie 3:" not in text
    cards = cards_csv(protocol).decode("utf-8-sig")
    assert "# Konferenz: Konferenz Nord" in cards
    assert re.search(rf"\n{b};Herausforderung;Leerstand \| Ecke Markt;;1;;;2;", cards)
    assert f"\n{d};Idee/Vorschlag;Noch ein Spielplatz;;;;{c};0;" in cards
    votes = votes_csv(protocol, store.votes(agenda.id)).decode("utf-8-sig")
    assert votes.count("\n") == 5 + 1 + 4  # metadata, header, four dots
    assert "\nabstimmung;stimmzettel;karte_id;karte;punkte;zeit\n" in votes  # ballots numbered, no device ids
    pdf = protocol_pdf(protocol)
    assert pdf.startswith(b"%PDF") and len(pdf) > 3000


def test_protocol_without_anything_recorded(bundle, agenda, store: Store) -> None:
    protocol = build_protocol(bundle, agenda, store)
    text = to_markdown(protocol)
    assert "- **Teilnehmende:** nicht erfasst" in text
    assert "Es wurden keine Handlungsschwerpunkte festgehalten." in text
    assert "Es gab keine Punkteabstimmung." in text and "### Abstimmung" not in text
    assert "## Gezeigte Folien\n" in text and "### Folie 8:" in text
    assert protocol_pdf(protocol).startswith(b"%PDF")


def test_handout_is_one_a4_page(bundle) -> None:
    pdf = handout_pdf(bundle, "01", 2024, "http://localhost:8501/Steckbrief?gebiet=01")
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type /Page\b", pdf))
    assert pages == 1
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in pdf


def test_qr_codes() -> None:
    url = "http://192.168.1.20:8501/Abstimmung?konferenz=nord"
    assert qr_svg(url).startswith("<svg")
    assert qr_png(url).startswith(b"\x89PNG")
    matrix = qr_matrix(url)
    assert len(matrix) == len(matrix[0]) >= 21 and matrix[0][0] is True


def test_overview_tile_without_city_value_names_no_city(bundle, agenda) -> None:
    """An indicator without a city value (e.g. the Sozialindex) shows its value only, not 'Gesamtstadt: –'."""
    bundle.city = bundle.city[bundle.city["indikator_id"] != "quote"]
    steckbrief = build_slide(bundle, agenda, 0)
    tile = next(t for t in steckbrief.data["tiles"] if t["label"] == "SGB II")
    assert tile["stadt"] == ""
    assert "SGB II 2024: 12,0\u00a0%" in steckbrief.figures
    assert not any("Gesamtstadt: –" in f for f in steckbrief.figures)


def test_overview_slide_does_not_count_the_sozialindex_among_challenges(gera_indexed: Bundle) -> None:
    from sozialraum.settings import DEFAULT_DATA_DIR

    gera = gera_indexed
    text = (DEFAULT_DATA_DIR / "konferenzen" / "bieblach-ost-2026.toml").read_text(encoding="utf-8")
    result = parse_agenda(text, "konferenzen/bieblach-ost-2026.toml", Known.from_bundle(gera))
    overview = build_slide(gera, result.agenda, 0)
    assert overview.data["herausforderungen"]
    assert not any(t.startswith("Sozialindex") for t in overview.data["herausforderungen"] + overview.data["staerken"])


def test_protocol_lists_every_poll_and_an_empty_one_as_without_result(bundle, agenda, store: Store) -> None:
    a = store.add_card(agenda.id, "idee", "Treffpunkt")
    first = store.open_poll(agenda.id, VoteRules(3), frage="Was zuerst?", folie=8, now=1000.0)
    for device in ("x", "y", "z"):
        store.submit_ballot(first, device, {a: 3}, now=1001.0)
    store.close_poll(first, now=1100.0)
    store.open_poll(agenda.id, VoteRules(3), now=2000.0)  # opened by mistake, nobody voted
    store.set_participants(agenda.id, 4)
    protocol = build_protocol(bundle, agenda, store)
    text = to_markdown(protocol)
    assert "Es gab 2 Punkteabstimmungen; jede ist mit ihrem Ergebnis aufgeführt." in text
    assert "### Abstimmung 1: Was zuerst?\n\n3 Punkte je Person, auch mehrere auf dieselbe Karte; " in text
    assert "3 Stimmzettel bei 4 Teilnehmenden; Abstimmung geschlossen.\n\n| Rang |" in text
    assert "| 1 | Treffpunkt | Idee/Vorschlag | 9 | 3 |" in text
    assert "### Abstimmung 2\n\n3 Punkte je Person, auch mehrere auf dieselbe Karte; 0 Stimmzettel bei 4 " in text
    assert "Keine Stimmzettel: diese Abstimmung hat kein Ergebnis." in text
    assert protocol.counted.poll.id == first
    slide = text[text.index("### Folie 8:") :]
    assert "| Abstimmung 1: Was zuerst? | 3 | Treffpunkt (9) |" in slide and "Abstimmung 2" not in slide
    assert "\n1;Idee/Vorschlag;Treffpunkt;;;;;9;" in cards_csv(protocol).decode("utf-8-sig")
    assert protocol_pdf(protocol).startswith(b"%PDF")


def test_protocol_shows_what_each_slide_showed(bundle, agenda, store: Store) -> None:
    """The lists behind list slides and the values behind map, comparison and trend charts."""
    store.add_card(agenda.id, "idee", "<b>Spielplatz</b> & *mehr* <script>alert(1)</script>", folie=7)
    text = to_markdown(build_protocol(bundle, agenda, store))
    karte = text[text.index("### Folie 2:") : text.index("### Folie 3:")]
    assert "| Rang | Gebiet | Wert |" in karte
    assert "| 1 | Nord (dieser Sozialraum) | 12,0\u00a0% |" in karte and "| Gesamtstadt | 28,0\u00a0% |" in karte
    entwicklung = text[text.index("### Folie 3:") : text.index("### Folie 4:")]
    assert "| Jahr | Nord | Gesamtstadt |" in entwicklung and "| 2023 | 10,0\u00a0% | 35,0\u00a0% |" in entwicklung
    vergleich = text[text.index("### Folie 4:") : text.index("### Folie 5:")]
    assert "| 1 | Nord (dieser Sozialraum) | 12,0\u00a0% |" in vergleich
    massnahmen = text[text.index("### Folie 5:") : text.index("### Folie 6:")]
    assert "Vollständige Liste (2)" in massnahmen and "| 1.1.1 |" in massnahmen and "| 1.1.2 |" in massnahmen
    erfassung = text[text.index("### Folie 7:") : text.index("### Folie 8:")]
    assert "Auf dieser Folie erfasste Karten (1)" in erfassung
    # card text is text: no HTML reaches a Markdown viewer, no emphasis appears
    assert "<b>" not in text and "<script>" not in text
    assert "&lt;b&gt;Spielplatz&lt;/b&gt; & \\*mehr\\* &lt;script&gt;" in text


def test_overview_says_the_statusindex_and_empty_lists_in_words(gera_indexed: Bundle) -> None:
    """Residents read 'weit ungünstiger', not '1,98 Indexwert (z)'; no 'Kein Indikator liegt …'."""
    from sozialraum.konferenz.slides import empty_list_text, index_in_words
    from sozialraum.settings import DEFAULT_DATA_DIR

    assert [index_in_words(z) for z in (-2.0, -0.5, -0.49, 0.0, 0.49, 0.5, 1.49, 1.5)] == [
        "weit günstiger", "günstiger", "etwa durchschnittlich", "etwa durchschnittlich",
        "etwa durchschnittlich", "ungünstiger", "ungünstiger", "weit ungünstiger",
    ]  # fmt: skip
    gera = gera_indexed
    text = (DEFAULT_DATA_DIR / "konferenzen" / "bieblach-ost-2026.toml").read_text(encoding="utf-8")
    overview = build_slide(gera, parse_agenda(text, "k.toml", Known.from_bundle(gera)).agenda, 0)
    index_tile = next(t for t in overview.data["tiles"] if t["label"] == "Statusindex")
    assert index_tile["wert"] == "weit ungünstiger"
    assert index_tile["hinweis"] == "als der Durchschnitt der Gebiete (Indexwert 1,98; 0 = Durchschnitt)"
    assert not any("Indexwert (z)" in figure for figure in overview.figures)
    assert not overview.data["staerken"]
    assert overview.data["keine_staerken"] == (
        "Bei keiner Kennzahl steht Bieblach-Ost deutlich besser da als die Gebiete der Stadt im Durchschnitt."
    )
    assert empty_list_text("Lusan", better=False).startswith("Bei keiner Kennzahl steht Lusan deutlich schlechter")


def _label_texts(node) -> list[str]:
    """Texts of a drawn reportlab group: Strings and axis Labels (which keep theirs in `_text`)."""
    text = getattr(node, "text", None) or getattr(node, "_text", None)
    own = [str(text)] if isinstance(text, str) else []
    return own + [t for child in getattr(node, "contents", []) for t in _label_texts(child)]


def test_handout_chart_axis_labels_are_distinct_on_a_narrow_range() -> None:
    """A Statusindex between 1,42 and 1,55 once read "1,5 / 1,5 / 1,4" on the handout's y axis."""
    import pandas as pd
    from reportlab.graphics.charts.lineplots import LinePlot

    from sozialraum.konferenz.handout import trend_chart, value_ticks

    trend = pd.DataFrame({"gebiet_id": ["05"] * 4, "jahr": [2021, 2022, 2023, 2024], "wert": [1.42, 1.47, 1.51, 1.55]})
    drawing = trend_chart(trend, "05", "Statusindex", "Indexwert", 160, 110)
    plot = next(c for c in drawing.contents if isinstance(c, LinePlot))
    labels = [t for t in _label_texts(plot.draw()) if "," in t]  # the y labels (years have no comma)
    assert len(labels) >= 2
    assert len(set(labels)) == len(labels), labels
    assert labels == ["1,45", "1,50", "1,55"]
    assert value_ticks(0, 16) == ([0, 5, 10, 15], 0)
    assert value_ticks(-0.3, 0.2) == ([-0.2, 0.0, 0.2], 1)
