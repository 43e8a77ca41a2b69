"""The validation report's table in the page's language (issue 22): each message rendered from its German
template by the Translator; file and column names and the values found are data and stay as they are,
marked German. A message without a translation stays German and is marked `lang="de"` too."""

from __future__ import annotations

import html

from sozialraum.i18n import N_, SOURCE, Translator
from sozialraum.report import Issue, Report

from .sprache import code, german_data, t
from .sprache_daten import scrolling_table

# the columns of `Report.as_records` and the two kinds of issue, for the catalogues
COLUMNS = (N_("Art"), N_("Datei"), N_("Zeile"), N_("Spalte"), N_("Gefundener Wert"), N_("Erwartet / Problem"))
SEVERITIES = (N_("Fehler"), N_("Warnung"))
MESSAGE_COLUMN = COLUMNS[-1]


def translated(issue: Issue, tr: Translator) -> bool:
    """Whether the issue's message reads in `tr`'s language: it has a template and the catalogue has it."""
    if tr.language.code == SOURCE:
        return True
    return issue.text is not None and tr(issue.text.template) != issue.text.template


def message_html(issue: Issue, tr: Translator) -> str:
    """The message for HTML: in the page's language, or German and marked `lang="de"`."""
    if translated(issue, tr):
        return html.escape(issue.render(tr), quote=False)
    return german_data(issue.message)


def report_html(report: Report) -> str:
    """The report as an HTML table for the translated view (a data grid cannot mark single cells German)."""
    tr = Translator(code())
    labels = [html.escape(t(label)) for label in COLUMNS]
    head = "".join(f'<th scope="col">{label}</th>' for label in labels)
    rows = []
    for issue in report.issues:
        cells = (
            html.escape(t(issue.severity)),
            german_data(issue.file),
            "" if issue.row is None else str(issue.row),
            german_data(issue.column or ""),
            german_data(issue.value or ""),
            message_html(issue, tr),
        )
        # on a phone each row is a card: the cell names its column (data-label), as the hidden head would
        tds = "".join(f'<td data-label="{label}">{cell}</td>' for label, cell in zip(labels, cells, strict=True))
        rows.append(f"<tr>{tds}</tr>")
    # on a phone the head hides and each row is a card whose cells name their column
    phone = (
        " @media (max-width: 640px) { .sr-bericht thead { position: absolute; width: 1px; height: 1px;"
        " overflow: hidden; clip-path: inset(50%); } .sr-bericht table, .sr-bericht tbody, .sr-bericht tr,"
        " .sr-bericht td { display: block; } .sr-bericht tr { border: 1px solid #d0d0d0; margin-block-end: .6rem; }"
        " .sr-bericht td { border: 0; padding: .15rem .5rem; } .sr-bericht td:empty { display: none; }"
        " .sr-bericht td::before { content: attr(data-label) ': '; font-weight: 600; } }"
    )
    return scrolling_table("sr-bericht", t("Prüfbericht"), head, rows, phone)
