"""The phone vote's HTML: one small self-contained page (no frameworks, no requests besides itself).

Works as a plain form without JavaScript; the inline script adds +/− buttons, a live count of the
points left and sending without a page reload. Readable from 320 px on; German only (the public
view has no other language).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from .voting import VoteRules

CSS = """
*{box-sizing:border-box}
html{font-size:18px;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b2631;
background:#fff;line-height:1.4}
main{max-width:38rem;margin:0 auto;padding:.8rem .8rem 3rem}
h1{font-size:1.6rem;margin:.2rem 0}
.ort{color:#3b4652;margin:0 0 .8rem}
.msg{border-radius:.4rem;padding:.6rem .8rem;margin:.8rem 0;border-left:.4rem solid}
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
:focus-visible{outline:3px solid #1f5f8b;outline-offset:2px}
@media (max-width:360px){.karte{flex-wrap:wrap;justify-content:flex-end}.karte label{flex-basis:100%}}
"""

# Progressive enhancement only: without it the form posts and the server answers with a page.
SCRIPT = """
(()=>{const f=document.getElementById('stimmzettel');if(!f)return;
const max=+f.dataset.punkte,out=document.getElementById('rest'),btn=f.querySelector('.senden'),
msg=document.getElementById('meldung'),fields=[...f.querySelectorAll('[data-karte]')];
const used=()=>fields.reduce((s,i)=>s+(i.type==='checkbox'?(i.checked?1:0):Math.max(0,parseInt(i.value||'0',10)||0)),0);
const show=(t,k)=>{msg.textContent=t;msg.className='msg '+k;msg.hidden=false;};
const update=()=>{const u=used(),l=max-u;
out.textContent=l>=0?'Noch '+l+' von '+max+' Punkten frei.':(-l)+' Punkt(e) zu viel vergeben: erlaubt sind '+max+'.';
btn.disabled=l<0||u===0;};
f.querySelectorAll('.schritt').forEach(b=>{b.hidden=false;b.addEventListener('click',()=>{
const i=document.getElementById(b.dataset.ziel),v=(parseInt(i.value||'0',10)||0)+(+b.dataset.schritt);
i.value=Math.min(+i.max,Math.max(0,v));update();});});
f.addEventListener('input',update);update();
f.addEventListener('submit',async e=>{e.preventDefault();btn.disabled=true;
try{const r=await fetch(f.action,{method:'POST',body:new URLSearchParams(new FormData(f)),
headers:{'Accept':'application/json'},credentials:'same-origin'});const d=await r.json();
show(d.meldung,d.ok?'ok':'fehler');if(d.neu_laden)setTimeout(()=>location.reload(),1500);}
catch(err){show('Keine Verbindung zum Server. Bitte noch einmal senden.','fehler');}
update();msg.focus();});})();
"""


@dataclass
class PageState:
    """Everything the page shows; `message_kind` is ok, fehler or info."""

    title: str = "Abstimmung"
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


def render(state: PageState, nonce: str) -> str:
    """The whole page as one string."""
    parts = [f"<h1>{_e(state.title)}</h1>"]
    if state.place:
        parts.append(f"<p class='ort'>{_e(state.place)}</p>")
    hidden = "" if state.message else " hidden"
    parts.append(
        f"<div id='meldung' class='msg {state.message_kind}' role='status' aria-live='polite' tabindex='-1'{hidden}>"
        f"{_e(state.message)}</div>"
    )
    if state.rules is not None and state.cards is not None and state.poll_id is not None:
        parts.append(_form(state))
    if state.reload_link:
        parts.append(f"<p><a href='{_e(state.reload_link)}'>Neu laden</a></p>")
    return (
        "<!doctype html><html lang='de'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        "<link rel='icon' href='data:,'>"
        + (f"<meta http-equiv='refresh' content='{state.refresh_s}'>" if state.refresh_s else "")
        + f"<title>{_e(state.title)} · Abstimmung</title><style nonce='{nonce}'>{CSS}</style></head>"
        f"<body><main>{''.join(parts)}</main><script nonce='{nonce}'>{SCRIPT}</script></body></html>"
    )


def _form(state: PageState) -> str:
    rules = state.rules
    assert rules is not None and state.cards is not None
    used = sum(max(0, int(v)) for v in state.values.values())
    left = rules.dots - used
    rows = "".join(_card(card, rules, int(state.values.get(int(card.id), 0))) for card in state.cards.itertuples())
    left_text = (
        f"Noch {left} von {rules.dots} Punkten frei."
        if left >= 0
        else f"{-left} Punkt(e) zu viel vergeben: erlaubt sind {rules.dots}."
    )
    return (
        f"<p>Sie haben <strong>{_e(rules.describe())}</strong>. Verteilen Sie sie auf die Karten, "
        "die Ihnen am wichtigsten sind.</p>"
        f"<form id='stimmzettel' method='post' action='{_e(state.action)}' data-punkte='{rules.dots}'>"
        f"<input type='hidden' name='csrf' value='{_e(state.csrf)}'>"
        f"<input type='hidden' name='abstimmung' value='{state.poll_id}'>"
        f"<fieldset><legend class='rest' id='rest' aria-live='polite'>{left_text}</legend>{rows}</fieldset>"
        "<button class='senden' type='submit'>Stimme abgeben</button></form>"
    )


def _card(card, rules: VoteRules, value: int) -> str:  # noqa: ANN001 - a row of the cards frame
    name = f"karte_{int(card.id)}"
    label = f"<label for='{name}'>{_e(card.text)}<span class='art'>{_e(card.art_text)}</span></label>"
    if not rules.stacking:
        checked = " checked" if value else ""
        control = f"<input type='checkbox' id='{name}' name='{name}' value='1' data-karte{checked}>"
        return f"<div class='karte'>{label}{control}</div>"
    value = max(0, min(value, rules.dots))
    control = (
        f"<span class='zahl'><button type='button' class='schritt' data-ziel='{name}' data-schritt='-1' hidden "
        f"aria-label='Einen Punkt weniger: {_e(card.text)}'>−</button>"
        f"<input type='number' id='{name}' name='{name}' min='0' max='{rules.dots}' step='1' value='{value}' "
        "inputmode='numeric' data-karte>"
        f"<button type='button' class='schritt' data-ziel='{name}' data-schritt='1' hidden "
        f"aria-label='Einen Punkt mehr: {_e(card.text)}'>+</button></span>"
    )
    return f"<div class='karte'>{label}{control}</div>"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)
