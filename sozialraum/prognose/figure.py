"""Chart of a projection (pure plotly): observed years solid, the chosen scenario dashed, others dotted."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..figures import _LAYOUT, SERIES_COLOURS, year_axis
from ..i18n import Translator
from .view import LAUNCH

OTHER_COLOUR = "#6b6b6b"
GERMAN = Translator("de")


def projection_figure(
    observed: pd.DataFrame, scenarios: dict[str, pd.DataFrame], chosen: str, unit: str, t: Translator = GERMAN
) -> go.Figure:
    """``observed``: jahr, anzahl (beobachtet); ``scenarios``: name → jahr, anzahl from the launch year on.

    No title inside the figure: on a phone the legend wraps to four lines and would cover it; the page
    writes the title above the chart instead.
    """
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=observed["jahr"],
            y=observed["anzahl"],
            name=t("beobachtet"),
            mode="lines+markers",
            line=dict(color=SERIES_COLOURS[0], width=3),
            hovertemplate="%{x}: %{y:,.0f} " + unit + " (" + t("beobachtet") + ")<extra></extra>",
        )
    )
    others = iter(["dot", "dashdot", "longdashdot", "dot", "dashdot"] * 4)  # the other scenarios differ by dash too
    for name, rows in scenarios.items():
        is_chosen = name == chosen
        fig.add_trace(
            go.Scatter(
                x=[int(y) for y in rows["jahr"]],
                y=rows["anzahl"],
                name=t("Prognose: {szenario}", szenario=name),
                mode="lines",
                line=dict(
                    color=SERIES_COLOURS[1] if is_chosen else OTHER_COLOUR,
                    width=3 if is_chosen else 1.5,
                    dash="dash" if is_chosen else next(others),
                ),
                hovertemplate="%{x}: %{y:,.0f} " + unit + " (" + t("Prognose, {szenario}", szenario=name) + ")"
                "<extra></extra>",
            )
        )
    fig.update_layout(**_LAYOUT)
    fig.update_layout(
        margin=dict(l=10, r=10, t=20, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        yaxis_title=unit,
        xaxis_title=t("Jahr (Stichtag 31.12.)"),
        height=440,
    )
    fig.update_yaxes(tickformat=",.0f", rangemode="tozero")
    fig.update_xaxes(dtick=5)
    return fig


def scenario_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Launch year and projected years of one scenario's rows (jahr, anzahl)."""
    keep = rows[(rows["art"] == LAUNCH) | (rows["art"] == "Prognose")]
    return keep.sort_values("jahr")[["jahr", "anzahl"]]


def add_projection_traces(
    fig: go.Figure,
    projected: pd.DataFrame,
    names: dict[str, str],
    label: str,
    unit: str,
    decimals: int,
    t: Translator = GERMAN,
) -> go.Figure:
    """Continue each area's line of a trend chart dashed through the projected years (``jahr``, ``wert``).

    Each continuation takes the colour of the observed line with the same name and starts at the
    launch year, so it joins the observed line; the projected years sit on a grey band marked
    „Prognose“. ``label`` (scenario and base years) goes into the legend and hover text.
    """
    colours = {trace.name: trace.line.color for trace in fig.data if getattr(trace, "line", None) is not None}
    number = f",.{decimals}f"
    for gebiet, rows in projected.groupby("gebiet_id", sort=False):
        name = names.get(gebiet, gebiet)
        fig.add_trace(
            go.Scatter(
                x=[int(y) for y in rows["jahr"]],
                y=[None if pd.isna(v) else float(v) for v in rows["wert"]],
                name=t("{gebiet}: Prognose", gebiet=name),
                mode="lines",
                connectgaps=False,
                line=dict(color=colours.get(name, OTHER_COLOUR), width=2, dash="dash"),
                hovertemplate=f"%{{x}}: %{{y:{number}}}\u00a0{unit} ({t('Prognose, {szenario}', szenario=label)})"
                f"<extra>{name}</extra>",
            )
        )
    first, last = int(projected["jahr"].min()), int(projected["jahr"].max())
    observed = [int(x) for trace in fig.data if trace.x is not None for x in trace.x]
    # the longer axis keeps at most six upright year labels (on a phone they would overlap otherwise)
    fig.update_layout(xaxis=year_axis(sorted({*observed, first, last})))
    fig.add_vrect(
        x0=first,
        x1=last,
        fillcolor="#eeeeee",
        opacity=0.5,
        line_width=0,
        layer="below",
        annotation_text=t("Prognose"),
        annotation_position="top left",
    )
    return fig
