"""What the association sees first: counts, goals due, open conflicts, latest decisions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from workbook.domain import clock
from workbook.services import conflicts, decisions, goals, organisations
from workbook.services.records import count_rows
from workbook.services.registry import all_specs


@dataclass(frozen=True, slots=True)
class DecisionLine:
    id: object
    number: str
    title: str
    decided_on: date
    status: str


@dataclass(frozen=True, slots=True)
class Dashboard:
    counts: dict[str, int]
    goals_due: list[goals.GoalDue]
    conflicts_by_status: dict[str, int]
    latest_decisions: list[DecisionLine]
    strengths: list[str]
    partners_strengths: list[tuple[str, set[str]]]


def dashboard(session: Session, *, today: date | None = None, horizon_days: int = 90) -> Dashboard:
    today = today or clock.today()
    strengths, matrix = organisations.strengths_matrix(session)
    return Dashboard(
        counts={spec.entity: count_rows(session, spec.entity) for spec in all_specs()},
        goals_due=goals.goals_due(session, before=today + timedelta(days=horizon_days)),
        conflicts_by_status=conflicts.counts_by_status(session),
        latest_decisions=[
            DecisionLine(d.id, d.number, d.title, d.decided_on, d.status)
            for d in decisions.latest(session, limit=8)
        ],
        strengths=strengths,
        partners_strengths=matrix,
    )
