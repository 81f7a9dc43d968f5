"""Engine and units of work for SQLite files and PostgreSQL servers."""

from __future__ import annotations

import getpass
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from workbook import paths
from workbook.errors import DatabaseUnavailable
from workbook.history import record_changes
from workbook.search import update_index

log = logging.getLogger(__name__)

SQLITE_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA journal_mode=WAL",
    # NORMAL can lose the last commits on power loss in WAL mode.
    "PRAGMA synchronous=FULL",
    "PRAGMA busy_timeout=10000",
)


def resolve_url(location: str | os.PathLike[str] | None = None) -> str:
    """A database URL from a path, a URL, $WORKBOOK_DB, or the default file."""
    location = location or os.environ.get("WORKBOOK_DB") or paths.default_database()
    text = os.fspath(location)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def default_member() -> str:
    """Name recorded in the change history when the user has given none."""
    try:
        return os.environ.get("WORKBOOK_MEMBER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "member"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take transaction control from pysqlite so BEGIN IMMEDIATE can be issued.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        # One user action is one write transaction, serialised up front.
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # type: ignore[attr-defined]


def create_workbook_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        _configure_sqlite(engine)
        log.info("SQLite library %s", sqlite3.sqlite_version)
        return engine
    return create_engine(url, pool_pre_ping=True)


@dataclass
class Database:
    """An open workbook database: the engine and a factory of units of work."""

    url: str
    engine: Engine
    member: str = field(default_factory=default_member)
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Every write, from any service, keeps the history and the search index current.
        event.listen(self.sessions, "after_flush", record_changes)
        event.listen(self.sessions, "after_flush", update_index)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def location(self) -> str:
        """What to show a user: the file path, or the server without password."""
        parsed = make_url(self.url)
        if self.is_sqlite:
            return parsed.database or ":memory:"
        return parsed.render_as_string(hide_password=True)

    @contextmanager
    def unit(self) -> Iterator[Session]:
        """One unit of work: a session in one transaction, committed on success."""
        try:
            with self.sessions.begin() as session:
                session.info["member"] = self.member
                yield session
        except OperationalError as exc:
            raise DatabaseUnavailable(location=self.location, reason=str(exc.orig)) from exc

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    location: str | os.PathLike[str] | None = None, *, member: str | None = None
) -> Database:
    """Open (creating or upgrading as needed) the workbook database at ``location``."""
    from workbook.migrate import ensure_schema, precheck_sqlite_file

    url = resolve_url(location)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        precheck_sqlite_file(Path(parsed.database))
    engine = create_workbook_engine(url)
    db = Database(url=url, engine=engine, member=member or default_member())
    try:
        ensure_schema(db)
    except OperationalError as exc:
        db.close()
        raise DatabaseUnavailable(location=db.location, reason=str(exc.orig)) from exc
    except BaseException:
        db.close()
        raise
    return db
