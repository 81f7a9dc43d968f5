"""PDF reports and a record's sheet."""

from __future__ import annotations

import argparse
from typing import Any

from workbook.domain.errors import KnownError
from workbook.services import get
from workbook.store.db import Database


def cmd_report(db: Database, args: argparse.Namespace) -> int:
    from workbook.reports import RECORD_REPORTS, generate
    from workbook.services.fields import parse_date

    try:
        start = parse_date(args.date_from) if args.date_from else None
        end = parse_date(args.date_to) if args.date_to else None
    except ValueError as exc:
        raise KnownError(f"Not a date: {exc}") from None
    if args.kind == "agreement" and not args.partnership:
        raise KnownError("The agreement is for one partnership: name it with --partnership.")
    options: dict[str, Any] = {"partnership_id": args.partnership}
    if args.kind in RECORD_REPORTS:
        if not args.record:
            raise KnownError(f"Name the {RECORD_REPORTS[args.kind]} to print with --record.")
        with db.unit() as session:  # by the start of its id, as everywhere on the command line
            options = {"record_id": get(session, RECORD_REPORTS[args.kind], args.record).id}
    elif args.kind == "decisions":
        options.update(start=start, end=end, status=args.status)
    elif args.kind == "directory":
        options = {}
    elif args.kind == "agreement" and args.agreement_version:
        options["version"] = args.agreement_version
    with db.unit() as session:
        pages = generate(
            session,
            args.kind,
            args.output,
            letter=args.letter,
            language=args.language,
            dates=args.dates,
            side_by_side=args.side_by_side,
            **options,
        )
    print(f"Wrote {args.output} ({pages} pages)")
    return 0


def register(sub: Any) -> None:
    """This group's commands: each one's arguments, its handler and whether it writes."""
    p = sub.add_parser("report", help="write a PDF report")
    p.add_argument(
        "kind",
        choices=[
            "agreement", "decisions", "conflicts", "goals", "directory",
            "meeting", "decision", "conflict", "partner",
        ],
        help="a report, or one record: a meeting's minutes, a decision, a conflict with its "
        "timeline, a partner's sheet (name it with --record)",
    )  # fmt: skip
    p.add_argument("--record", help="the meeting, decision, conflict or partner to print")
    p.add_argument("-o", "--output", required=True, help="the PDF file to write")
    p.add_argument("--partnership", help="the partnership (required for the agreement)")
    p.add_argument("--from", dest="date_from", help="decisions from this date")
    p.add_argument("--to", dest="date_to", help="decisions up to this date")
    p.add_argument("--status", help="decisions with this status only")
    p.add_argument("--letter", action="store_true", help="US Letter paper instead of A4")
    p.add_argument(
        "--language",
        choices=["en", "de", "de+en", "en+de"],
        default="en",
        help="words, dates and numbers in English (default) or German; "
        "an agreement in two languages one after the other: de+en or en+de",
    )
    p.add_argument(
        "--side-by-side",
        action="store_true",
        help="an agreement in two languages: in two columns, each section beside its translation",
    )
    p.add_argument(
        "--agreement-version",
        type=int,
        metavar="N",
        help="agreement: print version N as it stood (default: the current one)",
    )
    p.add_argument(
        "--dates",
        choices=["iso", "locale"],
        default="iso",
        help="English dates as 2026-11-24 (iso, default) or 11/24/2026 (locale)",
    )
    p.set_defaults(func=cmd_report)
