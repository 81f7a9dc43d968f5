"""Rows of any table as plain JSON values and back, typed by the table's own columns.

Used by the trash (a deleted record and what its delete took along) and by the archive's
JSON of all records, so both survive a schema that is read without the ORM.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Connection, Table, insert, select

from workbook.domain.models import Base


def encode(value: Any) -> Any:
    """A JSON value for a column value."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def decode(column: Column[Any], value: Any) -> Any:
    """The column value for a JSON value written by ``encode``."""
    if value is None:
        return None
    try:
        kind = column.type.python_type
    except NotImplementedError:
        return value
    if kind is uuid.UUID:
        return uuid.UUID(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    if kind is bytes:
        return base64.b64decode(value)
    return value


def encode_row(table: Table, row: Any) -> dict[str, Any]:
    mapping = row._mapping
    return {c.name: encode(mapping[c]) for c in table.columns}


def decode_row(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(table.columns.keys())
    if unknown:
        raise ValueError(f"{table.name}: unknown columns {sorted(unknown)}")
    return {name: decode(table.columns[name], value) for name, value in data.items()}


def tables() -> list[Table]:
    """Every table of the schema, parents before children."""
    return list(Base.metadata.sorted_tables)


def dump_table(connection: Connection, table: Table, *, batch: int = 5000) -> Iterator[dict]:
    """Every row of ``table`` as JSON values, streamed."""
    result = connection.execution_options(yield_per=batch).execute(
        select(table).order_by(*table.primary_key.columns)
    )
    for row in result:
        yield encode_row(table, row)


def load_table(
    conn: Connection, table: Table, rows: Iterable[dict[str, Any]], *, batch: int = 2000
) -> int:
    """Insert ``rows`` into ``table`` as they are: ids, versions and timestamps kept.

    A row may point to a later row of its own table (a decision superseding another): such
    links are set once every row is in, with the row's own timestamps (an UPDATE would set
    new ones). Returns the number of rows.
    """
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    stamped = [c.name for c in table.columns if c.onupdate is not None]
    later: list[tuple[dict[str, Any], dict[str, Any]]] = []
    pending: list[dict[str, Any]] = []
    count = 0
    for row in rows:
        links = {c: row[c] for c in own if row.get(c) is not None}
        if links:
            later.append((row, {**links, **{c: row[c] for c in stamped}}))
            row = {**row, **dict.fromkeys(own)}
        pending.append(row)
        count += 1
        if len(pending) >= batch:
            conn.execute(insert(table), pending)
            pending = []
    if pending:
        conn.execute(insert(table), pending)
    if later:
        key = next(iter(table.primary_key.columns))
        for row, links in later:
            conn.execute(table.update().where(key == row[key.name]).values(links))
    return count
