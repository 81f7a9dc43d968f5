"""``workbook sync``: members in step through a shared folder (``workbook.sync``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbook.cli.common import _table
from workbook.store.db import Database


def _said(report: Any) -> None:
    if report.written:
        print(f"Sent {report.written} change(s).")
    for arrival in report.arrived:
        print(f"Applied {arrival.changes} change(s) from {arrival.member} ({arrival.laptop}).")
    if not report.written and not report.arrived:
        print("Nothing new.")
    for error in report.refused:
        print(f"workbook: {error.message}", file=sys.stderr)
    if report.incomplete:
        print(f"{len(report.incomplete)} file(s) not yet complete in the folder: next time.")
    if report.waiting:
        print(f"{len(report.waiting)} file(s) wait for earlier files of their members.")
    if report.stopped:
        print("Stopped: what was not applied yet follows at the next sync.")
    for asked in report.requests:
        print(
            f"{asked.get('member')} ({asked.get('laptop')}) asks to join: "
            f"workbook sync --admit {asked.get('replica')}"
        )
    for member, days in report.silent:
        print(f"{member} has not synced for {days} days.")
    if report.conflicts:
        print(f"{report.conflicts} conflict(s) to decide: workbook sync --conflicts")
    if report.snapshot:
        print(f"Started from the snapshot {report.snapshot}.")
    if report.matched:
        print(f"{report.matched} of your records matched the association's by their names.")
    if report.compaction is not None and report.compaction.snapshot:
        _compacted(report.compaction)


def _compacted(done: Any) -> None:
    if done.snapshot is None:
        print("Nothing to compact: no change file is on every member's laptop yet.")
        return
    print(
        f"Compacted {done.removed} change file(s) ({done.freed / 1e6:.1f} MB) every member "
        f"has into the snapshot {done.snapshot}."
    )


def _last_folder(db: Database) -> Path:
    with db.reading() as session:
        folder = session.connection().exec_driver_sql("SELECT folder FROM sync_state")
        return Path(folder.scalar() or ".")


def cmd_sync(db: Database, args: argparse.Namespace) -> int:
    from workbook.sync import folder as sync

    where = Path(args.folder) if args.folder else None
    if args.found or args.join:
        if where is None:
            print("workbook: name the shared folder.", file=sys.stderr)
            return 2
        report = (sync.found if args.found else sync.join)(db, where, member=args.name)
        _said(report)
    elif args.admit:
        request = sync.admit(db, where or _last_folder(db), args.admit)
        print(f"Admitted {request.get('member')} ({request.get('laptop')}).")
    elif args.conflicts:
        found = sync.conflicts(db)
        _table(
            ["table", "record", "field", "others' values"],
            [
                [
                    c.table,
                    c.key[:8],
                    "deleted" if c.column == "#" else c.column,
                    "; ".join(str(v) for _, _, v in c.others),
                ]
                for c in found
            ],
            sys.stdout,
        )
    elif args.compact:
        report = sync.sync(db, where)
        _said(report)
        if report.compaction is None or report.compaction.snapshot is None:
            _compacted(sync.compact(db, where or _last_folder(db)))
    else:
        _said(sync.sync(db, where))
    return 0


def register(sub: Any) -> None:
    """This group's commands: each one's arguments, its handler and whether it writes."""
    p = sub.add_parser(
        "sync",
        help="keep members in step through a shared folder (Nextcloud, Dropbox, a USB stick)",
    )
    p.add_argument("folder", nargs="?", help="the shared folder (default: the one last used)")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--found", action="store_true", help="start the folder from this database")
    how.add_argument("--join", action="store_true", help="make this new database from the folder")
    how.add_argument("--admit", metavar="REPLICA", help="admit a laptop that asked to join")
    how.add_argument("--conflicts", action="store_true", help="list the conflicts to decide")
    how.add_argument(
        "--compact",
        action="store_true",
        help="sync, then replace the change files every member has with a snapshot",
    )
    p.add_argument("--name", help="your name as the other members will see it")
    p.set_defaults(func=cmd_sync, writes=lambda args: not args.conflicts)
