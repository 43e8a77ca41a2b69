"""The projection as a dashed continuation in the Entwicklung trend chart (count and share indicators)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from sozialraum import Bundle
from sozialraum.i18n import Translator
from sozialraum.prognose.data import AGE_FILE
from sozialraum.prognose.figure import add_projection_traces
from sozialraum.prognose.indicators import covered, projected_values

from .navigation import page_link
from .prognose import data_name, get_projection
from .sprache import code, t
from .views import show_table


def add_trend_projection(
    fig: go.Figure, bundle: Bundle, indikator: str, gebiete: list[str], names: dict[str, str], unit: str, decimals: int
) -> tuple[go.Figure, pd.DataFrame | None]:
    """``fig`` with dashed projected years for ``gebiete`` if the projection covers ``indikator``, and their values.

    ``fig`` may be the trend figure shared by all visitors: the projection is drawn on a copy."""
    shown = get_projection(bundle)
    if shown is None or not covered(shown.projection.config.indikatoren, shown.table, indikator):
        return fig, None
    projection = shown.projection
    scenario = projection.config.scenario()
    values = projected_values(shown.table, projection.config.indikatoren, indikator, scenario.key, gebiete)
    if values.empty:
        return fig, None
    label = t(
        "Szenario „{szenario}“, Basisjahre {basis}",
        szenario=data_name(scenario.name), basis=f"{projection.base[0]}–{projection.base[1]}",
    )  # fmt: skip
    drawn = go.Figure(fig)
    add_projection_traces(drawn, values, names, label, unit, decimals, Translator(code()))
    return drawn, values.assign(label=label)


def show_trend_projection(values: pd.DataFrame, names: dict[str, str], unit: str, decimals: int) -> None:
    """Caption and table of the projected values (the chart's table alternative for the dashed part)."""
    label = str(values["label"].iloc[0])
    first, last = int(values["jahr"].min()), int(values["jahr"].max())
    st.caption(
        t(
            "Gestrichelt ab {von}: **Prognose** bis {bis} ({szenario}; Einheit: {einheit}; Quelle: eigene "
            "Berechnung aus {datei}, Verfahren Hamilton–Perry). Keine Messwerte.",
            von=str(first),
            bis=str(last),
            szenario=label,
            einheit=unit,
            datei=AGE_FILE,
        )  # fmt: skip
    )
    area = t("Gebiet")
    with st.expander(t("Prognose als Tabelle ({von}–{bis})", von=str(first), bis=str(last))):
        wide = values.assign(**{area: values["gebiet_id"].map(lambda g: names.get(g, g))})
        wide = wide.pivot_table(index=area, columns="jahr", values="wert", aggfunc="first", dropna=False)
        wide.columns = [str(c) for c in wide.columns]
        frame = wide.reset_index()
        withheld = frame.isna()
        show_table(frame, {c: decimals for c in frame.columns if c != area}, withheld, hide_index=True)
        if withheld.to_numpy().any():
            st.caption(t("„.“ = keine Angabe (Geheimhaltung der Prognose)."))
        page_link("prognose", label=t("Bevölkerungsprognose im Detail"), icon=":material/trending_up:")
