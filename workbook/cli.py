"""The ``workbook`` command: the app's capabilities, scriptable; no command starts the GUI."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from workbook import __version__
from workbook.db import Database, resolve_url
from workbook.errors import KnownError
from workbook.opening import open_database
from workbook.progress import Progress
from workbook.services import count_rows, get, list_rows, spec_for
from workbook.services.organisations import ORGANISATIONS
from workbook.services.registry import all_specs

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


def cmd_init(db: Database, args: argparse.Namespace) -> int:
    from workbook.services.profile import set_profile

    if args.name:
        with db.unit() as session:
            set_profile(
                session,
                name=args.name,
                address=args.address or "",
                logo=str(Path(args.logo).resolve()) if args.logo else "",
            )
    print(f"Database ready: {db.location}")
    return 0


def cmd_demo(db: Database, args: argparse.Namespace) -> int:
    from workbook.demo import is_empty, load_demo

    if args.scale:
        from workbook.lifetime import generate

        scale = 1.0 if args.scale == "lifetime" else float(args.scale)
        with db.unit() as session:
            if not is_empty(session):
                raise KnownError("The lifetime data goes into an empty database only.")
            counts = generate(session, scale=scale, progress=Progress())
        print("Lifetime data generated: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        return 0
    with db.unit() as session:
        counts = load_demo(session)
    print("Demo data loaded: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


def cmd_list(db: Database, args: argparse.Namespace) -> int:
    spec = spec_for(args.entity)
    filters = {}
    for item in args.filter or []:
        key, equals, value = item.partition("=")
        if not equals:
            raise KnownError(f"A filter is KEY=VALUE, such as status=adopted; not {item!r}.")
        filters[key.strip()] = value
    with db.unit() as session:
        rows = list_rows(
            session,
            spec.entity,
            search=args.search,
            filters=filters,
            sort=args.sort,
            descending=args.desc,
            limit=args.limit,
        )
        total = count_rows(session, spec.entity, search=args.search, filters=filters)
    headers = ["id", *(c.key for c in spec.columns)]
    _table(headers, [[str(r.id)[:8], *r.cells] for r in rows], sys.stdout)
    print(f"{len(rows)} of {total} {spec.entity}(s)")
    return 0


def _show_value(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(v.caption() if hasattr(v, "caption") else _text(v) for v in value)
    return _text(value)


def cmd_show(db: Database, args: argparse.Namespace) -> int:
    spec = spec_for(args.entity)
    with db.unit() as session:
        record = get(session, spec.entity, args.id)
        print(f"{spec.entity} {record.id} (version {record.version})")
        extras = {
            "organisation": ["strengths", "networks", "contacts"],
            "partnership": ["partners", "terms", "signatories", "goals"],
            "goal": ["progress"],
            "meeting": ["attendees", "decisions"],
            "decision": ["superseded_by"],
            "conflict": ["parties", "steps", "settled_by"],
        }.get(spec.entity, [])
        for name in [c.key for c in record.__table__.columns if c.key != "id"] + extras:
            if name.endswith("_id") and hasattr(record, name.removesuffix("_id")):
                name = name.removesuffix("_id")  # the linked record, by its caption
            value = getattr(record, name)
            if hasattr(value, "caption"):
                value = value.caption()
            shown = _show_value(value)
            if shown:
                print(f"  {name:<22} {shown}")
    return 0


def cmd_history(db: Database, args: argparse.Namespace) -> int:
    from workbook.history import history_of

    spec = spec_for(args.entity)
    with db.unit() as session:
        record = get(session, spec.entity, args.id)
        entries = history_of(session, record.id)
    _table(
        ["when", "who", "action", "part", "field", "old", "new"],
        [
            [e.changed_at, e.changed_by, e.action, e.subject, e.field, e.old_value, e.new_value]
            for e in entries
        ],
        sys.stdout,
    )
    return 0


def cmd_search(db: Database, args: argparse.Namespace) -> int:
    from workbook.search import search

    with db.unit() as session:
        hits = search(session, args.text, limit=args.limit)
    _table(
        ["entity", "id", "record"],
        [[h.entity, str(h.record_id)[:8], h.label] for h in hits],
        sys.stdout,
    )
    return 0


def cmd_stats(db: Database, args: argparse.Namespace) -> int:
    from workbook.services.profile import get_profile

    with db.unit() as session:
        profile = get_profile(session)
        counts = [(s.entity, count_rows(session, s.entity)) for s in all_specs()]
    print(f"Database: {db.location}")
    if profile.is_set:
        print(f"Association: {profile.name}")
    _table(["records", "count"], counts, sys.stdout)
    return 0


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


def _backup_first(db: Database) -> None:
    """The backup taken before anything is imported into a file."""
    from workbook.backup import before_import

    saved = before_import(db)
    if saved is not None:
        print(f"Backed up first: {saved.name}")


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


def cmd_backup(args: argparse.Namespace) -> int:
    from workbook import backup, opening

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


DUE_WORDS = {
    "agreement_ending": "agreement ends",
    "evaluation_due": "evaluation due",
    "decision_review": "decision to review",
    "goal_behind": "goal due, not reached",
    "goal_stale": "no progress recorded",
    "conflict_quiet": "conflict without a step",
    "consent_purpose": "consent without purpose",
}


def cmd_due(db: Database, args: argparse.Namespace) -> int:
    from workbook.services import attention
    from workbook.services.fields import parse_date

    today = parse_date(args.today) if args.today else None
    with db.unit() as session:
        if args.done:
            attention.mark_done(session, args.done)
            print(f"Marked done: {args.done}")
            return 0
        if args.snooze:
            if not args.until:
                raise KnownError("Say until when to snooze: --until 2026-12-31")
            attention.snooze(session, args.snooze, parse_date(args.until))
            print(f"Snoozed until {args.until}: {args.snooze}")
            return 0
        found = attention.items(
            session, today=today, horizon_days=args.days, include_marked=args.all
        )
    _table(
        ["due", "what", "title", "key"],
        [[i.due, DUE_WORDS[i.kind], i.title, i.key] for i in found],
        sys.stdout,
    )
    return 0


def cmd_calendar(db: Database, args: argparse.Namespace) -> int:
    from workbook.exchange.calendar import export_calendar

    with db.unit() as session:
        count = export_calendar(session, args.file, lang=args.language)
    print(f"Wrote {count} events to {args.file}")
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
    from workbook import server

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

    p = sub.add_parser("init", help="create (or upgrade) the database")
    p.add_argument("--name", help="the association's name")
    p.add_argument("--address", help="the association's address")
    p.add_argument("--logo", help="an image file printed on partnership agreements")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="fill an empty database with demo data")
    p.add_argument(
        "--scale",
        help="'lifetime' for decades of data (10,000 partners, 100,000 decisions, ...), "
        "or a factor of it such as 0.01",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("list", help="list records of one kind")
    p.add_argument(
        "entity",
        type=_entity,
        help="organisation, contact, partnership, goal, evaluation, meeting, decision or conflict",
    )
    p.add_argument("--search", help="only records matching these words (prefixes)")
    p.add_argument(
        "--filter",
        action="append",
        metavar="KEY=VALUE",
        help="e.g. status=adopted, from=2026-01-01, strength=Moderation",
    )
    p.add_argument("--sort", help="column to sort by")
    p.add_argument("--desc", action="store_true", default=None, help="sort descending")
    p.add_argument("--limit", type=_positive, default=100, help="at most this many rows")
    p.set_defaults(func=cmd_list)

    for name, func, text in (
        ("show", cmd_show, "show one record"),
        ("history", cmd_history, "show who changed a record, and what"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("entity", type=_entity)
        p.add_argument("id", help="the record's id, a unique start of it, or a decision number")
        p.set_defaults(func=func)

    p = sub.add_parser("search", help="search all records")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=30)
    p.set_defaults(func=cmd_search)

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
    p.set_defaults(func=cmd_import)

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

    p = sub.add_parser("stats", help="count the records")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("due", help="what needs attention: reviews, endings, stale goals, ...")
    p.add_argument("--days", type=int, default=60, help="look this many days ahead (60)")
    p.add_argument("--all", action="store_true", help="also items marked done or snoozed")
    p.add_argument("--today", help=argparse.SUPPRESS)
    p.add_argument("--done", metavar="KEY", help="mark the item with this key done")
    p.add_argument("--snooze", metavar="KEY", help="snooze the item with this key ...")
    p.add_argument("--until", help="... until this date")
    p.set_defaults(func=cmd_due)

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
    p.set_defaults(func=cmd_adopt)

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
    p.set_defaults(func=cmd_amend)

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

    p = sub.add_parser("calendar", help="meetings and due dates as an iCalendar (.ics) file")
    p.add_argument("file", help="the .ics file to write")
    p.add_argument("--language", choices=["en", "de"], default="en")
    p.set_defaults(func=cmd_calendar)

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

    p = sub.add_parser("trash", help="deleted records: list, restore, purge")
    p.add_argument("action", choices=["list", "restore", "purge"])
    p.add_argument("item", nargs="?", help="restore: the trash item's or record's id")
    p.add_argument("--all", action="store_true", help="purge: everything, not only expired")
    p.set_defaults(func=cmd_trash, writes={"restore", "purge"})
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
    except KnownError as exc:
        print(f"workbook: {exc.message}", file=sys.stderr)
        return 1
    except DBAPIError as exc:
        print(f"workbook: {_refusal(exc)}", file=sys.stderr)
        return 1
    for notice in db.notices:
        print(f"workbook: {notice.message}", file=sys.stderr)
    try:
        return int(args.func(db, args))
    except KnownError as exc:
        print(f"workbook: {exc.message}", file=sys.stderr)
        return 1
    except DBAPIError as exc:
        print(f"workbook: {_refusal(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `workbook list ... | head`: the reader had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        db.close()


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


_WRITING = frozenset({"init", "demo", "import", "amend"})


def _writes(args: argparse.Namespace) -> bool:
    """Whether the command changes the database (reading ones run beside the open app)."""
    if args.command == "import":
        return bool(args.apply)
    if args.command == "adopt":
        return bool(args.apply or args.save_preset)
    if args.command == "due":
        return bool(args.done or args.snooze)
    return args.command in _WRITING or getattr(args, "action", None) in getattr(args, "writes", ())


def _open_for(args: argparse.Namespace, *, writes: bool) -> Database:
    """A writing command takes the file's lock; a reading one (list, export, backup ...)
    reads beside whoever writes, and never keeps a member's import or save waiting."""
    from workbook.errors import NeedsUpgrade
    from workbook.lock import DatabaseInUse

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


if __name__ == "__main__":
    sys.exit(main())
