"""The clause library and an agreement's amendments."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from workbook.cli.common import (
    _table,
)
from workbook.domain.errors import KnownError
from workbook.store.db import Database


def cmd_clause(db: Database, args: argparse.Namespace) -> int:
    from workbook.services import clauses

    with db.unit() as session:
        if args.action == "list":
            _table(
                ["key", "language", "title", "text"],
                [
                    [c.key, c.language, c.title, c.body]
                    for c in clauses.library(session, args.language)
                ],
                sys.stdout,
            )
            return 0
        if not (args.key and args.partnership):
            raise KnownError(
                "Name the clause and the partnership: clause insert KEY --partnership ID"
            )
        clause = clauses.find(session, args.key, args.language)
        term = clauses.insert(session, args.partnership, clause.id)
        print(f"Inserted as section {term.position}: {term.heading}")
    return 0


def cmd_amend(db: Database, args: argparse.Namespace) -> int:
    from workbook.services import agreements
    from workbook.services.fields import parse_date

    changes: dict[str, Any] = {}
    if args.end:
        changes["end_date"] = parse_date(args.end)
    if args.purpose:
        changes["purpose"] = args.purpose
    if args.status:
        changes["status"] = args.status
    if not changes:
        raise KnownError("Say what changes: --end, --purpose or --status.")
    kind = "renewal" if set(changes) == {"end_date"} else "amendment"
    with db.unit() as session:
        version = agreements.amend(
            session, args.partnership, changes, reason=args.reason, kind=kind
        )
        print(f"Version {version.number} ({kind}):")
        print("  " + (version.summary or "").replace("\n", "\n  "))
    return 0


def register(sub: Any) -> None:
    """This group's commands: each one's arguments, its handler and whether it writes."""
    p = sub.add_parser("clause", help="the clause library: list, or insert into an agreement")
    p.add_argument("action", choices=["list", "insert"])
    p.add_argument("key", nargs="?", help="insert: the clause's key (see list)")
    p.add_argument("--partnership", help="insert: the partnership's id")
    p.add_argument("--language", choices=["de", "en"], help="German or English clauses")
    p.set_defaults(func=cmd_clause, writes={"insert"})

    p = sub.add_parser("amend", help="amend or renew an agreement as a new version")
    p.add_argument("partnership", help="the partnership's id")
    p.add_argument("--reason", required=True, help="why the agreement changes")
    p.add_argument("--end", help="a new end date (a renewal)")
    p.add_argument("--purpose", help="a new purpose")
    p.add_argument("--status", help="a new status")
    p.set_defaults(func=cmd_amend, writes=True)
