"""Erklärung zur Barrierefreiheit (ThürBarrWebG, BITV 2.0 / WCAG 2.1 AA); reachable without login.
Public page in every language of the public view (components.sprache); the city's settings stay German."""

import streamlit as st

from components.layout import footer, setup_page
from components.navigation import page_link
from components.sprache import german_data, t
from components.technical import internal

bundle = setup_page("barrierefreiheit", needs_data=False)
s = bundle.settings
# the city's own words (settings) are German; the defaults are page text and translated
stelle = german_data(s.kontakt_stelle) or t("Die Stadtverwaltung {stadt}", stadt=s.stadt_name)
pruefung = german_data(s.barrierefreiheit_pruefung) or t(
    "Selbstbewertung: automatische Prüfung jeder Seite mit axe-core (keine schwerwiegenden oder kritischen "
    "Verstöße), Bedienung mit der Tastatur, Kontrastmessung der Farben"
)


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


st.title(t("Erklärung zur Barrierefreiheit"))
st.markdown(
    t(
        "{stelle} ist bemüht, das **{titel}** barrierefrei zugänglich zu machen. Rechtsgrundlage ist das "
        "Thüringer Gesetz über den barrierefreien Zugang zu den Websites und mobilen Anwendungen öffentlicher "
        "Stellen (ThürBarrWebG) mit der Thüringer Barrierefreie-Informationstechnik-Verordnung (ThürBITVO), die auf "
        "die Anforderungen der BITV 2.0 und der harmonisierten Norm EN 301 549 (WCAG 2.1, Stufe AA) verweist.",
        stelle=stelle,
        titel=s.titel,
    )
    + "\n\n"
    + t("Diese Erklärung gilt für alle Seiten des Dashboards."),
    unsafe_allow_html=True,
)

st.header(t("Stand der Vereinbarkeit mit den Anforderungen"))
done = [
    t(
        "Die öffentlichen Seiten gibt es auf Deutsch, in Leichter Sprache, auf Englisch, Ukrainisch und Arabisch; "
        "die Sprache jeder Seite ist für Vorlesesoftware ausgezeichnet."
    ),
    t(
        "Jede Karte und jedes Diagramm hat eine Tabelle mit denselben Werten und einen Satz, der das Wichtigste "
        "zusammenfasst. Farben tragen nie allein eine Bedeutung: Werte stehen zusätzlich als Zahl in der Tabelle."
    ),
    t("Kontraste: Text mindestens 4,5 : 1, Grafiken und Bedienelemente mindestens 3 : 1."),
    t(
        "Alle Bedienelemente sind mit der Tastatur erreichbar (Tab, Umschalt+Tab, Eingabe, Pfeiltasten); der Fokus "
        "ist deutlich sichtbar umrandet."
    ),
    t("Einzeltasten-Kürzel des Werkzeugs sind abgeschaltet."),
    t(
        "Werte, die aus Gründen der statistischen Geheimhaltung nicht veröffentlicht werden, sind als „.“ bzw. "
        "„keine Angabe“ gekennzeichnet und begründet."
    ),
]
# the name "Leichte Sprache" stays German in the other languages, marked lang="de" in their catalogues
st.markdown(
    t("Das Dashboard ist **teilweise barrierefrei**. Umgesetzt sind:") + "\n\n" + bullets(done), unsafe_allow_html=True
)
not_done = [
    t(
        "**Kartenflächen:** Die Auswahl eines Gebiets durch Klick in die Karte ist mit der Tastatur nicht möglich. "
        "Alternative: die Auswahlliste „Gebiet“ und die Tabelle unter jeder Karte. Online-Karten sind nach "
        "§ 1 ThürBarrWebG ausgenommen, wenn die wesentlichen Informationen barrierefrei bereitstehen; das ist hier "
        "der Fall."
    ),
    t(
        "**Diagramme:** Die interaktiven Diagramme geben einzelne Werte nur beim Überfahren mit der Maus aus. "
        "Alternative: die Tabelle zu jedem Diagramm."
    ),
    t(
        "**Herunterladbare Dateien:** Die Excel-Dateien enthalten keine Tabellenüberschriften-Auszeichnung für "
        "Vorlesesoftware; die CSV-Dateien sind einfach strukturiert lesbar."
    ),
    t(
        "**Übersetzungen:** Die Texte der Daten (Namen und Beschreibungen der Kennzahlen, Quellen, Maßnahmen) und "
        "die meisten Seiten außer der Übersicht, dieser Erklärung und dem Feedback sind nur auf Deutsch."
    ),
]
st.markdown("**" + t("Nicht barrierefreie Inhalte") + "**\n\n" + bullets(not_done))

st.header(t("Erstellung dieser Erklärung"))
if s.barrierefreiheit_stand:
    st.markdown(
        t("Diese Erklärung wurde am {datum} erstellt. Grundlage: {pruefung}.", datum=s.barrierefreiheit_stand,
          pruefung=pruefung),
        unsafe_allow_html=True,
    )  # fmt: skip
else:
    st.markdown(t("Grundlage dieser Erklärung: {pruefung}.", pruefung=pruefung), unsafe_allow_html=True)
    if internal(s):
        st.caption("Das Datum der Erklärung fehlt: Einstellungen, Abschnitt [barrierefreiheit], Schlüssel stand.")

st.header(t("Barrieren melden: Feedback und Kontakt"))
st.markdown(
    t(
        "Wenn Ihnen Barrieren auffallen oder Sie Informationen in einer anderen Form brauchen, schreiben Sie uns. "
        "Wir antworten in der Regel innerhalb von zwei Wochen."
    )
)
page_link("feedback", label=t("Zum Feedback-Formular und zu den Kontaktangaben"), icon=":material/mail:")
mail_link = f"[{s.kontakt_email}](mailto:{s.kontakt_email})" if s.kontakt_email else ""
contact = [x for x in (stelle, german_data(s.kontakt_anschrift), mail_link, s.kontakt_telefon) if x]
st.markdown("  \n".join(contact), unsafe_allow_html=True)

st.header(t("Durchsetzungsverfahren"))
st.markdown(
    t(
        "Wenn Sie auf Ihre Meldung innerhalb von sechs Wochen keine oder keine zufriedenstellende Antwort erhalten, "
        "können Sie sich an die Landesdurchsetzungsstelle für digitale Barrierefreiheit beim Beauftragten für "
        "Menschen mit Behinderungen des Freistaats Thüringen wenden. Sie hilft, den Streit ohne Gericht beizulegen; "
        "das Verfahren ist für Sie kostenlos und braucht keinen Rechtsbeistand."
    )
)
if s.durchsetzungsstelle:
    st.markdown(german_data(s.durchsetzungsstelle), unsafe_allow_html=True)
elif internal(s):
    st.caption("Anschrift der Durchsetzungsstelle: in den Einstellungen unter [barrierefreiheit] durchsetzungsstelle.")

footer(bundle)
