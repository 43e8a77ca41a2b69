"""Sozialbericht. Internal view: build the biennial report for a chosen year and comparison year, preview
its chapters and download the PDF and the web edition (zip). Public view: the published edition's files
(`bericht/veroeffentlicht/` in the data folder), nothing is built."""

import streamlit as st

from components.auth import current_mode
from components.bericht_intern import report_builder
from components.layout import footer, setup_page
from components.sprache import code, t
from sozialraum.auth import INTERNAL
from sozialraum.bericht.build import web_zip
from sozialraum.contents import PUBLISHED_REPORT, REPORT_MISSING, published_report
from sozialraum.i18n import SOURCE

bundle = setup_page("sozialbericht")
st.title(t("Sozialbericht"))
if current_mode(bundle.settings) == INTERNAL:
    report_builder(bundle)
else:
    published = bundle.folder / PUBLISHED_REPORT
    pdf, web = published / "sozialbericht.pdf", published / "web"
    if not published_report(bundle.folder):
        st.info(t(REPORT_MISSING))
    else:
        about = t("Der veröffentlichte Sozialbericht: Druckfassung (PDF) und Webfassung zum Offline-Lesen (ZIP).")
        if code() != SOURCE:  # the report is written by the city, in German
            about += " " + t("Der Bericht selbst ist auf Deutsch.")
        st.markdown(about)
        one, two = st.columns(2)
        if pdf.is_file():
            one.download_button(
                t("PDF herunterladen"), pdf.read_bytes(), file_name="sozialbericht.pdf", mime="application/pdf"
            )
        if (web / "index.html").is_file():
            two.download_button(
                t("Webfassung herunterladen (ZIP)"),
                web_zip(web),
                file_name="sozialbericht-web.zip",
                mime="application/zip",
            )
footer(bundle)
