"""The ``config`` every Plotly chart gets: toolbar (modebar) and number formats in the page's language, no Plotly
logo, PNG export.

Streamlit 1.67 bundles plotly.js without its locale files, so ``locale: "de"`` alone leaves the modebar
English ("Download plot as a PNG", "Autoscale", …). plotly.js also reads a chart's own dictionary from the
config key ``locales`` (lib/localize.js looks there before its registry): the German texts travel with
each chart, offline. Keys are plotly.js's English texts exactly as it looks them up. Other languages get the
visible toolbar texts from the catalogues (`TOOLBAR`) and decimal and grouping signs of their locale; plotly.js
takes a chart's `separators` from that format unless the figure sets its own.
"""

from __future__ import annotations

from typing import Any

from babel.numbers import get_decimal_symbol, get_group_symbol

from .i18n import N_, SOURCE, Translator, _babel_locale

GERMAN = {
    "Autoscale": "Automatisch skalieren",
    "Box Select": "Rechteck auswählen",
    "Lasso Select": "Lasso-Auswahl",
    "Compare data on hover": "Beim Darüberfahren alle Werte vergleichen",
    "Show closest data on hover": "Beim Darüberfahren den nächsten Wert zeigen",
    "Toggle show closest data on hover": "Nächsten Wert beim Darüberfahren ein- oder ausschalten",
    "Toggle Spike Lines": "Hilfslinien ein- oder ausschalten",
    "Download plot as a PNG": "Als PNG-Bild speichern",
    "Download plot as a png": "Als PNG-Bild speichern",
    "Download plot": "Als Bild speichern",
    "Download plot as JSON": "Diagramm als JSON herunterladen",
    "Preparing image - this may take a few seconds": "Das Bild wird erstellt – das kann einige Sekunden dauern",
    "Image download succeeded": "Bild heruntergeladen",
    "JSON download succeeded": "JSON heruntergeladen",
    "Sorry, there was a problem downloading your image!": "Das Bild konnte nicht heruntergeladen werden.",
    "Sorry, there was a problem downloading your JSON file!": "Die JSON-Datei konnte nicht heruntergeladen werden.",
    "Taking snapshot - this may take a few seconds": "Das Bild wird erstellt – das kann einige Sekunden dauern",
    "Snapshot succeeded": "Bild erstellt",
    "Zoom": "Ausschnitt vergrößern",
    "Zoom in": "Vergrößern",
    "Zoom out": "Verkleinern",
    "Pan": "Verschieben",
    "Reset axes": "Achsen zurücksetzen",
    "Reset": "Zurücksetzen",
    "Reset view": "Ansicht zurücksetzen",
    "Reset views": "Ansichten zurücksetzen",
    "Reset camera to default": "Kamera zurücksetzen",
    "Reset camera to last save": "Kamera auf die letzte Speicherung zurücksetzen",
    "Orbital rotation": "Frei drehen",
    "Turntable rotation": "Um die Achse drehen",
    "Draw line": "Linie zeichnen",
    "Draw open freeform": "Offene Form zeichnen",
    "Draw closed freeform": "Geschlossene Form zeichnen",
    "Draw rectangle": "Rechteck zeichnen",
    "Draw circle": "Kreis zeichnen",
    "Erase active shape": "Gewählte Form löschen",
    "Share chart...": "Diagramm teilen …",
    "Double-click to zoom back out": "Doppelklick: zurück zur ganzen Ansicht",
    "Double-click on legend to isolate one trace": "Doppelklick auf die Legende zeigt nur diese Linie",
}
MONTHS = [
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
]  # fmt: skip
DAYS = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"]
FORMAT = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["", " €"],
    "months": MONTHS,
    "shortMonths": ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
    "days": DAYS,
    "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
    "date": "%d.%m.%Y",
    "dateTime": "%A, %e. %B %Y, %X",
    "periods": ["AM", "PM"],
}
LOCALE = {"locale": "de", "locales": {"de": {"dictionary": GERMAN, "format": FORMAT}}}
# the toolbar texts a visitor sees (button titles, the hint after a zoom), as msgids for the other languages
TOOLBAR = {
    "Autoscale": N_("Automatisch skalieren"),
    "Compare data on hover": N_("Beim Darüberfahren alle Werte vergleichen"),
    "Show closest data on hover": N_("Beim Darüberfahren den nächsten Wert zeigen"),
    "Toggle Spike Lines": N_("Hilfslinien ein- oder ausschalten"),
    "Download plot as a PNG": N_("Als PNG-Bild speichern"),
    "Download plot as a png": N_("Als PNG-Bild speichern"),
    "Download plot": N_("Als Bild speichern"),
    "Zoom": N_("Ausschnitt vergrößern"),
    "Zoom in": N_("Vergrößern"),
    "Zoom out": N_("Verkleinern"),
    "Pan": N_("Verschieben"),
    "Reset axes": N_("Achsen zurücksetzen"),
    "Double-click to zoom back out": N_("Doppelklick: zurück zur ganzen Ansicht"),
    "Double-click on legend to isolate one trace": N_("Doppelklick auf die Legende zeigt nur diese Linie"),
}


def chart_locale(lang: str = SOURCE) -> dict:
    """The `locale`/`locales` part of the config: German (and Leichte Sprache) as `LOCALE`, English as
    plotly.js's own, the others with translated toolbar texts; decimal and grouping signs per locale."""
    tr = Translator(lang)
    if tr.language.locale.startswith("de"):
        return LOCALE
    babel = _babel_locale(tr.language.locale)
    number = {"decimal": get_decimal_symbol(babel), "thousands": get_group_symbol(babel), "grouping": [3]}
    dictionary = {} if lang == "en" else {key: tr(text) for key, text in TOOLBAR.items()}
    return {"locale": lang, "locales": {lang: {"dictionary": dictionary, "format": number}}}


def plot_config(filename: str = "diagramm", *, static: bool = False, lang: str = SOURCE) -> dict:
    """``config`` for ``st.plotly_chart``: modebar and formats in `lang`, no Plotly logo, PNG export under a
    useful name (the camera button renders it in the browser: nothing leaves the machine).

    ``static`` draws a picture without modebar or hover (a slide, a printed report)."""
    locale = chart_locale(lang)
    if static:
        return {**locale, "displaylogo": False, "staticPlot": True}
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in filename)
    return {
        **locale,
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": safe or "diagramm", "scale": 2},
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }


def right_to_left(fig: Any, lang: str = SOURCE) -> Any:
    """A horizontal bar chart (names of areas or indicators on the category axis) mirrored for a right-to-left
    language: the names on the right, where the reader starts, the bars growing to the left. Other charts,
    time axes above all, keep running left to right (docs/sprachen.md)."""
    bars = [trace for trace in fig.data if trace.type == "bar"]
    if Translator(lang).language.direction != "rtl" or not bars or any(b.orientation != "h" for b in bars):
        return fig
    fig = type(fig)(fig)  # a copy: the figure may come from a cache shared by every rerun
    xaxis, margin = fig.layout.xaxis, fig.layout.margin
    # bars of one sign grow from the right; a diverging chart (deviations, with "← worse · better →" on its
    # axis) keeps its number line, negative on the left, and only moves the names to the right
    one_sign = all(v is None or v >= 0 for b in bars for v in (b.x if b.x is not None else ()))
    if one_sign and xaxis.range is not None:
        fig.update_xaxes(range=list(reversed(xaxis.range)))
    elif one_sign:
        fig.update_xaxes(autorange="reversed")
    fig.update_yaxes(side="right")
    if margin.l is not None or margin.r is not None:  # the room for the names moves with them
        fig.update_layout(margin={"l": margin.r, "r": margin.l})
    return fig
