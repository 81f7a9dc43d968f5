"""A shared server: copy a database to it, set it up, its members."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from sqlalchemy.engine import make_url

from workbook.cli.common import (
    _table,
)
from workbook.domain.errors import KnownError
from workbook.domain.progress import Progress
from workbook.store.db import Database, resolve_url


def cmd_copy_to(db: Database, args: argparse.Namespace) -> int:
    from workbook.transfer import copy_to

    checked = copy_to(db, args.target, progress=Progress())
    rows = sum(c.rows for c in checked)
    shown = _masked(args.target)
    print(f"Copied {rows} rows in {len(checked)} tables to {shown}; every table checked.")
    return 0


def _masked(location: str) -> str:
    """A location as it may be shown: a server's URL without its password."""
    if "://" not in location:
        return location
    return make_url(resolve_url(location)).render_as_string(hide_password=True)


#: Where a script gives a new member's password (never on the command line, seen by `ps`).
NEW_PASSWORD = "WORKBOOK_NEW_PASSWORD"


def _new_password(name: str) -> str:
    """Asked twice at a terminal; else from $WORKBOOK_NEW_PASSWORD or standard input."""
    import getpass

    if os.environ.get(NEW_PASSWORD):
        return os.environ[NEW_PASSWORD]
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(f"Password for {name}: ")
        if first != getpass.getpass("The same password again: "):
            raise KnownError("The two passwords differ; nothing was changed.")
        return first
    line = sys.stdin.readline().rstrip("\r\n") if sys.stdin is not None else ""
    if not line:
        raise KnownError(
            f"No password for {name}: type it at a terminal, or give it on standard input or "
            f"in ${NEW_PASSWORD}. Nothing was changed."
        )
    return line


def cmd_server(args: argparse.Namespace) -> int:
    from workbook.store import server

    url = resolve_url(args.url)
    where = make_url(url).render_as_string(hide_password=True).split("@")[-1]
    if args.action == "init":
        setup = server.init_server(url)
        print(f"{where} is ready: the schema, and the levels viewer, editor and admin.")
        for note in setup.notes:
            print(note)
        return 0
    if args.action == "members":
        from sqlalchemy import create_engine

        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                listed = server.members(conn)
        finally:
            engine.dispose()
        _table(["name", "level"], [[m.name, m.level] for m in listed], sys.stdout)
        return 0
    if not args.name:
        raise KnownError(f"{args.action} needs --name, the member's account.")
    if args.action == "remove-member":
        server.remove_member(url, args.name)
        print(f"{args.name} can no longer connect to {where}.")
        return 0
    if not args.level:
        raise KnownError(f"{args.action} needs --level: viewer, editor or admin.")
    if args.action == "set-level":
        server.set_level(url, args.name, args.level)
        print(f"{args.name} is now {args.level}.")
        return 0
    server.add_member(url, args.name, _new_password(args.name), args.level)
    print(f"{args.name} can now connect as {args.level}.")
    return 0


def register(sub: Any) -> None:
    """This group's commands: each one's arguments, its handler and whether it writes."""
    # "migrate-to" as it was first called (the schema's upgrade is a migration, this a copy)
    p = sub.add_parser(
        "copy-to", aliases=["migrate-to"], help="copy this database to an empty server or file"
    )
    p.add_argument("target", help="postgresql+psycopg://owner@host/db, or a new .sqlite file")
    p.set_defaults(func=cmd_copy_to)

    p = sub.add_parser("server", help="set up a shared PostgreSQL database and its members")
    p.add_argument(
        "action", choices=["init", "members", "add-member", "set-level", "remove-member"]
    )
    p.add_argument(
        "url",
        help="postgresql://owner@host/database, as its owner (init) or an admin member; "
        "the password comes from ~/.pgpass or $PGPASSWORD",
    )
    p.add_argument("--name", help="the member's account name")
    p.add_argument("--level", choices=["viewer", "editor", "admin"])
    p.set_defaults(func=cmd_server, opens=False)
