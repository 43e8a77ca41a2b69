"""The Steckbrief to take away: the one-page handout (sozialraum.konferenz.handout) in the visitor's language,
its QR code leading back to this Steckbrief in the same language."""

from __future__ import annotations

from functools import partial
from urllib.parse import quote, urlsplit

import streamlit as st

from sozialraum import Bundle
from sozialraum.i18n import QUERY_PARAM, SOURCE
from sozialraum.konferenz.addresses import handout_url, public_address_problem
from sozialraum.konferenz.handout import handout_pdf

from .sprache import code, t


def public_base(bundle: Bundle) -> str:
    """The public dashboard's address: the setting when it works from outside, else the address of this visit."""
    address = bundle.settings.oeffentliche_adresse
    if address and public_address_problem(address) is None:
        return address
    try:
        parts = urlsplit(st.context.url or "")
    except Exception:  # no request context (AppTest)
        return ""
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def handout_download(bundle: Bundle, gebiet: str, jahr: int) -> None:
    """A download button for the handout of `gebiet` in the page's language."""
    lang = code()
    url = handout_url(public_base(bundle), gebiet)  # without any address: a relative one, still readable
    if lang != SOURCE:
        url += f"&{QUERY_PARAM}={quote(lang)}"
    st.download_button(
        t("Steckbrief zum Mitnehmen (PDF, eine Seite)"),
        partial(handout_pdf, bundle, gebiet, int(jahr), url, None, lang),
        f"steckbrief_{gebiet}_{lang}.pdf",
        "application/pdf",
        icon=":material/picture_as_pdf:",
        key="dl_steckbrief_pdf",
        on_click="ignore",
    )
