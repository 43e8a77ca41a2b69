"""Property, end to end: in random small data folders whose withheld cells are known in advance (drawn
counts below the minimum, areas below the minimum population), no withheld number appears on a page as
the public sees it (Steckbrief, Karte with its table, Entwicklung, Vergleich – run with AppTest), in the
Steckbrief handout PDF (text extracted), on the conference slides (their text and data) or in the
Sozialbericht (PDF text, web pages and data downloads)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from google.protobuf.json_format import MessageToDict
from hypothesis import HealthCheck, Phase, given, settings
from streamlit.testing.v1 import AppTest

from sozialraum.bericht.build import build_report
from sozialraum.konferenz.agenda import Agenda, Slide
from sozialraum.konferenz.handout import handout_pdf
from sozialraum.konferenz.slides import build_slide
from sozialraum.loader import load_bundle
from sozialraum.mapview import MapOptions, map_view
from sozialraum.settings import DATA_DIR_ENV
from tests.app.test_pages import run_page
from tests.unit.test_withheld_property import (
    MIN_POPULATION,
    YEARS,
    _formats,
    _secrets,
    _write,
    folders,
)

DATA_KEYS = ("x", "y", "z", "text", "customdata", "hovertext", "hovertemplate", "texttemplate", "name")
# numbers in the pages' own texts: index base 100, rates per 1,000, the minimum population (settings)
FIXED = (100.0, 1000.0, float(MIN_POPULATION))
LAYOUT_KEYS = ("height", "width", "bounds", "zoom", "min_zoom", "max_zoom")
BINARY = ("arrowData", "data", "styler")  # arrow bytes: base64 noise, read as displayed values instead


def _without_layout(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_layout(v) for k, v in value.items() if k not in LAYOUT_KEYS}
    return [_without_layout(v) for v in value] if isinstance(value, list) else value


def _element_texts(at: AppTest) -> list[str]:
    """Every element of the run as text: its proto as JSON without binary fields, and each table's cells
    as the browser shows them (the Styler's display values) and as numbers."""
    texts = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            walk(child)
        proto = getattr(node, "proto", None)
        if proto is None or getattr(node, "children", None):
            return
        if node.type in ("arrow_data_frame", "dataframe"):
            styler = proto.arrow_data.styler
            if styler.display_values:
                texts.append(pa.ipc.open_stream(styler.display_values).read_all().to_pandas().to_csv(sep=";"))
            texts.append(node.value.to_csv(sep=";", decimal=","))
            return
        as_dict = MessageToDict(proto)
        for key in BINARY:
            as_dict.pop(key, None)
        if node.type == "plotly_chart":  # what a chart shows: its traces' data and texts, titles, annotations
            figure = json.loads(as_dict.pop("spec", "{}"))
            layout = figure.get("layout", {})
            as_dict["spec"] = [
                [{k: trace.get(k) for k in DATA_KEYS} for trace in figure.get("data", [])],
                [note.get("text") for note in layout.get("annotations", [])],
                layout.get("title"),
                {k: v.get("title") for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))},
            ]
        if node.type == "bidi_component":  # the map: its data, not its code, size and extent
            as_dict = _without_layout(json.loads(as_dict.get("json", "{}")))
        texts.append(json.dumps(as_dict, ensure_ascii=False))

    walk(at._tree)
    return texts


def _pages(folder: Path, area: str, levels: list[str]) -> list[str]:
    texts: list[str] = []
    year = str(YEARS[-1])
    runs = [("pages/5_Steckbrief.py", {"gebiet": area, "jahr": year})]
    for level in levels:
        for indikator in ("quote", "faelle"):
            runs.append(("pages/1_Karte.py", {"indikator": indikator, "jahr": year, "ebene": level}))
        runs.append(("pages/8_Vergleich.py", {"indikator": "quote", "jahr": year, "ebene": level}))
    runs.append(("pages/2_Entwicklung.py", {"indikator": "quote", "gebiete": area}))
    runs.append(("pages/2_Entwicklung.py", {"indikator": "faelle", "trend": "Alle Gebiete"}))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(folder))
        for page, params in runs:
            at = run_page(page, **params)
            assert not at.exception, (page, params, at.exception)
            texts += _element_texts(at)
    return texts


def _pdf_text(data: bytes) -> str:
    """The handout's text; lines with nothing but one number are the trend chart's axis labels (round steps
    of the published range, e.g. 5,0 / 7,5 / 10,0), dropped: the values themselves stand in its tables."""
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    lines = done.stdout.decode().splitlines()
    return "\n".join(line for line in lines if not re.fullmatch(r"\s*[−-]?[\d.,]+\s*%?\s*", line))


def _report(folder: Path, out: Path) -> list[str]:
    """The Sozialbericht as the public gets it: the PDF's text, the web edition's pages and its data
    downloads (the map scripts hold geometry and the published colours, read through the pages' tables)."""
    result = build_report(folder, out)
    texts = [_pdf_text(result.pdf.read_bytes())]
    for page in sorted(result.web.rglob("*")):
        if page.suffix == ".csv":
            texts.append(page.read_text("utf-8"))
        elif page.suffix == ".html":
            texts.append(_html_text(page.read_text("utf-8")))
    return texts


def _html_text(markup: str) -> str:
    """What a reader of a web page gets: its text and its labels; not the drawing coordinates of its charts
    and maps, nor the charts' value-axis labels (right-aligned round steps, not data)."""
    markup = re.sub(r"<style.*?</style>|<script.*?</script>", "", markup, flags=re.S)
    markup = re.sub(r'<text[^>]*text-anchor="end"[^>]*>[−\d.,\s%-]*</text>', "", markup)
    labels = re.findall(r'(?:aria-label|title|alt)="([^"]*)"', markup)
    return "\n".join([re.sub(r"<[^>]+>", " ", markup), *labels])


def _slides(bundle, area: str) -> list[str]:
    slides = (
        Slide("steckbrief"),
        Slide("karte", {"indikator": "quote"}),
        Slide("karte", {"indikator": "faelle"}),
        Slide("entwicklung", {"indikator": "quote"}),
        Slide("vergleich", {"indikator": "quote"}),
    )
    agenda = Agenda("k", "Konferenz", date(2026, 1, 1), "Rathaus", area, slides)
    texts = []
    for index in range(len(slides)):
        content = build_slide(bundle, agenda, index, today=date(2026, 1, 1))
        texts.append(json.dumps([content.heading, content.figures, content.data], ensure_ascii=False, default=str))
    return texts


def _published(bundle) -> set[float]:
    """Numbers of the cells and areas the flags publish (judged by the flags, not by which values the loader
    blanked: a blanking that failed must not make a secret count as published), the city values, and what
    the pages compute from them: differences to the city and changes between years."""
    numbers = set(bundle.city["wert"].dropna().astype(float))
    for areas in [a for a, _ in bundle.levels.values()] or [bundle.areas]:
        shown = areas.loc[~areas["einwohner_gesperrt"].astype(bool), "einwohner"]
        numbers |= set(pd.to_numeric(shown, errors="coerce").dropna().astype(float))
    for _, values in bundle.levels.values() or [(None, bundle.values)]:
        values = values[~values["gesperrt"].astype(bool)]
        for column in ("wert", "fallzahl", "zaehler", "nenner"):
            numbers |= set(pd.to_numeric(values[column], errors="coerce").dropna().astype(float))
        for indikator, rows in values.groupby("indikator_id"):
            wide = rows.pivot_table(index="gebiet_id", columns="jahr", values="wert", aggfunc="first")
            city = bundle.city[bundle.city["indikator_id"] == indikator].set_index("jahr")["wert"]
            for year in wide.columns:
                if year in city.index:
                    numbers |= set((wide[year] - city[year]).abs().dropna())
            if len(wide.columns) > 1:
                numbers |= set((wide[wide.columns[-1]] - wide[wide.columns[0]]).abs().dropna())
    for _, city in bundle.city.groupby("indikator_id"):  # the city's change between any two years
        series = city["wert"].dropna().astype(float).tolist()
        numbers |= {abs(a - b) for a in series for b in series}
    return numbers | _class_bounds(bundle)


def _class_bounds(bundle) -> set[float]:
    """The Karte legend's class limits: quantiles interpolated between published values, which can match a
    secret by chance (a limit 19,87 beside a withheld 19,88) without telling anything about it."""
    bounds: set[float] = set()
    for level in bundle.level_names:
        shown = bundle.at_level(level)
        for indikator in ("quote", "faelle"):
            view = map_view(shown, indikator, MapOptions(mode="werte", year=YEARS[-1]))
            if view.classes is None:
                continue
            values = view.table["wert"].dropna().to_numpy()
            # only limits between values: a limit that is a value itself (the lowest, the highest) stays checked
            bounds |= {float(b) for b in view.classes.bounds if not (abs(values - b) < 1e-9).any()}
    return bounds


def _appears(text: str, token: str) -> str:
    """`token` as a number of its own in `text`: not part of a longer number, an id (B0T1), a colour
    (#45a), a CSS length or angle (45deg, 2px) – those are markup, not data."""
    found = re.search(rf"(?<![\d,.#A-Za-z]){re.escape(token)}(?![\dA-Za-z]|[,.]\d)", text)
    return text[max(found.start() - 60, 0) : found.end() + 60] if found else ""


@settings(
    max_examples=5,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",  # CI: the same examples every run; locally: new ones each time
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(folders())
def test_no_withheld_number_reaches_a_page_a_pdf_a_slide_or_the_report(spec: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = _write(spec, Path(tmp) / "daten")
        bundle = load_bundle(folder)
        secrets = _secrets(spec, bundle)
        # the area the secrets are about, else any: its Steckbrief, handout and conference
        area = next((k.split()[0] for k in secrets), spec["areas"][0][0])
        texts = _pages(folder, area, bundle.level_names)
        level_bundle = bundle.at_level(bundle.level_of(area))
        texts.append(_pdf_text(handout_pdf(level_bundle, area, YEARS[-1], "https://example.org/")))
        texts += _slides(bundle, area)
        texts += _report(folder, Path(tmp) / "bericht")
    published = {t for n in _published(bundle) for d in (0, 1) for t in _formats(n, d)}
    published |= {str(i) for i in range(0, 25)} | {str(y) for y in range(2000, 2031)}  # ranks, counts, years
    published |= {t for n in FIXED for t in _formats(n, 0)}
    # the pages' own style sheets and scripts are no data (contrast ratios, sizes)
    text = re.sub(r"<style.*?</style>|<script.*?</script>", "", "\n".join(texts), flags=re.S)
    text = re.sub(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b", "", text)  # dates (Datenstand 31.12.2024)
    # the licence's name ("… Version 2.0") is no data, also where the PDF wraps it over two lines
    text = re.sub(r"\s+".join(map(re.escape, bundle.settings.lizenz_name.split())), "", text)
    assert "Einwohner" in text and len(text) > 5000  # the pages really ran and were read
    for where, numbers in secrets.items():
        for number in numbers:
            if float(number).is_integer() and number < 25:
                continue  # small counts read like ranks and numbers of areas; the unit property checks them
            for token in _formats(number, 1) - published:
                context = _appears(text, token)
                assert not context, (where, number, token, context)
