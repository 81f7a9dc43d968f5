"""A write-ahead log beside a database file: the file's own, or a stray one to set aside.

SQLite replays any ``-wal`` it finds beside a database into it, and on close writes it into
the file for good. A log left by a crash of this app is the file's own: it holds the last
commits. A log from anywhere else (an older copy a sync client brought back, a backup tool
that restored the file but not its log) holds pages of another state: replayed, it throws
away newer work or leaves the file malformed. So before any connection opens the file, a log
beside it is kept only when it can be the file's own:

- its header is a write-ahead log's, for the file's page size;
- the app's lock file is beside it and nobody holds it: the writer that left the log
  crashed (a clean close removes both the log and the lock file).

Any other log is moved aside, whole, into the file's backup folder, and the user is told.
"""

from __future__ import annotations

import logging
import os
import shutil
import struct
from datetime import datetime
from pathlib import Path

from workbook.domain.errors import KnownError
from workbook.store import lock, paths

log = logging.getLogger(__name__)

_MAGIC = (0x377F0682, 0x377F0683)


class StrayLogSetAside(KnownError):
    """Not raised: what opening tells the user after it set a stray log aside."""

    code = "stray_log_set_aside"
    template = (
        "A write-ahead log beside {location} was not the file's own ({why}); it was set "
        "aside without being applied, as {kept}. The database itself was not changed."
    )


_SHM = "-shm"


def _page_size(database: Path) -> int | None:
    with open(database, "rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return None
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def _why_not_its_own(database: Path, wal: Path) -> str | None:
    """None when the log can be the file's own, else why it is not."""
    with open(wal, "rb") as handle:
        header = handle.read(32)
    if not header:
        return None  # an empty log holds nothing to replay
    if len(header) < 32:
        return "it is cut off"
    magic, _version, page_size = struct.unpack(">III", header[:12])
    if magic not in _MAGIC:
        return "it is not a write-ahead log"
    if page_size != _page_size(database):
        return "it was written for another database"
    if not lock.lock_path(database.resolve()).exists():
        return "no crashed session of this app left it"
    return None


def set_aside_stray_log(database: Path) -> StrayLogSetAside | None:
    """Move a log that is not the file's own aside before anything opens the file.

    Returns what to tell the user, or None when there was none or it is the file's own (a
    log in use by another member who has the file open is never touched).
    """
    wal = Path(f"{database}-wal")
    if not wal.exists() or not database.exists() or lock.holder(database) is not None:
        return None
    if not os.access(database.parent, os.W_OK):
        return None  # a medium nobody writes to: nobody can have left a log there since
    why = _why_not_its_own(database, wal)
    if why is None:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = paths.backup_dir(database) / f"stray-log-{stamp}"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / wal.name
    shutil.move(wal, target)
    shm = Path(f"{database}{_SHM}")
    if shm.exists():
        shutil.move(shm, folder / shm.name)
    log.warning("Set aside a write-ahead log beside %s (%s): %s", database, why, target)
    return StrayLogSetAside(location=str(database), why=why, kept=str(target))
