"""A small, strict Markdown subset for the planners' texts: headings (##, ###), paragraphs, lists,
**fett**, *kursiv* and [Links](https://…). Everything is escaped; raw HTML is refused with its line,
because a report must not carry markup (or scripts) nobody reviewed."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass


@dataclass
class MarkdownError(Exception):
    line: int
    message: str


_HTML = re.compile(r"<\s*/?\s*[A-Za-z!]")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")
_ITALIC = re.compile(r"(?<!\*)\*(?!\*)(.+?)(?<!\*)\*(?!\*)")


def _inline(text: str, line: int) -> str:
    if _HTML.search(text):
        raise MarkdownError(line, "HTML ist nicht erlaubt, nur Markdown (gefunden: „<…“).")
    if text.count("**") % 2:
        raise MarkdownError(line, "„**“ ohne schließendes „**“.")
    out = html.escape(text, quote=True)

    def link(match: re.Match[str]) -> str:
        url = match.group(2)
        if not re.match(r"^(https?://|mailto:|#)", html.unescape(url)):
            raise MarkdownError(
                line, f"Link „{html.unescape(url)}“: erwartet eine Adresse mit https://, http:// oder mailto:."
            )
        return f'<a href="{url}">{match.group(1)}</a>'

    out = _LINK.sub(link, out)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    return _ITALIC.sub(r"<em>\1</em>", out)


def to_html(text: str) -> str:
    """Markdown → HTML; „##“ becomes <h1>, „###“ <h2> …: levels relative to the heading the text is
    placed under, which the templates add (`shift_headings`), so the page's heading order holds."""
    blocks: list[str] = []
    paragraph: list[str] = []
    start = 0
    items: list[str] = []

    def flush() -> None:
        nonlocal start
        if paragraph:
            blocks.append("<p>" + _inline(" ".join(paragraph), start) + "</p>")
            paragraph.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            flush()
            level = len(heading.group(1))
            if level == 1:
                raise MarkdownError(number, "Überschrift „#“ ist dem Bericht vorbehalten; bitte „##“ oder „###“.")
            blocks.append(f"<h{level - 1}>{_inline(heading.group(2), number)}</h{level - 1}>")
        elif re.match(r"^[-*]\s+", line):
            if paragraph:
                flush()
            items.append(_inline(re.sub(r"^[-*]\s+", "", line), number))
        else:
            if items:
                flush()
            if _HTML.search(line):
                raise MarkdownError(number, "HTML ist nicht erlaubt, nur Markdown (gefunden: „<…“).")
            if not paragraph:
                start = number
            paragraph.append(line)
    flush()
    return "\n".join(blocks)


def shift_headings(text: str, by: int) -> str:
    """Move every heading of a converted text `by` levels down (at most to h6)."""
    return re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + by, 6)}>", text)
