"""Build the Sozialbericht of a data folder: the PDF and the static web edition, from one report
structure and one set of Jinja2 templates; written into a temporary folder and moved into place
only when complete, so a failure never leaves a half-written output folder."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from ..export import csv_with_metadata
from ..formatting import format_date
from ..geo import display_geometry
from ..loader import Bundle, load_bundle
from ..settings import REPO_ROOT
from ..sozialindex import with_index
from .config import BerichtConfig, BerichtError, load_config, load_texts
from .content import PRINT_ROWS, field_chapters, gesamtstadt
from .content_areas import profile_level, profiles, sozialindex
from .content_plan import anhang, einleitung, glossary, methoden, umsetzung
from .context import Context
from .markdown import shift_headings
from .model import Chapter, Report

TEMPLATES = Path(__file__).parent / "templates"
LEAFLET = REPO_ROOT / "static" / "vendor" / "leaflet"
Progress = Callable[[float, str], None]
MAX_PRINT_PROFILES = 60


@dataclass
class Result:
    folder: Path
    pdf: Path
    web: Path
    pages: int
    seconds: float
    log: list[str]


def _quiet(_share: float, _message: str) -> None:
    return None


def build_report(
    folder: str | Path | None,
    ausgabe: str | Path,
    jahr: int | None = None,
    vergleichsjahr: int | None = None,
    progress: Progress = _quiet,
    bundle: Bundle | None = None,
) -> Result:
    """Write `ausgabe/sozialbericht.pdf`, `ausgabe/web/` and `ausgabe/bericht-log.txt`."""
    started = time.perf_counter()
    progress(0.0, "Daten laden")
    bundle = bundle or with_index(load_bundle(folder))
    if not bundle.report.ok or bundle.values.empty:
        raise BerichtError(
            "Der Datenordner hat Fehler; zuerst `python -m sozialraum check` ausführen:\n"
            + "\n".join(i.as_text() for i in bundle.report.errors[:10])
        )
    config = load_config(bundle.folder)
    ctx = _context(bundle, config, jahr, vergleichsjahr)
    report = assemble(ctx, progress)
    target = Path(ausgabe).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".sozialbericht-", dir=target.parent))
    try:
        progress(0.55, "Webfassung schreiben")
        write_web(report, ctx, scratch / "web")
        progress(0.7, "PDF setzen")
        pages = write_pdf(report, ctx, scratch / "sozialbericht.pdf")
        (scratch / "bericht-log.txt").write_text("\n".join(report.build_log) + "\n", encoding="utf-8")
        _replace(scratch, target)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    progress(1.0, "fertig")
    return Result(
        target, target / "sozialbericht.pdf", target / "web", pages, time.perf_counter() - started, report.build_log
    )


def _replace(scratch: Path, target: Path) -> None:
    old = target.with_name(target.name + ".alt")
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    scratch.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _context(bundle: Bundle, config: BerichtConfig, jahr: int | None, vergleichsjahr: int | None) -> Context:
    years = bundle.years
    year = jahr or config.jahr or years[-1]
    if year not in years:
        raise BerichtError(f"Berichtsjahr {year}: dafür gibt es keine Werte (vorhanden: {years[0]}–{years[-1]}).")
    before = vergleichsjahr or config.vergleichsjahr or year - 2
    if before >= year:
        raise BerichtError(f"Vergleichsjahr {before} muss vor dem Berichtsjahr {year} liegen.")
    known = {
        "handlungsfeld": {str(f) for f in bundle.plan.fields["handlungsfeld_id"]},
        "gebiet": {
            str(g) for areas, _ in (bundle.levels or {"": (bundle.areas, None)}).values() for g in areas["gebiet_id"]
        },
    }
    texts = load_texts(bundle.folder, known)
    home = bundle.main_level
    if config.karten_ebene and config.karten_ebene not in bundle.level_names:
        raise BerichtError(
            f"bericht.toml, Schlüssel „karten_ebene“: Ebene „{config.karten_ebene}“ gibt es nicht "
            f"(vorhanden: {', '.join(bundle.level_names)})."
        )
    maps = bundle.at_level(config.karten_ebene or None)
    geometry = display_geometry(maps.areas)
    stichtag = config.stichtag or date.today()
    return Context(maps, config, int(year), int(before), stichtag, geometry, texts, home_level=home)


def assemble(ctx: Context, progress: Progress = _quiet) -> Report:
    """The whole report structure, chapter by chapter, as configured."""
    wanted = set(ctx.config.kapitel)
    main: list[Chapter] = [c for c in [einleitung(ctx)] if c]
    steps = [
        ("gesamtstadt", "Gesamtstadt", lambda: [gesamtstadt(ctx)]),
        ("handlungsfelder", "Handlungsfelder", lambda: field_chapters(ctx)),
        ("sozialindex", "Sozialindex", lambda: [c for c in [sozialindex(ctx)] if c]),
        ("profile", "Sozialraumprofile", lambda: profiles(ctx)),
        ("umsetzung", "Umsetzungsstand", lambda: [c for c in [umsetzung(ctx)] if c]),
    ]
    area_pages: list[Chapter] = []
    plan_pages: list[Chapter] = []
    for number, (key, label, make) in enumerate(steps):
        if key not in wanted:
            ctx.log.append(f"Kapitel „{label}“ laut bericht.toml ausgelassen.")
            continue
        progress(0.05 + 0.5 * number / len(steps), f"Kapitel {label}")
        made = make()
        (area_pages if key == "profile" else plan_pages if key == "umsetzung" else main).extend(made)
    back = [*plan_pages, methoden(ctx)] + ([anhang(ctx)] if "anhang" in wanted else [])
    s = ctx.bundle.settings
    report = Report(
        titel=ctx.config.titel,
        untertitel=ctx.config.untertitel or f"Sozialbericht der Stadt {s.stadt_name}",
        herausgeber=ctx.config.herausgeber or f"Stadt {s.stadt_name}",
        stadt=s.stadt_name,
        jahr=ctx.jahr,
        vergleichsjahr=ctx.vergleichsjahr,
        erstellt=format_date(date.today()),
        foerderhinweis=ctx.config.foerderhinweis,
        logo_uri=_logo(ctx),
        lizenz=f"Daten: {s.lizenz_name} ({s.lizenz_kurz}), {s.namensnennung or s.stadt_name}."
        + (f" {s.hinweis}" if s.beispieldaten and s.hinweis else ""),
        chapters=[*main, *back],
        glossary=glossary(ctx),
        build_log=ctx.log,
    )
    report.main, report.profiles, report.back = main, area_pages, back  # type: ignore[attr-defined]
    return report


def _logo(ctx: Context) -> str:
    name = ctx.config.logo
    if not name:
        return ""
    path = (ctx.bundle.folder / name).resolve()
    if not path.is_file():
        ctx.log.append(f"bericht.toml: Logo „{name}“ nicht gefunden; Titelseite ohne Logo.")
        return ""
    return path.as_uri()


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    env.globals["print_rows"] = PRINT_ROWS
    env.filters["shift_headings"] = shift_headings
    return env


def _names(ctx: Context) -> dict[str, str]:
    level = profile_level(ctx)
    return {"profiles_title": f"Sozialraumprofile ({level})", "level": level}


def write_pdf(report: Report, ctx: Context, path: Path) -> int:
    import weasyprint  # imported here: the app imports this module for the page, WeasyPrint only to print

    css = (TEMPLATES / "pdf.css").read_text(encoding="utf-8").replace("{{TITEL}}", f"{report.titel} {report.jahr}")
    printed, note = report.profiles, ""  # type: ignore[attr-defined]
    if len(printed) > MAX_PRINT_PROFILES:  # 542 profiles would be over a thousand pages: web edition only
        note = (
            f"Die {len(printed)} Sozialraumprofile stehen nur in der Webfassung (je Gebiet eine Seite); "
            f"für den Druck sind es mehr als {MAX_PRINT_PROFILES}. Mit „profil_ebene“ in bericht.toml lässt "
            "sich eine gröbere Ebene wählen."
        )
        report.build_log.append(note)
        printed = []
    html = (
        _environment()
        .get_template("pdf.html.j2")
        .render(
            r=report,
            css=css,
            main=report.main,
            profiles=printed,
            profiles_note=note,
            back=report.back,
            **_names(ctx),  # type: ignore[attr-defined]
        )
    )
    document = weasyprint.HTML(string=html, base_url=str(ctx.bundle.folder)).render()
    document.write_pdf(path, pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return len(document.pages)


def write_web(report: Report, ctx: Context, web: Path) -> None:
    env = _environment()
    template = env.get_template("web.html.j2")
    (web / "daten").mkdir(parents=True)
    (web / "karten").mkdir()
    shutil.copytree(LEAFLET, web / "assets" / "leaflet", ignore=shutil.ignore_patterns("*.map"))
    shutil.copy(TEMPLATES / "web.css", web / "assets" / "bericht.css")
    shutil.copy(TEMPLATES / "karte.js", web / "assets" / "karte.js")
    geometry = json.loads(ctx.geometry[["gebiet_id", "name", "geometry"]].to_json(drop_id=True))
    (web / "karten" / "geometrie.js").write_text(
        "window.SR_GEOMETRIE=" + json.dumps(geometry, separators=(",", ":")) + ";", encoding="utf-8"
    )
    pages = [*report.main, *report.profiles, *report.back]  # type: ignore[attr-defined]
    common = dict(r=report, main=report.main, profiles=report.profiles, back=report.back, **_names(ctx))  # type: ignore[attr-defined]
    (web / "index.html").write_text(
        template.render(
            page_title="Inhalt", chapter=None, maps=False, prev=None, next=pages[0] if pages else None, **common
        ),
        encoding="utf-8",
    )
    for number, chapter in enumerate(pages):
        maps = [f for f in chapter.figures() if f.map is not None]
        for figure in maps:
            data = {"colours": figure.map.colours, "labels": figure.map.labels}  # type: ignore[union-attr]
            payload = json.dumps(data, ensure_ascii=False)
            (web / "karten" / f"{figure.key}.js").write_text(
                f"(window.SR_KARTEN=window.SR_KARTEN||{{}})[{json.dumps(figure.key)}]={payload};",
                encoding="utf-8",
            )
        for table in chapter.tables():
            meta = {"Titel": table.caption, "Quelle": table.source, "Datenstand": table.stand}
            (web / "daten" / f"{table.key}.csv").write_bytes(csv_with_metadata(table.frame, meta))
        html = template.render(
            page_title=chapter.title,
            chapter=chapter,
            maps=bool(maps),
            prev=pages[number - 1] if number else None,
            next=pages[number + 1] if number + 1 < len(pages) else None,
            **common,
        )
        (web / f"{chapter.slug}.html").write_text(html, encoding="utf-8")


def page_titles(web: Path) -> dict[str, str]:
    """Page file stem → title, in reading order (the order of the index page's links)."""
    index = (web / "index.html").read_text(encoding="utf-8")
    order = ["index", *dict.fromkeys(re.findall(r'href="([^"/]+)\.html"', index))]
    titles = {}
    for stem in order:
        path = web / f"{stem}.html"
        if path.is_file():
            match = re.search(r"<title>(.*?) – ", path.read_text(encoding="utf-8"))
            titles[stem] = html.unescape(match.group(1)) if match else stem
    return titles


def preview_html(web: Path, stem: str) -> str:
    """One page of the web edition as a single document (styles and scripts inlined) for a preview frame."""
    page = (web / f"{stem}.html").read_text(encoding="utf-8")

    def style(match: re.Match[str]) -> str:
        return "<style>" + (web / match.group(1)).read_text(encoding="utf-8") + "</style>"

    def script(match: re.Match[str]) -> str:
        code = (web / match.group(1)).read_text(encoding="utf-8").replace("</script", "<\\/script")
        return "<script>" + code + "</script>"

    page = re.sub(r'<link rel="stylesheet" href="([^"]+)">', style, page)
    return re.sub(r'<script src="([^"]+)"></script>', script, page)


def web_zip(web: Path) -> bytes:
    """The web edition as a zip archive (folder `web/` inside)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(web.rglob("*")):
            if path.is_file():
                archive.write(path, Path("web") / path.relative_to(web))
    return buffer.getvalue()
