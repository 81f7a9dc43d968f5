"""A person's data: export, erase, review."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from workbook.cli.common import (
    _table,
)
from workbook.domain.errors import KnownError
from workbook.store.db import Database


def cmd_person(db: Database, args: argparse.Namespace) -> int:
    from workbook import privacy

    if args.action == "review":
        with db.unit() as session:
            items = privacy.review(session, years=args.years)
        reasons = {
            "no_consent": "no consent recorded",
            "no_purpose": "consent without a purpose",
            "inactive": f"no activity for {args.years} years",
        }
        _table(
            ["id", "name", "organisation", "why", "last activity"],
            [
                [str(i.contact_id)[:8], i.name, i.organisation, reasons[i.reason], i.last_activity]
                for i in items
            ],
            sys.stdout,
        )
        return 0
    if not args.contact:
        raise KnownError("Name the contact (its id or the start of it).")
    if args.action == "export":
        with db.unit() as session:
            json_path, pdf_path = privacy.export_person(
                session, args.contact, args.output, language=args.language
            )
        print(f"Wrote {json_path} and {pdf_path}")
        return 0
    with db.reading() as session:
        name, places = privacy.places(session, args.contact)
    print(f"{len(places)} place(s) mention {name} and will read {privacy.ERASED}:")
    for place in places:
        print(f"  {place.table}.{place.field}: {place.snippet}")
    with db.reading() as session:
        signed = sorted({k.partnership for k in privacy.kept(session, args.contact)})
    if signed:
        print("Kept as signed (they show what the partners agreed): " + ", ".join(signed))
    if not args.yes:
        raise KnownError(
            "Erasure is final and cannot be undone from the trash; add --yes to confirm."
        )
    changed = privacy.erase_person(db, args.contact)
    print(f"Erased {name}; {changed} record(s) changed. A backup was taken first.")
    return 0


def register(sub: Any) -> None:
    """This group's commands: each one's arguments, its handler and whether it writes."""
    p = sub.add_parser("person", help="personal data of a contact: export, erase, review")
    p.add_argument("action", choices=["export", "erase", "review"])
    p.add_argument("contact", nargs="?", help="the contact's id (or its start)")
    p.add_argument("-o", "--output", default=".", help="export: the folder to write to")
    p.add_argument("--yes", action="store_true", help="erase: confirm that it is final")
    p.add_argument("--years", type=int, default=3, help="review: inactive for this long")
    p.add_argument(
        "--language", choices=["en", "de"], help="export: the PDF's language (default English)"
    )
    p.set_defaults(func=cmd_person, writes={"erase"})
