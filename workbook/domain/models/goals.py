"""Shared goals, their progress over time, and evaluations of the work."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbook.domain.models.base import Base, LongText, Name, Record, ShortText

if TYPE_CHECKING:
    from workbook.domain.models.organisations import Organisation
    from workbook.domain.models.partnerships import Partnership


class Goal(Record, Base):
    __tablename__ = "goals"
    __entity__ = "goal"

    partnership_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partnerships.id", ondelete="SET NULL"), index=True
    )
    owner_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[Name] = mapped_column(index=True)
    description: Mapped[LongText | None]
    indicator: Mapped[str | None]
    baseline: Mapped[float | None]
    target: Mapped[float | None]
    unit: Mapped[ShortText | None]
    #: the title, indicator and unit in the other language, for a bilingual agreement
    title_translation: Mapped[Name | None]
    indicator_translation: Mapped[str | None]
    unit_translation: Mapped[ShortText | None]
    due_date: Mapped[date | None] = mapped_column(index=True)
    status: Mapped[ShortText] = mapped_column(default="planned", index=True)
    #: How often progress is measured; a goal without an update for longer is stale.
    update_cadence: Mapped[ShortText | None]

    partnership: Mapped[Partnership | None] = relationship(back_populates="goals")
    owner: Mapped[Organisation | None] = relationship()
    progress: Mapped[list[ProgressUpdate]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="ProgressUpdate.recorded_on"
    )

    @property
    def current_value(self) -> float | None:
        return self.progress[-1].value if self.progress else self.baseline

    @property
    def progress_ratio(self) -> float | None:
        """Share of the way from baseline to target, clamped to 0..1."""
        if self.target is None or self.current_value is None:
            return None
        start = self.baseline or 0.0
        if self.target == start:
            return 1.0 if self.current_value >= self.target else 0.0
        return max(0.0, min(1.0, (self.current_value - start) / (self.target - start)))

    def search_document(self) -> tuple[str, str]:
        return self.title, " ".join(filter(None, [self.description, self.indicator, self.unit]))


class ProgressUpdate(Record, Base):
    __tablename__ = "progress_updates"
    # a goal's measurements in date order: its latest is one step (migration 0009)
    __table_args__ = (Index("ix_progress_updates_goal_id_recorded_on", "goal_id", "recorded_on"),)
    __entity__ = "progress_update"
    __history_root__ = "goal"

    goal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"))
    recorded_on: Mapped[date]
    value: Mapped[float]
    note: Mapped[LongText | None]

    goal: Mapped[Goal] = relationship(back_populates="progress")

    def caption(self) -> str:
        return f"{self.recorded_on.isoformat()}: {self.value:g}"


class Evaluation(Record, Base):
    """A periodic review: successes to celebrate, lessons learned, next steps."""

    __tablename__ = "evaluations"
    __entity__ = "evaluation"

    partnership_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("partnerships.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("goals.id", ondelete="SET NULL"), index=True
    )
    held_on: Mapped[date]
    title: Mapped[Name]
    rating_overall: Mapped[int | None]
    rating_cooperation: Mapped[int | None]
    successes: Mapped[LongText | None]
    lessons: Mapped[LongText | None]
    next_steps: Mapped[LongText | None]

    partnership: Mapped[Partnership | None] = relationship(back_populates="evaluations")
    goal: Mapped[Goal | None] = relationship()

    def search_document(self) -> tuple[str, str]:
        return self.title, " ".join(filter(None, [self.successes, self.lessons, self.next_steps]))
