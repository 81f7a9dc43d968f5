"""What needs attention: the dues of an alliance, since a desktop app has no one to remind it.

Each item has a key that names the record and the due date, so marking it done lasts until
the thing comes due again (the next review, the next progress update), and snoozing hides it
until a chosen day. Marks live in the database, so everyone sharing it sees the same list.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook import clock
from workbook.enums import ConflictStatus, DecisionStatus, GoalStatus, PartnershipStatus
from workbook.models import (
    AttentionMark,
    Conflict,
    ConflictStep,
    Contact,
    Decision,
    Evaluation,
    Goal,
    Partnership,
    ProgressUpdate,
    utcnow,
)

CADENCE_DAYS = {"monthly": 30, "quarterly": 91, "half_yearly": 182, "yearly": 365}
#: An open conflict with no step for this long needs someone to pick it up.
QUIET_DAYS = 30
OPEN_GOALS = (GoalStatus.PLANNED, GoalStatus.ON_TRACK, GoalStatus.AT_RISK)
OPEN_CONFLICTS = (ConflictStatus.OPEN, ConflictStatus.IN_DIALOGUE, ConflictStatus.IN_MEDIATION)
RUNNING = (PartnershipStatus.ACTIVE, PartnershipStatus.PAUSED, PartnershipStatus.PROPOSED)

#: Kinds of items, in the order they are listed.
KINDS = (
    "agreement_ending",
    "evaluation_due",
    "decision_review",
    "goal_behind",
    "goal_stale",
    "conflict_quiet",
    "consent_purpose",
)


@dataclass(frozen=True, slots=True)
class Item:
    key: str
    kind: str
    entity: str
    record_id: uuid.UUID
    title: str
    due: date | None
    detail: str = ""


def _cadence(value: str | None, default: str = "quarterly") -> int:
    return CADENCE_DAYS.get(value or default, CADENCE_DAYS[default])


def _agreements(session: Session, today: date, horizon: date) -> list[Item]:
    rows = session.scalars(
        select(Partnership).where(
            Partnership.end_date.is_not(None),
            Partnership.end_date <= horizon,
            Partnership.status.in_(RUNNING),
        )
    )
    return [
        Item(
            f"agreement_ending:{p.id}:{p.end_date}",
            "agreement_ending",
            "partnership",
            p.id,
            p.title,
            p.end_date,
            "ended" if p.end_date and p.end_date < today else "ends",
        )
        for p in rows
    ]


def _evaluations(session: Session, today: date, horizon: date) -> list[Item]:
    last = (
        select(Evaluation.partnership_id, func.max(Evaluation.held_on).label("last"))
        .group_by(Evaluation.partnership_id)
        .subquery()
    )
    rows = session.execute(
        select(Partnership, last.c.last)
        .outerjoin(last, last.c.partnership_id == Partnership.id)
        .where(Partnership.status == PartnershipStatus.ACTIVE)
    ).all()
    items = []
    for p, held in rows:
        since = held or p.signed_on or p.start_date
        if since is None:
            continue
        due = since + timedelta(days=_cadence(p.review_cadence, "yearly"))
        if due <= horizon:
            items.append(
                Item(f"evaluation_due:{p.id}:{due}", "evaluation_due", "partnership", p.id,
                     p.title, due, since.isoformat())
            )  # fmt: skip
    return items


def _decisions(session: Session, today: date) -> list[Item]:
    rows = session.scalars(
        select(Decision).where(
            Decision.review_on.is_not(None),
            Decision.review_on <= today,
            Decision.status == DecisionStatus.ADOPTED,
        )
    )
    return [
        Item(f"decision_review:{d.id}:{d.review_on}", "decision_review", "decision", d.id,
             f"{d.number} {d.title}", d.review_on)
        for d in rows
    ]  # fmt: skip


def _goals(session: Session, today: date, horizon: date) -> list[Item]:
    """Stale and lagging goals, worked out in SQL: a lifetime holds 200,000 measurements."""
    latest = (
        select(ProgressUpdate.goal_id, func.max(ProgressUpdate.recorded_on).label("last"))
        .group_by(ProgressUpdate.goal_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Goal.id,
            Goal.title,
            Goal.created_at,
            Goal.update_cadence,
            Partnership.review_cadence,
            latest.c.last,
        )
        .outerjoin(latest, latest.c.goal_id == Goal.id)
        .outerjoin(Partnership, Partnership.id == Goal.partnership_id)
        .where(Goal.status.in_(OPEN_GOALS))
    ).all()
    items = []
    for ident, title, created, own, partnership_cadence, last in rows:
        since = last or created.date()
        stale_from = since + timedelta(days=_cadence(own or partnership_cadence))
        if stale_from <= today:
            items.append(
                Item(f"goal_stale:{ident}:{since}", "goal_stale", "goal", ident, title,
                     stale_from, since.isoformat())
            )  # fmt: skip
    current = (
        select(ProgressUpdate.value)
        .where(ProgressUpdate.goal_id == Goal.id)
        .order_by(ProgressUpdate.recorded_on.desc())
        .limit(1)
        .correlate(Goal)
        .scalar_subquery()
    )
    due = session.execute(
        select(Goal.id, Goal.title, Goal.due_date, Goal.baseline, Goal.target, current).where(
            Goal.status.in_(OPEN_GOALS), Goal.due_date.is_not(None), Goal.due_date <= horizon
        )
    ).all()
    for ident, title, due_date, baseline, target, value in due:
        ratio = _ratio(baseline, target, value)
        if (ratio or 0) < 1:
            items.append(
                Item(f"goal_behind:{ident}:{due_date}", "goal_behind", "goal", ident, title,
                     due_date, f"{round((ratio or 0) * 100)} %")
            )  # fmt: skip
    return items


def _ratio(baseline: float | None, target: float | None, value: float | None) -> float | None:
    """As Goal.progress_ratio: the share of the way from baseline to target, 0..1."""
    if target is None or value is None:
        return None
    start = baseline or 0.0
    if target == start:
        return 1.0 if value >= target else 0.0
    return max(0.0, min(1.0, (value - start) / (target - start)))


def _conflicts(session: Session, today: date) -> list[Item]:
    last = (
        select(ConflictStep.conflict_id, func.max(ConflictStep.taken_on).label("last"))
        .group_by(ConflictStep.conflict_id)
        .subquery()
    )
    rows = session.execute(
        select(Conflict.id, Conflict.title, Conflict.raised_on, last.c.last)
        .outerjoin(last, last.c.conflict_id == Conflict.id)
        .where(Conflict.status.in_(OPEN_CONFLICTS))
    ).all()
    items = []
    for ident, title, raised_on, step in rows:
        since = step or raised_on
        quiet_from = since + timedelta(days=QUIET_DAYS)
        if quiet_from <= today:
            items.append(
                Item(f"conflict_quiet:{ident}:{since}", "conflict_quiet", "conflict", ident,
                     title, quiet_from, since.isoformat())
            )  # fmt: skip
    return items


def _consents(session: Session) -> list[Item]:
    rows = session.scalars(
        select(Contact).where(
            Contact.consent_given_on.is_not(None),
            func.coalesce(func.trim(Contact.consent_purpose), "") == "",
            Contact.erased_on.is_(None),
        )
    )
    return [
        Item(f"consent_purpose:{c.id}", "consent_purpose", "contact", c.id, c.name,
             c.consent_given_on)
        for c in rows
    ]  # fmt: skip


def items(
    session: Session,
    *,
    today: date | None = None,
    horizon_days: int = 60,
    include_marked: bool = False,
) -> list[Item]:
    """Everything due by ``today`` + ``horizon_days`` (some kinds only once actually due)."""
    today = today or clock.today()
    horizon = today + timedelta(days=horizon_days)
    found = (
        _agreements(session, today, horizon)
        + _evaluations(session, today, horizon)
        + _decisions(session, today)
        + _goals(session, today, horizon)
        + _conflicts(session, today)
        + _consents(session)
    )
    if not include_marked:
        marks = {m.key: m for m in session.scalars(select(AttentionMark))}
        found = [
            i
            for i in found
            if i.key not in marks
            or (marks[i.key].state == "snoozed" and (marks[i.key].until or today) <= today)
        ]
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted(found, key=lambda i: (i.due or date.max, order[i.kind], i.title))


def _mark(session: Session, key: str, state: str, until: date | None) -> None:
    mark = session.get(AttentionMark, key) or AttentionMark(key=key)
    mark.state, mark.until = state, until
    mark.marked_by, mark.marked_at = session.info.get("member", ""), utcnow()
    session.add(mark)
    session.flush()


def mark_done(session: Session, key: str) -> None:
    """Done: the item stays away until the record comes due again (a new key)."""
    _mark(session, key, "done", None)


def snooze(session: Session, key: str, until: date) -> None:
    """Hide the item until ``until``."""
    _mark(session, key, "snoozed", until)


def unmark(session: Session, key: str) -> None:
    mark = session.get(AttentionMark, key)
    if mark is not None:
        session.delete(mark)
        session.flush()
