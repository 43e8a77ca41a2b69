"""Feedback und Kontakt: report a barrier or a question by e-mail; nothing is stored on the server."""

from urllib.parse import quote

import streamlit as st

from components.layout import footer, setup_page

bundle = setup_page("Feedback und Kontakt", needs_data=False)
s = bundle.settings
stelle = s.kontakt_stelle or s.stadt_name

st.title("Feedback und Kontakt")
st.markdown(
    f"Haben Sie eine Barriere bemerkt, einen Fehler in den Daten gefunden oder eine Frage zum {s.titel}? "
    f"Schreiben Sie an {stelle}. Das Dashboard selbst speichert Ihre Nachricht nicht: Die Schaltfläche unten "
    "öffnet Ihr E-Mail-Programm mit dem vorbereiteten Text."
)

st.header("Kontakt")
rows = [("Stelle", stelle), ("Anschrift", s.kontakt_anschrift), ("E-Mail", s.kontakt_email)]
rows.append(("Telefon", s.kontakt_telefon))
st.markdown("\n".join(f"- **{label}:** {value}" for label, value in rows if value))
if not s.kontakt_email:
    st.warning(
        "Es ist noch keine Kontaktadresse eingetragen (Einstellungen, Abschnitt [kontakt], Schlüssel email).",
        icon=":material/warning:",
    )

st.header("Nachricht vorbereiten")
topic = st.selectbox(
    "Worum geht es?",
    ["Barriere melden", "Frage zu den Daten", "Fehler in den Daten", "Sonstiges"],
    key="feedback_thema",
)
where = st.text_input("Welche Seite oder welcher Inhalt? (freiwillig)", key="feedback_seite", max_chars=200)
text = st.text_area("Ihre Nachricht", key="feedback_text", max_chars=3000, height=160)
if s.kontakt_email:
    subject = f"{s.titel}: {topic}"
    body = f"{text}\n\nSeite/Inhalt: {where}" if where else text
    st.link_button(
        "E-Mail-Programm mit dieser Nachricht öffnen",
        f"mailto:{s.kontakt_email}?subject={quote(subject)}&body={quote(body)}",
        icon=":material/send:",
        type="primary",
    )
st.caption(
    "Hinweise zur Barrierefreiheit des Dashboards stehen in der Erklärung zur Barrierefreiheit. "
    "Erhalten Sie keine zufriedenstellende Antwort, nennt die Erklärung die Durchsetzungsstelle."
)

footer(bundle)
