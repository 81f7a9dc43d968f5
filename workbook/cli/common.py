"""What the commands share: arguments' types, tables printed, a progress bar, the backup
before an import."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from workbook.domain.progress import Progress
from workbook.opening import open_database
from workbook.services.registry import all_specs
from workbook.store.db import Database, resolve_url

log = logging.getLogger("workbook")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1.")
    return number


def _entity(name: str) -> str:
    """Accepts singular or plural ("decision", "decisions")."""
    known = {s.entity for s in all_specs()}
    for candidate in (name, name.removesuffix("s"), name.removesuffix("es")):
        if candidate in known:
            return candidate
    raise argparse.ArgumentTypeError(
        f"unknown entity {name!r}; choose from {', '.join(sorted(known))}"
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return (
            value.isoformat(sep=" ", timespec="minutes")
            if hasattr(value, "hour")
            else value.isoformat()
        )
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("\n", " ")


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], out: Any) -> None:
    cells = [[_text(v) for v in row] for row in rows]
    widths = [min(40, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(headers)]
    line = "  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip(), file=out)
    for row in cells:
        # the last column is printed whole: it may be a key or id to copy
        shown = [v[:w].ljust(w) for v, w in zip(row[:-1], widths[:-1], strict=True)]
        print("  ".join([*shown, row[-1]]).rstrip(), file=out)


class _Bar:
    """A progress line on stderr for long commands (only when it is a terminal)."""

    def __init__(self) -> None:
        self.show = sys.stderr.isatty()

    def __call__(self, progress: Progress) -> None:
        if self.show:
            print(
                f"\r{progress.message} {int(progress.fraction * 100):3d} %",
                end="",
                file=sys.stderr,
                flush=True,
            )


def _backup_first(db: Database) -> None:
    """The backup taken before anything is imported into a file."""
    from workbook.store.backup import before_import

    saved = before_import(db)
    if saved is not None:
        print(f"Backed up first: {saved.name}")


def _open_for(args: argparse.Namespace, *, writes: bool) -> Database:
    """A writing command takes the file's lock; a reading one (list, export, backup ...)
    reads beside whoever writes, and never keeps a member's import or save waiting."""
    from workbook.domain.errors import NeedsUpgrade
    from workbook.store.lock import DatabaseInUse

    url = make_url(resolve_url(args.db))
    existing = url.get_backend_name() != "sqlite" or (
        url.database is not None and Path(url.database).is_file()
    )
    if not writes and existing:
        try:
            return open_database(args.db, member=args.member, read_only=True)
        except NeedsUpgrade:
            if url.get_backend_name() != "sqlite":
                raise  # a reading command never makes or upgrades a server's schema
    try:
        return open_database(args.db, member=args.member)
    except DatabaseInUse:
        if writes:
            raise
        return open_database(args.db, member=args.member, read_only=True)
