"""The conflicts log: parties, dated steps through mediation, and resolution."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Index, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbook.domain.models.base import Base, LongText, Name, Record, ShortText

if TYPE_CHECKING:
    from workbook.domain.models.decisions import Decision
    from workbook.domain.models.organisations import Contact, Organisation
    from workbook.domain.models.partnerships import Partnership

conflict_decisions = Table(
    "conflict_decisions",
    Base.metadata,
    Column("conflict_id", ForeignKey("conflicts.id", ondelete="CASCADE"), primary_key=True),
    Column("decision_id", ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True),
)


class Conflict(Record, Base):
    __tablename__ = "conflicts"
    __entity__ = "conflict"

    partnership_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partnerships.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[Name] = mapped_column(index=True)
    description: Mapped[LongText | None]
    raised_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[ShortText] = mapped_column(default="open", index=True)
    mediator: Mapped[str | None]
    resolution: Mapped[LongText | None]
    resolved_on: Mapped[date | None]

    partnership: Mapped[Partnership | None] = relationship()
    parties: Mapped[list[ConflictParty]] = relationship(
        back_populates="conflict", cascade="all, delete-orphan"
    )
    steps: Mapped[list[ConflictStep]] = relationship(
        back_populates="conflict", cascade="all, delete-orphan", order_by="ConflictStep.taken_on"
    )
    settled_by: Mapped[list[Decision]] = relationship(
        secondary=conflict_decisions, order_by="Decision.number"
    )

    def caption(self) -> str:
        # without the search text: that reads related records, one query each
        return self.title

    def search_document(self) -> tuple[str, str]:
        parties = " ".join(sorted(p.caption() for p in self.parties))
        steps = " ".join(s.description for s in self.steps if s.description)
        return self.title, " ".join(
            filter(None, [self.description, self.mediator, self.resolution, parties, steps])
        )


class ConflictParty(Record, Base):
    """A party to a conflict: an organisation or a person."""

    __tablename__ = "conflict_parties"
    __entity__ = "conflict_party"
    __history_root__ = "conflict"

    conflict_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conflicts.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE")
    )

    conflict: Mapped[Conflict] = relationship(back_populates="parties")
    organisation: Mapped[Organisation | None] = relationship()
    contact: Mapped[Contact | None] = relationship()

    def caption(self) -> str:
        if self.organisation is not None:
            return self.organisation.name
        return self.contact.name if self.contact is not None else ""


class ConflictStep(Record, Base):
    __tablename__ = "conflict_steps"
    # a conflict's steps in date order: its latest is one step (migration 0009)
    __table_args__ = (Index("ix_conflict_steps_conflict_id_taken_on", "conflict_id", "taken_on"),)
    __entity__ = "conflict_step"
    __history_root__ = "conflict"

    conflict_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("conflicts.id", ondelete="CASCADE"))
    taken_on: Mapped[date]
    description: Mapped[LongText]

    conflict: Mapped[Conflict] = relationship(back_populates="steps")

    def caption(self) -> str:
        return f"{self.taken_on.isoformat()}: {self.description}"
