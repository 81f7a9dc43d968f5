"""Looking at the records: make or fill a database, list, show, search, count, what is due."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbook.cli.common import (
    _entity,
    _positive,
    _table,
    _text,
)
from workbook.domain.errors import KnownError
from workbook.domain.progress import Progress
from workbook.services import count_rows, get, list_rows, spec_for
from workbook.services.registry import all_specs
from workbook.store.db import Database


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
    from workbook.store.history import history_of

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
    from workbook.store.search import search

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


def register(sub: Any) -> None:
    """This group's commands: each one's arguments, its handler and whether it writes."""
    p = sub.add_parser("init", help="create (or upgrade) the database")
    p.add_argument("--name", help="the association's name")
    p.add_argument("--address", help="the association's address")
    p.add_argument("--logo", help="an image file printed on partnership agreements")
    p.set_defaults(func=cmd_init, writes=True)

    p = sub.add_parser("demo", help="fill an empty database with demo data")
    p.add_argument(
        "--scale",
        help="'lifetime' for decades of data (10,000 partners, 100,000 decisions, ...), "
        "or a factor of it such as 0.01",
    )
    p.set_defaults(func=cmd_demo, writes=True)

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

    p = sub.add_parser("stats", help="count the records")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("due", help="what needs attention: reviews, endings, stale goals, ...")
    p.add_argument("--days", type=int, default=60, help="look this many days ahead (60)")
    p.add_argument("--all", action="store_true", help="also items marked done or snoozed")
    p.add_argument("--today", help=argparse.SUPPRESS)
    p.add_argument("--done", metavar="KEY", help="mark the item with this key done")
    p.add_argument("--snooze", metavar="KEY", help="snooze the item with this key ...")
    p.add_argument("--until", help="... until this date")
    # it writes only the marks of --done and --snooze
    p.set_defaults(func=cmd_due, writes=lambda args: bool(args.done or args.snooze))
