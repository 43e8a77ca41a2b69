"""Präsentation: a Sozialraumkonferenz on the projector, one slide per URL (?konferenz=…&folie=…)."""

import streamlit as st

from components.konferenz import get_agendas, get_store, prepare_all_slides, slide_content
from components.konferenz_frame import fullscreen_button, setup_projector, step_slide
from components.konferenz_slides import chart_stage, draw_slide, map_stage, slide_header, source_footer
from components.navigation import page_link
from sozialraum.formatting import format_date

bundle = setup_projector("praesentation")
agendas = get_agendas(bundle)
konferenz = st.query_params.get("konferenz", "")

if konferenz not in agendas or not agendas[konferenz].ok:
    st.title("Präsentation einer Sozialraumkonferenz", anchor=False)
    if konferenz in agendas:
        st.error(f"Die Konferenzdatei „{konferenz}“ enthält Fehler:", icon=":material/error:")
        st.markdown("\n".join(f"- {p.as_text()}" for p in agendas[konferenz].problems))
    elif konferenz:
        st.error(f"Eine Konferenz „{konferenz}“ gibt es im Datenordner nicht.", icon=":material/error:")
    for cid, result in agendas.items():
        if result.ok:
            a = result.agenda
            page_link(
                "praesentation",
                label=f"{a.titel} · {format_date(a.datum)} · {bundle.area_name(a.gebiet)}",
                query_params={"konferenz": cid, "folie": "1"},
                icon=":material/slideshow:",
            )
    if not agendas:
        st.info("Noch keine Konferenz vorbereitet.")
    page_link("konferenz_vorbereiten", label="Konferenz vorbereiten", icon=":material/edit_note:")
    st.stop()

agenda = agendas[konferenz].agenda
total = len(agenda.slides)
try:
    folie = min(max(int(st.query_params.get("folie", "1")), 1), total)
except ValueError:
    folie = 1
if st.query_params.get("folie") != str(folie):
    st.query_params["folie"] = str(folie)
prepare_all_slides(bundle, agenda)


content = slide_content(bundle, agenda, folie - 1)
if st.session_state.get("_gezeigt") != (konferenz, folie):
    get_store().mark_shown(konferenz, folie)
    st.session_state["_gezeigt"] = (konferenz, folie)

slide_header(bundle, agenda, content)
map_stage(bundle, agenda, content)
chart_stage(bundle, agenda, content)
draw_slide(bundle, agenda, content)
source_footer(content)

back, forward, full, _, results = st.columns([1, 1, 1.3, 1.7, 1.3], vertical_alignment="center")
# one arrow each ("← Zurück", "Weiter →"): the keys sit on hidden buttons, whose shortcut hint would add a second
back.button(
    "Zurück", key="folie_zurueck", on_click=step_slide, args=(-1, total), disabled=folie <= 1,
    icon=":material/arrow_back:", width="stretch",
)  # fmt: skip
forward.button(
    "Weiter", key="folie_weiter", on_click=step_slide, args=(1, total), disabled=folie >= total,
    icon=":material/arrow_forward:", icon_position="right", width="stretch", type="primary",
)  # fmt: skip
with full:
    fullscreen_button()
# presenter clickers send Page Up / Page Down: the same moves, on buttons the CSS hides
st.button("Folie zurück (Bild auf)", key="folie_pgup", on_click=step_slide, args=(-1, total), shortcut="PageUp")
st.button("Folie weiter (Bild ab)", key="folie_pgdn", on_click=step_slide, args=(1, total), shortcut="PageDown")
st.button("Folie zurück (Pfeil links)", key="folie_links", on_click=step_slide, args=(-1, total), shortcut="Left")
st.button("Folie weiter (Pfeil rechts)", key="folie_rechts", on_click=step_slide, args=(1, total), shortcut="Right")
page_link(
    "konferenz_ergebnisse", results, label="Ergebnisse", query_params={"konferenz": konferenz},
    icon=":material/fact_check:",
)  # fmt: skip
