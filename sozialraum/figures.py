"""Plotly figure builders (pure): trends and Sozialplan status."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Collection

import pandas as pd
import plotly.graph_objects as go

from .formatting import NBSP
from .i18n import N_, SOURCE, Translator
from .schemas import CITY_ID
from .status import STATUS_VOCABULARY, Status

GERMAN = Translator(SOURCE)

# Okabe–Ito: distinguishable for the common forms of colour blindness
SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
CITY_COLOUR = "#333333"
STATUS_COLOURS = {
    Status.PLANNED: "#bdbdbd",
    Status.PREPARING: "#9ecae1",
    Status.IN_PROGRESS: "#3182bd",
    Status.DONE: "#31a354",
    Status.DELAYED: "#e6550d",
    Status.SUSPENDED: "#756bb1",
    Status.DROPPED: "#636363",
}
_LAYOUT = dict(
    template="plotly_white",
    font=dict(family="sans-serif", size=14, color="#1a1a1a"),
    margin=dict(l=10, r=10, t=50, b=10),
    # legend above the plot: below it, it covers the x-axis title
    legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
)


def year_axis(years: list[int]) -> dict:
    """An x-axis of years that stays readable on a phone: at most six upright labels (every year up to
    six years, else every 2nd, 3rd …), the axis making room for them instead of cutting them."""
    span = (max(years) - min(years)) if years else 0
    return dict(
        dtick=max(1, -(-span // 5)), tick0=min(years) if years else None, tickformat="d", tickangle=0, automargin=True
    )


FOOT_WIDTH = 40  # characters per line of the source text: fits a 390 px phone at 12 px


def with_source(fig: go.Figure, title: str, lines: list[str]) -> go.Figure:
    """What the chart shows, written into the figure below the years: its PNG export (the modebar's camera)
    then carries title, unit, source and Datenstand. Below, not above: on a phone the modebar covers the top.
    A figure's text does not wrap by itself: lines longer than fit on a phone are wrapped here."""
    heads = [f"<b>{html.escape(part)}</b>" for part in textwrap.wrap(title, FOOT_WIDTH)]
    rest = [html.escape(part) for line in lines for part in textwrap.wrap(line, FOOT_WIDTH)]
    fig.update_xaxes(title=dict(text="<br>".join(heads + rest), font=dict(size=12, color="#444"), standoff=12))
    # the legend in the figure's bottom row, below this text; the figure grows by the text's lines
    fig.update_layout(
        legend=dict(orientation="h", yref="container", y=0, yanchor="bottom", x=0, xanchor="left"),
        height=(fig.layout.height or 450) + 18 * (len(heads) + len(rest)),
    )
    return fig


def trend_figure(trend: pd.DataFrame, names: dict[str, str], title: str, unit: str, decimals: int) -> go.Figure:
    """Lines per area, the city dashed and dark. Missing years stay gaps (no interpolation)."""
    fig = go.Figure()
    years = sorted(trend["jahr"].unique())
    for i, (gebiet, group) in enumerate(trend.groupby("gebiet_id", sort=False)):
        series = group.set_index("jahr")["wert"].reindex(years)  # NaN → gap
        is_city = gebiet == CITY_ID
        fig.add_trace(
            go.Scatter(
                x=years,
                y=series.astype(float).tolist(),
                name=names.get(gebiet, gebiet),
                mode="lines+markers",
                connectgaps=False,
                line=dict(
                    color=CITY_COLOUR if is_city else SERIES_COLOURS[i % len(SERIES_COLOURS)],
                    width=3,
                    dash="dash" if is_city else "solid",
                ),
                marker=dict(symbol="square" if is_city else "circle", size=8),
                hovertemplate=f"%{{x}}: %{{y:,.{decimals}f}}{NBSP}{unit}<extra>{names.get(gebiet, gebiet)}</extra>",
            )
        )
    # explicit number format: plotly's default writes 97000 as "97k"
    fig.update_layout(
        title=title, yaxis_title=unit, xaxis=dict(dtick=1, tickformat="d"), yaxis=dict(tickformat=",~f"), **_LAYOUT
    )
    return fig


def status_figure(overview: pd.DataFrame, tr: Translator | None = None) -> go.Figure:
    """Stacked horizontal bars: number of measures per status and Handlungsfeld (texts in `tr`'s language)."""
    tr = tr or Translator("de")
    fig = go.Figure()
    labels = [
        tr(N_("HF {nummer}: {name}"), nummer=i, name=n)
        for i, n in zip(overview["handlungsfeld_id"], overview["name"], strict=True)
    ]
    for status in STATUS_VOCABULARY:
        if status not in overview or not overview[status].sum():
            continue
        fig.add_trace(
            go.Bar(
                y=labels,
                x=overview[status],
                name=tr(status),
                orientation="h",
                marker=dict(color=STATUS_COLOURS[status], line=dict(color="#fff", width=1)),
                hovertemplate="%{y}<br>"
                + tr(N_("{status}: {anzahl} Maßnahmen"), status=tr(status), anzahl="%{x}")
                + "<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        xaxis_title=tr(N_("Anzahl Maßnahmen")),
        yaxis=dict(autorange="reversed"),
        **{**_LAYOUT, "margin": dict(l=10, r=10, t=80, b=10)},
    )
    return fig


def deviation_figure(
    profile: pd.DataFrame,
    title: str,
    band: float = 0.5,
    tr: Translator = GERMAN,
    untranslated: Collection[str] = (),
) -> go.Figure:
    """Bars of the polarity-aware z-score: right = better than average, left = worse.

    Colour repeats what the side and the hover text already say (not the only carrier); dotted lines at
    ±`band` mark where a deviation counts as clear (a strength or a challenge). A topic in `untranslated`
    (German in a page of another language; a chart label cannot be marked German) is left out of the label.
    """
    rated = profile.dropna(subset=["z_gut"]).sort_values(["thema", "z_gut"])
    labels = [k if t in untranslated else f"{t} · {k}" for t, k in zip(rated["thema"], rated["kurzname"], strict=True)]
    colours = ["#0072B2" if z > 0 else "#D55E00" for z in rated["z_gut"]]
    fig = go.Figure(
        go.Bar(
            x=rated["z_gut"],
            y=labels,
            orientation="h",
            marker=dict(color=colours),
            customdata=[[tr(b)] for b in rated["bewertung"]],
            hovertemplate="%{y}: %{x:.2f}\u00a0"
            + html.escape(tr(N_("Standardabweichungen")))
            + " (%{customdata[0]})<extra></extra>",
        )
    )
    fig.add_vline(x=0, line=dict(color="#333", width=1))
    for edge in (-band, band):  # beyond these lines a bar counts as a strength or a challenge
        fig.add_vline(x=edge, line=dict(color="#666", width=1, dash="dot"))
    fig.update_layout(
        title=title,
        xaxis_title=tr(N_("← ungünstiger als der Durchschnitt der Gebiete · günstiger →  (Standardabweichungen)")),
        height=max(320, 26 * len(rated) + 120),
        **{**_LAYOUT, "showlegend": False},
    )
    return fig


def trend_panel(
    trend: pd.DataFrame, full_name: str, unit: str, decimals: int, area_name: str, city_name: str
) -> go.Figure:
    """One small trend chart of an indicator for one area: the area (solid) against the city (dashed).

    Without a title: the page writes it above the chart as text, which wraps in its column (a title inside
    a plotly figure does not wrap and was cut at the panel's edge); the hover names the indicator in full.
    `trend` as from `indicators.trend_table` for one area.
    """
    fig = go.Figure()
    years = sorted(int(y) for y in trend["jahr"].unique())
    for is_city, group in trend.groupby(trend["gebiet_id"] == CITY_ID):
        series = group.set_index("jahr")["wert"].reindex(years)
        who = city_name if is_city else area_name
        fig.add_trace(
            go.Scatter(
                x=years,
                y=series.astype(float).tolist(),
                name=who,
                connectgaps=False,
                line=dict(color=CITY_COLOUR if is_city else SERIES_COLOURS[0], dash="dash" if is_city else "solid"),
                hovertemplate=f"{html.escape(full_name)}<br>%{{x}}: %{{y:,.{decimals}f}}{NBSP}{html.escape(unit)}"
                f"<extra>{html.escape(who)}</extra>",
            )
        )
    layout = {**_LAYOUT, "margin": dict(l=10, r=10, t=30, b=10)}
    fig.update_layout(height=230, showlegend=False, xaxis=year_axis(years), yaxis_title=None, **layout)
    return fig


def broken_trend_figure(
    frame: pd.DataFrame,
    names: dict[str, str],
    group: dict[str, str],
    breaks: list[tuple[int, str]],
    title: str,
    y_title: str,
    decimals: int,
    reference: float | None = None,
    reference_text: str = "",
) -> go.Figure:
    """Trend lines that break at geometry changes: one trace per area id, so values on different
    geometries are never joined by a segment; an area and its 1:1 counterpart share colour and legend
    group. `breaks` holds (first year of the new version, label); each gets a dotted line with the label.
    """
    fig = go.Figure()
    years = sorted(int(y) for y in frame["jahr"].unique())
    ids = [g for g in dict.fromkeys(frame["gebiet_id"]) if g != CITY_ID]
    leaders = list(dict.fromkeys(group.get(g, g) for g in ids))
    for gebiet in [*ids, CITY_ID] if CITY_ID in set(frame["gebiet_id"]) else ids:
        rows = frame[frame["gebiet_id"] == gebiet].dropna(subset=["wert"])
        own = [y for y in years if rows["jahr"].min() <= y <= rows["jahr"].max()] if len(rows) else []
        series = rows.set_index("jahr")["wert"].reindex(own).astype(float)  # missing year → gap
        is_city = gebiet == CITY_ID
        leader = group.get(gebiet, gebiet)
        colour = CITY_COLOUR if is_city else SERIES_COLOURS[leaders.index(leader) % len(SERIES_COLOURS)]
        name = names.get(gebiet, gebiet)
        fig.add_trace(
            go.Scatter(
                x=own,
                y=series.tolist(),
                name=name,
                legendgroup=leader,
                mode="lines+markers",
                connectgaps=False,
                line=dict(color=colour, width=3, dash="dash" if is_city else "solid"),
                marker=dict(symbol="square" if is_city else "circle", size=8),
                hovertemplate=f"%{{x}}: %{{y:,.{decimals}f}}{NBSP}{y_title}<extra>{name}</extra>",
            )
        )
    if reference is not None:
        fig.add_hline(y=reference, line=dict(color="#555", width=1), annotation_text=reference_text,
                      annotation_position="top left")  # fmt: skip
    for year, label in breaks:
        fig.add_vline(
            x=year - 0.5,
            line=dict(color="#555", width=2, dash="dot"),
            annotation_text=label,
            annotation_position="top",
            annotation=dict(font=dict(size=13, color="#1a1a1a"), bgcolor="rgba(255,255,255,0.85)"),
        )
    layout = {
        **_LAYOUT,
        "legend": dict(orientation="h", yanchor="top", y=-0.15),
        "margin": dict(l=10, r=10, t=80, b=10),
    }
    fig.update_layout(title=title, yaxis_title=y_title, xaxis=year_axis(years), yaxis=dict(tickformat=",~f"), **layout)
    return fig
