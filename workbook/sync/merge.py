"""Writing this laptop's changes into a change file, and merging another member's file
into the records, field by field.

The rules (docs/ARCHITECTURE.md, "Sync through a folder"):

- Every field's value remembers the change file it came from, its *dot* (member, number).
  A change file carries what its author had seen (its *context*). A value the author had
  seen is replaced; one it had not seen was made at the same time elsewhere: the two are a
  conflict. Both are kept (``sync_siblings``); the field shows the value of the later file
  by (Lamport time, member), the same on every laptop, until someone decides.
- Edits of different fields of one record never conflict.
- A delete the author made without having seen an edit of that record is a conflict: the
  record stays, with the edit, and the delete waits to be decided. A record another member
  still refers to (a contact of the organisation deleted elsewhere) is kept the same way.
- Sets (an organisation's strengths, a partnership's partners, a meeting's attendees): each
  element is a row; adding the same element on two laptops keeps one of the two rows (the
  one with the smaller id, everywhere).
- A decision number given on two laptops at once stays with the decision made first (by
  its file's Lamport time, then member); the other gets the number with its member's mark
  (``D-2026-014/3F2A``), recorded in its history. Numbers are never changed again.
- An erased person stays erased: once a contact's erasure arrives, its personal fields keep
  the erasure's values, and no change file, older or concurrent, brings them back.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import Connection, Table, inspect, select
from sqlalchemy.orm import MANYTOONE, Session

from workbook.domain.changes import Changes
from workbook.domain.models import ENTITIES, Base, Record, utcnow
from workbook.store.erased import PERSONAL_FIELDS
from workbook.store.history import as_text
from workbook.store.search import index_records
from workbook.sync.files import ChangeFile
from workbook.sync.schema import Synced, by_name, synced_tables

Dot = tuple[int, str, int]  # (lamport, replica, seq): ordered the same on every laptop

ERASED_NAME_FIELD = "erased_on"


class Rows:
    """What a statement of ``Raw`` returned, read as SQLAlchemy's results are."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    def __iter__(self) -> Any:
        return iter(self._cursor)

    def first(self) -> Any:
        return self._cursor.fetchone()

    def all(self) -> list[Any]:
        return list(self._cursor.fetchall())

    def one(self) -> Any:
        row = self._cursor.fetchone()
        assert row is not None
        return row

    def scalar(self) -> Any:
        row = self._cursor.fetchone()
        return row[0] if row is not None else None

    def mappings(self) -> list[dict[str, Any]]:
        names = [d[0] for d in self._cursor.description]
        return [dict(zip(names, row, strict=True)) for row in self._cursor.fetchall()]


class Raw:
    """The unit of work's own sqlite3 connection, in its transaction: a merge runs tens of
    thousands of small statements, and SQLAlchemy's result machinery costs five times the
    statement itself (75 of 92 µs a statement, measured on a 10,000-change file)."""

    def __init__(self, connection: Connection) -> None:
        dbapi = connection.connection.driver_connection
        assert dbapi is not None
        self._dbapi: Any = dbapi

    def exec_driver_sql(self, sql: str, params: Any = ()) -> Rows:
        if isinstance(params, list):
            self._dbapi.executemany(sql, params)
            return Rows(iter(()))
        return Rows(self._dbapi.execute(sql, params))


Sql = Connection | Raw


def versioned(table: str) -> bool:
    found = Base.metadata.tables.get(table)
    return found is not None and "version" in found.c


def _entity_tables() -> dict[str, type[Record]]:
    return {model.__tablename__: model for model in ENTITIES.values()}


def _where(table: Synced) -> str:
    return " AND ".join(f"{k} = ?" for k in table.key)


def _row(conn: Sql, table: Synced, pk: str) -> dict[str, Any] | None:
    columns = ", ".join(table.columns)
    found = conn.exec_driver_sql(
        f"SELECT {columns} FROM {table.name} WHERE {_where(table)}",
        tuple(table.key_values(pk)),
    ).first()
    return dict(zip(table.columns, found, strict=True)) if found is not None else None


def _to_file(table: Synced, row: dict[str, Any]) -> dict[str, Any]:
    return {
        c: (v.hex() if isinstance(v, bytes | memoryview) else v)
        for c, v in row.items()
        if c in table.columns
    }


def _from_file(table: Synced, column: str, value: Any) -> Any:
    if column in table.blobs and isinstance(value, str):
        return bytes.fromhex(value)
    return value


def _clock(conn: Sql, tbl: str, pk: str, col: str) -> Dot | None:
    found = conn.exec_driver_sql(
        "SELECT lamport, replica, seq FROM sync_clock WHERE tbl = ? AND pk = ? AND col = ?",
        (tbl, pk, col),
    ).first()
    return (found[0], found[1], found[2]) if found else None


def _set_clock(conn: Sql, tbl: str, pk: str, col: str, dot: Dot) -> None:
    conn.exec_driver_sql(
        "INSERT INTO sync_clock (tbl, pk, col, replica, seq, lamport) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET replica = excluded.replica, seq = excluded.seq, "
        "lamport = excluded.lamport",
        (tbl, pk, col, dot[1], dot[2], dot[0]),
    )


def _tombstone_of(conn: Sql, tbl: str, pk: str) -> dict[str, Any] | None:
    found = conn.exec_driver_sql(
        "SELECT row FROM sync_tombstones WHERE tbl = ? AND pk = ?", (tbl, pk)
    ).scalar()
    return json.loads(found) if found else None


def _field_dot(conn: Sql, tbl: str, pk: str, col: str) -> Dot | None:
    return _clock(conn, tbl, pk, col) or _clock(conn, tbl, pk, "*")


# -- writing this laptop's changes -------------------------------------------------------


def collect(conn: Sql, dot: Dot) -> list[list[Any]]:
    """This laptop's changes since its last change file, as the file's changes; each field
    written gets the new file's dot, and the conflicts it settles are closed."""
    marks: dict[tuple[str, str], set[str]] = {}
    for tbl, pk, col in conn.exec_driver_sql("SELECT tbl, pk, col FROM sync_dirty").all():
        marks.setdefault((tbl, pk), set()).add(col)
    tables = by_name()
    changes: list[list[Any]] = []
    for (tbl, pk), cols in sorted(marks.items()):
        table = tables.get(tbl)
        if table is None:
            continue
        row = _row(conn, table, pk)
        if row is None:
            # the fields edited before the delete travel first: a laptop that keeps the
            # record (edited or referred to there meanwhile) keeps it as it was deleted
            kept = None if cols & {"*"} else _tombstone_of(conn, tbl, pk)
            for col in sorted(cols & set(table.columns) - set(table.key)) if kept else ():
                assert kept is not None
                changes.append(["set", tbl, pk, col, kept[col]])
                _set_clock(conn, tbl, pk, col, dot)
            changes.append(["delete", tbl, pk])
            _set_clock(conn, tbl, pk, "#", dot)
        elif cols & {"*", "-"}:
            changes.append(["put", tbl, pk, _to_file(table, row)])
            conn.exec_driver_sql("DELETE FROM sync_clock WHERE tbl = ? AND pk = ?", (tbl, pk))
            _set_clock(conn, tbl, pk, "*", dot)
        else:
            for col in sorted(cols):
                if col in table.columns:
                    changes.append(["set", tbl, pk, col, _to_file(table, {col: row[col]})[col]])
                    _set_clock(conn, tbl, pk, col, dot)
            cols = cols & set(table.columns)
        if row is None or cols & {"*", "-"}:
            conn.exec_driver_sql("DELETE FROM sync_siblings WHERE tbl = ? AND pk = ?", (tbl, pk))
        else:
            for col in cols:
                conn.exec_driver_sql(
                    "DELETE FROM sync_siblings WHERE tbl = ? AND pk = ? AND col = ?",
                    (tbl, pk, col),
                )
    conn.exec_driver_sql("DELETE FROM sync_dirty")
    return changes


def everything(conn: Sql, dot: Dot) -> list[list[Any]]:
    """Every record of the database, for the first change file of a folder's founder (or of
    a member joining with records of its own); each row gets the file's dot."""
    changes: list[list[Any]] = []
    for table in synced_tables():
        columns = ", ".join(table.columns)
        where = " WHERE key NOT LIKE 'after_upgrade:%'" if table.name == "settings" else ""
        marks = []
        for found in conn.exec_driver_sql(f"SELECT {columns} FROM {table.name}{where}").all():
            row = dict(zip(table.columns, found, strict=True))
            pk = "|".join(str(row[k]) for k in table.key)
            changes.append(["put", table.name, pk, _to_file(table, row)])
            marks.append((table.name, pk, "*", dot[1], dot[2], dot[0]))
        conn.exec_driver_sql(
            "INSERT INTO sync_clock (tbl, pk, col, replica, seq, lamport) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET replica = excluded.replica, "
            "seq = excluded.seq, lamport = excluded.lamport",
            marks,
        )
    return changes


# -- merging another member's file -------------------------------------------------------


@dataclass
class Outcome:
    """What one file changed here: for the history, the search index and the report."""

    author: str
    events: list[tuple[str, str, str, str | None, Any, Any]] = field(default_factory=list)
    conflicts: int = 0
    renumbered: list[tuple[str, str]] = field(default_factory=list)
    touched: dict[str, set[str]] = field(default_factory=dict)
    erased: set[str] = field(default_factory=set)
    gone: dict[str, set[str]] = field(default_factory=dict)

    def touch(self, tbl: str, pk: str) -> None:
        self.touched.setdefault(tbl, set()).add(pk)


class Merger:
    """Applies one change file inside the caller's transaction."""

    def __init__(self, conn: Sql, change: ChangeFile, author: str, *, mine: bool = False) -> None:
        self.conn = conn
        self.file = change
        self.dot: Dot = (change.lamport, change.replica, change.seq)
        self.out = Outcome(author)
        self.tables = by_name()
        #: rows made or pointed elsewhere by this file: their references are checked
        self._linked: set[tuple[str, str]] = set()
        #: rows this file deletes after its edits
        self._deleting: set[tuple[str, str]] = set()
        #: fields changed here and not yet in a change file (only after a backup was put
        #: back: a sync otherwise sends them before it merges): they are newer than any file
        self._unsent = {
            (r[0], r[1], r[2])
            for r in conn.exec_driver_sql("SELECT tbl, pk, col FROM sync_dirty").all()
        }
        #: this laptop's own file, coming back after a backup was put back
        self.mine = mine

    # the rules' questions
    def covered(self, dot: Dot | None) -> bool:
        return dot is None or self.file.covers(dot[1], dot[2])

    def _drop_seen_siblings(self, tbl: str, pk: str, col: str | None = None) -> None:
        query = "SELECT replica, seq FROM sync_siblings WHERE tbl = ? AND pk = ?"
        params: tuple[Any, ...] = (tbl, pk)
        if col is not None:
            query += " AND col = ?"
            params += (col,)
        for replica, seq in self.conn.exec_driver_sql(query, params).all():
            if self.file.covers(replica, seq):
                self.conn.exec_driver_sql(
                    query.replace("SELECT replica, seq", "DELETE") + " AND replica = ? AND seq = ?",
                    (*params, replica, seq),
                )

    def _sibling(self, tbl: str, pk: str, col: str, dot: Dot, value: Any) -> None:
        self.conn.exec_driver_sql(
            "INSERT INTO sync_siblings (tbl, pk, col, replica, seq, lamport, value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (tbl, pk, col, dot[1], dot[2], dot[0], json.dumps(value)),
        )
        self.out.conflicts += 1

    # writes
    def _update(self, table: Synced, pk: str, values: dict[str, Any]) -> None:
        sets = ", ".join(f"{c} = ?" for c in values)
        params = [_from_file(table, c, v) for c, v in values.items()]
        if versioned(table.name):
            sets += ", version = version + 1, updated_at = ?"
            params.append(utcnow().isoformat(sep=" "))
        self.conn.exec_driver_sql(
            f"UPDATE {table.name} SET {sets} WHERE {_where(table)}",
            (*params, *table.key_values(pk)),
        )

    def _insert(self, table: Synced, values: dict[str, Any]) -> None:
        row = {c: _from_file(table, c, values.get(c)) for c in table.columns if c in values}
        if table.refs:
            self._linked.add((table.name, "|".join(str(values.get(k)) for k in table.key)))
        if table.local_id:  # an element of a set: named by what it holds, its id is local
            row["id"] = uuid.uuid4().hex
        if versioned(table.name):
            row["version"] = 1
            row["updated_at"] = values.get("created_at") or utcnow().isoformat(sep=" ")
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self.conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({names}) VALUES ({marks})", tuple(row.values())
        )

    def _restore(self, table: Synced, pk: str, made: dict[str, Any] | None = None) -> bool:
        """Bring a deleted row back as it was (or as ``made`` elsewhere, when it was deleted
        here before it arrived), its delete now a conflict to decide."""
        if _row(self.conn, table, pk) is not None:
            return True  # brought back already, for another row referring to it
        row = _tombstone_of(self.conn, table.name, pk) or made
        if row is None:
            return False
        deleted = _clock(self.conn, table.name, pk, "#")
        self._insert(table, row)
        if deleted is not None:
            self._sibling(table.name, pk, "#", deleted, None)
            self.conn.exec_driver_sql(
                "DELETE FROM sync_clock WHERE tbl = ? AND pk = ? AND col = '#'", (table.name, pk)
            )
        self.out.events.append((table.name, pk, "create", None, None, None))
        self.out.touch(table.name, pk)
        return True

    # the four kinds of change
    def apply(self, changes: Iterable[list[Any]]) -> Outcome:
        order = {t.name: i for i, t in enumerate(synced_tables())}
        writes = [c for c in changes if c[0] in ("put", "set") and c[1] in order]
        deletes = [c for c in changes if c[0] == "delete" and c[1] in order]
        writes.sort(key=lambda c: order[c[1]])
        deletes.sort(key=lambda c: -order[c[1]])
        self._deleting = {(c[1], c[2]) for c in deletes}
        erasing = {c[2] for c in writes if self._erases(c)}
        self.out.erased = erasing
        if self._unsent and self.mine:
            self._already_sent(changes)
        for pk in sorted(erasing):
            self._erase(pk, writes)
        for change in writes:
            table = self.tables[change[1]]
            pk = change[2]
            if change[0] == "put":
                self.put(table, pk, change[3], erasing)
            else:
                self.set(table, pk, change[3], change[4], erasing)
        for change in deletes:
            self.delete(self.tables[change[1]], change[2])
        self._keep_referenced()
        return self.out

    def _already_sent(self, changes: Iterable[list[Any]]) -> None:
        """What this laptop's own file carries is no longer unsent here: a change the
        backup still held as unsent, the same in the file (what differs was changed again
        after the backup was put back, and goes out later)."""
        marks = {"delete": "-", "put": "*"}
        for change in changes:
            kind, tbl, pk = change[0], change[1], change[2]
            table = self.tables.get(tbl)
            mark = change[3] if kind == "set" else marks.get(kind)
            if table is None or (tbl, pk, mark) not in self._unsent:
                continue  # the row is read only for what is still unsent here
            row = _row(self.conn, table, pk)
            if kind == "delete":
                if row is None:
                    self._sent(tbl, pk)
            elif row is None:
                continue
            elif kind == "set":
                if _to_file(table, {change[3]: row.get(change[3])})[change[3]] == change[4]:
                    self._sent(tbl, pk, change[3])
            else:
                held = _to_file(table, row)
                if all(held.get(c) == v for c, v in change[3].items() if c in held):
                    self._sent(tbl, pk)

    def _sent(self, tbl: str, pk: str, col: str | None = None) -> None:
        where, params = "tbl = ? AND pk = ?", [tbl, pk]
        if col is not None:
            where, params = where + " AND col = ?", [tbl, pk, col]
        self.conn.exec_driver_sql(f"DELETE FROM sync_dirty WHERE {where}", tuple(params))
        self._unsent = {
            u for u in self._unsent if u[:2] != (tbl, pk) or (col is not None and u[2] != col)
        }

    def _erases(self, change: list[Any]) -> bool:
        if change[1] != "contacts":
            return False
        if change[0] == "put":
            return bool(change[3].get(ERASED_NAME_FIELD))
        return bool(change[3] == ERASED_NAME_FIELD and change[4])

    def _erase(self, pk: str, writes: list[list[Any]]) -> None:
        """A person erased elsewhere: every personal field at once to the erasure's values
        (an erased contact refuses any later change of them), their conflicts closed."""
        table = self.tables["contacts"]
        row = _row(self.conn, table, pk)
        if row is None or row[ERASED_NAME_FIELD] is not None:
            return
        values: dict[str, Any] = dict.fromkeys(PERSONAL_FIELDS)
        for change in writes:
            if change[1] != "contacts" or change[2] != pk:
                continue
            if change[0] == "put":
                values.update({c: change[3].get(c) for c in PERSONAL_FIELDS})
            elif change[3] in PERSONAL_FIELDS:
                values[change[3]] = change[4]
        self._update(table, pk, values)
        for col in PERSONAL_FIELDS:
            _set_clock(self.conn, "contacts", pk, col, self.dot)
        self.conn.exec_driver_sql(
            "DELETE FROM sync_siblings WHERE tbl = 'contacts' AND pk = ?", (pk,)
        )
        self.out.touch("contacts", pk)

    def put(self, table: Synced, pk: str, values: dict[str, Any], erasing: set[str]) -> None:
        row = _row(self.conn, table, pk)
        if row is None:
            deleted = _clock(self.conn, table.name, pk, "#")
            if deleted is not None and not self.covered(deleted):
                # made again (from the trash) while deleted elsewhere: keep it, say so
                if not self._restore(table, pk, values):
                    return
            elif deleted is not None and _tombstone_of(self.conn, table.name, pk) is None:
                return  # erased or merged away for good
            else:
                values = self._unique(table, pk, values)
                self._insert(table, values)
                self.conn.exec_driver_sql(
                    "DELETE FROM sync_clock WHERE tbl = ? AND pk = ?", (table.name, pk)
                )
                _set_clock(self.conn, table.name, pk, "*", self.dot)
                self.out.events.append((table.name, pk, "create", None, None, None))
                self.out.touch(table.name, pk)
                return
        # made here and elsewhere at once (the same element of a set, a record brought back
        # from the trash): its maker's mark stays, so that a delete not seeing it is a conflict
        _set_clock(self.conn, table.name, pk, f"+{self.file.replica}", self.dot)
        for col in table.columns:
            if col not in table.key and col in values:
                self.set(table, pk, col, values[col], erasing)

    def set(self, table: Synced, pk: str, col: str, value: Any, erasing: set[str]) -> None:
        if col not in table.columns or col in table.key:
            return
        if self._unsent and (table.name, pk, col) in self._unsent:
            return  # changed here since: the file that takes it out will have seen this one
        row = _row(self.conn, table, pk)
        if row is None and self.mine and (table.name, pk, "-") in self._unsent:
            # deleted here after a backup was put back, not having seen this value of its
            # own: the record comes back with it, and that delete does not go out
            if self._restore(table, pk):
                self._sent(table.name, pk)
            row = _row(self.conn, table, pk)
        if row is None:
            deleted = _clock(self.conn, table.name, pk, "#")
            if deleted is None or self.covered(deleted) or not self._restore(table, pk):
                return  # a row this laptop never had, or one its author saw deleted
            row = _row(self.conn, table, pk)
            assert row is not None
        erased = row.get(ERASED_NAME_FIELD) is not None or pk in erasing
        if table.name == "contacts" and col in PERSONAL_FIELDS and erased:
            return  # an erased person's data never comes back
        self._drop_seen_siblings(table.name, pk, col)
        current = _field_dot(self.conn, table.name, pk, col)
        stored = _to_file(table, {col: row[col]})[col]
        if self.covered(current):
            if stored != value:
                self._write(table, pk, row, col, value)
            _set_clock(self.conn, table.name, pk, col, self.dot)
            return
        # made at the same time as the value here: a conflict, the later file shows
        assert current is not None
        if stored == value:  # the same value made twice: nothing to decide, but the
            # lesser of the two marks stays, so that a delete which saw only one of them is
            # still a conflict, the same on every laptop
            later, earlier = max(self.dot, current), min(self.dot, current)
            _set_clock(self.conn, table.name, pk, col, later)
            _set_clock(self.conn, table.name, pk, f"+{col}:{earlier[1]}", earlier)
            return
        # a value its own member deleted afterwards is settled by that delete, no conflict:
        # the other value stays (both settled: the later), however the files arrived
        settled_here = self._settled(table.name, pk, current)
        if settled_here or (table.name, pk) in self._deleting:
            if (table.name, pk) in self._deleting and (not settled_here or current > self.dot):
                return
            if stored != value:
                self._write(table, pk, row, col, value)
            _set_clock(self.conn, table.name, pk, col, self.dot)
            return
        if self.dot > current:
            self._sibling(table.name, pk, col, current, stored)
            if stored != value:
                self._write(table, pk, row, col, value)
            _set_clock(self.conn, table.name, pk, col, self.dot)
        else:
            self._sibling(table.name, pk, col, self.dot, value)

    def _settled(self, tbl: str, pk: str, dot: Dot) -> bool:
        """Whether the member who made ``dot`` deleted the record afterwards (that delete
        waiting here as a conflict)."""
        return bool(
            self.conn.exec_driver_sql(
                "SELECT 1 FROM sync_siblings WHERE tbl = ? AND pk = ? AND col = '#' "
                "AND replica = ? AND seq >= ? LIMIT 1",
                (tbl, pk, dot[1], dot[2]),
            ).first()
        )

    def _write(self, table: Synced, pk: str, row: dict[str, Any], col: str, value: Any) -> None:
        values = self._unique(table, pk, {**_to_file(table, row), col: value}, changed=col)
        value = values[col]
        if any(ref[0] == col for ref in table.refs):
            self._linked.add((table.name, pk))
        self._update(table, pk, {col: value})
        self.out.events.append((table.name, pk, "update", col, row[col], value))
        self.out.touch(table.name, pk)

    def delete(self, table: Synced, pk: str) -> None:
        row = _row(self.conn, table, pk)
        if row is None:  # deleted here too: the deletes agree (kept alike everywhere)
            self._drop_seen_siblings(table.name, pk, "#")
            current = _clock(self.conn, table.name, pk, "#")
            if current is not None and not self.covered(current):
                if self.dot < current:
                    self._sibling(table.name, pk, "#", self.dot, None)
                    return
                self._sibling(table.name, pk, "#", current, None)
            _set_clock(self.conn, table.name, pk, "#", self.dot)
            return
        dots = list(
            self.conn.exec_driver_sql(
                "SELECT lamport, replica, seq FROM sync_clock WHERE tbl = ? AND pk = ?",
                (table.name, pk),
            ).all()
        )
        dots += self.conn.exec_driver_sql(
            "SELECT lamport, replica, seq FROM sync_siblings "
            "WHERE tbl = ? AND pk = ? AND col != '#'",
            (table.name, pk),
        ).all()
        # a value its own member deleted afterwards (an edit, then the delete, on one laptop)
        # is settled by that delete, however the two reached this laptop
        deleted = self.conn.exec_driver_sql(
            "SELECT replica, seq FROM sync_siblings WHERE tbl = ? AND pk = ? AND col = '#'",
            (table.name, pk),
        ).all()
        unseen = [
            d
            for d in dots
            if not self.covered((d[0], d[1], d[2]))
            and not any(r == d[1] and q >= d[2] for r, q in deleted)
        ]
        if unseen or self._referenced(table, pk):
            self._sibling(table.name, pk, "#", self.dot, None)
            self._settle_own(table, pk, row)
            return
        self.conn.exec_driver_sql(
            "INSERT INTO sync_tombstones (tbl, pk, row) VALUES (?, ?, ?) "
            "ON CONFLICT DO UPDATE SET row = excluded.row",
            (table.name, pk, json.dumps(_to_file(table, row))),
        )
        self.conn.exec_driver_sql(
            f"DELETE FROM {table.name} WHERE {_where(table)}", tuple(table.key_values(pk))
        )
        # the fields' marks stay: brought back by an edit made meanwhile elsewhere, the row
        # still knows which of its values that edit had seen
        self._drop_seen_siblings(table.name, pk)
        _set_clock(self.conn, table.name, pk, "#", self.dot)
        self.out.events.append((table.name, pk, "delete", None, None, None))
        self.out.gone.setdefault(table.name, set()).add(pk)
        self.out.touched.get(table.name, set()).discard(pk)
        for ref_table, ref_pk in _parents_of(table, row):
            self.out.touch(ref_table, ref_pk)

    def _settle_own(self, table: Synced, pk: str, row: dict[str, Any]) -> None:
        """The record its deleter could not delete keeps none of the deleter's own values as
        a conflict: they are settled by the delete. A field showing one of them shows the
        latest other value instead; one of them waiting as another's rival goes."""
        replica, seq = self.dot[1], self.dot[2]
        self.conn.exec_driver_sql(
            "DELETE FROM sync_siblings WHERE tbl = ? AND pk = ? AND col != '#' "
            "AND replica = ? AND seq <= ?",
            (table.name, pk, replica, seq),
        )
        shown = self.conn.exec_driver_sql(
            "SELECT col FROM sync_clock WHERE tbl = ? AND pk = ? AND replica = ? AND seq <= ? "
            "AND col NOT IN ('*', '#') AND col NOT LIKE '+%'",
            (table.name, pk, replica, seq),
        ).all()
        for (col,) in shown:
            best = self.conn.exec_driver_sql(
                "SELECT lamport, replica, seq, value FROM sync_siblings WHERE tbl = ? AND pk = ? "
                "AND col = ? ORDER BY lamport DESC, replica DESC, seq DESC LIMIT 1",
                (table.name, pk, col),
            ).first()
            if best is None or col not in table.columns:
                continue
            value = json.loads(best[3])
            if _to_file(table, {col: row[col]})[col] != value:
                self._write(table, pk, row, col, value)
            _set_clock(self.conn, table.name, pk, col, (best[0], best[1], best[2]))
            self.conn.exec_driver_sql(
                "DELETE FROM sync_siblings WHERE tbl = ? AND pk = ? AND col = ? AND replica = ? "
                "AND seq = ?",
                (table.name, pk, col, best[1], best[2]),
            )

    # references
    def _referrers(self, table: Synced) -> list[tuple[Synced, str]]:
        return [
            (other, column)
            for other in synced_tables()
            for column, target, _ in other.refs
            if target == table.name
        ]

    def _referenced(self, table: Synced, pk: str) -> bool:
        if len(table.key) != 1:
            return False
        for other, column in self._referrers(table):
            if self.conn.exec_driver_sql(
                f"SELECT 1 FROM {other.name} WHERE {column} = ? LIMIT 1", (pk,)
            ).first():
                return True
        return False

    def _keep_referenced(self) -> None:
        """A record referred to by a change from elsewhere, deleted here meanwhile, comes
        back: the delete becomes a conflict (the same outcome as on the laptop that made the
        reference and then received the delete). Only the rows this file made or pointed
        elsewhere can refer to a missing record: those are looked at, not whole tables."""
        while self._linked:
            tbl, pk = self._linked.pop()
            table = self.tables[tbl]
            row = _row(self.conn, table, pk)
            if row is None:
                continue
            for column, target, _ in table.refs:
                value = row.get(column)
                if value is None or target not in self.tables:
                    continue
                parent = self.tables[target]
                if _row(self.conn, parent, str(value)) is not None:
                    continue
                if not self._restore(parent, str(value)):
                    raise RuntimeError(
                        f"a {tbl} row refers to a {target} row this database never had"
                    )

    # uniqueness
    def _unique(
        self, table: Synced, pk: str, values: dict[str, Any], changed: str | None = None
    ) -> dict[str, Any]:
        """The values to write, after the rules for a value another row already holds;
        (a decision number given twice keeps the first; an agreement's version number
        given twice moves the later to the next free number)."""
        for columns in table.unique:
            if changed is not None and changed not in columns:
                continue
            if any(values.get(c) is None for c in columns):
                continue
            where = " AND ".join(f"{c} = ?" for c in columns)
            other = self.conn.exec_driver_sql(
                f"SELECT {table.key_sql} FROM {table.name} WHERE {where} AND NOT ({_where(table)})",
                (*(values[c] for c in columns), *table.key_values(pk)),
            ).scalar()
            if other is None:
                continue
            other = str(other)
            if table.name == "decisions" and columns == ("number",):
                values = self._renumber(table, pk, other, values)
            elif table.name == "agreement_versions":
                top = self.conn.exec_driver_sql(
                    "SELECT max(number) FROM agreement_versions WHERE partnership_id = ?",
                    (values["partnership_id"],),
                ).scalar()
                values = {**values, "number": int(top or 0) + 1}
        return values

    def _made(self, tbl: str, pk: str) -> Dot:
        return _clock(self.conn, tbl, pk, "*") or (0, "", 0)

    def _renumber(
        self, table: Synced, pk: str, other: str, values: dict[str, Any]
    ) -> dict[str, Any]:
        number = str(values["number"])
        mine = self.dot if _row(self.conn, table, pk) is None else self._made(table.name, pk)
        theirs = self._made(table.name, other)
        if mine > theirs:  # the incoming decision was made later: it takes the mark
            marked = f"{number}/{mine[1][:4].upper()}"
            self.out.renumbered.append((pk, marked))
            self.out.events.append((table.name, pk, "update", "number", number, marked))
            return {**values, "number": marked}
        marked = f"{number}/{theirs[1][:4].upper()}"
        self.conn.exec_driver_sql("UPDATE decisions SET number = ? WHERE id = ?", (marked, other))
        self.out.renumbered.append((other, marked))
        self.out.events.append((table.name, other, "update", "number", number, marked))
        return values


def after_merge(session: Session, outcome: Outcome) -> None:
    """The change history, the search index and the decision counters after a merge."""
    conn = session.connection()
    entities = _entity_tables()
    children = _child_tables()
    links = _link_tables()
    rows = []
    when = utcnow().isoformat(sep=" ")
    for pk in outcome.erased:  # the person's own history goes, as in an erasure here
        conn.exec_driver_sql("DELETE FROM changes WHERE record_id = ?", (pk,))
    for tbl, pk, action, col, old, new in outcome.events:
        blob = col in by_name()[tbl].blobs
        old, new = (None, None) if blob else (as_text(old), as_text(new))
        model = entities.get(tbl)
        if model is not None:
            filed: tuple[str, str, str | None] = (model.__entity__, pk, None)
        elif tbl in children:  # a strength, a partner, a step: under its record, as here
            child = _child_event(session, children[tbl], by_name()[tbl], pk, action)
            if child is None:
                continue
            filed, caption = child[:3], child[3]
            if action != "update":
                old, new = (caption, None) if action == "delete" else (None, caption)
        elif tbl in links:  # an attendee, a decision settling a conflict: a field of its record
            link = _link_event(session, links[tbl], by_name()[tbl], pk, action)
            if link is None:
                continue
            filed, col = (link[0], link[1], None), link[2]
            old, new = (link[3], None) if action == "delete" else (None, link[3])
        else:
            continue
        if filed[1] in outcome.erased:
            continue
        rows.append((*filed, action, col, old, new, outcome.author, when))
    if rows:
        conn.exec_driver_sql(
            "INSERT INTO changes (entity, record_id, subject, action, field, old_value, "
            "new_value, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    _reindex(session, outcome)
    _count_numbers(conn)


def _child_tables() -> dict[str, type[Record]]:
    """The records kept under another one's history (``__history_root__``), by table."""
    return {
        mapper.class_.__tablename__: mapper.class_
        for mapper in Base.registry.mappers
        if getattr(mapper.class_, "__history_root__", None)
    }


def _child_event(
    session: Session, model: type[Record], table: Synced, pk: str, action: str
) -> tuple[str, str, str, str | None] | None:
    """Where a child row's change is filed (its record's entity and id, its own kind) and
    its caption; a deleted row is read from its tombstone."""
    conn = session.connection()
    row = _tombstone_of(conn, table.name, pk) if action == "delete" else _row(conn, table, pk)
    root = model.__history_root__
    if row is None or root is None or not row.get(f"{root}_id"):
        return None
    mapper = inspect(model)
    values: dict[str, Any] = dict(row)
    for rel in mapper.relationships:  # what a caption names: the records it refers to
        if rel.direction is MANYTOONE:
            local = next(iter(rel.local_columns)).name
            if values.get(local):
                values[rel.key] = session.get(rel.mapper.class_, uuid.UUID(str(values[local])))
    try:
        caption: str | None = model.caption(SimpleNamespace(**values))  # type: ignore[arg-type]
    except (AttributeError, TypeError, ValueError):
        caption = None
    entity = mapper.relationships[root].mapper.class_.__entity__
    return entity, uuid.UUID(str(row[f"{root}_id"])).hex, model.__entity__, caption


def _link_tables() -> dict[str, Any]:
    """The tables that link two records (a meeting's attendees), by table: the relationship
    through them, which the history names as a field of its record."""
    return {
        cast(Table, rel.secondary).name: rel
        for mapper in Base.registry.mappers
        for rel in mapper.relationships
        if rel.secondary is not None
    }


def _link_event(
    session: Session, rel: Any, table: Synced, pk: str, action: str
) -> tuple[str, str, str, str | None] | None:
    """A link made or undone as the history files it: the record's entity and id, the
    field (the relationship) and the caption of the record linked."""
    conn = session.connection()
    row = _tombstone_of(conn, table.name, pk) if action == "delete" else _row(conn, table, pk)
    if row is None:
        return None
    own = rel.synchronize_pairs[0][1].name
    other = rel.secondary_synchronize_pairs[0][1].name
    if not row.get(own) or not row.get(other):
        return None
    linked = session.get(rel.mapper.class_, uuid.UUID(str(row[other])))
    caption = linked.caption() if linked is not None else None
    entity = rel.parent.class_.__entity__
    return entity, uuid.UUID(str(row[own])).hex, rel.key, caption


def _reindex(session: Session, outcome: Outcome) -> None:
    entities = _entity_tables()
    tables = by_name()
    roots: dict[str, set[str]] = {}
    for tbl, pks in outcome.touched.items():
        if tbl in entities:
            roots.setdefault(tbl, set()).update(pks)
            continue
        table = tables[tbl]
        for pk in pks:
            row = _row(session.connection(), table, pk)
            if row is None:
                continue
            for target, ref in _parents_of(table, row):
                if target in entities:
                    roots.setdefault(target, set()).add(ref)
    gone = {pk for tbl, pks in outcome.gone.items() if tbl in entities for pk in pks}
    for pk in gone:
        session.connection().exec_driver_sql(
            "DELETE FROM search_documents WHERE record_id = ?", (pk,)
        )
    records: list[Record] = []
    renamed: list[uuid.UUID] = []
    for tbl, pks in roots.items():
        model = entities[tbl]
        wanted = sorted(uuid.UUID(pk) for pk in pks - gone)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found = list(session.scalars(select(model).where(model.id.in_(chunk))))
            records += found
            if tbl == "organisations":
                renamed += [record.id for record in found]
    if records:
        index_records(session, records, renamed=renamed)


def _parents_of(table: Synced, row: dict[str, Any]) -> list[tuple[str, str]]:
    return [(target, str(row[col])) for col, target, _ in table.refs if row.get(col)]


def _count_numbers(conn: Connection) -> None:
    """The decision counters stay past every number a change file brought (a decision
    made here next must not take a number made elsewhere)."""
    conn.exec_driver_sql(
        "INSERT INTO number_counters (series, last) "
        "SELECT substr(number, 1, 6), max(CAST(substr(number, 8) AS INTEGER)) "
        "FROM decisions WHERE number GLOB 'D-[0-9][0-9][0-9][0-9]-[0-9]*' GROUP BY 1 "
        "ON CONFLICT (series) DO UPDATE SET last = max(last, excluded.last)"
    )


@dataclass(frozen=True)
class Conflict:
    """One field (or a record's delete, ``column`` "#") changed on two laptops at once."""

    table: str
    key: str
    column: str
    #: the values that lost, each with the member's replica and the file: (replica, seq, value)
    others: tuple[tuple[str, int, Any], ...]


def open_conflicts(conn: Sql) -> list[Conflict]:
    """The conflicts to decide: those of records this database has (two deletes of one
    record agree, and a record merged into another has nothing left to decide)."""
    found: dict[tuple[str, str, str], list[tuple[str, int, Any]]] = {}
    for tbl, pk, col, replica, seq, value in conn.exec_driver_sql(
        "SELECT tbl, pk, col, replica, seq, value FROM sync_siblings ORDER BY tbl, pk, col, "
        "lamport, replica"
    ):
        found.setdefault((tbl, pk, col), []).append((replica, seq, json.loads(value)))
    tables = by_name()
    return [
        Conflict(tbl, pk, col, tuple(others))
        for (tbl, pk, col), others in found.items()
        if tbl in tables and _row(conn, tables[tbl], pk) is not None
    ]


def changed(outcome: Outcome) -> Changes:
    """What a merge changed, as the views' change reports say it (``workbook.domain.changes``):
    a child row (a strength, a partner, an attendee) under the kind of the records it names."""
    entities = _entity_tables()
    tables = by_name()
    kinds: set[str] = set()
    ids: set[uuid.UUID] = set()
    relations = False
    for tbl, pks in (*outcome.touched.items(), *outcome.gone.items()):
        if tbl in entities:
            kinds.add(entities[tbl].__entity__)
            ids.update(uuid.UUID(pk) for pk in pks)
        elif tbl in tables:
            relations = True
            kinds.update(entities[t].__entity__ for _, t, _ in tables[tbl].refs if t in entities)
    counts = bool(outcome.gone) or any(e[2] in ("create", "delete") for e in outcome.events)
    everything = "settings" in outcome.touched
    return Changes(frozenset(kinds), frozenset(ids), counts, relations, everything)
