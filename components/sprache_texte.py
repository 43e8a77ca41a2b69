"""Texts the public pages show that are not written as `t("…")` where they are shown, listed here so that
`pybabel extract` finds them (babel.cfg): the page titles of the navigation and the footer (`sozialraum.pages.REGISTRY`)
and Streamlit's own texts after `components.german` made them German. Unit tests keep both lists in step
with their sources."""

from __future__ import annotations

from sozialraum.i18n import N_

PAGE_TITLES = (
    N_("Übersicht"),
    N_("Karte"),
    N_("Steckbrief"),
    N_("Entwicklung"),
    N_("Bevölkerungsprognose"),
    N_("Vergleich"),
    N_("Sozialindex"),
    N_("Sozialplan"),
    N_("Maßnahme"),
    N_("Fortschrittsbericht"),
    N_("Sozialbericht"),
    N_("Konferenz vorbereiten"),
    N_("Präsentation"),
    N_("Konferenz-Ergebnisse"),
    N_("Daten & Quellen"),
    N_("Erklärung zur Barrierefreiheit"),
    N_("Feedback und Kontakt"),
)

STREAMLIT_TEXTS = (
    N_("Vollbild"),
    N_("Vollbild beenden"),
    N_("Spalten ein- oder ausblenden"),
    N_("Als CSV herunterladen"),
    N_("Suchen"),
    N_("Auswahl aufheben"),
    N_("Zum Hauptinhalt springen"),
    N_("Anhalten"),
    N_("Wird angehalten …"),
    N_("Läuft …"),
    N_("Bitte wählen"),
    N_("Keine Auswahl möglich"),
    N_("Keine Treffer"),
    N_("Hilfe"),
    N_("Alle entfernen"),
    N_("Auswahl entfernen"),
    N_("Eingabe löschen"),
    N_("Datum löschen"),
    N_("Daten löschen"),
    N_("Datum wählen"),
    N_("Zeitraum wählen"),
    N_("Datum und Uhrzeit wählen"),
    N_("Zeitraum schnell wählen"),
    N_("Gewählte Einträge"),
    N_("Öffnen"),
    N_("Schließen"),
    N_("Hauptmenü"),
    N_("Seiten"),
    N_("Seitenleiste"),
    N_("Seitenleiste öffnen"),
    N_("Seitenleiste schließen"),
    N_("Link zu dieser Überschrift"),
    N_("Erhöhen"),
    N_("Verringern"),
    N_("Vorige Seite"),
    N_("Nächste Seite"),
    N_("Voriger Monat"),
    N_("Nächster Monat"),
    N_("Benachrichtigungen"),
    N_("Zur Startseite"),
    N_("Spaltenmenü"),
    N_("Spaltennamen kopieren"),
    N_("Suche schließen"),
)
# the labels that carry a name ("Hilfe zu $1" in components.german), with {name} for the name
STREAMLIT_PATTERNS = (N_("Hilfe zu {name}"), N_("{name} entfernen"), N_("Seite {name}"), N_("Tastenkürzel {name}"))
# the words of statistical confidentiality (`sozialraum.confidentiality`: SIGN_TEXT, EXPLANATION)
CONFIDENTIALITY_TEXTS = (
    N_("keine Angabe"),
    N_(
        "Keine Angabe („.“; in Downloads leer mit der Anmerkung „Geheimhaltung …“): Der Wert wird aus Gründen der "
        "statistischen Geheimhaltung nicht veröffentlicht – zu kleine Fallzahl, zu wenige Einwohner im Gebiet, "
        "oder gesperrt, damit ein gesperrter Wert nicht aus veröffentlichten Summen errechnet werden kann."
    ),
)
# texts of the page frame drawn by modules that stay German in their source (the mode badge of
# `components.auth`); the page script replaces them where they appear whole, as Streamlit's own texts
FRAME_TEXTS = (N_("Öffentliche Ansicht"),)
# shown, in the visitor's language, on a public page that is not translated yet (components.sprache)
NOTES = (N_("Diese Seite gibt es bisher nur auf Deutsch."),)
