"""Fortschrittsbericht: a plain, printable progress report (browser print to A4) for the whole
Sozialplan or one Handlungsfeld, with date and source."""

import html
from datetime import date

import pandas as pd
import streamlit as st

from components.layout import footer, setup_page
from components.sozialplan_view import SOURCE
from components.sprache import code, german_data, t
from components.state import url_selectbox
from components.streamlit_internals import html_with_script
from sozialraum.figures import status_figure
from sozialraum.i18n import Translator
from sozialraum.plan import (
    field_overview,
    goal_overview,
    months_ago,
    plan_progress,
    progress_sentence,
    sort_by_id,
    status_text,
)
from sozialraum.plan_changes import changes_sentence, changes_since
from sozialraum.plan_figures import tidy_status_figure
from sozialraum.plan_kennzahlen import (
    delay_definition,
    flagged_measures,
    localized_plan,
    plan_kennzahlen,
    report_rows,
)
from sozialraum.plan_target import target_check
from sozialraum.plot_config import plot_config
from sozialraum.translations import localized

# Print: A4 with 15 mm margins, no app chrome, the whole page (Streamlit's main area scrolls
# on screen and would otherwise print only its visible part), tables not cut inside a row.
PRINT_CSS = """
<style>
  .sr-report-meta { font-size: 0.95rem; color: #333; }
  @media print {
    @page { size: A4; margin: 15mm; }
    html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"],
    [data-testid="stMainBlockContainer"] {
      overflow: visible !important; height: auto !important; position: static !important;
    }
    [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
    [data-testid="stDecoration"], [data-testid="stStatusWidget"], .sr-no-print,
    [data-testid="stPageLink"], [data-testid="stSidebarCollapsedControl"] { display: none !important; }
    html, body { font-size: 11pt; }
    h1, h2, h3, h4 { break-after: avoid; }
    tr, [data-testid="stMetric"] { break-inside: avoid; }
    table { font-size: 9.5pt; }
  }
</style>
"""

bundle = setup_page("fortschritt")
st.html(PRINT_CSS)
if bundle.plan.empty:
    st.title(t("Fortschrittsbericht"))
    st.info(t("Für diesen Datenordner liegt kein Sozialplan vor (massnahmen.csv fehlt)."))
    footer(bundle)
    st.stop()

today = date.today()
tr = Translator(code())
plan, german = localized_plan(bundle.plan, code())
measures = flagged_measures(plan, today, tr=tr)
fields = dict(zip(plan.fields["handlungsfeld_id"], plan.fields["name"], strict=True))
stand = max(measures["stand"])
first_report = min(plan.history["datum"]) if len(plan.history) else stand
source = t(SOURCE)


def mark(text: str) -> str:
    """A data text for markdown: marked German when it has no translation."""
    return german_data(text) if text in german else text


def field_title(feld: str) -> str:
    return t("Handlungsfeld {nummer}: {name}", nummer=feld, name=fields[feld])


def report_table(frame: pd.DataFrame, data_columns: tuple[str, ...] = ()) -> None:
    """A table of the report. German: `st.table`. Other languages: the same table as HTML, so that German data
    cells (titles without a translation, offices in `data_columns`) carry lang="de" for screen readers."""
    if code() == "de":
        st.table(frame, hide_index=True)
        return
    head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in frame.columns)

    def cell(column: str, value: object) -> str:
        text = str(value)
        german_cell = column in data_columns or text in german or text.partition(": ")[2] in german
        return f"<td>{german_data(text) if german_cell else html.escape(text)}</td>"

    rows = "".join(
        "<tr>" + "".join(cell(c, v) for c, v in zip(frame.columns, row, strict=True)) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    st.html(f'<table class="sr-report-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')


with st.sidebar:
    # option texts written now, in this run's language
    options = {"": t("den ganzen Sozialplan"), **{f: field_title(f) for f in fields}}
    feld = url_selectbox(t("Bericht für"), list(options), "hf", default="", format_func=options.get)
    since = st.date_input(
        t("Änderungen seit"),
        value=max(first_report, months_ago(today, 6)),
        max_value=today,
        format="DD.MM.YYYY",
        key="bericht_seit",
        bind="query-params",
    ) or max(first_report, months_ago(today, 6))
    st.caption(t("Drucken: Strg+P (Mac: ⌘+P), Papierformat A4. Navigation und Auswahl werden nicht gedruckt."))

shown = measures[measures["handlungsfeld_id"] == feld] if feld else measures
st.title(t("Fortschrittsbericht {stadt}", stadt=bundle.settings.stadt_name))
st.markdown("## " + (mark(field_title(feld)) if feld else t("Gesamter Sozialplan")), unsafe_allow_html=True)
st.html(
    '<p class="sr-report-meta">'
    + html.escape(
        t(
            "Erstellt am {erstellt} · Stand der Statusmeldungen: bis {stand} · {quelle}",
            erstellt=tr.day(today),
            stand=tr.day(stand),
            quelle=source,
        )
    )
    + "</p>"
)
html_with_script(
    '<button id="sr-print" class="sr-no-print" type="button" style="padding:6px 14px;font-size:1rem;'
    'border:1px solid #1f5f8b;border-radius:6px;background:#fff;color:#1f5f8b;cursor:pointer">'
    + html.escape(t("Bericht drucken (A4)"))
    + "</button>"
    "<script>document.getElementById('sr-print').addEventListener('click', () => window.print());</script>"
)

# On a phone the report's tables scrolled sideways in boxes a keyboard cannot reach (axe-core:
# scrollable-region-focusable, 47 boxes at 390 px): there, long words wrap and each table fits its column.
st.html(
    "<style>@media (max-width: 640px) {"
    '[data-testid="stTable"] > div { overflow: visible !important; }'
    '[data-testid="stTable"] table { width: 100%; }'
    '[data-testid="stTable"] th, [data-testid="stTable"] td { overflow-wrap: anywhere; hyphens: auto; }'
    ".sr-report-table td, .sr-report-table th { overflow-wrap: anywhere; }"
    "}"
    ".sr-report-table { border-collapse: collapse; width: 100%; font-size: .9rem; margin-bottom: 1rem; }"
    ".sr-report-table th, .sr-report-table td { border-bottom: 1px solid #d9d9d9; padding: .3rem .5rem;"
    " text-align: start; vertical-align: top; }"
    "</style>"
)

st.header(t("Auf einen Blick"))
figures = plan_kennzahlen(plan, shown, feld)
key_figures = pd.DataFrame(report_rows(figures, tr), columns=[t("Kennzahl"), t("Wert")])
st.table(key_figures, hide_index=True, width="content")
st.markdown(
    t(
        "Von {anzahl} Maßnahmen sind {umgesetzt} umgesetzt; der mittlere Fortschritt liegt bei {fortschritt}. "
        "Status: {status}.",
        anzahl=figures.measures,
        umgesetzt=figures.done,
        fortschritt=tr.value(figures.progress, "%", 0),
        status=status_text(shown["status"].value_counts(), tr),
    )
)

if not feld:
    overview = field_overview(plan)
    st.header(t("Status je Handlungsfeld"))
    st.plotly_chart(tidy_status_figure(status_figure(overview, tr), tr), config=plot_config(static=True, lang=code()))
    named = overview.assign(name=[mark(n) for n in overview["name"]])
    st.markdown(progress_sentence(named, tr), unsafe_allow_html=True)
    table = pd.DataFrame(
        {
            t("Handlungsfeld"): [
                f"{i}: {n}" for i, n in zip(overview["handlungsfeld_id"], overview["name"], strict=True)
            ],
            t("Ziele"): overview["ziele"].astype(int),
            t("Maßnahmen"): overview["massnahmen"].astype(int),
            t("Fortschritt"): [tr.value(v, "%", 0) for v in overview["fortschritt"]],
            t("Status"): [status_text(row, tr) for _, row in overview.iterrows()],
        }
    )
    report_table(table)

st.header(t("Änderungen seit dem {datum}", datum=tr.day(since)))
changes = changes_since(plan, since, tr=tr)
changes = changes[changes["massnahme_id"].isin(set(shown["massnahme_id"]))]
st.markdown(changes_sentence(changes, since, len(shown), tr))
if len(changes):
    report_table(
        pd.DataFrame(
            {
                t("Nr."): changes["massnahme_id"],
                t("Maßnahme"): changes["titel"],
                t("Änderung"): changes["aenderung"],
            }
        )
    )

goals = goal_overview(plan, tr=tr)
for hf in [feld] if feld else list(fields):
    of_field = sort_by_id(shown[shown["handlungsfeld_id"] == hf])
    st.header(field_title(hf))
    st.markdown(
        t(
            "{anzahl} Maßnahmen, mittlerer Fortschritt {fortschritt}. Status: {status}.",
            anzahl=len(of_field),
            fortschritt=tr.value(plan_progress(of_field), "%", 0),
            status=status_text(of_field["status"].value_counts(), tr),
        )
    )
    for _, goal in goals[goals["handlungsfeld_id"] == hf].iterrows():
        st.markdown(
            "### " + t("Ziel {nummer}: {titel}", nummer=goal["ziel_id"], titel=mark(goal["titel"])),
            unsafe_allow_html=True,
        )
        indikator = goal["zielindikator"]
        if isinstance(indikator, str) and indikator in bundle.catalogue.index and pd.notna(goal["zielwert"]):
            meta = bundle.catalogue.loc[indikator]
            name = localized(meta, "name", code())
            # in the sentences: marked German when the indicator has no name in this language
            shown_name = german_data(name.text) if name.lang != code() else name.text
            unit = localized(meta, "einheit", code()).text or str(meta["einheit"])
            fmt = lambda v, u=unit, m=meta: tr.value(v, u, int(m["dezimalstellen"]))  # noqa: E731
            series = bundle.city[bundle.city["indikator_id"] == indikator]
            check = target_check(
                series, float(goal["zielwert"]), int(goal["zieljahr"]), str(meta["polaritaet"]), shown_name, fmt, tr=tr
            )
            st.markdown(
                t(
                    "Zielwert: {ziel} bis {jahr} ({name}). {satz}",
                    ziel=fmt(goal["zielwert"]),
                    jahr=str(int(goal["zieljahr"])),
                    name=shown_name,
                    satz=check.sentence,
                ),
                unsafe_allow_html=True,
            )
            st.caption(
                t(
                    "Quelle: {quelle} · Datenstand: {datenstand}",
                    quelle=german_data(str(meta["quelle"])),
                    datenstand=german_data(str(meta["datenstand"])),
                ),
                unsafe_allow_html=True,
            )
        of_goal = of_field[of_field["ziel_id"] == goal["ziel_id"]]
        if of_goal.empty:
            st.markdown(t("Keine Maßnahmen."))
            continue
        report_table(
            pd.DataFrame(
                {
                    t("Nr."): of_goal["massnahme_id"],
                    t("Maßnahme"): of_goal["titel"],
                    t("Verantwortlich"): of_goal["verantwortlich"],
                    t("Status"): [tr(s) for s in of_goal["status"]],
                    t("Fortschritt"): [tr.value(v, "%", 0) for v in of_goal["fortschritt"]],
                    t("Zeitraum geplant"): [
                        f"{tr.day(b)} – {tr.day(e)}"
                        for b, e in zip(of_goal["beginn_geplant"], of_goal["ende_geplant"], strict=True)
                    ],
                    t("Stand"): [tr.day(d) for d in of_goal["stand"]],
                    t("Verzug"): [h or "–" for h in of_goal["hinweis"]],
                }
            ),
            (t("Verantwortlich"),),
        )

st.markdown(
    t(
        "**Stand der Statusmeldungen:** {stand} · **Erstellt:** {erstellt} · {quelle} · ",
        stand=tr.day(stand),
        erstellt=tr.day(today),
        quelle=source,
    )
    + delay_definition(figures, tr)
)
footer(bundle, source)
