"""Which assets an HTML page would load from outside the machine (the app runs offline; reports and
exports must not reach a CDN either). Leaflet for the benchmark's folium maps: benchmarks/folium_offline.py."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["find_external_urls"]


class _AssetLinkParser(HTMLParser):
    """Collect src/href of <script> and <link> tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href"}.get(tag)
        if wanted is None:
            return
        self.links.extend(value for key, value in attrs if key == wanted and value)


def _is_external(url: str) -> bool:
    # Protocol-relative URLs ("//cdn...") leave the machine just as well.
    return url.strip().lower().startswith(("http://", "https://", "//"))


def find_external_urls(html: str) -> list[str]:
    """Return the http(s) URLs that <script src> / <link href> tags in ``html`` load."""
    parser = _AssetLinkParser()
    parser.feed(html)
    parser.close()
    return [url for url in parser.links if _is_external(url)]
