"""The Sozialbericht page's internal view: build the biennial report for a chosen year and comparison year,
preview its chapters and download the PDF and the web edition (zip). Planners' texts, German."""

import tempfile
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from sozialraum import Bundle
from sozialraum.bericht import BerichtError, build_report
from sozialraum.bericht.build import page_titles, preview_html, web_zip
from sozialraum.contents import PUBLISHED_REPORT


def report_builder(bundle: Bundle) -> None:
    """Choose the years, build the report, offer its files and a preview of its chapters."""
    st.markdown(
        "Der Sozialbericht entsteht aus den veröffentlichten Werten dieses Datenordners: eine Druckfassung (PDF, A4) "
        "und eine Webfassung, die ohne Internet von jedem Webserver oder USB-Stick läuft. Inhalt und Texte stehen in "
        "`bericht.toml` und `bericht/*.md` im Datenordner (Anleitung: docs/sozialbericht.md). Die öffentliche "
        f"Ansicht bietet die Dateien in `{PUBLISHED_REPORT}/` des Datenordners an."
    )
    years = bundle.years
    if len(years) < 2:
        st.info("Für einen Bericht braucht es Werte aus mindestens zwei Jahren.")
        return
    left, right = st.columns(2)
    jahr = left.selectbox("Berichtsjahr", list(reversed(years)), key="bericht_jahr")
    earlier = [y for y in reversed(years) if y < jahr]
    if not earlier:
        st.info(f"Vor {jahr} gibt es kein Jahr zum Vergleich; bitte ein späteres Berichtsjahr wählen.")
        return
    default = earlier.index(jahr - 2) if jahr - 2 in earlier else 0
    vergleich = right.selectbox("Vergleichsjahr (letzter Bericht)", earlier, index=default, key="bericht_vergleich")

    if st.button("Bericht erzeugen", type="primary"):
        bar = st.progress(0.0, text="Bericht wird erzeugt …")
        target = Path(tempfile.mkdtemp(prefix="sozialbericht-")) / "ausgabe"
        try:
            result = build_report(
                bundle.folder, target, jahr, vergleich, progress=lambda s, m: bar.progress(s, text=m), bundle=bundle
            )
        except BerichtError as problem:
            st.error(f"Bericht nicht erzeugt: {problem}")
        else:
            st.session_state["bericht"] = {
                "pfad": str(result.folder),
                "jahr": jahr,
                "vergleich": vergleich,
                "seiten": result.pages,
                "sekunden": result.seconds,
                "log": result.log,
            }

    built = st.session_state.get("bericht")
    if built:
        folder = Path(built["pfad"])
        st.success(
            f"Sozialbericht {built['jahr']} (Vergleich mit {built['vergleich']}): {built['seiten']} Seiten, "
            f"erzeugt in {built['sekunden']:.0f} s."
        )
        for line in built["log"]:
            st.caption(f"Hinweis aus dem Erstellungsprotokoll: {line}")
        one, two = st.columns(2)
        one.download_button(
            "PDF herunterladen",
            (folder / "sozialbericht.pdf").read_bytes(),
            file_name=f"sozialbericht-{built['jahr']}.pdf",
            mime="application/pdf",
        )
        two.download_button(
            "Webfassung herunterladen (ZIP)",
            web_zip(folder / "web"),
            file_name=f"sozialbericht-{built['jahr']}-web.zip",
            mime="application/zip",
        )
        st.header("Vorschau")
        titles = page_titles(folder / "web")
        chosen = st.selectbox("Kapitel", list(titles), format_func=titles.get)
        # the page of the web edition itself, with its styles, Leaflet and map data inlined
        components.html(preview_html(folder / "web", chosen), height=900, scrolling=True)
