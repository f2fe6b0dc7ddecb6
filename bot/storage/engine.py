"""The database engine and its schema: SQLite tuned for a small always-on app, or PostgreSQL by URL;
the schema is created and upgraded by the Alembic migrations in ``bot/storage/migrations``.

Migrations run where a process starts for good (``serve``, ``ingest``, ``eval``, ``parkbot migrate``):
:func:`migrate`. One-off commands only check the schema with :func:`ensure_schema`, so a quick question
never upgrades (or races an upgrade of) a database that a running server is using.

A SQLite database holds every conversation, so its file is created readable by its owner only; SQLite
gives its ``-wal`` and ``-shm`` files the database file's mode.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Connection, Engine, make_url

if TYPE_CHECKING:  # alembic is imported only when the schema is checked or upgraded
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


#: SQLite reads the database through a memory map of up to this size: a page outside its own small
#: cache (2 MiB per connection, less than the indexes of a database a few weeks old) costs no read() call.
SQLITE_MMAP_BYTES = 256 * 1024 * 1024


def make_engine(url: str) -> Engine:
    """An engine with SQLite tuned for a small always-on app (WAL, foreign keys, busy timeout)."""
    if url.startswith("sqlite"):
        _create_private(make_url(url).database)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def _create_private(database: str | None) -> None:
    """Create a SQLite database file (and its folder) readable by its owner only, before SQLite does.

    SQLite would create it with the process's umask (usually world-readable); it takes an existing empty
    file as a new database. An existing file keeps its mode: that is the operator's choice by then.
    """
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database).expanduser()
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


class SchemaMismatchError(RuntimeError):
    """The database's schema is not the one this code needs, and this command does not migrate."""

    def __init__(self, current: str | None, head: str, known: bool) -> None:
        self.current, self.head = current, head
        if known:
            message = (f"the database schema is at {current or 'no revision'}, this parkbot needs {head}: "
                       "run `parkbot serve` or `parkbot migrate` once")
        else:
            message = (f"the database schema is at {current}, which this parkbot (schema {head}) does not know: "
                       "it was upgraded by a newer parkbot; run that version")
        super().__init__(message)


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this code has a migration for."""
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(_config()).get_current_head())


def current_revision(connection: Connection) -> str | None:
    """The revision the database's schema is at (None: never migrated)."""
    from alembic.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the newest Alembic revision, or to ``revision`` (idempotent)."""
    from alembic import command

    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def ensure_schema(engine: Engine) -> None:
    """For commands that do not migrate: a database without tables is a fresh install and gets the
    schema; one whose schema is at another revision raises :class:`SchemaMismatchError`."""
    from alembic.script import ScriptDirectory

    with engine.connect() as connection:
        empty = not inspect(connection).get_table_names()
        current = None if empty else current_revision(connection)
    if empty:
        migrate(engine)
        return
    scripts = ScriptDirectory.from_config(_config())
    head = str(scripts.get_current_head())
    if current != head:
        known = current is None or current in {s.revision for s in scripts.walk_revisions()}
        raise SchemaMismatchError(current, head, known)
