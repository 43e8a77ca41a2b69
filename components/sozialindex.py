"""The social index in the profile: an area's status and dynamics with method, source and links."""

from __future__ import annotations

import streamlit as st

from sozialraum import Bundle
from sozialraum.formatting import format_signed
from sozialraum.i18n import Translator
from sozialraum.sozialindex import DYNAMICS_ID, area_index
from sozialraum.sozialindex.text import DYNAMICS_NOTE, STATUS_NOTE, class_label
from sozialraum.translations import localized

from .navigation import page_link
from .sprache import code, german_data, signed, t
from .views import source_line


def show_area_index(bundle: Bundle, gebiet: str, jahr: int, entries: list | None = None) -> None:
    """The area's social index (status, dynamics, type) with its method, source and links to map and index page;
    `entries`: `sozialindex.area_index` computed before (components/page_views.py), else computed here."""
    if entries is None:
        entries = area_index(bundle.values, bundle.catalogue, bundle.settings, gebiet, jahr)
    if not entries:
        return
    st.header(t("Sozialindex"))
    lang = code()
    for column, entry in zip(st.columns(len(entries)), entries, strict=True):
        meta = bundle.catalogue.loc[entry.indikator]
        with column:
            value = format_signed(entry.value, "", 2) if lang == "de" else signed(entry.value, "", 2)
            shown = "–" if entry.value is None else value
            st.metric(f"{localized(meta, 'kurzname', lang).text} {entry.year}", shown, border=True)
            if entry.value is None:
                st.markdown(german_data(entry.note) if entry.note else t("Nicht eingestuft."), unsafe_allow_html=True)
            else:
                rank = t("Rang {rank} von {rated} (1 = günstigste Lage)", rank=str(entry.rank), rated=str(entry.rated))
                st.markdown(f"{_rated(entry, lang)} · {rank}", unsafe_allow_html=True)
    codes = [e.code for e in entries]
    if len(entries) == 2 and all(codes):
        status, dynamics = entries
        st.markdown(
            t(
                "**Gesamttyp {code}:** Status {status}, Dynamik {dynamics}.",
                code=f"{status.code}{dynamics.code}",
                status=_label(str(status.label), lang),
                dynamics=_label(str(dynamics.label), lang),
            ),
            unsafe_allow_html=True,
        )
    for entry in entries:
        meta = bundle.catalogue.loc[entry.indikator]
        name, definition = (localized(meta, c, lang) for c in ("name", "definition"))
        parts = [_data(name.text, name.lang, lang), _data(definition.text, definition.lang, lang)]
        st.caption(f"**{parts[0]}.** {parts[1]} {_source(meta, lang)}", unsafe_allow_html=True)
    params = {"indikator": entries[0].indikator, "jahr": str(entries[0].year), "gebiet": gebiet}
    if len(bundle.level_names) > 1:
        params["ebene"] = bundle.main_level
    left, right = st.columns(2)
    page_link("karte", left, label=t("Sozialindex auf der Karte"), icon=":material/map:", query_params=params)
    page_link("sozialindex", right, label=t("Verfahren und Einstellungen"), icon=":material/functions:")


def _rated(entry, lang: str) -> str:
    """The card's class line 'Status sehr niedrig (Klasse 4)' in the page's language (German: the data's note)."""
    if lang == "de":
        return entry.note
    template = DYNAMICS_NOTE if entry.indikator == DYNAMICS_ID else STATUS_NOTE
    return Translator(lang)(template, klasse=_label(str(entry.label), lang), code=str(entry.code))


def _label(label: str, lang: str) -> str:
    """A class label in the page's language; a label of the city's own settings stays German, marked."""
    translated = class_label(label, Translator(lang))
    return german_data(label) if translated == label else translated


def _data(text: str, text_lang: str, lang: str) -> str:
    """A data text; marked German when the page speaks another language and the data has no translation."""
    return german_data(text) if text_lang != lang else text


def _source(meta, lang: str) -> str:
    """`source_line` in the page's language; source and Datenstand are the city's data, marked German."""
    if lang == "de":
        return source_line(meta)
    unit = localized(meta, "einheit", lang)
    return t(
        "Einheit: {unit} · Quelle: {source} · Datenstand: {stand}",
        unit=_data(unit.text, unit.lang, lang),
        source=german_data(str(meta["quelle"])),
        stand=german_data(str(meta["datenstand"])),
    )
