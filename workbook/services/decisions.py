"""The decisions log: stable numbers, votes or consensus, supersede chains."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbook.domain.enums import DecisionStatus
from workbook.domain.errors import ValidationError
from workbook.domain.models import Decision, NumberCounter, Partnership
from workbook.services.common import by_partnership, partnership_title, require_order
from workbook.services.fields import BOOL, DATE, INT, LONGTEXT, REF, Field
from workbook.services.registry import EntitySpec, ListColumn, register

ENTITY = "decision"
VOTES: dict[str, Any] = {"minimum": 0, "maximum": 100000}


def next_number(session: Session, year: int) -> str:
    """The next decision number of ``year`` (D-2026-014); atomic, never handed out twice."""
    series = f"D-{year}"
    # the open database's own dialect, already loaded (importing PostgreSQL's takes 30 ms)
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:  # the same statement on the other dialect
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    stmt = (
        insert(NumberCounter)
        .values(series=series, last=1)
        .on_conflict_do_update(index_elements=["series"], set_={"last": NumberCounter.last + 1})
        .returning(NumberCounter.last)
    )
    number = session.execute(stmt).scalar_one()
    return f"{series}-{number:03d}"


def _on_create(session: Session, decision: Decision) -> None:
    decision.number = next_number(session, decision.decided_on.year)


def supersede_chain(decision: Decision) -> list[Decision]:
    """The decisions this one replaced, newest first (each step back along ``supersedes``)."""
    chain, seen, current = [], {decision.id}, decision.supersedes
    while current is not None and current.id not in seen:
        chain.append(current)
        seen.add(current.id)
        current = current.supersedes
    return chain


def _check(session: Session, decision: Decision) -> None:
    require_order(
        ENTITY, earlier=("decided_on", decision.decided_on), later=("review_on", decision.review_on)
    )
    votes = (decision.votes_for, decision.votes_against, decision.votes_abstain)
    if decision.consensus and any(v for v in votes):
        raise ValidationError(ENTITY, "consensus", True, "consensus_has_no_votes")
    if decision.supersedes_id is None:
        return
    if decision.supersedes_id == decision.id:
        raise ValidationError(ENTITY, "supersedes_id", str(decision.id), "supersedes_itself")
    older = session.get(Decision, decision.supersedes_id)
    assert older is not None
    decision.supersedes = older
    if decision.decided_on < older.decided_on:
        raise ValidationError(
            ENTITY,
            "decided_on",
            decision.decided_on.isoformat(),
            "before_superseded",
            number=older.number,
        )
    seen: set[uuid.UUID] = set()
    current: Decision | None = older
    while current is not None and current.id not in seen:
        if current.id == decision.id:
            raise ValidationError(ENTITY, "supersedes_id", older.number, "supersede_cycle")
        seen.add(current.id)
        current = current.supersedes
    if decision.status == DecisionStatus.ADOPTED and older.status != DecisionStatus.SUPERSEDED:
        older.status = DecisionStatus.SUPERSEDED.value


DECISIONS = register(
    EntitySpec(
        entity=ENTITY,
        model=Decision,
        fields=(
            Field("title", required=True, max_length=200),
            Field("decided_on", DATE, required=True),
            Field("text", LONGTEXT, required=True, max_length=50000),
            Field("context", LONGTEXT, max_length=50000),
            Field("rationale", LONGTEXT, max_length=50000),
            Field("decided_by", max_length=255),
            Field("votes_for", INT, **VOTES),
            Field("votes_against", INT, **VOTES),
            Field("votes_abstain", INT, **VOTES),
            Field("consensus", BOOL),
            Field.enum("status", DecisionStatus),
            Field("review_on", DATE),
            Field("supersedes_id", REF, ref="decision"),
            Field("partnership_id", REF, ref="partnership"),
            Field("goal_id", REF, ref="goal"),
            Field("meeting_id", REF, ref="meeting"),
        ),
        columns=(
            ListColumn("number", Decision.number),
            ListColumn("decided_on", Decision.decided_on, "date"),
            ListColumn("title", Decision.title),
            ListColumn("status", Decision.status, "enum"),
            ListColumn("decided_by", Decision.decided_by),
            ListColumn("partnership", Partnership.title),
        ),
        default_sort="decided_on",
        default_descending=True,
        joins=(partnership_title(Decision),),
        facets={
            "partnership": by_partnership(Decision),
            "meeting": lambda value: Decision.meeting_id == value,
        },
        date_field="decided_on",
        on_create=_on_create,
        check=_check,
    )
)


def latest(session: Session, *, limit: int = 5) -> list[Decision]:
    return list(
        session.scalars(
            select(Decision)
            .order_by(Decision.decided_on.desc(), Decision.number.desc())
            .limit(limit)
        )
    )
