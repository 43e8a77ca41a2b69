"""The public view in the browser: no withheld value ever reaches the browser, write pages refuse
when their URL is opened directly.

The leak test runs the app in the public mode on a data folder made for it: the withheld cells
(primary: 2 cases or fewer than 300 inhabitants; secondary: their complements) carry distinctive
numbers. It records every websocket frame the browser receives and every HTTP response body of the
app (pages, geometry, component files, downloads; Streamlit's own frontend bundle under /static/
is left out: it is the same for every app) while visiting every page and view, and searches them
for each withheld number as text (German and English formats) and as binary float64/int64 (Arrow
tables, plotly's base64 arrays). A published number of the same kind must be found (the scan works).
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import io
import json
import re
import shutil
import ssl
import struct
import subprocess
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, Response, WebSocket

from sozialraum import auth, load_bundle
from sozialraum.pages import REGISTRY
from sozialraum.settings import REPO_ROOT
from tests.e2e.conftest import count_polygons, free_ports, goto_app, is_outside, wait_for_app, wait_until_settled
from tests.unit.conftest import FIELDS, HISTORY, square

# (gebiet_id, name, ebene, uebergeordnet, einwohner): 40 and 11 are below 300 inhabitants
AREAS = [
    ("10", "Nordbezirk", "Bezirk", "", 5000),
    ("20", "Mittelbezirk", "Bezirk", "", 4200),
    ("30", "Südbezirk", "Bezirk", "", 6000),
    ("40", "Kleinbezirk", "Bezirk", "", 250),
    ("11", "Nord-West", "Ortsteil", "10", 200),
    ("12", "Nord-Mitte", "Ortsteil", "10", 2000),
    ("13", "Nord-Ost", "Ortsteil", "10", 2800),
]
# Euro amounts (summe) per year and area; 10 = 11 + 12 + 13
AUSGABEN = {
    2024: {"40": 7391846, "20": 4826153, "11": 3917562, "12": 5284719, "13": 6159384, "30": 9573128},
    2023: {"40": 7268413, "20": 4173925, "11": 3846271, "12": 5729164, "13": 6492837, "30": 9318547},
}
# rates (quote): wert, fallzahl, nenner; 20 has 2 cases in 2024
QUOTE = {
    2024: {
        "10": (12.5, 140, 800),
        "20": (87.6543, 2, 6847193),
        "30": (17.3829, 150, 1000),
        "40": (63.2871, 40, 3158246),
        "11": (52.9137, 30, 2749316),
        "12": (41.8362, 50, 1195382),
        "13": (20.0, 60, 300),
    },
    2023: {
        "10": (13.0, 150, 800),
        "20": (18.5, 40, 220),
        "30": (16.0, 160, 1000),
        "40": (61.4729, 35, 2918463),
        "11": (58.1936, 32, 2581649),
        "12": (43.9518, 52, 1372958),
        "13": (21.0, 66, 300),
    },
}
EINWOHNER = {gid: pop for gid, _, _, _, pop in AREAS}
# what must never reach the browser (primary and secondary suppression, worked out by hand)
WITHHELD_INTS = [7391846, 4826153, 3917562, 5284719, 7268413, 4173925, 3846271, 5729164]
WITHHELD_INTS += [6847193, 3158246, 2749316, 1195382, 2918463, 2581649, 1372958]
WITHHELD_DECIMALS = [87.6543, 63.2871, 52.9137, 41.8362, 61.4729, 58.1936, 43.9518]
# published, so the scan must find them (it can see numbers at all)
PUBLISHED_INTS = [9573128, 6159384]
PUBLISHED_DECIMALS = [17.3829]


def write_leak_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    features = [
        {
            "type": "Feature",
            "properties": {"gebiet_id": g, "name": n, "ebene": e, "uebergeordnet": u or None, "einwohner": p},
            "geometry": square(12 + i * 0.02, 50 + (0.02 if u else 0)),
        }
        for i, (g, n, e, u, p) in enumerate(AREAS)
    ]
    (folder / "gebiete.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    (folder / "einstellungen.toml").write_text(
        '[stadt]\nname = "Prüfstadt"\ntitel = "Geheimhaltungsprobe"\n'
        '[anzeige]\nstandard_indikator = "ausgaben"\nstandard_jahr = 2024\n'
        "[geheimhaltung]\nmin_fallzahl = 3\nmin_einwohner = 300\n",
        "utf-8",
    )
    (folder / "indikatoren.csv").write_text(
        "indikator_id;name;kurzname;einheit;thema;polaritaet;definition;quelle;datenstand;"
        "dezimalstellen;handlungsfeld_id;min_fallzahl;aggregation;faktor\n"
        "ausgaben;Ausgaben der Hilfen;Ausgaben;Euro;Soziale Lage;neutral;Summe;Sozialamt;31.12.2024;0;1;;summe;\n"
        "quote_a;Quote A;Quote A;%;Soziale Lage;hoeher_schlechter;Anteil;BA;31.12.2024;2;1;;quote;100\n"
        "einwohner;Einwohner;Einw.;Personen;Bevölkerung;neutral;Anzahl;Melderegister;31.12.2024;0;;;summe;\n",
        "utf-8",
    )
    rows = ["gebiet_id;indikator_id;jahr;wert;fallzahl;zaehler;nenner;anmerkung"]
    for jahr, amounts in AUSGABEN.items():
        amounts = {**amounts, "10": amounts["11"] + amounts["12"] + amounts["13"]}
        rows += [f"{g};ausgaben;{jahr};{v};;;;" for g, v in amounts.items()]
        for g, (wert, faelle, nenner) in QUOTE[jahr].items():
            rows.append(f"{g};quote_a;{jahr};{str(wert).replace('.', ',')};{faelle};{faelle};{nenner};")
        rows += [f"{g};einwohner;{jahr};{p};;;;" for g, p in EINWOHNER.items()]
    (folder / "werte.csv").write_text("\n".join(rows) + "\n", "utf-8")
    (folder / "handlungsfelder.csv").write_text(FIELDS, "utf-8")
    (folder / "ziele.csv").write_text(
        "ziel_id;handlungsfeld_id;titel;zielindikator;zielwert;zieljahr\n1.1;1;Weniger Armut;quote_a;10;2028\n", "utf-8"
    )
    (folder / "massnahmen.csv").write_text(
        "massnahme_id;ziel_id;titel;beschreibung;verantwortlich;partner;beginn_geplant;ende_geplant;"
        "beginn_ist;ende_ist;status;fortschritt;stand;gebiete;indikatoren\n"
        "1.1.1;1.1;Stadtteilbüro;;Sozialamt;;01.01.2024;31.12.2025;01.03.2024;;in Umsetzung;50;01.06.2026;"
        "40|20;quote_a\n",
        "utf-8",
    )
    (folder / "massnahmen_verlauf.csv").write_text(HISTORY, "utf-8")
    return folder


# --- the patterns a withheld number could take on the wire -----------------------------------------------


def text_forms(number: float) -> list[bytes]:
    if float(number).is_integer():
        n = int(number)
        forms = [str(n), f"{n:,}", f"{n:,}".replace(",", "."), f"{n}.0"]
    else:
        forms = [repr(number), repr(number).replace(".", ",")]
        for digits in (2, 1):
            text = f"{number:.{digits}f}"
            forms += [text, text.replace(".", ",")]
    return [f.encode() for f in dict.fromkeys(forms)]


def binary_forms(number: float) -> list[bytes]:
    forms = [struct.pack("<d", float(number))]
    if float(number).is_integer():
        forms.append(struct.pack("<q", int(number)))
    return forms


def bdata_forms(number: float) -> list[bytes]:
    """Inside plotly's decoded base64 arrays also float32 and int32."""
    forms = binary_forms(number) + [struct.pack("<f", float(number))]
    if float(number).is_integer():
        forms.append(struct.pack("<i", int(number)))
    return forms


BDATA = re.compile(rb'"bdata":\s*"([A-Za-z0-9+/=]+)"')
MEDIA = re.compile(rb"/media/[0-9a-f]+\.(?:csv|xlsx|json|png|jpe?g|svg|pdf|txt|md|html)")


def expand(blob: bytes) -> list[bytes]:
    """A body plus what is packed inside it: zip members (xlsx) and plotly's base64 arrays."""
    parts = [blob]
    if blob[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            parts += [archive.read(name) for name in archive.namelist()]
    return parts


def find(corpus: list[bytes], bdata: list[bytes], number: float) -> list[str]:
    hits = []
    for pattern in text_forms(number) + binary_forms(number):
        if any(pattern in blob for blob in corpus):
            hits.append(repr(pattern))
    for pattern in bdata_forms(number):
        if any(pattern in blob for blob in bdata):
            hits.append(f"bdata {pattern!r}")
    return hits


VISITS = [
    "/",
    "/Karte?indikator=ausgaben&jahr=2024",
    "/Karte?indikator=ausgaben&jahr=2023",
    "/Karte?indikator=quote_a&jahr=2024",
    "/Karte?indikator=quote_a&jahr=2023",
    "/Karte?indikator=ausgaben&jahr=2024&ebene=Ortsteil",
    "/Karte?indikator=quote_a&jahr=2024&ebene=Ortsteil",
    "/Karte?indikator=ausgaben&jahr=2024&ansicht=veraenderung&von=2023",
    "/Karte?indikator=quote_a&jahr=2024&ansicht=vergleich",
    "/Steckbrief?gebiet=40",
    "/Steckbrief?gebiet=20",
    "/Steckbrief?gebiet=11",
    "/Steckbrief?gebiet=12",
    "/Steckbrief?gebiet=10",
    "/Entwicklung?indikator=ausgaben&gebiete=10,20,30,40",
    "/Entwicklung?indikator=quote_a&gebiete=10,20,30,40",
    "/Vergleich?indikator=ausgaben&jahr=2024",
    "/Vergleich?vergleich=Nebeneinander&indikator=quote_a&nebeneinander=10,20,30,40",
    "/Vergleich?vergleich=Streudiagramm",
    "/Vergleich?vergleich=%C3%9Cbersichtsmatrix",
    "/Sozialindex",
    "/Sozialplan",
    "/Massnahme",
    "/Fortschrittsbericht",
    "/Daten_und_Quellen",
    "/Barrierefreiheit",
    "/Feedback",
]


@pytest.fixture(scope="module")
def leak_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_leak_folder(tmp_path_factory.mktemp("geheim") / "daten")


def test_fixture_withholds_what_the_test_searches_for(leak_folder: Path) -> None:
    """The hand-made answer matches the domain package (else the browser scan proves nothing)."""
    bundle = load_bundle(leak_folder)
    rows = [frame for _, frame in bundle.levels.values()] if bundle.levels else [bundle.values]
    values = pd.concat(rows)
    shown = set(values["wert"].dropna().round(4)) | set(values["nenner"].dropna()) | set(values["fallzahl"].dropna())
    assert not (set(WITHHELD_INTS) | set(WITHHELD_DECIMALS)) & shown
    assert set(PUBLISHED_INTS) <= shown and set(PUBLISHED_DECIMALS) <= shown
    withheld = {(r.gebiet_id, r.indikator_id, r.jahr) for r in values.itertuples() if r.gesperrt}
    for jahr in (2023, 2024):
        assert {(g, "ausgaben", jahr) for g in ("40", "20", "11", "12")} <= withheld  # primary + complements


def test_nothing_withheld_reaches_the_browser(page: Page, start_server: Callable[..., str], leak_folder: Path) -> None:
    base = start_server(data_dir=leak_folder, extra_env={auth.MODE_ENV: "oeffentlich"})
    frames: list[bytes] = []
    bodies: dict[str, bytes] = {}

    def on_socket(socket: WebSocket) -> None:
        socket.on(
            "framereceived", lambda payload: frames.append(payload if isinstance(payload, bytes) else payload.encode())
        )

    responses: list[Response] = []

    def keep_bodies() -> None:
        """Bodies of the responses of the document just visited (still available until the next one)."""
        for response in responses:
            path = response.url.split("://", 1)[-1].split("/", 1)[-1]
            if is_outside(response.url) or path.startswith("static/") or response.status >= 300:
                continue  # Streamlit's frontend bundle (the same for every app), redirects
            try:
                bodies[response.url] = response.body()
            except Exception:  # body not kept by the browser (e.g. a probe that failed)
                continue
        responses.clear()

    page.on("websocket", on_socket)
    page.on("response", lambda response: responses.append(response))
    for path in VISITS:
        goto_app(page, base + path)
        wait_until_settled(page)
        keep_bodies()
    media = sorted({m.decode() for blob in frames for m in MEDIA.findall(blob)})
    for path in media:  # downloads (CSV, Excel, JSON) and images referenced by the pages
        response = page.request.get(base + path)
        if response.ok:
            bodies[base + path] = response.body()

    corpus = [part for blob in [*frames, *bodies.values()] for part in expand(blob)]
    bdata = [base64.b64decode(m) for blob in corpus for m in BDATA.findall(blob)]
    assert frames and len(bodies) > len(VISITS), "nichts aufgezeichnet"
    assert any(m.endswith((".csv", ".xlsx", ".json")) for m in media), f"keine Downloads gefunden: {media}"
    leaks = {str(n): hits for n in WITHHELD_INTS + WITHHELD_DECIMALS if (hits := find(corpus, bdata, n))}
    assert not leaks, f"gesperrte Werte im Browser: {leaks}"
    for number in PUBLISHED_INTS + PUBLISHED_DECIMALS:
        assert find(corpus, bdata, number), f"veröffentlichter Wert {number} nicht gefunden: der Suchlauf sieht nichts"


def write_pages() -> list[str]:
    return [f"/{p.url}" for p in REGISTRY.values() if not p.rule.public]


@pytest.mark.parametrize("path", write_pages() or ["(keine)"])
def test_write_pages_refuse_when_opened_by_url(page: Page, start_server: Callable[..., str], path: str) -> None:
    if path == "(keine)":
        pytest.skip("keine nicht-öffentliche Seite im Ordner pages/")
    base = start_server(extra_env={auth.MODE_ENV: "oeffentlich"})
    goto_app(page, base + path + "?konferenz=x&folie=1")
    assert page.get_by_role("heading", name="Kein Zugang").count() == 1, f"{path} läuft in der öffentlichen Ansicht"
    assert page.get_by_text("Öffentliche Ansicht", exact=True).count() >= 1


# --- the reverse proxy configuration (deploy/nginx.conf) ---------------------------------------------------

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def proxy(app_server: str, tmp_path: Path) -> Iterator[str]:
    """deploy/nginx.conf in front of the test server: certificate, ports and upstream replaced."""
    with nginx_proxy(app_server, tmp_path) as url:
        yield url


@contextlib.contextmanager
def nginx_proxy(app_server: str, tmp_path: Path) -> Iterator[str]:
    """deploy/nginx.conf in front of `app_server` (https://localhost:<port>, own certificate)."""
    if not Path(NGINX).is_file() or not shutil.which("openssl"):
        pytest.skip("nginx oder openssl nicht installiert (apt-get install nginx-light)")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(tmp_path / "k.key"), "-out", str(tmp_path / "c.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    app_port = app_server.rsplit(":", 1)[1]
    https_port, http_port = free_ports(2)
    site = (REPO_ROOT / "deploy" / "nginx.conf").read_text("utf-8")
    site = re.sub(r"server 127\.0\.0\.1:8501[^;]*;", f"server 127.0.0.1:{app_port};", site)
    site = re.sub(r"\n\s*server 127\.0\.0\.1:8502[^;]*;", "", site)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};").replace("listen [::]:80;", "")
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    site = site.replace("listen [::]:443 ssl http2;", "")
    site = site.replace("/etc/ssl/certs/sozialraum.example.org.pem", str(tmp_path / "c.pem"))
    site = site.replace("/etc/ssl/private/sozialraum.example.org.key", str(tmp_path / "k.key"))
    (tmp_path / "site.conf").write_text(site, "utf-8")
    temp = {name: tmp_path / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    main = "events {}\nhttp {\n" + "".join(f" {n}_temp_path {p};\n" for n, p in temp.items()).replace(
        " body_temp_path", " client_body_temp_path"
    )
    main += f" access_log {tmp_path / 'access.log'};\n include {tmp_path / 'site.conf'};\n}}\n"
    main += f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\n"
    (tmp_path / "nginx.conf").write_text(main, "utf-8")
    subprocess.run([NGINX, "-t", "-c", str(tmp_path / "nginx.conf")], check=True, capture_output=True)
    subprocess.run([NGINX, "-c", str(tmp_path / "nginx.conf")], check=True, capture_output=True)
    try:
        yield f"https://localhost:{https_port}"
    finally:
        subprocess.run([NGINX, "-s", "quit", "-c", str(tmp_path / "nginx.conf")], capture_output=True)


def test_reverse_proxy_serves_the_app_with_websocket_german_and_headers(browser: Browser, proxy: str) -> None:
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1440, "height": 1000})
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "404" not in m.text else None)
        response = page.goto(proxy + "/Karte")
        assert response is not None
        headers = response.headers
        for name in ("strict-transport-security", "content-security-policy", "x-content-type-options"):
            assert name in headers, name
        assert '<html lang="de"' in response.text()  # before any script ran
        wait_for_app(page)  # the websocket came through the proxy
        assert count_polygons(page, minimum=1) >= 1  # the map's scripts pass the content security policy
        assert not problems, problems
    finally:
        context.close()


def _get(url: str, accept_gzip: bool) -> tuple[dict[str, str], bytes]:
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # the test's own certificate
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if accept_gzip else {})
    with urllib.request.urlopen(request, timeout=30, context=context) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_reverse_proxy_compresses_scripts_and_passes_packed_files_through(proxy: str) -> None:
    _, page = _get(proxy + "/Karte", accept_gzip=False)
    script = re.search(rb'src="\./(static/js/index\.[^"]+\.js)"', page)
    assert script, "Streamlit's main script is not on its page"
    headers, body = _get(f"{proxy}/{script.group(1).decode()}", accept_gzip=True)
    assert headers.get("content-encoding") == "gzip"  # Streamlit sends it plain; nginx compresses
    _, plain = _get(f"{proxy}/{script.group(1).decode()}", accept_gzip=False)
    assert gzip.decompress(body) == plain and len(body) < len(plain) / 2
    # a packed static file (the maps' geometry, sozialraum/fastmap.write_static) passes unchanged
    packed = REPO_ROOT / "static" / "cache" / "probe-nginx-gzip.json.gz"
    packed.parent.mkdir(parents=True, exist_ok=True)
    content = gzip.compress(b'{"probe": "' + b"x" * 5000 + b'"}', mtime=0)
    packed.write_bytes(content)
    try:
        headers, body = _get(f"{proxy}/app/static/cache/{packed.name}", accept_gzip=True)
    finally:
        packed.unlink()
    assert "content-encoding" not in headers and body == content
