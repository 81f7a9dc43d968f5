"""A lifetime of an alliance, generated: the scale the app must stay instant at.

10,000 organisations, 50,000 contacts, 2,000 partnerships, 20,000 goals with 200,000
progress updates, 100,000 decisions, 20,000 conflicts with their steps, 30,000 meetings and
1,000,000 change-history rows (``scale`` multiplies every count). Rows go in with bulk
Core inserts in batches, search documents included, not one ORM object at a time.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from workbook.domain.models import (
    Change,
    Conflict,
    ConflictParty,
    ConflictStep,
    Contact,
    Decision,
    Goal,
    Meeting,
    NumberCounter,
    Organisation,
    OrganisationTag,
    Partnership,
    PartnershipPartner,
    ProgressUpdate,
    SearchDocument,
    meeting_attendees,
    utcnow,
)
from workbook.domain.progress import Progress
from workbook.store.search import normalise

COUNTS = {
    "organisations": 10_000,
    "contacts": 50_000,
    "partnerships": 2_000,
    "goals": 20_000,
    "progress_updates": 200_000,
    "decisions": 100_000,
    "conflicts": 20_000,
    "meetings": 30_000,
    "changes": 1_000_000,
}
BATCH = 5_000
WORDS = [
    "Demokratie",
    "Jugend",
    "Bildung",
    "Medien",
    "Schule",
    "Dialog",
    "Zukunft",
    "Europa",
    "Vielfalt",
    "Beteiligung",
    "Zivilgesellschaft",
    "Netzwerk",
    "Werkstatt",
    "Forum",
    "Projekt",
    "Podcast",
    "Workshop",
    "Moderation",
    "Kultur",
    "Stadt",
    "Land",
    "Nachbarschaft",
    "Integration",
    "Ehrenamt",
    "Klima",
    "Gerechtigkeit",
    "Begegnung",
    "Lernort",
]
FIRST = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Emma",
    "Felix",
    "Greta",
    "Hannah",
    "Ilse",
    "Jakub",
    "Jana",
    "Lena",
    "Malte",
    "Nora",
    "Oskar",
]
LAST = [
    "Schmitz",
    "Nowak",
    "Öztürk",
    "Müller",
    "Weiß",
    "Groß",
    "Kowalska",
    "Dubois",
    "Rossi",
    "Papadopoulos",
    "Sørensen",
]
STRENGTHS = [
    "Moderation",
    "Workshops",
    "Podcasts",
    "Räume",
    "Förderung",
    "Evaluation",
    "Schulnetzwerk",
    "Medienarbeit",
]


def counts(scale: float) -> dict[str, int]:
    # at least three of each: a partnership's three partners are three organisations
    return {name: max(3, int(n * scale)) for name, n in COUNTS.items()}


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _rows(count: int, make: Callable[[int], dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch = []
    for n in range(count):
        batch.append(make(n))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def generate(
    session: Session, *, scale: float = 1.0, seed: int = 1, progress: Progress | None = None
) -> dict[str, int]:
    """Fill an empty database; returns the number of records of each kind."""
    progress = progress or Progress()
    chance = random.Random(seed)
    n = counts(scale)
    now = utcnow()
    start = date(2000, 1, 1)
    conn = session.connection()
    docs: list[dict[str, Any]] = []
    done = 0
    total = sum(n.values())

    def words(k: int) -> str:
        return " ".join(chance.choice(WORDS) for _ in range(k))

    def put(table: Table | Any, batches: Iterator[list[dict[str, Any]]], label: str) -> None:
        nonlocal done
        for batch in batches:
            conn.execute(insert(table), batch)
            done += len(batch)
            progress.update(done, total, f"Writing {label}")

    def record(**values: Any) -> dict[str, Any]:
        return {"id": uuid.uuid4(), "created_at": now, "updated_at": now, "version": 1, **values}

    def doc(entity: str, ident: uuid.UUID, title: str, body: str) -> None:
        docs.append(
            {
                "entity": entity,
                "record_id": ident,
                "label": title,
                "title": normalise(title),
                "body": normalise(body),
            }
        )

    orgs = [
        record(
            name=f"{words(2)} {i}",
            kind=chance.choice(["ngo", "school", "media", "foundation", "public_institution"]),
            status="active",
            email=f"info{i}@partner.example",
            notes=words(8),
        )
        for i in range(n["organisations"])
    ]
    for o in orgs:
        doc("organisation", o["id"], o["name"], o["notes"])
    put(
        Organisation,
        _chunks(orgs),
        "organisations",
    )
    org_ids = [o["id"] for o in orgs]
    put(
        OrganisationTag,
        _rows(
            len(org_ids) * 2,
            lambda i: record(
                organisation_id=org_ids[i // 2],
                category="strength",
                label=STRENGTHS[i % len(STRENGTHS)],
            ),
        ),
        "strengths",
    )

    contacts = [
        record(
            name=f"{chance.choice(FIRST)} {chance.choice(LAST)}",
            organisation_id=chance.choice(org_ids),
            email=f"p{i}@partner.example",
            role="Projektleitung",
        )
        for i in range(n["contacts"])
    ]
    for c in contacts:
        doc("contact", c["id"], c["name"], c["email"])
    put(Contact, _chunks(contacts), "contacts")
    contact_ids = [c["id"] for c in contacts]

    partnerships = [
        record(
            title=f"{words(3)} {i}",
            purpose=words(12),
            status="active",
            start_date=start + timedelta(days=i % 8000),
            review_cadence="yearly",
        )
        for i in range(n["partnerships"])
    ]
    for p in partnerships:
        doc("partnership", p["id"], p["title"], p["purpose"])
    put(
        Partnership,
        _chunks(partnerships),
        "partnerships",
    )
    partnership_ids = [p["id"] for p in partnerships]
    put(
        PartnershipPartner,
        _rows(
            len(partnership_ids) * 3,
            lambda i: record(
                partnership_id=partnership_ids[i // 3],
                organisation_id=org_ids[(i * 7919) % len(org_ids)],
                role="Partner",
            ),
        ),
        "partners",
    )

    goals = [
        record(
            title=f"{words(3)} {i}",
            partnership_id=chance.choice(partnership_ids),
            baseline=0.0,
            target=100.0,
            unit="Personen",
            status="on_track",
            due_date=start + timedelta(days=i % 9000),
        )
        for i in range(n["goals"])
    ]
    for g in goals:
        doc("goal", g["id"], g["title"], "")
    put(Goal, _chunks(goals), "goals")
    goal_ids = [g["id"] for g in goals]
    put(
        ProgressUpdate,
        _rows(
            n["progress_updates"],
            lambda i: record(
                goal_id=goal_ids[i % len(goal_ids)],
                recorded_on=start + timedelta(days=i % 9000),
                value=float(i % 100),
            ),
        ),
        "progress updates",
    )

    meetings = [
        record(
            title=f"Lenkungskreis {i}",
            held_on=start + timedelta(days=i % 9000),
            partnership_id=chance.choice(partnership_ids),
            place="Köln",
            minutes=words(20),
        )
        for i in range(n["meetings"])
    ]
    for m in meetings:
        doc("meeting", m["id"], m["title"], m["minutes"])
    put(Meeting, _chunks(meetings), "meetings")
    meeting_ids = [m["id"] for m in meetings]
    put(
        meeting_attendees,
        _rows(
            len(meeting_ids) * 3,
            lambda i: {
                "meeting_id": meeting_ids[i // 3],
                "contact_id": contact_ids[(i * 104729) % len(contact_ids)],
            },
        ),
        "attendees",
    )

    per_year: dict[int, int] = {}
    decisions = []
    for i in range(n["decisions"]):
        day = start + timedelta(days=(i * 9000) // max(1, n["decisions"]))
        per_year[day.year] = per_year.get(day.year, 0) + 1
        decisions.append(
            record(
                number=f"D-{day.year}-{per_year[day.year]:03d}",
                title=f"{words(3)} {i}",
                decided_on=day,
                text=words(25),
                decided_by="Lenkungskreis",
                status="adopted",
                consensus=False,
                meeting_id=chance.choice(meeting_ids),
                partnership_id=chance.choice(partnership_ids),
            )
        )
    for d in decisions:
        doc("decision", d["id"], f"{d['number']} {d['title']}", d["text"])
    put(
        Decision,
        _chunks(decisions),
        "decisions",
    )
    conn.execute(
        insert(NumberCounter), [{"series": f"D-{y}", "last": k} for y, k in per_year.items()]
    )

    conflicts = [
        record(
            title=f"{words(2)} {i}",
            raised_on=start + timedelta(days=i % 9000),
            status=chance.choice(["open", "in_dialogue", "resolved"]),
            description=words(15),
        )
        for i in range(n["conflicts"])
    ]
    for c in conflicts:
        doc("conflict", c["id"], c["title"], c["description"])
    put(
        Conflict,
        _chunks(conflicts),
        "conflicts",
    )
    conflict_ids = [c["id"] for c in conflicts]
    put(
        ConflictStep,
        _rows(
            len(conflict_ids) * 3,
            lambda i: record(
                conflict_id=conflict_ids[i // 3],
                taken_on=start + timedelta(days=i % 9000),
                description="Gespräch",
            ),
        ),
        "conflict steps",
    )
    put(
        ConflictParty,
        _rows(
            len(conflict_ids) * 2,
            lambda i: record(
                conflict_id=conflict_ids[i // 2], organisation_id=org_ids[(i * 31) % len(org_ids)]
            ),
        ),
        "conflict parties",
    )

    roots = [("decision", decisions), ("organisation", orgs), ("goal", goals)]
    stamp = datetime(2000, 1, 1)

    def change(i: int) -> dict[str, Any]:
        entity, rows = roots[i % 3]
        row = rows[(i * 7) % len(rows)]
        return {
            "entity": entity,
            "record_id": row["id"],
            "action": "update",
            "field": "title",
            "old_value": "alt",
            "new_value": "neu",
            "changed_by": "Anna Schmitz",
            "changed_at": stamp + timedelta(minutes=i),
        }

    put(Change, _rows(n["changes"], change), "history")
    put(SearchDocument, _chunks(docs), "search")
    return n
