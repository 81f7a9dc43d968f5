"""Running the alliance day to day: agreement versions, the clause library, attention marks."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbook.domain.models.base import Base, LongText, Name, Record, ShortText, utcnow

if TYPE_CHECKING:
    from workbook.domain.models.partnerships import Partnership


class AgreementVersion(Record, Base):
    """One version of a partnership's agreement: what it said, and what changed and why.

    Version 1 is the agreement as first recorded; each amendment (a renewal is one) adds the
    next. ``snapshot`` is the whole agreement at that version as JSON, so an old version stays
    readable and printable after later changes. A signed scan can be attached.
    """

    __tablename__ = "agreement_versions"
    __table_args__ = (UniqueConstraint("partnership_id", "number"),)
    __entity__ = "agreement_version"
    __history_root__ = "partnership"
    __history_exclude__ = frozenset({"snapshot", "attachment"})

    partnership_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    kind: Mapped[ShortText]  # "original" | "amendment" | "renewal"
    made_on: Mapped[date]
    summary: Mapped[LongText | None]  # what changed, field by field
    reason: Mapped[LongText | None]  # why
    snapshot: Mapped[LongText]
    attachment_name: Mapped[str | None]
    attachment_type: Mapped[ShortText | None]
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    partnership: Mapped[Partnership] = relationship(back_populates="versions")

    def caption(self) -> str:
        return f"Version {self.number} ({self.made_on.isoformat()})"


class Clause(Record, Base):
    """A reusable agreement clause, plain text with placeholders such as {partners}."""

    __tablename__ = "clauses"
    __table_args__ = (UniqueConstraint("key", "language"),)
    __entity__ = "clause"

    key: Mapped[ShortText]
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[Name]
    body: Mapped[LongText]
    position: Mapped[int] = mapped_column(default=0)

    def caption(self) -> str:
        return self.title


class AttentionMark(Base):
    """A due item the association marked done, or snoozed until a date."""

    __tablename__ = "attention_marks"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    state: Mapped[str] = mapped_column(String(10))  # "done" | "snoozed"
    until: Mapped[date | None]
    marked_by: Mapped[str] = mapped_column(String(200))
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)
