"""Deleted records go to the trash first: restorable for 30 days, then purged.

A delete snapshots the record and every row its delete takes along (children through
``ON DELETE CASCADE``, links through ``SET NULL``), read from the schema's foreign keys,
so the trash needs no knowledge of any one entity. GDPR erasure bypasses the trash.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Table, delete, insert, select, update
from sqlalchemy.orm import Session

from workbook.domain import changes
from workbook.domain.errors import KnownError, NotFound
from workbook.domain.models import ENTITIES, Base, Change, Record, TrashEntry, table_of, utcnow
from workbook.store.dump import decode_row, encode, encode_row, tables
from workbook.store.history import written_by_server
from workbook.store.search import index_records

#: How long a deleted record can be restored.
KEEP_DAYS = 30


class CannotRestore(KnownError):
    code = "cannot_restore"
    template = "{caption} cannot be restored: {reason}"


@dataclass(frozen=True, slots=True)
class TrashItem:
    id: uuid.UUID
    entity: str
    record_id: uuid.UUID
    caption: str
    deleted_by: str
    deleted_at: datetime
    purge_after: datetime


def _single_key(table: Table) -> Any:
    keys = list(table.primary_key.columns)
    return keys[0] if len(keys) == 1 else None


def _take_along(
    session: Session, table: Table, ids: list[Any], rows: dict[str, list], unlinked: list
) -> None:
    """Rows of ``table`` with these ids, and everything that depends on them."""
    key = _single_key(table)
    found = session.execute(select(table).where(key.in_(ids))).all()
    rows.setdefault(table.name, []).extend(encode_row(table, r) for r in found)
    for other in tables():
        for fk in other.foreign_keys:
            if fk.column.table is not table:
                continue
            if fk.ondelete == "CASCADE":
                child_key = _single_key(other)
                if child_key is None:  # a link table: its rows are all there is
                    linked = session.execute(select(other).where(fk.parent.in_(ids))).all()
                    rows.setdefault(other.name, []).extend(encode_row(other, r) for r in linked)
                    continue
                child_ids = list(session.scalars(select(child_key).where(fk.parent.in_(ids))))
                if child_ids:
                    _take_along(session, other, child_ids, rows, unlinked)
            else:
                other_key = _single_key(other)
                pairs = session.execute(
                    select(other_key, fk.parent).where(fk.parent.in_(ids))
                ).all()
                for other_id, value in pairs:
                    unlinked.append(
                        {
                            "table": other.name,
                            "column": fk.parent.name,
                            "value": encode(value),
                            "id": encode(other_id),
                        }
                    )


def discard(session: Session, record: Record) -> TrashEntry:
    """Keep a restorable copy of ``record`` and what its delete takes along (call first)."""
    rows: dict[str, list] = {}
    unlinked: list[dict[str, Any]] = []
    session.flush()
    _take_along(session, table_of(record), [record.id], rows, unlinked)
    # Other records' links to this one are rows of a link table: taken along above.
    entry = TrashEntry(
        entity=record.__entity__,
        record_id=record.id,
        caption=record.caption(),
        deleted_by=session.info.get("member", ""),
        deleted_at=utcnow(),
        payload=json.dumps({"rows": rows, "unlinked": unlinked}, ensure_ascii=False),
    )
    session.add(entry)
    return entry


def items(session: Session) -> list[TrashItem]:
    entries = session.scalars(select(TrashEntry).order_by(TrashEntry.deleted_at.desc()))
    return [
        TrashItem(
            e.id,
            e.entity,
            e.record_id,
            e.caption,
            e.deleted_by,
            e.deleted_at,
            e.deleted_at + timedelta(days=KEEP_DAYS),
        )
        for e in entries
    ]


def _entry(session: Session, ident: uuid.UUID | str) -> TrashEntry:
    """A trash item by its id, or by a prefix of its own or its record's id."""
    if isinstance(ident, uuid.UUID):
        entry = session.get(TrashEntry, ident)
        if entry is not None:
            return entry
    text = str(ident).strip().lower()
    matches = [
        e
        for e in session.scalars(select(TrashEntry))
        if text and (str(e.id).startswith(text) or str(e.record_id).startswith(text))
    ]
    if len(matches) != 1:
        raise NotFound(entity="trash item", ident=text)
    return matches[0]


def _exists(session: Session, table: Table, ident: Any) -> bool:
    key = _single_key(table)
    return session.scalar(select(key).where(key == ident)) is not None


def restore(session: Session, ident: uuid.UUID | str) -> Record:
    """Put a deleted record back, with its children and links, as it was."""
    entry = _entry(session, ident)
    payload = json.loads(entry.payload)
    changes.note_everything(session)  # its children and links in other tables come back
    by_name = {t.name: t for t in tables()}
    restored: dict[str, set[Any]] = {}
    plan: list[tuple[Table, list[dict[str, Any]]]] = []
    for table in tables():
        rows = [decode_row(table, r) for r in payload["rows"].get(table.name, [])]
        if rows:
            plan.append((table, rows))
            key = _single_key(table)
            if key is not None:
                restored[table.name] = {r[key.name] for r in rows}
    for table, rows in plan:
        key = _single_key(table)
        for row in rows:
            if key is not None and _exists(session, table, row[key.name]):
                raise CannotRestore(caption=entry.caption, reason="it is already there")
            _check_parents(session, entry, table, row, restored)
        session.execute(insert(table), rows)
    for link in payload["unlinked"]:
        table = by_name[link["table"]]
        relinked = restored.setdefault(f"relinked:{table.name}", set())
        column = table.columns[link["column"]]
        key = _single_key(table)
        values: dict[str, Any] = {
            column.name: decode_row(table, {column.name: link["value"]})[column.name]
        }
        if "version" in table.columns:  # a form open on that row must see it changed
            values["version"] = table.c.version + 1
        ident = decode_row(table, {key.name: link["id"]})[key.name]
        session.execute(update(table).where(key == ident).where(column.is_(None)).values(values))
        relinked.add(ident)
    model = ENTITIES[entry.entity]
    record = session.get(model, entry.record_id)
    if record is None:  # pragma: no cover - the rows were just inserted
        raise CannotRestore(caption=entry.caption, reason="its rows are missing")
    if not written_by_server(session):  # else the server wrote it as the rows came back
        session.execute(
            insert(Change).values(
                entity=entry.entity,
                record_id=entry.record_id,
                action="restore",
                new_value=entry.caption,
                changed_by=session.info.get("member", ""),
                changed_at=utcnow(),
            )
        )
    index_records(session, _restored_records(session, restored))
    session.delete(entry)
    session.flush()
    return record


def _check_parents(
    session: Session,
    entry: TrashEntry,
    table: Table,
    row: dict[str, Any],
    restored: dict[str, set[Any]],
) -> None:
    """A row whose parent has gone since: unlink it if it may be, else refuse."""
    for fk in table.foreign_keys:
        value = row.get(fk.parent.name)
        target = fk.column.table
        if value is None or value in restored.get(target.name, ()):
            continue
        if _exists(session, target, value):
            continue
        if fk.parent.nullable:
            row[fk.parent.name] = None
            continue
        raise CannotRestore(
            caption=entry.caption, reason=f"a {target.name[:-1]} it belongs to was deleted"
        )


def _restored_records(session: Session, restored: dict[str, set[Any]]) -> list[Record]:
    records: list[Record] = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if not issubclass(cls, Record):
            continue
        # the records put back, and those linked to them again: their documents name them
        name = table_of(cls).name
        ids = restored.get(name, set()) | restored.get(f"relinked:{name}", set())
        if ids:
            records.extend(session.scalars(select(cls).where(cls.id.in_(ids))))
    return records


def purge(session: Session, *, now: datetime | None = None, everything: bool = False) -> int:
    """Remove trash older than KEEP_DAYS (or all of it); returns how many went."""
    stmt = delete(TrashEntry)
    if not everything:
        stmt = stmt.where(TrashEntry.deleted_at < (now or utcnow()) - timedelta(days=KEEP_DAYS))
    result = cast(CursorResult[Any], session.execute(stmt))  # a DELETE's result: its rowcount
    return result.rowcount or 0


def drop(session: Session, ident: uuid.UUID | str) -> None:
    """Delete one trash item for good."""
    session.delete(_entry(session, ident))
    session.flush()
