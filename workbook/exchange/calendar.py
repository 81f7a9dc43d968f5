"""The alliance's dates as an iCalendar file, for members' own calendars (RFC 5545).

Meetings, agreement ends and reviews, goal due dates and decision review dates become all-day
events with stable UIDs, so importing the file again updates the events instead of
duplicating them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.domain.enums import DecisionStatus, GoalStatus, PartnershipStatus
from workbook.domain.models import Decision, Goal, Meeting, Partnership
from workbook.domain.words import language, tr
from workbook.services import attention
from workbook.store.storage import atomic_write

DOMAIN = "alliance-workbook"


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    day: date
    summary: str
    description: str = ""
    location: str = ""


def events(session: Session) -> list[Event]:
    found: list[Event] = []
    for m in session.scalars(select(Meeting).order_by(Meeting.held_on)):
        found.append(Event(f"meeting-{m.id}", m.held_on, m.title, m.agenda or "", m.place or ""))
    running = (PartnershipStatus.ACTIVE, PartnershipStatus.PAUSED, PartnershipStatus.PROPOSED)
    for p in session.scalars(select(Partnership).where(Partnership.status.in_(running))):
        if p.end_date:
            found.append(
                Event(
                    f"agreement-end-{p.id}",
                    p.end_date,
                    tr("Agreement ends: {title}", title=p.title),
                )
            )
    for item in attention.items(session, horizon_days=3650, include_marked=True):
        if item.kind == "evaluation_due" and item.due:
            found.append(
                Event(f"review-{item.record_id}-{item.due}", item.due,
                      tr("Partnership review due: {title}", title=item.title))
            )  # fmt: skip
    open_goals = (GoalStatus.PLANNED, GoalStatus.ON_TRACK, GoalStatus.AT_RISK)
    for g in session.scalars(
        select(Goal).where(Goal.due_date.is_not(None), Goal.status.in_(open_goals))
    ):
        assert g.due_date is not None
        found.append(Event(f"goal-{g.id}", g.due_date, tr("Goal due: {title}", title=g.title)))
    for d in session.scalars(
        select(Decision).where(
            Decision.review_on.is_not(None), Decision.status == DecisionStatus.ADOPTED
        )
    ):
        assert d.review_on is not None
        found.append(
            Event(f"decision-review-{d.id}", d.review_on,
                  tr("Review decision {number}: {title}", number=d.number, title=d.title),
                  d.text)
        )  # fmt: skip
    return sorted(found, key=lambda e: (e.day, e.summary))


def export_calendar(
    session: Session, path: str | os.PathLike[str], *, lang: str | None = None
) -> int:
    """Write the calendar atomically; returns the number of events."""
    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    with language(lang):
        found = events(session)
    calendar = Calendar()
    calendar.add("prodid", "-//Alliance Workbook//alliance-workbook//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Alliance Workbook")
    stamp = datetime.now(UTC)
    for event in found:
        entry = IcsEvent()
        entry.add("uid", f"{event.uid}@{DOMAIN}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.day)
        entry.add("dtend", event.day + timedelta(days=1))
        entry.add("summary", event.summary)
        if event.description:
            entry.add("description", event.description)
        if event.location:
            entry.add("location", event.location)
        calendar.add_component(entry)
    atomic_write(Path(path), calendar.to_ical())
    return len(found)
