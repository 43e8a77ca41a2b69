"""Charts of the comparisons between areas (pure, no streamlit): ranking, side by side, scatter and the overview
matrix. Texts, hover labels and number separators in the language of the `Translator` (German when none is
given); the trend charts and the shared layout are in `compare_figures`."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol
from plotly.subplots import make_subplots

from .compare_areas import MATRIX_CLASSES, MISSING, SYMBOLS, matrix_label
from .compare_base import city_comparable
from .compare_text import format_r
from .figures import CITY_COLOUR, SERIES_COLOURS
from .formatting import NBSP, format_number, format_value, with_unit
from .i18n import N_, Translator, _babel_locale
from .schemas import CITY_ID

LAYOUT = dict(
    template="plotly_white",
    font=dict(family="sans-serif", size=14, color="#1a1a1a"),
    margin=dict(l=10, r=10, t=60, b=10),
    legend=dict(orientation="h", yanchor="top", y=-0.15),
    hoverlabel=dict(font_size=14),
)
HIGHLIGHT, OTHER = "#D55E00", "#8DA9C4"
MATRIX_COLOURS = {
    "günstiger": "#67A9CF",
    "ähnlich": "#F7F4B6",
    "ungünstiger": "#EF8A62",
    "nicht bewertet": "#FFFFFF",
    "keine Angabe": "#D9D9D9",
}
MARK = "▶ "  # marks highlighted areas in labels (not colour alone)
# the matrix classes as shown (the German words are the data's values, see compare_areas)
CLASS_WORDS = {
    "günstiger": N_("günstiger"),
    "ähnlich": N_("ähnlich"),
    "ungünstiger": N_("ungünstiger"),
    "nicht bewertet": N_("nicht bewertet"),
    "keine Angabe": N_("keine Angabe"),
}


def _layout(t: Translator) -> dict:
    """The shared chart layout with the number separators of the language ('1.234,5', '1,234.5')."""
    return {**LAYOUT, "separators": separators(t)}


def separators(t: Translator) -> str:
    """Plotly's `separators` (decimal sign, then grouping sign) for the translator's language."""
    if t.language.locale.startswith("de"):
        return ",."
    locale = _babel_locale(t.language.locale)
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def _value(t: Translator, amount: float, unit: str, decimals: int) -> str:
    german = t.language.locale.startswith("de")
    return format_value(amount, unit, decimals) if german else t.value(amount, unit, decimals)


def _number(t: Translator, amount: float, decimals: int) -> str:
    return format_number(amount, decimals) if t.language.locale.startswith("de") else t.decimal(amount, decimals)


def _hover_number(decimals: int) -> str:
    return f",.{decimals}f"


def class_word(t: Translator, klasse: str) -> str:
    """A matrix class ('günstiger', …) in the language of `t`."""
    return t(CLASS_WORDS.get(klasse, klasse))


def class_symbol(t: Translator, klasse: str) -> str:
    """The symbol of a matrix class; the one of a missing value ('k. A.') is a word, so it is translated."""
    return t("k. A.") if klasse == MISSING else SYMBOLS[klasse]


def ranking_figure(
    ranked: pd.DataFrame,
    reference: float | None,
    title: str,
    unit: str,
    decimals: int,
    city_name: str,
    max_labelled: int = 60,
    t: Translator | None = None,
) -> go.Figure:
    """All areas sorted (best first), the chosen ones highlighted (colour and ▶ mark), the city as a line.

    Up to ``max_labelled`` areas as labelled horizontal bars; more (e.g. Berlin's 542) as a compact
    column chart where only the chosen areas are named.
    """
    t = t or Translator("de")
    present = ranked.dropna(subset=["wert"])
    colours = [HIGHLIGHT if h else OTHER for h in present["hervorgehoben"]]
    labels = [f"{MARK}{n}" if h else str(n) for n, h in zip(present["name"], present["hervorgehoben"], strict=True)]
    ranks = [f"{int(r)}" if pd.notna(r) else "–" for r in present["rang"]]
    custom = np.column_stack([labels, [_value(t, v, unit, decimals) for v in present["wert"]], ranks])
    rank = html.escape(t("Rang"))
    hover = f"%{{customdata[0]}}: %{{customdata[1]}} · {rank}{NBSP}%{{customdata[2]}}<extra></extra>"
    horizontal = len(present) <= max_labelled
    fig = go.Figure()
    if horizontal:
        fig.add_trace(
            go.Bar(
                x=present["wert"].astype(float),
                y=labels,
                orientation="h",
                marker=dict(color=colours),
                customdata=custom,
                hovertemplate=hover,
            )
        )
        if reference is not None:
            fig.add_vline(
                x=reference,
                line=dict(color=CITY_COLOUR, dash="dash", width=2),
                annotation_text=f"{city_name}: {_value(t, reference, unit, decimals)}",
                annotation_position="top",
            )
        fig.update_layout(
            yaxis=dict(autorange="reversed", automargin=True),
            xaxis_title=unit,
            height=max(320, 24 * len(present) + 130),
        )
    else:
        positions = list(range(1, len(present) + 1))
        fig.add_trace(
            go.Bar(
                x=positions,
                y=present["wert"].astype(float),
                marker=dict(color=colours, line=dict(width=0)),
                customdata=custom,
                hovertemplate=hover,
            )
        )
        for pos, label, chosen, value in zip(positions, labels, present["hervorgehoben"], present["wert"], strict=True):
            if chosen:
                fig.add_annotation(x=pos, y=value, text=html.escape(label), showarrow=True, arrowhead=0, ay=-30)
        if reference is not None:
            fig.add_hline(
                y=reference,
                line=dict(color=CITY_COLOUR, dash="dash", width=2),
                annotation_text=f"{city_name}: {_value(t, reference, unit, decimals)}",
                annotation_position="top right",
            )
        fig.update_layout(
            xaxis=dict(title=t("Rang (1 = günstigster Wert)"), showgrid=False),
            yaxis_title=unit,
            bargap=0,
            height=520,
        )
    fig.update_layout(title=title, showlegend=False, **{k: v for k, v in _layout(t).items() if k != "legend"})
    return fig


def side_by_side_figure(
    long: pd.DataFrame,
    catalogue: pd.DataFrame,
    names: Mapping[str, str],
    city_name: str,
    cols: int = 2,
    t: Translator | None = None,
) -> go.Figure:
    """One panel per indicator (own axis and unit): a bar per chosen area and a grey, hatched bar for the city,
    whose value is also drawn as a dashed line across the panel (not for counts, whose city value is a sum)."""
    t = t or Translator("de")
    indicators = list(dict.fromkeys(long["indikator_id"]))
    ids = [g for g in dict.fromkeys(long["gebiet_id"]) if g != CITY_ID] + [CITY_ID]
    comparable = {i: city_comparable(catalogue, i) for i in indicators}
    city_rows = long[(long["gebiet_id"] == CITY_ID) & long["indikator_id"].map(comparable)]
    if city_rows["wert"].isna().all():  # no comparable city value at all: no empty city row either
        ids = ids[:-1]
    cols = max(1, min(cols, len(indicators)))
    rows = max(1, -(-len(indicators) // cols))
    titles = []
    for indikator in indicators:
        meta = catalogue.loc[indikator]
        year = long.loc[long["indikator_id"] == indikator, "jahr"].iloc[0]
        titles.append(matrix_label(meta, year))
    row_height = 40 * len(ids) + 40
    gap = 110
    height = rows * row_height + (rows - 1) * gap + 120
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=titles,
        vertical_spacing=gap / height if rows > 1 else 0.0,
        horizontal_spacing=0.2,
    )
    labels = [names.get(g, g) for g in ids]
    n_areas = len(ids) - (ids[-1] == CITY_ID)
    colours = [SERIES_COLOURS[j % len(SERIES_COLOURS)] for j in range(n_areas)] + ["#9a9a9a"] * (len(ids) - n_areas)
    patterns = [""] * n_areas + ["/"] * (len(ids) - n_areas)
    for i, indikator in enumerate(indicators):
        row, col = i // cols + 1, i % cols + 1
        meta = catalogue.loc[indikator]
        unit, decimals = str(meta["einheit"]), int(meta["dezimalstellen"])
        group = long[long["indikator_id"] == indikator].set_index("gebiet_id")
        values = [float(group.at[g, "wert"]) if g in group.index else np.nan for g in ids]
        if not comparable[indikator] and ids[-1] == CITY_ID:
            values[-1] = np.nan  # a count's city value is the sum of all areas: not drawn
        fig.add_trace(
            go.Bar(
                x=values,
                y=labels,
                orientation="h",
                marker=dict(color=colours, pattern=dict(shape=patterns, fgcolor="#ffffff")),
                text=[_number(t, v, decimals) for v in values],
                textposition="outside",
                cliponaxis=False,
                showlegend=False,
                hovertemplate=f"%{{y}}: %{{x:{_hover_number(decimals)}}}{NBSP}{html.escape(unit)}<extra>"
                f"{html.escape(str(meta['kurzname']))}</extra>",
            ),
            row=row,
            col=col,
        )
        reference = values[-1] if ids[-1] == CITY_ID else np.nan
        if reference == reference:
            fig.add_vline(x=reference, line=dict(color=CITY_COLOUR, dash="dash", width=2), row=row, col=col)
        present = [v for v in values if v == v]
        if present:  # room for the numbers outside the bars
            low, high = min(0.0, min(present)), max(0.0, max(present))
            pad = 0.18 * ((high - low) or 1.0)
            fig.update_xaxes(range=[low - (pad if low < 0 else 0), high + (pad if high > 0 else 0)], row=row, col=col)
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_annotations(font_size=14)
    fig.update_layout(height=height, showlegend=False, **{k: v for k, v in _layout(t).items() if k != "legend"})
    fig.update_layout(margin=dict(l=10, r=10, t=90, b=10))
    return fig


def scatter_figure(
    table: pd.DataFrame,
    x_title: str,
    y_title: str,
    x_decimals: int,
    y_decimals: int,
    highlighted: Sequence[str] = (),
    max_labels: int = 40,
    r: float | None = None,
    t: Translator | None = None,
) -> go.Figure:
    """Areas as points (x, y), marker area proportional to the population, labelled with their names
    (all up to ``max_labels`` areas, otherwise only the highlighted ones)."""
    t = t or Translator("de")
    present = table.dropna(subset=["x", "y"]).reset_index(drop=True)
    chosen = present["gebiet_id"].isin(set(highlighted))
    population = present["einwohner"].astype(float)
    if population.notna().any() and population.max() > 0:
        size = population.fillna(population.median())
        largest = 46.0 if len(present) <= 40 else 26.0 if len(present) <= 150 else 16.0  # px, biggest marker
        sizeref = 2.0 * float(size.max()) / (largest**2)
        marker = dict(size=size, sizemode="area", sizeref=sizeref, sizemin=4)
    else:
        marker = dict(size=12)
    label_all = len(present) <= max_labels
    text = [
        (f"{MARK}{n}" if c else str(n)) if (label_all or c) else ""
        for n, c in zip(present["name"], chosen, strict=True)
    ]
    people = t("Einwohner")
    pop_text = [with_unit(_number(t, p, 0), people) if p == p else t("Einwohnerzahl unbekannt") for p in population]
    fig = go.Figure(
        go.Scatter(
            x=present["x"],
            y=present["y"],
            mode="markers+text",
            text=text,
            textposition="top center",
            textfont=dict(size=12),
            marker=dict(
                **marker,
                color=[HIGHLIGHT if c else "#0072B2" for c in chosen],
                opacity=0.7,
                line=dict(color="#1a1a1a", width=1),
            ),
            customdata=np.column_stack([present["name"], pop_text]) if len(present) else None,
            hovertemplate=f"%{{customdata[0]}}<br>{html.escape(x_title)}: %{{x:{_hover_number(x_decimals)}}}<br>"
            f"{html.escape(y_title)}: %{{y:{_hover_number(y_decimals)}}}<br>%{{customdata[1]}}<extra></extra>",
        )
    )
    german = t.language.locale.startswith("de")
    shown_r = (format_r(r) if german else t.decimal(r, 2)) if r is not None and r == r else None
    title = t("Streudiagramm") if shown_r is None else t("Streudiagramm (r = {r})", r=shown_r)
    fig.update_layout(
        title=title, xaxis_title=x_title, yaxis_title=y_title, height=600, showlegend=False,
        **{k: v for k, v in _layout(t).items() if k != "legend"},
    )  # fmt: skip
    return fig


def matrix_figure(
    matrix: pd.DataFrame,
    catalogue: pd.DataFrame,
    order: Sequence[str],
    city_name: str,
    max_text_rows: int = 80,
    t: Translator | None = None,
) -> go.Figure:
    """The overview matrix as a heatmap: areas × indicators, each cell better / similar / worse than the
    city. Cells carry their symbol (+, ≈, −, ·) where there is room; the hover gives value and reference."""
    t = t or Translator("de")
    indicators = list(dict.fromkeys(matrix["indikator_id"]))
    names = matrix.drop_duplicates("gebiet_id").set_index("gebiet_id")["name"]
    order = list(order)
    x_labels = [str(catalogue.at[i, "kurzname"]) for i in indicators]  # unit and year: hover and table
    y_labels = [str(names.get(g, g)) for g in order]
    code = {c: i for i, c in enumerate(MATRIX_CLASSES)}
    units = [str(catalogue.at[i, "einheit"]) for i in indicators]
    digits = [int(catalogue.at[i, "dezimalstellen"]) for i in indicators]
    long_names = [html.escape(str(catalogue.at[i, "name"])) for i in indicators]
    cells = matrix.assign(
        zeile=matrix["gebiet_id"].map({g: r for r, g in enumerate(order)}),
        spalte=matrix["indikator_id"].map({i: c for c, i in enumerate(indicators)}),
    ).dropna(subset=["zeile", "spalte"])
    z = np.full((len(order), len(indicators)), np.nan)
    text = np.full(z.shape, "", dtype=object)
    hover = np.full(z.shape, "", dtype=object)
    value_word, rating_word = t("Wert"), t("Bewertung")
    for cell in cells.itertuples(index=False):
        r, c = int(cell.zeile), int(cell.spalte)
        unit, decimals = units[c], digits[c]
        z[r, c] = code[cell.klasse]
        text[r, c] = SYMBOLS[cell.klasse] if cell.klasse != MISSING else ""
        year = f" {int(cell.jahr)}" if pd.notna(cell.jahr) else ""
        reference = t("Gesamtstadt") if cell.referenz_art == "Gesamtstadt" else t("Mittel der Gebiete")
        hover[r, c] = (
            f"<b>{html.escape(y_labels[r])}</b><br>{long_names[c]}{year}<br>"
            f"{value_word}: {_value(t, cell.wert, unit, decimals)}<br>"
            f"{reference}: {_value(t, cell.referenz, unit, decimals)}<br>"
            f"{rating_word}: {class_symbol(t, cell.klasse)} {class_word(t, cell.klasse)}"
        )
    n = len(MATRIX_CLASSES)
    scale = []
    for i, klasse in enumerate(MATRIX_CLASSES):
        scale += [(i / n, MATRIX_COLOURS[klasse]), ((i + 1) / n, MATRIX_COLOURS[klasse])]
    show_text = len(order) <= max_text_rows
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x_labels,
            y=y_labels,
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=scale,
            showscale=False,
            xgap=2,
            ygap=2 if show_text else 0,
            text=text,
            texttemplate="%{text}" if show_text else None,
            textfont=dict(size=16, color="#1a1a1a"),
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
        )
    )
    for klasse in MATRIX_CLASSES:  # legend entries: colour and symbol
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker=dict(symbol="square", size=16, color=MATRIX_COLOURS[klasse], line=dict(color="#555", width=1)),
                name=f"{class_symbol(t, klasse)} {class_word(t, klasse)}",
            )
        )
    row_height = 30 if show_text else max(3, min(16, 1400 // max(1, len(order))))
    top = 80 + int(4.5 * max((len(x) for x in x_labels), default=10))
    plot_height = row_height * len(order)
    fig.update_layout(
        title=dict(text=t("Übersicht: Gebiete im Vergleich zu {stadt}", stadt=city_name), y=1.0, yref="container",
                   yanchor="top", pad=dict(t=12)),
        xaxis=dict(side="top", tickangle=-40, showgrid=False),
        yaxis=dict(autorange="reversed", showgrid=False, showticklabels=show_text, automargin=True),
        height=plot_height + top + 90,
        **{**_layout(t), "legend": dict(orientation="h", yanchor="top", y=-10 / max(plot_height, 1), x=0)},
    )  # fmt: skip
    fig.update_layout(margin=dict(l=10, r=10, t=top, b=70), plot_bgcolor="#ffffff")
    return fig


# --- social index map ---------------------------------------------------------------------------------------


# the words of `compare_figures.polarity_word`, listed for the catalogues (the pages translate what it returns)
POLARITY_WORDS = (N_("höher ist günstiger"), N_("höher ist ungünstiger"), N_("neutral"))
