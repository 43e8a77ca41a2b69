"""Fortschrittsbericht: a plain, printable progress report (browser print to A4) for the whole
Sozialplan or one Handlungsfeld, with date and source."""

from datetime import date

import pandas as pd
import streamlit as st

from components.layout import footer, setup_page
from components.sprache import code
from components.state import url_selectbox
from components.streamlit_internals import html_with_script
from sozialraum.figures import status_figure
from sozialraum.formatting import format_date, format_percent, format_value
from sozialraum.i18n import Translator
from sozialraum.plan import (
    changes_sentence,
    changes_since,
    field_overview,
    goal_overview,
    months_ago,
    plan_progress,
    progress_sentence,
    sort_by_id,
    status_text,
    target_check,
)
from sozialraum.plan_figures import tidy_status_figure
from sozialraum.plan_kennzahlen import delay_definition, flagged_measures, plan_kennzahlen, report_rows
from sozialraum.plot_config import plot_config

SOURCE = "Quelle: Sozialplanung (massnahmen.csv, massnahmen_verlauf.csv)"

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
plan = bundle.plan
if plan.empty:
    st.title("Fortschrittsbericht")
    st.info("Für diesen Datenordner liegt kein Sozialplan vor (massnahmen.csv fehlt).")
    footer(bundle)
    st.stop()

today = date.today()
measures = flagged_measures(plan, today)
tr = Translator(code())
fields = dict(zip(plan.fields["handlungsfeld_id"], plan.fields["name"], strict=True))
stand = max(measures["stand"])
first_report = min(plan.history["datum"]) if len(plan.history) else stand

with st.sidebar:
    feld = url_selectbox(
        "Bericht für",
        ["", *fields],
        "hf",
        default="",
        format_func=lambda f: f"Handlungsfeld {f}: {fields[f]}" if f else "den ganzen Sozialplan",
    )
    since = st.date_input(
        "Änderungen seit",
        value=max(first_report, months_ago(today, 6)),
        max_value=today,
        format="DD.MM.YYYY",
        key="bericht_seit",
        bind="query-params",
    ) or max(first_report, months_ago(today, 6))
    st.caption("Drucken: Strg+P (Mac: ⌘+P), Papierformat A4. Navigation und Auswahl werden nicht gedruckt.")

shown = measures[measures["handlungsfeld_id"] == feld] if feld else measures
scope = f"Handlungsfeld {feld}: {fields[feld]}" if feld else "Gesamter Sozialplan"
st.title(f"Fortschrittsbericht {bundle.settings.stadt_name}")
st.markdown(f"## {scope}")
st.html(
    f'<p class="sr-report-meta">Erstellt am {format_date(today)} · Stand der Statusmeldungen: bis '
    f"{format_date(stand)} · {SOURCE}</p>"
)
html_with_script(
    '<button id="sr-print" class="sr-no-print" type="button" style="padding:6px 14px;font-size:1rem;'
    'border:1px solid #1f5f8b;border-radius:6px;background:#fff;color:#1f5f8b;cursor:pointer">'
    "Bericht drucken (A4)</button>"
    "<script>document.getElementById('sr-print').addEventListener('click', () => window.print());</script>"
)

# On a phone the report's tables scrolled sideways in boxes a keyboard cannot reach (axe-core:
# scrollable-region-focusable, 47 boxes at 390 px): there, long words wrap and each table fits its column.
st.html(
    "<style>@media (max-width: 640px) {"
    '[data-testid="stTable"] > div { overflow: visible !important; }'
    '[data-testid="stTable"] table { width: 100%; }'
    '[data-testid="stTable"] th, [data-testid="stTable"] td { overflow-wrap: anywhere; hyphens: auto; }'
    "}</style>"
)

st.header("Auf einen Blick")
figures = plan_kennzahlen(plan, shown, feld)
key_figures = pd.DataFrame(report_rows(figures, tr), columns=["Kennzahl", "Wert"])
st.table(key_figures, hide_index=True, width="content")
st.markdown(
    f"Von {figures.measures} Maßnahmen sind {figures.done} umgesetzt; der mittlere Fortschritt liegt bei "
    f"{format_percent(figures.progress)}. Status: {status_text(shown['status'].value_counts())}."
)

if not feld:
    overview = field_overview(plan)
    st.header("Status je Handlungsfeld")
    st.plotly_chart(tidy_status_figure(status_figure(overview)), config=plot_config(static=True))
    st.markdown(progress_sentence(overview))
    table = overview.assign(
        Handlungsfeld=[f"{i}: {n}" for i, n in zip(overview["handlungsfeld_id"], overview["name"], strict=True)],
        Ziele=overview["ziele"].astype(int),
        Maßnahmen=overview["massnahmen"].astype(int),
        Fortschritt=[format_percent(v) for v in overview["fortschritt"]],
        Status=[status_text(row) for _, row in overview.iterrows()],
    )[["Handlungsfeld", "Ziele", "Maßnahmen", "Fortschritt", "Status"]]
    st.table(table, hide_index=True)

st.header(f"Änderungen seit dem {format_date(since)}")
changes = changes_since(plan, since)
changes = changes[changes["massnahme_id"].isin(set(shown["massnahme_id"]))]
st.markdown(changes_sentence(changes, since, len(shown)))
if len(changes):
    st.table(
        changes.assign(Nr=changes["massnahme_id"], Maßnahme=changes["titel"], Änderung=changes["aenderung"])[
            ["Nr", "Maßnahme", "Änderung"]
        ].rename(columns={"Nr": "Nr."}),
        hide_index=True,
    )

goals = goal_overview(plan)
for hf in [feld] if feld else list(fields):
    of_field = sort_by_id(shown[shown["handlungsfeld_id"] == hf])
    st.header(f"Handlungsfeld {hf}: {fields[hf]}")
    st.markdown(
        f"{len(of_field)} Maßnahmen, mittlerer Fortschritt {format_percent(plan_progress(of_field))}. "
        f"Status: {status_text(of_field['status'].value_counts())}."
    )
    for _, goal in goals[goals["handlungsfeld_id"] == hf].iterrows():
        st.markdown(f"### Ziel {goal['ziel_id']}: {goal['titel']}")
        indikator = goal["zielindikator"]
        if isinstance(indikator, str) and indikator in bundle.catalogue.index and pd.notna(goal["zielwert"]):
            meta = bundle.catalogue.loc[indikator]
            fmt = lambda v, m=meta: format_value(v, str(m["einheit"]), int(m["dezimalstellen"]))  # noqa: E731
            series = bundle.city[bundle.city["indikator_id"] == indikator]
            check = target_check(
                series, float(goal["zielwert"]), int(goal["zieljahr"]), str(meta["polaritaet"]), str(meta["name"]), fmt
            )
            st.markdown(f"Zielwert: {fmt(goal['zielwert'])} bis {goal['zieljahr']} ({meta['name']}). {check.sentence}")
            st.caption(f"Quelle: {meta['quelle']} · Datenstand: {meta['datenstand']}")
        of_goal = of_field[of_field["ziel_id"] == goal["ziel_id"]]
        if of_goal.empty:
            st.markdown("Keine Maßnahmen.")
            continue
        st.table(
            pd.DataFrame(
                {
                    "Nr.": of_goal["massnahme_id"],
                    "Maßnahme": of_goal["titel"],
                    "Verantwortlich": of_goal["verantwortlich"],
                    "Status": of_goal["status"],
                    "Fortschritt": [format_percent(v) for v in of_goal["fortschritt"]],
                    "Zeitraum geplant": [
                        f"{format_date(b)} – {format_date(e)}"
                        for b, e in zip(of_goal["beginn_geplant"], of_goal["ende_geplant"], strict=True)
                    ],
                    "Stand": [format_date(d) for d in of_goal["stand"]],
                    "Verzug": [h or "–" for h in of_goal["hinweis"]],
                }
            ),
            hide_index=True,
        )

st.markdown(
    f"**Stand der Statusmeldungen:** {format_date(stand)} · **Erstellt:** {format_date(today)} · {SOURCE} · "
    + delay_definition(figures, tr)
)
footer(bundle, SOURCE)
