"""Create, upgrade and guard the database schema with the Alembic migrations we ship.

Opening a database at the newest schema, which is nearly every opening, needs only its
``alembic_version`` row compared with ``HEAD``: Alembic (and Mako, which it brings) is
imported when a database is made, upgraded, or found at an unknown revision.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook.domain.errors import DatabaseTooNew, NeedsUpgrade, NotOurDatabase, NoWorkbookYet
from workbook.store.storage import read_only_uri

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

    from workbook.store.db import Database

log = logging.getLogger(__name__)

#: The newest migration's revision; a test holds it equal to the scripts' head.
HEAD = "0015"


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """The FTS5 table, its shadow tables and the kind it indexes (a column SQLite computes
    for it, migration 0015) are made by hand, not from the models."""
    if type_ == "column" and name == "kind":
        return getattr(getattr(obj, "table", None), "name", None) != "search_documents"
    return not (type_ == "table" and name is not None and name.startswith("search_fts"))


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    # A real folder in an installed package and in the one-folder bundle alike.
    config.set_main_option("script_location", str(files("workbook.store") / "migrations"))
    return config


def head_revision() -> str:
    """The head as Alembic reads it from the scripts (``HEAD`` is what opening uses)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The database's revision, read as Alembic would, without importing it."""
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def known(revision: str) -> bool:
    """Whether this version of the app has the migration ``revision`` (or it is the head)."""
    if revision == HEAD:
        return True
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


#: Work a migration leaves for when the schema is the newest, because it reads the records
#: through the models (which map the newest tables): a migration writes its key into
#: ``settings`` and the step runs, in the same transaction, once the head is reached.
AFTER_UPGRADE = {"after_upgrade:reindex": "workbook.store.search:reindex"}


def _after_upgrade(connection: Any) -> None:
    import importlib

    from sqlalchemy import text
    from sqlalchemy.orm import Session

    pending = {
        key
        for (key,) in connection.execute(
            text("SELECT key FROM settings WHERE key LIKE 'after_upgrade:%'")
        )
    }
    for key in sorted(pending & AFTER_UPGRADE.keys()):
        module, name = AFTER_UPGRADE[key].split(":")
        session = Session(bind=connection)
        getattr(importlib.import_module(module), name)(session)
        session.flush()
        connection.execute(text("DELETE FROM settings WHERE key = :key"), {"key": key})


def upgrade(db: Database, revision: str = "head") -> None:
    from alembic import command

    config = alembic_config()
    with db.engine.connect() as connection:
        if db.is_sqlite:
            # Batch migrations drop and rebuild tables; with foreign keys on, the DROP would
            # fire ON DELETE actions in other tables and lose links. Checked after instead.
            raw = connection.connection.driver_connection
            raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if revision in ("head", HEAD):
                    _after_upgrade(connection)
                if db.is_sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
        finally:
            if db.is_sqlite:
                raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


#: Tables every workbook has had since its first schema: a file with an Alembic revision
#: but without them is another application's.
_OURS = frozenset({"organisations", "contacts", "decisions", "settings"})


def _check_revision(location: str, revision: str | None, tables: set[str]) -> None:
    if revision is None and tables - {"alembic_version"}:
        raise NotOurDatabase(location=location)
    if revision is not None and (not re.match(r"\d{4}", revision) or _OURS - tables):
        raise NotOurDatabase(location=location)
    if revision is not None and not known(revision):
        raise DatabaseTooNew(location=location, revision=revision)


def precheck_sqlite_file(path: Path) -> None:
    """Refuse a file that is not ours, or is newer, before anything writes to it.

    Opening through the engine already switches the journal to WAL, which rewrites the
    header: a foreign or newer file must be turned away by a read-only look first.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.DatabaseError:
        raise NotOurDatabase(location=str(path)) from None
    _check_revision(str(path), revision, tables)


def ensure_schema(db: Database, *, keep_copy: Callable[[str], object] | None = None) -> None:
    """Bring the database to the newest schema, or refuse it without touching it.

    ``keep_copy(revision)`` is called before an existing database is upgraded (opening
    passes the backup of a file: SQLite migrations rebuild tables)."""
    from sqlalchemy import inspect

    with db.engine.connect() as connection:
        revision = current_revision(connection)
        tables = set(inspect(connection).get_table_names())
        connection.rollback()
    _check_revision(db.location, revision, tables)
    if revision == HEAD:
        return
    if db.read_only:
        if revision is None:
            raise NoWorkbookYet(location=db.location)
        raise NeedsUpgrade(location=db.location)
    if revision is None:
        upgrade(db)
    else:
        if keep_copy is not None:
            keep_copy(revision)
        upgrade(db)
