"""AppTest of the conference pages: editor, presentation (every slide), voting page, results."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sozialraum import auth
from sozialraum.konferenz.agenda import read_all
from sozialraum.konferenz.store import DB_DIR_ENV, DB_URL_ENV, Store
from sozialraum.konferenz.voting import VoteRules
from sozialraum.settings import DATA_DIR_ENV, DEFAULT_DATA_DIR
from tests.app.test_modes import as_user
from tests.app.test_pages import run_page
from tests.unit.conftest import write_folder

EDITOR = "pages/10_Konferenz_vorbereiten.py"
SHOW = "pages/11_Praesentation.py"
VOTE = "pages/12_Abstimmung.py"
RESULTS = "pages/13_Konferenz_Ergebnisse.py"
BIEBLACH = "bieblach-ost-2026"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test gets its own SQLite file (the store is cached per process: clear it)."""
    from components.konferenz import get_store

    monkeypatch.delenv(DB_URL_ENV, raising=False)
    monkeypatch.setenv(DB_DIR_ENV, str(tmp_path / "var"))
    get_store.clear()
    yield f"sqlite:///{tmp_path / 'var' / 'konferenz.sqlite'}"
    get_store.clear()


@pytest.fixture
def bundled(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(DATA_DIR_ENV, str(DEFAULT_DATA_DIR))
    return DEFAULT_DATA_DIR


@pytest.fixture(autouse=True)
def internal_view(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The conference pages write: they run in the internal view, for a logged-in moderator ("mo")."""
    secrets = tmp_path / "secrets.toml"
    auth.write_user("mo", "moderation-passwort", [auth.MODERATOR], secrets)
    monkeypatch.setenv(auth.MODE_ENV, "intern")
    monkeypatch.setenv(auth.SECRETS_ENV, str(secrets))
    return secrets


def as_moderator(page: str, **params: str) -> AppTest:
    return as_user(page, "mo", **params)


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [t.value for t in at.title] + [c.value for c in at.caption])


def test_every_slide_of_the_bundled_conference_runs(bundled: Path, db: str) -> None:
    agenda = read_all(bundled)[BIEBLACH].agenda
    for number in range(1, len(agenda.slides) + 1):
        at = as_moderator(SHOW, konferenz=BIEBLACH, folie=str(number))
        assert not at.exception, (number, at.exception)
        assert at.title, number
    assert Store(db).shown_slides(BIEBLACH) == list(range(1, len(agenda.slides) + 1))


def test_presentation_buttons_move_and_stay_in_range(bundled: Path, db: str) -> None:
    at = as_moderator(SHOW, konferenz=BIEBLACH, folie="99")
    assert at.query_params["folie"] == "9"
    at.button(key="folie_zurueck").click().run()
    assert at.query_params["folie"] == "8"
    assert at.title[0].value.startswith("Was macht Bieblach-Ost stark")
    at.button(key="folie_pgdn").click().run()
    assert at.query_params["folie"] == "9"
    at.button(key="folie_pgdn").click().run()  # the last slide stays
    assert at.query_params["folie"] == "9"


def test_a_press_counts_from_the_slide_in_the_url_not_from_the_page_drawn(bundled: Path, db: str) -> None:
    """A clicker pressed twice: the second press arrives before the page of the first one."""
    at = as_moderator(SHOW, konferenz=BIEBLACH, folie="3")
    at.query_params["folie"] = "4"  # the first press has moved on; this page still shows slide 3
    at.button(key="folie_pgdn").click().run()
    assert at.query_params["folie"] == "5"


def test_presentation_without_or_with_unknown_conference_lists_them(bundled: Path, db: str) -> None:
    at = as_moderator(SHOW, konferenz="gibtsnicht")
    assert not at.exception
    assert "gibt es im Datenordner nicht" in at.error[0].value


def test_capture_slide_stores_a_card(bundled: Path, db: str) -> None:
    at = as_moderator(SHOW, konferenz=BIEBLACH, folie="8")
    at.text_input[0].input("Spielplatz am Hang fehlt")
    at.selectbox[0].select("herausforderung")
    at.button[0].click().run()  # the form's submit button comes first
    assert not at.exception, at.exception
    cards = Store(db).cards(BIEBLACH)
    assert list(cards["text"]) == ["Spielplatz am Hang fehlt"] and list(cards["folie"]) == [8]


def test_voting_page_closed_open_and_ballot(bundled: Path, db: str) -> None:
    store = Store(db)
    at = run_page(VOTE, konferenz=BIEBLACH)
    assert not at.exception
    assert "noch nicht geöffnet" in at.info[0].value
    first = store.add_card(BIEBLACH, "idee", "Treffpunkt")
    store.add_card(BIEBLACH, "chance", "Kita-Räume")
    poll = store.open_poll(BIEBLACH, VoteRules(dots=3))
    at = run_page(VOTE, konferenz=BIEBLACH)
    assert not at.exception, at.exception
    assert len(at.radio) == 2 and not at.number_input
    assert [list(r.options) for r in at.radio] == [["0", "1", "2", "3"]] * 2  # nothing above the 3 dots
    at.radio[0].set_value(3).run()
    submit = next(b for b in at.button if b.label == "Stimme abgeben")
    submit.click().run()
    assert not at.exception, at.exception
    assert store.ballot_count(poll) == 1
    assert int(store.ranking(BIEBLACH).set_index("id").at[first, "punkte"]) == 3


def test_results_page_all_tabs(bundled: Path, db: str) -> None:
    store = Store(db)
    card = store.add_card(BIEBLACH, "staerke", "Gute Nachbarschaft")
    poll = store.open_poll(BIEBLACH, VoteRules(dots=2))
    store.submit_ballot(poll, "a", {card: 2})
    at = as_moderator(RESULTS, konferenz=BIEBLACH)
    assert not at.exception, at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Protokoll als PDF",
        "Protokoll als Markdown",
        "Karten als CSV",
        "Punkte als CSV",
        "Steckbrief-Handout als PDF",
    ]
    next(b for b in at.button if b.label == "Abstimmung 1 schließen").click().run()
    assert not store.latest_poll(BIEBLACH).offen
    area = next(t for t in at.text_area if t.label == "Handlungsschwerpunkte")
    assert area.value == "Gute Nachbarschaft"
    next(b for b in at.button if b.label == "Handlungsschwerpunkte speichern").click().run()
    assert store.priorities(BIEBLACH) == [(card, "Gute Nachbarschaft")]


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_a_second_vote_asks_first_and_keeps_the_first_result(bundled: Path, db: str) -> None:
    store = Store(db)
    card = store.add_card(BIEBLACH, "staerke", "Gute Nachbarschaft")
    first = store.open_poll(BIEBLACH, VoteRules(dots=2), frage="Was zuerst?")
    store.submit_ballot(first, "a", {card: 2})
    store.close_poll(first)
    at = as_moderator(RESULTS, konferenz=BIEBLACH)
    assert "Abstimmung öffnen" not in [b.label for b in at.button]  # no one-click replacement of the result
    button(at, "Weitere Abstimmung öffnen …").click().run()
    assert len(store.polls(BIEBLACH)) == 1  # asked, not opened
    assert "Ihre Ergebnisse bleiben erhalten" in at.warning[0].value
    button(at, "Ja, neue Abstimmung öffnen").click().run()
    assert not at.exception, at.exception
    second = store.latest_poll(BIEBLACH)
    assert second.id != first and second.offen and second.nummer == 2
    assert "Abstimmung 2 schließen" in [b.label for b in at.button]
    store.close_poll(second.id, min_open_s=0)  # the double-click guard: tests/unit/test_konferenz_store.py
    at = as_moderator(RESULTS, konferenz=BIEBLACH)
    table = next(d.value for d in at.dataframe if "Stimmzettel" in d.value.columns)
    assert table["Stimmzettel"].str.startswith(("1 Stimmzettel", "0 Stimmzettel")).all() and len(table) == 2
    area = next(t for t in at.text_area if t.label == "Handlungsschwerpunkte")
    assert area.value == "Gute Nachbarschaft"  # the empty second vote does not replace the result
    chosen = next(s for s in at.selectbox if s.label == "Ergebnis ansehen von")
    assert chosen.value == first
    button(at, "Abstimmung 1 wieder öffnen").click().run()
    assert store.poll(first).offen and not store.poll(second.id).offen


def test_editor_saves_a_new_conference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: str) -> None:
    folder = write_folder(tmp_path / "daten")
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    at = as_moderator(EDITOR)
    assert not at.exception, at.exception
    next(t for t in at.text_input if t.label == "Titel").input("Konferenz Nord").run()
    next(t for t in at.text_input if t.label == "Ort").input("Bürgerhaus").run()
    next(t for t in at.text_input if t.label == "Kennung (Dateiname)").input("nord-2027").run()
    assert not at.exception, at.exception
    next(b for b in at.button if b.label == "Konferenz speichern").click().run()
    assert not at.exception, at.exception
    result = read_all(folder)["nord-2027"]
    assert result.ok, result.problems
    assert result.agenda.titel == "Konferenz Nord" and [s.art for s in result.agenda.slides] == [
        "steckbrief",
        "erfassung",
        "abstimmung",
    ]
    at = as_moderator(SHOW, konferenz="nord-2027", folie="1")
    assert not at.exception, at.exception


def test_editor_kennung_follows_title_and_date_until_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: str
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(write_folder(tmp_path / "daten")))
    at = as_moderator(EDITOR)

    def kennung() -> str:
        return next(t for t in at.text_input if t.label == "Kennung (Dateiname)").value

    next(t for t in at.text_input if t.label == "Titel").input("Konferenz Nord").run()
    month = next(d for d in at.date_input if d.label == "Datum").value
    assert kennung() == f"konferenz-nord-{month:%Y-%m}"
    next(t for t in at.text_input if t.label == "Titel").input("Stadtteilforum Nord").run()
    assert kennung() == f"stadtteilforum-nord-{month:%Y-%m}"
    next(t for t in at.text_input if t.label == "Kennung (Dateiname)").input("forum").run()
    next(t for t in at.text_input if t.label == "Titel").input("Forum Nord").run()
    assert kennung() == "forum"  # typed by hand: stays


def test_public_view_refuses_the_moderator_pages_but_not_the_vote(
    bundled: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(auth.MODE_ENV)
    for page in (EDITOR, SHOW, RESULTS):
        at = run_page(page, konferenz=BIEBLACH)
        assert not at.exception, at.exception
        assert [t.value for t in at.title] == ["Kein Zugang"], page
    at = run_page(VOTE, konferenz=BIEBLACH)
    assert not at.exception and at.title[0].value == "Ihre Punkte"


def test_internal_view_without_login_asks_for_it(bundled: Path, db: str) -> None:
    at = run_page(SHOW, konferenz=BIEBLACH, folie="1")
    assert [t.value for t in at.title] == ["Anmeldung"]


NONE_YET = "Noch keine Konferenz vorbereitet."


@pytest.mark.parametrize(
    ("page", "title", "info"),
    [
        (EDITOR, "Konferenz vorbereiten", None),
        (SHOW, "Präsentation einer Sozialraumkonferenz", NONE_YET),
        (VOTE, "Abstimmung", "Zur Abstimmung kommen Sie während einer Sozialraumkonferenz"),
        (RESULTS, "Konferenz-Ergebnisse", NONE_YET),
    ],
)
def test_pages_run_on_a_folder_without_conferences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: str, page: str, title: str, info: str | None
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(write_folder(tmp_path / "klein")))
    at = as_moderator(page)
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == [title]
    assert [i.value[: len(info)] for i in at.info] == ([info] if info else [])


def test_voting_page_shows_no_ballot_while_closed(bundled: Path, db: str) -> None:
    store = Store(db)
    store.add_card(BIEBLACH, "idee", "Treffpunkt")
    poll = store.open_poll(BIEBLACH, VoteRules(dots=3))
    store.close_poll(poll, min_open_s=0)
    at = run_page(VOTE, konferenz=BIEBLACH)
    assert not at.exception, at.exception
    assert "Die Abstimmung ist geschlossen" in at.info[0].value
    assert not at.radio and not at.checkbox
    assert "Stimme abgeben" not in [b.label for b in at.button]
    assert store.ballot_count(poll) == 0


def test_ballot_sent_after_the_vote_closed_is_refused_and_not_stored(bundled: Path, db: str) -> None:
    """The form was on the phone while the vote was open; the moderator closes it before the phone sends."""
    store = Store(db)
    card = store.add_card(BIEBLACH, "idee", "Treffpunkt")
    poll = store.open_poll(BIEBLACH, VoteRules(dots=3))
    at = run_page(VOTE, konferenz=BIEBLACH)
    at.radio[0].set_value(2).run()
    store.close_poll(poll, min_open_s=0)
    next(b for b in at.button if b.label == "Stimme abgeben").click().run()
    assert not at.exception, at.exception
    assert "Die Abstimmung ist geschlossen" in at.info[0].value
    assert at.error[0].value.startswith("Ihre Punkte wurden nicht gezählt")  # not a bare "Danke!"
    assert not at.success and not at.radio
    assert store.ballot_count(poll) == 0
    assert int(store.ranking(BIEBLACH, poll).set_index("id").at[card, "punkte"]) == 0


def test_results_page_compares_conferences_side_by_side(bundled: Path, db: str) -> None:
    store = Store(db)
    for text in ("Spielplatz fehlt", "Wenig Ärzte"):
        store.add_card(BIEBLACH, "herausforderung", text)
    lusan = "lusan-zentrum-2026-03"
    best = store.add_card(lusan, "idee", "Seniorentreff im Erdgeschoss")
    store.add_card(lusan, "staerke", "Ruhige Lage")
    poll = store.open_poll(lusan, VoteRules(dots=2, stacking=False))
    store.submit_ballot(poll, "telefon", {best: 1})
    store.set_priorities(lusan, [(best, "Treffpunkt für Ältere schaffen")])
    at = as_moderator(RESULTS, konferenz=BIEBLACH)
    assert not at.exception, at.exception
    chosen = next(m for m in at.multiselect if m.label == "Konferenzen")
    assert chosen.value == [BIEBLACH, lusan]  # no other Bieblach-Ost conference: the past one comes in
    assert any(
        m.value.startswith("2 Konferenzen in 2 Sozialräumen vom 19.03.2026 bis 10.12.2026: Karten 2 → 2")
        and "„Seniorentreff im Erdgeschoss“ (19.03.2026)" in m.value
        for m in at.markdown
    )
    counts, ranking, priorities = (t.value for t in at.table)
    assert list(counts.columns) == ["Lusan-Zentrum, 19.03.2026", "Bieblach-Ost, 10.12.2026"]
    assert counts.loc["Herausforderung"].tolist() == [0, 2]
    assert ranking.iloc[0].tolist() == ["Seniorentreff im Erdgeschoss (1 Punkt)", "–"]
    assert priorities.iloc[0].tolist() == ["Treffpunkt für Ältere schaffen", "–"]
    chosen.set_value([BIEBLACH]).run()
    assert not at.table
    assert "mindestens zwei Konferenzen" in at.info[-1].value


@pytest.fixture
def public_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled data with `[oeffentlich] adresse` set."""
    import shutil

    folder = tmp_path / "daten"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    settings = folder / "einstellungen.toml"
    settings.write_text(settings.read_text("utf-8") + '\n[oeffentlich]\nadresse = "https://sozialraum.gera.de"\n')
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


def test_editor_warns_without_a_public_address(bundled: Path, db: str) -> None:
    at = as_moderator(EDITOR)
    assert not at.exception, at.exception
    assert any("[oeffentlich] adresse" in w.value and "fehlt" in w.value for w in at.warning)


def test_handout_points_to_the_public_address(public_folder: Path, db: str) -> None:
    at = as_moderator(EDITOR)
    assert not any("[oeffentlich] adresse" in w.value for w in at.warning)
    at = as_moderator(RESULTS, konferenz=BIEBLACH)
    assert not at.exception, at.exception
    assert "der QR-Code führt zu https://sozialraum.gera.de/Steckbrief?gebiet=" in texts(at)
    assert not any("[oeffentlich] adresse" in w.value for w in at.warning)


def test_results_page_shows_the_storage_only_to_administrators(bundled: Path, db: str, internal_view: Path) -> None:
    """Issue 18, item 12: the SQLite path is a detail for those who run the dashboard."""
    at = as_moderator(RESULTS, konferenz=BIEBLACH)
    assert not at.exception, at.exception
    assert "Speicher:" not in texts(at) and "sqlite" not in texts(at).lower()
    auth.write_user("ad", "verwaltung-passwort", [auth.ADMIN], internal_view)
    assert "Speicher:" in texts(as_user(RESULTS, "ad", konferenz=BIEBLACH))


def test_phones_voting_through_the_internal_instance_see_no_mode_badge(bundled: Path, db: str) -> None:
    """The vote page is for the room: "Interne Ansicht" on a resident's phone says the wrong thing."""
    Store(db).open_poll(BIEBLACH, VoteRules(dots=3))
    at = run_page(VOTE, konferenz=BIEBLACH)
    assert not at.exception, at.exception
    assert "Ihre Punkte" in [t.value for t in at.title]
    assert not [m.value for m in at.markdown if "Ansicht" in m.value]
