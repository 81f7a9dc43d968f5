"""Meetings: attendees, agenda, minutes, and the decisions they produced."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.domain.models import Contact, Meeting, Partnership, meeting_attendees
from workbook.services.common import by_partnership, partnership_title
from workbook.services.fields import BOOL, DATE, LONGTEXT, REF, REFS, Field
from workbook.services.registry import EntitySpec, ListColumn, register


def _apply(session: Session, meeting: Meeting, values: dict[str, Any]) -> None:
    if "attendee_ids" in values:
        meeting.attendees = [session.get(Contact, i) for i in values["attendee_ids"]]  # type: ignore[misc]


def _attended_by(value: Any) -> Any:
    return Meeting.id.in_(
        select(meeting_attendees.c.meeting_id).where(meeting_attendees.c.contact_id == value)
    )


MEETINGS = register(
    EntitySpec(
        entity="meeting",
        model=Meeting,
        fields=(
            Field("title", required=True, max_length=200),
            Field("held_on", DATE, required=True),
            Field("partnership_id", REF, ref="partnership"),
            Field("place", max_length=255),
            Field("online", BOOL),
            Field("agenda", LONGTEXT, max_length=50000),
            Field("minutes", LONGTEXT, max_length=200000),
            Field("attendee_ids", REFS, ref="contact"),
        ),
        columns=(
            ListColumn("held_on", Meeting.held_on, "date"),
            ListColumn("title", Meeting.title),
            ListColumn("place", Meeting.place),
            ListColumn("partnership", Partnership.title),
        ),
        default_sort="held_on",
        default_descending=True,
        joins=(partnership_title(Meeting),),
        facets={"partnership": by_partnership(Meeting), "attendee": _attended_by},
        date_field="held_on",
        apply=_apply,
        read=lambda meeting: {"attendee_ids": [c.id for c in meeting.attendees]},
    )
)
