"""Engine and units of work for SQLite files and PostgreSQL servers."""

from __future__ import annotations

import getpass
import logging
import os
import sqlite3
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from workbook.domain.errors import (
    ConnectionLost,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseUnavailable,
    KnownError,
    NotADatabaseFile,
    NotPermitted,
    ReadOnlyDatabase,
)
from workbook.store import lock, paths
from workbook.store.bulk import write_plain_updates
from workbook.store.erased import refuse_erased_changes
from workbook.store.history import record_changes
from workbook.store.search import update_index
from workbook.store.storage import ensure_free_space

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
        scheme, rest = text.split("://", 1)
        if scheme in ("postgres", "postgresql"):  # as psql and libpq write it
            return f"postgresql+psycopg://{rest}"
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def default_member() -> str:
    """Name recorded in the change history when the user has given none."""
    try:
        return os.environ.get("WORKBOOK_MEMBER") or getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "member"


def _configure_sqlite(engine: Engine, *, read_only: bool) -> None:
    pragmas = SQLITE_PRAGMAS if not read_only else ("PRAGMA busy_timeout=10000",)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take transaction control from pysqlite so BEGIN IMMEDIATE can be issued.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # One user action is one write transaction, serialised up front; a read (a list's
        # page, the dashboard) takes no write lock, so it never waits behind a writer.
        reading = read_only or connection.get_execution_options().get("workbook_read")
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def create_workbook_engine(url: str, *, read_only: str | None = None) -> Engine:
    """An engine for ``url``; ``read_only`` ("in_use", "medium", ...) opens a file read-only."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and not read_only:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        if read_only and parsed.database:
            # SQLite itself refuses writes; on a read-only medium nobody can write
            # either, so the file is immutable and needs no -shm beside it.
            flag = "immutable=1" if read_only == "medium" else "mode=ro"
            uri = f"{Path(parsed.database).resolve().as_uri()}?{flag}"
            engine = create_engine(
                "sqlite://",
                creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            )
        else:
            engine = create_engine(url)
        _configure_sqlite(engine, read_only=bool(read_only))
        log.info("SQLite library %s", sqlite3.sqlite_version)
        return engine
    # A server that does not answer is said so within seconds, not after minutes.
    engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    own = _BACKENDS.setdefault(engine, set())

    @event.listens_for(engine, "connect")
    def remember(dbapi_connection: Any, _record: object) -> None:
        own.add(dbapi_connection.info.backend_pid)  # libpq knows it: no round trip

    return engine


#: Each server engine's connections, by the server process each talks to.
_BACKENDS: weakref.WeakKeyDictionary[Engine, set[int]] = weakref.WeakKeyDictionary()


def own_backends(engine: Engine) -> set[int]:
    """The server processes this engine's connections talk to (their notices are ours)."""
    return _BACKENDS.get(engine, set())


@dataclass
class Database:
    """An open workbook database: the engine and a factory of units of work."""

    url: str
    engine: Engine
    member: str = field(default_factory=default_member)
    #: Why the database is open read-only ("in_use", "medium", "requested"), or None.
    read_only: str | None = None
    #: The lock file this process holds for a SQLite file opened for writing.
    lock_file: Path | None = None
    #: On a server: "viewer", "editor", "admin" or "owner"; a file's user may do anything.
    level: str = "owner"
    #: How many people the erasure log named whom opening erased again (an older copy).
    erased_again: int = 0
    #: What opening has to tell the user: a log it set aside (workbook.store.wal), a daily
    #: backup there was no room for.
    notices: list[KnownError] = field(default_factory=list)
    #: The latest backup that verifies, (its name, when it was made), for the message of a
    #: file found damaged while in use: opening tells it (the backups are a layer above).
    good_backup: Callable[[], tuple[str, str] | None] = lambda: None
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Every write, from any service, keeps the history and the search index current.
        event.listen(self.sessions, "after_flush", record_changes)
        event.listen(self.sessions, "after_flush", update_index)
        if self.read_only:
            event.listen(self.sessions, "before_flush", self._refuse_write)
        event.listen(self.sessions, "before_flush", refuse_erased_changes)
        # after the refusal: a batch's plain changes, one UPDATE per kind (workbook.store.bulk)
        event.listen(self.sessions, "before_flush", write_plain_updates)

    def _refuse_write(self, session: Session, _context: object, _instances: object) -> None:
        if session.new or session.dirty or session.deleted:
            raise self.read_only_error()

    def read_only_error(self) -> ReadOnlyDatabase:
        why = {
            "in_use": "another member has it open",
            "medium": "the file, its folder or its medium cannot be written to",
        }.get(self.read_only or "", "as asked")
        return ReadOnlyDatabase(location=self.location, why=why)

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

    def unavailable(self, exc: OperationalError) -> KnownError:
        """A failure of the open database: on a server, the connection lost."""
        reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
        if getattr(exc.orig, "sqlstate", None) in ("55P03", "57014"):  # lock or statement timeout
            return DatabaseBusy(location=self.location, reason=reason)
        if self.is_sqlite:
            return DatabaseUnavailable(location=self.location, reason=reason)
        return ConnectionLost(location=self.location, reason=reason)

    def damaged_error(self, exc: DBAPIError) -> KnownError:
        """A query that found the file malformed (after opening's quick check passed): the
        app's damaged message with the backup to restore, not a traceback."""
        return damaged(self.location, str(exc.orig), self.good_backup())

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A unit that only reads: on SQLite it takes no write lock (WAL readers never wait)."""
        session = self.sessions(bind=self.engine.execution_options(workbook_read=True))
        session.info["member"] = self.member
        try:
            with session.begin():
                yield session
        except OperationalError as exc:
            raise self.unavailable(exc) from exc
        except DBAPIError as exc:
            if is_malformed(exc):
                raise self.damaged_error(exc) from exc
            raise
        finally:
            session.close()

    @contextmanager
    def unit(self) -> Iterator[Session]:
        """One unit of work: a session in one transaction, committed on success."""
        try:
            with self.sessions.begin() as session:
                session.info["member"] = self.member
                yield session
        except OperationalError as exc:
            if self.read_only and "readonly" in str(exc.orig).replace(" ", ""):
                raise self.read_only_error() from exc
            raise self.unavailable(exc) from exc
        except ProgrammingError as exc:
            if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient privilege
                detail = str(exc.orig).strip().splitlines()[0]
                raise NotPermitted(detail, member=self.member, level=self.level) from exc
            raise
        except DBAPIError as exc:
            if is_malformed(exc):
                raise self.damaged_error(exc) from exc
            raise

    @property
    def file(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return Path(self.location) if self.is_sqlite and self.location != ":memory:" else None

    def close(self) -> None:
        self.engine.dispose()
        if self.lock_file is not None:
            lock.release(self.lock_file)
            self.lock_file = None


def is_malformed(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower()
    return isinstance(exc.orig, sqlite3.DatabaseError) and (
        "malformed" in text or "not a database" in text
    )


def check_place(path: Path) -> None:
    """A folder where the file should be, or a disk too full to open a database on (even
    to read: SQLite keeps its index beside the file; a medium nobody may write to has no
    free space either, and needs none: it opens read-only)."""
    if path.exists() and not path.is_file():
        raise NotADatabaseFile(location=str(path))
    if path.parent.is_dir() and os.access(path.parent, os.W_OK):
        ensure_free_space(path.parent, 0)


def damaged(location: str, detail: str, good: tuple[str, str] | None) -> DatabaseDamaged:
    """The damaged message, naming the latest backup that verifies, if there is one
    (``good``: its name, and when it was made)."""
    return DatabaseDamaged(
        location=location,
        detail=detail,
        backup=good[0] if good else None,
        when=good[1] if good else None,
    )
