"""Streamlit side of the page registry (`sozialraum.pages`): which pages a visitor is offered (those
that exist in this deployment, that the visitor may open and whose data the folder has), and every
link or switch to a page, by its registry key."""

from __future__ import annotations

from typing import Any

import streamlit as st

from sozialraum import Bundle
from sozialraum.auth import INTERNAL, decide
from sozialraum.contents import folder_summary, missing_data
from sozialraum.pages import FOOTER, NAVIGATION, Page, listed, page, page_access
from sozialraum.settings import REPO_ROOT

from .auth import current_mode, current_roles
from .sprache import link_params, t


def may_open(key: str, bundle: Bundle) -> bool:
    """The page exists, the current visitor may open it and the data folder has what it shows."""
    settings = bundle.settings
    mode = current_mode(settings)
    return (
        (REPO_ROOT / page(key).file).is_file()
        and decide(page_access(key), mode, current_roles(settings)).allowed
        and missing_data(key, bundle, internal=mode == INTERNAL) is None
    )


def offered_pages(bundle: Bundle) -> list[Page]:
    """The navigation entries this visitor is offered, in reading order."""
    mode = current_mode(bundle.settings)
    return [p for p in listed(NAVIGATION, mode) if may_open(p.key, bundle)]


def footer_pages(bundle: Bundle) -> list[Page]:
    """The pages every footer links (the legal pages), where this deployment has them."""
    return [p for p in listed(FOOTER, current_mode(bundle.settings)) if (REPO_ROOT / p.file).is_file()]


def page_link(key: str, container: Any = st, **link: Any) -> None:
    """`st.page_link` to a registered page; label and icon default to the registry's (the title in the
    page's language), and the link keeps the visitor's language (`?sprache=`)."""
    entry = page(key)
    link.setdefault("label", t(entry.title))
    link.setdefault("icon", entry.icon)
    link["query_params"] = link_params(link.get("query_params"))
    container.page_link(entry.file, **link)


def link_if_offered(bundle: Bundle, key: str, container: Any = st, **link: Any) -> None:
    """A page link only when the visitor may open the page (never a link to "Kein Zugang")."""
    if may_open(key, bundle):
        page_link(key, container, **link)


def switch_to(key: str, **kwargs: Any) -> None:
    """`st.switch_page` to a registered page, keeping the visitor's language."""
    kwargs["query_params"] = link_params(kwargs.get("query_params"))
    st.switch_page(page(key).file, **kwargs)


def folder_note(bundle: Bundle) -> None:
    """On the Übersicht, when the folder lacks parts: what it holds and what a city could add."""
    summary = folder_summary(bundle)
    if summary:
        st.caption(summary)
