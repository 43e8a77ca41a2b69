"""Settings of a data folder (`einstellungen.toml`), with defaults for every key."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .report import N_, Message, Report, msg

SETTINGS_FILE = "einstellungen.toml"
DATA_DIR_ENV = "SOZIALRAUM_DATA_DIR"
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO_ROOT / "data"
# URL path of the vendored Leaflet (static/vendor/leaflet, served by Streamlit's static serving)
LEAFLET_PREFIX = "/app/static/vendor/leaflet"


@dataclass(frozen=True)
class Settings:
    stadt_name: str = "Musterstadt"
    titel: str = "Sozialraum-Dashboard"
    logo: str = ""
    beispieldaten: bool = False
    hinweis: str = ""
    geometrie_schematisch: bool = False
    gebiete_datei: str = "gebiete.geojson"
    koordinatensystem: str = ""  # of an area file that names none (e.g. "EPSG:25832"); empty: WGS84
    spalten: dict[str, str] = field(default_factory=dict)  # column in the area file → column of the contract
    max_megabyte: int = 50  # a bigger table file is refused: loading it would block the pages for minutes
    max_megabyte_gebiete: int = 100  # the same for the area and facilities files (geometry is bulkier)
    erwartetes_gebiet: tuple[float, ...] = (5.5, 47.0, 15.5, 55.2)  # west, south, east, north (Germany)
    standard_indikator: str = ""
    standard_jahr: int | None = None
    gesamtstadt_name: str = "Gesamtstadt"
    lizenz_name: str = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    lizenz_kurz: str = "dl-de/by-2-0"
    lizenz_url: str = "https://www.govdata.de/dl-de/by-2-0"
    namensnennung: str = ""
    min_fallzahl: int = 3
    min_einwohner: int = 300
    basiskarte_url: str = ""
    basiskarte_attribution: str = ""
    # secondary suppression across the parts of a breakdown: total indicator → its part indicators
    aufgliederungen: dict[str, list[str]] = field(default_factory=dict)
    # operation: public read-only view or internal view with login (env SOZIALRAUM_MODUS wins)
    modus: str = "oeffentlich"
    anmeldung: str = "lokal"  # "lokal" (accounts in .streamlit/secrets.toml) or "oidc" (st.login)
    oidc_anbieter: str = ""  # provider name in [auth.<name>] of secrets.toml; empty: the [auth] section itself
    rollen_claim: str = "roles"  # OIDC claim that carries the roles
    # the address residents reach the public dashboard at (handout and its QR code), e.g. https://sozialraum.gera.de
    oeffentliche_adresse: str = ""
    # contact for feedback and the accessibility statement
    kontakt_stelle: str = ""
    kontakt_email: str = ""
    kontakt_telefon: str = ""
    kontakt_anschrift: str = ""
    barrierefreiheit_stand: str = ""
    barrierefreiheit_pruefung: str = ""
    durchsetzungsstelle: str = ""
    # social index offered as indicators (see docs/sozialindex.md); weights are importances > 0, the
    # direction of each indicator comes from the catalogue's polarity
    sozialindex_anbieten: bool = False
    sozialindex_status: dict[str, float] = field(default_factory=dict)
    sozialindex_dynamik: dict[str, float] = field(default_factory=dict)
    sozialindex_dynamik_jahre: int = 2
    sozialindex_grenzen_status: tuple[float, ...] = (-1.0, 1.0, 1.5)
    sozialindex_grenzen_dynamik: tuple[float, ...] = (-1.0, 1.0)
    sozialindex_min_einwohner: int | None = None  # None: as [geheimhaltung] min_einwohner
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def index_min_einwohner(self) -> int:
        """Minimum population of an area to be rated by the social index."""
        return self.min_einwohner if self.sozialindex_min_einwohner is None else self.sozialindex_min_einwohner


# (section, key) in the TOML file → (attribute, expected type)
_KEYS: dict[tuple[str, str], tuple[str, type | tuple[type, ...]]] = {
    ("stadt", "name"): ("stadt_name", str),
    ("stadt", "titel"): ("titel", str),
    ("stadt", "logo"): ("logo", str),
    ("daten", "beispieldaten"): ("beispieldaten", bool),
    ("daten", "hinweis"): ("hinweis", str),
    ("daten", "geometrie_schematisch"): ("geometrie_schematisch", bool),
    ("daten", "gebiete"): ("gebiete_datei", str),
    ("daten", "koordinatensystem"): ("koordinatensystem", str),
    ("daten", "spalten"): ("spalten", dict),
    ("daten", "max_megabyte"): ("max_megabyte", int),
    ("daten", "max_megabyte_gebiete"): ("max_megabyte_gebiete", int),
    ("karte", "erwartetes_gebiet"): ("erwartetes_gebiet", list),
    ("anzeige", "standard_indikator"): ("standard_indikator", str),
    ("anzeige", "standard_jahr"): ("standard_jahr", int),
    ("anzeige", "gesamtstadt_name"): ("gesamtstadt_name", str),
    ("lizenz", "name"): ("lizenz_name", str),
    ("lizenz", "kurz"): ("lizenz_kurz", str),
    ("lizenz", "url"): ("lizenz_url", str),
    ("lizenz", "namensnennung"): ("namensnennung", str),
    ("geheimhaltung", "min_fallzahl"): ("min_fallzahl", int),
    ("geheimhaltung", "min_einwohner"): ("min_einwohner", int),
    ("karte", "basiskarte_url"): ("basiskarte_url", str),
    ("karte", "basiskarte_attribution"): ("basiskarte_attribution", str),
    ("geheimhaltung", "aufgliederungen"): ("aufgliederungen", dict),
    ("betrieb", "modus"): ("modus", str),
    ("betrieb", "anmeldung"): ("anmeldung", str),
    ("betrieb", "oidc_anbieter"): ("oidc_anbieter", str),
    ("betrieb", "rollen_claim"): ("rollen_claim", str),
    ("oeffentlich", "adresse"): ("oeffentliche_adresse", str),
    ("kontakt", "stelle"): ("kontakt_stelle", str),
    ("kontakt", "email"): ("kontakt_email", str),
    ("kontakt", "telefon"): ("kontakt_telefon", str),
    ("kontakt", "anschrift"): ("kontakt_anschrift", str),
    ("barrierefreiheit", "stand"): ("barrierefreiheit_stand", str),
    ("barrierefreiheit", "pruefung"): ("barrierefreiheit_pruefung", str),
    ("barrierefreiheit", "durchsetzungsstelle"): ("durchsetzungsstelle", str),
    ("sozialindex", "anbieten"): ("sozialindex_anbieten", bool),
    ("sozialindex", "status"): ("sozialindex_status", dict),
    ("sozialindex", "dynamik"): ("sozialindex_dynamik", dict),
    ("sozialindex", "dynamik_jahre"): ("sozialindex_dynamik_jahre", int),
    ("sozialindex", "grenzen_status"): ("sozialindex_grenzen_status", list),
    ("sozialindex", "grenzen_dynamik"): ("sozialindex_grenzen_dynamik", list),
    ("sozialindex", "min_einwohner"): ("sozialindex_min_einwohner", int),
}
_TYPE_NAMES = {
    str: N_("Text"),
    bool: N_("true oder false"),
    int: N_("ganze Zahl"),
    dict: N_("Tabelle"),
    list: N_("Liste"),
}
# number of class limits: the class labels (hoch … sehr niedrig; positiv, stabil, negativ) are fixed
_INDEX_LIMITS = {"grenzen_status": 3, "grenzen_dynamik": 2}

_REGION_EXPECTED = N_(
    "[karte] erwartetes_gebiet: 4 Zahlen [West, Süd, Ost, Nord] in Grad erwartet, z. B. [5.5, 47.0, 15.5, 55.2]."
)


def _region(value: object, report: Report) -> tuple[float, ...] | None:
    numbers = [v for v in value if isinstance(v, int | float) and not isinstance(v, bool)]  # type: ignore[union-attr]
    if len(numbers) == 4 == len(value) and numbers[0] < numbers[2] and numbers[1] < numbers[3]:  # type: ignore[arg-type]
        return tuple(float(v) for v in numbers)
    report.error(
        SETTINGS_FILE,
        msg(_REGION_EXPECTED),
        value=str(value),
    )
    return None


def _crs(value: object, report: Report) -> str | None:
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        CRS.from_user_input(str(value))
    except CRSError:
        report.error(
            SETTINGS_FILE,
            msg(N_('[daten] koordinatensystem: unbekannt; erwartet z. B. "EPSG:25832".')),
            value=str(value),
        )
        return None
    return str(value)


def _columns(value: object, report: Report) -> dict[str, str] | None:
    if all(isinstance(v, str) for v in value.values()):  # type: ignore[union-attr]
        return {str(k): str(v) for k, v in value.items()}  # type: ignore[union-attr]
    report.error(
        SETTINGS_FILE,
        msg(N_('[daten] spalten: Text je Spalte erwartet, z. B. {{ uebergeord = "uebergeordnet" }}.')),
        value=str(value),
    )
    return None


_CHECKED = {
    ("karte", "erwartetes_gebiet"): _region,
    ("daten", "koordinatensystem"): _crs,
    ("daten", "spalten"): _columns,
}


# settings without which a public page shows a gap: (section, key) → attribute and what the visitor misses
PUBLIC_PAGE_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("stadt", "name"): ("stadt_name", "alle Seiten nennen „Musterstadt“"),
    ("kontakt", "stelle"): (
        "kontakt_stelle",
        "„Feedback und Kontakt“ und die Erklärung zur Barrierefreiheit nennen "
        "statt der zuständigen Stelle nur den Stadtnamen",
    ),
    ("kontakt", "email"): (
        "kontakt_email",
        "„Feedback und Kontakt“ hat keine Adresse und keine Schaltfläche, die das E-Mail-Programm öffnet",
    ),
    ("barrierefreiheit", "stand"): ("barrierefreiheit_stand", "die Erklärung zur Barrierefreiheit nennt kein Datum"),
    ("barrierefreiheit", "durchsetzungsstelle"): (
        "durchsetzungsstelle",
        "die Erklärung zur Barrierefreiheit nennt keine Anschrift der Durchsetzungsstelle",
    ),
    ("lizenz", "namensnennung"): ("namensnennung", "die Fußzeile nennt nicht, wer die Daten bereitstellt"),
}


def missing_public_settings(settings: Settings) -> list[str]:
    """One German sentence per setting a public page needs and `settings` lacks (for `check`)."""
    defaults = Settings()
    gaps = []
    for (section, key), (attr, effect) in PUBLIC_PAGE_KEYS.items():
        value = getattr(settings, attr)
        if not str(value).strip() or (attr == "stadt_name" and value == defaults.stadt_name):
            gaps.append(f"[{section}] {key} fehlt: {effect}.")
    return gaps


def documented_keys() -> list[tuple[str, str]]:
    """All settings keys, for the test that every key is documented in data/README.md."""
    return list(_KEYS)


def resolve_data_dir(explicit: str | Path | None = None) -> Path:
    """The data folder: explicit argument, else $SOZIALRAUM_DATA_DIR, else the bundled `data/`.

    A settings file may redirect to another folder with `[daten] ordner`.
    """
    folder = Path(explicit or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
    settings_path = folder / SETTINGS_FILE
    if settings_path.is_file():
        try:
            redirect = tomllib.loads(settings_path.read_text("utf-8")).get("daten", {}).get("ordner")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            redirect = None
        if isinstance(redirect, str) and redirect.strip():
            folder = (folder / redirect).resolve()
    return folder.resolve()


def load_settings(folder: Path, report: Report) -> Settings:
    """Read `einstellungen.toml`; unknown or mistyped keys are reported, defaults used."""
    path = folder / SETTINGS_FILE
    if not path.is_file():
        report.warning(SETTINGS_FILE, msg(N_("Datei fehlt; es gelten Standardeinstellungen.")))
        return Settings()
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        report.error(SETTINGS_FILE, msg(N_("Die Datei ist kein gültiges TOML ({grund})."), grund=str(exc)))
        return Settings()
    values: dict[str, object] = {}
    for (section, key), (attr, expected) in _KEYS.items():
        value = raw.get(section, {}).get(key)
        if value is None:
            continue
        if isinstance(value, bool) and expected is int or not isinstance(value, expected):
            report.error(
                SETTINGS_FILE,
                msg(
                    N_("[{abschnitt}] {schluessel}: {art} erwartet."),
                    abschnitt=section,
                    schluessel=key,
                    art=msg(_TYPE_NAMES[expected]) if expected in _TYPE_NAMES else str(expected),
                ),
                value=str(value),
            )
            continue
        if section == "sozialindex":
            value = _index_value(key, value, report)
            if value is None:
                continue
        if (section, key) in _CHECKED:
            value = _CHECKED[(section, key)](value, report)
            if value is None:
                continue
        values[attr] = value
    if values.get("sozialindex_anbieten") and not values.get("sozialindex_status"):
        report.error(
            SETTINGS_FILE,
            msg(
                N_(
                    "[sozialindex] status: mindestens ein Indikator mit Gewicht nötig, z. B. {{ sgb2_quote = 1 }}; "
                    "der Sozialindex wird nicht angeboten."
                )
            ),
        )
        values["sozialindex_anbieten"] = False
    known_sections = {s for s, _ in _KEYS} | {"daten"}
    for section, content in raw.items():
        if section not in known_sections:
            report.warning(
                SETTINGS_FILE, msg(N_("Unbekannter Abschnitt [{abschnitt}] wird ignoriert."), abschnitt=section)
            )
            continue
        for key in content if isinstance(content, dict) else []:
            if (section, key) not in _KEYS and (section, key) != ("daten", "ordner"):
                report.warning(
                    SETTINGS_FILE,
                    msg(
                        N_("Unbekannter Schlüssel [{abschnitt}] {schluessel} wird ignoriert."),
                        abschnitt=section,
                        schluessel=key,
                    ),
                )
    return Settings(**values)  # type: ignore[arg-type]


def _index_value(key: str, value: object, report: Report) -> object | None:
    """A `[sozialindex]` value checked beyond its type; None (and an error naming file and key) when unusable."""

    def bad(expected: Message) -> None:
        text = msg(N_("[sozialindex] {schluessel}: {erwartet}"), schluessel=key, erwartet=expected)
        report.error(SETTINGS_FILE, text, value=str(value))

    if key in ("status", "dynamik"):
        assert isinstance(value, dict)
        weights = {}
        for indikator, weight in value.items():
            if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight < float("inf"):
                bad(
                    msg(
                        N_("Gewicht von „{indikator}“ muss eine Zahl größer als 0 sein, z. B. {{ {indikator} = 1 }}."),
                        indikator=str(indikator),
                    )
                )
                return None
            weights[str(indikator)] = float(weight)
        return weights
    if key in _INDEX_LIMITS:
        assert isinstance(value, list)
        n = _INDEX_LIMITS[key]
        numbers = [v for v in value if isinstance(v, int | float) and not isinstance(v, bool)]
        ascending = all(a < b for a, b in zip(numbers, numbers[1:], strict=False))
        if len(numbers) != len(value) or len(value) != n or not ascending:
            example = "[-1.0, 1.0, 1.5]" if n == 3 else "[-1.0, 1.0]"
            bad(
                msg(
                    N_("{anzahl} aufsteigende Zahlen (Grenzen in Standardabweichungen) erwartet, z. B. {beispiel}."),
                    anzahl=n,
                    beispiel=example,
                )
            )
            return None
        return tuple(float(v) for v in numbers)
    if key == "dynamik_jahre" and value < 1:  # type: ignore[operator]
        bad(msg(N_("ganze Zahl ab 1 erwartet (Abstand der beiden Jahre der Dynamik).")))
        return None
    if key == "min_einwohner" and value < 0:  # type: ignore[operator]
        bad(msg(N_("ganze Zahl ab 0 erwartet (0 schaltet die Regel ab).")))
        return None
    return value
