"""Backups of SQLite workbooks: online, consistent, checked, rotated, restorable.

A backup is one consistent snapshot even while the app keeps writing (a plain copy of a live
file is not). It is the file copied whole while a read transaction keeps every checkpoint
from writing to it (see ``_copy_whole``); when that cannot be had at once, SQLite's backup
API copies it page by page from a read transaction. The copy's header, schema and record
counts are read back and its SHA-256 recorded before it gets its final name; the full
``integrity_check`` runs before it is restored; a small JSON beside it records when, why, how
many records it holds and whether its structure was checked.

The structure check (``PRAGMA quick_check`` of the snapshot copied) is what costs: 1.0 s of
processor for the 589 MB of a lifetime, twice the copy itself. It runs on every backup of a
file up to ``ALWAYS_CHECK_BYTES``, and on a bigger one when none of its backups of the last
``CHECK_EVERY`` was checked; an opening after an unclean close checks the file itself
(``workbook.opening``). Between those checks a copy is of a file that was found intact, has
since been written only by SQLite's own transactions, and closed cleanly; rotation always
keeps the newest checked backup, and a restore checks its backup in full first, so a backup
that is restored is intact either way.
Backups live outside the database's folder, under the data directory, one folder per
database file.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.domain.errors import DiskFull, KnownError
from workbook.domain.models import Setting
from workbook.domain.progress import Progress
from workbook.store.migrate import precheck_sqlite_file
from workbook.store.paths import backup_dir
from workbook.store.storage import (
    FREE_MARGIN,
    atomic_write,
    ensure_free_space,
    fsync_directory,
    read_only_uri,
)

if TYPE_CHECKING:
    from workbook.store.db import Database

log = logging.getLogger(__name__)

#: The tables whose row counts describe a backup to a user.
COUNTED = (
    "organisations",
    "contacts",
    "partnerships",
    "goals",
    "decisions",
    "conflicts",
    "meetings",
)
_STAMP = "%Y%m%d-%H%M%S-%f"

#: Up to this size every backup checks its structure (under 0.15 s); a bigger file's
#: backups are checked when none of the last ``CHECK_EVERY`` was.
ALWAYS_CHECK_BYTES = 64 * 1024 * 1024
CHECK_EVERY = timedelta(days=7)


class BackupFailed(KnownError):
    code = "backup_failed"
    template = "The backup of {location} failed: {reason}"


class BackupDamaged(KnownError):
    code = "backup_damaged"
    template = "The backup {name} is damaged ({reason}); nothing was restored."


class NoBackupOnServer(KnownError):
    code = "no_backup_on_server"
    template = (
        "{location} is a shared server database: back it up with the server's own tools, "
        "e.g. pg_dump -Fc -f workbook.dump DATABASE, and restore with pg_restore."
    )


@dataclass(frozen=True)
class Retention:
    """How many backups rotation keeps: the newest of each of the last N days, weeks, months.

    Everything from the last ``recent_hours`` is kept too, so several imports on one day
    each keep their own backup.
    """

    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    recent_hours: int = 24


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime  # UTC
    reason: str
    counts: dict[str, int] = field(default_factory=dict)
    #: SHA-256 of the file as it was written, and its schema revision (None: an older backup
    #: whose side file did not record them).
    sha256: str | None = None
    schema: str | None = None
    #: The database's newest history row and counts when it was copied (see before_import).
    last_change: list[Any] | None = None
    #: Whether the snapshot copied passed ``PRAGMA quick_check`` (see the module's docstring).
    checked: bool = True

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def _connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True, isolation_level=None)


def _counts(connection: sqlite3.Connection) -> dict[str, int]:
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    return {
        t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for t in COUNTED
        if t in tables
    }


def _problem(connection: sqlite3.Connection, pragma: str) -> str | None:
    rows = [r[0] for r in connection.execute(f"PRAGMA {pragma}")]
    return None if rows == ["ok"] else "; ".join(rows[:3])


def check_file(path: Path, *, quick: bool = False) -> str | None:
    """None when the SQLite file is intact, else what is wrong with it."""
    try:
        with closing(_connect_ro(path)) as conn:
            return _problem(conn, "quick_check" if quick else "integrity_check")
    except sqlite3.DatabaseError as exc:
        return str(exc)


#: How long a backup waits for a write in progress before copying page by page instead.
LOCK_WAIT = 0.5


@dataclass(frozen=True)
class Content:
    """What a finished copy holds: its records, its schema and the digest of its bytes."""

    counts: dict[str, int]
    schema: str | None
    sha256: str
    last_change: list[Any] | None = None


#: What a copy found: what is wrong with it (None: intact) and what it holds.
Copied = tuple[str | None, Content]


def _copy_whole(database: Path, partial: Path, progress: Progress, check: bool) -> Copied | None:
    """The file copied whole, frozen by a read transaction that reads the file alone.

    Under the write lock, for a moment: the write-ahead log is checkpointed to its end, then a
    read transaction begins, which SQLite then serves from the file alone (read mark 0).
    While it lasts no checkpoint may write to the file, so the file stays that one snapshot
    while it is copied; writers carry on into the log. The same transaction is checked
    meanwhile (``check``), on the other processor. None when that cannot be had at once (a
    long write, a reader on an older snapshot, a read-only medium): the caller copies page by
    page.
    """
    if "immutable" in read_only_uri(database):
        return None  # a folder nobody may write: its reader would take no lock to hold
    lock = sqlite3.connect(database, isolation_level=None, timeout=LOCK_WAIT)
    with closing(lock), closing(_connect_ro(database)) as snapshot:
        try:
            if lock.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                return None
            lock.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return None
        try:
            with closing(sqlite3.connect(database, isolation_level=None)) as other:
                busy, frames, done = other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            if busy or frames != done:
                return None
            snapshot.execute("BEGIN")
            snapshot.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            lock.execute("ROLLBACK")
        if check:
            with ThreadPoolExecutor(1) as pool:
                copied = pool.submit(_copy_file, database, partial, progress)
                problem = _problem(snapshot, "quick_check")
                content = copied.result()
        else:
            problem, content = None, _copy_file(database, partial, progress)
        snapshot.execute("COMMIT")  # only now may checkpoints write to the file again
    return problem, content


#: The whole-file copy reports its progress, and sees a cancel, after each step of this size.
COPY_STEP = 64 * 1024 * 1024


def _copy_file(database: Path, partial: Path, progress: Progress) -> Content:
    _copy_bytes(database, partial, progress)
    return _finish(partial)


def _copy_bytes(source: Path, target: Path, progress: Progress) -> None:
    """The file's bytes a step at a time: on Linux by the kernel (``sendfile``, as fast as
    ``shutil.copyfile`` here: 0.29 s for 585 MB), elsewhere read and written."""
    total = source.stat().st_size
    done = 0
    with open(source, "rb") as src, open(target, "wb") as dst:
        while done < total:
            step = min(COPY_STEP, total - done)
            if sys.platform.startswith("linux"):
                sent = os.sendfile(dst.fileno(), src.fileno(), done, step)
            else:
                sent = dst.write(src.read(step))
            if not sent:
                break  # the file ends sooner than it said: the check of the copy will tell
            done += sent
            progress.update(done, total)


def _schema(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def digest(path: Path) -> str:
    """SHA-256 of a file (about 1 GB/s here; in a backup it runs beside the structure check)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _finish(partial: Path) -> Content:
    """Make the copy one self-contained file, on disk; what it holds."""
    with closing(sqlite3.connect(partial)) as copy:
        copy.execute("PRAGMA journal_mode=DELETE")
        counts, schema, last = _counts(copy), _schema(copy), _last_change(copy)
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    return Content(counts, schema, digest(partial), last)


def _copy_by_pages(database: Path, partial: Path, progress: Progress, check: bool) -> Copied:
    """The file copied page by page from a read transaction (SQLite's backup API)."""
    with closing(_connect_ro(database)) as source, closing(sqlite3.connect(partial)) as copy:
        # A read transaction pins one snapshot: writers carry on, the copy stays whole.
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()

        def step(_status: int, remaining: int, total: int) -> None:
            progress.update(total - remaining, total)

        source.backup(copy, pages=16384, progress=step)
        source.execute("COMMIT")
    return check_file(partial, quick=True) if check else None, _finish(partial)


#: The files SQLite keeps beside a database while it is open or was left open.
SIDECARS = ("-wal", "-shm", "-journal")


def _remove(partial: Path) -> None:
    """A copy that failed, with its sidecar files."""
    for suffix in ("", *SIDECARS):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)


#: A copy not finished for this long was abandoned (its process killed): the largest
#: databases copy in seconds.
ABANDONED_AFTER = 15 * 60


def _remove_abandoned(directory: Path) -> None:
    """Copies that a killed backup left half-made, with their sidecar files."""
    now = datetime.now().timestamp()
    for partial in directory.glob(".*.partial"):
        try:
            if now - partial.stat().st_mtime > ABANDONED_AFTER:
                _remove(partial)
                log.info("Removed an abandoned backup copy %s", partial)
        except FileNotFoundError:
            continue


def create_backup(
    database: Path,
    reason: str = "manual",
    *,
    directory: Path | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> BackupInfo:
    """A consistent copy of ``database`` in its backup folder, its structure checked when
    that is due (``check_due``)."""
    progress = progress or Progress()
    directory = directory or backup_dir(database)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupFailed(location=str(database), reason=_folder_problem(directory, exc)) from exc
    ensure_free_space(directory, database.stat().st_size)
    created = now or datetime.now(UTC).replace(tzinfo=None)
    target = directory / f"{database.stem}-{created.strftime(_STAMP)}-{reason}.sqlite"
    partial = target.with_name(f".{target.name}.partial")
    _remove_abandoned(directory)
    _remove(partial)
    check = check_due(database, directory, created)
    progress.update(0, 1, "Backing up")
    try:
        problem, content = _copy_whole(database, partial, progress, check) or _copy_by_pages(
            database, partial, progress, check
        )
        if problem:
            raise BackupFailed(location=str(database), reason=problem)
        progress.update(1, 1)
        os.replace(partial, target)
        fsync_directory(directory)
    except sqlite3.DatabaseError as exc:
        _remove(partial)
        if "disk is full" in str(exc):
            raise _disk_full(directory, database) from exc
        raise BackupFailed(location=str(database), reason=str(exc)) from exc
    except OSError as exc:
        _remove(partial)
        if exc.errno == errno.ENOSPC:
            raise _disk_full(directory, database) from exc
        raise BackupFailed(location=str(database), reason=_folder_problem(directory, exc)) from exc
    except BaseException:
        _remove(partial)
        raise
    info = BackupInfo(
        target,
        created,
        reason,
        content.counts,
        content.sha256,
        content.schema,
        content.last_change,
        check,
    )
    _write_sidecar(info)
    log.info("Backed up %s to %s (%s)", database, target, reason)
    return info


def check_due(database: Path, directory: Path, now: datetime) -> bool:
    """Whether this backup checks the structure of what it copies: always for a file up to
    ``ALWAYS_CHECK_BYTES``, else when no backup of the last ``CHECK_EVERY`` was checked."""
    if database.stat().st_size <= ALWAYS_CHECK_BYTES:
        return True
    return not any(
        b.checked and timedelta(0) <= now - b.created < CHECK_EVERY
        for b in list_backups(database, directory=directory)
    )


def _folder_problem(directory: Path, exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return f"the backup folder {directory} cannot be written to (no permission)"
    return f"the backup folder {directory} cannot be written to ({exc.strerror or exc})"


def _disk_full(directory: Path, database: Path) -> DiskFull:
    return DiskFull(
        folder=str(directory),
        free=shutil.disk_usage(directory).free,
        needed=database.stat().st_size + FREE_MARGIN,
    )


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


def _write_sidecar(info: BackupInfo) -> None:
    data = {
        "created": info.created.isoformat(),
        "reason": info.reason,
        "counts": info.counts,
        "sha256": info.sha256,
        "size": info.path.stat().st_size,
        "schema": info.schema,
        "last_change": info.last_change,
        "checked": info.checked,
    }
    atomic_write(_sidecar(info.path), json.dumps(data, indent=1).encode("utf-8"))


def _read(path: Path) -> BackupInfo | None:
    try:
        data = json.loads(_sidecar(path).read_text(encoding="utf-8"))
        return BackupInfo(
            path,
            datetime.fromisoformat(data["created"]),
            data["reason"],
            data["counts"],
            data.get("sha256"),
            data.get("schema"),
            data.get("last_change"),
            data.get("checked", True),  # backups from before the schedule: every one was
        )
    except (OSError, ValueError, KeyError):
        # The sidecar is a convenience: the name alone says when and why.
        parts = path.stem.rsplit("-", 4)
        try:
            created = datetime.strptime("-".join(parts[1:4]), _STAMP)
        except (ValueError, IndexError):
            return None
        return BackupInfo(path, created, parts[4] if len(parts) > 4 else "?", {})


def list_backups(database: Path, *, directory: Path | None = None) -> list[BackupInfo]:
    """The backups of ``database``, newest first."""
    directory = directory or backup_dir(database)
    if not directory.is_dir():
        return []
    found = (_read(p) for p in directory.glob("*.sqlite") if not p.name.startswith("."))
    return sorted((b for b in found if b is not None), key=lambda b: b.created, reverse=True)


def find_backup(database: Path, name: str) -> BackupInfo:
    backups = list_backups(database)
    matches = [b for b in backups if b.name == name] or [
        b for b in backups if b.name.startswith(name) or name in b.name
    ]
    if len(matches) != 1:
        raise BackupDamaged(name=name, reason="no such backup" if not matches else "ambiguous")
    return matches[0]


def _newest_per(backups: list[BackupInfo], key: str, count: int) -> set[Path]:
    kept: set[Path] = set()
    seen: list[object] = []
    for backup in backups:  # newest first
        if key == "day":
            bucket: object = backup.created.date()
        elif key == "week":
            bucket = backup.created.isocalendar()[:2]
        else:
            bucket = (backup.created.year, backup.created.month)
        if bucket in seen:
            continue
        if len(seen) >= count:
            break
        seen.append(bucket)
        kept.add(backup.path)
    return kept


def to_keep(backups: Iterable[BackupInfo], retention: Retention, now: datetime) -> set[Path]:
    """Which backups rotation keeps: the newest per day, week and month, recent ones, and
    the newest whose structure was checked."""
    ordered = sorted(backups, key=lambda b: b.created, reverse=True)
    checked = next((b.path for b in ordered if b.checked), None)
    keep = {
        b.path for b in ordered if (now - b.created).total_seconds() < retention.recent_hours * 3600
    }
    keep |= _newest_per(ordered, "day", retention.daily)
    keep |= _newest_per(ordered, "week", retention.weekly)
    keep |= _newest_per(ordered, "month", retention.monthly)
    return keep | ({checked} if checked else set())


def rotate(
    database: Path,
    retention: Retention | None = None,
    *,
    directory: Path | None = None,
    now: datetime | None = None,
) -> list[Path]:
    """Delete the backups the retention policy no longer keeps; returns them."""
    backups = list_backups(database, directory=directory)
    now = now or datetime.now(UTC).replace(tzinfo=None)
    keep = to_keep(backups, retention or Retention(), now)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            _sidecar(backup.path).unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def retention_of(session: Session) -> Retention:
    """The association's own retention policy (settings ``backup.keep_*``), or the default."""
    rows = dict(
        session.execute(
            select(Setting.key, Setting.value).where(Setting.key.like("backup.keep_%"))
        ).all()
    )
    default = Retention()
    values = {}
    for name in ("daily", "weekly", "monthly"):
        try:
            values[name] = max(0, int(rows.get(f"backup.keep_{name}") or getattr(default, name)))
        except ValueError:
            values[name] = getattr(default, name)
    return Retention(**values)


def set_retention(session: Session, retention: Retention) -> None:
    for name in ("daily", "weekly", "monthly"):
        key = f"backup.keep_{name}"
        setting = session.get(Setting, key) or Setting(key=key)
        setting.value = str(max(0, int(getattr(retention, name))))
        session.add(setting)


def backup_on_open(
    database: Path, retention: Retention | None = None, *, now: datetime | None = None
) -> BackupInfo | None:
    """The daily backup: taken when a database is opened, at most once a day."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    backups = list_backups(database)
    if any(b.created.date() == now.date() for b in backups):
        return None
    info = create_backup(database, "daily", now=now)
    rotate(database, retention, now=now)
    return info


def latest_good(database: Path) -> tuple[str, str] | None:
    """The newest backup of ``database`` that verifies: its name, and when it was made."""
    good = next((b for b in list_backups(database) if verify(b) is None), None)
    return (good.name, good.created.strftime("%Y-%m-%d %H:%M") + " UTC") if good else None


def verify(backup: BackupInfo) -> str | None:
    """None when the backup holds what it held when it was taken, else why not.

    An empty or cut file, flipped bytes (its SHA-256), other record counts or another schema
    than its side file recorded, or a failing ``integrity_check``: each is refused by name.
    """
    path = backup.path
    if not path.is_file():
        return "the file is missing"
    size = path.stat().st_size
    if size == 0:
        return "the file is empty"
    with open(path, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            return "it is not a database file"
    if backup.sha256 is not None and digest(path) != backup.sha256:
        return "its content is not what was backed up (the checksum differs)"
    problem = check_file(path)
    if problem:
        return problem
    with closing(_connect_ro(path)) as conn:
        counts, schema = _counts(conn), _schema(conn)
    for table, expected in backup.counts.items():
        if counts.get(table) != expected:
            return f"it holds {counts.get(table, 0)} {table} where the backup had {expected}"
    if backup.schema is not None and schema != backup.schema:
        return f"its schema is {schema}, the backup's was {backup.schema}"
    return None


def _set_aside(database: Path, *, whole: bool) -> Path:
    """The live file's write-ahead log (and, ``whole``, the file itself) moved into its
    backup folder: kept as they were, never deleted, never replayed into a restored file."""
    stamp = datetime.now().strftime(_STAMP)
    folder = backup_dir(database) / f"set-aside-{stamp}"
    for suffix in ("", *SIDECARS) if whole else SIDECARS:
        source = Path(f"{database}{suffix}")
        if source.exists():
            folder.mkdir(parents=True, exist_ok=True)
            shutil.move(source, folder / source.name)
    if folder.exists():
        fsync_directory(folder)
    return folder


def restore_backup(database: Path, backup: BackupInfo) -> BackupInfo | None:
    """Replace ``database`` with ``backup``; the current state is backed up first.

    The caller must have closed the database (and hold its lock). The backup is verified
    before anything changes; the swap is one rename, so a crash leaves either file whole.
    A damaged or missing live file is no obstacle: a damaged one is moved aside, whole.
    Returns the backup of the state that was replaced (None if there was none to keep).
    """
    problem = verify(backup)
    if problem:
        raise BackupDamaged(name=backup.name, reason=problem)
    precheck_sqlite_file(backup.path)
    before = None
    if database.exists() and database.stat().st_size:
        if check_file(database, quick=True) is None:
            before = create_backup(database, "before-restore")
            _set_aside(database, whole=False)
        else:  # a damaged file cannot be backed up through SQLite: kept aside as it is
            aside = _set_aside(database, whole=True)
            log.warning("Moved the damaged %s aside to %s", database, aside)
    else:  # missing, or empty: an empty file is kept too, in case it means something
        _set_aside(database, whole=database.exists())
    database.parent.mkdir(parents=True, exist_ok=True)
    partial = database.with_name(f".{database.name}.restoring")
    shutil.copyfile(backup.path, partial)
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, database)
    fsync_directory(database.parent)
    log.info("Restored %s from %s", database, backup.path)
    return before


def backup_database(
    db: Database, reason: str = "manual", *, progress: Progress | None = None
) -> BackupInfo:
    """Back up an open database; a server database is the server's to back up."""
    if db.file is None:
        raise NoBackupOnServer(location=db.location)
    info = create_backup(db.file, reason, progress=progress)
    with db.unit() as session:
        retention = retention_of(session)
    rotate(db.file, retention)
    return info


def before_import(db: Database) -> BackupInfo | None:
    """The backup taken before every import into a file database; when nothing was written
    since the newest backup (several imports tried in a row), that one serves."""
    if db.file is None:
        return None
    newest = next(iter(list_backups(db.file)), None)
    if newest is not None and newest.last_change is not None:
        with db.reading() as session:
            if _last_change(session.connection().connection.driver_connection) == (
                newest.last_change
            ):
                return newest
    return backup_database(db, "before-import")


def _last_change(connection: Any) -> list[Any] | None:
    """What says whether anything was written since: the newest history row and the
    record counts (every write of the app leaves a history row)."""
    try:
        row = connection.execute("SELECT max(id), count(*) FROM changes").fetchone()
        counts = [connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in COUNTED]
    except sqlite3.DatabaseError:
        return None
    return [row[0], row[1], *counts]
