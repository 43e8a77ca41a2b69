"""Property: in random small data folders with random small counts, no withheld number reaches what the
public sees (profile, map table and payload, downloads), in any formatting, as a rank or as a class; and
no published sum leaves exactly one withheld part, so none can be worked out by subtraction."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sozialraum.export import csv_with_metadata
from sozialraum.fastmap import view_payload
from sozialraum.formatting import format_number
from sozialraum.loader import load_bundle
from sozialraum.mapview import MapOptions, map_view, view_table
from sozialraum.profile import display_table, profile_table, strengths_and_challenges

from .conftest import FIELDS, GOALS, square, write_folder

MIN_CASES, MIN_POPULATION = 3, 300
SETTINGS = f"""[stadt]
name = "Zufallsstadt"
[anzeige]
standard_indikator = "quote"
[geheimhaltung]
min_fallzahl = {MIN_CASES}
min_einwohner = {MIN_POPULATION}
"""
CATALOGUE = (
    "indikator_id;name;kurzname;einheit;thema;polaritaet;definition;quelle;datenstand;"
    "dezimalstellen;handlungsfeld_id;min_fallzahl;aggregation;faktor\n"
    "quote;Quote;Quote;%;Lage;hoeher_schlechter;Anteil;Amt;31.12.2024;1;;;quote;100\n"
    "faelle;Fälle;Fälle;Personen;Lage;hoeher_schlechter;Anzahl;Amt;31.12.2024;0;;;summe;\n"
)
YEARS = (2023, 2024)


@st.composite
def folders(draw: st.DrawFn) -> dict:
    """Bezirke (1–3) with 0–3 parts each; per area a population and per year small counts."""
    areas = []
    for b in range(draw(st.integers(1, 3))):
        areas.append((f"B{b}", "Bezirk", ""))
        areas += [(f"B{b}T{t}", "Teil", f"B{b}") for t in range(draw(st.integers(0, 3)))]
    population = {g: draw(st.integers(0, 2500)) for g, _, _ in areas}
    values = {}
    for g, _, _ in areas:
        for year in YEARS:
            cases = draw(st.integers(0, 40))
            base = draw(st.integers(max(cases, 1), 400))
            values[(g, year)] = (cases, base, draw(st.integers(0, 60)))
    return {"areas": areas, "population": population, "values": values}


def _write(spec: dict, folder: Path) -> Path:
    features = [
        {
            "type": "Feature",
            "properties": {
                "gebiet_id": g,
                "name": g,
                "ebene": level,
                "uebergeordnet": parent or None,
                "einwohner": spec["population"][g],
            },
            "geometry": square(12 + i * 0.01, 50),
        }
        for i, (g, level, parent) in enumerate(spec["areas"])
    ]
    lines = ["gebiet_id;indikator_id;jahr;wert;fallzahl;zaehler;nenner;anmerkung"]
    for (g, year), (cases, base, count) in spec["values"].items():
        rate = str(round(cases / base * 100, 4)).replace(".", ",")
        lines.append(f"{g};quote;{year};{rate};{cases};{cases};{base};")
        lines.append(f"{g};faelle;{year};{count};{count};;;")
    return write_folder(
        folder,
        einstellungen_toml=SETTINGS,
        gebiete_geojson={"type": "FeatureCollection", "features": features},
        indikatoren_csv=CATALOGUE,
        werte_csv="\n".join(lines) + "\n",
        handlungsfelder_csv=FIELDS,
        ziele_csv=GOALS,
        massnahmen_csv=None,
        massnahmen_verlauf_csv=None,
    )


def _formats(value: float, decimals: int) -> set[str]:
    """A number as people or programs may read it: German and English decimals, rounded, whole."""
    out = {format_number(value, decimals), f"{value:.{decimals}f}", format_number(value, 0), f"{value:.0f}"}
    if float(value).is_integer():
        out.add(str(int(value)))
    out |= {format_number(value, d) for d in range(decimals + 1, 5)} | {repr(float(value))}
    return {t for t in out if t not in ("-", "–")}


def _outputs(bundle) -> tuple[list[str], list[tuple[str, str, int, pd.Series]], list[tuple[int, str, dict]]]:
    """Texts of everything public produced from the bundle (tables as `;` CSV with decimal comma, the
    map's tooltip texts), the map rows per (area, indicator, year), and the map payloads."""
    texts: list[str] = []
    rows: list[tuple[str, str, int, pd.Series]] = []
    payloads: list[tuple[int, str, dict]] = []
    for level in bundle.level_names:
        local = bundle.at_level(level)
        texts.append(local.areas.drop(columns="geometry").to_csv(sep=";", decimal=","))
        for gebiet in local.areas["gebiet_id"]:
            profile = profile_table(local, gebiet, YEARS[-1])
            if not profile.empty:
                texts.append(display_table(profile).to_csv(sep=";"))
                texts += [" ".join(part) for part in strengths_and_challenges(profile, gebiet)]
        for indikator in bundle.catalogue.index:
            meta = bundle.catalogue.loc[indikator]
            for year in YEARS:
                options = MapOptions("vergleich" if year == YEARS[-1] else "werte", year, k=3)
                view = map_view(local, indikator, options)
                payload = view_payload(view, meta)
                payloads.append((year, str(indikator), payload))
                texts.append(json.dumps([payload["werte"], payload["hinweise"]], ensure_ascii=False))
                columns = [c for c in ("gebiet_id", "name", "wert", "differenz", "rang", "stadt") if c in view.table]
                download = view_table(local, indikator, options, columns)
                texts.append(csv_with_metadata(download, {}).decode("utf-8-sig"))
                rows += [(str(r["gebiet_id"]), str(indikator), year, r) for _, r in view.table.iterrows()]
    return texts, rows, payloads


def _published_numbers(bundle) -> set[float]:
    numbers: set[float] = set()
    for _, values in bundle.levels.values() or [(None, bundle.values)]:
        for column in ("wert", "fallzahl", "zaehler", "nenner"):
            numbers |= set(pd.to_numeric(values[column], errors="coerce").dropna().astype(float))
    numbers |= set(bundle.city["wert"].dropna().astype(float))
    frames = [a for a, _ in bundle.levels.values()] or [bundle.areas]
    for areas in frames:
        numbers |= set(pd.to_numeric(areas["einwohner"], errors="coerce").dropna().astype(float))
    return numbers


def _secrets(spec: dict, bundle) -> dict[str, set[float]]:
    """Withheld numbers by where they came from, from the generated data and the loader's flags."""
    every = pd.concat([v for _, v in bundle.levels.values()] or [bundle.values], ignore_index=True)
    withheld = every[every["gesperrt"]]
    secret: dict[str, set[float]] = {}
    for g, indikator, year in zip(withheld["gebiet_id"], withheld["indikator_id"], withheld["jahr"], strict=True):
        cases, base, count = spec["values"][(g, int(year))]
        numbers = {cases / base * 100, cases, base} if indikator == "quote" else {count}
        secret.setdefault(f"{g} {indikator} {year}", set()).update(float(n) for n in numbers)
    frames = [a for a, _ in bundle.levels.values()] or [bundle.areas]
    for areas in frames:
        for g in areas.loc[areas["einwohner_gesperrt"], "gebiet_id"]:
            secret.setdefault(f"{g} einwohner", set()).add(float(spec["population"][g]))
    for g, population in spec["population"].items():  # the rule itself, whatever the loader flagged
        if population < MIN_POPULATION:
            secret.setdefault(f"{g} einwohner", set()).add(float(population))
    return secret


def _appears(text: str, token: str) -> str:
    """The surroundings of `token` as a whole number in `text` ("" when absent)."""
    found = re.search(rf"(?<![\d,.]){re.escape(token)}(?![\d]|,\d)", text)
    return text[max(found.start() - 60, 0) : found.end() + 60] if found else ""


# few examples and no shrinking keep it within CI time; a failure still prints the folder it drew
@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow],
)
@given(folders())
def test_no_withheld_number_reaches_a_public_output(spec: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bundle = load_bundle(_write(spec, Path(tmp) / "daten"))
    assert bundle.report.errors == [], bundle.report.as_text()
    every = pd.concat([v for _, v in bundle.levels.values()] or [bundle.values], ignore_index=True)
    # the rules themselves: every small cell and every area below the minimum is withheld
    for (g, year), (cases, _, _) in spec["values"].items():
        row = every[(every["gebiet_id"] == g) & (every["jahr"] == year) & (every["indikator_id"] == "quote")]
        if cases < MIN_CASES or spec["population"][g] < MIN_POPULATION:
            assert bool(row["gesperrt"].iloc[0]), (g, year, cases)
    texts, rows, payloads = _outputs(bundle)
    # a withheld cell has no value, no rank and no class in the map view
    locked = set(
        zip(
            every.loc[every["gesperrt"], "gebiet_id"],
            every.loc[every["gesperrt"], "indikator_id"],
            every.loc[every["gesperrt"], "jahr"].astype(int),
            strict=True,
        )
    )
    for gebiet, indikator, year, row in rows:
        if (gebiet, indikator, year) in locked:
            assert pd.isna(row["wert"]) and ("rang" not in row or pd.isna(row["rang"])), (gebiet, indikator, year)
    for year, indikator, payload in payloads:  # no tooltip value and no class colour on the map
        hidden = {g for g, i, y in locked if i == indikator and y == year}
        assert not hidden & (set(payload["werte"]) | set(payload["farben"])), (indikator, year, hidden)
    # and its number appears nowhere, unless a published number is written the same way
    published = {t for n in _published_numbers(bundle) for d in (0, 1) for t in _formats(n, d)}
    published |= {str(i) for i in range(0, 25)}  # ranks and numbers of areas: too common to test
    published |= {str(y) for y in every["jahr"].astype(int)}  # a population of 2024 reads like the year
    shown = [r[c] for g, i, y, r in rows if (g, i, y) not in locked for c in ("wert", "differenz", "stadt") if c in r]
    published |= {t for n in shown if pd.notna(n) for t in _formats(abs(float(n)), 1)}  # published cells' own numbers
    text = "\n".join(texts)
    for where, numbers in _secrets(spec, bundle).items():
        for number in numbers:
            for token in _formats(number, 1) - published:
                context = _appears(text, token)
                assert not context, (where, number, token, context)
    _no_sum_reveals_one_part(bundle, spec)


def _no_sum_reveals_one_part(bundle, spec: dict) -> None:
    """A published total with exactly one unpublished part would give that part away (counts and the area
    file's population; judged by what is published, not by the loader's flags)."""
    frames = [a for a, _ in bundle.levels.values()] or [bundle.areas]
    areas = pd.concat(frames, ignore_index=True)
    parent_of = dict(zip(areas["gebiet_id"], areas["uebergeordnet"].fillna(""), strict=True))
    every = pd.concat([v for _, v in bundle.levels.values()] or [bundle.values], ignore_index=True)
    counts = every[every["indikator_id"] == "faelle"].assign(hidden=lambda f: f["wert"].isna())
    for year, group in counts.groupby("jahr"):
        city = bundle.city
        if not city[(city["indikator_id"] == "faelle") & (city["jahr"] == year)].empty:
            assert int(group.loc[group["gebiet_id"].map(parent_of).eq(""), "hidden"].sum()) != 1, ("Stadt", year)
        _parts_check(group.set_index("gebiet_id")["hidden"], parent_of, f"faelle {year}")
    population = areas.set_index("gebiet_id")["einwohner"].isna()
    assert all(population[g] for g, p in spec["population"].items() if p < MIN_POPULATION), "einwohner < Minimum"
    _parts_check(population, parent_of, "einwohner")
    top = population[[g for g in population.index if not parent_of[g]]]
    assert int(top.sum()) != 1 or len(top) == 1, "einwohner Gesamtstadt"


def _parts_check(hidden: pd.Series, parent_of: dict[str, str], label: str) -> None:
    parts: dict[str, list[bool]] = {}
    for gebiet, flag in hidden.items():
        if parent_of.get(str(gebiet)):
            parts.setdefault(parent_of[str(gebiet)], []).append(bool(flag))
    for parent, flags in parts.items():
        if parent in hidden.index and not hidden[parent]:
            assert sum(flags) != 1, (label, parent)
