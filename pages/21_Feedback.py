"""Feedback und Kontakt: report a barrier or a question by e-mail; nothing is stored on the server.
Public page in every language of the public view (components.sprache); the city's settings stay German."""

from urllib.parse import quote

import streamlit as st

from components.layout import footer, setup_page
from components.sprache import german_data, t
from components.technical import internal
from sozialraum.i18n import N_

# reserved for examples (RFC 2606): mail to them never arrives, the page says so
EXAMPLE_DOMAINS = ("@example.org", "@example.com", "@example.net")

bundle = setup_page("feedback", needs_data=False)
s = bundle.settings
stelle = german_data(s.kontakt_stelle) or t("Stadtverwaltung {stadt}", stadt=s.stadt_name)
email = s.kontakt_email.strip()

st.title(t("Feedback und Kontakt"))
intro = t(
    "Haben Sie eine Barriere bemerkt, einen Fehler in den Daten gefunden oder eine Frage zum {titel}? "
    "Schreiben Sie uns ({stelle}).",
    titel=s.titel,
    stelle=stelle,
)
if email:
    intro += " " + t(
        "Das Dashboard selbst speichert Ihre Nachricht nicht: Die Schaltfläche unten öffnet Ihr E-Mail-Programm "
        "mit dem vorbereiteten Text."
    )
st.markdown(intro, unsafe_allow_html=True)

st.header(t("Kontakt"))
mail_link = f"[{email}](mailto:{email})" if email else ""
rows = [
    (t("Stelle"), stelle),
    (t("Anschrift"), german_data(s.kontakt_anschrift)),
    (t("E-Mail"), mail_link),
    (t("Telefon"), s.kontakt_telefon),
]
st.markdown("\n".join(f"- **{label}:** {value}" for label, value in rows if value), unsafe_allow_html=True)
if email.endswith(EXAMPLE_DOMAINS):
    st.caption(t("Beispieladresse der Beispieldaten: Nachrichten an diese Adresse kommen nicht an."))
if not email and internal(s):
    st.warning(
        "Es ist noch keine Kontaktadresse eingetragen (Einstellungen, Abschnitt [kontakt], Schlüssel email); "
        "ohne sie fehlt das Nachrichtenformular.",
        icon=":material/warning:",
    )

if email:
    st.header(t("Nachricht vorbereiten"))
    # the subject stays German: the city's staff read it; the visitor sees the topic in their language
    topics = [N_("Barriere melden"), N_("Frage zu den Daten"), N_("Fehler in den Daten"), N_("Sonstiges")]
    topic = st.selectbox(t("Worum geht es?"), topics, key="feedback_thema", format_func=t)
    where = st.text_input(t("Welche Seite oder welcher Inhalt? (freiwillig)"), key="feedback_seite", max_chars=200)
    text = st.text_area(t("Ihre Nachricht"), key="feedback_text", max_chars=3000, height=160)
    subject = f"{s.titel}: {topic}"
    body = f"{text}\n\nSeite/Inhalt: {where}" if where else text
    st.link_button(
        t("E-Mail-Programm mit dieser Nachricht öffnen"),
        f"mailto:{email}?subject={quote(subject)}&body={quote(body)}",
        icon=":material/send:",
        type="primary",
    )
st.caption(
    t(
        "Hinweise zur Barrierefreiheit des Dashboards stehen in der Erklärung zur Barrierefreiheit. "
        "Erhalten Sie keine zufriedenstellende Antwort, nennt die Erklärung die Durchsetzungsstelle."
    )
)

footer(bundle)
