"""Many records' changed fields written in one statement per kind of record and set of fields.

The ORM writes each change of a versioned record with its own UPDATE (it needs each row's
count to see a lost update), so an import of 100,000 edited rows sent 100,000 statements.
In a flush asked for with ``together()``, the records whose only pending changes are their
own columns are written here first: one ``executemany`` UPDATE per table and set of changed
columns, each row guarded by its version, and the total of rows written must be the number
sent (the driver counts every row of an executemany). Their history and search documents
(with those that name a renamed organisation) are written from the same pending changes; the
records are then marked as written, which takes them out of the flush, and the rest of the
flush (new, deleted and otherwise changed records) goes on as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Column, bindparam, inspect, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from workbook.domain.models import ENTITIES, Organisation, Record, utcnow
from workbook.store.history import record_updates
from workbook.store.search import index_records

_TOGETHER = "bulk_updates"

#: Fewer records than this go through the ORM: one statement each costs nothing then.
AT_LEAST = 2


@contextmanager
def together(session: Session) -> Iterator[None]:
    """Flushes in the block write plain column changes in one UPDATE per kind (see above)."""
    session.info[_TOGETHER] = True
    try:
        yield
    finally:
        session.info.pop(_TOGETHER, None)


def _plain_changes(obj: object) -> list[str] | None:
    """The changed columns of a record changed in nothing else, or None."""
    if not isinstance(obj, Record):
        return None
    state = inspect(obj)
    if not state.persistent or not state.committed_state:
        return None
    columns = state.mapper.column_attrs
    keys = list(state.committed_state)
    if any(key not in columns or key in ("id", "version") for key in keys):
        return None  # a relationship (its collections, its parent) or the identity changed
    if obj.__history_root__ is not None:
        return None  # a child's change is filed, and indexed, under its root
    return keys


def write_plain_updates(session: Session, _context: object, _instances: object) -> None:
    """before_flush hook: in ``together()``, write the records changed only in their columns."""
    if (
        not session.info.get(_TOGETHER)
        or not session.get_bind().dialect.supports_sane_multi_rowcount
    ):
        return
    plain: dict[Record, list[str]] = {}
    for obj in session.dirty:
        keys = _plain_changes(obj)
        if keys is not None and obj not in session.deleted:
            plain[obj] = keys
    if len(plain) < AT_LEAST:
        return
    record_updates(session, plain)  # read from the pending changes, before they are written
    renamed = [o.id for o, keys in plain.items() if isinstance(o, Organisation) and "name" in keys]
    index_records(session, [o for o in plain if o.__entity__ in ENTITIES], renamed=renamed)
    now = utcnow()
    groups: dict[tuple[Any, tuple[str, ...]], list[dict[str, Any]]] = {}
    for obj, keys in plain.items():
        state = inspect(obj)
        names = tuple(sorted(keys))
        params = {f"v_{key}": state.dict.get(key) for key in names}
        params.update(w_id=obj.id, w_version=obj.version, v_version=obj.version + 1, v_now=now)
        groups.setdefault((state.mapper, names), []).append(params)
    connection = session.connection()
    for (mapper, names), rows in groups.items():
        table = mapper.local_table
        columns: dict[Column[Any], Any] = {}
        for key in names:
            column = mapper.column_attrs[key].columns[0]
            columns[column] = bindparam(f"v_{key}", type_=column.type)
        columns[table.c.version] = bindparam("v_version")
        columns[table.c.updated_at] = bindparam("v_now")
        stmt = (
            update(table)
            .where(table.c.id == bindparam("w_id"), table.c.version == bindparam("w_version"))
            .values(columns)
        )
        written = connection.execute(stmt, rows).rowcount
        if written != len(rows):
            raise StaleDataError(
                f"{table.name}: {len(rows) - written} of {len(rows)} rows changed since read"
            )
    for obj in plain:
        # written: held as written (its new version and time), and out of the flush. The
        # ORM marks a row it wrote itself the same way; expiring them instead, to be read
        # again, took a tenth of an import's apply
        state = inspect(obj)
        state.dict["version"] = obj.version + 1
        state.dict["updated_at"] = now
        state._commit_all(state.dict, session.identity_map)
