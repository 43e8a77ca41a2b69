"""The phone vote's HTML: one small self-contained page (no frameworks, no requests besides itself).

Works as a plain form without JavaScript; the inline script adds +/− buttons, a live count of the
points left and sending without a page reload. Readable from 320 px on; every text comes from the
language catalogues (sozialraum/i18n.py), the layout mirrors for right-to-left languages.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from ..i18n import N_, Translator, languages
from .voting import VoteRules

CSS = """
*{box-sizing:border-box}
html{font-size:18px;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b2631;
background:#fff;line-height:1.4}
main{max-width:38rem;margin:0 auto;padding:.8rem .8rem 3rem}
h1{font-size:1.6rem;margin:.2rem 0}
.ort{color:#3b4652;margin:0 0 .8rem}
.msg{border-radius:.4rem;padding:.6rem .8rem;margin:.8rem 0;border-inline-start:.4rem solid}
.msg.ok{background:#e3f4e1;border-color:#1b7a2e}
.msg.fehler{background:#fde7dc;border-color:#b03a0b}
.msg.info{background:#e1eefa;border-color:#1f5f8b}
fieldset{border:0;padding:0;margin:0}
.karte{display:flex;align-items:center;gap:.5rem;border:1px solid #8a96a3;border-radius:.4rem;
padding:.5rem;margin:.5rem 0}
.karte label{flex:1;min-width:0;overflow-wrap:anywhere;hyphens:auto}
.art{display:block;font-size:.85rem;color:#3b4652}
.zahl{display:flex;align-items:center;gap:.25rem}
input[type=number]{width:3.2rem;height:2.8rem;font-size:1.2rem;text-align:center;border:1px solid #5c6773;
border-radius:.3rem}
input[type=checkbox]{width:2rem;height:2rem}
.schritt{width:2.8rem;height:2.8rem;font-size:1.4rem;border:1px solid #1f5f8b;border-radius:.3rem;
background:#fff;color:#1f5f8b}
.rest{font-weight:600;margin:.8rem 0}
.senden{width:100%;min-height:3rem;font-size:1.1rem;font-weight:600;border:0;border-radius:.4rem;
background:#1f5f8b;color:#fff}
.senden:disabled{background:#8a96a3}
a{color:#1f5f8b}
.sprachen ul{list-style:none;display:flex;flex-wrap:wrap;gap:.2rem .9rem;padding:0;margin:0 0 .6rem;font-size:.9rem}
.sprachen a{display:inline-block;padding:.3rem 0;min-height:2rem}
.sprachen a[aria-current]{font-weight:700;color:#1b2631;text-decoration:none}
:focus-visible{outline:3px solid #1f5f8b;outline-offset:2px}
@media (max-width:360px){.karte{flex-wrap:wrap;justify-content:flex-end}.karte label{flex-basis:100%}}
"""

# Progressive enhancement only: without it the form posts and the server answers with a page.
SCRIPT = r"""
(()=>{const f=document.getElementById('stimmzettel');if(!f)return;
const max=+f.dataset.punkte,out=document.getElementById('rest'),btn=f.querySelector('.senden'),
msg=document.getElementById('meldung'),fields=[...f.querySelectorAll('[data-karte]')];
const used=()=>fields.reduce((s,i)=>s+(i.type==='checkbox'?(i.checked?1:0):Math.max(0,parseInt(i.value||'0',10)||0)),0);
const show=(t,k)=>{msg.textContent=t;msg.className='msg '+k;msg.hidden=false;};
const update=()=>{const u=used(),l=max-u;
const fill=(t,v)=>t.replace(/\{(\w+)\}/g,(m,k)=>k in v?v[k]:m);
out.textContent=fill(l>=0?f.dataset.frei:f.dataset.zuviel,{rest:l,zuviel:-l,punkte:max});
btn.disabled=l<0||u===0;};
f.querySelectorAll('.schritt').forEach(b=>{b.hidden=false;b.addEventListener('click',()=>{
const i=document.getElementById(b.dataset.ziel),v=(parseInt(i.value||'0',10)||0)+(+b.dataset.schritt);
i.value=Math.min(+i.max,Math.max(0,v));update();});});
f.addEventListener('input',update);update();
f.addEventListener('submit',async e=>{e.preventDefault();btn.disabled=true;
try{const r=await fetch(f.action,{method:'POST',body:new URLSearchParams(new FormData(f)),
headers:{'Accept':'application/json'},credentials:'same-origin'});const d=await r.json();
show(d.meldung,d.ok?'ok':'fehler');if(d.neu_laden)setTimeout(()=>location.reload(),1500);}
catch(err){show(f.dataset.offline,'fehler');}
update();msg.focus();});})();
"""


# Card kinds as the page names them (the store keeps German labels for the internal pages)
KIND_LABELS = {
    "staerke": N_("Stärke"),
    "chance": N_("Chance"),
    "herausforderung": N_("Herausforderung"),
    "idee": N_("Idee/Vorschlag"),
}


@dataclass
class PageState:
    """Everything the page shows; `message_kind` is ok, fehler or info. Texts are already translated."""

    t: Translator = field(default_factory=lambda: Translator("de"))
    title: str = ""
    place: str = ""
    message: str = ""
    message_kind: str = "info"
    rules: VoteRules | None = None
    poll_id: int | None = None
    cards: pd.DataFrame | None = None
    values: Mapping[int, int] = field(default_factory=dict)
    csrf: str = ""
    action: str = ""
    reload_link: str = ""
    refresh_s: int = 0  # > 0: the page reloads itself (waiting for the vote to open), also without JavaScript
    language_links: Mapping[str, str] = field(default_factory=dict)  # language code -> this page in it


def render(state: PageState, nonce: str) -> str:
    """The whole page as one string."""
    t, lang = state.t, state.t.language
    title = state.title or t(VOTE)
    parts = [_switcher(state), f"<h1>{_e(title)}</h1>"]
    if state.place:
        # title and place come from the city's conference file, written in German
        parts.append(f"<p class='ort' lang='de' dir='auto'>{_e(state.place)}</p>")
    hidden = "" if state.message else " hidden"
    parts.append(
        f"<div id='meldung' class='msg {state.message_kind}' role='status' aria-live='polite' tabindex='-1'{hidden}>"
        f"{_e(state.message)}</div>"
    )
    if state.rules is not None and state.cards is not None and state.poll_id is not None:
        parts.append(_form(state))
    if state.reload_link:
        parts.append(f"<p><a href='{_e(state.reload_link)}'>{_e(t(RELOAD))}</a></p>")
    return (
        f"<!doctype html><html lang='{lang.html_lang}' dir='{lang.direction}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        "<link rel='icon' href='data:,'>"
        + (f"<meta http-equiv='refresh' content='{state.refresh_s}'>" if state.refresh_s else "")
        + f"<title>{_e(title)} · {_e(t(VOTE))}</title><style nonce='{nonce}'>{CSS}</style></head>"
        f"<body><main>{''.join(parts)}</main><script nonce='{nonce}'>{SCRIPT}</script></body></html>"
    )


def _switcher(state: PageState) -> str:
    """Links to this page in every shipped language, each named in its own language."""
    if not state.language_links:
        return ""
    shipped = languages()
    items = []
    for code, href in state.language_links.items():
        lang = shipped[code]
        current = " aria-current='true'" if code == state.t.language.code else ""
        items.append(
            f"<li><a href='{_e(href)}' lang='{lang.html_lang}' hreflang='{lang.html_lang}' dir='{lang.direction}'"
            f"{current}>{_e(lang.name)}</a></li>"
        )
    return f"<nav class='sprachen' aria-label='{_e(state.t(LANGUAGE))}'><ul>{''.join(items)}</ul></nav>"


def _form(state: PageState) -> str:
    rules, t = state.rules, state.t
    assert rules is not None and state.cards is not None
    used = sum(max(0, int(v)) for v in state.values.values())
    left = rules.dots - used
    rows = "".join(_card(card, rules, int(state.values.get(int(card.id), 0)), t) for card in state.cards.itertuples())
    left_text = t(FREE, rest=left, punkte=rules.dots) if left >= 0 else t(TOO_MANY, zuviel=-left, punkte=rules.dots)
    return (
        f"<p><strong>{_e(rule_text(rules, t))}</strong></p><p>{_e(t(HINT))}</p>"
        f"<form id='stimmzettel' method='post' action='{_e(state.action)}' data-punkte='{rules.dots}' "
        f"data-frei='{_e(t(FREE))}' data-zuviel='{_e(t(TOO_MANY))}' data-offline='{_e(t(OFFLINE))}'>"
        f"<input type='hidden' name='csrf' value='{_e(state.csrf)}'>"
        f"<input type='hidden' name='abstimmung' value='{state.poll_id}'>"
        f"<fieldset><legend class='rest' id='rest' aria-live='polite'>{_e(left_text)}</legend>{rows}</fieldset>"
        f"<button class='senden' type='submit'>{_e(t(SUBMIT))}</button></form>"
    )


VOTE = N_("Abstimmung")
LANGUAGE = N_("Sprache")
RELOAD = N_("Neu laden")
SUBMIT = N_("Stimme abgeben")
LESS = N_("Einen Punkt weniger: {karte}")
MORE = N_("Einen Punkt mehr: {karte}")
FREE = N_("Noch {rest} von {punkte} Punkten frei.")
TOO_MANY = N_("{zuviel} Punkt(e) zu viel vergeben: erlaubt sind {punkte}.")
OFFLINE = N_("Keine Verbindung zum Server. Bitte noch einmal senden.")
HINT = N_("Verteilen Sie Ihre Punkte auf die Karten, die Ihnen am wichtigsten sind.")


def rule_text(rules: VoteRules, t: Translator) -> str:
    """The rule of this vote, e.g. "3 Punkte je Person, auch mehrere auf dieselbe Karte."."""
    if rules.dots == 1:
        return t("1 Punkt je Person.")
    if rules.stacking:
        return t("{punkte} Punkte je Person, auch mehrere auf dieselbe Karte.", punkte=rules.dots)
    return t("{punkte} Punkte je Person, höchstens einen je Karte.", punkte=rules.dots)


def _card(card, rules: VoteRules, value: int, t: Translator) -> str:
    name = f"karte_{int(card.id)}"
    kind = KIND_LABELS.get(str(card.art))
    kind_text = t(kind) if kind else str(card.art_text)
    # the card's text is the room's own words in whatever language they were written: no lang, dir=auto
    label = (
        f"<label for='{name}'><span dir='auto'>{_e(card.text)}</span><span class='art'>{_e(kind_text)}</span></label>"
    )
    if not rules.stacking:
        checked = " checked" if value else ""
        control = f"<input type='checkbox' id='{name}' name='{name}' value='1' data-karte{checked}>"
        return f"<div class='karte'>{label}{control}</div>"
    value = max(0, min(value, rules.dots))
    control = (
        f"<span class='zahl'><button type='button' class='schritt' data-ziel='{name}' data-schritt='-1' hidden "
        f"aria-label='{_e(t(LESS, karte=card.text))}'>−</button>"
        f"<input type='number' id='{name}' name='{name}' min='0' max='{rules.dots}' step='1' value='{value}' "
        "inputmode='numeric' data-karte>"
        f"<button type='button' class='schritt' data-ziel='{name}' data-schritt='1' hidden "
        f"aria-label='{_e(t(MORE, karte=card.text))}'>+</button></span>"
    )
    return f"<div class='karte'>{label}{control}</div>"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)
