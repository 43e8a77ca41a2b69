"""Issue 18, item 5: the Steckbrief says how many strengths and challenges there are and which it lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from sozialraum import Bundle
from sozialraum.profile import BETTER, WORSE, profile_table
from sozialraum.sozialindex import INDEX_IDS
from tests.app.test_pages import bundled, run_page  # noqa: F401  (fixture)


def counts(bundle: Bundle, gebiet: str, jahr: int) -> tuple[int, int]:
    profile = profile_table(bundle, gebiet, jahr)
    rated = profile[~profile["indikator_id"].isin(INDEX_IDS)].dropna(subset=["z_gut"])
    return int((rated["bewertung"] == BETTER).sum()), int((rated["bewertung"] == WORSE).sum())


@pytest.mark.parametrize("gebiet", ["05", "01"])
def test_steckbrief_counts_all_strengths_and_challenges(
    bundled: Path,  # noqa: F811
    gera_bundle: Bundle,
    gebiet: str,
) -> None:
    at = run_page("pages/5_Steckbrief.py", gebiet=gebiet, jahr="2024")
    assert not at.exception, at.exception
    n_good, n_bad = counts(gera_bundle, gebiet, 2024)
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    intro_good = "Keine Stärken." if n_good == 0 else f"{n_good} Stärke" + ("n" if n_good > 1 else "")
    assert any(t.startswith(intro_good) for t in texts)
    caption = next(t for t in texts if t.startswith("Im Diagramm:"))
    assert caption.startswith(f"Im Diagramm: {n_good} Stärke") and f"und {n_bad} Herausforderung" in caption


def test_bieblach_ost_has_more_challenges_than_it_lists(bundled: Path, gera_bundle: Bundle) -> None:  # noqa: F811
    """The case of the issue: far more than three indicators lie beyond half a standard deviation."""
    _, n_bad = counts(gera_bundle, "05", 2024)
    assert n_bad > 3
    at = run_page("pages/5_Steckbrief.py", gebiet="05", jahr="2024")
    assert f"{n_bad} Herausforderungen, die 3 größten:" in [m.value for m in at.markdown]
