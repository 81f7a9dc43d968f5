"""Spreadsheets in and out: export, import sent-back workbooks, adopt a list, a calendar."""

from __future__ import annotations

import argparse
from typing import Any

from workbook.cli.common import (
    _backup_first,
    _entity,
)
from workbook.domain.errors import KnownError
from workbook.services import get, spec_for
from workbook.services.organisations import ORGANISATIONS
from workbook.store.db import Database


def cmd_export(db: Database, args: argparse.Namespace) -> int:
    from workbook.exchange.csv_export import export_csv
    from workbook.exchange.xlsx_export import export_xlsx

    with db.unit() as session:
        if args.format == "csv":
            if not args.entities or len(args.entities) != 1:
                raise KnownError(
                    "CSV holds one list: name it with --entities, e.g. --entities decision"
                )
            rows = export_csv(
                session,
                _entity(args.entities[0]),
                args.file,
                bom=args.bom,
                delimiter=";" if args.semicolon else ",",
            )
            print(f"Wrote {rows} rows to {args.file}")
            return 0
        scope, partner = None, None
        if args.partner:
            org = get(session, ORGANISATIONS, args.partner)
            partner, scope = org.id, {p.partnership_id for p in org.partnerships}
        if args.partnership:
            scope = {get(session, "partnership", args.partnership).id}
        entities = [_entity(e) for e in args.entities] if args.entities else None
        written = export_xlsx(
            session,
            args.file,
            entities=entities,
            partnership_ids=scope,
            partner=partner,
            language=args.language,
        )
    print(f"Wrote {args.file}: " + ", ".join(f"{n} {sheet}" for sheet, n in written.items()))
    return 0


def cmd_import(db: Database, args: argparse.Namespace) -> int:
    from workbook.exchange.importer import APPLICABLE, CONFLICT, DELETED, INVALID, apply, preview

    with db.unit() as session:
        result = preview(session, args.file)
    for sheet, counts in result.counts().items():
        print(
            f"{result.sheet_in_file(sheet)}: "
            + ", ".join(f"{n} {status}" for status, n in counts.items() if n)
        )
    for notice in result.notices:
        print(f"  note: {notice}")
    for row in result.rows:
        if row.status == "unchanged" and not row.warnings:
            continue
        where = f"row {row.row}" if row.row > 0 else "a deleted row"
        print(f"  {result.sheet_in_file(row.sheet)} {where} [{row.status}] {row.label}")
        for change in row.changes:
            print(f"      {change.column}: {change.old!r} -> {change.new!r}")
        for problem in row.problems:
            print(f"      problem: {problem.message}")
        for warning in row.warnings:
            print(f"      warning: {warning}")
    if not args.apply:
        print("Dry run: nothing was changed. Use --apply to import the new and changed rows.")
        return 1 if any(r.status == INVALID for r in result.rows) else 0
    accepted = result.default_accepted()
    if args.overwrite_conflicts:
        accepted |= {r.key for r in result.rows if r.status == CONFLICT}
    if args.delete_deleted:
        accepted |= {r.key for r in result.rows if r.status == DELETED}
    if args.skip_invalid is False and any(r.status == INVALID for r in result.rows):
        raise KnownError(
            "Some rows are invalid (see above); fix them, or import the others "
            "with --skip-invalid. Nothing was changed."
        )
    accepted = {
        k for k in accepted if any(r.key == k and r.status in APPLICABLE for r in result.rows)
    }
    _backup_first(db)
    with db.unit() as session:
        counts = apply(session, result, accepted)
    print("Imported: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
    return 0


def cmd_adopt(db: Database, args: argparse.Namespace) -> int:
    from workbook.exchange import adopt

    table = adopt.read_table(args.file, args.sheet)
    with db.unit() as session:
        if args.preset:
            saved = adopt.presets(session)
            if args.preset not in saved:
                raise KnownError(f"There is no mapping preset called {args.preset!r}.")
            entity, stored = saved[args.preset]
            mapping = adopt.apply_preset(stored, table.headers)
        else:
            entity = _entity(args.entity)
            mapping = adopt.propose(entity, table.headers)
        for item in args.map or []:
            header, _, name = item.partition("=")
            if header not in mapping:
                raise KnownError(f"{args.file} has no column {header!r}.")
            mapping[header] = name or None
        print(f"{table.file}, sheet {table.sheet}: {len(table.rows)} rows as {entity}")
        kept = not args.drop_unmapped and "notes" in {f.name for f in spec_for(entity).fields}
        nothing = "(kept in the notes)" if kept else "(not imported)"
        for header, name in mapping.items():
            print(f"  {header!r:30} -> {name or nothing}")
        rows = adopt.preview(session, table, entity, mapping, keep_unmapped=not args.drop_unmapped)
        if args.save_preset:
            adopt.save_preset(session, args.save_preset, entity, mapping)
    for row in rows:
        note = f" (like {row.duplicate_of})" if row.duplicate_of else ""
        print(f"  row {row.row} [{row.status}] {row.label}{note}")
        for problem in row.problems:
            print(f"      problem: {problem}")
        for warning in row.warnings:
            print(f"      warning: {warning}")
        if row.extra.get("contact"):
            print(f"      with the contact {row.extra['contact']}")
    if not args.apply:
        print("Dry run: nothing was changed. Use --apply to adopt the new rows.")
        return 1 if any(r.status == adopt.INVALID for r in rows) else 0
    if rows and all(r.status == adopt.INVALID for r in rows):
        raise KnownError(f"Nothing was adopted: every row of {args.file} is invalid (see above).")
    _backup_first(db)
    with db.unit() as session:
        count = adopt.apply(session, entity, rows)
    print(f"Adopted {count} new {entity} record(s); duplicates and invalid rows were left out.")
    return 0


def cmd_calendar(db: Database, args: argparse.Namespace) -> int:
    from workbook.exchange.calendar import export_calendar

    with db.unit() as session:
        count = export_calendar(session, args.file, lang=args.language)
    print(f"Wrote {count} events to {args.file}")
    return 0


def register(sub: Any) -> None:
    """This group's commands: each one's arguments, its handler and whether it writes."""
    p = sub.add_parser("export", help="write an Excel workbook or a CSV file")
    p.add_argument("format", choices=["xlsx", "csv"])
    p.add_argument("file", help="the file to write")
    p.add_argument(
        "--entities",
        nargs="+",
        metavar="ENTITY",
        help="only these lists (default: all); CSV takes exactly one",
    )
    p.add_argument("--partnership", help="only what concerns this partnership (partner sheet)")
    p.add_argument(
        "--partner",
        help="for this partner organisation: what concerns its partnerships (or the one "
        "named), its own people and the conflicts it is party to",
    )
    p.add_argument(
        "--language",
        choices=["en", "de"],
        default="en",
        help="xlsx: sheet titles, headers, drop-downs and instructions in English or German",
    )
    p.add_argument("--bom", action="store_true", help="CSV: start with a BOM (for Excel)")
    p.add_argument("--semicolon", action="store_true", help="CSV: separate with ';'")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="preview, then apply, a workbook sent back")
    p.add_argument("file")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--dry-run", action="store_true", default=True, help="show what would change (the default)"
    )
    mode.add_argument("--apply", action="store_true", help="apply the new and changed rows")
    p.add_argument(
        "--skip-invalid",
        action="store_true",
        help="with --apply: import the valid rows even if others are invalid",
    )
    p.add_argument(
        "--overwrite-conflicts",
        action="store_true",
        help="with --apply: the file wins where both sides changed a record",
    )
    p.add_argument(
        "--delete-deleted",
        action="store_true",
        help="with --apply: records whose rows the partner deleted are deleted here too",
    )
    p.set_defaults(func=cmd_import, writes=lambda args: bool(args.apply))

    p = sub.add_parser("adopt", help="take over an existing spreadsheet (csv, xlsx, ods)")
    p.add_argument("file")
    p.add_argument("--entity", default="organisation", help="organisation, contact, decision, goal")
    p.add_argument("--sheet", help="the sheet to read (default: the first)")
    p.add_argument(
        "--map",
        action="append",
        metavar="COLUMN=FIELD",
        help="change the proposed mapping; COLUMN= leaves a column out",
    )
    p.add_argument("--preset", help="use a saved mapping")
    p.add_argument("--save-preset", metavar="NAME", help="keep this mapping under a name")
    p.add_argument("--apply", action="store_true", help="adopt the new rows (else a dry run)")
    p.add_argument(
        "--drop-unmapped",
        action="store_true",
        help="leave out the columns mapped to no field (else kept in the notes)",
    )
    p.set_defaults(func=cmd_adopt, writes=lambda args: bool(args.apply or args.save_preset))

    p = sub.add_parser("calendar", help="meetings and due dates as an iCalendar (.ics) file")
    p.add_argument("file", help="the .ics file to write")
    p.add_argument("--language", choices=["en", "de"], default="en")
    p.set_defaults(func=cmd_calendar)
