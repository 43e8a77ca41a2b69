"""Browser: a choice that changes only the trend chart reruns only its fragment (issue 24).

What the server sends over Streamlit's websocket tells which part of the page ran: a full run sends
every element again, the caption under the heading and the footer ("Abgerufen am …") included; a run of
the trend's fragment sends only the fragment's elements.
"""

from __future__ import annotations

from playwright.sync_api import Page, WebSocket, expect

from tests.e2e.conftest import assert_no_exception, goto_app, wait_for_rerun

FOOTER = b"Abgerufen am"  # the footer, outside the fragment
HEADER = "Polarität: ".encode()  # the caption under the page heading, outside the fragment


def _record(page: Page) -> list[bytes]:
    """Collect every websocket frame the browser receives from the app server."""
    frames: list[bytes] = []

    def on_socket(socket: WebSocket) -> None:
        socket.on(
            "framereceived", lambda payload: frames.append(payload if isinstance(payload, bytes) else payload.encode())
        )

    page.on("websocket", on_socket)
    return frames


def _sent(frames: list[bytes], text: bytes) -> bool:
    return any(text in frame for frame in frames)


def test_trend_choices_rerun_only_the_trend(page: Page, app_server: str) -> None:
    frames = _record(page)
    goto_app(page, app_server + "/Entwicklung?gebiete=05,11")
    assert _sent(frames, FOOTER) and _sent(frames, HEADER)  # a full run: the markers are seen at all
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()

    # add an area: the chart, its table and the URL follow, the rest of the page is not sent again
    frames.clear()
    picker = page.get_by_role("combobox", name="Gebiete")

    def add_area() -> None:
        picker.click()
        page.get_by_role("option", name="Untermhaus", exact=True).click()

    wait_for_rerun(page, add_area)
    page.keyboard.press("Escape")
    expect(page.locator(".js-plotly-plot .legendtext", has_text="Untermhaus").first).to_be_visible()
    page.wait_for_function("() => new URLSearchParams(location.search).get('gebiete') === '05,11,07'")
    assert _sent(frames, b"Untermhaus")
    assert not _sent(frames, FOOTER) and not _sent(frames, HEADER)

    # the view inside the same fragment: Index
    frames.clear()
    wait_for_rerun(page, lambda: page.get_by_role("radio", name="Index", exact=True).click())
    expect(page.locator(".js-plotly-plot .ytitle").first).to_have_text("Index (2015 = 100)")
    page.wait_for_function("() => new URLSearchParams(location.search).get('darstellung') === 'Index'")
    assert "gebiete=05" in page.url
    assert _sent(frames, b"Index (2015 = 100)")
    assert not _sent(frames, FOOTER) and not _sent(frames, HEADER)
    assert_no_exception(page)

    # another tab is a full run again: the page's own choices still rerun the page
    frames.clear()
    wait_for_rerun(page, lambda: page.get_by_role("tab", name="Alle Gebiete").click())
    assert _sent(frames, FOOTER)
    assert_no_exception(page)
