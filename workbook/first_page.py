"""A list's first page, read at start-up before SQLAlchemy is loaded.

Importing SQLAlchemy and our models costs more than showing a window does. So that the
window shows the list the user left open at once, the app keeps, from its last session, the
SQL that list's first page and count compile to (``take``: compiled by SQLAlchemy, never
written by hand). The next start runs that SQL with the standard library's ``sqlite3``
(``read``) and shows the rows while SQLAlchemy loads; the real list then takes over.

What is kept is SQL text and column kinds, never the data: every start reads the rows the
database holds now. A kept statement is used only on the same file, by the same version of
the app, on a database at the schema it was compiled for; anything else (a server, another
file, an upgrade, a statement that fails) starts the usual way.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbook import __version__
from workbook.domain.rows import RowView

if TYPE_CHECKING:
    from workbook.services.records import ListQuery

#: How a column's stored value becomes the value SQLAlchemy's result would hold.
CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "raw": lambda value: value,
    "uuid": lambda value: uuid.UUID(hex=value) if isinstance(value, str) else value,
    "date": lambda value: date.fromisoformat(value) if isinstance(value, str) else value,
    "datetime": lambda value: datetime.fromisoformat(value) if isinstance(value, str) else value,
}


@dataclass(frozen=True, slots=True)
class FirstPage:
    """The rows of a list's first page: (id, version, cells) each, and the list's length."""

    entity: str
    columns: tuple[tuple[str, str], ...]  # (key, kind) of each cell, in order
    sort: str | None
    descending: bool | None
    count: int
    rows: tuple[RowView, ...]


def _converter(column: Any, dialect: Any) -> str | None:
    from sqlalchemy import Date, DateTime, Uuid

    kind = column.type
    if isinstance(kind, Uuid) and kind.as_uuid:
        return "uuid"
    if isinstance(kind, DateTime) and not kind.timezone:
        return "datetime"
    if isinstance(kind, Date):
        return "date"
    if kind.dialect_impl(dialect).result_processor(dialect, None) is None:
        return "raw"
    return None  # a type this module does not know how to read back


def take(location: Path, entity: str, query: ListQuery, limit: int) -> str | None:
    """What ``read`` needs to show this list's first page of the SQLite file ``location``:
    its statements compiled for SQLite, as JSON; None when a column cannot be read back."""
    from sqlalchemy.dialects import sqlite

    from workbook.services.records import _ordered, count_statement
    from workbook.services.registry import spec_for
    from workbook.store.migrate import HEAD

    spec = spec_for(entity)
    dialect = sqlite.dialect()
    page = _ordered(None, spec, query).limit(limit)
    converters = [_converter(column, dialect) for column in page.selected_columns]
    if None in converters:
        return None

    def compiled(statement: Any) -> tuple[str, list[Any]]:
        done = statement.compile(dialect=dialect)
        return done.string, [done.params[name] for name in done.positiontup or ()]

    page_sql, page_params = compiled(page)
    count_sql, count_params = compiled(count_statement(None, spec, query))
    return json.dumps(
        {
            "app": __version__,
            "schema": HEAD,
            "location": str(location.resolve()),
            "entity": entity,
            "columns": [[c.key, c.kind] for c in spec.columns],
            "sort": query.sort,
            "descending": query.descending,
            "page": [page_sql, page_params],
            "count": [count_sql, count_params],
            "converters": converters,
        }
    )


def read(location: str | Path, kept: str) -> FirstPage | None:
    """The first page ``kept`` (from ``take``) describes, read from ``location`` now; None
    when it does not apply to this file and this app, or the file cannot be read."""
    from workbook.store.migrate import HEAD

    try:
        plan = json.loads(kept)
        path = Path(location).resolve()
        if (
            plan["app"] != __version__
            or plan["schema"] != HEAD
            or plan["location"] != str(path)
            or not path.is_file()
            or Path(f"{path}-wal").exists()
        ):
            # a log beside the file: the last session did not close it, or another is using
            # it. The usual opening checks the file and says so; this reading would hide it
            return None
        convert = [CONVERTERS[name] for name in plan["converters"]]
        # Not "mode=ro": a read-only connection leaves a log beside the file, which the
        # next opening would take for a session that did not close. This one writes nothing
        # (query_only) and, as the last to close, removes the log it opened.
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True)) as connection:
            connection.execute("PRAGMA query_only=1")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision is None or revision[0] != HEAD:
                return None
            (count,) = connection.execute(*plan["count"]).fetchone()
            rows = tuple(
                RowView(
                    convert[0](row[0]),
                    row[1],
                    tuple(f(v) for f, v in zip(convert[2:], row[2:], strict=True)),
                )
                for row in connection.execute(*plan["page"])
            )
    except (sqlite3.Error, ValueError, KeyError, TypeError, OSError):
        return None  # nothing is lost: the app starts the usual way
    return FirstPage(
        entity=plan["entity"],
        columns=tuple((key, kind) for key, kind in plan["columns"]),
        sort=plan["sort"],
        descending=plan["descending"],
        count=int(count),
        rows=rows,
    )
