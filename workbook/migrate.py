"""Create, upgrade and guard the database schema with the Alembic migrations we ship."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import inspect, text

from workbook.errors import DatabaseTooNew, NotOurDatabase

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from workbook.db import Database

log = logging.getLogger(__name__)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _known(revision: str) -> bool:
    script = ScriptDirectory.from_config(alembic_config())
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _backup_before_migration(db: Database, revision: str) -> Path | None:
    """SQLite migrations rebuild tables: keep a consistent copy first (VACUUM INTO)."""
    if not db.is_sqlite:
        return None
    source = Path(db.location)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.stem}.before-{revision}-{stamp}{source.suffix}")
    with db.engine.connect() as connection:
        connection.exec_driver_sql("VACUUM INTO ?", (str(target),))
    log.info("Backed up %s to %s before migrating", source, target)
    return target


def upgrade(db: Database, revision: str = "head") -> None:
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def ensure_schema(db: Database) -> None:
    """Bring the database to the newest schema, or refuse it without touching it."""
    with db.engine.connect() as connection:
        revision = current_revision(connection)
        tables = set(inspect(connection).get_table_names())
        connection.rollback()
    if revision is None:
        if tables - {"alembic_version"}:
            raise NotOurDatabase(location=db.location)
        upgrade(db)
        return
    if not _known(revision):
        raise DatabaseTooNew(location=db.location, revision=revision)
    if revision != head_revision():
        _backup_before_migration(db, revision)
        upgrade(db)


def stamp_unknown_revision_for_tests(db: Database, revision: str) -> None:
    """Pretend a newer application wrote the database (used by the test-suite)."""
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
