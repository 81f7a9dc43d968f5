"""Moving a workbook between a file and a server, with every row accounted for.

``copy_database`` copies every table, parents first, keeping ids, timestamps, version
counters and the change history, into a target that holds no records yet; then it compares
each table's row count and a checksum of its rows on both sides before saying it is done.
It works in both directions (a laptop's file to the shared server, the server to a file for
a laptop that goes offline).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Connection, Table, func, select, text

from workbook.domain.errors import KnownError
from workbook.domain.progress import Progress
from workbook.opening import open_database
from workbook.store.db import Database
from workbook.store.dump import dump_table, load_table, tables
from workbook.store.server import init_server

#: Rebuilt by the target itself (its own search index) or owned by the migrations.
SKIPPED = frozenset({"alembic_version"})
BATCH = 2000


class TransferFailed(KnownError):
    code = "transfer_failed"
    template = "{reason}"


@dataclass(frozen=True, slots=True)
class TableCheck:
    table: str
    rows: int
    checksum: str


def _checksum(conn: Connection, table: Table) -> TableCheck:
    digest = hashlib.sha256()
    rows = dump_table(conn, table)
    if table.name == "search_documents":  # numbered by each database's own sequence
        rows = iter(sorted(({**r, "id": None} for r in rows), key=lambda r: r["record_id"]))
    count = 0
    for row in rows:
        digest.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        count += 1
    return TableCheck(table.name, count, digest.hexdigest())


def checks(db: Database) -> list[TableCheck]:
    with db.engine.connect() as conn:
        found = [_checksum(conn, t) for t in tables() if t.name not in SKIPPED]
        conn.rollback()
    return found


def _empty(conn: Connection) -> bool:
    for table in tables():
        if table.name in SKIPPED or table.name in ("settings", "clauses", "search_documents"):
            continue
        if conn.execute(select(func.count()).select_from(table)).scalar():
            return False
    return True


def copy_to(
    source: Database, target_location: str, *, progress: Progress | None = None
) -> list[TableCheck]:
    """Copy ``source`` into a new file or an empty server database, and verify it."""

    if "://" in target_location:
        init_server(target_location)  # the schema, the levels and their grants
    target = open_database(target_location, member=source.member, backup=False)
    try:
        return copy_database(source, target, progress=progress)
    finally:
        target.close()


def copy_database(
    source: Database, target: Database, *, progress: Progress | None = None
) -> list[TableCheck]:
    """Copy everything from ``source`` into the empty ``target``; returns the verified checks."""
    progress = progress or Progress()
    ordered = [t for t in tables() if t.name not in SKIPPED]
    with source.engine.connect() as reader, target.engine.begin() as writer:
        if not _empty(writer):
            raise TransferFailed(
                reason=f"{target.location} already holds records; copy into an empty database"
            )
        if writer.dialect.name == "postgresql":  # the history comes along: none is written
            writer.exec_driver_sql("SET LOCAL workbook.copying = 'on'")
        for table in reversed(ordered):  # what a new database starts with (clauses, ...)
            writer.execute(table.delete())
        for n, table in enumerate(ordered):
            progress.update(n, len(ordered), f"Copying {table.name}")
            rows = (dict(row) for row in reader.execute(select(table)).mappings())
            if table.name == "search_documents":  # numbered by the target's own sequence
                rows = ({k: v for k, v in row.items() if k != "id"} for row in rows)
            load_table(writer, table, rows, batch=BATCH)
            progress.check()
        if writer.dialect.name == "postgresql":
            for name in ("changes", "search_documents"):
                writer.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"COALESCE((SELECT max(id) FROM {name}), 0) + 1, false)"
                    )
                )
        reader.rollback()
    progress.update(len(ordered), len(ordered), "Checking every table")
    before, after = checks(source), checks(target)
    wrong = [
        f"{a.table}: {a.rows} rows here, {b.rows} there"
        if a.rows != b.rows
        else f"{a.table}: the rows differ"
        for a, b in zip(before, after, strict=True)
        if a != b
    ]
    if wrong:
        raise TransferFailed(reason="the copy does not match: " + "; ".join(wrong))
    return after
