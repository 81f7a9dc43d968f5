"""The decisions log, with stable per-year numbers and supersede links."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbook.domain.models.base import Base, LongText, Name, Record, ShortText

if TYPE_CHECKING:
    from workbook.domain.models.goals import Goal
    from workbook.domain.models.meetings import Meeting
    from workbook.domain.models.partnerships import Partnership


class Decision(Record, Base):
    __tablename__ = "decisions"
    __entity__ = "decision"
    # A lifetime's 100,000 decisions, listed a page at a time in any order (bench.run 3b).
    __table_args__ = (
        Index("ix_decisions_status_id", "status", "id"),
        Index("ix_decisions_status_decided_on", "status", "decided_on"),
        Index("ix_decisions_decided_by_id", "decided_by", "id"),
        Index("ix_decisions_partnership_id_id", "partnership_id", "id"),
    )

    number: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[Name] = mapped_column(index=True)
    decided_on: Mapped[date] = mapped_column(index=True)
    context: Mapped[LongText | None]
    text: Mapped[LongText]
    rationale: Mapped[LongText | None]
    decided_by: Mapped[str | None]
    votes_for: Mapped[int | None]
    votes_against: Mapped[int | None]
    votes_abstain: Mapped[int | None]
    consensus: Mapped[bool] = mapped_column(default=False)
    status: Mapped[ShortText] = mapped_column(default="adopted", index=True)
    #: when the association wants to look at this decision again
    review_on: Mapped[date | None] = mapped_column(index=True)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="SET NULL"), index=True
    )
    partnership_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partnerships.id", ondelete="SET NULL"), index=True
    )
    goal_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("goals.id", ondelete="SET NULL"), index=True
    )
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )

    supersedes: Mapped[Decision | None] = relationship(
        remote_side="Decision.id", back_populates="superseded_by"
    )
    superseded_by: Mapped[list[Decision]] = relationship(back_populates="supersedes")
    partnership: Mapped[Partnership | None] = relationship()
    goal: Mapped[Goal | None] = relationship()
    meeting: Mapped[Meeting | None] = relationship(back_populates="decisions")

    @property
    def vote_summary(self) -> str:
        if self.consensus:
            return "consensus"
        if self.votes_for is None and self.votes_against is None:
            return ""
        return f"{self.votes_for or 0}-{self.votes_against or 0}-{self.votes_abstain or 0}"

    def caption(self) -> str:
        return f"{self.number} {self.title}"

    def search_document(self) -> tuple[str, str]:
        body = " ".join(filter(None, [self.number, self.context, self.text, self.rationale]))
        return self.title, body + " " + (self.decided_by or "")


class NumberCounter(Base):
    """Last number handed out per series (e.g. decisions of 2026); never reused."""

    __tablename__ = "number_counters"

    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)
