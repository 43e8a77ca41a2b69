"""Figure builders for trends, comparisons and the social index (pure: they return figures).

Plotly charts use German separators (``1.234,5``) and are built for the image export of the modebar
(:func:`plot_config`, works offline). Colour never carries meaning alone: highlighted areas get a marker
in the label, the matrix cells carry symbols, movers carry signed numbers. ``index_payload`` feeds the
fast choropleth (`fastmap`) with categorical classes (the social index).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .classify import MISSING_COLOUR
from .compare import (
    BETTER,
    MATRIX_CLASSES,
    MISSING,
    NOT_RATED,
    SIMILAR,
    SYMBOLS,
    WORSE,
    change_unit,
    city_comparable,
    format_r,
    matrix_label,
    polarity_sign,
)
from .figures import CITY_COLOUR, SERIES_COLOURS, year_axis
from .formatting import NBSP, format_number, format_value
from .i18n import Translator
from .legend import legend_row
from .schemas import CITY_ID

LAYOUT = dict(
    template="plotly_white",
    font=dict(family="sans-serif", size=14, color="#1a1a1a"),
    separators=",.",
    margin=dict(l=10, r=10, t=60, b=10),
    legend=dict(orientation="h", yanchor="top", y=-0.15),
    hoverlabel=dict(font_size=14),
)
HIGHLIGHT, OTHER = "#D55E00", "#8DA9C4"
IMPROVED_COLOUR, WORSENED_COLOUR, NEUTRAL_CHANGE = "#0072B2", "#D55E00", "#6A6A6A"
MATRIX_COLOURS = {
    BETTER: "#67A9CF",
    SIMILAR: "#F7F4B6",
    WORSE: "#EF8A62",
    NOT_RATED: "#FFFFFF",
    MISSING: "#D9D9D9",
}
MARK = "▶ "  # marks highlighted areas in labels (not colour alone)


def _hover_number(decimals: int) -> str:
    return f",.{decimals}f"


# --- trends --------------------------------------------------------------------------------------------


def trend_lines(
    frame: pd.DataFrame,
    names: Mapping[str, str],
    title: str,
    y_title: str,
    decimals: int,
    reference: float | None = None,
    reference_text: str = "",
) -> go.Figure:
    """Lines per area, the city dashed and dark; a missing year stays a gap (``connectgaps=False``).

    ``frame`` is a (rebased) trend table: gebiet_id, jahr, wert. ``reference`` draws a horizontal line
    (100 for the index, 0 for the change view).
    """
    fig = go.Figure()
    years = sorted(int(y) for y in frame["jahr"].unique())
    ids = list(dict.fromkeys(frame["gebiet_id"]))
    ids = [g for g in ids if g != CITY_ID] + ([CITY_ID] if CITY_ID in ids else [])
    for i, gebiet in enumerate(ids):
        series = frame[frame["gebiet_id"] == gebiet].set_index("jahr")["wert"].reindex(years).astype(float)
        is_city = gebiet == CITY_ID
        name = names.get(gebiet, gebiet)
        fig.add_trace(
            go.Scatter(
                x=years,
                y=series.tolist(),
                name=name,
                mode="lines+markers",
                connectgaps=False,
                line=dict(
                    color=CITY_COLOUR if is_city else SERIES_COLOURS[i % len(SERIES_COLOURS)],
                    width=3,
                    dash="dash" if is_city else "solid",
                ),
                marker=dict(symbol="square" if is_city else "circle", size=8),
                hovertemplate=f"%{{x}}: %{{y:{_hover_number(decimals)}}}{NBSP}{html.escape(y_title)}"
                f"<extra>{html.escape(name)}</extra>",
            )
        )
    if reference is not None:
        fig.add_hline(
            y=reference,
            line=dict(color="#555", width=1),
            annotation_text=reference_text,
            annotation_position="top left",
        )
    fig.update_layout(title=title, yaxis_title=y_title, xaxis=year_axis(years), **LAYOUT)
    return fig


def area_multiples(
    trend: pd.DataFrame,
    order: Sequence[str],
    names: Mapping[str, str],
    unit: str,
    decimals: int,
    city_name: str,
    cols: int = 4,
    area_label: str = "Gebiet",
) -> go.Figure:
    """Small multiples: one panel per area in ``order``, the area solid, the city dashed, same y scale in
    every panel so that levels compare. ``trend`` is long (gebiet_id, jahr, wert) incl. the city rows.

    Built as a plain figure spec with the panel grid computed here and plotly's validation skipped: with
    dozens of panels, ``make_subplots`` and per-panel updates took over a second on Berlin's data.
    """
    order = list(order)
    cols = max(1, min(cols, len(order) or 1))
    rows = max(1, -(-len(order) // cols))
    years = sorted(int(y) for y in trend["jahr"].unique())
    height = 190 * rows + 120
    h_gap, v_gap = 0.04, (min(0.08, 0.35 / rows) if rows > 1 else 0.0)
    width = (1 - h_gap * (cols - 1)) / cols
    tall = (1 - v_gap * (rows - 1)) / rows
    city = trend[trend["gebiet_id"] == CITY_ID].set_index("jahr")["wert"].reindex(years).astype(float)
    city_y = [None if v != v else float(v) for v in city]
    wide = trend[trend["gebiet_id"].isin(set(order))].pivot_table(
        index="gebiet_id", columns="jahr", values="wert", aggfunc="first", dropna=False
    )
    wide = wide.reindex(index=order, columns=years).astype(float)
    fmt = _hover_number(decimals)
    city_hover = f"%{{x}}: %{{y:{fmt}}} {html.escape(unit)}<extra>{html.escape(city_name)}</extra>"
    traces, layout, titles = [], {}, []
    for i, gebiet in enumerate(order):
        row, col = divmod(i, cols)
        suffix = "" if i == 0 else str(i + 1)
        x0 = round(col * (width + h_gap), 6)
        top = round(1 - row * (tall + v_gap), 6)
        bottom = max(0.0, round(top - tall, 6))
        right = min(1.0, round(x0 + width, 6))
        layout[f"xaxis{suffix}"] = dict(
            domain=[x0, right], anchor=f"y{suffix}", tickformat="d", tickfont=dict(size=11), nticks=4,
            **({} if i == 0 else {"matches": "x"}),
        )  # fmt: skip
        layout[f"yaxis{suffix}"] = dict(
            domain=[bottom, top],
            anchor=f"x{suffix}",
            tickfont=dict(size=11),
            **({} if i == 0 else {"matches": "y"}),
        )
        name = str(names.get(gebiet, gebiet))
        titles.append(
            dict(text=html.escape(name), x=x0 + width / 2, y=top, xref="paper", yref="paper", xanchor="center",
                 yanchor="bottom", showarrow=False, font=dict(size=13))
        )  # fmt: skip
        if any(v is not None for v in city_y):
            traces.append(
                dict(
                    type="scatter", x=years, y=city_y, xaxis=f"x{suffix}", yaxis=f"y{suffix}", name=city_name,
                    legendgroup="stadt", showlegend=i == 0, connectgaps=False, mode="lines",
                    line=dict(color=CITY_COLOUR, dash="dash", width=1.5), hovertemplate=city_hover,
                )
            )  # fmt: skip
        series = wide.loc[gebiet]
        traces.append(
            dict(
                type="scatter", x=years, y=[None if v != v else float(v) for v in series], xaxis=f"x{suffix}",
                yaxis=f"y{suffix}", name=area_label, legendgroup="gebiet", showlegend=i == 0, connectgaps=False,
                mode="lines+markers", marker=dict(size=4), line=dict(color=SERIES_COLOURS[0], width=2.5),
                hovertemplate=f"%{{x}}: %{{y:{fmt}}}{NBSP}{html.escape(unit)}<extra>{html.escape(name)}</extra>",
            )
        )  # fmt: skip
    legend = dict(orientation="h", yanchor="bottom", y=1.0 + 40 / height)
    layout.update(
        {**LAYOUT, "legend": legend, "margin": dict(l=10, r=10, t=90, b=10)}, annotations=titles, height=height
    )
    return go.Figure(data=traces, layout=layout, _validate=False)


def movers_figure(
    up: pd.DataFrame,
    down: pd.DataFrame,
    unit: str,
    decimals: int,
    start: int,
    end: int,
    t: Translator | None = None,
) -> go.Figure:
    """Horizontal bars of the change start → end: improved areas (blue) above, worsened (orange) below.

    The signed number at each bar and the word in the hover carry the meaning too, not only colour.
    For a neutral indicator ``up``/``down`` are the largest rises and falls and both are grey.
    """
    from .trend_text import GERMAN, RATINGS  # trend_text builds on compare, as this module does

    t = t or GERMAN
    frame = pd.concat([up, down], ignore_index=True)
    rated = frame["verbesserung"].notna().any() if len(frame) else False
    colours = [
        (IMPROVED_COLOUR if b == "verbessert" else WORSENED_COLOUR) if rated else NEUTRAL_CHANGE
        for b in frame["bewertung"]
    ]
    unit_text = t(change_unit(unit))
    fig = go.Figure(
        go.Bar(
            x=frame["veraenderung"].astype(float),
            y=[
                t("{gebiet} ({bewertung})", gebiet=n, bewertung=t(RATINGS.get(b, b)))
                for n, b in zip(frame["name"], frame["bewertung"], strict=True)
            ],
            orientation="h",
            marker=dict(color=colours, line=dict(color="#333", width=0.5)),
            text=[t.signed(v, "", decimals) for v in frame["veraenderung"]],
            textposition="outside",
            cliponaxis=False,
            customdata=np.column_stack(
                [
                    [t.value(v, unit, decimals) for v in frame["von"]],
                    [t.value(v, unit, decimals) for v in frame["bis"]],
                ]
            )
            if len(frame)
            else None,
            hovertemplate=f"%{{y}}<br>{start}: %{{customdata[0]}} → {end}: %{{customdata[1]}}<br>"
            f"{html.escape(t('Veränderung'))}: %{{text}} {html.escape(unit_text)}<extra></extra>",
        )
    )
    fig.add_vline(x=0, line=dict(color="#333", width=1))
    reach = float(frame["veraenderung"].abs().max()) if len(frame) else 1.0
    reach = reach if reach > 0 else 1.0
    fig.update_xaxes(range=[-reach * 1.3, reach * 1.3], zeroline=False)
    fig.update_layout(
        title=t("Größte Veränderungen {von}–{bis}", von=str(start), bis=str(end)),
        xaxis_title=t("Veränderung in {einheit}", einheit=unit_text),
        yaxis=dict(autorange="reversed"),
        height=max(300, 34 * len(frame) + 140),
        **{**LAYOUT, "showlegend": False},
    )
    fig.update_layout(margin=dict(l=10, r=80, t=60, b=10))
    return fig


# --- compare ------------------------------------------------------------------------------------------------


def ranking_figure(
    ranked: pd.DataFrame,
    reference: float | None,
    title: str,
    unit: str,
    decimals: int,
    city_name: str,
    max_labelled: int = 60,
) -> go.Figure:
    """All areas sorted (best first), the chosen ones highlighted (colour and ▶ mark), the city as a line.

    Up to ``max_labelled`` areas as labelled horizontal bars; more (e.g. Berlin's 542) as a compact
    column chart where only the chosen areas are named.
    """
    present = ranked.dropna(subset=["wert"])
    colours = [HIGHLIGHT if h else OTHER for h in present["hervorgehoben"]]
    labels = [f"{MARK}{n}" if h else str(n) for n, h in zip(present["name"], present["hervorgehoben"], strict=True)]
    ranks = [f"{int(r)}" if pd.notna(r) else "–" for r in present["rang"]]
    custom = np.column_stack([labels, [format_value(v, unit, decimals) for v in present["wert"]], ranks])
    hover = "%{customdata[0]}: %{customdata[1]} · Rang %{customdata[2]}<extra></extra>"
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
                annotation_text=f"{city_name}: {format_value(reference, unit, decimals)}",
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
                annotation_text=f"{city_name}: {format_value(reference, unit, decimals)}",
                annotation_position="top right",
            )
        fig.update_layout(
            xaxis=dict(title="Rang (1 = günstigster Wert)", showgrid=False),
            yaxis_title=unit,
            bargap=0,
            height=520,
        )
    fig.update_layout(title=title, showlegend=False, **{k: v for k, v in LAYOUT.items() if k != "legend"})
    return fig


def side_by_side_figure(
    long: pd.DataFrame, catalogue: pd.DataFrame, names: Mapping[str, str], city_name: str, cols: int = 2
) -> go.Figure:
    """One panel per indicator (own axis and unit): a bar per chosen area and a grey, hatched bar for the city,
    whose value is also drawn as a dashed line across the panel (not for counts, whose city value is a sum)."""
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
                text=[format_number(v, decimals) for v in values],
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
    fig.update_layout(height=height, showlegend=False, **{k: v for k, v in LAYOUT.items() if k != "legend"})
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
) -> go.Figure:
    """Areas as points (x, y), marker area proportional to the population, labelled with their names
    (all up to ``max_labels`` areas, otherwise only the highlighted ones)."""
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
    pop_text = [format_value(p, "Einwohner", 0) if p == p else "Einwohnerzahl unbekannt" for p in population]
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
    title = "Streudiagramm" + (f" (r = {format_r(r)})" if r is not None and r == r else "")
    fig.update_layout(
        title=title, xaxis_title=x_title, yaxis_title=y_title, height=600, showlegend=False,
        **{k: v for k, v in LAYOUT.items() if k != "legend"},
    )  # fmt: skip
    return fig


def matrix_figure(
    matrix: pd.DataFrame, catalogue: pd.DataFrame, order: Sequence[str], city_name: str, max_text_rows: int = 80
) -> go.Figure:
    """The overview matrix as a heatmap: areas × indicators, each cell better / similar / worse than the
    city. Cells carry their symbol (+, ≈, −, ·) where there is room; the hover gives value and reference."""
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
    for cell in cells.itertuples(index=False):
        r, c = int(cell.zeile), int(cell.spalte)
        unit, decimals = units[c], digits[c]
        z[r, c] = code[cell.klasse]
        text[r, c] = SYMBOLS[cell.klasse] if cell.klasse != MISSING else ""
        year = f" {int(cell.jahr)}" if pd.notna(cell.jahr) else ""
        reference = "Gesamtstadt" if cell.referenz_art == "Gesamtstadt" else "Mittel der Gebiete"
        hover[r, c] = (
            f"<b>{html.escape(y_labels[r])}</b><br>{long_names[c]}{year}<br>"
            f"Wert: {format_value(cell.wert, unit, decimals)}<br>"
            f"{reference}: {format_value(cell.referenz, unit, decimals)}<br>"
            f"Bewertung: {cell.symbol} {cell.klasse}"
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
                name=f"{SYMBOLS[klasse]} {klasse}",
            )
        )
    row_height = 30 if show_text else max(3, min(16, 1400 // max(1, len(order))))
    top = 80 + int(4.5 * max((len(x) for x in x_labels), default=10))
    plot_height = row_height * len(order)
    fig.update_layout(
        title=dict(text=f"Übersicht: Gebiete im Vergleich zu {city_name}", y=1.0, yref="container", yanchor="top",
                   pad=dict(t=12)),
        xaxis=dict(side="top", tickangle=-40, showgrid=False),
        yaxis=dict(autorange="reversed", showgrid=False, showticklabels=show_text, automargin=True),
        height=plot_height + top + 90,
        **{**LAYOUT, "legend": dict(orientation="h", yanchor="top", y=-10 / max(plot_height, 1), x=0)},
    )  # fmt: skip
    fig.update_layout(margin=dict(l=10, r=10, t=top, b=70), plot_bgcolor="#ffffff")
    return fig


# --- social index map ---------------------------------------------------------------------------------------


def index_payload(
    frame: pd.DataFrame,
    categories: Sequence[tuple[str, str]],
    title: str,
    second_title: str,
    stand: str,
    legend_title: str,
    legend_subtitle: str,
    missing_label: str = "nicht eingestuft",
) -> dict:
    """Style payload of the fast choropleth (`fastmap`) for categorical classes such as the index classes.

    ``frame``: gebiet_id, ``klasse`` (legend label of the class, <NA> = not classified), ``rang`` (text),
    ``zweit`` (text for the second tooltip row, e.g. the z-score or the reason for leaving an area out).
    ``categories``: (label, colour) from favourable to unfavourable. Same keys as `fastmap.style_payload`.
    """
    colours = dict(categories)
    farben, werte = {}, {}
    counts = dict.fromkeys(colours, 0)
    missing = 0
    for row in frame.itertuples(index=False):
        label = row.klasse if isinstance(row.klasse, str) and row.klasse in colours else None
        if label is None:
            missing += 1
            werte[row.gebiet_id] = [missing_label, "–", str(row.zweit)]
            continue
        counts[label] += 1
        farben[row.gebiet_id] = colours[label]
        werte[row.gebiet_id] = [label, str(row.rang), str(row.zweit)]
    rows = [legend_row(colour, label, counts[label]) for label, colour in categories]
    if missing:
        rows.append(legend_row(MISSING_COLOUR, missing_label, missing, hatched=True))
    legend = f"<strong>{html.escape(legend_title)}</strong><br><span>{html.escape(legend_subtitle)}</span>"
    return {
        "farben": farben,
        "werte": werte,
        "titel": title,
        "diff_titel": second_title,
        "stand": stand,
        "legende": legend + "".join(rows),
        "auswahl": None,
        "dimmen": False,
    }


def ordered_classes(labels: Sequence[str], codes: Sequence[str], palette: Sequence[str]) -> list[tuple[str, str]]:
    """(legend label, colour) per class: '1 hoch', '2 mittel' … with the given colours."""
    return [
        (f"{code} {label}" if code != label else label, colour)
        for label, code, colour in zip(labels, codes, palette, strict=True)
    ]


def diverging(k: int) -> list[str]:
    """Colours for ``k`` classes from favourable (blue) over stable (light) to unfavourable (orange-red)."""
    scale = ["#2166AC", "#67A9CF", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#EF8A62", "#B2182B"]
    if k == 1:
        return [scale[3]]
    idx = np.linspace(1, 5, k) if k <= 5 else np.linspace(0, 6, k)
    return [scale[int(round(i))] for i in idx]


def polarity_word(polarity: str) -> str:
    sign = polarity_sign(polarity)
    return "höher ist günstiger" if sign > 0 else "höher ist ungünstiger" if sign < 0 else "neutral"
