"""The ``workbook`` command: the app's capabilities, scriptable; no command starts the GUI.

One module per group of commands (records, exchange, reports, agreements, server, safety,
privacy): each command's arguments, its handler and whether it writes the database, in one
place (``register``); this module puts them together and runs one."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from sqlalchemy.exc import DBAPIError

from workbook import __version__
from workbook.cli import agreements, exchange, privacy, records, reports, safety, server, sync
from workbook.cli.common import _open_for
from workbook.domain.errors import KnownError

__all__ = ["GROUPS", "build_parser", "main"]

#: The groups, in the order ``workbook --help`` lists their commands.
GROUPS = (records, exchange, reports, agreements, server, safety, privacy, sync)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbook",
        description="Alliance Workbook: partners, partnerships, goals, "
        "decisions, conflicts and meetings of an association. Without a command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        help="database file or postgresql+psycopg:// URL "
        "(default: $WORKBOOK_DB or the file in the user data directory)",
    )
    parser.add_argument("--member", help="your name, as recorded in the change history")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # the app is ``workbook.launch``'s: it calls this for commands
        parser.print_help(sys.stderr)
        return 2
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    _close_on_terminate()
    try:
        if not getattr(args, "opens", True):
            return int(args.func(args))
        db = _open_for(args, writes=_writes(args))
    except (KnownError, DBAPIError) as exc:
        return _refused(exc)
    for notice in db.notices:
        print(f"workbook: {notice.message}", file=sys.stderr)
    try:
        return int(args.func(db, args))
    except (KnownError, DBAPIError) as exc:
        return _refused(exc)
    except BrokenPipeError:  # `workbook list ... | head`: the reader had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        db.close()


def _refused(exc: KnownError | DBAPIError) -> int:
    """A known error, or the database's refusal, said in one line; the command failed."""
    said = exc.message if isinstance(exc, KnownError) else _refusal(exc)
    print(f"workbook: {said}", file=sys.stderr)
    return 1


def _refusal(exc: DBAPIError) -> str:
    """A database's refusal in one sentence (the statement and its values go to the log)."""
    logging.getLogger("workbook").info("The database refused: %s", exc)
    reason = str(exc.orig or exc).strip().splitlines()[0].rstrip(".")
    if getattr(exc.orig, "sqlstate", None) == "42501":
        return f"Your account may not do this: {reason}. Nothing was changed."
    return f"The database refused: {reason}. Nothing was changed."


def _close_on_terminate() -> None:
    """SIGTERM (logout, shutdown, ``kill``) ends the command as Ctrl+C would: the unit of
    work is rolled back, the database closed, its log written in and the lock released."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def _writes(args: argparse.Namespace) -> bool:
    """Whether the command changes the database (reading ones run beside the open app), as
    its group says: always, for some of its actions, or as its arguments tell."""
    writes = getattr(args, "writes", False)
    if callable(writes):
        return bool(writes(args))
    if isinstance(writes, set | frozenset):
        return getattr(args, "action", None) in writes
    return bool(writes)


if __name__ == "__main__":
    sys.exit(main())
