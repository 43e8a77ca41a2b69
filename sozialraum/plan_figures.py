"""Plotly figure builders for the Sozialplan (pure): time line, status history, indicator vs. target.

Dates are shown as 31.12.2024 / 12.2024 (no month names, so nothing depends on a plotly locale).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from .figures import STATUS_COLOURS, trend_figure
from .i18n import N_, Translator
from .status import STATUS_VOCABULARY

TODAY_COLOUR = "#b2182b"
TARGET_COLOUR = "#b2182b"
PLANNED_COLOUR = "#d9d9d9"
_LAYOUT = dict(
    template="plotly_white",
    font=dict(family="sans-serif", size=14, color="#1a1a1a"),
    margin=dict(l=10, r=10, t=50, b=10),
    legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
)
_MS_PER_DAY = 86_400_000
_TOP_LEGEND = dict(orientation="h", yanchor="bottom", y=1.02, x=0, traceorder="normal", title_text="Status:")
GERMAN = Translator("de")
_DARK_TICKS = dict(tickfont=dict(color="#1a1a1a"))


def tidy_status_figure(fig: go.Figure, tr: Translator = GERMAN) -> go.Figure:
    """`figures.status_figure` with its legend above the bars in status order, so it does not
    cover the axis title, and dark labels."""
    legend = {**_TOP_LEGEND, "title_text": tr(N_("Status:"))}
    fig.update_layout(legend=legend, margin=dict(l=10, r=10, t=60, b=10))
    fig.update_yaxes(**_DARK_TICKS)
    return fig


def _mark_today(fig: go.Figure, today: date, yref: str = "paper", tr: Translator = GERMAN) -> None:
    """A red vertical line with the label „heute“ (shape + annotation: works on date axes)."""
    x = today.isoformat()
    fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, yref=yref, xref="x", line=dict(color=TODAY_COLOUR, width=2))
    fig.add_annotation(
        x=x,
        y=1,
        yref="paper",
        text=tr(N_("heute ({datum})"), datum=tr.day(today)),
        showarrow=False,
        yanchor="top",
        xanchor="left",
        xshift=3,
        bgcolor="rgba(255,255,255,0.85)",
        font=dict(color=TODAY_COLOUR, size=13),
    )


def gantt_figure(
    gantt: pd.DataFrame, today: date, title: str, compact: bool = False, tr: Translator = GERMAN
) -> go.Figure:
    """Time line: a light wide bar for the planned period, a narrow bar in the status colour for
    the actual period (open ones run to today and are hatched), today as a red line.

    `gantt` as from `plan.gantt_data`; one row per measure on the y axis, in the given order.
    `compact`: one measure on its own page – no labels, no legend, the axis below.
    """
    fig = go.Figure()
    labels = list(dict.fromkeys(gantt["label"]))
    planned = gantt[gantt["art"] == "geplant"]
    fig.add_trace(
        go.Bar(
            y=planned["label"],
            x=[
                (e - b).days * _MS_PER_DAY or _MS_PER_DAY
                for b, e in zip(planned["beginn"], planned["ende"], strict=True)
            ],
            base=[b.isoformat() for b in planned["beginn"]],
            orientation="h",
            name=tr(N_("geplanter Zeitraum")),
            width=0.8,
            marker=dict(color=PLANNED_COLOUR, line=dict(color="#737373", width=1)),
            customdata=[[tr.day(b), tr.day(e)] for b, e in zip(planned["beginn"], planned["ende"], strict=True)],
            hovertemplate="%{y}<br>"
            + tr(N_("geplant: {beginn} – {ende}"), beginn="%{customdata[0]}", ende="%{customdata[1]}")
            + "<extra></extra>",
        )
    )
    actual = gantt[gantt["art"] == "tatsächlich"]
    for status in STATUS_VOCABULARY:
        part = actual[actual["status"] == status]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                y=part["label"],
                x=[
                    (e - b).days * _MS_PER_DAY or _MS_PER_DAY for b, e in zip(part["beginn"], part["ende"], strict=True)
                ],
                base=[b.isoformat() for b in part["beginn"]],
                orientation="h",
                name=tr(N_("tatsächlich: {status}"), status=tr(status)),
                width=0.4,
                marker=dict(
                    color=STATUS_COLOURS[status],
                    pattern=dict(shape=["/" if o else "" for o in part["offen"]], fgcolor="#ffffff", size=6),
                ),
                customdata=[
                    [tr.day(b), tr(N_("läuft")) if o else tr.day(e), tr.value(f, "%", 0)]
                    for b, e, o, f in zip(part["beginn"], part["ende"], part["offen"], part["fortschritt"], strict=True)
                ],
                hovertemplate=(
                    "%{y}<br>"
                    + tr(N_("tatsächlich: {beginn} – {ende}"), beginn="%{customdata[0]}", ende="%{customdata[1]}")
                    + "<br>"
                    + tr(N_("Status: {status}, Fortschritt {wert}"), status=tr(status), wert="%{customdata[2]}")
                    + "<extra></extra>"
                ),
            )
        )
    if len(gantt):
        _mark_today(fig, today, tr=tr)
        first = min(gantt["beginn"]) - timedelta(days=30)
        last = max(max(gantt["ende"]), today) + timedelta(days=30)
        fig.update_xaxes(range=[first.isoformat(), last.isoformat()])
    if compact:
        fig.update_layout(
            barmode="overlay",
            height=200,
            showlegend=False,
            xaxis=dict(type="date", tickformat="%m.%Y", title=tr(N_("Monat.Jahr"))),
            yaxis=dict(showticklabels=False, categoryorder="array", categoryarray=labels),
            **{**_LAYOUT, "margin": dict(l=10, r=10, t=10, b=10)},
        )
        return fig
    fig.update_layout(
        title=dict(text=title, y=1, yanchor="top", yref="container", pad=dict(t=10)),
        barmode="overlay",
        height=max(300, 30 * len(labels) + 190),
        xaxis=dict(type="date", tickformat="%m.%Y", side="top"),
        yaxis=dict(categoryorder="array", categoryarray=labels, autorange="reversed", automargin=True, **_DARK_TICKS),
        **{
            **_LAYOUT,
            "margin": dict(l=10, r=10, t=80, b=10),
            "legend": dict(orientation="h", y=0, yanchor="top", yref="paper"),
        },
    )
    return fig


def history_figure(history: pd.DataFrame, measure: pd.Series, today: date, tr: Translator = GERMAN) -> go.Figure:
    """A measure's status history: progress as a step line, one marker per report in the
    colour of its status (hover: date, status, progress, note), planned start/end and today."""
    fig = go.Figure()
    dates = [d.isoformat() for d in history["datum"]]
    fig.add_trace(
        go.Scatter(
            x=dates + ([today.isoformat()] if len(history) and history["datum"].iloc[-1] < today else []),
            y=[*history["fortschritt"].astype(float)]
            + ([float(history["fortschritt"].iloc[-1])] if len(history) and history["datum"].iloc[-1] < today else []),
            mode="lines",
            line=dict(shape="hv", color="#737373", width=2),
            name=tr(N_("Fortschritt")),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    for status in STATUS_VOCABULARY:
        part = history[history["status"] == status]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=[d.isoformat() for d in part["datum"]],
                y=part["fortschritt"].astype(float),
                mode="markers",
                name=tr(status),
                marker=dict(color=STATUS_COLOURS[status], size=14, line=dict(color="#1a1a1a", width=1)),
                customdata=[
                    [tr.day(d), n or "–"] for d, n in zip(part["datum"], part["notiz"].fillna(""), strict=True)
                ],
                hovertemplate="%{customdata[0]}: "
                + tr(status)
                + ", %{y:.0f}\u00a0%<br>%{customdata[1]}<extra></extra>",
            )
        )
    changes = [
        (day, status, progress)
        for i, (day, status, progress) in enumerate(
            zip(history["datum"], history["status"], history["fortschritt"], strict=True)
        )
        if i == 0 or status != history["status"].iloc[i - 1]
    ]
    for i, (day, status, progress) in enumerate(changes):  # label each change of status with its date
        fig.add_annotation(
            x=day.isoformat(),
            y=float(progress),
            text=tr(N_("{status} ({datum})"), status=tr(status), datum=tr.day(day)),
            showarrow=True,
            arrowhead=0,
            arrowcolor="#737373",
            ax=0,
            ay=-28 - 26 * (i % 3),  # staggered, so changes a few days apart stay readable
            xanchor="left",
            font=dict(size=12, color="#1a1a1a"),
            bgcolor="rgba(255,255,255,0.9)",
        )
    for column, label in (("beginn_geplant", N_("Beginn geplant")), ("ende_geplant", N_("Ende geplant"))):
        day = measure[column]
        fig.add_shape(
            type="line",
            x0=day.isoformat(),
            x1=day.isoformat(),
            y0=0,
            y1=1,
            yref="paper",
            line=dict(color="#555", width=1, dash="dot"),
        )
        fig.add_annotation(
            x=day.isoformat(),
            y=0,
            yref="paper",
            text=tr(label),
            showarrow=False,
            yanchor="bottom",
            xanchor="left",
            font=dict(size=12, color="#333"),
        )
    _mark_today(fig, today, tr=tr)
    fig.update_layout(
        xaxis=dict(type="date", tickformat="%m.%Y", title=tr(N_("Datum der Statusmeldung (Monat.Jahr)"))),
        yaxis=dict(title=tr(N_("Fortschritt (%)")), range=[-5, 105], ticksuffix="\u00a0%"),
        height=380,
        **{
            **_LAYOUT,
            "margin": dict(l=10, r=10, t=40, b=10),
            "legend": {**_TOP_LEGEND, "title_text": tr(N_("Status:"))},
        },
    )
    return fig


def target_trend_figure(
    trend: pd.DataFrame,
    names: dict[str, str],
    title: str,
    unit: str,
    decimals: int,
    zielwert: float | None = None,
    zieljahr: int | None = None,
    since_year: int | None = None,
    tr: Translator = GERMAN,
) -> go.Figure:
    """The indicator's trend in the measure's areas against the city (`figures.trend_figure`),
    with the goal's target drawn in: a dashed line from the latest city year to a star at
    (target year, target value), labelled. `since_year`: a dotted line where the measure began."""
    fig = trend_figure(trend, names, title, unit, decimals)
    if since_year is not None:
        fig.add_vline(x=since_year, line=dict(color="#555", width=1, dash="dot"))
        fig.add_annotation(
            x=since_year,
            y=1,
            yref="paper",
            text=tr(N_("Beginn der Maßnahme ({jahr})"), jahr=str(since_year)),
            showarrow=False,
            xanchor="right",
            yanchor="top",
            xshift=-3,
            font=dict(size=12, color="#333"),
            bgcolor="rgba(255,255,255,0.85)",
        )
    years = sorted(int(y) for y in trend["jahr"].unique())
    # German thousands separator instead of plotly's „97k“; the x range only as far as data and target
    fig.update_yaxes(tickformat=f",.{decimals}f")
    if years:
        last = max(years[-1], int(zieljahr)) if zieljahr is not None and not pd.isna(zieljahr) else years[-1]
        fig.update_xaxes(range=[years[0] - 0.5, last + 0.5])
    if zielwert is None or zieljahr is None or pd.isna(zielwert) or pd.isna(zieljahr):
        return fig
    start = years[-1] if years else int(zieljahr)
    label = tr(N_("Ziel {jahr}: {wert}"), jahr=str(int(zieljahr)), wert=tr.value(zielwert, unit, decimals))
    fig.add_trace(
        go.Scatter(
            x=[start, int(zieljahr)],
            y=[float(zielwert), float(zielwert)],
            mode="lines+markers+text",
            name=tr(N_("Zielwert Gesamtstadt ({ziel})"), ziel=label),
            line=dict(color=TARGET_COLOUR, dash="dot", width=2),
            marker=dict(symbol=["line-ew", "star"], size=[1, 18], color=TARGET_COLOUR),
            text=["", label],
            textposition="top left",
            textfont=dict(color=TARGET_COLOUR),
            hovertemplate=f"{label}<extra></extra>",
        )
    )
    return fig
