"""The conflicts log: parties, dated steps, mediation, resolution and settling decisions."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbook.domain.enums import ConflictStatus
from workbook.domain.errors import ValidationError
from workbook.domain.models import (
    Conflict,
    ConflictParty,
    ConflictStep,
    Contact,
    Decision,
    Organisation,
    Partnership,
)
from workbook.services import records
from workbook.services.common import by_partnership, partnership_title, require_order
from workbook.services.fields import DATE, LONGTEXT, REF, REFS, Field
from workbook.services.registry import EntitySpec, ListColumn, register

ENTITY = "conflict"
CLOSED = (ConflictStatus.RESOLVED, ConflictStatus.CLOSED_UNRESOLVED)


def _apply(session: Session, conflict: Conflict, values: dict[str, Any]) -> None:
    for key, attr, model in (
        ("party_organisation_ids", "organisation", Organisation),
        ("party_contact_ids", "contact", Contact),
    ):
        if key not in values:
            continue
        others = [p for p in conflict.parties if getattr(p, f"{attr}_id") is None]
        existing = {
            getattr(p, f"{attr}_id"): p for p in conflict.parties if getattr(p, f"{attr}_id")
        }
        conflict.parties = others + [
            existing.get(i) or ConflictParty(**{attr: session.get(model, i)}, version=1)
            for i in values[key]
        ]
    if "settled_by_ids" in values:
        conflict.settled_by = [session.get(Decision, i) for i in values["settled_by_ids"]]  # type: ignore[misc]


def _check(session: Session, conflict: Conflict) -> None:
    require_order(
        ENTITY,
        earlier=("raised_on", conflict.raised_on),
        later=("resolved_on", conflict.resolved_on),
    )
    if conflict.status == ConflictStatus.RESOLVED:
        if not (conflict.resolution or "").strip():
            raise ValidationError(
                ENTITY,
                "resolution",
                conflict.resolution,
                "needs_resolution",
            )
        if conflict.resolved_on is None:
            raise ValidationError(ENTITY, "resolved_on", None, "needs_resolved_on")
    if conflict.status == ConflictStatus.IN_MEDIATION and not (conflict.mediator or "").strip():
        raise ValidationError(ENTITY, "mediator", conflict.mediator, "needs_mediator")
    if conflict.status not in CLOSED and conflict.resolved_on is not None:
        raise ValidationError(
            ENTITY,
            "resolved_on",
            conflict.resolved_on.isoformat(),
            "resolved_on_when_open",
        )


CONFLICTS = register(
    EntitySpec(
        entity=ENTITY,
        model=Conflict,
        fields=(
            Field("title", required=True, max_length=200),
            Field("raised_on", DATE, required=True),
            Field("description", LONGTEXT, max_length=50000),
            Field.enum("status", ConflictStatus),
            Field("mediator", max_length=255),
            Field("resolution", LONGTEXT, max_length=50000),
            Field("resolved_on", DATE),
            Field("partnership_id", REF, ref="partnership"),
            Field("party_organisation_ids", REFS, ref="organisation"),
            Field("party_contact_ids", REFS, ref="contact"),
            Field("settled_by_ids", REFS, ref="decision"),
        ),
        columns=(
            ListColumn("raised_on", Conflict.raised_on, "date"),
            ListColumn("title", Conflict.title),
            ListColumn("status", Conflict.status, "enum"),
            ListColumn("mediator", Conflict.mediator),
            ListColumn("resolved_on", Conflict.resolved_on, "date"),
            ListColumn("partnership", Partnership.title),
        ),
        default_sort="raised_on",
        default_descending=True,
        joins=(partnership_title(Conflict),),
        facets={"partnership": by_partnership(Conflict)},
        date_field="raised_on",
        apply=_apply,
        check=_check,
        check_is_local=True,
        read=lambda conflict: {
            "party_organisation_ids": [
                p.organisation_id for p in conflict.parties if p.organisation_id
            ],
            "party_contact_ids": [p.contact_id for p in conflict.parties if p.contact_id],
            "settled_by_ids": [d.id for d in conflict.settled_by],
        },
    )
)

STEP_DATE = Field("taken_on", DATE, required=True)
STEP_TEXT = Field("description", LONGTEXT, required=True, max_length=20000)


def add_step(
    session: Session, conflict_id: uuid.UUID | str, *, taken_on: Any, description: str
) -> ConflictStep:
    """Add a dated entry to a conflict's timeline."""
    conflict = records.get(session, ENTITY, conflict_id)
    assert isinstance(conflict, Conflict)
    when = STEP_DATE.coerce("conflict_step", taken_on)
    require_order(
        "conflict_step",
        earlier=("the date the conflict was raised", conflict.raised_on),
        later=("taken_on", when),
    )
    step = ConflictStep(
        taken_on=when, description=STEP_TEXT.coerce("conflict_step", description), version=1
    )
    conflict.steps.append(step)
    session.flush()
    return step


def counts_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(Conflict.status, func.count()).group_by(Conflict.status))
    return {status: count for status, count in rows}
