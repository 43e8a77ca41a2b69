"""The process-wide slide stores of the conference pages: keyed by data folder and data state, never by
an object's id, and bounded (components/konferenz.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from components import konferenz
from sozialraum import load_bundle
from tests.unit.conftest import write_folder


@dataclass(frozen=True)
class FakeAgenda:
    id: str
    slides: tuple = ()


def test_keys_follow_the_data_state_not_the_object(tmp_path: Path) -> None:
    bundle = replace(load_bundle(write_folder(tmp_path / "klein")), stamp=(("werte.csv", 1, 1),))
    agenda = FakeAgenda("k1")
    same_state = replace(bundle)  # another object (another session's view) of the same data state
    assert same_state is not bundle
    assert konferenz._content_key(same_state, agenda, 0) == konferenz._content_key(bundle, agenda, 0)
    changed = replace(bundle, stamp=(("werte.csv", 2, 2),))  # a file changed: new contents
    assert konferenz._content_key(changed, agenda, 0) != konferenz._content_key(bundle, agenda, 0)


def test_the_warming_store_keeps_only_its_newest_agendas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []

    class NoThread:
        def __init__(self, target: object, name: str, daemon: bool) -> None:
            self.name = name

        def start(self) -> None:
            started.append(self.name)

    monkeypatch.setattr(konferenz.threading, "Thread", NoThread)
    monkeypatch.setattr(konferenz, "_WARMING", type(konferenz._WARMING)())
    bundle = load_bundle(write_folder(tmp_path / "klein"))
    for n in range(konferenz.MAX_WARMING + 10):
        konferenz.prepare_all_slides(bundle, FakeAgenda(f"k{n}"))
    konferenz.prepare_all_slides(bundle, FakeAgenda(f"k{konferenz.MAX_WARMING + 9}"))  # already warming
    assert len(started) == konferenz.MAX_WARMING + 10
    assert len(konferenz._WARMING) == konferenz.MAX_WARMING
    assert next(iter(konferenz._WARMING))[2] == repr(FakeAgenda("k10"))  # the oldest ten are gone
