"""What needs attention: the dues of an alliance, since a desktop app has no one to remind it.

Each item has a key that names the record and the due date, so marking it done lasts until
the thing comes due again (the next review, the next progress update), and snoozing hides it
until a chosen day. Marks live in the database, so everyone sharing it sees the same list.
"""

from __future__ import annotations

import heapq
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.orm import Session

from workbook.domain import clock
from workbook.domain.enums import ConflictStatus, DecisionStatus, GoalStatus, PartnershipStatus
from workbook.domain.models import (
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


#: An item before it is one: (due, kind, title, entity, record id as the database hands it
#: over, detail, what its key ends with). A lifetime has some 55,000 items and the dashboard
#: shows 200: the rest are counted as these plain tuples, never made objects or keys.
Row = tuple[date, str, str, str, Any, str, object]


def _key(row: Row) -> str:
    """The item's key: its kind, its record and (but for a consent) the day it is due by."""
    _due, kind, _title, _entity, ident, _detail, since = row
    return f"{kind}:{_id(ident)}" + ("" if since is None else f":{since}")


def _cadence(value: str | None, default: str = "quarterly") -> int:
    return CADENCE_DAYS.get(value or default, CADENCE_DAYS[default])


def _id(value: Any) -> str:
    """A record id as text, the way ``uuid.UUID`` writes it (SQLite keeps 32 hex digits)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"


def _day(value: Any) -> date | None:
    """A date (or a timestamp's day) as the database hands it over: an ISO text on SQLite."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(value[:10])


def _raw(column: Any) -> Any:
    """A column without its type's conversion of every value (ids and dates, see ``Row``)."""
    return type_coerce(column, String)


def _agreements(session: Session, today: date, horizon: date) -> list[Row]:
    rows = session.execute(
        select(_raw(Partnership.id), Partnership.title, Partnership.end_date).where(
            Partnership.end_date.is_not(None),
            Partnership.end_date <= horizon,
            Partnership.status.in_(RUNNING),
        )
    )
    return [
        (end, "agreement_ending", title, "partnership", ident,
         "ended" if end < today else "ends", end)
        for ident, title, end in rows
    ]  # fmt: skip


def _evaluations(session: Session, today: date, horizon: date) -> list[Row]:
    last = (
        select(Evaluation.partnership_id, func.max(Evaluation.held_on).label("last"))
        .group_by(Evaluation.partnership_id)
        .subquery()
    )
    rows = session.execute(
        select(
            _raw(Partnership.id),
            Partnership.title,
            Partnership.review_cadence,
            _raw(last.c.last),
            Partnership.signed_on,
            Partnership.start_date,
        )
        .outerjoin(last, last.c.partnership_id == Partnership.id)
        .where(Partnership.status == PartnershipStatus.ACTIVE)
    ).all()
    items = []
    for ident, title, cadence, held, signed, start in rows:
        since = _day(held) or signed or start
        if since is None:
            continue
        due = since + timedelta(days=_cadence(cadence, "yearly"))
        if due <= horizon:
            items.append(
                (due, "evaluation_due", title, "partnership", ident, since.isoformat(), due)
            )  # fmt: skip
    return items


def _decisions(session: Session, today: date) -> list[Row]:
    rows = session.execute(
        select(_raw(Decision.id), Decision.number, Decision.title, Decision.review_on).where(
            Decision.review_on.is_not(None),
            Decision.review_on <= today,
            Decision.status == DecisionStatus.ADOPTED,
        )
    )
    return [
        (review, "decision_review", f"{number} {title}", "decision", ident, "", review)
        for ident, number, title, review in rows
    ]  # fmt: skip


def _goals(session: Session, today: date, horizon: date) -> list[Row]:
    """Stale and lagging goals in one pass over the open goals: each one's last measurement
    (its date and value) is one step along the index (goal_id, recorded_on); a lifetime
    holds 200,000 measurements."""
    latest = (
        select(ProgressUpdate.recorded_on, ProgressUpdate.value)
        .where(ProgressUpdate.goal_id == Goal.id)
        .order_by(ProgressUpdate.recorded_on.desc())
        .limit(1)
        .correlate(Goal)
    )
    rows = session.execute(
        select(
            _raw(Goal.id),
            Goal.title,
            _raw(Goal.created_at),
            Goal.update_cadence,
            Partnership.review_cadence,
            _raw(latest.with_only_columns(ProgressUpdate.recorded_on).scalar_subquery()),
            _raw(Goal.due_date),
            Goal.baseline,
            Goal.target,
            latest.with_only_columns(ProgressUpdate.value).scalar_subquery(),
        )
        .outerjoin(Partnership, Partnership.id == Goal.partnership_id)
        .where(Goal.status.in_(OPEN_GOALS))
    ).all()
    items: list[Row] = []
    for ident, title, created, own, cadence, last, due_on, baseline, target, value in rows:
        since = _day(last) or _day(created)
        assert since is not None
        stale_from = since + timedelta(days=_cadence(own or cadence))
        if stale_from <= today:
            items.append(
                (stale_from, "goal_stale", title, "goal", ident, since.isoformat(), since)
            )  # fmt: skip
        due_date = _day(due_on)
        if due_date is None or due_date > horizon:
            continue
        ratio = _ratio(baseline, target, value)
        if (ratio or 0) < 1:
            items.append(
                (due_date, "goal_behind", title, "goal", ident,
                 f"{round((ratio or 0) * 100)} %", due_date)
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


def _conflicts(session: Session, today: date) -> list[Row]:
    last = (
        select(ConflictStep.taken_on)
        .where(ConflictStep.conflict_id == Conflict.id)
        .order_by(ConflictStep.taken_on.desc())
        .limit(1)
        .correlate(Conflict)
        .scalar_subquery()
    )
    rows = session.execute(
        select(_raw(Conflict.id), Conflict.title, _raw(Conflict.raised_on), _raw(last)).where(
            Conflict.status.in_(OPEN_CONFLICTS)
        )
    ).all()
    items: list[Row] = []
    for ident, title, raised_on, step in rows:
        since = _day(step) or _day(raised_on)
        assert since is not None
        quiet_from = since + timedelta(days=QUIET_DAYS)
        if quiet_from <= today:
            items.append(
                (quiet_from, "conflict_quiet", title, "conflict", ident, since.isoformat(),
                 since)
            )  # fmt: skip
    return items


def _consents(session: Session) -> list[Row]:
    rows = session.execute(
        select(_raw(Contact.id), Contact.name, Contact.consent_given_on).where(
            Contact.consent_given_on.is_not(None),
            func.coalesce(func.trim(Contact.consent_purpose), "") == "",
            Contact.erased_on.is_(None),
        )
    )
    return [
        (given, "consent_purpose", name, "contact", ident, "", None) for ident, name, given in rows
    ]


def _rows(
    session: Session, today: date | None, horizon_days: int, include_marked: bool
) -> list[Row]:
    """Every item due, as rows."""
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
        if marks:  # a handful: each item's key is made only when there are any

            def shown(row: Row) -> bool:
                mark = marks.get(_key(row))
                return mark is None or (mark.state == "snoozed" and (mark.until or today) <= today)

            found = list(filter(shown, found))
    return found


_ORDER = {kind: n for n, kind in enumerate(KINDS)}


def _pressing(row: Row) -> tuple[date, int, str]:
    """The most pressing first: by the day it is due, then by kind, then by title."""
    return row[0], _ORDER[row[1]], row[2]


def _item(row: Row) -> Item:
    due, kind, title, entity, ident, detail, _since = row
    return Item(_key(row), kind, entity, uuid.UUID(_id(ident)), title, due, detail)


def items(
    session: Session,
    *,
    today: date | None = None,
    horizon_days: int = 60,
    include_marked: bool = False,
) -> list[Item]:
    """Everything due by ``today`` + ``horizon_days`` (some kinds only once actually due)."""
    found = _rows(session, today, horizon_days, include_marked)
    return [_item(row) for row in sorted(found, key=_pressing)]


def most_pressing(
    session: Session, limit: int, *, today: date | None = None, horizon_days: int = 60
) -> tuple[list[Item], int]:
    """The first ``limit`` items of ``items`` and how many there are in all (the dashboard
    shows 200 of a lifetime's 55,000)."""
    found = _rows(session, today, horizon_days, include_marked=False)
    return [_item(row) for row in heapq.nsmallest(limit, found, key=_pressing)], len(found)


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
