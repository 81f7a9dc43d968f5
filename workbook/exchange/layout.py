"""Which sheets and columns a workbook has, how values are read from records and compared."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, partial
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from workbook.domain.models import (
    Conflict,
    ConflictParty,
    ConflictStep,
    Contact,
    Goal,
    Meeting,
    PartnershipPartner,
    ProgressUpdate,
    Record,
    meeting_attendees,
)
from workbook.services import captions, spec_for, values_of
from workbook.services import fields as kinds
from workbook.services.conflicts import STEP_DATE, STEP_TEXT
from workbook.services.fields import Field
from workbook.services.goals import PROGRESS_DATE, PROGRESS_NOTE, PROGRESS_VALUE
from workbook.services.records import column_fields
from workbook.services.registry import EntitySpec

ID, VERSION, CHECKSUM = "ID", "Version", "Checksum"
#: A very hidden sheet listing every row exported, by sheet and ID: a row missing from the
#: file that comes back was deleted by the partner (offered for deletion here, never by
#: default).
MANIFEST = "Exported rows"
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
    _by_name: dict[tuple[str, bool], dict[str, list[uuid.UUID]]] = field(default_factory=dict)

    def captions(self, entity: str) -> dict[uuid.UUID, str]:
        if entity not in self._by_entity:
            self._by_entity[entity] = dict(captions(self.session, entity, limit=10_000_000))
        return self._by_entity[entity]

    def caption(self, entity: str, record_id: uuid.UUID | None) -> str | None:
        return self.captions(entity).get(record_id) if record_id else None

    def find(self, entity: str, text: str, *, first_word: bool = False) -> list[uuid.UUID]:
        """The records whose caption is ``text`` (case and outer spaces aside), in list
        order; with ``first_word``, those whose caption begins with it as a word (a
        decision's number). Looked up in an index made once per kind: each row of a file
        of 100,000 people went through all 100,000 organisations' captions."""
        key = (entity, first_word)
        if key not in self._by_name:
            index: dict[str, list[uuid.UUID]] = {}
            for ident, caption in self.captions(entity).items():
                name = caption.split(" ")[0] if first_word else caption.strip()
                index.setdefault(name.casefold(), []).append(ident)
            self._by_name[key] = index
        return list(self._by_name[key].get(text.strip().casefold(), ()))


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: an entity (or a child list such as progress updates) and its columns."""

    title: str
    entity: str
    columns: tuple[Column, ...]
    description: str
    #: the rows of this sheet as they are written, straight from the tables
    source: RowSource
    #: the column values of one record, keyed by column name (as ``source`` gives them)
    read: Callable[[Record, Lookups], dict[str, Any]]
    #: the parent column that says which record a child row belongs to
    parent: str | None = None

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


#: kinds whose cells show something other than the stored value
SHOWN_AS_TEXT = (kinds.REF, kinds.REFS, kinds.TAGS)


def shown(column: Column, value: Any, lookups: Lookups) -> Any:
    """What the cell of ``column`` shows for ``value``: references by caption, lists as text."""
    if column.kind == kinds.REF:
        return lookups.caption(column.ref or "", value)
    if column.kind == kinds.REFS:
        return "; ".join(sorted(lookups.caption(column.ref or "", v) or "" for v in value or []))
    if column.kind == kinds.TAGS:
        return ", ".join(value or [])
    return value


def canonical(value: Any) -> str:
    """The text a value is compared by (export vs. import, and in the checksum)."""
    if type(value) is str:  # most cells: first, before the other types are tried
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
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


def checksum(sheet: SheetSpec, values: dict[str, Any], texts: dict[str, str] | None = None) -> str:
    """The row's fingerprint; ``texts`` are values' canonical texts already at hand."""
    known = texts or {}
    text = "\x1f".join(
        known[c.name] if c.name in known else canonical(values.get(c.name))
        for c in sheet.columns
        if c.importable
    )
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


def _as_cells(spec: EntitySpec, values: dict[str, Any], lookups: Lookups) -> dict[str, Any]:
    """A record's values as its sheet shows them: lists of rows as one text."""
    for f in spec.fields:
        if f.kind == kinds.ROWS:
            values[f.name] = _rows_text(values.get(f.name) or [], lookups)
    return values


#: columns of a table that its sheet shows, read only, before the fields
SHOWN_ONLY = {"decision": ("number",)}


def _entity_reader(entity: str) -> Callable[[Record, Lookups], dict[str, Any]]:
    spec = spec_for(entity)

    def read(record: Record, lookups: Lookups) -> dict[str, Any]:
        values = _as_cells(spec, values_of(entity, record), lookups)
        values.update((name, getattr(record, name)) for name in SHOWN_ONLY.get(entity, ()))
        return values

    return read


#: relationships each sheet reads, loaded per batch instead of one query per record
EAGER = {
    "organisation": ("tags",),
    "partnership": ("partners", "terms", "signatories"),
    "meeting": ("attendees",),
    "conflict": ("parties", "settled_by"),
}


def records_by_id(session: Session, model: type[Record], ids: list[uuid.UUID]) -> list[Record]:
    """Records by id with the relationships their sheet reads, in one query (plus one each)."""
    eager = [selectinload(getattr(model, name)) for name in EAGER.get(model.__entity__, ())]
    return list(session.scalars(select(model).where(model.id.in_(ids)).options(*eager)))


#: rows read at a time: one query for their related values per batch
ROW_BATCH = 1000

Related = Callable[[Session, list[uuid.UUID], Lookups], dict[uuid.UUID, dict[str, Any]]]


@dataclass(frozen=True)
class Scope:
    """What a workbook sent to partners holds: what concerns ``partnerships``, and with a
    ``partner`` (the organisation it is sent to) only the conflicts that partner is party
    to. Its people are the ones who take part in the partnerships (their meetings'
    attendees, their conflicts' parties) and the partner's own: not every contact of every
    partner organisation."""

    partnerships: frozenset[uuid.UUID]
    partner: uuid.UUID | None = None

    def __init__(self, partnerships: Iterable[uuid.UUID], partner: uuid.UUID | None = None):
        object.__setattr__(self, "partnerships", frozenset(partnerships))
        object.__setattr__(self, "partner", partner)


def scope_of(scope: Scope | set[uuid.UUID] | frozenset[uuid.UUID] | None) -> Scope | None:
    return scope if isinstance(scope, Scope) or scope is None else Scope(scope)


@dataclass(frozen=True)
class RowSource:
    """Where a sheet's rows come from: columns read with Core, related values per batch.

    No ORM object is made for a plain column (100,000 organisations: 2.3 s as records with
    their tags, 0.5 s as rows), yet each row has the values ``read`` gives for its record.
    """

    model: type[Record]
    names: tuple[str, ...]
    order: Any
    scope: Callable[[Scope], Any]
    related: Related | None = None

    def statement(self, scope: Scope | set[uuid.UUID] | None) -> Any:
        model = self.model
        stmt = select(model.id, model.version, *(getattr(model, n) for n in self.names))
        scope = scope_of(scope)
        if scope is not None:
            stmt = stmt.where(self.scope(scope))
        return stmt.order_by(self.order, model.id)

    def count(self, session: Session, scope: Scope | set[uuid.UUID] | None) -> int:
        rows = self.statement(scope).order_by(None).subquery()
        return int(session.scalar(select(func.count()).select_from(rows)) or 0)

    def rows(
        self, session: Session, scope: Scope | set[uuid.UUID] | None, lookups: Lookups
    ) -> Iterator[tuple[uuid.UUID, int, dict[str, Any]]]:
        """(id, version, values) of each row, in the order it is written."""
        stmt = self.statement(scope).execution_options(yield_per=ROW_BATCH)
        for batch in session.execute(stmt).partitions():
            yield from self._values(session, batch, lookups)

    def by_id(
        self, session: Session, ids: Collection[uuid.UUID], lookups: Lookups
    ) -> dict[uuid.UUID, tuple[int, dict[str, Any]]]:
        """(version, values) of the records ``ids`` that exist, as their rows are written."""
        model = self.model
        stmt = select(model.id, model.version, *(getattr(model, n) for n in self.names))
        batch = session.execute(stmt.where(model.id.in_(list(ids)))).all()
        return {
            i: (version, values) for i, version, values in self._values(session, batch, lookups)
        }

    def _values(
        self, session: Session, batch: Sequence[Any], lookups: Lookups
    ) -> Iterator[tuple[uuid.UUID, int, dict[str, Any]]]:
        related = self.related(session, [r[0] for r in batch], lookups) if self.related else {}
        for ident, version, *values in batch:
            row = dict(zip(self.names, values, strict=True))
            if self.related:
                row.update(related[ident])
            yield ident, version, row


def _related(entity: str) -> Related | None:
    """The values of a batch of records that are not their own columns, if there are any."""
    spec = spec_for(entity)
    read = spec.read
    if read is None:
        return None

    def related(
        session: Session, ids: list[uuid.UUID], lookups: Lookups
    ) -> dict[uuid.UUID, dict[str, Any]]:
        if spec.read_many is not None:
            found = spec.read_many(session, ids)
        else:
            found = {r.id: read(r) for r in records_by_id(session, spec.model, ids)}
        return {i: _as_cells(spec, values, lookups) for i, values in found.items()}

    return related


def _entity_source(entity: str) -> RowSource:
    spec = spec_for(entity)
    names = column_fields(entity) + SHOWN_ONLY.get(entity, ())
    return RowSource(
        spec.model,
        names,
        spec.column(spec.default_sort).expression,
        partial(_scope_clause, entity),
        _related(entity),
    )


def _scope_clause(entity: str, scope: Scope) -> Any:
    """What a workbook for partners holds of ``entity`` (see ``Scope``)."""
    model = spec_for(entity).model
    partnerships = scope.partnerships
    partners = select(PartnershipPartner.organisation_id).where(
        PartnershipPartner.partnership_id.in_(partnerships)
    )
    if entity == "partnership":
        return model.id.in_(partnerships)
    if entity == "organisation":
        return model.id.in_(partners)
    if entity == "contact":  # who takes part, and the partner's own people
        attending = select(meeting_attendees.c.contact_id).where(
            meeting_attendees.c.meeting_id.in_(
                select(Meeting.id).where(Meeting.partnership_id.in_(partnerships))
            )
        )
        parties = select(ConflictParty.contact_id).where(
            ConflictParty.conflict_id.in_(_conflicts(scope))
        )
        taking_part = or_(Contact.id.in_(attending), Contact.id.in_(parties))
        if scope.partner is None:
            return taking_part
        return or_(taking_part, Contact.organisation_id == scope.partner)
    if entity == "conflict":
        return model.id.in_(_conflicts(scope))
    return model.partnership_id.in_(partnerships)


def _conflicts(scope: Scope) -> Any:
    """The conflicts of the partnerships; for a partner, those it is party to (itself or one
    of its people)."""
    stmt = select(Conflict.id).where(Conflict.partnership_id.in_(scope.partnerships))
    if scope.partner is None:
        return stmt
    theirs = select(ConflictParty.conflict_id).where(
        or_(
            ConflictParty.organisation_id == scope.partner,
            ConflictParty.contact_id.in_(
                select(Contact.id).where(Contact.organisation_id == scope.partner)
            ),
        )
    )
    return stmt.where(Conflict.id.in_(theirs))


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


@cache
def entity_sheet(entity: str) -> SheetSpec:
    """The sheet of an entity (made once: every title looked up made all ten again)."""
    shown = (Column(header_of(n) + READ_ONLY_SUFFIX, n, "text") for n in SHOWN_ONLY.get(entity, ()))
    columns = (*shown, *_entity_columns(entity))
    return SheetSpec(
        ENTITY_SHEETS[entity],
        entity,
        columns,
        DESCRIPTIONS[entity],
        _entity_source(entity),
        _entity_reader(entity),
    )


# -- child sheets: progress of goals, steps of conflicts -------------------------------------


def _child_sheet(
    title: str,
    model: type[Record],
    parent: tuple[type[Record], Column],
    columns: tuple[Column, ...],
    description: str,
    order: Any,
) -> SheetSpec:
    """A sheet of child rows (progress of goals, steps of conflicts): plain columns only."""
    parent_model, parent_column = parent
    names = (parent_column.name, *(c.name for c in columns))

    def scope(within: Scope) -> Any:
        parents = select(parent_model.id).where(_scope_clause(parent_model.__entity__, within))
        return getattr(model, parent_column.name).in_(parents)

    return SheetSpec(
        title,
        model.__entity__,
        (parent_column, *columns),
        description,
        RowSource(model, names, order, scope),
        lambda record, _lookups: {name: getattr(record, name) for name in names},
        parent=parent_column.name,
    )


def _parent_column(header: str, entity: str) -> Column:
    name = f"{entity}_id"
    return Column(
        header, name, kinds.REF, Field(name, kinds.REF, required=True, ref=entity), ref=entity
    )


PROGRESS_SHEET = _child_sheet(
    "Progress",
    ProgressUpdate,
    (Goal, _parent_column("Goal", "goal")),
    (
        Column("Recorded on", "recorded_on", kinds.DATE, PROGRESS_DATE),
        Column("Value", "value", kinds.FLOAT, PROGRESS_VALUE),
        Column("Note", "note", kinds.LONGTEXT, PROGRESS_NOTE),
    ),
    "Progress of each goal's indicator: add a row with the date and the value measured.",
    ProgressUpdate.recorded_on,
)

STEPS_SHEET = _child_sheet(
    "Conflict steps",
    ConflictStep,
    (Conflict, _parent_column("Conflict", "conflict")),
    (
        Column("Taken on", "taken_on", kinds.DATE, STEP_DATE),
        Column("Description", "description", kinds.LONGTEXT, STEP_TEXT),
    ),
    "What was done about each conflict, and when: add a row per step.",
    ConflictStep.taken_on,
)


def all_sheets() -> list[SheetSpec]:
    sheets = [entity_sheet(e) for e in ("organisation", "contact", "partnership", "goal")]
    sheets.append(PROGRESS_SHEET)
    sheets += [entity_sheet(e) for e in ("evaluation", "meeting", "decision", "conflict")]
    sheets.append(STEPS_SHEET)
    return sheets


def sheet_by_title(
    title: str, known: Callable[[SheetSpec], set[str]] | None = None
) -> SheetSpec | None:
    """The sheet of ``title``: its title, its kind of record, or one of the names ``known``
    gives it (its title in another language)."""
    wanted = title.strip().casefold()
    for sheet in all_sheets():
        names = {sheet.title.casefold(), sheet.entity.replace("_", " ")}
        if wanted in names | (known(sheet) if known else set()):
            return sheet
    return None
