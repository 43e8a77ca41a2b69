"""Tables of the conference store, the engine (SQLite or PostgreSQL) and the schema migration."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import sqlalchemy as sa

from ..settings import REPO_ROOT

DB_URL_ENV = "SOZIALRAUM_DB_URL"
DB_DIR_ENV = "SOZIALRAUM_DB_DIR"
DEFAULT_DB_DIR = REPO_ROOT / "var"
DB_FILE = "konferenz.sqlite"

# card kinds: code → label shown to people
KINDS = {
    "staerke": "Stärke",
    "chance": "Chance",
    "herausforderung": "Herausforderung",
    "idee": "Idee/Vorschlag",
}

metadata = sa.MetaData()

conferences = sa.Table(
    "sr_konferenz",
    metadata,
    sa.Column("konferenz_id", sa.String(64), primary_key=True),
    sa.Column("teilnehmende", sa.Integer, nullable=True),
    sa.Column("geaendert", sa.Float, nullable=False),
)
cards = sa.Table(
    "sr_karte",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("konferenz_id", sa.String(64), nullable=False, index=True),
    sa.Column("folie", sa.Integer, nullable=True),
    sa.Column("art", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("handlungsfeld_id", sa.String(20), nullable=True),
    sa.Column("massnahme_id", sa.String(20), nullable=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("zusammengefuehrt_in", sa.Integer, nullable=True),
    sa.Column("erstellt", sa.Float, nullable=False),
    sa.Column("geaendert", sa.Float, nullable=False),
)
polls = sa.Table(
    "sr_abstimmung",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("konferenz_id", sa.String(64), nullable=False, index=True),
    sa.Column("punkte", sa.Integer, nullable=False),
    sa.Column("haeufeln", sa.Boolean, nullable=False),
    sa.Column("offen", sa.Boolean, nullable=False),
    sa.Column("geoeffnet", sa.Float, nullable=False),
    sa.Column("geschlossen", sa.Float, nullable=True),
    # added later: `migrate` adds them to older databases (nullable, so old rows stay valid)
    sa.Column("frage", sa.Text, nullable=True),
    sa.Column("folie", sa.Integer, nullable=True),
)
ballots = sa.Table(
    "sr_stimmzettel",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("abstimmung_id", sa.Integer, sa.ForeignKey("sr_abstimmung.id"), nullable=False),
    sa.Column("geraet", sa.String(64), nullable=False),  # hash of the device token, never the token
    sa.Column("erstellt", sa.Float, nullable=False),
    sa.Column("geaendert", sa.Float, nullable=False),
    sa.UniqueConstraint("abstimmung_id", "geraet", name="sr_stimmzettel_einmal_je_geraet"),
)
votes = sa.Table(
    "sr_stimme",
    metadata,
    sa.Column("stimmzettel_id", sa.Integer, sa.ForeignKey("sr_stimmzettel.id"), primary_key=True),
    sa.Column("karte_id", sa.Integer, sa.ForeignKey("sr_karte.id"), primary_key=True),
    sa.Column("punkte", sa.Integer, nullable=False),
)
priorities = sa.Table(
    "sr_schwerpunkt",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("konferenz_id", sa.String(64), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("karte_id", sa.Integer, nullable=True),
)
shown = sa.Table(
    "sr_gezeigt",
    metadata,
    sa.Column("konferenz_id", sa.String(64), primary_key=True),
    sa.Column("folie", sa.Integer, primary_key=True),
    sa.Column("zuerst", sa.Float, nullable=False),
)


def default_url() -> str:
    """$SOZIALRAUM_DB_URL, else SQLite in $SOZIALRAUM_DB_DIR (default `var/`)."""
    url = os.environ.get(DB_URL_ENV, "").strip()
    if url:
        return url
    folder = Path(os.environ.get(DB_DIR_ENV) or DEFAULT_DB_DIR)
    return f"sqlite:///{folder / DB_FILE}"


def normalise_url(url: str) -> str:
    """`postgres://` and `postgresql://` use the psycopg (3) driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def device_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()[:40]


def create_engine(url: str) -> sa.Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None  # SQLAlchemy's BEGIN below, not pysqlite's
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(connection: sa.Connection) -> None:
            # writers take the lock at once: two read-then-write transactions cannot deadlock
            mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
            connection.exec_driver_sql(f"BEGIN {mode}")

        return engine
    return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def migrate(engine: sa.Engine) -> list[str]:
    """Create missing tables and add missing nullable columns to existing ones (a database made by
    an older version keeps working); returns the added columns as ``table.column``."""
    metadata.create_all(engine)
    added = []
    inspector = sa.inspect(engine)
    for table in metadata.sorted_tables:
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            if not column.nullable:
                raise RuntimeError(f"Spalte {table.name}.{column.name} fehlt und lässt sich nicht nachtragen.")
            kind = column.type.compile(dialect=engine.dialect)
            try:
                with engine.begin() as c:
                    c.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}")
            except sa.exc.DBAPIError:
                # a second instance starting at the same moment may have added it first
                if column.name not in {c["name"] for c in sa.inspect(engine).get_columns(table.name)}:
                    raise
                continue
            added.append(f"{table.name}.{column.name}")
    return added
