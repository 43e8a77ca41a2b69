"""Feedback und Kontakt: report a barrier or a question by e-mail; nothing is stored on the server."""

from urllib.parse import quote

import streamlit as st

from components.layout import footer, setup_page
from components.technical import internal

# reserved for examples (RFC 2606): mail to them never arrives, the page says so
EXAMPLE_DOMAINS = ("@example.org", "@example.com", "@example.net")

bundle = setup_page("feedback", needs_data=False)
s = bundle.settings
stelle = s.kontakt_stelle or f"Stadtverwaltung {s.stadt_name}"
email = s.kontakt_email.strip()

st.title("Feedback und Kontakt")
intro = (
    f"Haben Sie eine Barriere bemerkt, einen Fehler in den Daten gefunden oder eine Frage zum {s.titel}? "
    f"Schreiben Sie uns ({stelle})."
)
if email:
    intro += (
        " Das Dashboard selbst speichert Ihre Nachricht nicht: Die Schaltfläche unten öffnet Ihr E-Mail-Programm "
        "mit dem vorbereiteten Text."
    )
st.markdown(intro)

st.header("Kontakt")
mail_link = f"[{email}](mailto:{email})" if email else ""
rows = [("Stelle", stelle), ("Anschrift", s.kontakt_anschrift), ("E-Mail", mail_link), ("Telefon", s.kontakt_telefon)]
st.markdown("\n".join(f"- **{label}:** {value}" for label, value in rows if value))
if email.endswith(EXAMPLE_DOMAINS):
    st.caption("Beispieladresse der Beispieldaten: Nachrichten an diese Adresse kommen nicht an.")
if not email and internal(s):
    st.warning(
        "Es ist noch keine Kontaktadresse eingetragen (Einstellungen, Abschnitt [kontakt], Schlüssel email); "
        "ohne sie fehlt das Nachrichtenformular.",
        icon=":material/warning:",
    )

if email:
    st.header("Nachricht vorbereiten")
    topic = st.selectbox(
        "Worum geht es?",
        ["Barriere melden", "Frage zu den Daten", "Fehler in den Daten", "Sonstiges"],
        key="feedback_thema",
    )
    where = st.text_input("Welche Seite oder welcher Inhalt? (freiwillig)", key="feedback_seite", max_chars=200)
    text = st.text_area("Ihre Nachricht", key="feedback_text", max_chars=3000, height=160)
    subject = f"{s.titel}: {topic}"
    body = f"{text}\n\nSeite/Inhalt: {where}" if where else text
    st.link_button(
        "E-Mail-Programm mit dieser Nachricht öffnen",
        f"mailto:{email}?subject={quote(subject)}&body={quote(body)}",
        icon=":material/send:",
        type="primary",
    )
st.caption(
    "Hinweise zur Barrierefreiheit des Dashboards stehen in der Erklärung zur Barrierefreiheit. "
    "Erhalten Sie keine zufriedenstellende Antwort, nennt die Erklärung die Durchsetzungsstelle."
)

footer(bundle)
