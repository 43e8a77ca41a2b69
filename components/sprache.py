"""The language of the public view in Streamlit: the choice (`?sprache=`, then this tab's last choice,
then the browser, then German), `t()` for the page texts, the switcher at the top of every page,
`<html lang dir>` and the mirrored layout for right-to-left languages.

The catalogues and the rules of the choice live in `sozialraum.i18n` (docs/sprachen.md). The internal
pages stay German (`choose_language(public=False)`), and so do the public pages not translated yet
(`TRANSLATED_PAGES`): they say so in the visitor's language.
"""

from __future__ import annotations

import html
import json
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from sozialraum.i18n import QUERY_PARAM, SOURCE, Language, Translator, choose, languages

from .german import LABELS, PATTERNS
from .sprache_texte import FRAME_TEXTS
from .streamlit_internals import html_with_script

_CHOSEN = "_sprache_gewaehlt"  # this tab's explicit choice, kept when a link lacks ?sprache=
_ACTIVE = "_sprache_aktiv"  # the language this run's texts are in
_WANTED = "_sprache_gewuenscht"  # the visitor's language (links carry it, also through German pages)
# public pages whose every text is translated; the others show the switcher and a note in the visitor's
# language, and run in German with `<html lang="de">` (their content would otherwise be read as another language)
TRANSLATED_PAGES = frozenset(  # registry keys
    {
        "uebersicht",
        "barrierefreiheit",
        "feedback",
        "abstimmung",
        "steckbrief",
        "entwicklung",
        "prognose",
        "sozialindex",
        "karte",
        "vergleich",
        "daten",
        "sozialbericht",
        "sozialplan",
        "fortschritt",
        "massnahme",
    }
)


def _from_browser() -> str | None:
    try:
        return st.context.headers.get("Accept-Language")
    except Exception:  # no request context (AppTest)
        return None


def resolve(public: bool = True) -> str:
    """The visitor's language; an explicit choice (URL or earlier in this tab) is kept in the URL. Internal
    pages run in German but remember the choice for their links."""
    if not public:
        wanted = st.session_state.get(_CHOSEN)
        st.session_state[_WANTED] = wanted or SOURCE
        return st.session_state[_WANTED]
    wanted = st.query_params.get(QUERY_PARAM) or st.session_state.get(_CHOSEN)
    chosen = choose(wanted, _from_browser())
    if wanted and chosen == wanted:
        st.session_state[_CHOSEN] = chosen
        if st.query_params.get(QUERY_PARAM) != chosen:
            st.query_params[QUERY_PARAM] = chosen
    st.session_state[_WANTED] = chosen
    return chosen


def code() -> str:
    return st.session_state.get(_ACTIVE, SOURCE)


def current() -> Language:
    return languages()[code()] if code() in languages() else next(iter(languages().values()))


def t(message: str, **values: object) -> str:
    """The page text in the current language (German msgid as fallback); numbers per locale."""
    return Translator(code())(message, **values)


def link_params(params: dict[str, str] | None = None) -> dict[str, str]:
    """Query parameters for a link to another page: the given ones plus the visitor's language, when not
    German or chosen explicitly, so every link and deep link keeps it."""
    params = dict(params or {})
    wanted = st.session_state.get(_WANTED, SOURCE)
    if wanted != SOURCE or st.session_state.get(_CHOSEN):
        params[QUERY_PARAM] = wanted
    return params


def choose_language(public: bool = True, translated: bool = True) -> Language:
    """The languages of this run (before anything is drawn, so the page title is translated too).
    A public page that is not `translated` yet runs in German."""
    wanted = resolve(public)
    st.session_state[_ACTIVE] = wanted if public and translated else SOURCE
    return current()


# Plotly measures label widths in one hidden SVG on <body> ("#js-plotly-tester"). In a right-to-left page it
# measures right to left and the axis labels of the charts end up cut off: a tester made left to right first
# (Plotly reuses an existing one) keeps the measurements right.
_LTR_TESTER = """<script>(function () {
  let tester = document.getElementById('js-plotly-tester');
  if (!tester) {
    tester = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    tester.setAttribute('id', 'js-plotly-tester');
    tester.setAttribute('aria-hidden', 'true');
    tester.setAttribute('style', 'position: absolute; left: -10000px; top: -10000px; width: 9000px; height: 9000px;'
      + ' z-index: 1;');
    document.body.appendChild(tester);
  }
  tester.style.direction = 'ltr';
})();</script>"""


def show_language(public: bool = True) -> None:
    """`<html lang dir>`, the mirrored layout for RTL, the switcher and, on a page not translated yet,
    a note in the visitor's language."""
    lang = current()
    wanted = st.session_state.get(_WANTED, SOURCE)
    html_with_script(_page_script(lang))
    if lang.direction == "rtl":
        st.html(_RTL_CSS)
        html_with_script(_LTR_TESTER)  # before any chart of the page
    if public:
        _switcher(languages().get(wanted, lang))
        if wanted != lang.code and wanted in languages():
            _only_german(languages()[wanted])


def _only_german(visitor: Language) -> None:
    note = html.escape(Translator(visitor.code)("Diese Seite gibt es bisher nur auf Deutsch."))
    st.html(f'<p class="sr-nur-deutsch" lang="{visitor.html_lang}" dir="{visitor.direction}">{note}</p>'
            '<style>.sr-nur-deutsch { margin: 0; padding: .5rem .8rem; background: #fff4d6; color: #3d2e00;'
            ' border-radius: .4rem; }</style>')  # fmt: skip


def _switcher(active: Language) -> None:
    """Links to this page in every language, each name in its own language (full reload: the new
    language also reaches Streamlit's own texts and `<html lang>` at once)."""
    others = {k: v for k, v in st.query_params.to_dict().items() if k != QUERY_PARAM}
    items = []
    for lang in languages().values():
        href = "?" + urlencode({**others, QUERY_PARAM: lang.code})
        current = ' aria-current="true"' if lang.code == active.code else ""
        items.append(
            f'<a href="{html.escape(href)}" lang="{lang.html_lang}" hreflang="{lang.html_lang}" '
            f'dir="{lang.direction}"{current}>{html.escape(lang.name)}</a>'
        )
    label = html.escape(t("Sprache"))
    st.html(f'<nav class="sr-sprachen" aria-label="{label}">{" ".join(items)}</nav>{_SWITCHER_CSS}')


_SWITCHER_CSS = """<style>
  .sr-sprachen { display: flex; flex-wrap: wrap; gap: .3rem .9rem; align-items: baseline; font-size: .95rem; }
  .sr-sprachen a { color: #1f5f8b; text-decoration: underline; padding: .15rem 0; }
  .sr-sprachen a[aria-current] { color: #1a1a1a; font-weight: 700; text-decoration: none; }
</style>"""

# Streamlit's layout follows `dir` through flexbox; these are the parts placed with left/right.
_RTL_CSS = """<style>
  [data-testid="stSidebar"] { left: auto !important; right: 0; }
  /* collapsed (phones): Streamlit slides it out to the left; on the right it has to go right */
  [data-testid="stSidebar"][data-collapsed="true"] { transform: translateX(300px) !important; }
  [data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], h1, h2, h3, table { text-align: right; }
  /* Streamlit indents list items on the left (margin-left, padding-left): the bullets belong on the right */
  [data-testid="stMarkdownContainer"] li { margin-left: 0 !important; padding-left: 0 !important; text-align: right;
    margin-right: 1.15em; padding-right: .3em; }
  /* maps and charts keep their own direction: a map stays a map */
  iframe, [data-testid="stPlotlyChart"], .js-plotly-plot { direction: ltr; }
  /* the map's scale reads "2 km" (tooltips and the layer list stay right to left) */
  .leaflet-control-scale-line { direction: ltr; unicode-bidi: isolate; }
  /* a key figure is a number with its unit: in the right-to-left flow "49 %" turned into "% 49" */
  [data-testid="stMetricValue"] { direction: ltr; unicode-bidi: isolate; text-align: right;
    justify-content: flex-end; }
  /* dates "12.02.2024 – 31.12.2028" read left to right; in the right-to-left flow they became "2024.02.12" */
  [data-testid="stDateInputField"] { direction: ltr; }
</style>"""


def _page_script(lang: Language) -> str:
    """Sets `<html lang dir>` (and keeps it against the German default of the access check) and puts
    Streamlit's own texts, already German by `components.german`, into the page's language."""
    texts = {}
    if lang.code != SOURCE:  # Streamlit's English and the German of components.german both lead to the language
        texts = {de: t(de) for de in (*LABELS.values(), *FRAME_TEXTS)} | {en: t(de) for en, de in LABELS.items()}
    patterns = [] if lang.code == SOURCE else _patterns()
    return (
        _SCRIPT.replace("__LANG__", json.dumps(lang.html_lang))
        .replace("__DIR__", json.dumps(lang.direction))
        .replace("__TEXTS__", json.dumps(texts, ensure_ascii=False))
        .replace("__PATTERNS__", json.dumps(patterns, ensure_ascii=False))
    )


def _patterns() -> list[tuple[str, str]]:
    """Patterns of `components.german` ("Help for …", "Hilfe zu $1") as regular expressions and their translation."""
    found = []
    for english, german in PATTERNS:
        translated = t(german.replace("$1", "{name}")).replace("{name}", "$1")
        found += [(english, translated), ("^" + german.replace("$1", "(.+)") + "$", translated)]
    return found


_SCRIPT = """<script>(function () {
  const root = document.documentElement;
  window.__srLang = __LANG__; window.__srDir = __DIR__;
  window.__srTexts = __TEXTS__;
  window.__srPatterns = __PATTERNS__.map(([re, to]) => [new RegExp(re), to]);
  const apply = () => {
    if (root.getAttribute('lang') !== window.__srLang) root.setAttribute('lang', window.__srLang);
    if (root.getAttribute('dir') !== window.__srDir) root.setAttribute('dir', window.__srDir);
  };
  apply();
  if (window.__srLangInstalled) { window.__srFix(document.body); return; }
  window.__srLangInstalled = true;
  new MutationObserver(apply).observe(root, {attributes: true, attributeFilter: ['lang', 'dir']});
  // the switcher's links were written when the page last ran in full: a tab opened or a view chosen since (a
  // fragment's run, or later in the same run) is only in the address, so a link takes the address when clicked
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element && event.target.closest('nav a[hreflang]');
    if (!link) return;
    const params = new URLSearchParams(location.search);
    params.set('sprache', new URL(link.href, location.href).searchParams.get('sprache'));
    link.setAttribute('href', '?' + params.toString());
  }, true);
  const ATTRS = ['aria-label', 'title', 'placeholder', 'alt'];
  const translate = (value, patterns) => {
    const key = value.trim();
    if (Object.hasOwn(window.__srTexts, key)) return window.__srTexts[key];
    if (patterns) for (const [re, to] of window.__srPatterns) if (re.test(key)) return key.replace(re, to);
    return null;
  };
  const fixNode = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const value = node.nodeValue;
      const done = value && value.length < 60 && translate(value);
      if (done && done !== value.trim()) node.nodeValue = done;
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const els = [node, ...node.querySelectorAll('[aria-label], [title], [placeholder], [alt]')];
    for (const el of els) for (const name of ATTRS) {
      const value = el.getAttribute(name);
      const done = value && translate(value, true);
      if (done && done !== value) el.setAttribute(name, done);
    }
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) fixNode(walker.currentNode);
  };
  window.__srFix = fixNode;
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'childList') r.addedNodes.forEach(fixNode);
      else if (r.type === 'characterData') fixNode(r.target);
      else fixNode(r.target);
    }
  }).observe(root, {childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRS});
  fixNode(document.body);
  // right to left the data grid's columns are mirrored (components/grid.py): a grid wider than the screen starts
  // at its right edge, where its first column (the area's name) is; the grid's scroller is Glide's .dvn-scroller
  const toRight = () => {
    if (window.__srDir !== 'rtl') return;
    for (const s of document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller:not([data-sr-rechts])')) {
      if (s.scrollWidth > s.clientWidth) { s.scrollLeft = s.scrollWidth; s.setAttribute('data-sr-rechts', ''); }
    }
  };
  new MutationObserver(toRight).observe(document.body, {childList: true, subtree: true});
  toRight();
})();</script>"""


def format_day(day: date) -> str:
    """A date in the current language (`Translator.day`)."""
    return Translator(code()).day(day)


def number(value: float | None, decimals: int = 1) -> str:
    """A number in the current language (`Translator.decimal`)."""
    return Translator(code()).decimal(value, decimals)


def value(amount: float | None, unit: str, decimals: int = 1) -> str:
    """Value and unit in the current language, joined by the no-break space."""
    return Translator(code()).value(amount, unit, decimals)


def signed(amount: float | None, unit: str, decimals: int = 1) -> str:
    """A difference with its sign in the current language; of percentages in percentage points."""
    return Translator(code()).signed(amount, unit, decimals)


def german_data(text: str) -> str:
    """Text from the city's data or settings that has no translation: in another language it is marked as
    German (`lang="de"`) for screen readers and translation tools; for `st.markdown(…, unsafe_allow_html=True)`."""
    if not text or current().html_lang == "de":
        return text
    return f'<span lang="de" dir="ltr">{html.escape(text, quote=False)}</span>'
