"""Erklärung zur Barrierefreiheit (ThürBarrWebG, BITV 2.0 / WCAG 2.1 AA); reachable without login."""

import streamlit as st

from components.layout import footer, setup_page
from components.navigation import page_link
from components.technical import internal

bundle = setup_page("barrierefreiheit", needs_data=False)
s = bundle.settings
stelle = s.kontakt_stelle or f"Die Stadtverwaltung {s.stadt_name}"
pruefung = s.barrierefreiheit_pruefung or (
    "Selbstbewertung: automatische Prüfung jeder Seite mit axe-core (keine schwerwiegenden oder kritischen "
    "Verstöße), Bedienung mit der Tastatur, Kontrastmessung der Farben"
)

st.title("Erklärung zur Barrierefreiheit")
st.markdown(
    f"""
{stelle} ist bemüht, das **{s.titel}** barrierefrei zugänglich zu machen. Rechtsgrundlage ist das Thüringer
Gesetz über den barrierefreien Zugang zu den Websites und mobilen Anwendungen öffentlicher Stellen
(ThürBarrWebG) mit der Thüringer Barrierefreie-Informationstechnik-Verordnung (ThürBITVO), die auf die
Anforderungen der BITV 2.0 und der harmonisierten Norm EN 301 549 (WCAG 2.1, Stufe AA) verweist.

Diese Erklärung gilt für alle Seiten des Dashboards.
"""
)

st.header("Stand der Vereinbarkeit mit den Anforderungen")
st.markdown(
    """
Das Dashboard ist **teilweise barrierefrei**. Umgesetzt sind:

- Die Seitensprache ist Deutsch; die Texte sind für Vorlesesoftware ausgezeichnet.
- Jede Karte und jedes Diagramm hat eine Tabelle mit denselben Werten und einen Satz, der das Wichtigste
  zusammenfasst. Farben tragen nie allein eine Bedeutung: Werte stehen zusätzlich als Zahl in der Tabelle.
- Kontraste: Text mindestens 4,5 : 1, Grafiken und Bedienelemente mindestens 3 : 1.
- Alle Bedienelemente sind mit der Tastatur erreichbar (Tab, Umschalt+Tab, Eingabe, Pfeiltasten);
  der Fokus ist deutlich sichtbar umrandet.
- Einzeltasten-Kürzel des Werkzeugs sind abgeschaltet.
- Werte, die aus Gründen der statistischen Geheimhaltung nicht veröffentlicht werden, sind als „.“ bzw.
  „keine Angabe“ gekennzeichnet und begründet.
"""
)
st.markdown(
    """
**Nicht barrierefreie Inhalte**

- **Kartenflächen:** Die Auswahl eines Gebiets durch Klick in die Karte ist mit der Tastatur nicht möglich.
  Alternative: die Auswahlliste „Gebiet“ und die Tabelle unter jeder Karte. Online-Karten sind nach § 1
  ThürBarrWebG ausgenommen, wenn die wesentlichen Informationen barrierefrei bereitstehen; das ist hier der Fall.
- **Diagramme:** Die interaktiven Diagramme geben einzelne Werte nur beim Überfahren mit der Maus aus.
  Alternative: die Tabelle zu jedem Diagramm.
- **Herunterladbare Dateien:** Die Excel-Dateien enthalten keine Tabellenüberschriften-Auszeichnung für
  Vorlesesoftware; die CSV-Dateien sind einfach strukturiert lesbar.
"""
)

st.header("Erstellung dieser Erklärung")
if s.barrierefreiheit_stand:
    st.markdown(f"Diese Erklärung wurde am {s.barrierefreiheit_stand} erstellt. Grundlage: {pruefung}.")
else:
    st.markdown(f"Grundlage dieser Erklärung: {pruefung}.")
    if internal(s):
        st.caption("Das Datum der Erklärung fehlt: Einstellungen, Abschnitt [barrierefreiheit], Schlüssel stand.")

st.header("Barrieren melden: Feedback und Kontakt")
st.markdown(
    "Wenn Ihnen Barrieren auffallen oder Sie Informationen in einer anderen Form brauchen, schreiben Sie uns. "
    "Wir antworten in der Regel innerhalb von zwei Wochen."
)
page_link("feedback", label="Zum Feedback-Formular und zu den Kontaktangaben", icon=":material/mail:")
mail_link = f"[{s.kontakt_email}](mailto:{s.kontakt_email})" if s.kontakt_email else ""
contact = [x for x in (stelle, s.kontakt_anschrift, mail_link, s.kontakt_telefon) if x]
st.markdown("  \n".join(contact))

st.header("Durchsetzungsverfahren")
st.markdown(
    "Wenn Sie auf Ihre Meldung innerhalb von sechs Wochen keine oder keine zufriedenstellende Antwort erhalten, "
    "können Sie sich an die Landesdurchsetzungsstelle für digitale Barrierefreiheit beim Beauftragten für "
    "Menschen mit Behinderungen des Freistaats Thüringen wenden. Sie hilft, den Streit ohne Gericht beizulegen; "
    "das Verfahren ist für Sie kostenlos und braucht keinen Rechtsbeistand."
)
if s.durchsetzungsstelle:
    st.markdown(s.durchsetzungsstelle)
elif internal(s):
    st.caption("Anschrift der Durchsetzungsstelle: in den Einstellungen unter [barrierefreiheit] durchsetzungsstelle.")

footer(bundle)
