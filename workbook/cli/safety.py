"""Backups, archives and the trash."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from workbook.cli.common import (
    _open_for,
    _table,
)
from workbook.domain.errors import KnownError
from workbook.domain.progress import Progress
from workbook.store.db import Database, resolve_url


def cmd_backup(args: argparse.Namespace) -> int:
    from workbook import opening
    from workbook.store import backup

    if args.action in ("restore", "list"):
        # by the file's name, without opening it: it may be damaged or missing
        url = make_url(resolve_url(args.db))
        if url.get_backend_name() != "sqlite" or not url.database:
            raise backup.NoBackupOnServer(location=url.render_as_string(hide_password=True))
        file = Path(url.database)
    if args.action == "list":
        rows = [  # the name last: printed whole, to be copied into "backup restore"
            [b.created.strftime("%Y-%m-%d %H:%M"), b.reason, sum(b.counts.values()), b.name]
            for b in backup.list_backups(file)
        ]
        _table(["created (UTC)", "reason", "records", "name"], rows, sys.stdout)
        print(f"in {backup.backup_dir(file)}")
        return 0
    if args.action == "restore":
        if not args.name:
            raise KnownError("Name the backup to restore (see: workbook backup list).")
        before, replayed = opening.restore(file, args.name, member=args.member or "member")
        print(f"Restored {args.name} into {file}.")
        if before is not None:
            print(f"The state before the restore was backed up as {before.name}.")
        if replayed:
            print(f"{replayed} erasure(s) of personal data made since were applied again.")
        return 0
    db = _open_for(args, writes=False)
    try:
        if db.file is None:
            raise backup.NoBackupOnServer(location=db.location)
        if args.action == "policy":
            with db.unit() as session:
                kept = backup.retention_of(session)
                changed = {
                    k: getattr(args, k)
                    for k in ("daily", "weekly", "monthly")
                    if getattr(args, k) is not None
                }
                if changed:
                    if db.read_only:
                        raise db.read_only_error()
                    kept = backup.Retention(**{**kept.__dict__, **changed})
                    backup.set_retention(session, kept)
            print(
                f"Keeping the newest backup of each of the last {kept.daily} days, "
                f"{kept.weekly} weeks and {kept.monthly} months, and all of the last 24 hours."
            )
            return 0
        info = backup.backup_database(db, "manual", progress=Progress())
        print(f"Backed up to {info.path}")
        return 0
    finally:
        db.close()


def cmd_archive(db: Database, args: argparse.Namespace) -> int:
    from workbook.archive import create_archive

    counts = create_archive(db, args.file, progress=Progress())
    print(f"Wrote {args.file}: {sum(counts.values())} rows in {len(counts)} tables")
    return 0


def cmd_unarchive(args: argparse.Namespace) -> int:
    from workbook.archive import open_archive

    db = open_archive(args.file, args.target, from_records=args.from_records, member=args.member)
    db.close()
    print(f"Made {args.target} from {args.file}")
    return 0


def cmd_trash(db: Database, args: argparse.Namespace) -> int:
    from workbook.services import trash

    with db.unit() as session:
        if args.action == "list":
            _table(
                ["id", "what", "deleted", "by", "purged after"],
                [
                    [
                        str(i.id)[:8],
                        f"{i.entity}: {i.caption}",
                        i.deleted_at,
                        i.deleted_by,
                        i.purge_after.date(),
                    ]
                    for i in trash.items(session)
                ],
                sys.stdout,
            )
        elif args.action == "restore":
            record = trash.restore(session, args.item or "")
            print(f"Restored {record.__entity__} {record.caption()}")
        else:
            print(f"Purged {trash.purge(session, everything=args.all)} item(s)")
    return 0


def register(sub: Any) -> None:
    """This group's commands: each one's arguments, its handler and whether it writes."""
    p = sub.add_parser("backup", help="back up the database, list backups, restore one")
    p.add_argument("action", choices=["create", "list", "restore", "policy"])
    p.add_argument("name", nargs="?", help="restore: the backup's name (see list)")
    for unit in ("daily", "weekly", "monthly"):
        p.add_argument(f"--{unit}", type=int, help=f"policy: how many {unit} backups to keep")
    p.set_defaults(func=cmd_backup, opens=False)

    p = sub.add_parser("archive", help="write the whole workbook to a portable .zip archive")
    p.add_argument("file", help="the .zip file to write")
    p.set_defaults(func=cmd_archive)

    p = sub.add_parser("unarchive", help="make a new database from an archive")
    p.add_argument("file", help="the .zip archive")
    p.add_argument("target", help="the new database file")
    p.add_argument(
        "--from-records", action="store_true", help="rebuild from the JSON, not the file copy"
    )
    p.set_defaults(func=cmd_unarchive, opens=False)

    p = sub.add_parser("trash", help="deleted records: list, restore, purge")
    p.add_argument("action", choices=["list", "restore", "purge"])
    p.add_argument("item", nargs="?", help="restore: the trash item's or record's id")
    p.add_argument("--all", action="store_true", help="purge: everything, not only expired")
    p.set_defaults(func=cmd_trash, writes={"restore", "purge"})
