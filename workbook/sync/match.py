"""The records of two databases made apart, matched when a laptop joins with its own.

A member who kept the association's records in a file of their own (typed before the
association synced, or kept by a board that merged with another) joins with it. Records
with the same id are the same record already (copies of one file). The others are matched
by what names them, as an import finds duplicates (``workbook.exchange.adopt``): an
organisation by its name without case, accents, spacing or legal form; a person by e-mail,
or by name within the same organisation; a partnership by its title; a decision, meeting,
conflict or evaluation by title and day; a goal by title within its partnership. A record
matched takes the association's id (its references, history and search entries with it)
before the laptop's first change file is written, so the merge meets it as the same record:
equal fields merge, different ones are conflicts to decide, nothing arrives twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from workbook.exchange.adopt import fold, loose_name, organisation_key
from workbook.sync import files, merge
from workbook.sync.files import ChangeFile, ChangeFileRefused, Incomplete
from workbook.sync.schema import synced_tables

Row = dict[str, Any]
Key = tuple[Any, ...]


def _titled(day: str) -> Callable[[Row], list[Key]]:
    return lambda r: [("title", fold(str(r.get("title") or "")), str(r.get(day)))]


def _contact(row: Row) -> list[Key]:
    keys: list[Key] = []
    if row.get("email"):
        keys.append(("email", str(row["email"]).strip().lower()))
    keys.append(("name", loose_name(str(row.get("name") or "")), row.get("organisation_id")))
    return keys


#: What names a record of each kind, as keys compared between the two databases.
KEYS: dict[str, Callable[[Row], list[Key]]] = {
    "organisations": lambda r: [("name", organisation_key(str(r.get("name") or "")))],
    "contacts": _contact,
    "partnerships": lambda r: [("title", fold(str(r.get("title") or "")))],
    "goals": lambda r: [("title", fold(str(r.get("title") or "")), r.get("partnership_id"))],
    "decisions": _titled("decided_on"),
    "meetings": _titled("held_on"),
    "conflicts": _titled("raised_on"),
    "evaluations": _titled("held_on"),
}
#: Each laptop's own tables that name a record by its id.
_LOCAL_REFS = (("changes", "record_id"), ("search_documents", "record_id"), ("trash", "record_id"))


def association_rows(
    folder: Path, snapshot: Path | None = None, covers: dict[str, int] | None = None
) -> dict[str, dict[str, Row]]:
    """The association's records as the folder has them: the snapshot's (if it started
    from one), then what the change files after it made, renamed and deleted."""
    rows: dict[str, dict[str, Row]] = {name: {} for name in KEYS}
    if snapshot is not None:
        with closing(sqlite3.connect(snapshot)) as snap:
            snap.row_factory = sqlite3.Row
            for name in KEYS:
                for found in snap.execute(f"SELECT * FROM {name}"):
                    rows[name][str(found["id"])] = dict(found)
    covered = covers or {}
    changes: list[ChangeFile] = []
    for path in sorted((folder / "changes").glob(f"*/*{files.SUFFIX}")):
        try:
            change = files.peek(files.open_envelope(path, str(path)), str(path))
        except (Incomplete, ChangeFileRefused):
            continue  # one not whole yet, or refused at the sync: matched by the rest
        if change.seq > covered.get(change.replica, 0):
            changes.append(change)
    changes.sort(key=lambda c: (c.lamport, c.replica))
    for change in changes:
        for item in change.changes:
            if item[1] not in rows:
                continue
            table = rows[item[1]]
            if item[0] == "put":
                table.setdefault(item[2], {}).update(item[3])
            elif item[0] == "set" and item[2] in table:
                table[item[2]][item[3]] = item[4]
            elif item[0] == "delete":
                table.pop(item[2], None)
    return rows


def rekey(conn: merge.Raw, theirs: dict[str, dict[str, Row]]) -> int:
    """Give this database's records that match the association's the association's ids
    (parents first, so that a person's organisation is matched before the person); the
    caller's transaction defers its foreign keys. How many records were matched."""
    matched = 0
    for table in synced_tables():
        keys = KEYS.get(table.name)
        if keys is None:
            continue
        index: dict[Key, str] = {}
        for pk, row in theirs.get(table.name, {}).items():
            for key in keys(row):
                index.setdefault(key, pk)
        mine = conn.exec_driver_sql(f"SELECT * FROM {table.name}").mappings()
        held = {str(row["id"]) for row in mine}
        taken = held & theirs.get(table.name, {}).keys()
        for row in mine:
            if str(row["id"]) in taken:
                continue  # the same record already: a copy of one file
            match = next((index[k] for k in keys(row) if k in index), None)
            if match is None or match in taken:
                continue
            taken.add(match)
            _reid(conn, table.name, str(row["id"]), match)
            made = theirs[table.name][match].get("created_at")
            if made and "created_at" in row:  # when it was typed is no difference to decide
                conn.exec_driver_sql(
                    f"UPDATE {table.name} SET created_at = ? WHERE id = ?", (made, match)
                )
            matched += 1
    return matched


def _reid(conn: merge.Raw, name: str, old: str, new: str) -> None:
    conn.exec_driver_sql(f"UPDATE {name} SET id = ? WHERE id = ?", (new, old))
    for table in synced_tables():
        for column, target, _ in table.refs:
            if target == name:
                conn.exec_driver_sql(
                    f"UPDATE {table.name} SET {column} = ? WHERE {column} = ?", (new, old)
                )
    for local, column in _LOCAL_REFS:
        conn.exec_driver_sql(f"UPDATE {local} SET {column} = ? WHERE {column} = ?", (new, old))
