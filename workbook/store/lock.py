"""One writer per database file: a lock file beside it that says who holds it.

The operating system holds the lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows), so
it goes away with the process even after a crash or ``kill -9``; the file's content (who,
where, since when, which process) is only there to tell the next user. A lock file whose
holder is gone is stale: the next opener takes it over and says so in the log.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from workbook.domain.errors import KnownError
from workbook.store import paths

log = logging.getLogger(__name__)


class DatabaseInUse(KnownError):
    code = "db_in_use"
    template = (
        "{location} is open in Alliance Workbook by {member} on {host} since {since} "
        "(process {pid}). It can be opened read-only until they close it."
    )


class ReadOnlyMedium(KnownError):
    code = "read_only_medium"
    template = "{location} is on a medium that cannot be written to; it opens read-only."


@dataclass(frozen=True, slots=True)
class Holder:
    member: str
    host: str
    pid: int
    since: str

    @classmethod
    def read(cls, path: Path) -> Holder | None:
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8") or "{}")
            return cls(str(data["member"]), str(data["host"]), int(data["pid"]), data["since"])
        except (OSError, ValueError, KeyError, TypeError):
            return None


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except PermissionError:  # Windows reports a held lock this way
        return False
    return True


class _Held:
    """This process's hold on one lock file; shared by its Database objects."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path, self.fd, self.count = path, fd, 1
        self.companion: Path | None = None  # the identity lock taken with this one


_held: dict[Path, _Held] = {}
_guard = threading.Lock()


def identity_lock_path(database: Path) -> Path | None:
    """The lock named after the file itself (device and inode), whatever path reaches it:
    a hard link or a second mount point is the same file, and gets no second writer."""
    try:
        stat = database.stat()
    except OSError:
        return None  # not made yet: nothing else can reach it

    return paths.data_dir() / "locks" / f"{stat.st_dev:x}-{stat.st_ino:x}.lock"


def acquire(database: Path, member: str) -> Path:
    """Take the lock of ``database`` for this process, or raise DatabaseInUse.

    Two locks are taken: the file beside the database (which says who holds it, also to
    other computers on a shared folder) and the lock named after the file's identity.
    Raises ReadOnlyMedium when the lock file beside it cannot be created at all.
    """
    beside = _acquire(lock_path(database.resolve()), database, member)
    held = _held[beside]
    if held.count > 1:
        return beside  # this process holds it already, with its identity lock
    identity = identity_lock_path(database)
    if identity is not None:
        identity.parent.mkdir(parents=True, exist_ok=True)
        try:
            held.companion = _acquire(identity, database, member)
        except BaseException:
            _release(beside)
            raise
    return beside


def _acquire(path: Path, database: Path, member: str) -> Path:
    with _guard:
        held = _held.get(path)
        if held is not None:
            held.count += 1
            return path
        while True:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise ReadOnlyMedium(location=str(database), reason=str(exc)) from exc
            if not _try_lock(fd):
                os.close(fd)
                holder = Holder.read(path) or Holder("another member", "?", 0, "?")
                raise DatabaseInUse(
                    location=str(database),
                    member=holder.member,
                    host=holder.host,
                    pid=holder.pid,
                    since=holder.since,
                )
            # The holder may have removed the file between our open and our lock.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        stale = Holder.read(path)
        if stale is not None:
            log.warning(
                "Cleared a stale lock on %s left by process %s on %s (%s) since %s",
                database,
                stale.pid,
                stale.host,
                stale.member,
                stale.since,
            )
        me = {
            "member": member,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(me).encode("utf-8"))
        os.fsync(fd)
        _held[path] = _Held(path, fd)
        return path


def release(path: Path) -> None:
    """Give up the lock ``acquire`` returned (the last release gives up its identity lock)."""
    held = _held.get(path)
    companion = held.companion if held is not None and held.count == 1 else None
    _release(path)
    if companion is not None:
        _release(companion)


def _release(path: Path) -> None:
    with _guard:
        held = _held.get(path)
        if held is None:
            return
        held.count -= 1
        if held.count:
            return
        del _held[path]
        with contextlib.suppress(OSError):
            os.unlink(path)  # before unlocking: a waiter then sees a new file, not this one
        os.close(held.fd)


def holder(database: Path) -> Holder | None:
    """Who holds the lock of ``database`` now, or None when nobody does."""
    found = _holder(lock_path(database.resolve()))
    identity = identity_lock_path(database)
    return found or (_holder(identity) if identity is not None else None)


def _holder(path: Path) -> Holder | None:
    if path in _held:
        return Holder.read(path)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            return None
        return Holder.read(path)
    finally:
        os.close(fd)  # closing drops a lock taken just to look
