"""Konferenz vorbereiten: build the agenda of a Sozialraumkonferenz and save it as TOML in the data folder."""

from datetime import date, timedelta

import streamlit as st

from components.konferenz import get_agendas
from components.konferenz_frame import restructure_draft
from components.layout import footer, setup_page
from components.navigation import link_if_offered
from sozialraum.formatting import format_date
from sozialraum.i18n import languages
from sozialraum.konferenz.addresses import public_address_problem
from sozialraum.konferenz.agenda import (
    SLIDE_TYPES,
    Agenda,
    Known,
    Slide,
    parse_agenda,
    second_languages,
    slug,
    to_toml,
    write_agenda,
)

# checkbox label and default of the yes/no settings of a slide
BOOL_LABELS = {
    "haeufeln": ("Mehrere Punkte auf eine Karte", True),
    "rangliste": ("Rangliste schon während der Abstimmung zeigen", False),
}

bundle = setup_page("konferenz_vorbereiten")
agendas = {cid: r.agenda for cid, r in get_agendas(bundle).items() if r.ok}
NEW = ""
names = dict(zip(bundle.areas["gebiet_id"], bundle.areas["name"], strict=True))
catalogue = bundle.catalogue
fields = {}
if not bundle.plan.fields.empty:
    fields = dict(zip(bundle.plan.fields["handlungsfeld_id"].astype(str), bundle.plan.fields["name"], strict=True))

with st.sidebar:
    choice = st.selectbox(
        "Konferenz",
        [NEW, *agendas],
        format_func=lambda c: (
            "– neue Konferenz –" if c == NEW else f"{agendas[c].titel} ({format_date(agendas[c].datum)})"
        ),
        key="vorbereiten_wahl",
    )


def draft_from(agenda: Agenda | None) -> dict:
    if agenda is None:
        gebiet = next(iter(names), "")
        return {
            "id": "", "titel": "", "datum": date.today() + timedelta(days=28), "beginn": "17:00", "ort": "",
            "gebiet": gebiet, "moderation": "", "adresse": "", "zweitsprache": "",
            "slides": [{"art": "steckbrief", "titel": "", "params": {}},
                       {"art": "erfassung", "titel": "", "params": {"leitfrage": "Was ist hier stark, was fehlt?"}},
                       {"art": "abstimmung", "titel": "", "params": {"punkte": 3, "haeufeln": True}}],
        }  # fmt: skip
    return {
        "id": agenda.id, "titel": agenda.titel, "datum": agenda.datum, "beginn": agenda.beginn, "ort": agenda.ort,
        "gebiet": agenda.gebiet, "moderation": agenda.moderation, "adresse": agenda.adresse,
        "zweitsprache": agenda.zweitsprache,
        "slides": [{"art": s.art, "titel": s.titel, "params": dict(s.params)} for s in agenda.slides],
    }  # fmt: skip


if st.session_state.get("_entwurf_von") != choice:
    st.session_state["_entwurf"] = draft_from(agendas.get(choice))
    st.session_state["_entwurf_von"] = choice
    st.session_state["_entwurf_gen"] = st.session_state.get("_entwurf_gen", 0) + 1
draft = st.session_state["_entwurf"]
gen = st.session_state["_entwurf_gen"]


st.title("Konferenz vorbereiten")
st.markdown(
    "Hier entsteht die Tagesordnung einer Sozialraumkonferenz: Kopfdaten und die Folien in ihrer Reihenfolge. "
    "Gespeichert wird eine Datei `konferenzen/<kennung>.toml` im Datenordner; Aufbau in `docs/konferenz.md`."
)
head_left, head_right = st.columns(2)
draft["titel"] = head_left.text_input("Titel", draft["titel"], key=f"titel_{gen}")
draft["ort"] = head_right.text_input("Ort", draft["ort"], key=f"ort_{gen}")
draft["datum"] = head_left.date_input("Datum", draft["datum"], format="DD.MM.YYYY", key=f"datum_{gen}")
draft["beginn"] = head_right.text_input("Beginn (Uhrzeit)", draft["beginn"], key=f"beginn_{gen}")
area_ids = sorted(names, key=names.get)
draft["gebiet"] = head_left.selectbox(
    "Sozialraum", area_ids, index=area_ids.index(draft["gebiet"]) if draft["gebiet"] in area_ids else 0,
    format_func=names.get, key=f"gebiet_{gen}",
)  # fmt: skip
draft["moderation"] = head_right.text_input("Moderation", draft["moderation"], key=f"moderation_{gen}")
draft["adresse"] = head_left.text_input(
    "Adresse für Telefone (optional)", draft["adresse"], key=f"adresse_{gen}",
    help="Unter dieser Adresse erreichen die Telefone im Raum den Rechner, z. B. http://192.168.1.20:8501",
)  # fmt: skip
second, chosen_second = ["", *second_languages()], draft.get("zweitsprache", "")
draft["zweitsprache"] = head_right.selectbox(
    "Zweite Sprache auf den Folien", second, index=second.index(chosen_second) if chosen_second in second else 0,
    format_func=lambda c: languages()[c].name if c else "keine",
    key=f"zweitsprache_{gen}",
    help="Überschriften und der Hinweis zur Abstimmung erscheinen ein zweites Mal, kleiner, in dieser Sprache "
    "(für Bewohnerinnen und Bewohner, die nicht gut Deutsch lesen).",
)  # fmt: skip
# a new conference's Kennung follows title, area and date until someone types their own
auto_id = slug(f"{draft['titel'] or 'konferenz-' + names.get(draft['gebiet'], '')}-{draft['datum']:%Y-%m}")
own_id = draft["id"] if choice != NEW else draft.get("id_eigen")
entered = head_right.text_input(
    "Kennung (Dateiname)", own_id or auto_id, key=f"kennung_{gen}_{choice}_{'eigen' if own_id else auto_id}",
    help="Kleinbuchstaben, Ziffern, - und _; folgt Titel, Sozialraum und Datum, bis Sie eine eigene eintragen",
)  # fmt: skip
if choice == NEW and entered != auto_id:
    draft["id_eigen"] = entered
draft["id"] = entered

st.header("Folien")
indicators = list(catalogue.sort_values(["thema", "name"]).index)
years = bundle.years[::-1]
for i, slide in enumerate(draft["slides"]):
    with st.container(border=True):
        top = st.columns([3, 4, 1, 1, 1], vertical_alignment="bottom")
        slide["art"] = top[0].selectbox(
            f"Folie {i + 1}: Art", list(SLIDE_TYPES), index=list(SLIDE_TYPES).index(slide["art"]),
            format_func=lambda a: SLIDE_TYPES[a][0], key=f"art_{gen}_{i}",
        )  # fmt: skip
        slide["titel"] = top[1].text_input("Eigener Titel (optional)", slide["titel"], key=f"ftitel_{gen}_{i}")
        top[2].button("↑", key=f"hoch_{gen}_{i}", on_click=restructure_draft, args=("hoch", i), help="Nach oben")
        top[3].button("↓", key=f"runter_{gen}_{i}", on_click=restructure_draft, args=("runter", i), help="Nach unten")
        top[4].button("✕", key=f"weg_{gen}_{i}", on_click=restructure_draft, args=("weg", i), help="Folie entfernen")
        params = {}
        spec = SLIDE_TYPES[slide["art"]][1]
        columns = st.columns(max(1, len(spec)))
        for column, (key, (kind, _required, text)) in zip(columns, spec.items(), strict=False):
            current = slide["params"].get(key)
            wkey = f"p_{key}_{gen}_{i}_{slide['art']}"
            if kind == "indikator":
                value = column.selectbox(
                    "Indikator", indicators, index=indicators.index(current) if current in indicators else 0,
                    format_func=lambda x: f"{catalogue.at[x, 'thema']} · {catalogue.at[x, 'name']}", key=wkey,
                )  # fmt: skip
            elif kind == "jahr":
                options = [0, *years]
                value = column.selectbox(
                    "Jahr", options, index=options.index(current) if current in options else 0,
                    format_func=lambda y: "das neueste" if y == 0 else str(y), key=wkey,
                ) or None  # fmt: skip
            elif kind == "datum":
                value = column.date_input(
                    "Seit", current or date.today() - timedelta(days=365), format="DD.MM.YYYY", key=wkey
                )
            elif kind == "text":
                value = column.text_input(text, current or "", key=wkey) or None
            elif kind == "punkte":
                value = int(column.number_input("Punkte je Person", 1, 20, int(current or 3), key=wkey))
            elif kind == "bool":
                label, default = BOOL_LABELS.get(key, (text, False))
                value = column.checkbox(label, current if current is not None else default, key=wkey)
            else:  # handlungsfeld
                options = ["", *fields]
                value = column.selectbox(
                    "Handlungsfeld", options, index=options.index(current) if current in options else 0,
                    format_func=lambda f: fields.get(f, "alle"), key=wkey,
                ) or None  # fmt: skip
            if value is not None:
                params[key] = value
        slide["params"] = params

add_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
new_art = add_col.selectbox("Neue Folie", list(SLIDE_TYPES), format_func=lambda a: SLIDE_TYPES[a][0], key="neue_art")
button_col.button("Folie anfügen", on_click=restructure_draft, args=("neu", 0, new_art), icon=":material/add:")

agenda = Agenda(
    id=draft["id"].strip(),
    titel=draft["titel"].strip(),
    datum=draft["datum"],
    ort=draft["ort"].strip(),
    gebiet=draft["gebiet"],
    slides=tuple(Slide(s["art"], s["params"], s["titel"].strip()) for s in draft["slides"]),
    beginn=draft["beginn"].strip(),
    moderation=draft["moderation"].strip(),
    adresse=draft["adresse"].strip(),
    zweitsprache=draft["zweitsprache"],
)
public_problem = public_address_problem(bundle.settings.oeffentliche_adresse)
if public_problem:
    st.warning(
        f"{public_problem} Die Adresse steht auf dem Steckbrief-Handout und in seinem QR-Code "
        "(Aufbau in docs/konferenz.md).",
        icon=":material/qr_code_2:",
    )
text = to_toml(agenda)
check = parse_agenda(text, f"konferenzen/{agenda.id or '?'}.toml", Known.from_bundle(bundle))
if check.problems:
    st.warning("Vor dem Speichern noch zu klären:\n\n" + "\n".join(f"- {p.as_text()}" for p in check.problems))
exists = agenda.id in agendas and agenda.id != choice
if exists:
    st.warning(f"Eine Konferenz mit der Kennung „{agenda.id}“ gibt es schon; Speichern überschreibt sie.")
if st.button("Konferenz speichern", type="primary", disabled=bool(check.problems), icon=":material/save:"):
    path = write_agenda(agenda, bundle.folder)
    st.success(f"Gespeichert: {path.relative_to(bundle.folder)}")
    link_if_offered(
        bundle, "praesentation", label="Präsentation öffnen", icon=":material/slideshow:",
        query_params={"konferenz": agenda.id, "folie": "1"},
    )  # fmt: skip
with st.expander("Die Datei (TOML)"):
    st.code(text, language="toml")
footer(bundle)
