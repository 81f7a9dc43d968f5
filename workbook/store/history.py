"""Change history: who changed which field of which record, when, from what to what."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import PASSIVE_NO_INITIALIZE, get_history

from workbook.domain import changes
from workbook.domain.models import Change, Record, utcnow

_SKIPPED = frozenset({"id", "created_at", "updated_at", "version"})


def as_text(value: Any) -> str | None:
    """The stable text form of a field value kept in the history."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Record):
        return value.caption()
    return str(value)


def _root(obj: Record) -> tuple[str, uuid.UUID, str | None]:
    """The aggregate a change is filed under: (entity, id, subject of a child record)."""
    if obj.__history_root__ is None:
        return obj.__entity__, obj.id, None
    root_id = getattr(obj, f"{obj.__history_root__}_id")
    relationship = inspect(type(obj)).relationships[obj.__history_root__]
    return relationship.mapper.class_.__entity__, root_id, obj.__entity__


def _field_changes(obj: Record) -> list[tuple[str | None, str | None, str | None]]:
    state = inspect(obj)
    modified = state.committed_state  # the attributes set since loaded, with what they were
    changes = []
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key not in modified or key in _SKIPPED or key in obj.__history_exclude__:
            continue
        # asked of the attribute itself: ``state.attrs`` builds a view of every attribute
        history = get_history(obj, key, passive=PASSIVE_NO_INITIALIZE)
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if as_text(old) != as_text(new):
                changes.append((key, as_text(old), as_text(new)))
    for rel in state.mapper.relationships:
        if rel.secondary is None or rel.key not in modified:
            continue
        history = get_history(obj, rel.key, passive=PASSIVE_NO_INITIALIZE)
        if history.added or history.deleted:
            before = sorted(as_text(o) or "" for o in [*history.unchanged, *history.deleted])
            after = sorted(as_text(o) or "" for o in [*history.unchanged, *history.added])
            changes.append((rel.key, "; ".join(before), "; ".join(after)))
    return changes


def _orphans(obj: Record) -> list[Record]:
    """Child records removed from a collection; the flush deletes them as orphans."""
    state = inspect(obj)
    return [
        child
        for rel in state.mapper.relationships
        if rel.cascade.delete_orphan and rel.key in state.committed_state
        for child in get_history(obj, rel.key, passive=PASSIVE_NO_INITIALIZE).deleted
        if isinstance(child, Record)
    ]


class _Rows(list[dict[str, Any]]):
    """The history rows of one write: who and when, once; one row per changed field."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.member = session.info.get("member", "")
        self.now = utcnow()

    def add(
        self, obj: Record, action: str, fields: list[tuple[str | None, str | None, str | None]]
    ) -> None:
        entity, record_id, subject = _root(obj)
        if record_id is None:
            return
        base = {
            "entity": entity,
            "record_id": record_id,
            "action": action,
            "subject": subject,
            "changed_by": self.member,
            "changed_at": self.now,
        }
        if not fields:
            label = obj.caption()
            fields = [
                (None, label if action == "delete" else None, label if action == "create" else None)
            ]
        self.extend({**base, "field": f, "old_value": o, "new_value": n} for f, o, n in fields)

    def add_updates(self, objs: Iterable[Record]) -> None:
        for obj in objs:
            fields = _field_changes(obj)
            if fields:
                self.add(obj, "update", fields)

    def write(self, session: Session) -> None:
        if self:
            session.connection().execute(insert(Change), self)


def written_by_server(session: Session) -> bool:
    """On PostgreSQL the server's triggers write the history (migration 0012), so that no
    member with a SQL prompt can forge or bypass it; on a file the app writes it."""
    return session.get_bind().dialect.name == "postgresql"


def _note(session: Session, obj: Record, action: str) -> None:
    entity, record_id, subject = _root(obj)
    changes.note(session, entity, record_id, action, child=subject is not None)


def note_flushed(session: Session) -> None:
    """What this flush writes, noted for the unit's report (``workbook.domain.changes``)."""
    for obj in session.new:
        if isinstance(obj, Record):
            _note(session, obj, "create")
    for obj in session.dirty:
        if isinstance(obj, Record) and inspect(obj).modified:
            _note(session, obj, "update")
            for orphan in _orphans(obj):
                _note(session, orphan, "delete")
    for obj in session.deleted:
        if isinstance(obj, Record):
            _note(session, obj, "delete")


def record_changes(session: Session, _context: object) -> None:
    """after_flush hook: one row per changed field; created/deleted records get one row each."""
    note_flushed(session)
    if written_by_server(session):
        return
    rows = _Rows(session)
    for obj in session.new:
        if isinstance(obj, Record):
            rows.add(obj, "create", [])
    for obj in session.dirty:
        if isinstance(obj, Record) and inspect(obj).modified:
            rows.add_updates([obj])
            for orphan in _orphans(obj):
                if orphan not in session.deleted:
                    rows.add(orphan, "delete", [])
    for obj in session.deleted:
        if isinstance(obj, Record):
            rows.add(obj, "delete", [])
    rows.write(session)


def record_updates(session: Session, objs: Iterable[Record]) -> None:
    """The history of records whose changed columns are written without a flush (see
    ``workbook.store.bulk``): read from the same pending changes, before they are marked written."""
    objs = list(objs)
    for obj in objs:
        _note(session, obj, "update")
    if written_by_server(session):
        return
    rows = _Rows(session)
    rows.add_updates(objs)
    rows.write(session)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    changed_at: datetime
    changed_by: str
    action: str
    subject: str | None
    field: str | None
    old_value: str | None
    new_value: str | None


def history_of(session: Session, record_id: uuid.UUID) -> list[HistoryEntry]:
    """Every change filed under one record, oldest first."""
    rows = session.execute(
        select(Change).where(Change.record_id == record_id).order_by(Change.changed_at, Change.id)
    ).scalars()
    return [
        HistoryEntry(
            r.changed_at, r.changed_by, r.action, r.subject, r.field, r.old_value, r.new_value
        )
        for r in rows
    ]
