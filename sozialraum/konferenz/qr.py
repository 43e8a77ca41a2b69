"""QR codes drawn locally with segno (pure Python): SVG for the page, PNG bytes for PDFs."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, scale: int = 8, dark: str = "#000000") -> str:
    """An SVG QR code (error correction M, quiet zone 2 modules), without XML declaration."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=scale, border=2, dark=dark, xmldecl=False, svgns=True)
    return buffer.getvalue().decode("utf-8")


def qr_png(url: str, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_matrix(url: str) -> list[list[bool]]:
    """The modules of the code (True = dark), e.g. to draw it as vector shapes in a PDF."""
    return [[bool(v) for v in row] for row in segno.make(url, error="m").matrix]
