"""AppTest: the projection continues the Entwicklung lines dashed (Gera example data)."""

from __future__ import annotations

from pathlib import Path

from tests.app.test_pages import bundled, run_page  # noqa: F401 - fixtures

PAGE = "pages/2_Entwicklung.py"


def _projection_traces(at) -> list[dict]:
    import json

    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    return [t for t in figure["data"] if t.get("name", "").endswith(": Prognose")]


def test_inhabitants_continue_dashed_with_prognose_caption_and_table(bundled: Path) -> None:  # noqa: F811
    at = run_page(PAGE, indikator="einwohner", gebiete="01,05")
    assert not at.exception, at.exception
    traces = _projection_traces(at)
    assert {t["name"] for t in traces} == {"Stadtmitte: Prognose", "Bieblach-Ost: Prognose"}
    assert all(t["line"]["dash"] == "dash" and t["x"][0] == 2024 and t["x"][-1] == 2040 for t in traces)
    import json

    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    assert layout["xaxis"]["dtick"] == 5 and layout["xaxis"]["tickangle"] == 0  # 2015–2040: six labels, upright
    caption = " ".join(c.value for c in at.caption)
    assert "Gestrichelt ab 2024: **Prognose** bis 2040 (Szenario „Trend“, Basisjahre 2019–2024" in caption
    assert any(e.label.startswith("Prognose als Tabelle") for e in at.expander)


def test_share_of_80_plus_is_projected_as_a_share_and_other_indicators_are_not(bundled: Path) -> None:  # noqa: F811
    at = run_page(PAGE, indikator="anteil_80plus", gebiete="01")
    assert not at.exception, at.exception
    import json

    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    observed = {t["name"]: t["y"] for t in figure["data"] if not t.get("name", "").endswith(": Prognose")}
    traces = {t["name"].removesuffix(": Prognose"): t["y"] for t in _projection_traces(at)}
    assert set(traces) == set(observed) == {"Stadtmitte", "Gera gesamt"}
    for name, values in traces.items():  # the launch year joins the observed line: a share in %, not a count
        assert abs(values[0] - observed[name][-1]) < 0.06, name
    at = run_page(PAGE, indikator="sgb2_quote", gebiete="01")
    assert not at.exception, at.exception
    assert _projection_traces(at) == []
    assert not any("Prognose" in c.value for c in at.caption)
