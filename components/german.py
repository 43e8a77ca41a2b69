"""German for Streamlit's own texts: the skip link, select placeholders, the running indicator's "Stop" and
the aria-labels of its buttons ("Help for …", "Clear all", …) are English in Streamlit 1.67 and have no
setting. A script in the page (run with the language script at every page, once per tab) translates them
as they appear; what the pages write themselves is German already."""

from __future__ import annotations

import json

# exact texts of text nodes (visible or read by screen readers)
TEXTS = {
    "Skip to main content": "Zum Hauptinhalt springen",
    "Stop": "Anhalten",
    "Stopping...": "Wird angehalten …",
    "Running...": "Läuft …",
    "Choose an option": "Bitte wählen",
    "Choose options": "Bitte wählen",
    "No options to select": "Keine Auswahl möglich",
    "No results": "Keine Treffer",
    # the toolbar over a chart or table (its tooltips are text, its buttons aria-labels)
    "Fullscreen": "Vollbild",
    "Close fullscreen": "Vollbild beenden",
    "Download as CSV": "Als CSV herunterladen",
    "Search": "Suchen",
    "Show/hide columns": "Spalten ein- oder ausblenden",
    "Clear selection": "Auswahl aufheben",
}
# exact values of aria-label, title, placeholder, alt and data-title (Plotly's modebar tooltip)
LABELS = {
    **TEXTS,
    "Help": "Hilfe",
    "Clear all": "Alle entfernen",
    "Clear value": "Auswahl entfernen",
    "Clear entry": "Eingabe löschen",
    "Clear date": "Datum löschen",
    "Clear dates": "Daten löschen",
    "Choose date": "Datum wählen",
    "Choose date range": "Zeitraum wählen",
    "Choose date and time": "Datum und Uhrzeit wählen",
    "Quick select a date range": "Zeitraum schnell wählen",
    "Selected values": "Gewählte Einträge",
    "Open": "Öffnen",
    "Close": "Schließen",
    "Main menu": "Hauptmenü",
    "App pages": "Seiten",
    "Sidebar": "Seitenleiste",
    "Expand sidebar": "Seitenleiste öffnen",
    "Collapse sidebar": "Seitenleiste schließen",
    "Link to heading": "Link zu dieser Überschrift",
    "Increment": "Erhöhen",
    "Decrement": "Verringern",
    "Previous page": "Vorige Seite",
    "Next page": "Nächste Seite",
    "Previous month": "Voriger Monat",
    "Next month": "Nächster Monat",
    "Notifications": "Benachrichtigungen",
    "Navigate to home page": "Zur Startseite",
    "Dataframe column menu": "Spaltenmenü",
    "Copy column name": "Spaltennamen kopieren",
    "Close Search": "Suche schließen",
}
# (regular expression, replacement) for labels that carry a name
PATTERNS = [
    (r"^Help for (.+)$", "Hilfe zu $1"),
    (r"^Remove (.+)$", "$1 entfernen"),
    (r"^Page (\d+)$", "Seite $1"),
    (r"^Shortcut (.+)$", "Tastenkürzel $1"),
]

GERMAN_JS = (
    """
if (!window.__srGerman) {
  window.__srGerman = true;
  const TEXTS = __TEXTS__, LABELS = __LABELS__;
  const PATTERNS = __PATTERNS__.map(([re, to]) => [new RegExp(re), to]);
  const ATTRS = ['aria-label', 'title', 'placeholder', 'alt', 'data-title'];
  // another language of the public view (components.sprache) translates Streamlit's texts itself
  const german = () => !window.__srLang || window.__srLang === 'de';
  const label = (value) => {
    if (!german()) return null;
    if (Object.hasOwn(LABELS, value)) return LABELS[value];
    for (const [re, to] of PATTERNS) if (re.test(value)) return value.replace(re, to);
    return null;
  };
  const fixElement = (el) => {
    for (const name of ATTRS) {
      const value = el.getAttribute(name);
      const german = value && label(value);
      if (german && german !== value) el.setAttribute(name, german);
    }
  };
  const fixText = (node) => {
    const value = node.nodeValue;
    if (!value || !german()) return;
    if (value.length < 40 && Object.hasOwn(TEXTS, value.trim())) node.nodeValue = TEXTS[value.trim()];
  };
  const fixTree = (root) => {
    if (root.nodeType === Node.TEXT_NODE) return fixText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    fixElement(root);
    root.querySelectorAll('[aria-label], [title], [placeholder], [alt], [data-title]').forEach(fixElement);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) fixText(walker.currentNode);
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'childList') record.addedNodes.forEach(fixTree);
      else if (record.type === 'characterData') fixText(record.target);
      else fixElement(record.target);
    }
  }).observe(document.documentElement, {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRS,
  });
  fixTree(document.body);
}
""".replace("__TEXTS__", json.dumps(TEXTS, ensure_ascii=False))
    .replace("__LABELS__", json.dumps(LABELS, ensure_ascii=False))
    .replace("__PATTERNS__", json.dumps(PATTERNS))
)
