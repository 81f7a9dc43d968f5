"""Opening a workbook, step by step: the one place that says what happens when a file or a
server database is opened.

1. A file is looked at before anything touches it: a folder or a full disk, a log left by a
   session that did not close (set aside), not ours, newer, cut off or damaged (the latest
   good backup named) (``check_file`` here, with ``workbook.store.db``, ``workbook.store.wal``,
   ``workbook.store.migrate``'s look at the schema and ``workbook.store.backup``).
2. It is locked for this process, or opened read-only: on request, when another member has
   it open, on a medium nobody may write (``workbook.store.lock``).
3. On a server, the member's account and the level the server grants it (``workbook.store.server``).
4. The schema is brought to the newest (``workbook.store.migrate``), a file's backup taken first
   (passed in: the schema's module imports no backup).
5. The daily backup, and the trash emptied of what is older than 30 days
   (``workbook.store.backup``, ``workbook.services.trash``).
6. Whoever the association's erasure log names is erased in this copy too
   (``workbook.privacy.log``).

Each step is a function of the layer it belongs to, called from here; none of them opens a
database itself, so none imports this module back.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from workbook.domain.errors import DatabaseUnavailable, DiskFull, NoLevel, NotOurDatabase
from workbook.privacy.log import ASSOCIATION_KEY, association_id_of_file, replay
from workbook.services import trash
from workbook.store import backup as backups
from workbook.store import lock
from workbook.store.db import (
    Database,
    check_place,
    create_workbook_engine,
    damaged,
    default_member,
    is_malformed,
    resolve_url,
)
from workbook.store.migrate import ensure_schema, precheck_sqlite_file
from workbook.store.server import level_of
from workbook.store.wal import set_aside_stray_log

log = logging.getLogger(__name__)


#: Up to this size every opening runs PRAGMA quick_check (well under a second); a bigger
#: file is checked when it was not closed cleanly, and every day through its backup.
QUICK_CHECK_BYTES = 256 * 1024 * 1024


def _truncated(path: Path) -> str | None:
    """A file shorter than the pages its header counts was cut off (instant to see)."""
    with open(path, "rb") as handle:
        header = handle.read(100)
    if not header.startswith(b"SQLite format 3\x00"):
        return None  # not SQLite at all: the next check says what it is
    if len(header) < 100:
        return "the file is cut off"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    if counter_valid and pages and path.stat().st_size < pages * page_size:
        return "the file is shorter than its pages: it was cut off"
    return None


def check_file(path: Path) -> None:
    """Refuse a file that is not ours, newer, or damaged, offering the latest good backup."""
    if not path.exists():
        return
    if path.stat().st_size == 0:
        empty = damaged(str(path), "the file is empty", backups.latest_good(path))
        if empty.params["backup"] is None:
            return  # an empty file, and nothing to restore: it becomes a new workbook
        raise empty
    # Looked at first: any connection, even the read-only look below, makes a -wal file.
    unclean = Path(f"{path}-wal").exists()  # the last session did not close it
    try:
        problem = _truncated(path)
        if problem is None:
            precheck_sqlite_file(path)
            if unclean or path.stat().st_size <= QUICK_CHECK_BYTES:
                problem = backups.check_file(path, quick=True)
    except NotOurDatabase:
        if not backups.list_backups(path):
            raise
        problem = "it is no longer a database file"
    if problem is None:
        return
    raise damaged(str(path), problem, backups.latest_good(path))


def open_database(
    location: str | os.PathLike[str] | None = None,
    *,
    member: str | None = None,
    read_only: bool = False,
    backup: bool = True,
    erase_again: bool = True,
) -> Database:
    """Open (creating or upgrading as needed) the workbook database at ``location``.

    A SQLite file is checked first (ours, not newer, not damaged), then locked for this
    process: if another instance holds it, DatabaseInUse says who, and the caller may open
    it again with ``read_only=True``. A file on a medium that cannot be written opens
    read-only by itself (``db.read_only == "medium"``). Opening for writing takes the daily
    backup and empties the trash of what is older than 30 days, and erases again whoever the
    association's erasure log names (``erase_again=False`` leaves that to the caller, who
    then calls ``apply_erasure_log``).
    """
    url = resolve_url(location)
    member = member or default_member()
    parsed = make_url(url)
    path = (
        Path(parsed.database) if parsed.get_backend_name() == "sqlite" and parsed.database else None
    )
    why: str | None = "requested" if read_only else None
    lock_file = None
    existed = path is not None and path.exists() and path.stat().st_size > 0
    stray = None
    if path is not None:
        check_place(path)
        if existed:
            stray = set_aside_stray_log(path)
        check_file(path)
        if read_only and lock.holder(path) is not None:
            why = "in_use"
        if not read_only and existed and not os.access(path, os.W_OK):
            why = "medium"  # a file nobody may write (mode 444): read as on a read-only medium
        if not read_only and why is None:
            if not existed:
                path.parent.mkdir(parents=True, exist_ok=True)
            try:
                lock_file = lock.acquire(path, member)
            except lock.ReadOnlyMedium as exc:
                if not existed:
                    raise DatabaseUnavailable(
                        location=str(path), reason=exc.params["reason"]
                    ) from exc
                why = "medium"
    engine = create_workbook_engine(url, read_only=why if path is not None else None)
    db = Database(url=url, engine=engine, member=member, read_only=why, lock_file=lock_file)
    if path is not None:
        db.good_backup = lambda: backups.latest_good(path)
    if stray is not None:
        db.notices.append(stray)
    try:
        if path is None and db.engine.dialect.name == "postgresql":
            _who_is_connected(db)  # first: a login with no level here is told, not upgraded
        ensure_schema(db, keep_copy=lambda revision: _before_upgrade(path, revision))
        if path is not None and not why and backup:
            _daily_care(db, path, existed)
        if erase_again:
            apply_erasure_log(db)
    except OperationalError as exc:
        db.close()
        raise DatabaseUnavailable(location=db.location, reason=str(exc.orig)) from exc
    except DBAPIError as exc:
        db.close()
        if is_malformed(exc):
            raise db.damaged_error(exc) from exc
        raise
    except BaseException:
        db.close()
        raise
    return db


def _before_upgrade(path: Path | None, revision: str) -> None:
    """SQLite migrations rebuild tables: a checked, consistent copy is kept first."""
    if path is not None:
        backups.create_backup(path, f"before-upgrade-{revision}")


def _who_is_connected(db: Database) -> None:
    """On a server the change history names the member's own account, and the level the
    server grants it decides what the app offers."""
    with db.engine.connect() as conn:
        db.member = str(conn.exec_driver_sql("SELECT session_user").scalar())
        db.level = level_of(conn)
        conn.rollback()
    if db.level == "none":
        raise NoLevel(member=db.member, location=db.location)


def apply_erasure_log(db: Database) -> None:
    """Whoever the association's erasure log names is erased in this copy too."""
    if db.read_only or db.level not in ("owner", "admin"):
        return
    with db.unit() as session:
        db.erased_again = replay(session, database=db.file)


def _daily_care(db: Database, path: Path, existed: bool) -> None:
    """The daily backup of a file that holds something, and the trash's expiry."""
    with db.unit() as session:
        retention = backups.retention_of(session)
    if existed:
        try:
            backups.backup_on_open(path, retention)
        except DiskFull as exc:  # the work goes on; the user is told there was no room
            log.warning("No daily backup of %s: %s", path, exc.message)
            db.notices.append(exc)
    with db.unit() as session:
        purged = trash.purge(session)
    if purged:
        log.info("Purged %d records deleted more than %d days ago", purged, trash.KEEP_DAYS)


def restore(
    database: Path, name: str, *, member: str = "member"
) -> tuple[backups.BackupInfo | None, int]:
    """Restore backup ``name`` over ``database`` (closed everywhere), then erase again
    whoever was erased since. Returns the backup of the replaced state and the number
    of erasures applied again."""
    chosen = backups.find_backup(database, name)
    held = lock.acquire(database, member)  # nobody else may have it open meanwhile
    try:
        association = association_id_of_file(database) if database.exists() else None
        before = backups.restore_backup(database, chosen)
        if association and association_id_of_file(database) is None:
            # a backup older than the association's id: it is the same association's data
            with closing(sqlite3.connect(database)) as conn, conn:
                conn.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                    (ASSOCIATION_KEY, association),
                )
        db = open_database(database, member=member, backup=False)
        replayed = db.erased_again
        db.close()
    finally:
        lock.release(held)
    return before, replayed
