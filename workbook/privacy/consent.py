"""Contacts whose data to look at: no consent recorded, consent without purpose, inactive."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from workbook.domain.models import Contact, Meeting, meeting_attendees


@dataclass(frozen=True, slots=True)
class ReviewItem:
    contact_id: uuid.UUID
    name: str
    organisation: str | None
    reason: str  # "no_consent" | "no_purpose" | "inactive"
    last_activity: date | None


def review(session: Session, *, years: int = 3, today: date | None = None) -> list[ReviewItem]:
    """Contacts to look at: no consent recorded, consent without purpose, or long inactive."""
    today = today or datetime.now(UTC).date()
    cutoff = today - timedelta(days=365 * years)
    last_meeting = (
        select(meeting_attendees.c.contact_id, func.max(Meeting.held_on).label("last"))
        .join(Meeting, Meeting.id == meeting_attendees.c.meeting_id)
        .group_by(meeting_attendees.c.contact_id)
        .subquery()
    )
    rows = session.execute(
        select(Contact, last_meeting.c.last)
        .outerjoin(last_meeting, last_meeting.c.contact_id == Contact.id)
        .where(Contact.erased_on.is_(None))
        .options(selectinload(Contact.organisation))
        .order_by(Contact.name)
    ).all()
    items = []
    for contact, last in rows:
        activity = max(filter(None, [last, contact.updated_at.date()]))
        if contact.consent_given_on is None:
            reason = "no_consent"
        elif not (contact.consent_purpose or "").strip():
            reason = "no_purpose"
        elif activity < cutoff:
            reason = "inactive"
        else:
            continue
        org = contact.organisation.name if contact.organisation else None
        items.append(ReviewItem(contact.id, contact.name, org, reason, activity))
    return items
