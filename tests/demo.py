"""The demo association in a test's database, made once per test process and copied after.

``load_demo`` makes its 114 records through the services (rules, history, search index),
some 0.4 s; a hundred tests start from it. The first test of a process (per day and member
the demo is made for) makes it in a file of its own; every other SQLite database is given a
copy of that file's pages with SQLite's backup API, which writes them into the open
database (2 ms), keeping the database's own association. A database that already holds
records, or a server's, gets ``load_demo`` itself.
"""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from datetime import date
from pathlib import Path

from workbook.demo import is_empty, load_demo
from workbook.domain import clock
from workbook.opening import open_database
from workbook.privacy.log import ASSOCIATION_KEY
from workbook.store.db import Database

_MADE: dict[tuple[date, str], Path] = {}


def _made(db: Database, today: date) -> Path:
    """The demo for ``today``, made in a file that began as ``db`` (empty) does."""
    key = (today, db.member)
    if key not in _MADE:
        path = Path(tempfile.mkdtemp(prefix="demo-template-")) / "demo.sqlite"
        with closing(sqlite3.connect(db.file)) as source, closing(sqlite3.connect(path)) as made:
            source.backup(made)
        template = open_database(path, member=db.member, backup=False)
        try:
            with template.unit() as session:
                load_demo(session, today=today)
        finally:
            template.close()
        _MADE[key] = path
    return _MADE[key]


def fill(db: Database, today: date | None = None) -> None:
    """``db`` holds the demo as ``load_demo(session, today=today)`` makes it."""
    with db.reading() as session:
        empty = is_empty(session)
    if not db.is_sqlite or not empty:
        with db.unit() as session:
            load_demo(session, today=today)  # says why a database with records refuses
        return
    template = _made(db, today or clock.today())
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        (own,) = raw.execute("SELECT value FROM settings WHERE key = ?", (ASSOCIATION_KEY,))
        with closing(sqlite3.connect(template)) as source:
            source.backup(raw)
        raw.execute("UPDATE settings SET value = ? WHERE key = ?", (own[0], ASSOCIATION_KEY))
        raw.commit()
