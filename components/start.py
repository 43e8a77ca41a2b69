"""The start page's three ways in: a visitor's everyday questions, each leading to the page that answers it."""

from __future__ import annotations

import streamlit as st

from sozialraum import Bundle

from .navigation import may_open, page_link
from .sprache import t


def start_tasks(bundle: Bundle) -> None:
    """Three boxes: "Wie steht mein Stadtteil da?", "Wo ist der Wert am höchsten?", "Was tut die Stadt?".

    Only pages the visitor may open and the data folder fills are offered."""
    settings = bundle.settings
    indikator = settings.standard_indikator if settings.standard_indikator in bundle.catalogue.index else None
    if indikator is None and len(bundle.catalogue):
        indikator = str(bundle.catalogue.index[0])
    name = str(bundle.catalogue.loc[indikator, "name"]) if indikator else ""
    tasks = [
        (
            t("Wie steht mein Stadtteil da?"),
            t(
                "Der Steckbrief zeigt für einen Sozialraum alle Kennzahlen im Vergleich zur Gesamtstadt, "
                "seine Stärken und Herausforderungen und die Maßnahmen vor Ort."
            ),
            "steckbrief",
            t("Steckbrief öffnen"),
            {},
        ),
        (
            t("Wo ist der Wert am höchsten?"),
            t(
                "Zum Beispiel beim Indikator „{name}“: Die Karte färbt die Sozialräume nach dem Wert, die Tabelle "
                "darunter ordnet sie vom höchsten zum niedrigsten.",
                name=name,
            ),
            "karte",
            t("Zur Karte"),
            {"indikator": indikator} if indikator else {},
        ),
        (
            t("Was tut die Stadt?"),
            t("Der Sozialplan zeigt die Ziele und Maßnahmen der Stadt und wie weit jede umgesetzt ist."),
            "sozialplan",
            t("Zum Sozialplan"),
            {},
        ),
    ]
    offered = [t for t in tasks if may_open(t[2], bundle)]
    if not offered:
        return
    st.header(t("Womit möchten Sie beginnen?"))
    for column, (question, text, page, label, params) in zip(st.columns(len(offered)), offered, strict=True):
        with column.container(border=True):
            st.subheader(question, anchor=False)
            st.markdown(text)
            page_link(page, label=label, icon=":material/arrow_forward:", query_params=params)
