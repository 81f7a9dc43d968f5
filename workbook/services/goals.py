"""Shared goals with progress over time, and evaluations of partnerships and goals."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from workbook.domain.enums import GoalStatus, ReviewCadence
from workbook.domain.errors import ValidationError
from workbook.domain.models import Evaluation, Goal, Partnership, ProgressUpdate
from workbook.services import records
from workbook.services.common import by_partnership, not_in_future, partnership_title
from workbook.services.fields import DATE, FLOAT, INT, LONGTEXT, REF, Field
from workbook.services.registry import EntitySpec, ListColumn, register


def _check_goal(session: Session, goal: Goal) -> None:
    if goal.target is not None and goal.baseline is not None and goal.target == goal.baseline:
        raise ValidationError("goal", "target", goal.target, "same_as_baseline")


GOALS = register(
    EntitySpec(
        entity="goal",
        model=Goal,
        fields=(
            Field("title", required=True, max_length=200),
            Field("partnership_id", REF, ref="partnership"),
            Field("owner_id", REF, ref="organisation"),
            Field("description", LONGTEXT, max_length=20000),
            Field("indicator", max_length=255),
            Field("baseline", FLOAT),
            Field("target", FLOAT),
            Field("unit", max_length=80),
            Field("title_translation", max_length=200),
            Field("indicator_translation", max_length=255),
            Field("unit_translation", max_length=80),
            Field("due_date", DATE),
            Field.enum("update_cadence", ReviewCadence),
            Field.enum("status", GoalStatus),
        ),
        columns=(
            ListColumn("title", Goal.title),
            ListColumn("partnership", Partnership.title),
            ListColumn("status", Goal.status, "enum"),
            ListColumn("due_date", Goal.due_date, "date"),
            ListColumn("baseline", Goal.baseline, "float"),
            ListColumn("target", Goal.target, "float"),
            ListColumn("unit", Goal.unit),
        ),
        default_sort="due_date",
        joins=(partnership_title(Goal),),
        facets={"partnership": by_partnership(Goal)},
        date_field="due_date",
        check=_check_goal,
        check_is_local=True,
    )
)

PROGRESS_DATE = Field("recorded_on", DATE, required=True)
PROGRESS_VALUE = Field("value", FLOAT, required=True)
PROGRESS_NOTE = Field("note", LONGTEXT, max_length=5000)


def record_progress(
    session: Session,
    goal_id: uuid.UUID | str,
    *,
    recorded_on: Any,
    value: Any,
    note: str | None = None,
) -> ProgressUpdate:
    """Add a measurement of a goal's indicator."""
    goal = records.get(session, "goal", goal_id)
    assert isinstance(goal, Goal)
    when = PROGRESS_DATE.coerce("progress_update", recorded_on)
    not_in_future("progress_update", "recorded_on", when)
    update = ProgressUpdate(
        recorded_on=when,
        value=PROGRESS_VALUE.coerce("progress_update", value),
        note=PROGRESS_NOTE.coerce("progress_update", note),
        version=1,
    )
    goal.progress.append(update)
    session.flush()
    return update


@dataclass(frozen=True, slots=True)
class GoalDue:
    id: uuid.UUID
    title: str
    due_date: date | None
    progress: float | None
    status: str


def goals_due(session: Session, *, before: date, limit: int = 10) -> list[GoalDue]:
    """Open goals due by ``before``, soonest first, with their progress (0..1)."""
    open_states = (GoalStatus.PLANNED, GoalStatus.ON_TRACK, GoalStatus.AT_RISK)
    goals = session.scalars(
        select(Goal)
        .where(Goal.due_date <= before, Goal.status.in_(open_states))
        .order_by(Goal.due_date)
        .limit(limit)
        .options(selectinload(Goal.progress))
    )
    return [GoalDue(g.id, g.title, g.due_date, g.progress_ratio, g.status) for g in goals]


def _check_evaluation(session: Session, evaluation: Evaluation) -> None:
    if evaluation.partnership_id is None and evaluation.goal_id is None:
        raise ValidationError("evaluation", "partnership_id", None, "evaluation_subject")
    not_in_future("evaluation", "held_on", evaluation.held_on)


RATING: dict[str, Any] = {"minimum": 1, "maximum": 5}

EVALUATIONS = register(
    EntitySpec(
        entity="evaluation",
        model=Evaluation,
        fields=(
            Field("title", required=True, max_length=200),
            Field("held_on", DATE, required=True),
            Field("partnership_id", REF, ref="partnership"),
            Field("goal_id", REF, ref="goal"),
            Field("rating_overall", INT, **RATING),
            Field("rating_cooperation", INT, **RATING),
            Field("successes", LONGTEXT, max_length=20000),
            Field("lessons", LONGTEXT, max_length=20000),
            Field("next_steps", LONGTEXT, max_length=20000),
        ),
        columns=(
            ListColumn("held_on", Evaluation.held_on, "date"),
            ListColumn("title", Evaluation.title),
            ListColumn("partnership", Partnership.title),
            ListColumn("rating_overall", Evaluation.rating_overall, "int"),
            ListColumn("rating_cooperation", Evaluation.rating_cooperation, "int"),
        ),
        default_sort="held_on",
        default_descending=True,
        joins=(partnership_title(Evaluation),),
        facets={"partnership": by_partnership(Evaluation)},
        date_field="held_on",
        check=_check_evaluation,
        check_is_local=True,
    )
)


def goal_counts_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(Goal.status, func.count()).group_by(Goal.status))
    return {status: count for status, count in rows}
