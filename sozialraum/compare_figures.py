"""Figure builders for trends, comparisons and the social index (pure: they return figures).

Plotly charts take their separators from the chart config of the page language and are built for the image
export of the modebar (:func:`plot_config`, works offline). Colour never carries meaning alone: highlighted
areas get a marker in the label, the matrix cells carry symbols, movers carry signed numbers.
``index_payload`` feeds the fast choropleth (`fastmap`) with categorical classes (the social index).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .classify import MISSING_COLOUR
from .compare import change_unit
from .compare_area_figures import (
    HIGHLIGHT,
    LAYOUT,
    MARK,
    MATRIX_COLOURS,
    OTHER,
    matrix_figure,
    ranking_figure,
    scatter_figure,
    side_by_side_figure,
)
from .figures import CITY_COLOUR, SERIES_COLOURS, year_axis
from .formatting import NBSP
from .i18n import Translator
from .legend import legend_row
from .polarity import Polarity
from .schemas import CITY_ID

IMPROVED_COLOUR, WORSENED_COLOUR, NEUTRAL_CHANGE = "#0072B2", "#D55E00", "#6A6A6A"
# the comparisons between areas are drawn in compare_area_figures; importable from here as before
__all__ = [
    "HIGHLIGHT", "LAYOUT", "MARK", "MATRIX_COLOURS", "OTHER", "area_multiples", "diverging", "index_payload",
    "matrix_figure", "movers_figure", "ordered_classes", "polarity_word", "ranking_figure", "scatter_figure",
    "side_by_side_figure", "trend_lines",
]  # fmt: skip


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
    return Polarity.of(polarity).words
