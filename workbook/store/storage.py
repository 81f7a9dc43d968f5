"""Files we write appear whole or not at all: a temp file beside the target, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from workbook.domain.errors import DiskFull


def atomic_save(target: Path, write: Callable[[str], None]) -> None:
    """Call ``write(temp_path)``, then move the finished file onto ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        write(temp)
        with open(temp, "rb") as done:
            os.fsync(done.fileno())
        os.replace(temp, target)
        fsync_directory(target.parent)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def atomic_write(target: Path, data: bytes) -> None:
    def write(temp: str) -> None:
        Path(temp).write_bytes(data)

    atomic_save(target, write)


def fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_only_uri(path: Path) -> str:
    """A SQLite URI that reads ``path`` without writing anything beside it.

    Where the folder cannot be written (a read-only medium), nobody can change the file
    either: it is opened as immutable, which needs no ``-shm`` file beside it.
    """
    resolved = path.resolve()
    flag = "mode=ro" if os.access(resolved.parent, os.W_OK) else "immutable=1"
    return f"{resolved.as_uri()}?{flag}"


def ensure_free_space(folder: Path, needed: int) -> None:
    """Raise DiskFull unless ``folder``'s disk has ``needed`` bytes free (and a margin)."""
    import errno
    import shutil

    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            return
        raise
    if free < needed + FREE_MARGIN:
        raise DiskFull(folder=str(folder), free=free, needed=needed + FREE_MARGIN)


#: What is kept free beyond a job's own needs: SQLite's log and index, a settings file.
FREE_MARGIN = 2 * 1024 * 1024
