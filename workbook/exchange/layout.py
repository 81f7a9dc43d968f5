"""Which sheets and columns a workbook has, how values are read from records and compared."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from workbook.models import (
    Conflict,
    ConflictStep,
    Contact,
    Goal,
    PartnershipPartner,
    ProgressUpdate,
    Record,
)
from workbook.services import captions, spec_for, values_of
from workbook.services import fields as kinds
from workbook.services.conflicts import STEP_DATE, STEP_TEXT
from workbook.services.fields import Field
from workbook.services.goals import PROGRESS_DATE, PROGRESS_NOTE, PROGRESS_VALUE

ID, VERSION, CHECKSUM = "ID", "Version", "Checksum"
HIDDEN_HEADERS = (ID, VERSION, CHECKSUM)
READ_ONLY_SUFFIX = " (read only)"


HEADERS = {
    "attendee_ids": "Attendees",
    "party_organisation_ids": "Parties (organisations)",
    "party_contact_ids": "Parties (people)",
    "settled_by_ids": "Settled by decisions",
    "supersedes_id": "Supersedes",
    "owner_id": "Owner",
}


def header_of(name: str) -> str:
    """Column header for a field name: "consent_given_on" -> "Consent given on"."""
    if name in HEADERS:
        return HEADERS[name]
    base = name.removesuffix("_ids").removesuffix("_id")
    return base.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Column:
    """One column: its header, and for importable ones the field rule behind it."""

    header: str
    name: str
    kind: str
    field: Field | None = None
    ref: str | None = None
    choices: tuple[str, ...] = ()

    @property
    def importable(self) -> bool:
        return self.field is not None


@dataclass
class Lookups:
    """Captions of records by id, and ids by caption, for the readable relation columns."""

    session: Session
    _by_entity: dict[str, dict[uuid.UUID, str]] = field(default_factory=dict)

    def captions(self, entity: str) -> dict[uuid.UUID, str]:
        if entity not in self._by_entity:
            self._by_entity[entity] = dict(captions(self.session, entity, limit=10_000_000))
        return self._by_entity[entity]

    def caption(self, entity: str, record_id: uuid.UUID | None) -> str | None:
        return self.captions(entity).get(record_id) if record_id else None

    def find(self, entity: str, text: str) -> list[uuid.UUID]:
        wanted = text.strip().casefold()
        return [i for i, c in self.captions(entity).items() if c.strip().casefold() == wanted]


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: an entity (or a child list such as progress updates) and its columns."""

    title: str
    entity: str
    columns: tuple[Column, ...]
    description: str
    #: records of this sheet, in the order they are written (None: the whole table)
    query: Callable[[Session, set[uuid.UUID] | None], Iterator[Record]]
    #: the column values of one record, keyed by column name
    read: Callable[[Record, Lookups], dict[str, Any]]
    #: the parent column that says which record a child row belongs to
    parent: str | None = None

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def canonical(value: Any) -> str:
    """The text a value is compared by (export vs. import, and in the checksum)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "\x1e".join(sorted(canonical(v) for v in value))
    # as the core stores typed text: line ends unified, outer white space dropped
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def checksum(sheet: SheetSpec, values: dict[str, Any]) -> str:
    text = "\x1f".join(canonical(values.get(c.name)) for c in sheet.columns if c.importable)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# -- entity sheets ---------------------------------------------------------------------------


def _entity_columns(entity: str) -> tuple[Column, ...]:
    columns = []
    for f in spec_for(entity).fields:
        header = header_of(f.name)
        if f.kind == kinds.ROWS:
            columns.append(Column(header + READ_ONLY_SUFFIX, f.name, "text"))
        elif f.kind in (kinds.REF, kinds.REFS):
            columns.append(Column(header, f.name, f.kind, f, ref=f.ref))
        else:
            columns.append(Column(header, f.name, f.kind, f, choices=f.choices))
    return tuple(columns)


def _rows_text(rows: list[dict[str, Any]], lookups: Lookups) -> str:
    parts = []
    for row in rows:
        if "organisation_id" in row and "heading" not in row and "name" not in row:
            name = lookups.caption("organisation", row["organisation_id"]) or ""
            parts.append(f"{name} ({row['role']})" if row.get("role") else name)
        elif "heading" in row:
            parts.append(row["heading"])
        else:
            parts.append(", ".join(str(v) for k, v in row.items() if v and k in ("name", "role")))
    return "; ".join(parts)


def _entity_reader(entity: str) -> Callable[[Record, Lookups], dict[str, Any]]:
    spec = spec_for(entity)

    def read(record: Record, lookups: Lookups) -> dict[str, Any]:
        values = values_of(entity, record)
        for f in spec.fields:
            if f.kind == kinds.ROWS:
                values[f.name] = _rows_text(values.get(f.name) or [], lookups)
        return values

    return read


#: relationships each sheet reads, loaded per batch instead of one query per record
EAGER = {
    "organisation": ("tags",),
    "partnership": ("partners", "terms", "signatories"),
    "meeting": ("attendees",),
    "conflict": ("parties", "settled_by"),
}


def _scoped(entity: str) -> Callable[[Session, set[uuid.UUID] | None], Iterator[Record]]:
    spec = spec_for(entity)
    model = spec.model

    def query(session: Session, partnerships: set[uuid.UUID] | None) -> Iterator[Record]:
        stmt = select(model)
        if partnerships is not None:
            stmt = stmt.where(_scope_clause(entity, partnerships))
        order = spec.column(spec.default_sort).expression
        eager = [selectinload(getattr(model, name)) for name in EAGER.get(entity, ())]
        stmt = stmt.order_by(order, model.id).options(*eager).execution_options(yield_per=500)
        yield from session.scalars(stmt)

    return query


def _scope_clause(entity: str, partnerships: set[uuid.UUID]) -> Any:
    """What concerns the given partnerships (for the partner sheet)."""
    model = spec_for(entity).model
    partners = select(PartnershipPartner.organisation_id).where(
        PartnershipPartner.partnership_id.in_(partnerships)
    )
    if entity == "partnership":
        return model.id.in_(partnerships)
    if entity == "organisation":
        return model.id.in_(partners)
    if entity == "contact":
        return Contact.organisation_id.in_(partners)
    return model.partnership_id.in_(partnerships)  # type: ignore[attr-defined]


DESCRIPTIONS = {
    "organisation": "Partner organisations with their strengths and networks.",
    "contact": "People at the partner organisations (personal data: handle with care).",
    "partnership": "Partnerships; partners, terms and signatories are shown, edit them in the app.",
    "goal": "Shared goals with indicators, baselines and targets.",
    "evaluation": "Reviews: successes to celebrate, lessons learned, next steps.",
    "meeting": "Meetings with attendees (names separated by ';').",
    "decision": "The decisions log. Numbers are given by the app.",
    "conflict": "The conflicts log.",
}

ENTITY_SHEETS = {
    "organisation": "Organisations",
    "contact": "Contacts",
    "partnership": "Partnerships",
    "goal": "Goals",
    "evaluation": "Evaluations",
    "meeting": "Meetings",
    "decision": "Decisions",
    "conflict": "Conflicts",
}


def entity_sheet(entity: str) -> SheetSpec:
    columns = _entity_columns(entity)
    if entity == "decision":
        columns = (Column("Number" + READ_ONLY_SUFFIX, "number", "text"), *columns)
    return SheetSpec(
        ENTITY_SHEETS[entity],
        entity,
        columns,
        DESCRIPTIONS[entity],
        _scoped(entity),
        _with_number(entity),
    )


def _with_number(entity: str) -> Callable[[Record, Lookups], dict[str, Any]]:
    read = _entity_reader(entity)
    if entity != "decision":
        return read
    return lambda record, lookups: {**read(record, lookups), "number": record.number}  # type: ignore[attr-defined]


# -- child sheets: progress of goals, steps of conflicts -------------------------------------


def _child_query(
    model: type[Record], parent_model: type[Record], parent_fk: str, order: Any
) -> Callable[[Session, set[uuid.UUID] | None], Iterator[Record]]:
    def query(session: Session, partnerships: set[uuid.UUID] | None) -> Iterator[Record]:
        stmt = select(model)
        if partnerships is not None:
            stmt = stmt.where(
                getattr(model, parent_fk).in_(
                    select(parent_model.id).where(parent_model.partnership_id.in_(partnerships))
                )
            )  # type: ignore[attr-defined]
        yield from session.scalars(stmt.order_by(order, model.id).execution_options(yield_per=500))

    return query


PROGRESS_SHEET = SheetSpec(
    "Progress",
    "progress_update",
    (
        Column(
            "Goal",
            "goal_id",
            kinds.REF,
            Field("goal_id", kinds.REF, required=True, ref="goal"),
            ref="goal",
        ),
        Column("Recorded on", "recorded_on", kinds.DATE, PROGRESS_DATE),
        Column("Value", "value", kinds.FLOAT, PROGRESS_VALUE),
        Column("Note", "note", kinds.LONGTEXT, PROGRESS_NOTE),
    ),
    "Progress of each goal's indicator: add a row with the date and the value measured.",
    _child_query(ProgressUpdate, Goal, "goal_id", ProgressUpdate.recorded_on),
    lambda r, _l: {
        "goal_id": r.goal_id,
        "recorded_on": r.recorded_on,
        "value": r.value,  # type: ignore[attr-defined]
        "note": r.note,
    },  # type: ignore[attr-defined]
    parent="goal_id",
)

STEPS_SHEET = SheetSpec(
    "Conflict steps",
    "conflict_step",
    (
        Column(
            "Conflict",
            "conflict_id",
            kinds.REF,
            Field("conflict_id", kinds.REF, required=True, ref="conflict"),
            ref="conflict",
        ),
        Column("Taken on", "taken_on", kinds.DATE, STEP_DATE),
        Column("Description", "description", kinds.LONGTEXT, STEP_TEXT),
    ),
    "What was done about each conflict, and when: add a row per step.",
    _child_query(ConflictStep, Conflict, "conflict_id", ConflictStep.taken_on),
    lambda r, _l: {
        "conflict_id": r.conflict_id,
        "taken_on": r.taken_on,  # type: ignore[attr-defined]
        "description": r.description,
    },  # type: ignore[attr-defined]
    parent="conflict_id",
)


def all_sheets() -> list[SheetSpec]:
    sheets = [entity_sheet(e) for e in ("organisation", "contact", "partnership", "goal")]
    sheets.append(PROGRESS_SHEET)
    sheets += [entity_sheet(e) for e in ("evaluation", "meeting", "decision", "conflict")]
    sheets.append(STEPS_SHEET)
    return sheets


def sheet_by_title(title: str) -> SheetSpec | None:
    wanted = title.strip().casefold()
    for sheet in all_sheets():
        if wanted in (sheet.title.casefold(), sheet.entity.replace("_", " ")):
            return sheet
    return None
