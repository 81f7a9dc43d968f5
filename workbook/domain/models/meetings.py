"""Meetings with their attendees, agenda and minutes."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbook.domain.models.base import Base, LongText, Name, Record

if TYPE_CHECKING:
    from workbook.domain.models.decisions import Decision
    from workbook.domain.models.organisations import Contact
    from workbook.domain.models.partnerships import Partnership

meeting_attendees = Table(
    "meeting_attendees",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
)


class Meeting(Record, Base):
    __tablename__ = "meetings"
    __entity__ = "meeting"

    partnership_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partnerships.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[Name]
    held_on: Mapped[date] = mapped_column(index=True)
    place: Mapped[str | None]
    online: Mapped[bool] = mapped_column(default=False)
    agenda: Mapped[LongText | None]
    minutes: Mapped[LongText | None]

    partnership: Mapped[Partnership | None] = relationship()
    attendees: Mapped[list[Contact]] = relationship(
        secondary=meeting_attendees, order_by="Contact.name"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="meeting", order_by="Decision.number"
    )

    def search_document(self) -> tuple[str, str]:
        return self.title, " ".join(filter(None, [self.place, self.agenda, self.minutes]))
